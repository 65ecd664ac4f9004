/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared logic of the dom0 firmware tools (tools/lib/fwinfo.h). Records
 * from the hypervisor or the firmware are read byte by byte in
 * little-endian order, so they may sit at any alignment.
 */
#include <public/errno.h>
#include <xen/esrt.h>
#include <xen/fmt.h>

#include "fwinfo.h"

/* b122a263-3661-4f68-9929-78f8b0d62180 (reference 7.5). */
const uint8_t fwinfo_esrt_guid[16] = {
    0x63, 0xa2, 0x22, 0xb1, 0x61, 0x36, 0x68, 0x4f,
    0x99, 0x29, 0x78, 0xf8, 0xb0, 0xd6, 0x21, 0x80,
};

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
    return le32(p) | (uint64_t)le32(p + 4) << 32;
}

bool fwinfo_linux_table_type_ok(uint32_t type)
{
    return type == 0 || type == 5 || type == 6 || type == 9 || type == 10;
}

bool fwinfo_linux_esrt_mem_ok(uint32_t type, uint64_t attr)
{
    return (attr >> 63) || type == 4 || type == 6 || type == 9 ||
           type == 10;
}

const char *fwinfo_efi_type_name(uint32_t type)
{
    static const char *const names[] = {
        "Reserved", "LoaderCode", "LoaderData", "BootServicesCode",
        "BootServicesData", "RuntimeServicesCode", "RuntimeServicesData",
        "Conventional", "Unusable", "ACPIReclaim", "ACPINVS", "MMIO",
        "MMIOPortSpace", "PalCode", "Persistent", "Unaccepted",
    };

    return type < ARRAY_SIZE(names) ? names[type] : "Unknown";
}

const char *fwinfo_e820_type_name(uint32_t type)
{
    static const char *const names[] = {
        "Unknown", "RAM", "Reserved", "ACPI", "NVS", "Unusable",
    };

    return type < ARRAY_SIZE(names) ? names[type] : "Unknown";
}

/* Known configuration tables (reference 7.6), in-memory byte order. */
static const struct {
    uint8_t guid[16];
    const char *name;
} cfg_names[] = {
    { { 0x71, 0xe8, 0x68, 0x88, 0xf1, 0xe4, 0xd3, 0x11,
        0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81 }, "ACPI20" },
    { { 0x30, 0x2d, 0x9d, 0xeb, 0x88, 0x2d, 0xd3, 0x11,
        0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d }, "ACPI" },
    { { 0x31, 0x2d, 0x9d, 0xeb, 0x88, 0x2d, 0xd3, 0x11,
        0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d }, "SMBIOS" },
    { { 0x44, 0x15, 0xfd, 0xf2, 0x94, 0x97, 0x2c, 0x4a,
        0x99, 0x2e, 0xe5, 0xbb, 0xcf, 0x20, 0xe3, 0x94 }, "SMBIOS3" },
    { { 0x2f, 0x2d, 0x9d, 0xeb, 0x88, 0x2d, 0xd3, 0x11,
        0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d }, "MPS" },
    { { 0x63, 0xa2, 0x22, 0xb1, 0x61, 0x36, 0x68, 0x4f,
        0x99, 0x29, 0x78, 0xf8, 0xb0, 0xd6, 0x21, 0x80 }, "ESRT" },
    { { 0x3c, 0xde, 0xd1, 0xd5, 0x5c, 0x10, 0xf9, 0x44,
        0x9e, 0xa9, 0xbc, 0xef, 0x98, 0x12, 0x00, 0x31 }, "LinuxUnaccepted" },
};

static bool same16(const uint8_t *a, const uint8_t *b)
{
    unsigned int i;

    for ( i = 0; i < 16; i++ )
        if ( a[i] != b[i] )
            return false;
    return true;
}

const char *fwinfo_cfg_guid_name(const void *guid)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(cfg_names); i++ )
        if ( same16(guid, cfg_names[i].guid) )
            return cfg_names[i].name;
    return "-";
}

const char *fwinfo_errno_name(long rc)
{
    /* Xen's public errno.h values (Linux's on x86). */
    static const struct {
        int nr;
        const char *name;
    } names[] = {
        { XEN_EPERM, "EPERM" }, { XEN_ENOENT, "ENOENT" },
        { XEN_ESRCH, "ESRCH" }, { XEN_EIO, "EIO" }, { XEN_E2BIG, "E2BIG" },
        { XEN_EAGAIN, "EAGAIN" }, { XEN_ENOMEM, "ENOMEM" },
        { XEN_EACCES, "EACCES" }, { XEN_EFAULT, "EFAULT" },
        { XEN_EBUSY, "EBUSY" }, { XEN_EEXIST, "EEXIST" },
        { XEN_ENODEV, "ENODEV" }, { XEN_EINVAL, "EINVAL" },
        { XEN_ENOSPC, "ENOSPC" }, { XEN_ERANGE, "ERANGE" },
        { XEN_ENOSYS, "ENOSYS" }, { XEN_ENODATA, "ENODATA" },
        { XEN_EOPNOTSUPP, "EOPNOTSUPP" }, { XEN_ENOBUFS, "ENOBUFS" },
    };
    unsigned int i;

    if ( rc == 0 )
        return "OK";
    for ( i = 0; i < ARRAY_SIZE(names); i++ )
        if ( rc == -names[i].nr )
            return names[i].name;
    return "E?";
}

enum fwinfo_esrt_status fwinfo_esrt_check(const void *hdr,
                                          uint64_t room_bytes,
                                          struct fwinfo_esrt *out)
{
    const uint8_t *h = hdr;
    uint64_t room_entries;

    *out = (struct fwinfo_esrt){ 0 };
    if ( room_bytes < FWINFO_ESRT_HDR_BYTES )
        return FWINFO_ESRT_NO_ROOM_HEADER;
    out->count = le32(h);
    out->count_max = le32(h + 4);
    out->version = le64(h + 8);
    out->table_bytes = FWINFO_ESRT_HDR_BYTES +
                       (uint64_t)FWINFO_ESRT_ENTRY_BYTES * out->count;
    room_entries = (room_bytes - FWINFO_ESRT_HDR_BYTES) /
                   FWINFO_ESRT_ENTRY_BYTES;
    out->nr_whole = MIN((uint64_t)out->count, room_entries);
    out->over_linux = out->count > FWINFO_ESRT_LINUX_MAX;

    if ( out->version != 1 )
        return FWINFO_ESRT_BAD_VERSION;
    if ( out->count > out->count_max )
        return FWINFO_ESRT_COUNT_OVER_MAX;
    if ( out->table_bytes > room_bytes )
        return FWINFO_ESRT_TRUNCATED;
    return FWINFO_ESRT_OK;
}

bool fwinfo_esrt_last_entry_pool_tail(const void *last)
{
    /* Table offset 40 * count is byte 24 of the last entry. */
    const uint8_t *t = (const uint8_t *)last + FWINFO_ESRT_ENTRY_BYTES -
                       FWINFO_ESRT_HDR_BYTES;

    return t[0] == 'p' && t[1] == 't' && t[2] == 'a' && t[3] == 'l';
}

bool fwinfo_esrt_pool_tail_short(const void *table, uint32_t count)
{
    return count && fwinfo_esrt_last_entry_pool_tail(
        (const uint8_t *)table + FWINFO_ESRT_HDR_BYTES +
        (uint64_t)FWINFO_ESRT_ENTRY_BYTES * (count - 1));
}

bool fwinfo_efi_free_after_boot(uint32_t type)
{
    return (type >= 1 && type <= 4) || type == 7;
}

bool fwinfo_esrt_gone(enum fwinfo_esrt_status st, uint32_t mem_type)
{
    return st != FWINFO_ESRT_OK &&
           (mem_type == 1 || mem_type == 2 || mem_type == 7);
}

char *fwinfo_esrt_linux_line(char *buf, uint32_t count)
{
    fmt_snprintf(buf, FWINFO_LINE_MAX, "linux: refuses this table: count "
                 "%u exceeds its limit of %u", count, FWINFO_ESRT_LINUX_MAX);
    return buf;
}

char *fwinfo_esrt_gone_line(char *buf, uint32_t mem_type, const char *why)
{
    fmt_snprintf(buf, FWINFO_LINE_MAX, "gone: the table lies in %s (type "
                 "%u), memory free after ExitBootServices and reused since "
                 "the firmware put the table there: its contents are gone "
                 "(%s)", fwinfo_efi_type_name(mem_type), mem_type, why);
    return buf;
}

const char *fwinfo_esrt_strerror(enum fwinfo_esrt_status st)
{
    switch ( st )
    {
    case FWINFO_ESRT_OK:
        return "ok";
    case FWINFO_ESRT_NO_ROOM_HEADER:
        return "region too small for the 16-byte header";
    case FWINFO_ESRT_BAD_VERSION:
        return "version is not 1";
    case FWINFO_ESRT_COUNT_OVER_MAX:
        return "count exceeds count max";
    case FWINFO_ESRT_TRUNCATED:
        return "table larger than its memory region";
    }
    return "unknown status";
}

uint64_t fwinfo_meminfo_room(uint64_t addr, uint64_t size_bytes)
{
    uint64_t page = addr & ~(uint64_t)0xfff;

    if ( size_bytes <= addr - page )
        return 0;
    return size_bytes - (addr - page);
}

char *fwinfo_cfg_line(char *buf, unsigned int index, const void *entry)
{
    const uint8_t *e = entry;
    char guid[37];

    fmt_snprintf(buf, FWINFO_LINE_MAX, "config_table %u: guid=%s "
                 "addr=0x%llx name=%s", index, esrt_guid_string(guid, e),
                 (unsigned long long)le64(e + 16), fwinfo_cfg_guid_name(e));
    return buf;
}

char *fwinfo_e820_line(char *buf, unsigned int index, const void *entry)
{
    const uint8_t *e = entry;
    uint64_t addr = le64(e), size = le64(e + 8);
    uint32_t type = le32(e + 16);

    fmt_snprintf(buf, FWINFO_LINE_MAX, "e820 %u: [0x%016llx, 0x%016llx) "
                 "type=%u %s", index, (unsigned long long)addr,
                 (unsigned long long)(addr + size), type,
                 fwinfo_e820_type_name(type));
    return buf;
}

char *fwinfo_efimap_line(char *buf, unsigned int index, const void *desc)
{
    const uint8_t *d = desc;
    uint32_t type = le32(d);
    uint64_t start = le64(d + 8), pages = le64(d + 24);

    fmt_snprintf(buf, FWINFO_LINE_MAX, "efimap %u: [0x%016llx, 0x%016llx) "
                 "type=%u %s attr=0x%llx", index, (unsigned long long)start,
                 (unsigned long long)(start + (pages << 12)), type,
                 fwinfo_efi_type_name(type),
                 (unsigned long long)le64(d + 32));
    return buf;
}

char *fwinfo_meminfo_line(char *buf, uint64_t addr, uint32_t type,
                          uint64_t attr, uint64_t size_bytes)
{
    fmt_snprintf(buf, FWINFO_LINE_MAX, "mem_info addr=0x%llx: type=%u %s "
                 "attr=0x%llx size=0x%llx", (unsigned long long)addr, type,
                 fwinfo_efi_type_name(type), (unsigned long long)attr,
                 (unsigned long long)size_bytes);
    return buf;
}

char *fwinfo_hostile_line(char *buf, const char *name, long rc,
                          const long *expected, unsigned int nr_expected,
                          bool *pass)
{
    char want[FWINFO_LINE_MAX];
    size_t len = 0;
    unsigned int i;

    *pass = false;
    want[0] = '\0';
    for ( i = 0; i < nr_expected; i++ )
    {
        *pass = *pass || rc == expected[i];
        if ( len < sizeof(want) )
            len += fmt_snprintf(want + len, sizeof(want) - len, "%s%s",
                                i ? "|" : "", fwinfo_errno_name(expected[i]));
    }
    fmt_snprintf(buf, FWINFO_LINE_MAX, "hostile %s: rc=%ld (%s) "
                 "expected=%s %s", name, rc, fwinfo_errno_name(rc), want,
                 *pass ? "pass" : "FAIL");
    return buf;
}

char *fwinfo_ucs2_ascii(char *buf, size_t size, const void *ucs2,
                        size_t nr_units)
{
    const uint8_t *u = ucs2;
    size_t i;

    if ( !size )
        return buf;
    for ( i = 0; i < nr_units && i + 1 < size; i++ )
    {
        unsigned int c = u[2 * i] | u[2 * i + 1] << 8;

        if ( !c )
            break;
        buf[i] = (c < 0x20 || c > 0x7e) ? '?' : c;
    }
    buf[i] = '\0';
    return buf;
}

static int hexval(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

bool fwinfo_guid_parse(void *guid, const char *s)
{
    /* Where each byte of the text, in order, lands in memory. */
    static const uint8_t at[16] = {
        3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15,
    };
    uint8_t *g = guid;
    unsigned int i, n = 0;
    int hi, lo;

    for ( i = 0; i < 36; )
    {
        if ( i == 8 || i == 13 || i == 18 || i == 23 )
        {
            if ( s[i++] != '-' )
                return false;
            continue;
        }
        hi = hexval(s[i]);
        lo = hi < 0 ? -1 : hexval(s[i + 1]);
        if ( lo < 0 )
            return false;
        g[at[n++]] = hi << 4 | lo;
        i += 2;
    }
    return s[36] == '\0' || s[36] == '\n';
}
