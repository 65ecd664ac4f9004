/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * e820 map arithmetic: sanitizing a map handed over by a loader or made
 * from the EFI map, and carving ranges into a sanitized one. Pure: the
 * caller owns every buffer.
 *
 * Ranges are kept internally as [addr, last] with an inclusive last byte,
 * so a range ending at the top of the address space needs no 65-bit end.
 */
#include <xen/e820.h>
#include <xen/heap.h>

/* One input range, clipped, with its overlap priority. */
struct e820_span {
    uint64_t addr;
    uint64_t last;
    uint64_t key;           /* rank << 32 | type: the larger key wins */
};
_Static_assert(sizeof(struct e820_span) <= HEAP_MAX_ELEM_BYTES, "e820_span");

/* Collects output entries, merging touching ranges of one type. */
struct e820_emitter {
    struct e820entry *out;
    unsigned int max;
    unsigned int nr;        /* entries flushed, written or not */
    bool have_prev;
    uint64_t prev_addr;
    uint64_t prev_last;
    uint32_t prev_type;
};

const char *e820_strerror(enum e820_status st)
{
    switch ( st )
    {
    case E820_OK:                return "ok";
    case E820_ERR_NO_ROOM:       return "output map too small";
    case E820_ERR_SCRATCH:       return "scratch buffer too small";
    case E820_ERR_NOT_SANITIZED: return "map is not sanitized";
    case E820_ERR_RANGE:         return "range passes the end of the "
                                        "address space";
    }
    return "unknown e820 status";
}

const char *e820_type_name(uint32_t type)
{
    switch ( type )
    {
    case E820_RAM:      return "RAM";
    case E820_RESERVED: return "reserved";
    case E820_ACPI:     return "ACPI";
    case E820_NVS:      return "NVS";
    case E820_UNUSABLE: return "unusable";
    }
    return "unknown";
}

/* Overlap rank; see the order documented in e820.h. */
static uint64_t e820_key(uint32_t type)
{
    uint64_t rank;

    switch ( type )
    {
    case E820_RAM:      rank = 0; break;
    case E820_ACPI:     rank = 1; break;
    case E820_NVS:      rank = 3; break;
    case E820_UNUSABLE: rank = 4; break;
    default:            rank = 2; break;
    }
    return (rank << 32) | type;
}

/* The scratch is used as spans[n] then heap[n], from an 8-byte boundary. */
size_t e820_scratch_bytes(unsigned int nr_in)
{
    if ( !nr_in )
        return 0;
    return (size_t)nr_in * (sizeof(struct e820_span) + sizeof(uint32_t)) +
           sizeof(uint64_t) - 1;
}

/* Overlap order of spans, for the index heap of e820_sweep(). */
static bool e820_key_less(const void *ctx, uint32_t a, uint32_t b)
{
    const struct e820_span *s = ctx;

    return s[a].key < s[b].key;
}

/* [a, pa] and [b, lb] touch, and are not the whole space together. */
static bool e820_can_merge(uint64_t a, uint64_t pa, uint64_t b, uint64_t lb)
{
    return pa != UINT64_MAX && pa + 1 == b && !(a == 0 && lb == UINT64_MAX);
}

/*
 * Writes [addr, last] at map[idx] if idx < max and returns the number of
 * entries it takes. The whole address space has no 20-byte form: it is
 * written as two entries, the last 4 KiB apart, wherever it came from, so
 * that the result does not depend on the order of the input.
 */
static unsigned int e820_put(struct e820entry *map, unsigned int idx,
                             unsigned int max, uint64_t addr, uint64_t last,
                             uint32_t type)
{
    if ( addr == 0 && last == UINT64_MAX )
    {
        e820_put(map, idx, max, 0, UINT64_MAX - 0x1000, type);
        e820_put(map, idx + 1, max, UINT64_MAX - 0xfff, UINT64_MAX, type);
        return 2;
    }
    if ( idx < max )
    {
        map[idx].addr = addr;
        map[idx].size = last - addr + 1;
        map[idx].type = type;
    }
    return 1;
}

static void e820_flush(struct e820_emitter *em)
{
    if ( !em->have_prev )
        return;
    em->nr += e820_put(em->out, em->nr, em->max, em->prev_addr,
                       em->prev_last, em->prev_type);
    em->have_prev = false;
}

static void e820_emit(struct e820_emitter *em, uint64_t addr, uint64_t last,
                      uint32_t type)
{
    if ( em->have_prev && em->prev_type == type &&
         em->prev_last != UINT64_MAX && em->prev_last + 1 == addr )
    {
        em->prev_last = last;
        return;
    }
    e820_flush(em);
    em->have_prev = true;
    em->prev_addr = addr;
    em->prev_last = last;
    em->prev_type = type;
}

/*
 * Walks the sorted spans in address order. The heap holds every span that
 * has started; those that ended are dropped lazily when they reach the top,
 * so the top is always the winning live span. Each step pushes or pops at
 * least once, so there are at most 2n steps. heap has room for all n spans,
 * so no push fails and every pop finds an entry.
 */
static void e820_sweep(const struct e820_span *s, uint32_t *heap,
                       unsigned int n, struct e820_emitter *em)
{
    struct heap_idx h;
    unsigned int i = 0;
    uint64_t pos = 0;

    heap_idx_init(&h, heap, n, e820_key_less, s);
    for ( ;; )
    {
        uint64_t seg_last;

        while ( h.nr && s[h.slot[0]].last < pos )
            heap_idx_pop(&h);
        if ( !h.nr )
        {
            if ( i == n )
                break;
            pos = s[i].addr;
        }
        while ( i < n && s[i].addr <= pos )
            heap_idx_push(&h, i++);

        seg_last = s[h.slot[0]].last;
        if ( i < n && s[i].addr - 1 < seg_last )
            seg_last = s[i].addr - 1;
        e820_emit(em, pos, seg_last, (uint32_t)s[h.slot[0]].key);
        if ( seg_last == UINT64_MAX )
            break;
        pos = seg_last + 1;
    }
    e820_flush(em);
}

enum e820_status e820_sanitize(const struct e820entry *in, unsigned int nr_in,
                               struct e820entry *out, unsigned int max_out,
                               unsigned int *nr_out,
                               void *scratch, size_t scratch_bytes)
{
    struct e820_emitter em = { .out = out, .max = max_out };
    uintptr_t base = ALIGN_UP((uintptr_t)scratch, sizeof(uint64_t));
    struct e820_span *spans = (struct e820_span *)base;
    uint32_t *heap;
    unsigned int n = 0;

    *nr_out = 0;
    if ( !nr_in )
        return E820_OK;
    if ( scratch_bytes < e820_scratch_bytes(nr_in) )
        return E820_ERR_SCRATCH;
    heap = (uint32_t *)(spans + nr_in);

    for ( unsigned int i = 0; i < nr_in; i++ )
    {
        uint64_t addr = in[i].addr, size = in[i].size;

        if ( !size )
            continue;
        /* Clip at 2^64: the last byte is then UINT64_MAX. */
        if ( size - 1 > UINT64_MAX - addr )
            size = UINT64_MAX - addr + 1;
        spans[n].addr = addr;
        spans[n].last = addr + (size - 1);
        spans[n].key = e820_key(in[i].type);
        n++;
    }

    /* Cannot fail: the record size and key offset are constants that fit. */
    heap_sort(spans, n, sizeof(*spans), offsetof(struct e820_span, addr));
    e820_sweep(spans, heap, n, &em);

    *nr_out = em.nr;
    return em.nr > max_out ? E820_ERR_NO_ROOM : E820_OK;
}

bool e820_is_sanitized(const struct e820entry *map, unsigned int nr)
{
    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t addr = map[i].addr, size = map[i].size;

        if ( !size || size - 1 > UINT64_MAX - addr )
            return false;
        if ( i )
        {
            uint64_t pa = map[i - 1].addr;
            uint64_t pl = pa + (map[i - 1].size - 1);

            if ( pl >= addr )
                return false;
            if ( map[i - 1].type == map[i].type &&
                 e820_can_merge(pa, pl, addr, addr + (size - 1)) )
                return false;
        }
    }
    return true;
}

uint64_t e820_total_bytes(const struct e820entry *map, unsigned int nr,
                          uint32_t type)
{
    uint64_t total = 0;

    for ( unsigned int i = 0; i < nr; i++ )
    {
        if ( map[i].type != type )
            continue;
        if ( map[i].size > UINT64_MAX - total )
            return UINT64_MAX;
        total += map[i].size;
    }
    return total;
}

/* A piece of map being rebuilt by e820_add(). */
struct e820_piece {
    uint64_t addr;
    uint64_t last;
    uint32_t type;
};

static uint64_t e820_last(const struct e820entry *e)
{
    return e->addr + (e->size - 1);
}

/* Moves the n entries at map + from to map + to; the ranges may overlap. */
static void e820_move(struct e820entry *map, unsigned int to,
                      unsigned int from, unsigned int n)
{
    if ( to < from )
        for ( unsigned int i = 0; i < n; i++ )
            map[to + i] = map[from + i];
    else if ( to > from )
        for ( unsigned int i = n; i-- > 0; )
            map[to + i] = map[from + i];
}

/* First index whose range ends at or after addr (sorted, disjoint map). */
static unsigned int e820_first_ending_at(const struct e820entry *map,
                                         unsigned int nr, uint64_t addr)
{
    unsigned int lo = 0, hi = nr;

    while ( lo < hi )
    {
        unsigned int mid = lo + (hi - lo) / 2;

        if ( e820_last(&map[mid]) < addr )
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void e820_piece_of(struct e820_piece *p, const struct e820entry *e)
{
    p->addr = e->addr;
    p->last = e820_last(e);
    p->type = e->type;
}

static bool e820_piece_joins(const struct e820_piece *a,
                             const struct e820_piece *b)
{
    return a->type == b->type && a->last != UINT64_MAX &&
           a->last + 1 == b->addr;
}

enum e820_status e820_add(struct e820entry *map, unsigned int *nr,
                          unsigned int max, uint64_t addr, uint64_t size,
                          uint32_t type)
{
    struct e820_piece p[5];
    unsigned int np = 0, n = *nr, first, end, lo, hi, new_nr, k;
    uint64_t last;

    if ( !e820_is_sanitized(map, n) )
        return E820_ERR_NOT_SANITIZED;
    if ( !size )
        return E820_OK;
    if ( size - 1 > UINT64_MAX - addr )
        return E820_ERR_RANGE;
    last = addr + (size - 1);

    /* Entries [first, end) overlap the new range and are replaced. */
    first = e820_first_ending_at(map, n, addr);
    for ( end = first; end < n && map[end].addr <= last; end++ )
        ;

    /*
     * The pieces, in address order: the untouched left neighbour, what is
     * left of the first overlapped entry below addr, the new range, what is
     * left of the last overlapped entry above last, the right neighbour.
     * Neighbours take part so that touching ranges of one type merge.
     */
    lo = first;
    hi = end;
    if ( first > 0 )
        e820_piece_of(&p[np++], &map[--lo]);
    if ( first < end && map[first].addr < addr )
    {
        e820_piece_of(&p[np], &map[first]);
        p[np++].last = addr - 1;
    }
    p[np++] = (struct e820_piece){ addr, last, type };
    if ( first < end && e820_last(&map[end - 1]) > last )
    {
        e820_piece_of(&p[np], &map[end - 1]);
        p[np++].addr = last + 1;
    }
    if ( end < n )
        e820_piece_of(&p[np++], &map[hi++]);

    /* Merge the pieces in place; k counts those kept. */
    k = 1;
    for ( unsigned int i = 1; i < np; i++ )
    {
        if ( e820_piece_joins(&p[k - 1], &p[i]) )
            p[k - 1].last = p[i].last;
        else
            p[k++] = p[i];
    }
    np = k;

    /* Count first: on failure the map must stay as it was. */
    k = 0;
    for ( unsigned int i = 0; i < np; i++ )
        k += e820_put(map, 0, 0, p[i].addr, p[i].last, p[i].type);
    new_nr = n - (hi - lo) + k;
    if ( new_nr > max )
        return E820_ERR_NO_ROOM;
    e820_move(map, lo + k, hi, n - hi);
    for ( unsigned int i = 0; i < np; i++ )
        lo += e820_put(map, lo, max, p[i].addr, p[i].last, p[i].type);
    *nr = new_nr;
    return E820_OK;
}

/* First RAM entry with bytes at or above limit_pa, or nr. */
static unsigned int e820_first_ram_above(const struct e820entry *map,
                                         unsigned int nr, uint64_t limit_pa)
{
    unsigned int i = 0;

    while ( i < nr && (map[i].type != E820_RAM ||
                       e820_last(&map[i]) < limit_pa) )
        i++;
    return i;
}

enum e820_status e820_clip_ram(struct e820entry *map, unsigned int *nr,
                               unsigned int max, uint64_t limit_pa,
                               uint64_t *clipped_bytes)
{
    unsigned int i;
    uint64_t total = 0;

    *clipped_bytes = 0;
    if ( !e820_is_sanitized(map, *nr) )
        return E820_ERR_NOT_SANITIZED;
    /*
     * Only an entry that starts below limit_pa and ends above it is split;
     * in a sorted, disjoint map there is at most one. Every other change
     * is a change of type, which never adds an entry.
     */
    i = e820_first_ram_above(map, *nr, limit_pa);
    if ( i < *nr && map[i].addr < limit_pa && *nr >= max )
        return E820_ERR_NO_ROOM;

    while ( (i = e820_first_ram_above(map, *nr, limit_pa)) < *nr )
    {
        uint64_t from = MAX(map[i].addr, limit_pa);
        uint64_t bytes = e820_last(&map[i]) - from + 1;
        enum e820_status st = e820_add(map, nr, max, from, bytes,
                                       E820_UNUSABLE);

        /* Room was checked above, and the map is sanitized. */
        if ( st != E820_OK )
            return st;
        total += bytes;
    }
    *clipped_bytes = total;
    return E820_OK;
}
