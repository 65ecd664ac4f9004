/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the EFI runtime page-table plan (lib/efi/rt_map.c).
 *
 * Input: byte 0 the number of map descriptors (low 5 bits), byte 1 the
 * options (OPT_ bits), then that many map records and the rest as the
 * memory attributes table. In shaped mode both are built from 8-byte
 * records into a small window so that runtime entries, table entries and
 * the limit meet often; in raw mode map records are 40-byte EFI
 * descriptors and the table bytes are used as they are. The map goes
 * through efimap_normalize() first, as it does at boot.
 *
 * Invariants: the plan succeeds on a normalized map; its ranges are
 * non-empty, page aligned, ascending, disjoint, below the limit (no
 * wraparound); every planned page lies in a runtime entry of the map, or
 * with mapbs in a boot-services code or data entry; a page the table in
 * use describes is writable exactly when its entry lacks RO and
 * executable exactly when it lacks XP (UEFI spec 4.6: neither means RWX);
 * any other W+X page is runtime code, runtime data without XP when no
 * table is in use, or boot-services memory without XP under mapbs; MMIO
 * is uncached and never executable; the page counts in the report equal
 * the ranges' and equal the runtime (and mapbs) pages below the limit
 * minus those the table read-protects.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/rt_map.h>

#define OPT_SHAPED      0x01
#define OPT_LOW_LIMIT   0x02    /* limit inside the window */
#define OPT_VERSION2    0x04
#define OPT_DESC48      0x08
#define OPT_NO_MAT      0x10
#define OPT_MAPBS       0x20

#define PG              4096ULL
#define WINDOW_PA       0x100000ULL
#define MAX_DESC        32
#define MAX_MAT         64
#define MAX_OUT         256

static struct efimap_entry map[MAX_DESC * 2 + 8];
static struct rt_map_range out[MAX_OUT];
static uint8_t raw[MAX_DESC * 40];
static uint8_t mat[16 + MAX_MAT * 48];
static uint8_t scratch[1 << 16];
/* Raw tables may hold more entries than shaped ones: 40-byte ones. */
#define MAX_MAT_RAW     ((sizeof(mat) - 16) / 40 + 1)
static uint64_t mfirst[MAX_MAT_RAW], mpages[MAX_MAT_RAW], mattr[MAX_MAT_RAW];

static uint64_t g64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

static void put_desc(uint8_t *d, uint32_t type, uint64_t pa, uint64_t pages,
                     uint64_t attr)
{
    memcpy(d, &type, 4);
    memcpy(d + 8, &pa, 8);
    memcpy(d + 16, &pa, 8);
    memcpy(d + 24, &pages, 8);
    memcpy(d + 32, &attr, 8);
}

/* A shaped record: type, attribute bits, start page, pages. */
static void shape(const uint8_t *r, uint32_t *type, uint64_t *pa,
                  uint64_t *pages, uint64_t *attr)
{
    static const uint32_t types[8] = { 5, 6, 5, 6, 11, 7, 4, 0 };
    static const uint64_t attrs[8] = {
        EFIMAP_ATTR_RO, EFIMAP_ATTR_XP, 0, EFIMAP_ATTR_RP,
        EFIMAP_ATTR_RO | EFIMAP_ATTR_XP, EFIMAP_ATTR_XP, EFIMAP_ATTR_RO,
        EFIMAP_ATTR_WB,
    };

    *type = types[r[0] & 7];
    *attr = attrs[r[1] & 7] | ((r[1] & 8) ? EFIMAP_ATTR_WB : EFIMAP_ATTR_UC) |
            ((r[1] & 16) ? 0 : EFIMAP_ATTR_RUNTIME);
    *pa = WINDOW_PA + (uint64_t)(r[2] | (r[3] & 1) << 8) * PG;
    *pages = 1 + (r[4] & 63);
}

static bool overlaps(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
    return a < b + bn && b < a + an;
}

/* Table entries in page numbers, valid once the plan says it used it. */
static unsigned int mat_entries(uint64_t *first, uint64_t *pages,
                                uint64_t *attr)
{
    uint32_t n, desc;

    memcpy(&n, mat + 4, 4);
    memcpy(&desc, mat + 8, 4);
    for ( uint32_t i = 0; i < n; i++ )
    {
        const uint8_t *d = mat + 16 + (size_t)i * desc;

        first[i] = g64(d + 8) / PG;
        pages[i] = g64(d + 24);
        attr[i] = g64(d + 32);
    }
    return n;
}

static bool code_or_data(const struct efimap_entry *e)
{
    return (e->attr & EFIMAP_ATTR_RUNTIME) &&
           (e->type == EFIMAP_TYPE_RS_CODE || e->type == EFIMAP_TYPE_RS_DATA);
}

static bool boot_services(const struct efimap_entry *e)
{
    return e->type == EFIMAP_TYPE_BS_CODE || e->type == EFIMAP_TYPE_BS_DATA;
}

/* Whether the plan may map entry e at all. */
static bool planned(const struct efimap_entry *e, bool mapbs)
{
    return (e->attr & EFIMAP_ATTR_RUNTIME) || (mapbs && boot_services(e));
}

/* Whether a page of e that no table entry describes may be W+X. */
static bool may_be_wx(const struct efimap_entry *e, bool have_mat)
{
    if ( boot_services(e) )
        return !(e->attr & EFIMAP_ATTR_XP);
    return e->type == EFIMAP_TYPE_RS_CODE ||
           (e->type == EFIMAP_TYPE_RS_DATA && !have_mat &&
            !(e->attr & EFIMAP_ATTR_XP));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned int nr_desc, nr_map, nr_out, nr_mat = 0;
    size_t raw_bytes = 0, mat_bytes = 0;
    uint64_t limit, pages = 0, wx = 0, want = 0;
    struct efimap_report erep;
    struct rt_map_report rep;
    enum rt_map_status st;
    uint8_t opt;
    bool mapbs;

    if ( size < 2 )
        return 0;
    nr_desc = data[0] & 31;
    opt = data[1];
    mapbs = opt & OPT_MAPBS;
    data += 2;
    size -= 2;
    limit = (opt & OPT_LOW_LIMIT) ? WINDOW_PA + 256 * PG : 1ULL << 47;

    if ( opt & OPT_SHAPED )
    {
        uint32_t desc = (opt & OPT_DESC48) ? 48 : 40, ver;
        uint64_t cursor = WINDOW_PA;

        for ( ; nr_desc && size >= 8; nr_desc--, data += 8, size -= 8 )
        {
            uint32_t type;
            uint64_t pa, n, attr;

            shape(data, &type, &pa, &n, &attr);
            put_desc(raw + raw_bytes, type, pa, n, attr);
            raw_bytes += 40;
        }
        /* Table entries ascend from the window start, mostly disjoint. */
        for ( ; nr_mat < MAX_MAT && size >= 8; nr_mat++, data += 8,
              size -= 8 )
        {
            uint32_t type;
            uint64_t pa, n, attr;

            shape(data, &type, &pa, &n, &attr);
            cursor += (uint64_t)(data[5] & 7) * PG;
            if ( data[6] == 0xff )
                cursor -= PG;       /* an overlap now and then */
            type = (data[7] & 1) ? EFIMAP_TYPE_RS_CODE : EFIMAP_TYPE_RS_DATA;
            if ( data[7] == 0xfe )
                type = EFIMAP_TYPE_CONVENTIONAL;
            put_desc(mat + 16 + (size_t)nr_mat * desc, type, cursor, n,
                     attr | EFIMAP_ATTR_RUNTIME);
            cursor += n * PG;
        }
        ver = (opt & OPT_VERSION2) ? 2 : 1;
        memcpy(mat, &ver, 4);
        memcpy(mat + 4, &nr_mat, 4);
        memcpy(mat + 8, &desc, 4);
        memset(mat + 12, 0, 4);
        mat_bytes = 16 + (size_t)nr_mat * desc;
    }
    else
    {
        raw_bytes = nr_desc * 40;
        if ( size < raw_bytes )
            return 0;
        memcpy(raw, data, raw_bytes);
        data += raw_bytes;
        size -= raw_bytes;
        mat_bytes = size < sizeof(mat) ? size : sizeof(mat);
        memcpy(mat, data, mat_bytes);
    }
    if ( opt & OPT_NO_MAT )
        mat_bytes = 0;

    if ( efimap_normalize(raw, raw_bytes, 40, EFIMAP_F_SKIP_BAD, map,
                          sizeof(map) / sizeof(map[0]), &nr_map, scratch,
                          sizeof(scratch), &erep) != EFIMAP_OK )
        return 0;
    st = rt_map_plan(map, nr_map, mat_bytes ? mat : NULL, mat_bytes, limit,
                     mapbs ? RT_PLAN_MAPBS : 0, out, MAX_OUT, &nr_out, &rep);
    if ( st != RT_MAP_OK && st != RT_MAP_ERR_NO_ROOM )
        abort();
    if ( st == RT_MAP_ERR_NO_ROOM )
    {
        if ( nr_out <= MAX_OUT )
            abort();
        return 0;
    }
    if ( rep.mat == RT_MAT_OK )
        nr_mat = mat_entries(mfirst, mpages, mattr);
    else
        nr_mat = 0;

    for ( unsigned int i = 0; i < nr_out; i++ )
    {
        const struct rt_map_range *r = &out[i];
        uint64_t first = r->pa / PG, cur = first;
        bool is_wx = (r->flags & RT_MAP_W) && (r->flags & RT_MAP_X);

        if ( !r->nr_pages || r->pa % PG || r->nr_pages > limit / PG ||
             first > limit / PG - r->nr_pages )
            abort();
        if ( i && out[i - 1].pa / PG + out[i - 1].nr_pages > first )
            abort();
        /* Every page inside planned entries, walked in map order. */
        for ( unsigned int j = 0; j < nr_map && cur < first + r->nr_pages;
              j++ )
        {
            uint64_t s = map[j].start_pa / PG, e = s + map[j].nr_pages;
            bool described = false;

            if ( cur < s || cur >= e )
                continue;
            if ( !planned(&map[j], mapbs) )
                abort();
            if ( (map[j].type == EFIMAP_TYPE_MMIO ||
                  map[j].type == EFIMAP_TYPE_MMIO_PORT) &&
                 (!(r->flags & RT_MAP_UC) || (r->flags & RT_MAP_X)) )
                abort();
            /* What the table says where it speaks, per page range. */
            for ( unsigned int k = 0; k < nr_mat && code_or_data(&map[j]);
                  k++ )
            {
                if ( !overlaps(first, r->nr_pages, mfirst[k], mpages[k]) ||
                     !overlaps(s, e - s, mfirst[k], mpages[k]) )
                    continue;
                described = true;
                if ( !(r->flags & RT_MAP_MAT) ||
                     !(r->flags & RT_MAP_W) != !!(mattr[k] & EFIMAP_ATTR_RO) ||
                     !(r->flags & RT_MAP_X) != !!(mattr[k] & EFIMAP_ATTR_XP) )
                    abort();
            }
            if ( is_wx && !described &&
                 !may_be_wx(&map[j], rep.mat == RT_MAT_OK) )
                abort();
            cur = e;
        }
        if ( cur < first + r->nr_pages )
            abort();
        pages += r->nr_pages;
        if ( is_wx )
            wx += r->nr_pages;
    }
    if ( pages != rep.pages || wx != rep.wx_pages )
        abort();

    /* Completeness: planned pages below the limit, minus read-protected. */
    for ( unsigned int j = 0; j < nr_map; j++ )
    {
        uint64_t s = map[j].start_pa / PG, e = s + map[j].nr_pages;

        if ( !planned(&map[j], mapbs) || s >= limit / PG )
            continue;
        if ( e > limit / PG )
            e = limit / PG;
        want += e - s;
        if ( !code_or_data(&map[j]) )
            continue;
        for ( unsigned int k = 0; k < nr_mat; k++ )
        {
            uint64_t lo = mfirst[k] > s ? mfirst[k] : s;
            uint64_t hi = mfirst[k] + mpages[k] < e ? mfirst[k] + mpages[k]
                                                    : e;

            if ( (mattr[k] & EFIMAP_ATTR_RP) && lo < hi )
                want -= hi - lo;
        }
    }
    if ( want != pages )
        abort();
    return 0;
}
