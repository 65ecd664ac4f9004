/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The retain registry (include/xen/retain.h): for each firmware table kept
 * across ExitBootServices, how its size follows from its header and what
 * makes it valid; and the one judgement of where a table lies, whether it
 * may be read at all, and whether it stays, moves or is refused. The rules
 * and the reasons for them are in docs/retain.md.
 *
 * Every table byte is read through the little-endian helpers below, one
 * byte at a time, so a table at any alignment is read the same way on the
 * host and in the hypervisor.
 */
#include <xen/le.h>
#include <xen/retain.h>

/* ---- ESRT (reference 7.5) ---------------------------------------------- */

#define ESRT_VERSION            1
/*
 * FwResourceVersion has been 1 since the ESRT appeared; a later one would
 * be a small number. 0, or a 64-bit value beyond this, is no ESRT header
 * at all: the bytes belong to whoever reused (or cleared) the memory.
 */
#define ESRT_VERSION_PLAUSIBLE  0xffff

static enum retain_status esrt_size(const void *hdr, uint64_t *bytes)
{
    const uint8_t *h = hdr;
    uint32_t count = le32(h + 0), max = le32(h + 4);
    uint64_t version = le64(h + 8);

    if ( !version || version > ESRT_VERSION_PLAUSIBLE )
        return RETAIN_ERR_REUSED;
    if ( version != ESRT_VERSION )
        return RETAIN_ERR_VERSION;
    /* The spec says non-zero; an empty ESRT tells dom0 nothing. */
    if ( !count )
        return RETAIN_ERR_COUNT_ZERO;
    if ( count > max )
        return RETAIN_ERR_COUNT_MAX;
    if ( count > RETAIN_ESRT_MAX_ENTRIES )
        return RETAIN_ERR_COUNT_ABSURD;
    /* count is below 2^13 here, so the product cannot overflow. */
    *bytes = sizeof(struct retain_esrt_header) +
             (uint64_t)count * sizeof(struct retain_esrt_entry);
    return RETAIN_OK;
}

/* True when the 16 bytes at a and b are equal. */
static bool guid_equal(const uint8_t *a, const uint8_t *b)
{
    return le64(a) == le64(b) && le64(a + 8) == le64(b + 8);
}

/*
 * The entries are not judged: FwType, the versions, the flags and the
 * status take new values with new spec versions and vendor ranges, and
 * dom0 shows them as they are. A nil or repeated FwClass breaks UEFI spec
 * 23.4, but Linux and Xen keep such a table and fwupd then still sees
 * every other device, so it is kept too (retain_esrt_classes() finds
 * them, for a warning).
 */
static enum retain_status esrt_validate(const void *table, uint64_t bytes)
{
    uint64_t n = le32(table);

    if ( bytes != sizeof(struct retain_esrt_header) +
                  n * sizeof(struct retain_esrt_entry) )
        return RETAIN_ERR_FIELD;
    return RETAIN_OK;
}

/*
 * See xen/retain.h. The pairwise search costs n^2 / 2 comparisons: 8
 * million at the bound, a few hundred thousand for real tables.
 */
void retain_esrt_classes(const void *table, uint64_t bytes,
                         struct retain_esrt_classes *c)
{
    static const uint8_t nil[16];
    const uint8_t *e = (const uint8_t *)table +
                       sizeof(struct retain_esrt_header);
    const size_t esz = sizeof(struct retain_esrt_entry);
    uint64_t n = 0;

    *c = (struct retain_esrt_classes){ .first = UINT32_MAX };
    if ( bytes >= sizeof(struct retain_esrt_header) )
        n = (bytes - sizeof(struct retain_esrt_header)) / esz;
    for ( uint64_t i = 0; i < n; i++ )
    {
        uint64_t j = 0;

        if ( guid_equal(e + i * esz, nil) )
        {
            c->nr_nil++;
            if ( c->first == UINT32_MAX )
                c->first = i;
            continue;
        }
        while ( j < i && !guid_equal(e + i * esz, e + j * esz) )
            j++;
        if ( j == i )
            continue;
        c->nr_repeated++;
        if ( c->first == UINT32_MAX )
        {
            c->first = i;
            c->same_as = j;
        }
    }
}

/* ---- EFI memory attributes table (UEFI spec 4.6) ----------------------- */

#define MEMATTR_HEADER_BYTES    16

static enum retain_status memattr_size(const void *hdr, uint64_t *bytes)
{
    const uint8_t *h = hdr;
    uint32_t version = le32(h + 0), n = le32(h + 4);
    uint32_t desc_bytes = le32(h + 8);

    if ( version != 1 && version != 2 )
        return RETAIN_ERR_VERSION;
    if ( !n )
        return RETAIN_ERR_COUNT_ZERO;
    if ( n > RETAIN_MEMATTR_MAX_ENTRIES )
        return RETAIN_ERR_COUNT_ABSURD;
    if ( desc_bytes < sizeof(struct efimap_fw_desc) || desc_bytes % 8 ||
         desc_bytes > RETAIN_MEMATTR_MAX_DESC_BYTES )
        return RETAIN_ERR_FIELD;
    /* Both factors are at most 2^12 here. */
    *bytes = MEMATTR_HEADER_BYTES + (uint64_t)n * desc_bytes;
    return RETAIN_OK;
}

/*
 * Each entry describes part of one runtime image, so its type is runtime
 * services code or data; its start is page aligned, it has pages, it ends
 * at or before 2^64, and the entries come in ascending order without
 * overlapping (a range described twice would have two sets of
 * permissions). The attribute bits are not judged: dom0 applies what it
 * understands.
 */
static enum retain_status memattr_validate(const void *table, uint64_t bytes)
{
    const uint8_t *t = table;
    uint64_t n = le32(t + 4), desc_bytes = le32(t + 8);
    uint64_t prev_last = 0;

    if ( bytes != MEMATTR_HEADER_BYTES + n * desc_bytes )
        return RETAIN_ERR_FIELD;
    for ( uint64_t i = 0; i < n; i++ )
    {
        const uint8_t *d = t + MEMATTR_HEADER_BYTES + i * desc_bytes;
        uint32_t type = le32(d + 0);
        uint64_t start = le64(d + 8), pages = le64(d + 24);

        if ( type != EFIMAP_TYPE_RS_CODE && type != EFIMAP_TYPE_RS_DATA )
            return RETAIN_ERR_ENTRY;
        if ( start & (EFIMAP_PAGE_BYTES - 1) || !pages )
            return RETAIN_ERR_ENTRY;
        /* Pages from an aligned start to 2^64: (2^64 - 1 - start) / 4K + 1. */
        if ( pages > (~start >> EFIMAP_PAGE_SHIFT) + 1 )
            return RETAIN_ERR_ENTRY;
        if ( i && start <= prev_last )
            return RETAIN_ERR_ENTRY;
        prev_last = start + (pages << EFIMAP_PAGE_SHIFT) - 1;
    }
    return RETAIN_OK;
}

/* ---- EFI RT properties table (UEFI spec 4.6) --------------------------- */

#define RTPROP_VERSION          1
#define RTPROP_V1_BYTES         8

static enum retain_status rtprop_size(const void *hdr, uint64_t *bytes)
{
    const uint8_t *h = hdr;

    if ( le16(h + 0) != RTPROP_VERSION )
        return RETAIN_ERR_VERSION;
    if ( le16(h + 2) != RTPROP_V1_BYTES )
        return RETAIN_ERR_FIELD;
    *bytes = RTPROP_V1_BYTES;
    return RETAIN_OK;
}

/*
 * Nothing beyond the size: RuntimeServicesSupported is a bit mask whose
 * unknown bits belong to later spec versions.
 */
static enum retain_status rtprop_validate(const void *table, uint64_t bytes)
{
    return bytes == RTPROP_V1_BYTES ? RETAIN_OK : RETAIN_ERR_FIELD;
}

/* ---- the registry ------------------------------------------------------ */

const struct retain_kind retain_kinds[] = {
    {
        .guid = { 0xb122a263, 0x3661, 0x4f68,
                  { 0x99, 0x29, 0x78, 0xf8, 0xb0, 0xd6, 0x21, 0x80 } },
        .name = "ESRT",
        .option = "esrt",
        .header_bytes = sizeof(struct retain_esrt_header),
        .size = esrt_size,
        .validate = esrt_validate,
    },
    {
        .guid = { 0xdcfa911d, 0x26eb, 0x469f,
                  { 0xa2, 0x20, 0x38, 0xb7, 0xdc, 0x46, 0x12, 0x20 } },
        .name = "MEMATTR",
        .option = "memattr",
        .header_bytes = MEMATTR_HEADER_BYTES,
        .size = memattr_size,
        .validate = memattr_validate,
    },
    {
        .guid = { 0xeb66918a, 0x7eef, 0x402a,
                  { 0x84, 0x2e, 0x93, 0x1d, 0x21, 0xc3, 0x8a, 0xe9 } },
        .name = "RTPROP",
        .option = "rtprop",
        .header_bytes = 4,
        .size = rtprop_size,
        .validate = rtprop_validate,
    },
};

const unsigned int retain_nr_kinds = ARRAY_SIZE(retain_kinds);

const struct retain_kind *retain_kind_of(const struct retain_guid *guid)
{
    for ( unsigned int i = 0; i < retain_nr_kinds; i++ )
    {
        const struct retain_guid *g = &retain_kinds[i].guid;
        bool same = g->d1 == guid->d1 && g->d2 == guid->d2 &&
                    g->d3 == guid->d3;

        for ( unsigned int j = 0; same && j < sizeof(g->d4); j++ )
            same = g->d4[j] == guid->d4[j];
        if ( same )
            return &retain_kinds[i];
    }
    return NULL;
}

const struct retain_kind *retain_kind_named(const char *name,
                                            size_t name_len)
{
    for ( unsigned int i = 0; i < retain_nr_kinds; i++ )
    {
        const char *o = retain_kinds[i].option;
        size_t j = 0;

        while ( j < name_len && o[j] && o[j] == name[j] )
            j++;
        if ( j == name_len && !o[j] )
            return &retain_kinds[i];
    }
    return NULL;
}

static const char *const retain_status_text[RETAIN_NR_STATUS] = {
    [RETAIN_OK] = "valid",
    [RETAIN_ERR_NULL] = "the table address is 0",
    [RETAIN_ERR_NOT_IN_MAP] = "the table is not in the memory map",
    [RETAIN_ERR_MEM_TYPE] = "the table is in memory of an unacceptable type",
    [RETAIN_ERR_HEADER_CUT] = "the header runs past acceptable memory",
    [RETAIN_ERR_VERSION] = "unknown table version",
    [RETAIN_ERR_COUNT_ZERO] = "the entry count is 0",
    [RETAIN_ERR_COUNT_MAX] = "the entry count is above the table's maximum",
    [RETAIN_ERR_COUNT_ABSURD] = "the entry count is absurdly large",
    [RETAIN_ERR_FIELD] = "a header field is out of range",
    [RETAIN_ERR_TABLE_CUT] = "the table runs past acceptable memory",
    [RETAIN_ERR_OVERLAP] = "the table overlaps the image, a module or the MBI",
    [RETAIN_ERR_ENTRY] = "an entry is malformed",
    [RETAIN_ERR_REUSED] = "the memory was reused since the firmware put "
                          "the table there: its contents are gone",
};

const char *retain_strerror(enum retain_status st)
{
    if ( (unsigned int)st >= RETAIN_NR_STATUS || !retain_status_text[st] )
        return "unknown retain status";
    return retain_status_text[st];
}

/* ---- the judgement ----------------------------------------------------- */

/* Types a table may be read from (docs/retain.md). */
static bool acceptable(uint32_t type)
{
    switch ( type )
    {
    case EFIMAP_TYPE_LOADER_DATA:
    case EFIMAP_TYPE_BS_DATA:
    case EFIMAP_TYPE_RS_DATA:
    case EFIMAP_TYPE_CONVENTIONAL:
    case EFIMAP_TYPE_ACPI_RECLAIM:
    case EFIMAP_TYPE_ACPI_NVS:
        return true;
    default:
        return false;
    }
}

/* Types that survive ExitBootServices and that dom0 may read a table in. */
static bool keepable(uint32_t type)
{
    return type == EFIMAP_TYPE_RS_DATA || type == EFIMAP_TYPE_ACPI_RECLAIM ||
           type == EFIMAP_TYPE_ACPI_NVS;
}

/*
 * An entry's last byte. start + pages * 4 KiB is at most 2^64, so the
 * modular sum minus one is exact even when the shift wraps to 0.
 */
static uint64_t entry_last(const struct efimap_entry *e)
{
    return e->start_pa + (e->nr_pages << EFIMAP_PAGE_SHIFT) - 1;
}

/* True when bytes [first, last] meet one of the excluded ranges. */
static bool overlaps(uint64_t first, uint64_t last,
                     const struct retain_range *excl, unsigned int nr_excl)
{
    for ( unsigned int i = 0; i < nr_excl; i++ )
        if ( excl[i].start_pa < excl[i].end_pa &&
             excl[i].start_pa <= last && excl[i].end_pa > first )
            return true;
    return false;
}

/*
 * Index of the last entry of the run of touching acceptable entries that
 * begins at entry i (itself acceptable).
 */
static unsigned int run_end(const struct efimap_entry *map, unsigned int nr,
                            unsigned int i)
{
    while ( i + 1 < nr && entry_last(&map[i]) != UINT64_MAX &&
            map[i + 1].start_pa == entry_last(&map[i]) + 1 &&
            acceptable(map[i + 1].type) )
        i++;
    return i;
}

/*
 * Conventional memory is free memory (a table there is a firmware bug),
 * and loader data is what a loader took, often such freed pages: the
 * shell, GRUB or the firmware loading us may have written there before
 * we ran. A table there that fails a check on its contents is gone, not
 * malformed, and says so (docs/retain.md).
 */
static enum retain_status contents(const struct retain_decision *d,
                                   enum retain_status st)
{
    bool reusable = d->mem_type == EFIMAP_TYPE_CONVENTIONAL ||
                    d->mem_type == EFIMAP_TYPE_LOADER_DATA;

    return st != RETAIN_OK && reusable ? RETAIN_ERR_REUSED : st;
}

/*
 * Checks in the order docs/retain.md gives and returns the first failure.
 * On success *first and *last are the entries holding the table's first
 * and last bytes.
 */
static enum retain_status judge(const struct retain_kind *k,
                                uint64_t table_pa, const void *table_va,
                                const struct efimap_entry *map,
                                unsigned int nr,
                                const struct retain_range *excl,
                                unsigned int nr_excl,
                                struct retain_decision *d,
                                unsigned int *first, unsigned int *last)
{
    enum retain_status st;
    uint64_t room, table_last;
    uint64_t bytes = 0;

    if ( !table_pa )
        return RETAIN_ERR_NULL;
    if ( efimap_find(map, nr, table_pa, first) != EFIMAP_OK )
        return RETAIN_ERR_NOT_IN_MAP;
    d->mem_type = map[*first].type;
    if ( !acceptable(d->mem_type) )
        return RETAIN_ERR_MEM_TYPE;

    /*
     * room is what may be read from table_pa on: at most 2^64 - 1, since
     * table_pa is not 0.
     */
    room = entry_last(&map[run_end(map, nr, *first)]) - table_pa + 1;
    if ( k->header_bytes > room )
        return RETAIN_ERR_HEADER_CUT;
    /* Bytes inside the image or a module are no longer the firmware's. */
    if ( overlaps(table_pa, table_pa + k->header_bytes - 1, excl, nr_excl) )
        return RETAIN_ERR_OVERLAP;
    st = k->size(table_va, &bytes);
    if ( st != RETAIN_OK )
        return contents(d, st);
    d->bytes = bytes;
    if ( bytes > room )
        return contents(d, RETAIN_ERR_TABLE_CUT);
    table_last = table_pa + bytes - 1;
    if ( overlaps(table_pa, table_last, excl, nr_excl) )
        return RETAIN_ERR_OVERLAP;
    st = k->validate(table_va, bytes);
    if ( st != RETAIN_OK )
        return contents(d, st);

    for ( *last = *first; entry_last(&map[*last]) < table_last; )
        (*last)++;
    return RETAIN_OK;
}

void retain_judge(const struct retain_kind *k, uint64_t table_pa,
                  const void *table_va, const struct efimap_entry *map,
                  unsigned int nr, const struct retain_range *excl,
                  unsigned int nr_excl, struct retain_decision *d)
{
    unsigned int first = 0, last = 0;

    d->action = RETAIN_REFUSE;
    d->mem_type = 0;
    d->bytes = 0;
    d->why = judge(k, table_pa, table_va, map, nr, excl, nr_excl, d, &first,
                   &last);
    if ( d->why != RETAIN_OK )
        return;

    /* Kept only when every entry the table touches survives as it is. */
    d->action = RETAIN_KEEP;
    for ( unsigned int i = first; i <= last; i++ )
        if ( !keepable(map[i].type) )
            d->action = RETAIN_RELOCATE;
}
