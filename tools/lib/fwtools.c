/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dom0 firmware tools, once for every back end (tools/lib/fwtools.h).
 * Each tool asks through the back end, decides with tools/lib/fwinfo.c and
 * prints the lines of docs/tools.md.
 */
#include <public/errno.h>
#include <xen/esrt.h>
#include <xen/fmt.h>

#include "fwinfo.h"
#include "fwtools.h"

/* Xen keeps at most 1024 e820 entries (reference 3.1). */
#define FWTOOLS_E820_MAX        1024
/* Room for 512 EFI memory descriptors of 48 bytes. */
/* The largest ESRT Linux takes: the header and 128 entries. */
#define FWTOOLS_ESRT_MAX_BYTES \
    (FWINFO_ESRT_HDR_BYTES + FWINFO_ESRT_LINUX_MAX * FWINFO_ESRT_ENTRY_BYTES)

static void __printf(2, 3) out(const struct fwtools_backend *b,
                               const char *fmt, ...)
{
    char line[FWTOOLS_LINE_MAX];
    va_list ap;

    va_start(ap, fmt);
    fmt_vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    b->line(b->ctx, line);
}

/* "TOOL: WHAT: error rc=RC (ENAME)", and the back end's hint if any. */
static void out_error(const struct fwtools_backend *b, const char *tool,
                      const char *what, long rc, bool mapping)
{
    const char *hint = mapping && b->map_hint ? b->map_hint(b->ctx, rc)
                                              : NULL;

    out(b, "%s: %s: error rc=%ld (%s)", tool, what, rc,
        fwinfo_errno_name(rc));
    if ( hint )
        out(b, "%s: hint: %s", tool, hint);
}

long fwtools_find_config_table(const struct fwtools_backend *b,
                               const void *guid, uint64_t *pa)
{
    union xenpf_efi_info info = { 0 };
    const uint8_t *e;
    uint32_t i;
    long rc;

    rc = b->efi_info(b->ctx, XEN_FW_EFI_CONFIG_TABLE, &info);
    if ( rc )
        return rc;
    for ( i = 0; i < info.cfg.nent; i++ )
    {
        /* One entry at a time: the array may be longer than a view. */
        e = b->map(b->ctx, info.cfg.addr +
                   (uint64_t)i * FWINFO_CFG_ENTRY_BYTES,
                   FWINFO_CFG_ENTRY_BYTES, &rc);
        if ( !e )
            return rc;
        if ( !__builtin_memcmp(e, guid, 16) )
        {
            __builtin_memcpy(pa, e + 16, sizeof(*pa));
            b->unmap(b->ctx, e, FWINFO_CFG_ENTRY_BYTES);
            return 0;
        }
        b->unmap(b->ctx, e, FWINFO_CFG_ENTRY_BYTES);
    }
    return -XEN_ENOENT;
}

/* ---- xen-info ------------------------------------------------------------ */

static int info_config_tables(const struct fwtools_backend *b)
{
    union xenpf_efi_info info = { 0 };
    char line[FWINFO_LINE_MAX];
    const uint8_t *e;
    uint32_t i;
    long rc;

    rc = b->efi_info(b->ctx, XEN_FW_EFI_CONFIG_TABLE, &info);
    if ( rc )
    {
        out_error(b, "xen-info", "config_table", rc, false);
        return rc == -XEN_ENOSYS ? FWTOOLS_EXIT_NONE : FWTOOLS_EXIT_ERROR;
    }
    out(b, "xen-info: config_table addr=0x%llx nent=%u",
        (unsigned long long)info.cfg.addr, info.cfg.nent);
    for ( i = 0; i < info.cfg.nent; i++ )
    {
        e = b->map(b->ctx, info.cfg.addr +
                   (uint64_t)i * FWINFO_CFG_ENTRY_BYTES,
                   FWINFO_CFG_ENTRY_BYTES, &rc);
        if ( !e )
        {
            out_error(b, "xen-info", "config_table map", rc, true);
            return FWTOOLS_EXIT_ERROR;
        }
        out(b, "xen-info: %s", fwinfo_cfg_line(line, i, e));
        b->unmap(b->ctx, e, FWINFO_CFG_ENTRY_BYTES);
    }
    return FWTOOLS_EXIT_OK;
}

int fwtools_info(const struct fwtools_backend *b)
{
    union xenpf_efi_info info = { 0 };
    const size_t name_bytes = 128;
    char vendor[64];
    uint16_t *name;
    long rc;

    rc = b->efi_info(b->ctx, XEN_FW_EFI_VERSION, &info);
    if ( rc )
        out_error(b, "xen-info", "version", rc, false);
    else
        out(b, "xen-info: efi version=0x%x (%u.%u)", info.version,
            info.version >> 16, info.version & 0xffff);

    name = b->buf_alloc(b->ctx, name_bytes);
    if ( !name )
        out_error(b, "xen-info", "vendor buffer", -XEN_ENOMEM, false);
    else
    {
        __builtin_memset(&info, 0, sizeof(info));
        info.vendor.bufsz = name_bytes;
        set_xen_guest_handle(info.vendor.name, name);
        rc = b->efi_info(b->ctx, XEN_FW_EFI_VENDOR, &info);
        if ( rc )
            out_error(b, "xen-info", "vendor", rc, false);
        else
            out(b, "xen-info: vendor=\"%s\" revision=0x%x",
                fwinfo_ucs2_ascii(vendor, sizeof(vendor), name,
                                  name_bytes / 2),
                info.vendor.revision);
        b->buf_free(b->ctx, name, name_bytes);
    }

    __builtin_memset(&info, 0, sizeof(info));
    rc = b->efi_info(b->ctx, XEN_FW_EFI_RT_VERSION, &info);
    if ( rc )
        out_error(b, "xen-info", "rt_version", rc, false);
    else
        out(b, "xen-info: rt_version=0x%x", info.version);

    return info_config_tables(b);
}

/* ---- xen-esrt ------------------------------------------------------------ */

/* What XEN_FW_EFI_MEM_INFO says of the ESRT's region. */
struct esrt_region {
    uint64_t room;                  /* table to region end (0: unknown) */
    uint32_t type;                  /* EFI memory type (0 when unknown) */
};

/* Asks for and prints the region holding pa. */
static void esrt_region(const struct fwtools_backend *b, uint64_t pa,
                        struct esrt_region *r)
{
    union xenpf_efi_info info = { 0 };
    char line[FWINFO_LINE_MAX];
    uint64_t page = pa & ~(uint64_t)0xfff;
    long rc;

    info.mem.addr = page;
    info.mem.size = ~(uint64_t)0 - page;
    rc = b->efi_info(b->ctx, XEN_FW_EFI_MEM_INFO, &info);
    if ( rc )
    {
        /* Linux carries on with type 0 and no room (reference 5). */
        out_error(b, "xen-esrt", "mem_info", rc, false);
        info.mem.type = 0;
        info.mem.attr = 0;
        info.mem.size = 0;
    }
    else
        out(b, "xen-esrt: %s", fwinfo_meminfo_line(line, page,
            info.mem.type, info.mem.attr, info.mem.size));
    out(b, "xen-esrt: linux table rule (type 0/5/6/9/10): %s",
        fwinfo_linux_table_type_ok(info.mem.type) ? "accept" : "refuse");
    out(b, "xen-esrt: linux esrt rule (RUNTIME or type 4/6/9/10): %s",
        fwinfo_linux_esrt_mem_ok(info.mem.type, info.mem.attr)
        ? "accept" : "refuse");
    r->room = rc ? 0 : fwinfo_meminfo_room(pa, info.mem.size);
    r->type = info.mem.type;
    out(b, "xen-esrt: region room=0x%llx", (unsigned long long)r->room);
}

/*
 * The ESRT the running kernel shows (Linux's sysfs), against the table
 * the hypervisor's memory holds (t, 16 + 40 * nr readable bytes).
 */
static void esrt_kernel_compare(const struct fwtools_backend *b,
                                const uint8_t *t, uint32_t nr)
{
    char line[ESRT_LINE_MAX];
    uint32_t i, kn, same = 0;
    uint8_t *k;
    long len;

    k = b->buf_alloc(b->ctx, FWTOOLS_ESRT_MAX_BYTES);
    if ( !k )
        return;
    len = b->kernel_esrt(b->ctx, k, FWTOOLS_ESRT_MAX_BYTES);
    if ( len == -XEN_ENOENT )
        out(b, "xen-esrt: kernel: no ESRT");
    else if ( len < FWINFO_ESRT_HDR_BYTES )
        out_error(b, "xen-esrt", "kernel", len < 0 ? len : -XEN_EIO,
                  false);
    else
    {
        kn = (len - FWINFO_ESRT_HDR_BYTES) / FWINFO_ESRT_ENTRY_BYTES;
        out(b, "xen-esrt: kernel: %s (%s)", esrt_header_line(line, k),
            __builtin_memcmp(k, t, FWINFO_ESRT_HDR_BYTES) ? "differs"
                                                          : "same");
        for ( i = 0; i < kn; i++ )
        {
            const uint8_t *ke = k + FWINFO_ESRT_HDR_BYTES +
                                i * FWINFO_ESRT_ENTRY_BYTES;
            bool eq = i < nr &&
                      !__builtin_memcmp(ke, t + FWINFO_ESRT_HDR_BYTES +
                                        i * FWINFO_ESRT_ENTRY_BYTES,
                                        FWINFO_ESRT_ENTRY_BYTES);

            same += eq;
            out(b, "xen-esrt: kernel: %s (%s)", esrt_entry_line(line, i, ke),
                eq ? "same" : "differs");
        }
        out(b, "xen-esrt: kernel: %u of %u entries the same as the "
            "hypervisor's %u", same, kn, nr);
    }
    b->buf_free(b->ctx, k, FWTOOLS_ESRT_MAX_BYTES);
}

/* Entries per view: a view is at most 8 KiB (fwtools_backend.map). */
#define ESRT_VIEW_ENTRIES   200

/*
 * Prints entries [0, nr) of the table at pa, a view of at most
 * ESRT_VIEW_ENTRIES at a time; whole says all count entries are readable,
 * so the inside view of a short copy can be looked for. Returns false
 * when that view shows the copy is short.
 */
static bool esrt_entries(const struct fwtools_backend *b, uint64_t pa,
                         uint32_t nr, bool whole)
{
    char line[ESRT_LINE_MAX];
    bool short_copy = false;
    const uint8_t *t;
    uint32_t i, n;
    long rc;

    for ( i = 0; i < nr; i += n )
    {
        size_t size;

        n = MIN(nr - i, (uint32_t)ESRT_VIEW_ENTRIES);
        size = (size_t)n * FWINFO_ESRT_ENTRY_BYTES;
        t = b->map(b->ctx, pa + FWINFO_ESRT_HDR_BYTES +
                   (uint64_t)i * FWINFO_ESRT_ENTRY_BYTES, size, &rc);
        if ( !t )
        {
            out_error(b, "xen-esrt", "map entries", rc, true);
            return true;
        }
        for ( uint32_t j = 0; j < n; j++ )
            out(b, "xen-esrt: %s", esrt_entry_line(line, i + j,
                t + (size_t)j * FWINFO_ESRT_ENTRY_BYTES));
        if ( whole && i + n == nr && fwinfo_esrt_last_entry_pool_tail(
                 t + (size_t)(n - 1) * FWINFO_ESRT_ENTRY_BYTES) )
            short_copy = true;
        b->unmap(b->ctx, t, size);
    }
    if ( short_copy )
        out(b, "xen-esrt: truncated: firmware pool tail \"ptal\" at table "
            "offset 0x%x, inside entry %u: the hypervisor copied 0x%x of "
            "0x%x bytes (Xen 4.17 copies 16 bytes short)",
            nr * FWINFO_ESRT_ENTRY_BYTES, nr - 1,
            nr * FWINFO_ESRT_ENTRY_BYTES,
            FWINFO_ESRT_HDR_BYTES + nr * FWINFO_ESRT_ENTRY_BYTES);
    return !short_copy;
}

/* The kernel's view against the first entries (as many as Linux takes). */
static void esrt_kernel(const struct fwtools_backend *b, uint64_t pa,
                        uint32_t nr)
{
    size_t size;
    const uint8_t *t;
    long rc;

    nr = MIN(nr, (uint32_t)FWINFO_ESRT_LINUX_MAX);
    size = FWINFO_ESRT_HDR_BYTES + (size_t)nr * FWINFO_ESRT_ENTRY_BYTES;
    t = b->map(b->ctx, pa, size, &rc);
    if ( !t )
    {
        out_error(b, "xen-esrt", "map table", rc, true);
        return;
    }
    esrt_kernel_compare(b, t, nr);
    b->unmap(b->ctx, t, size);
}

int fwtools_esrt(const struct fwtools_backend *b)
{
    char line[ESRT_LINE_MAX];
    enum fwinfo_esrt_status st;
    struct esrt_region reg;
    struct fwinfo_esrt e;
    const void *hdr;
    uint32_t nr;
    uint64_t pa;
    bool intact;
    long rc;

    rc = fwtools_find_config_table(b, fwinfo_esrt_guid, &pa);
    if ( rc == -XEN_ENOENT )
    {
        out(b, "xen-esrt: no ESRT in the configuration table");
        out(b, "xen-esrt: result=none");
        return FWTOOLS_EXIT_NONE;
    }
    if ( rc )
    {
        out_error(b, "xen-esrt", "config_table", rc, rc != -XEN_ENOSYS);
        out(b, "xen-esrt: result=none");
        return rc == -XEN_ENOSYS ? FWTOOLS_EXIT_NONE : FWTOOLS_EXIT_ERROR;
    }
    out(b, "xen-esrt: table at 0x%llx", (unsigned long long)pa);

    esrt_region(b, pa, &reg);
    if ( reg.room < FWINFO_ESRT_HDR_BYTES )
    {
        out(b, "xen-esrt: check: %s",
            fwinfo_esrt_strerror(FWINFO_ESRT_NO_ROOM_HEADER));
        out(b, "xen-esrt: result=invalid");
        return FWTOOLS_EXIT_INVALID;
    }
    hdr = b->map(b->ctx, pa, FWINFO_ESRT_HDR_BYTES, &rc);
    if ( !hdr )
    {
        out_error(b, "xen-esrt", "map header", rc, true);
        /* Memory freed at ExitBootServices that someone now owns. */
        if ( fwinfo_efi_free_after_boot(reg.type) )
        {
            char why[48];

            fmt_snprintf(why, sizeof(why), "map: rc=%ld (%s)", rc,
                         fwinfo_errno_name(rc));
            out(b, "xen-esrt: %s", fwinfo_esrt_gone_line(line, reg.type,
                                                          why));
            out(b, "xen-esrt: result=invalid");
            return FWTOOLS_EXIT_INVALID;
        }
        out(b, "xen-esrt: result=unreadable");
        return FWTOOLS_EXIT_ERROR;
    }
    out(b, "xen-esrt: %s", esrt_header_line(line, hdr));
    st = fwinfo_esrt_check(hdr, reg.room, &e);
    b->unmap(b->ctx, hdr, FWINFO_ESRT_HDR_BYTES);

    /* In memory nothing keeps, a failed check means overwritten. */
    if ( fwinfo_esrt_gone(st, reg.type) )
    {
        out(b, "xen-esrt: %s", fwinfo_esrt_gone_line(line, reg.type,
            fwinfo_esrt_strerror(st)));
        out(b, "xen-esrt: result=invalid");
        return FWTOOLS_EXIT_INVALID;
    }
    if ( st == FWINFO_ESRT_TRUNCATED )
        out(b, "xen-esrt: truncated: region holds 0x%llx bytes of a "
            "0x%llx-byte table (%llu short; Xen 4.17 copies 16 bytes "
            "short)", (unsigned long long)reg.room,
            (unsigned long long)e.table_bytes,
            (unsigned long long)(e.table_bytes - reg.room));
    out(b, "xen-esrt: check: %s", fwinfo_esrt_strerror(st));
    intact = true;
    if ( st == FWINFO_ESRT_OK || st == FWINFO_ESRT_TRUNCATED ||
         st == FWINFO_ESRT_COUNT_OVER_MAX )
    {
        /* Every entry that can be read, up to what any hypervisor keeps. */
        nr = MIN(e.nr_whole, (uint32_t)FWINFO_ESRT_PRINT_MAX);
        intact = esrt_entries(b, pa, nr, st == FWINFO_ESRT_OK);
        if ( nr < e.nr_whole )
            out(b, "xen-esrt: %u more entries not printed",
                e.nr_whole - nr);
        if ( e.over_linux )
            out(b, "xen-esrt: %s", fwinfo_esrt_linux_line(line, e.count));
        if ( b->kernel_esrt )
            esrt_kernel(b, pa, nr);
    }
    if ( st != FWINFO_ESRT_OK )
    {
        out(b, "xen-esrt: result=invalid");
        return FWTOOLS_EXIT_INVALID;
    }
    out(b, "xen-esrt: result=ok count=%u", e.count);
    return intact ? FWTOOLS_EXIT_OK : FWTOOLS_EXIT_INVALID;
}

/* ---- xen-e820 and xen-efimap --------------------------------------------- */

/* The machine e820, each line prefixed "TOOL: ". */
static int e820_print(const struct fwtools_backend *b, const char *tool)
{
    struct xen_memory_map map = { .nr_entries = FWTOOLS_E820_MAX };
    const size_t size = FWTOOLS_E820_MAX * FWINFO_E820_BYTES;
    char line[FWINFO_LINE_MAX];
    unsigned int i;
    uint8_t *buf;
    long rc;

    buf = b->buf_alloc(b->ctx, size);
    if ( !buf )
    {
        out_error(b, tool, "buffer", -XEN_ENOMEM, false);
        return FWTOOLS_EXIT_ERROR;
    }
    set_xen_guest_handle(map.buffer, buf);
    rc = b->machine_memory_map(b->ctx, &map);
    if ( rc )
    {
        out_error(b, tool, "machine_memory_map", rc, false);
        b->buf_free(b->ctx, buf, size);
        return FWTOOLS_EXIT_ERROR;
    }
    out(b, "%s: %u entries", tool, map.nr_entries);
    for ( i = 0; i < map.nr_entries && i < FWTOOLS_E820_MAX; i++ )
        out(b, "%s: %s", tool, fwinfo_e820_line(line, i,
            buf + i * FWINFO_E820_BYTES));
    b->buf_free(b->ctx, buf, size);
    return FWTOOLS_EXIT_OK;
}

int fwtools_e820(const struct fwtools_backend *b)
{
    return e820_print(b, "xen-e820");
}

/* XEN_FW_EFI_MEMORY_MAP into size bytes at buf (NULL: sizes only). */
static long efimap_query(const struct fwtools_backend *b,
                         union xenpf_efi_info *info, void *buf,
                         uint64_t size)
{
    __builtin_memset(info, 0, sizeof(*info));
    set_xen_guest_handle(info->memmap.buffer, buf);
    info->memmap.size = size;
    return b->efi_info(b->ctx, XEN_FW_EFI_MEMORY_MAP, info);
}

/*
 * The ranges the hypervisor owns: reserved (type 0) in its map, of another
 * type in the firmware's own descriptor (XEN_FW_EFI_MEM_INFO, unmerged).
 */
static void efimap_owned(const struct fwtools_backend *b, const uint8_t *buf,
                         uint32_t nr, uint32_t desc_size)
{
    union xenpf_efi_info info;
    uint32_t i, owned = 0;

    for ( i = 0; i < nr; i++ )
    {
        const uint8_t *d = buf + (size_t)i * desc_size;
        uint64_t start, pages;
        uint32_t type;

        __builtin_memcpy(&type, d, sizeof(type));
        __builtin_memcpy(&start, d + 8, sizeof(start));
        __builtin_memcpy(&pages, d + 24, sizeof(pages));
        if ( type )
            continue;
        __builtin_memset(&info, 0, sizeof(info));
        info.mem.addr = start;
        info.mem.size = pages << 12;
        if ( b->efi_info(b->ctx, XEN_FW_EFI_MEM_INFO, &info) ||
             !info.mem.type )
            continue;
        owned++;
        out(b, "xen-efimap: hypervisor-owned %u: [0x%016llx, 0x%016llx) "
            "firmware type=%u %s", i, (unsigned long long)start,
            (unsigned long long)(start + (pages << 12)), info.mem.type,
            fwinfo_efi_type_name(info.mem.type));
    }
    out(b, "xen-efimap: %u reserved ranges owned by the hypervisor", owned);
}

int fwtools_efimap(const struct fwtools_backend *b)
{
    union xenpf_efi_info info;
    char line[FWINFO_LINE_MAX];
    uint64_t size;
    uint8_t *buf;
    uint32_t i;
    long rc;

    /* A null buffer asks for the sizes only. */
    rc = efimap_query(b, &info, NULL, 0);
    if ( rc )
    {
        out(b, "xen-efimap: not available from this hypervisor: "
            "rc=%ld (%s)", rc, fwinfo_errno_name(rc));
        out(b, "xen-efimap: Xen has no XEN_FW_EFI_MEMORY_MAP sub-op; what "
            "it shows instead is the host e820 from "
            "XENMEM_machine_memory_map:");
        e820_print(b, "xen-efimap");
        return FWTOOLS_EXIT_NONE;
    }
    /* A map of any size: the buffer is what the first answer says. */
    size = info.memmap.size;
    if ( info.memmap.desc_size < XEN_FW_EFI_MEMORY_DESC_MIN_SIZE ||
         !size )
    {
        out(b, "xen-efimap: cannot take the map: desc_size=%u size=0x%llx",
            info.memmap.desc_size, (unsigned long long)info.memmap.size);
        return FWTOOLS_EXIT_ERROR;
    }
    buf = b->buf_alloc(b->ctx, size);
    if ( !buf )
    {
        out_error(b, "xen-efimap", "buffer", -XEN_ENOMEM, false);
        return FWTOOLS_EXIT_ERROR;
    }
    rc = efimap_query(b, &info, buf, size);
    if ( rc )
        out_error(b, "xen-efimap", "memory_map", rc, false);
    else if ( info.memmap.desc_size < XEN_FW_EFI_MEMORY_DESC_MIN_SIZE ||
              (uint64_t)info.memmap.nr_desc * info.memmap.desc_size >
              size )
    {
        out(b, "xen-efimap: bad answer: desc_size=%u nr_desc=%u",
            info.memmap.desc_size, info.memmap.nr_desc);
        rc = -XEN_EINVAL;
    }
    else
    {
        out(b, "xen-efimap: %u descriptors of %u bytes, version %u",
            info.memmap.nr_desc, info.memmap.desc_size,
            info.memmap.desc_version);
        for ( i = 0; i < info.memmap.nr_desc; i++ )
            out(b, "xen-efimap: %s", fwinfo_efimap_line(line, i,
                buf + (size_t)i * info.memmap.desc_size));
        efimap_owned(b, buf, info.memmap.nr_desc, info.memmap.desc_size);
    }
    b->buf_free(b->ctx, buf, size);
    return rc ? FWTOOLS_EXIT_ERROR : FWTOOLS_EXIT_OK;
}
