/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot frame allocator; see include/xen/frame.h. Every operation is a
 * binary search plus at most one shift of the range array, O(n) in the
 * number of ranges, which stays in the hundreds at boot. No range ever ends
 * above FRAME_PA_END, so start + bytes never wraps once checked against it.
 */
#include <xen/frame.h>

#define UNIT_BYTES      FRAME_UNIT_BYTES
#define UNIT_PAGES      (UNIT_BYTES >> FRAME_PAGE_SHIFT)

const char *frame_strerror(enum frame_status st)
{
    switch ( st )
    {
    case FRAME_OK:              return "ok";
    case FRAME_ERR_NO_ROOM:     return "free range storage full";
    case FRAME_ERR_ALIGN:       return "block not aligned to its size";
    case FRAME_ERR_RANGE:       return "empty range or past the address "
                                       "space";
    case FRAME_ERR_NO_MEMORY:   return "no free block of that size";
    case FRAME_ERR_NOT_FREE:    return "block was not allocated";
    case FRAME_ERR_OVERLAP:     return "range overlaps free memory";
    case FRAME_ERR_ORDER:       return "block order too large";
    case FRAME_ERR_NO_ACCEPT:   return "unaccepted memory but no way to "
                                       "accept it";
    }
    return "unknown frame status";
}

void frame_pool_init(struct frame_pool *p, struct frame_range *storage,
                     unsigned int max, struct unaccepted_table *ua,
                     frame_accept_fn *accept, void *ctx)
{
    *p = (struct frame_pool){
        .free = storage, .max_free = max, .ua = ua, .accept = accept,
        .accept_ctx = ctx,
    };
}

/* Index of the first range ending above pa, or nr_free. */
static unsigned int frame_first_above(const struct frame_pool *p, paddr_t pa)
{
    unsigned int lo = 0, hi = p->nr_free;

    while ( lo < hi )
    {
        unsigned int mid = lo + (hi - lo) / 2;

        if ( p->free[mid].end <= pa )
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Makes room at index i; the caller has checked there is storage. */
static void frame_open_slot(struct frame_pool *p, unsigned int i)
{
    for ( unsigned int k = p->nr_free; k > i; k-- )
        p->free[k] = p->free[k - 1];
    p->nr_free++;
}

static void frame_close_slots(struct frame_pool *p, unsigned int i,
                              unsigned int count)
{
    for ( unsigned int k = i; k + count < p->nr_free; k++ )
        p->free[k] = p->free[k + count];
    p->nr_free -= count;
}

/* Frees [s, e), page aligned, s < e <= FRAME_PA_END. */
static enum frame_status frame_insert(struct frame_pool *p, paddr_t s,
                                      paddr_t e)
{
    unsigned int i = frame_first_above(p, s);
    struct frame_range *r = p->free;
    bool left = i > 0 && r[i - 1].end == s;
    bool right = i < p->nr_free && r[i].start == e;

    /* Ranges before i end at or below s; only r[i] can overlap. */
    if ( i < p->nr_free && r[i].start < e )
        return FRAME_ERR_OVERLAP;
    if ( left && right )
    {
        r[i - 1].end = r[i].end;
        frame_close_slots(p, i, 1);
    }
    else if ( left )
        r[i - 1].end = e;
    else if ( right )
        r[i].start = s;
    else
    {
        if ( p->nr_free == p->max_free )
            return FRAME_ERR_NO_ROOM;
        frame_open_slot(p, i);
        r[i] = (struct frame_range){ .start = s, .end = e };
    }
    p->free_bytes += e - s;
    return FRAME_OK;
}

/*
 * Takes whatever part of [s, e) (page aligned, s < e) is free out of the
 * free memory; *gone receives the bytes taken. Only a range reaching past
 * both ends needs a new slot.
 */
static enum frame_status frame_remove(struct frame_pool *p, paddr_t s,
                                      paddr_t e, uint64_t *gone)
{
    unsigned int i = frame_first_above(p, s), j;
    struct frame_range *r = p->free;
    uint64_t bytes = 0;

    *gone = 0;
    if ( i < p->nr_free && r[i].start < s && r[i].end > e )
    {
        if ( p->nr_free == p->max_free )
            return FRAME_ERR_NO_ROOM;
        frame_open_slot(p, i + 1);
        r[i + 1] = (struct frame_range){ .start = e, .end = r[i].end };
        r[i].end = s;
        bytes = e - s;
    }
    else
    {
        /* A range starting below s ends inside [s, e]: cut its tail. */
        if ( i < p->nr_free && r[i].start < s )
        {
            bytes += r[i].end - s;
            r[i].end = s;
            i++;
        }
        for ( j = i; j < p->nr_free && r[j].end <= e; j++ )
            bytes += r[j].end - r[j].start;
        if ( j < p->nr_free && r[j].start < e )
        {
            bytes += e - r[j].start;
            r[j].start = e;
        }
        frame_close_slots(p, i, j - i);
    }
    p->free_bytes -= bytes;
    *gone = bytes;
    return FRAME_OK;
}

enum frame_status frame_pool_add(struct frame_pool *p, paddr_t start,
                                 paddr_t end)
{
    paddr_t s, e;

    if ( end <= start )
        return FRAME_ERR_RANGE;
    /* Rounding up would wrap; no whole page is left there anyway. */
    if ( start > FRAME_PA_END )
        return FRAME_OK;
    s = ALIGN_UP(start, FRAME_PAGE_BYTES);
    e = ALIGN_DOWN(end, FRAME_PAGE_BYTES);
    if ( s >= e )
        return FRAME_OK;
    return frame_insert(p, s, e);
}

enum frame_status frame_pool_reserve(struct frame_pool *p, paddr_t start,
                                     paddr_t end)
{
    paddr_t s, e;
    uint64_t gone;

    if ( end <= start )
        return FRAME_ERR_RANGE;
    s = ALIGN_DOWN(start, FRAME_PAGE_BYTES);
    /* Nothing is free above FRAME_PA_END, so cutting there loses nothing. */
    e = end > FRAME_PA_END ? FRAME_PA_END : ALIGN_UP(end, FRAME_PAGE_BYTES);
    if ( s >= e )
        return FRAME_OK;
    return frame_remove(p, s, e, &gone);
}

/*
 * The highest block of bytes (a power of two) ending at or below limit
 * that can be carved out of one free range. With storage full a block
 * strictly inside a range would need a new slot, so only the top or bottom
 * block of a range will do.
 */
static enum frame_status frame_find(const struct frame_pool *p,
                                    uint64_t bytes, paddr_t limit,
                                    paddr_t *base)
{
    bool room = p->nr_free < p->max_free, inner_only = false;

    for ( unsigned int i = p->nr_free; i-- > 0; )
    {
        const struct frame_range *r = &p->free[i];
        paddr_t top;

        if ( r->start >= limit )
            continue;
        top = ALIGN_DOWN(MIN(r->end, limit), bytes);
        if ( top < bytes || top - bytes < r->start )
            continue;
        if ( room || top == r->end || top - bytes == r->start )
        {
            *base = top - bytes;
            return FRAME_OK;
        }
        /* A block fits, so one starting at an aligned r->start does too. */
        if ( IS_ALIGNED(r->start, bytes) )
        {
            *base = r->start;
            return FRAME_OK;
        }
        inner_only = true;
    }
    return inner_only ? FRAME_ERR_NO_ROOM : FRAME_ERR_NO_MEMORY;
}

/*
 * Removes the unit at unit_pa from the free memory for good. When that
 * would split a range and storage is full, the shorter side of the range
 * goes with it: losing accepted memory is better than handing out memory
 * that was never accepted.
 */
static void frame_drop_unit(struct frame_pool *p, paddr_t unit_pa)
{
    paddr_t s = unit_pa;
    paddr_t e = unit_pa > FRAME_PA_END - UNIT_BYTES ? FRAME_PA_END
                                                    : unit_pa + UNIT_BYTES;
    uint64_t gone;

    if ( frame_remove(p, s, e, &gone) == FRAME_ERR_NO_ROOM )
    {
        const struct frame_range *r = &p->free[frame_first_above(p, s)];

        if ( s - r->start <= r->end - e )
            s = r->start;
        else
            e = r->end;
        /* Reaching one edge of the range, this needs no slot. */
        frame_remove(p, s, e, &gone);
    }
    p->dropped_bytes += gone;
}

/*
 * Accepts every unit of the free block [base, base + bytes) that is still
 * unaccepted, lowest first. False when one was refused and dropped: the
 * free memory has then shrunk and the caller searches again.
 */
static bool frame_accept_block(struct frame_pool *p, paddr_t base,
                               uint64_t bytes)
{
    paddr_t unit = ALIGN_DOWN(base, UNIT_BYTES);
    /* Counted, not compared by address: the last unit may end at 2^64. */
    uint64_t nr_units = (base + bytes - 1 - unit) / UNIT_BYTES + 1;

    if ( !p->ua )
        return true;
    for ( uint64_t k = 0; k < nr_units; k++, unit += UNIT_BYTES )
    {
        struct unaccepted_span span;
        unsigned int nr = 0;
        enum unaccepted_status st;

        st = unaccepted_take(p->ua, unit, UNIT_PAGES, &span, 1, &nr);
        if ( st == UNACCEPTED_OK && nr == 0 )
            continue;
        /*
         * The table now counts the unit as accepted, so unless the
         * callback really accepts it, it must never be handed out. A
         * failing take cannot happen for one aligned unit; it is treated
         * the same way to be safe.
         */
        if ( st == UNACCEPTED_OK &&
             p->accept(p->accept_ctx, unit, UNIT_BYTES) == 0 )
        {
            p->accepted_bytes += UNIT_BYTES;
            continue;
        }
        frame_drop_unit(p, unit);
        return false;
    }
    return true;
}

enum frame_status frame_alloc(struct frame_pool *p, unsigned int order,
                              paddr_t max_pa, paddr_t *pa)
{
    paddr_t limit = FRAME_PA_END, base;
    enum frame_status st;
    uint64_t bytes, gone;

    if ( order > FRAME_MAX_ORDER )
        return FRAME_ERR_ORDER;
    if ( p->ua && !p->accept )
        return FRAME_ERR_NO_ACCEPT;
    bytes = FRAME_PAGE_BYTES << order;
    if ( max_pa && max_pa < limit )
        limit = max_pa;

    /* Each refused unit shrinks the free memory, so this ends. */
    do {
        st = frame_find(p, bytes, limit, &base);
        if ( st != FRAME_OK )
            return st;
    } while ( !frame_accept_block(p, base, bytes) );

    /* frame_find() picked a block this can carve without a new slot. */
    frame_remove(p, base, base + bytes, &gone);
    *pa = base;
    return FRAME_OK;
}

enum frame_status frame_free(struct frame_pool *p, paddr_t pa,
                             unsigned int order)
{
    enum frame_status st;
    uint64_t bytes;

    if ( order > FRAME_MAX_ORDER )
        return FRAME_ERR_ORDER;
    bytes = FRAME_PAGE_BYTES << order;
    if ( !IS_ALIGNED(pa, bytes) )
        return FRAME_ERR_ALIGN;
    if ( pa > FRAME_PA_END - bytes )
        return FRAME_ERR_RANGE;
    /* Every unit of an allocated block was taken from the table. */
    if ( p->ua &&
         !unaccepted_is_accepted(p->ua, pa, bytes >> FRAME_PAGE_SHIFT) )
        return FRAME_ERR_NOT_FREE;
    st = frame_insert(p, pa, pa + bytes);
    return st == FRAME_ERR_OVERLAP ? FRAME_ERR_NOT_FREE : st;
}

bool frame_pool_is_valid(const struct frame_pool *p)
{
    uint64_t sum = 0;

    if ( p->nr_free > p->max_free )
        return false;
    for ( unsigned int i = 0; i < p->nr_free; i++ )
    {
        const struct frame_range *r = &p->free[i];

        if ( !IS_ALIGNED(r->start | r->end, FRAME_PAGE_BYTES) ||
             r->start >= r->end || r->end > FRAME_PA_END )
            return false;
        if ( i > 0 && p->free[i - 1].end >= r->start )
            return false;
        sum += r->end - r->start;
    }
    return sum == p->free_bytes;
}
