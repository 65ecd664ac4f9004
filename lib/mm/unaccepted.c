/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sparse unaccepted-memory tracking; see include/xen/unaccepted.h for the
 * scheme. Arithmetic is done in 4 KiB frame numbers, which stay below 2^52
 * and so never overflow, even for memory ending at 2^64.
 */
#include <xen/unaccepted.h>

#define UNIT_PAGES      UNACCEPTED_PAGES_PER_UNIT
#define PAGE_SHIFT      EFIMAP_PAGE_SHIFT

/*
 * One pass over the EFI map. The measuring pass only counts; the planning
 * pass also writes into the table and the accept-now list, which it was
 * checked to have room for.
 */
struct unaccepted_walk {
    struct unaccepted_table *t;         /* NULL when measuring */
    struct unaccepted_span *accept;     /* NULL when measuring */
    unsigned int nr_ranges;
    uint64_t nr_units;
    unsigned int nr_accept;
    uint64_t accept_pages;
    uint64_t prev_end_pfn;              /* end of the last range, or 0 */
    uint64_t end_pfn;                   /* past the last type-15 page */
};

const char *unaccepted_strerror(enum unaccepted_status st)
{
    switch ( st )
    {
    case UNACCEPTED_OK:                 return "ok";
    case UNACCEPTED_MORE:               return "more units to take";
    case UNACCEPTED_ERR_NOT_NORMALIZED: return "EFI map is not normalized";
    case UNACCEPTED_ERR_STORAGE:        return "tracking storage too small";
    case UNACCEPTED_ERR_STORAGE_ALIGN:  return "tracking storage not 8-byte "
                                               "aligned";
    case UNACCEPTED_ERR_ACCEPT_ROOM:    return "accept-now list too small";
    case UNACCEPTED_ERR_RANGE:          return "range unaligned or past 2^64";
    case UNACCEPTED_ERR_NOT_FOUND:      return "no unaccepted memory there";
    }
    return "unknown unaccepted status";
}

/* Sets or clears bits [from, to) of the pool. */
static void unaccepted_bits_assign(uint64_t *w, uint64_t from, uint64_t to,
                                   bool set)
{
    while ( from < to )
    {
        uint64_t bit = from % 64, n = MIN(64 - bit, to - from);
        uint64_t mask = (n == 64 ? ~0ULL : (1ULL << n) - 1) << bit;

        if ( set )
            w[from / 64] |= mask;
        else
            w[from / 64] &= ~mask;
        from += n;
    }
}

/* First bit in [from, to) equal to set, or to; a word at a time. */
static uint64_t unaccepted_bits_find(const uint64_t *w, uint64_t from,
                                     uint64_t to, bool set)
{
    while ( from < to )
    {
        uint64_t bit = from % 64, n = MIN(64 - bit, to - from);
        uint64_t word = (set ? w[from / 64] : ~w[from / 64]) >> bit;

        if ( n < 64 )
            word &= (1ULL << n) - 1;
        if ( word )
            return from + __builtin_ctzll(word);
        from += n;
    }
    return to;
}

static uint64_t unaccepted_range_end_pfn(const struct unaccepted_range *r)
{
    return (r->base_pa >> PAGE_SHIFT) + r->nr_units * UNIT_PAGES;
}

static void unaccepted_walk_accept(struct unaccepted_walk *w, uint64_t s_pfn,
                                   uint64_t e_pfn)
{
    if ( w->accept )
        w->accept[w->nr_accept] = (struct unaccepted_span){
            .start_pa = s_pfn << PAGE_SHIFT, .nr_pages = e_pfn - s_pfn };
    w->nr_accept++;
    w->accept_pages += e_pfn - s_pfn;
}

/* Records whole units [a_pfn, b_pfn), extending the last range if touching. */
static void unaccepted_walk_record(struct unaccepted_walk *w, uint64_t a_pfn,
                                   uint64_t b_pfn)
{
    uint64_t units = (b_pfn - a_pfn) / UNIT_PAGES;
    bool extend = w->nr_ranges && w->prev_end_pfn == a_pfn;

    if ( w->t )
    {
        struct unaccepted_table *t = w->t;

        if ( extend )
            t->ranges[t->nr_ranges - 1].nr_units += units;
        else
            t->ranges[t->nr_ranges++] = (struct unaccepted_range){
                .base_pa = a_pfn << PAGE_SHIFT, .nr_units = units,
                .bit_offset = w->nr_units };
        unaccepted_bits_assign(t->bits, w->nr_units, w->nr_units + units,
                               true);
        t->nr_bits += units;
        t->nr_pending += units;
    }
    if ( !extend )
        w->nr_ranges++;
    w->nr_units += units;
    w->prev_end_pfn = b_pfn;
}

/* One maximal run of unaccepted frames [s_pfn, e_pfn). */
static void unaccepted_walk_run(struct unaccepted_walk *w, uint64_t s_pfn,
                                uint64_t e_pfn)
{
    uint64_t a_pfn = ALIGN_UP(s_pfn, UNIT_PAGES);
    uint64_t b_pfn = ALIGN_DOWN(e_pfn, UNIT_PAGES);

    w->end_pfn = MAX(w->end_pfn, e_pfn);
    /* Two units or more always leave at least one whole unit inside. */
    if ( e_pfn - s_pfn < 2 * UNIT_PAGES )
    {
        unaccepted_walk_accept(w, s_pfn, e_pfn);
        return;
    }
    if ( s_pfn < a_pfn )
        unaccepted_walk_accept(w, s_pfn, a_pfn);
    unaccepted_walk_record(w, a_pfn, b_pfn);
    if ( b_pfn < e_pfn )
        unaccepted_walk_accept(w, b_pfn, e_pfn);
}

/* Touching type-15 entries (differing in attributes) form one run. */
static void unaccepted_walk_map(const struct efimap_entry *map,
                                unsigned int nr, struct unaccepted_walk *w)
{
    uint64_t run_s = 0, run_e = 0;
    bool have_run = false;

    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t s = map[i].start_pa >> PAGE_SHIFT, e = s + map[i].nr_pages;

        if ( map[i].type != EFIMAP_TYPE_UNACCEPTED )
            continue;
        if ( have_run && run_e == s )
        {
            run_e = e;
            continue;
        }
        if ( have_run )
            unaccepted_walk_run(w, run_s, run_e);
        run_s = s;
        run_e = e;
        have_run = true;
    }
    if ( have_run )
        unaccepted_walk_run(w, run_s, run_e);
}

enum unaccepted_status unaccepted_measure(const struct efimap_entry *map,
                                          unsigned int nr,
                                          struct unaccepted_need *need)
{
    struct unaccepted_walk w = { 0 };

    if ( !efimap_is_normalized(map, nr) )
        return UNACCEPTED_ERR_NOT_NORMALIZED;
    unaccepted_walk_map(map, nr, &w);

    /* At most 2^43 units, so this fits comfortably in 64 bits. */
    need->storage_bytes = w.nr_ranges * sizeof(struct unaccepted_range) +
                          (w.nr_units + 63) / 64 * sizeof(uint64_t);
    need->nr_ranges = w.nr_ranges;
    need->nr_units = w.nr_units;
    need->nr_accept_now = w.nr_accept;
    need->accept_now_pages = w.accept_pages;
    need->end_pfn = w.end_pfn;
    return UNACCEPTED_OK;
}

bool unaccepted_fits_below(const struct unaccepted_need *need,
                           uint64_t limit_pa)
{
    if ( limit_pa == UINT64_MAX )
        return true;
    return need->end_pfn <= (limit_pa >> PAGE_SHIFT);
}

enum unaccepted_status unaccepted_plan(struct unaccepted_table *t,
                                       void *storage, size_t storage_bytes,
                                       const struct efimap_entry *map,
                                       unsigned int nr,
                                       struct unaccepted_span *accept_now,
                                       unsigned int max_accept_now,
                                       unsigned int *nr_accept_now)
{
    struct unaccepted_walk w = { .t = t, .accept = accept_now };
    struct unaccepted_need need;
    enum unaccepted_status st;
    uint64_t nr_words;

    *nr_accept_now = 0;
    st = unaccepted_measure(map, nr, &need);
    if ( st != UNACCEPTED_OK )
        return st;
    if ( !IS_ALIGNED((uintptr_t)storage, sizeof(uint64_t)) )
        return UNACCEPTED_ERR_STORAGE_ALIGN;
    if ( storage_bytes < need.storage_bytes )
        return UNACCEPTED_ERR_STORAGE;
    if ( max_accept_now < need.nr_accept_now )
        return UNACCEPTED_ERR_ACCEPT_ROOM;

    *t = (struct unaccepted_table){ 0 };
    if ( need.nr_ranges )
    {
        t->ranges = storage;
        t->bits = (uint64_t *)(t->ranges + need.nr_ranges);
        nr_words = (need.nr_units + 63) / 64;
        for ( uint64_t i = 0; i < nr_words; i++ )
            t->bits[i] = 0;
    }

    unaccepted_walk_map(map, nr, &w);
    *nr_accept_now = w.nr_accept;
    return UNACCEPTED_OK;
}

/* Index of the first range ending above pfn, in O(log n). */
static unsigned int unaccepted_first_range(const struct unaccepted_table *t,
                                           uint64_t pfn)
{
    unsigned int lo = 0, hi = t->nr_ranges;

    while ( lo < hi )
    {
        unsigned int mid = lo + (hi - lo) / 2;

        if ( unaccepted_range_end_pfn(&t->ranges[mid]) <= pfn )
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/*
 * The pool bits [*from, *to) of range r for the units that overlap frames
 * [s_pfn, e_pfn); false when the range lies wholly above them.
 */
static bool unaccepted_overlap_bits(const struct unaccepted_range *r,
                                    uint64_t s_pfn, uint64_t e_pfn,
                                    uint64_t *from, uint64_t *to)
{
    uint64_t base = r->base_pa >> PAGE_SHIFT;
    uint64_t end = unaccepted_range_end_pfn(r);

    if ( base >= e_pfn )
        return false;
    *from = r->bit_offset + (s_pfn > base ? (s_pfn - base) / UNIT_PAGES : 0);
    *to = r->bit_offset +
          (MIN(e_pfn, end) - base + UNIT_PAGES - 1) / UNIT_PAGES;
    return true;
}

/* Checks a page range given by the caller; 2^64 may be its end. */
static bool unaccepted_range_ok(uint64_t start_pa, uint64_t nr_pages)
{
    uint64_t max_pages = start_pa ? (0 - start_pa) >> PAGE_SHIFT
                                  : 1ULL << (64 - PAGE_SHIFT);

    return IS_ALIGNED(start_pa, EFIMAP_PAGE_BYTES) && nr_pages <= max_pages;
}

bool unaccepted_is_accepted(const struct unaccepted_table *t,
                            uint64_t start_pa, uint64_t nr_pages)
{
    uint64_t s = start_pa >> PAGE_SHIFT, e = s + nr_pages;

    /* No pages: nothing there can be pending. */
    if ( !nr_pages )
        return true;
    /* A range reaching past 2^64 is cut there. */
    if ( nr_pages > (1ULL << (64 - PAGE_SHIFT)) - s )
        e = 1ULL << (64 - PAGE_SHIFT);
    for ( unsigned int r = unaccepted_first_range(t, s); r < t->nr_ranges;
          r++ )
    {
        uint64_t from, to;

        if ( !unaccepted_overlap_bits(&t->ranges[r], s, e, &from, &to) )
            break;
        if ( unaccepted_bits_find(t->bits, from, to, true) != to )
            return false;
    }
    return true;
}

/* The span of memory covered by pool bits [from, to) of range r. */
static struct unaccepted_span unaccepted_span_of(
    const struct unaccepted_range *r, uint64_t from, uint64_t to)
{
    return (struct unaccepted_span){
        .start_pa = r->base_pa + ((from - r->bit_offset) <<
                                  UNACCEPTED_UNIT_SHIFT),
        .nr_pages = (to - from) * UNIT_PAGES,
    };
}

enum unaccepted_status unaccepted_take(struct unaccepted_table *t,
                                       uint64_t start_pa, uint64_t nr_pages,
                                       struct unaccepted_span *out,
                                       unsigned int max_out,
                                       unsigned int *nr_out)
{
    uint64_t s = start_pa >> PAGE_SHIFT, e = s + nr_pages;

    *nr_out = 0;
    if ( !unaccepted_range_ok(start_pa, nr_pages) )
        return UNACCEPTED_ERR_RANGE;
    /* No pages: no unit is touched, however start_pa falls in one. */
    if ( !nr_pages )
        return UNACCEPTED_OK;
    for ( unsigned int r = unaccepted_first_range(t, s); r < t->nr_ranges;
          r++ )
    {
        const struct unaccepted_range *rg = &t->ranges[r];
        uint64_t p, to, q;

        if ( !unaccepted_overlap_bits(rg, s, e, &p, &to) )
            break;
        /* Each maximal run of set bits becomes one span. */
        while ( (p = unaccepted_bits_find(t->bits, p, to, true)) != to )
        {
            if ( *nr_out == max_out )
                return UNACCEPTED_MORE;
            q = unaccepted_bits_find(t->bits, p, to, false);
            out[(*nr_out)++] = unaccepted_span_of(rg, p, q);
            unaccepted_bits_assign(t->bits, p, q, false);
            t->nr_pending -= q - p;
            p = q;
        }
    }
    return UNACCEPTED_OK;
}

enum unaccepted_status unaccepted_next(const struct unaccepted_table *t,
                                       uint64_t from_pa,
                                       struct unaccepted_span *span)
{
    uint64_t s = from_pa >> PAGE_SHIFT;

    for ( unsigned int r = unaccepted_first_range(t, s); r < t->nr_ranges;
          r++ )
    {
        const struct unaccepted_range *rg = &t->ranges[r];
        uint64_t base = rg->base_pa >> PAGE_SHIFT;
        uint64_t p = rg->bit_offset + (s > base ? (s - base) / UNIT_PAGES : 0);
        uint64_t to = rg->bit_offset + rg->nr_units, q;

        p = unaccepted_bits_find(t->bits, p, to, true);
        if ( p == to )
            continue;
        q = unaccepted_bits_find(t->bits, p, to, false);
        *span = unaccepted_span_of(rg, p, q);
        return UNACCEPTED_OK;
    }
    return UNACCEPTED_ERR_NOT_FOUND;
}
