/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The plan of the EFI runtime page tables (include/xen/rt_map.h): which
 * physical ranges the runtime L4 maps 1:1, and with which permissions and
 * cache type. The map and the attributes table come from the firmware, so
 * every field is checked before it is used; the table is read through the
 * little-endian helpers at any alignment.
 *
 * All arithmetic is in 4 KiB page numbers: a normalized entry ends at or
 * below 2^64, so its end page number fits in 53 bits and nothing wraps.
 */
#include <xen/le.h>
#include <xen/rt_map.h>

#define MAT_HEADER_BYTES    16
#define PFN(pa)             ((pa) >> EFIMAP_PAGE_SHIFT)

/* See xen/rt_map.h. */
const char *rt_map_strerror(enum rt_map_status st)
{
    switch ( st )
    {
    case RT_MAP_OK:             return "ok";
    case RT_MAP_ERR_MAP:        return "memory map not normalized";
    case RT_MAP_ERR_LIMIT:      return "mapping limit not page aligned";
    case RT_MAP_ERR_NO_ROOM:    return "too many ranges for the plan";
    }
    return "unknown status";
}

/* See xen/rt_map.h. */
const char *rt_mat_strerror(enum rt_mat_status st)
{
    switch ( st )
    {
    case RT_MAT_OK:             return "used";
    case RT_MAT_NONE:           return "none";
    case RT_MAT_SHORT:          return "shorter than its header says";
    case RT_MAT_VERSION:        return "unknown version";
    case RT_MAT_DESC_SIZE:      return "bad descriptor size";
    case RT_MAT_ENTRY_TYPE:     return "an entry is not runtime code or data";
    case RT_MAT_ENTRY_RANGE:    return "an entry is unaligned, empty or wraps";
    case RT_MAT_ENTRY_ORDER:    return "entries overlap or are out of order";
    }
    return "unknown status";
}

/* One attributes-table entry, in page numbers. */
struct mat_entry {
    uint32_t type;
    uint64_t first, end;    /* [first, end) */
    uint64_t attr;
};

struct mat {
    const uint8_t *desc;
    uint64_t nr;
    uint64_t desc_bytes;
};

static void mat_get(const struct mat *m, uint64_t i, struct mat_entry *e)
{
    const uint8_t *d = m->desc + i * m->desc_bytes;
    uint64_t start = le64(d + 8);

    e->type = le32(d);
    e->first = PFN(start);
    e->end = e->first + le64(d + 24);
    e->attr = le64(d + 32);
}

static enum rt_mat_status mat_check(const void *mat, size_t bytes,
                                    struct mat *m)
{
    const uint8_t *t = mat;
    uint64_t version, prev_end = 0;

    if ( !mat || !bytes )
        return RT_MAT_NONE;
    if ( bytes < MAT_HEADER_BYTES )
        return RT_MAT_SHORT;
    version = le32(t);
    m->nr = le32(t + 4);
    m->desc_bytes = le32(t + 8);
    m->desc = t + MAT_HEADER_BYTES;
    if ( version != 1 && version != 2 )
        return RT_MAT_VERSION;
    if ( m->desc_bytes < sizeof(struct efimap_fw_desc) || m->desc_bytes % 8 )
        return RT_MAT_DESC_SIZE;
    if ( m->nr > (bytes - MAT_HEADER_BYTES) / m->desc_bytes )
        return RT_MAT_SHORT;
    for ( uint64_t i = 0; i < m->nr; i++ )
    {
        const uint8_t *d = m->desc + i * m->desc_bytes;
        uint32_t type = le32(d);
        uint64_t start = le64(d + 8), pages = le64(d + 24);

        if ( type != EFIMAP_TYPE_RS_CODE && type != EFIMAP_TYPE_RS_DATA )
            return RT_MAT_ENTRY_TYPE;
        if ( start & (EFIMAP_PAGE_BYTES - 1) || !pages ||
             pages > (~start >> EFIMAP_PAGE_SHIFT) + 1 )
            return RT_MAT_ENTRY_RANGE;
        if ( i && PFN(start) < prev_end )
            return RT_MAT_ENTRY_ORDER;
        prev_end = PFN(start) + pages;
    }
    return RT_MAT_OK;
}

/* The ranges built so far; the last one is held back for merging. */
struct plan {
    struct rt_map_range *out;
    unsigned int max_out;
    unsigned int nr;
    struct rt_map_range last;   /* nr_pages 0: none */
    struct rt_map_report *rep;
};

static void flush(struct plan *p)
{
    if ( !p->last.nr_pages )
        return;
    if ( p->nr < p->max_out )
        p->out[p->nr] = p->last;
    p->nr++;
    p->last.nr_pages = 0;
}

static void emit(struct plan *p, uint64_t first, uint64_t end,
                 uint32_t flags)
{
    uint64_t pages = end - first;

    if ( first >= end )
        return;
    p->rep->pages += pages;
    if ( (flags & (RT_MAP_W | RT_MAP_X)) == (RT_MAP_W | RT_MAP_X) )
        p->rep->wx_pages += pages;
    if ( p->last.nr_pages && p->last.flags == flags &&
         PFN(p->last.pa) + p->last.nr_pages == first )
    {
        p->last.nr_pages += pages;
        return;
    }
    flush(p);
    p->last = (struct rt_map_range){ first << EFIMAP_PAGE_SHIFT, pages,
                                     flags };
}

/*
 * Permissions an attributes-table entry gives; false: leave unmapped. An
 * entry with neither RO nor XP says the firmware cannot protect those
 * pages (UEFI spec 4.6; EDK2 writes such entries for runtime images whose
 * sections are not page aligned, and for runtime pages it allocates after
 * it made the table): they may be written and executed.
 */
static bool mat_flags(const struct mat_entry *e, uint32_t *flags)
{
    bool w = !(e->attr & EFIMAP_ATTR_RO), x = !(e->attr & EFIMAP_ATTR_XP);

    if ( e->attr & EFIMAP_ATTR_RP )
        return false;
    *flags = RT_MAP_MAT | (w ? RT_MAP_W : 0) | (x ? RT_MAP_X : 0);
    return true;
}

/* Runtime code or data of the map: the only place table entries apply. */
static bool mat_applies(const struct efimap_entry *e)
{
    return (e->attr & EFIMAP_ATTR_RUNTIME) &&
           (e->type == EFIMAP_TYPE_RS_CODE || e->type == EFIMAP_TYPE_RS_DATA);
}

/* Boot-services code or data, which RT_PLAN_MAPBS maps too. */
static bool boot_services(const struct efimap_entry *e)
{
    return e->type == EFIMAP_TYPE_BS_CODE || e->type == EFIMAP_TYPE_BS_DATA;
}

/*
 * The permissions of an entry where no table entry speaks: runtime code
 * may be written and executed (the firmware keeps data in it); without a
 * table, runtime data and boot-services code and data (RT_PLAN_MAPBS) are
 * executable unless the map gives them EFI_MEMORY_XP, as Xen maps them;
 * everything else, MMIO included, is read-write and not executable.
 */
static uint32_t default_flags(const struct efimap_entry *e, bool have_mat)
{
    bool x = e->type == EFIMAP_TYPE_RS_CODE;

    if ( (boot_services(e) ||
          (e->type == EFIMAP_TYPE_RS_DATA && !have_mat)) &&
         !(e->attr & EFIMAP_ATTR_XP) )
        x = true;
    return RT_MAP_W | (x ? RT_MAP_X : 0);
}

/* Maps [first, end) of one entry, split where the table says. */
static void plan_entry(struct plan *p, const struct efimap_entry *e,
                       uint64_t first, uint64_t end, const struct mat *m)
{
    uint32_t cache = 0, dflt;
    uint64_t cur = first;

    if ( e->type == EFIMAP_TYPE_MMIO || e->type == EFIMAP_TYPE_MMIO_PORT ||
         !(e->attr & EFIMAP_ATTR_WB) )
        cache = RT_MAP_UC;
    dflt = cache | default_flags(e, m != NULL);
    if ( m && mat_applies(e) )
        for ( uint64_t i = 0; i < m->nr && cur < end; i++ )
        {
            struct mat_entry me;
            uint64_t lo, hi;
            uint32_t f;

            mat_get(m, i, &me);
            if ( me.end <= cur )
                continue;
            if ( me.first >= end )
                break;
            lo = me.first > cur ? me.first : cur;
            hi = me.end < end ? me.end : end;
            emit(p, cur, lo, dflt);
            if ( mat_flags(&me, &f) )
                emit(p, lo, hi, f | cache);
            cur = hi;
        }
    emit(p, cur, end, dflt);
}

/* Table entries that reach outside runtime code and data of the map. */
static unsigned int mat_outside(const struct mat *m,
                                const struct efimap_entry *map,
                                unsigned int nr)
{
    unsigned int n = 0;

    for ( uint64_t i = 0; i < m->nr; i++ )
    {
        struct mat_entry me;
        uint64_t cur;

        mat_get(m, i, &me);
        cur = me.first;
        for ( unsigned int j = 0; j < nr && cur < me.end; j++ )
        {
            uint64_t f = PFN(map[j].start_pa), t = f + map[j].nr_pages;

            if ( f <= cur && cur < t && mat_applies(&map[j]) )
                cur = t;
        }
        if ( cur < me.end )
            n++;
    }
    return n;
}

/* See xen/rt_map.h. */
enum rt_map_status rt_map_plan(const struct efimap_entry *map,
                               unsigned int nr, const void *mat,
                               size_t mat_bytes, uint64_t limit_pa,
                               unsigned int flags,
                               struct rt_map_range *out, unsigned int max_out,
                               unsigned int *nr_out,
                               struct rt_map_report *rep)
{
    struct plan p = { .out = out, .max_out = max_out, .rep = rep };
    struct mat m = { 0 };
    uint64_t limit = PFN(limit_pa);

    *rep = (struct rt_map_report){ 0 };
    *nr_out = 0;
    rep->mat = mat_check(mat, mat_bytes, &m);
    if ( !efimap_is_normalized(map, nr) )
        return RT_MAP_ERR_MAP;
    if ( !limit_pa || limit_pa & (EFIMAP_PAGE_BYTES - 1) )
        return RT_MAP_ERR_LIMIT;
    if ( rep->mat == RT_MAT_OK )
    {
        rep->nr_mat_outside = mat_outside(&m, map, nr);
        for ( uint64_t i = 0; i < m.nr; i++ )
        {
            struct mat_entry me;
            uint32_t f;

            mat_get(&m, i, &me);
            if ( mat_flags(&me, &f) && (f & RT_MAP_W) && (f & RT_MAP_X) )
                rep->nr_mat_wx++;
        }
    }

    for ( unsigned int i = 0; i < nr; i++ )
    {
        const struct efimap_entry *e = &map[i];
        uint64_t first = PFN(e->start_pa), end = first + e->nr_pages;

        if ( e->attr & EFIMAP_ATTR_RUNTIME )
            rep->nr_runtime++;
        else if ( (flags & RT_PLAN_MAPBS) && boot_services(e) )
            rep->nr_boot_services++;
        else
            continue;
        if ( end > limit )
        {
            rep->nr_clipped++;
            end = limit;
        }
        if ( first < end )
            plan_entry(&p, e, first, end,
                       rep->mat == RT_MAT_OK ? &m : NULL);
    }
    flush(&p);
    *nr_out = p.nr;
    return p.nr > max_out ? RT_MAP_ERR_NO_ROOM : RT_MAP_OK;
}
