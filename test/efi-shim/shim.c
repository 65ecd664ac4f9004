/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * efishim.efi: reads its ranges from the load options, takes them from
 * the firmware's free memory, installs the memory-accept protocol, then
 * wraps GetMemoryMap() so that the ranges read as unaccepted memory. It
 * runs under the firmware's own page tables and calls boot services
 * directly. Started as a boot-service driver (relaunch.c) it stays loaded
 * after its entry point returns success, and with it the wrapper, the
 * protocol and the log.
 */
#include <xen/efimap.h>
#include <xen/fmt.h>
#include <xen/string.h>

#include "shim.h"
#include "shimmap.h"
#include "shimopt.h"

static struct efi_system_table *shim_st;
static struct efi_boot_services *shim_bs;
static shim_get_memory_map_fn shim_fw_get_memory_map;
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
static uint8_t shim_map_buf[64 * 1024] __aligned(8);

void shim_line(const char *fmt, ...)
{
    char text[192];
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
 * Puts fn into the GetMemoryMap() slot. UEFI spec 4.2: whoever changes a
 * service table fixes its CRC32.
 */
static void shim_set_get_memory_map(shim_get_memory_map_fn fn)
{
    shim_raise_tpl_fn raise = (shim_raise_tpl_fn)shim_bs->raise_tpl;
    shim_restore_tpl_fn restore = (shim_restore_tpl_fn)shim_bs->restore_tpl;
    shim_calculate_crc32_fn crc32 =
        (shim_calculate_crc32_fn)shim_bs->rest[SHIM_BS_CRC32_SLOT];
    uint64_t old_tpl = raise(SHIM_TPL_HIGH_LEVEL);
    uint32_t crc = 0;

    shim_bs->get_memory_map = fn;
    shim_bs->hdr.crc32 = 0;
    crc32(shim_bs, shim_bs->hdr.header_size, &crc);
    shim_bs->hdr.crc32 = crc;
    restore(old_tpl);
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
    if ( li->code_type != EFIMAP_TYPE_BS_CODE )
        return relaunch_as_driver(image, li, shim_bs);

    if ( (s = shim_parse(li)) != EFI_SUCCESS ||
         (s = shim_check_no_protocol()) != EFI_SUCCESS ||
         (s = shim_check_ranges()) != EFI_SUCCESS ||
         (s = shim_allocate_ranges()) != EFI_SUCCESS )
        return s;
    if ( (s = shim_wrap_get_memory_map()) != EFI_SUCCESS )
    {
        shim_free_ranges(shim_set->nr);
        return s;
    }
    /* Nothing may point into the image once it fails and is unloaded. */
    if ( (s = shim_install_protocol()) != EFI_SUCCESS )
    {
        shim_set_get_memory_map(shim_fw_get_memory_map);
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
    shim_accept_requested();
    return EFI_SUCCESS;
}
