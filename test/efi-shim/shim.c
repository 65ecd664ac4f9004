/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * efishim.efi: reads its ranges from the load options, takes them from
 * the firmware's free memory, installs the memory-accept protocol, then
 * wraps GetMemoryMap() so that the ranges read as unaccepted memory. As
 * asked, it also poisons free memory, plants an ESRT (shimplant.c) and
 * makes the first ExitBootServices() calls fail with a stale key. It
 * runs under the firmware's own page tables and calls boot services
 * directly. Started as a boot-service driver (relaunch.c) it stays loaded
 * after its entry point returns success, and with it the wrapper, the
 * protocol and the log.
 */
#include <xen/efimap.h>
#include <xen/esrt.h>
#include <xen/fmt.h>
#include <xen/string.h>

#include "shim.h"
#include "shimesrt.h"
#include "shimmap.h"
#include "shimopt.h"
#include "shimplant.h"
#include "shimrt.h"
#include "shimsec.h"

static struct efi_system_table *shim_st;
static struct efi_boot_services *shim_bs;
static shim_get_memory_map_fn shim_fw_get_memory_map;
static shim_exit_boot_services_fn shim_fw_exit_boot_services;
/* ExitBootServices() calls failed so far (ebs-fail=). */
static unsigned int shim_ebs_failed;
static struct shimopt shim_opts;
/* The live set: what GetMemoryMap() shows as unaccepted right now. */
static struct shimopt_set *const shim_set = &shim_opts.unaccepted;
static efi_status_t EFIAPI shim_accept_memory(struct shim_memory_accept *self,
                                              uint64_t start_pa,
                                              uint64_t bytes);
static struct shim_memory_accept shim_accept = {
    .accept_memory = shim_accept_memory,
    .signature = SHIM_ACCEPT_SIGNATURE,
};
/* Firmware maps under OVMF are a few KiB; this is for the range check. */
uint8_t shim_map_buf[SHIM_MAP_BUF_BYTES] __aligned(8);

void shim_line(const char *fmt, ...)
{
    char text[ESRT_LINE_MAX + 64];
    char16_t out[sizeof(text) + 8];
    size_t n = 0;
    va_list ap;

    va_start(ap, fmt);
    fmt_vsnprintf(text, sizeof(text), fmt, ap);
    va_end(ap);
    for ( const char *c = "SHIM: "; *c; c++ )
        out[n++] = (unsigned char)*c;
    for ( const char *c = text; *c && n + 3 < ARRAY_SIZE(out); c++ )
        out[n++] = (unsigned char)*c;
    out[n++] = '\r';
    out[n++] = '\n';
    out[n] = 0;
    shim_st->con_out->output_string(shim_st->con_out, out);
}

/* The word of the load options shimopt_parse() stopped at, as ASCII. */
static void shim_word(const struct efi_loaded_image *li,
                      const struct shimopt_where *w, char *out, size_t len)
{
    const uint8_t *b = li->load_options;
    size_t n = 0;

    for ( size_t i = w->offset_chars;
          i < w->offset_chars + w->nr_chars && n + 1 < len; i++ )
    {
        uint16_t c = b[2 * i] | (uint16_t)(b[2 * i + 1] << 8);

        out[n++] = c >= 0x20 && c < 0x7f ? (char)c : '?';
    }
    out[n] = 0;
}

static efi_status_t shim_parse(const struct efi_loaded_image *li)
{
    struct shimopt_where where;
    enum shimopt_status st;
    char word[64];

    st = shimopt_parse(li->load_options,
                       li->load_options ? li->load_options_bytes : 0,
                       &shim_opts, &where);
    if ( st != SHIMOPT_OK )
    {
        shim_word(li, &where, word, sizeof(word));
        shim_line("ERR: load options: %s: \"%s\"", shimopt_strerror(st),
                  word);
        return EFI_INVALID_PARAMETER;
    }
    return EFI_SUCCESS;
}

/* Every range must be conventional memory now, or it is not ours to hide. */
static efi_status_t shim_check_ranges(void)
{
    uint64_t map_bytes = sizeof(shim_map_buf), key, desc_bytes, bad_pa;
    uint32_t desc_version;
    enum shimmap_status st;
    efi_status_t s;

    s = shim_bs->get_memory_map(&map_bytes, shim_map_buf, &key, &desc_bytes,
                                &desc_version);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: GetMemoryMap failed (status 0x%lx)", (unsigned long)s);
        return s;
    }
    for ( unsigned int i = 0; i < shim_set->nr; i++ )
    {
        const struct shimopt_range *r = &shim_set->r[i];

        st = shimmap_covered(shim_map_buf, map_bytes, desc_bytes,
                             EFIMAP_TYPE_CONVENTIONAL, r->start_pa, r->end_pa,
                             &bad_pa);
        if ( st == SHIMMAP_ERR_NOT_COVERED )
        {
            shim_line("ERR: [0x%016lx, 0x%016lx) is not all conventional "
                      "memory: 0x%016lx is not", (unsigned long)r->start_pa,
                      (unsigned long)r->end_pa, (unsigned long)bad_pa);
            return EFI_INVALID_PARAMETER;
        }
        if ( st != SHIMMAP_OK )
        {
            shim_line("ERR: firmware memory map: %s", shimmap_strerror(st));
            return EFI_INVALID_PARAMETER;
        }
    }
    return EFI_SUCCESS;
}

static uint64_t shim_pages(const struct shimopt_range *r)
{
    return (r->end_pa - r->start_pa) / SHIMOPT_PAGE_BYTES;
}

static void shim_free_ranges(unsigned int nr)
{
    for ( unsigned int i = 0; i < nr; i++ )
        shim_bs->free_pages(shim_set->r[i].start_pa,
                            shim_pages(&shim_set->r[i]));
}

/* Takes the ranges from the firmware's free memory, all or none. */
static efi_status_t shim_allocate_ranges(void)
{
    for ( unsigned int i = 0; i < shim_set->nr; i++ )
    {
        const struct shimopt_range *r = &shim_set->r[i];
        uint64_t pa = r->start_pa;
        efi_status_t s;

        s = shim_bs->allocate_pages(SHIM_ALLOCATE_ADDRESS, SHIM_MEM_TYPE,
                                    shim_pages(r), &pa);
        if ( s != EFI_SUCCESS || pa != r->start_pa )
        {
            shim_line("ERR: cannot allocate [0x%016lx, 0x%016lx) "
                      "(status 0x%lx)", (unsigned long)r->start_pa,
                      (unsigned long)r->end_pa, (unsigned long)s);
            shim_free_ranges(i);
            return s != EFI_SUCCESS ? s : EFI_OUT_OF_RESOURCES;
        }
    }
    return EFI_SUCCESS;
}

static void shim_record(uint64_t start_pa, uint64_t bytes, efi_status_t s)
{
    if ( shim_accept.nr_logged < SHIM_ACCEPT_LOG )
    {
        struct shim_accept_record *rec =
            &shim_accept.log[shim_accept.nr_logged++];

        rec->start_pa = start_pa;
        rec->bytes = bytes;
        rec->status = s;
    }
    shim_accept.nr_calls++;
}

/*
 * EDKII_MEMORY_ACCEPT_PROTOCOL.AcceptMemory(): the span must be a page
 * multiple inside one unaccepted range. Its pages go back to the firmware
 * as conventional memory, then leave the set; the set is updated only
 * once the firmware has taken them.
 */
static efi_status_t EFIAPI shim_accept_memory(struct shim_memory_accept *self,
                                              uint64_t start_pa,
                                              uint64_t bytes)
{
    struct shimopt_set next = *shim_set;
    enum shimopt_status st = SHIMOPT_ERR_NOT_INSIDE;
    efi_status_t s = EFI_INVALID_PARAMETER;

    if ( self == &shim_accept )
        st = shimopt_remove(&next, start_pa, bytes);
    if ( st == SHIMOPT_ERR_FULL )
        s = EFI_OUT_OF_RESOURCES;
    if ( st == SHIMOPT_OK )
        s = shim_bs->free_pages(start_pa, bytes / SHIMOPT_PAGE_BYTES);
    if ( st == SHIMOPT_OK && s == EFI_SUCCESS )
        *shim_set = next;
    shim_record(start_pa, bytes, s);

    if ( s == EFI_SUCCESS )
        shim_line("accept [0x%016lx, 0x%016lx) ok", (unsigned long)start_pa,
                  (unsigned long)(start_pa + bytes));
    else if ( st != SHIMOPT_OK )
        shim_line("ERR: accept start 0x%016lx size 0x%lx: %s",
                  (unsigned long)start_pa, (unsigned long)bytes,
                  self == &shim_accept ? shimopt_strerror(st)
                                       : "wrong protocol instance");
    else
        shim_line("ERR: accept start 0x%016lx size 0x%lx: FreePages "
                  "failed (status 0x%lx)", (unsigned long)start_pa,
                  (unsigned long)bytes, (unsigned long)s);
    return s;
}

/*
 * The GetMemoryMap() callers see: the firmware's map and map key, with
 * the shim's allocations shown as unaccepted memory. It neither allocates
 * nor prints, since its caller may be between GetMemoryMap() and
 * ExitBootServices(). A too-small answer asks for room for the splits.
 */
static efi_status_t EFIAPI shim_get_memory_map(uint64_t *map_bytes, void *map,
                                               uint64_t *key,
                                               uint64_t *desc_bytes,
                                               uint32_t *desc_version)
{
    uint64_t buf_bytes = map_bytes ? *map_bytes : 0;
    uint64_t own_desc_bytes = 48;
    size_t out_bytes;
    efi_status_t s;

    if ( !desc_bytes )
        desc_bytes = &own_desc_bytes;
    s = shim_fw_get_memory_map(map_bytes, map, key, desc_bytes, desc_version);
    if ( s == EFI_BUFFER_TOO_SMALL )
        *map_bytes += shimmap_slack_bytes(shim_set, *desc_bytes);
    if ( s != EFI_SUCCESS )
        return s;
    switch ( shimmap_retype(map, *map_bytes, buf_bytes, *desc_bytes,
                            SHIM_MEM_TYPE, EFIMAP_TYPE_UNACCEPTED, shim_set,
                            &out_bytes) )
    {
    case SHIMMAP_OK:
        *map_bytes = out_bytes;
        return EFI_SUCCESS;
    case SHIMMAP_ERR_NO_ROOM:
        *map_bytes = out_bytes;
        return EFI_BUFFER_TOO_SMALL;
    default:
        /* A map the firmware itself got wrong is passed on untouched. */
        return s;
    }
}

/* A second shim, or a firmware that accepts memory itself, would clash. */
static efi_status_t shim_check_no_protocol(void)
{
    static const struct efi_guid guid = SHIM_MEMORY_ACCEPT_GUID;
    void *old;

    if ( shim_bs->locate_protocol(&guid, NULL, &old) != EFI_SUCCESS )
        return EFI_SUCCESS;
    shim_line("ERR: a memory-accept protocol is already installed");
    return EFI_ACCESS_DENIED;
}

static efi_status_t shim_install_protocol(void)
{
    static const struct efi_guid guid = SHIM_MEMORY_ACCEPT_GUID;
    shim_install_protocol_fn install =
        (shim_install_protocol_fn)shim_bs->install_protocol;
    efi_handle_t handle = NULL;
    efi_status_t s;

    s = install(&handle, &guid, SHIM_NATIVE_INTERFACE, &shim_accept);
    if ( s != EFI_SUCCESS )
        shim_line("ERR: InstallProtocolInterface failed (status 0x%lx)",
                  (unsigned long)s);
    return s;
}

/*
 * Changing a boot-services slot: UEFI spec 4.2, whoever changes a
 * service table fixes its CRC32. Nothing may run in between.
 */
static uint64_t shim_bs_edit_begin(void)
{
    return ((shim_raise_tpl_fn)shim_bs->raise_tpl)(SHIM_TPL_HIGH_LEVEL);
}

static void shim_bs_edit_end(uint64_t old_tpl)
{
    shim_calculate_crc32_fn crc32 =
        (shim_calculate_crc32_fn)shim_bs->rest[SHIM_BS_CRC32_SLOT];
    uint32_t crc = 0;

    shim_bs->hdr.crc32 = 0;
    crc32(shim_bs, shim_bs->hdr.header_size, &crc);
    shim_bs->hdr.crc32 = crc;
    ((shim_restore_tpl_fn)shim_bs->restore_tpl)(old_tpl);
}

/* Puts fn into the GetMemoryMap() slot. */
static void shim_set_get_memory_map(shim_get_memory_map_fn fn)
{
    uint64_t old_tpl = shim_bs_edit_begin();

    shim_bs->get_memory_map = fn;
    shim_bs_edit_end(old_tpl);
}

/*
 * Asks the installed wrapper for the map as a caller would, size first,
 * and checks the answer: every range shows as unaccepted memory and no
 * page of the shim's private type is left visible.
 */
static bool shim_wrapper_works(void)
{
    uint64_t map_bytes = 0, key, desc_bytes, bad_pa;
    uint32_t desc_version;
    efi_status_t s;

    s = shim_bs->get_memory_map(&map_bytes, NULL, &key, &desc_bytes,
                                &desc_version);
    if ( s != EFI_BUFFER_TOO_SMALL || map_bytes > sizeof(shim_map_buf) )
    {
        shim_line("ERR: GetMemoryMap wrapper: size query gave status 0x%lx, "
                  "%lu bytes", (unsigned long)s, (unsigned long)map_bytes);
        return false;
    }
    map_bytes = sizeof(shim_map_buf);
    s = shim_bs->get_memory_map(&map_bytes, shim_map_buf, &key, &desc_bytes,
                                &desc_version);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: GetMemoryMap wrapper: status 0x%lx",
                  (unsigned long)s);
        return false;
    }
    for ( unsigned int i = 0; i < shim_set->nr; i++ )
        if ( shimmap_covered(shim_map_buf, map_bytes, desc_bytes,
                             EFIMAP_TYPE_UNACCEPTED, shim_set->r[i].start_pa,
                             shim_set->r[i].end_pa, &bad_pa) != SHIMMAP_OK )
        {
            shim_line("ERR: GetMemoryMap wrapper: 0x%016lx is not shown as "
                      "unaccepted", (unsigned long)bad_pa);
            return false;
        }
    if ( shimmap_count_type(shim_map_buf, map_bytes, desc_bytes,
                            SHIM_MEM_TYPE) )
    {
        shim_line("ERR: GetMemoryMap wrapper: the shim's own type shows");
        return false;
    }
    return true;
}

static efi_status_t shim_wrap_get_memory_map(void)
{
    shim_fw_get_memory_map = shim_bs->get_memory_map;
    shim_set_get_memory_map(shim_get_memory_map);
    if ( shim_wrapper_works() )
        return EFI_SUCCESS;
    shim_set_get_memory_map(shim_fw_get_memory_map);
    return EFI_ABORTED;
}

/*
 * The accept= spans, handed to the protocol the way a loader would reach
 * it, through LocateProtocol(). AcceptMemory() prints each outcome; a
 * refusal is what such a test asks to see, so it does not fail the shim.
 */
static void shim_accept_requested(void)
{
    static const struct efi_guid guid = SHIM_MEMORY_ACCEPT_GUID;
    struct shim_memory_accept *proto;

    if ( !shim_opts.nr_accept )
        return;
    if ( shim_bs->locate_protocol(&guid, NULL, (void **)&proto) !=
         EFI_SUCCESS )
    {
        shim_line("ERR: the memory-accept protocol cannot be located");
        return;
    }
    for ( unsigned int i = 0; i < shim_opts.nr_accept; i++ )
        proto->accept_memory(proto, shim_opts.accept[i].start_pa,
                             shim_opts.accept[i].end_pa -
                             shim_opts.accept[i].start_pa);
}

/*
 * poison=1: every conventional range of the map is taken with
 * AllocateAddress, filled with the pattern of shimesrt.h and given back,
 * so whoever reads free memory later without writing it reads garbage.
 * Page 0 is left alone; a range the firmware will not hand out (it may
 * have changed since the map was read) is skipped and counted.
 */
static efi_status_t shim_poison(void)
{
    uint64_t map_bytes = sizeof(shim_map_buf), key, desc_bytes, pages = 0;
    unsigned int nr = 0, skipped = 0;
    uint32_t desc_version;
    efi_status_t s;

    s = shim_bs->get_memory_map(&map_bytes, shim_map_buf, &key, &desc_bytes,
                                &desc_version);
    if ( s != EFI_SUCCESS || desc_bytes < sizeof(struct efimap_fw_desc) )
    {
        shim_line("ERR: poison: GetMemoryMap failed (status 0x%lx)",
                  (unsigned long)s);
        return s != EFI_SUCCESS ? s : EFI_UNSUPPORTED;
    }
    for ( uint64_t off = 0; off + desc_bytes <= map_bytes; off += desc_bytes )
    {
        struct efimap_fw_desc d;
        uint64_t pa, n, got;

        memcpy(&d, shim_map_buf + off, sizeof(d));
        if ( d.type != EFIMAP_TYPE_CONVENTIONAL || !d.nr_pages )
            continue;
        pa = d.phys_start;
        n = d.nr_pages;
        if ( !pa && !--n )
            continue;
        if ( !pa )
            pa = EFIMAP_PAGE_BYTES;
        got = pa;
        if ( shim_bs->allocate_pages(SHIM_ALLOCATE_ADDRESS, EFI_LOADER_DATA,
                                     n, &got) != EFI_SUCCESS || got != pa )
        {
            skipped++;
            continue;
        }
        for ( uint64_t *w = (uint64_t *)(uintptr_t)pa;
              w < (uint64_t *)(uintptr_t)(pa + n * EFIMAP_PAGE_BYTES); w++ )
            *w = shimesrt_poison_word((uint64_t)(uintptr_t)w);
        shim_bs->free_pages(pa, n);
        pages += n;
        nr++;
    }
    shim_line("poisoned %lu pages in %u ranges, %u ranges skipped",
              (unsigned long)pages, nr, skipped);
    return EFI_SUCCESS;
}

/*
 * The ExitBootServices() callers see with ebs-fail=K: the first K calls
 * change the memory map (one page allocated and freed, so the caller's
 * key is stale at the firmware too), print a line and fail as a stale key
 * does; later calls go to the firmware.
 */
static efi_status_t EFIAPI shim_exit_boot_services(efi_handle_t image,
                                                   uint64_t key)
{
    uint64_t map_bytes = sizeof(shim_map_buf), new_key = key, desc_bytes;
    uint32_t desc_version;
    uint64_t pa;

    if ( shim_ebs_failed >= shim_opts.ebs_fail )
        return shim_fw_exit_boot_services(image, key);
    shim_ebs_failed++;
    if ( shim_bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFIMAP_TYPE_BS_DATA,
                                 1, &pa) == EFI_SUCCESS )
        shim_bs->free_pages(pa, 1);
    if ( shim_fw_get_memory_map(&map_bytes, shim_map_buf, &new_key,
                                &desc_bytes, &desc_version) != EFI_SUCCESS ||
         new_key == key )
        shim_line("ERR: ebs-fail %u of %u: the map key did not change",
                  shim_ebs_failed, shim_opts.ebs_fail);
    else
        shim_line("ebs-fail %u of %u: map key changed", shim_ebs_failed,
                  shim_opts.ebs_fail);
    return EFI_INVALID_PARAMETER;
}

/* ebs-fail=K with K > 0: puts the wrapper into the slot. */
static void shim_wrap_exit_boot_services(void)
{
    uint64_t old_tpl;

    if ( !shim_opts.ebs_fail )
        return;
    old_tpl = shim_bs_edit_begin();
    shim_fw_exit_boot_services = shim_bs->exit_boot_services;
    shim_bs->exit_boot_services = shim_exit_boot_services;
    shim_bs_edit_end(old_tpl);
    shim_line("ExitBootServices wrapped: first %u calls fail",
              shim_opts.ebs_fail);
}

/*
 * fragment=N: N single pages of boot-services data (runtime-services
 * data with fragment-type=rtdata), each followed by a free page, so the
 * memory map gains about 2 * N descriptors (large servers and fragmented
 * firmware hand over maps of thousands, some with hundreds of runtime
 * descriptors). A run of 2 * N pages is taken and every other page given
 * back. Last of all, so
 * no step of the shim reads the grown map.
 */
static efi_status_t shim_fragment(uint32_t n)
{
    uint64_t pa, map_bytes = 0, key, desc_bytes = 0;
    uint32_t desc_version, freed = 0;
    uint32_t type = shim_opts.fragment_rt ? EFIMAP_TYPE_RS_DATA
                                          : EFIMAP_TYPE_BS_DATA;
    efi_status_t s;

    s = shim_bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, type, 2ULL * n, &pa);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: fragment: cannot allocate %u pages (status 0x%lx)",
                  2 * n, (unsigned long)s);
        return s;
    }
    for ( uint32_t i = 0; i < n; i++ )
        if ( shim_bs->free_pages(pa + (2ULL * i + 1) * EFIMAP_PAGE_BYTES,
                                 1) == EFI_SUCCESS )
            freed++;
    shim_bs->get_memory_map(&map_bytes, NULL, &key, &desc_bytes,
                            &desc_version);
    shim_line("fragment: %u single pages of %s data from "
              "0x%016lx, every other page of 0x%lx freed (%u); the map has "
              "%lu descriptors", n,
              shim_opts.fragment_rt ? "runtime-services" : "boot-services",
              (unsigned long)pa,
              (unsigned long)(2ULL * n * EFIMAP_PAGE_BYTES), freed,
              desc_bytes ? (unsigned long)(map_bytes / desc_bytes) : 0UL);
    return freed == n ? EFI_SUCCESS : EFI_OUT_OF_RESOURCES;
}

/*
 * start=PATH: loads PATH from the shim's own device and starts it, with
 * the text after "--" as its load options, as shim starts its next
 * loader. Returns only if that fails or the image returns.
 */
static efi_status_t shim_start_next(efi_handle_t image,
                                    const struct efi_loaded_image *li)
{
    static const struct efi_guid dp_guid = EFI_DEVICE_PATH_GUID;
    static const struct efi_guid li_guid = EFI_LOADED_IMAGE_GUID;
    static uint8_t dp[1024];
    const uint8_t *opts = li->load_options, *dev;
    shim_load_image_fn load = (shim_load_image_fn)shim_bs->load_image;
    shim_start_image_fn start = (shim_start_image_fn)shim_bs->start_image;
    struct efi_loaded_image *child_li;
    efi_handle_t child = NULL;
    size_t n = 0, node;
    char path[128];
    efi_status_t s;

    if ( shim_opts.start_chars >= sizeof(path) ||
         shim_bs->handle_protocol(li->device, &dp_guid,
                                  (void **)&dev) != EFI_SUCCESS )
    {
        shim_line("ERR: start: no device path for the shim's device");
        return EFI_NOT_FOUND;
    }
    /* The device's own path up to its end node, then the file. */
    while ( dev[0] != EFI_DP_TYPE_END )
    {
        node = dev[2] | (size_t)dev[3] << 8;
        if ( node < 4 || n + node + 8 + 2 * sizeof(path) > sizeof(dp) )
            return EFI_LOAD_ERROR;
        memcpy(dp + n, dev, node);
        n += node;
        dev += node;
    }
    node = 4 + 2 * (shim_opts.start_chars + 1);
    dp[n] = EFI_DP_TYPE_MEDIA;
    dp[n + 1] = EFI_DP_SUBTYPE_FILE;
    dp[n + 2] = (uint8_t)node;
    dp[n + 3] = (uint8_t)(node >> 8);
    memcpy(dp + n + 4, opts + 2 * shim_opts.start_at,
           2 * shim_opts.start_chars);
    dp[n + node - 2] = dp[n + node - 1] = 0;
    for ( size_t i = 0; i < shim_opts.start_chars; i++ )
        path[i] = (char)opts[2 * (shim_opts.start_at + i)];
    path[shim_opts.start_chars] = 0;
    n += node;
    memcpy(dp + n, (const uint8_t[]){ EFI_DP_TYPE_END, 0xff, 4, 0 }, 4);

    s = load(0, image, dp, NULL, 0, &child);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: start: cannot load %s (status 0x%lx)", path,
                  (unsigned long)s);
        return s;
    }
    if ( shim_opts.has_child &&
         shim_bs->handle_protocol(child, &li_guid,
                                  (void **)&child_li) == EFI_SUCCESS )
    {
        size_t units = li->load_options_bytes / 2;

        while ( units > shim_opts.child_at &&
                !(opts[2 * (units - 1)] | opts[2 * units - 1]) )
            units--;
        child_li->load_options = (void *)(opts + 2 * shim_opts.child_at);
        child_li->load_options_bytes =
            (uint32_t)(2 * (units - shim_opts.child_at));
    }
    shim_line("starting %s", path);
    return start(child, NULL, NULL);
}

efi_status_t EFIAPI shim_entry(efi_handle_t image, struct efi_system_table *st)
{
    static const struct efi_guid li_guid = EFI_LOADED_IMAGE_GUID;
    struct efi_loaded_image *li;
    efi_status_t s;

    shim_st = st;
    shim_bs = st->bs;
    s = shim_bs->handle_protocol(image, &li_guid, (void **)&li);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: no loaded-image protocol (status 0x%lx)",
                  (unsigned long)s);
        return s;
    }
    /*
     * As an application the shim relaunches itself as a driver, unless it
     * is to start the next image itself (then it stays loaded anyway).
     */
    if ( (s = shim_parse(li)) != EFI_SUCCESS )
        return s;
    if ( li->code_type != EFIMAP_TYPE_BS_CODE && !shim_opts.has_start )
        return relaunch_as_driver(image, li, shim_bs);

    if ( (s = shim_check_no_protocol()) != EFI_SUCCESS ||
         (s = shim_check_ranges()) != EFI_SUCCESS ||
         (s = shim_allocate_ranges()) != EFI_SUCCESS )
        return s;
    if ( shim_opts.poison && (s = shim_poison()) != EFI_SUCCESS )
    {
        shim_free_ranges(shim_set->nr);
        return s;
    }
    if ( (s = shimplant_esrt(shim_st, &shim_opts.esrt)) != EFI_SUCCESS )
    {
        shim_free_ranges(shim_set->nr);
        return s;
    }
    if ( shim_opts.has_acpi20 )
        shimplant_acpi20(shim_st, shim_opts.acpi20_pa);
    if ( (s = shim_wrap_get_memory_map()) != EFI_SUCCESS )
    {
        shimplant_esrt_undo();
        shim_free_ranges(shim_set->nr);
        return s;
    }
    /* Nothing may point into the image once it fails and is unloaded. */
    if ( (s = shim_install_protocol()) != EFI_SUCCESS )
    {
        shim_set_get_memory_map(shim_fw_get_memory_map);
        shimplant_esrt_undo();
        shim_free_ranges(shim_set->nr);
        return s;
    }

    for ( unsigned int i = 0; i < shim_set->nr; i++ )
        shim_line("unaccepted [0x%016lx, 0x%016lx) %lu pages",
                  (unsigned long)shim_set->r[i].start_pa,
                  (unsigned long)shim_set->r[i].end_pa,
                  (unsigned long)shim_pages(&shim_set->r[i]));
    shim_line("unaccepted total %lu pages in %u ranges",
              (unsigned long)shimopt_total_pages(shim_set), shim_set->nr);
    shim_line("memory-accept protocol installed");
    shim_line("GetMemoryMap wrapped");
    shim_wrap_exit_boot_services();
    shim_accept_requested();
    /* Last: a failure here leaves the rest installed, as its line says. */
    if ( (s = shimsec_setup(shim_st, &shim_opts)) != EFI_SUCCESS ||
         (s = shimrt_setup(shim_st, &shim_opts)) != EFI_SUCCESS ||
         (shim_opts.fragment &&
          (s = shim_fragment(shim_opts.fragment)) != EFI_SUCCESS) )
        return s;
    return shim_opts.has_start ? shim_start_next(image, li) : EFI_SUCCESS;
}
