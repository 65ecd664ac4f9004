/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for unaccepted-memory tracking (lib/mm/unaccepted.c),
 * driven directly: a normalized EFI map inside a window of WIN_UNITS 2 MiB
 * units, then a series of take / is_accepted / next calls, all checked
 * against a model that keeps one flag per page of the window. Input:
 *   byte 0:    where the window sits: at 0, across 4 GiB, at the top of
 *              the address space (ending at 2^64), or at bytes 1..4 << 21
 *   byte 5:    number of map pieces (% 32); then per piece 3 bytes:
 *              kind (gap, conventional, unaccepted; the attribute of an
 *              unaccepted piece) and a little-endian length in pages
 *   the rest:  operations of 6 bytes: kind, max_out, u16 start (pages
 *              from the window start, some before it), u16 length
 * The model: a unit is tracked (pending) when it lies wholly inside a run
 * of touching unaccepted pages at least two units long; every other
 * unaccepted page is in the accept-now list, exactly once, and nothing
 * else is. Then:
 * - take lists, in order, the maximal runs of pending units overlapping
 *   the range, at most max_out of them (UNACCEPTED_MORE when more are
 *   left), and marks exactly those accepted; an unaligned start or an end
 *   past 2^64 is UNACCEPTED_ERR_RANGE and changes nothing;
 * - is_accepted is true exactly when no pending unit overlaps the range
 *   (cut at 2^64);
 * - next returns, from the unit holding from_pa on, the first pending
 *   unit and the run of pending units it starts;
 * - nr_pending always equals the model's count;
 * - a zero-length take or is_accepted (an operation kind of 240 or more)
 *   is a no-op: take returns UNACCEPTED_OK (UNACCEPTED_ERR_RANGE for an
 *   unaligned start) with nothing listed, and leaves the table's storage
 *   byte for byte as it was, wherever start_pa falls (inside a pending
 *   unit, at its edge, past 2^64 - 4 KiB); is_accepted is true even
 *   inside a pending unit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/unaccepted.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )

#define UNIT_PAGES  UNACCEPTED_PAGES_PER_UNIT
#define WIN_UNITS   20
#define WIN_PAGES   (WIN_UNITS * UNIT_PAGES)
#define MAX_PIECES  32
#define MAX_OUT     8
#define ZERO_KIND   240     /* operation kinds from here: zero length */

typedef unsigned __int128 u128;

struct model {
    uint64_t base_pa;               /* unit aligned */
    bool unaccepted[WIN_PAGES];     /* type 15 in the map */
    bool pending[WIN_UNITS];        /* tracked and not taken yet */
    uint64_t nr_pending;
};

static struct model m;
static bool accepted_now[WIN_PAGES];
/* The table's storage, to prove a zero-length take changes none of it. */
static const void *table_storage;
static size_t table_storage_bytes;

static uint64_t get(const uint8_t **p, size_t *left, unsigned int bytes)
{
    uint64_t v = 0;

    for ( unsigned int i = 0; i < bytes; i++ )
        if ( *left )
        {
            v |= (uint64_t)**p << (8 * i);
            (*p)++;
            (*left)--;
        }
    return v;
}

/* Builds the map from the pieces; returns its length. */
static unsigned int build_map(const uint8_t **p, size_t *left,
                              struct efimap_entry *map)
{
    unsigned int nr_pieces = get(p, left, 1) % MAX_PIECES, nr = 0;
    uint64_t at = 0;

    for ( unsigned int i = 0; i < nr_pieces && at < WIN_PAGES; i++ )
    {
        unsigned int kind = get(p, left, 1);
        uint64_t len = 1 + get(p, left, 2) % (4 * UNIT_PAGES);
        uint32_t type = kind % 3 == 1 ? EFIMAP_TYPE_CONVENTIONAL :
                        EFIMAP_TYPE_UNACCEPTED;
        uint64_t attr = kind / 3 % 2;

        if ( len > WIN_PAGES - at )
            len = WIN_PAGES - at;
        if ( kind % 3 == 0 )
        {
            at += len;                  /* a hole in the map */
            continue;
        }
        if ( nr && map[nr - 1].type == type && map[nr - 1].attr == attr &&
             map[nr - 1].start_pa + map[nr - 1].nr_pages *
             EFIMAP_PAGE_BYTES == m.base_pa + at * EFIMAP_PAGE_BYTES )
            map[nr - 1].nr_pages += len;    /* normalized: merged */
        else
        {
            map[nr] = (struct efimap_entry){
                .start_pa = m.base_pa + at * EFIMAP_PAGE_BYTES,
                .nr_pages = len, .attr = attr, .type = type,
                .fw_index = nr };
            nr++;
        }
        if ( type == EFIMAP_TYPE_UNACCEPTED )
            for ( uint64_t pg = at; pg < at + len; pg++ )
                m.unaccepted[pg] = true;
        at += len;
    }
    return nr;
}

/* Pending units: wholly inside a run of unaccepted pages >= 2 units. */
static void model_plan(void)
{
    uint64_t s = 0;

    m.nr_pending = 0;
    while ( s < WIN_PAGES )
    {
        uint64_t e = s;

        if ( !m.unaccepted[s] )
        {
            s++;
            continue;
        }
        while ( e < WIN_PAGES && m.unaccepted[e] )
            e++;
        if ( e - s >= 2 * UNIT_PAGES )
            for ( uint64_t u = (s + UNIT_PAGES - 1) / UNIT_PAGES;
                  (u + 1) * UNIT_PAGES <= e; u++ )
            {
                m.pending[u] = true;
                m.nr_pending++;
            }
        s = e;
    }
}

static void check_plan(const struct unaccepted_table *t,
                       const struct unaccepted_span *acc, unsigned int nr_acc,
                       const struct unaccepted_need *need)
{
    uint64_t pages = 0, bits = 0;

    ENSURE(nr_acc == need->nr_accept_now);
    memset(accepted_now, 0, sizeof(accepted_now));
    for ( unsigned int i = 0; i < nr_acc; i++ )
    {
        uint64_t first;

        ENSURE(acc[i].nr_pages && acc[i].start_pa >= m.base_pa);
        first = (acc[i].start_pa - m.base_pa) / EFIMAP_PAGE_BYTES;
        ENSURE(acc[i].start_pa % EFIMAP_PAGE_BYTES == 0);
        ENSURE(first + acc[i].nr_pages <= WIN_PAGES);
        for ( uint64_t pg = first; pg < first + acc[i].nr_pages; pg++ )
        {
            ENSURE(!accepted_now[pg]);
            accepted_now[pg] = true;
        }
        pages += acc[i].nr_pages;
    }
    ENSURE(pages == need->accept_now_pages);
    for ( uint64_t pg = 0; pg < WIN_PAGES; pg++ )
        ENSURE(accepted_now[pg] ==
               (m.unaccepted[pg] && !m.pending[pg / UNIT_PAGES]));

    /* The table: sorted, never touching ranges over consecutive bits. */
    ENSURE(t->nr_ranges == need->nr_ranges);
    for ( unsigned int r = 0; r < t->nr_ranges; r++ )
    {
        const struct unaccepted_range *rg = &t->ranges[r];

        ENSURE(rg->base_pa % UNACCEPTED_UNIT_BYTES == 0 && rg->nr_units);
        ENSURE(rg->bit_offset == bits);
        if ( r )
            ENSURE(t->ranges[r - 1].base_pa + t->ranges[r - 1].nr_units *
                   UNACCEPTED_UNIT_BYTES < rg->base_pa);
        bits += rg->nr_units;
    }
    ENSURE(t->nr_bits == bits && bits == need->nr_units);
    ENSURE(t->nr_pending == m.nr_pending && bits == m.nr_pending);
}

/* The window units [*u0, *u1) overlapping bytes [start_pa, end). */
static void overlap_units(uint64_t start_pa, u128 end, uint64_t *u0,
                          uint64_t *u1)
{
    u128 win_end = (u128)m.base_pa + (u128)WIN_PAGES * EFIMAP_PAGE_BYTES;
    uint64_t first = 0;
    u128 last;

    *u0 = *u1 = 0;
    if ( end <= m.base_pa || start_pa >= win_end || end <= start_pa )
        return;
    if ( start_pa > m.base_pa )
        first = (start_pa - m.base_pa) / EFIMAP_PAGE_BYTES;
    last = (end - m.base_pa + EFIMAP_PAGE_BYTES - 1) / EFIMAP_PAGE_BYTES;
    if ( last > WIN_PAGES )
        last = WIN_PAGES;
    *u0 = first / UNIT_PAGES;
    *u1 = (uint64_t)((last + UNIT_PAGES - 1) / UNIT_PAGES);
}

static uint64_t unit_pa(uint64_t u)
{
    return m.base_pa + u * UNACCEPTED_UNIT_BYTES;
}

static void op_take(struct unaccepted_table *t, uint64_t start_pa,
                    uint64_t nr_pages, unsigned int max_out)
{
    struct unaccepted_span out[MAX_OUT + 1];
    unsigned int nr_out = 99, k = 0;
    u128 end = (u128)start_pa + (u128)nr_pages * EFIMAP_PAGE_BYTES;
    uint64_t u0, u1, u;
    enum unaccepted_status st;

    out[max_out].nr_pages = 0xdead;
    st = unaccepted_take(t, start_pa, nr_pages, out, max_out, &nr_out);
    ENSURE(out[max_out].nr_pages == 0xdead);
    if ( start_pa % EFIMAP_PAGE_BYTES || end > (u128)1 << 64 )
    {
        ENSURE(st == UNACCEPTED_ERR_RANGE && nr_out == 0);
        ENSURE(t->nr_pending == m.nr_pending);
        return;
    }
    overlap_units(start_pa, end, &u0, &u1);
    for ( u = u0; u < u1; )
    {
        uint64_t v;

        if ( !m.pending[u] )
        {
            u++;
            continue;
        }
        if ( k == max_out )
            break;
        for ( v = u; v < u1 && m.pending[v]; v++ )
        {
            m.pending[v] = false;
            m.nr_pending--;
        }
        ENSURE(k < nr_out);
        ENSURE(out[k].start_pa == unit_pa(u));
        ENSURE(out[k].nr_pages == (v - u) * UNIT_PAGES);
        k++;
        u = v;
    }
    ENSURE(nr_out == k);
    ENSURE(st == (u < u1 ? UNACCEPTED_MORE : UNACCEPTED_OK));
    ENSURE(t->nr_pending == m.nr_pending);
}

static void op_is_accepted(const struct unaccepted_table *t,
                           uint64_t start_pa, uint64_t nr_pages)
{
    u128 end = (u128)start_pa + (u128)nr_pages * EFIMAP_PAGE_BYTES;
    uint64_t u0, u1;
    bool want = true;

    if ( end > (u128)1 << 64 )
        end = (u128)1 << 64;            /* cut at 2^64 */
    overlap_units(start_pa, end, &u0, &u1);
    for ( uint64_t u = u0; u < u1; u++ )
        want &= !m.pending[u];
    ENSURE(unaccepted_is_accepted(t, start_pa, nr_pages) == want);
}

/* Zero pages: nothing listed, nothing changed, whatever start_pa is. */
static void op_take_zero(struct unaccepted_table *t, uint64_t start_pa,
                         unsigned int max_out)
{
    struct unaccepted_span out[MAX_OUT];
    struct unaccepted_table before = *t;
    void *copy = malloc(table_storage_bytes + 1);
    unsigned int nr_out = 99;
    enum unaccepted_status st;

    ENSURE(copy);
    memcpy(copy, table_storage, table_storage_bytes);
    memset(out, 0xa5, sizeof(out));
    st = unaccepted_take(t, start_pa, 0, out, max_out, &nr_out);
    ENSURE(st == (start_pa % EFIMAP_PAGE_BYTES ? UNACCEPTED_ERR_RANGE
                                               : UNACCEPTED_OK));
    ENSURE(nr_out == 0);
    for ( size_t i = 0; i < sizeof(out); i++ )
        ENSURE(((const uint8_t *)out)[i] == 0xa5);
    ENSURE(before.ranges == t->ranges && before.nr_ranges == t->nr_ranges &&
           before.bits == t->bits && before.nr_bits == t->nr_bits &&
           before.nr_pending == t->nr_pending);
    ENSURE(!memcmp(copy, table_storage, table_storage_bytes));
    ENSURE(t->nr_pending == m.nr_pending);
    free(copy);
    ENSURE(unaccepted_is_accepted(t, start_pa, 0));
}

static void op_next(const struct unaccepted_table *t, uint64_t from_pa)
{
    struct unaccepted_span span;
    enum unaccepted_status st = unaccepted_next(t, from_pa, &span);
    uint64_t u = 0, v;

    if ( from_pa >= m.base_pa )
        u = (from_pa - m.base_pa) / UNACCEPTED_UNIT_BYTES;
    while ( u < WIN_UNITS && !m.pending[u] )
        u++;
    if ( u >= WIN_UNITS )
    {
        ENSURE(st == UNACCEPTED_ERR_NOT_FOUND);
        return;
    }
    for ( v = u; v < WIN_UNITS && m.pending[v]; v++ )
        ;
    ENSURE(st == UNACCEPTED_OK);
    ENSURE(span.start_pa == unit_pa(u) &&
           span.nr_pages == (v - u) * UNIT_PAGES);
}

static uint64_t pick_base(const uint8_t *data, size_t size)
{
    uint64_t top = 0 - (uint64_t)WIN_UNITS * UNACCEPTED_UNIT_BYTES, v = 0;

    switch ( data[0] % 4 )
    {
    case 0: return 0;
    case 1: return (4ULL << 30) - 8 * UNACCEPTED_UNIT_BYTES;
    case 2: return top;
    }
    for ( unsigned int i = 1; i < 5 && i < size; i++ )
        v |= (uint64_t)data[i] << (8 * (i - 1));
    return v << UNACCEPTED_UNIT_SHIFT;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct efimap_entry map[MAX_PIECES];
    static struct unaccepted_span acc[MAX_PIECES * 2 + 1];
    const uint8_t *p = data + 5;
    size_t left = size > 5 ? size - 5 : 0;
    struct unaccepted_need need;
    struct unaccepted_table t;
    unsigned int nr, nr_acc;
    uint64_t *storage;
    size_t words;

    if ( !size )
        return 0;
    memset(&m, 0, sizeof(m));
    m.base_pa = pick_base(data, size);
    nr = build_map(&p, &left, map);
    ENSURE(efimap_is_normalized(map, nr));
    model_plan();

    ENSURE(unaccepted_measure(map, nr, &need) == UNACCEPTED_OK);
    ENSURE(need.nr_accept_now <= sizeof(acc) / sizeof(acc[0]));
    words = need.storage_bytes / 8 + 1;
    storage = malloc(words * 8);
    ENSURE(storage);
    /* Too little room of either kind is refused before anything else. */
    if ( need.storage_bytes )
    {
        ENSURE(unaccepted_plan(&t, storage, need.storage_bytes - 1, map, nr,
                               acc, need.nr_accept_now, &nr_acc) ==
               UNACCEPTED_ERR_STORAGE);
        ENSURE(unaccepted_plan(&t, (char *)storage + 4, need.storage_bytes,
                               map, nr, acc, need.nr_accept_now,
                               &nr_acc) == UNACCEPTED_ERR_STORAGE_ALIGN);
    }
    if ( need.nr_accept_now )
        ENSURE(unaccepted_plan(&t, storage, need.storage_bytes, map, nr,
                               acc, need.nr_accept_now - 1, &nr_acc) ==
               UNACCEPTED_ERR_ACCEPT_ROOM);
    ENSURE(unaccepted_plan(&t, storage, need.storage_bytes, map, nr, acc,
                           need.nr_accept_now, &nr_acc) == UNACCEPTED_OK);
    check_plan(&t, acc, nr_acc, &need);
    table_storage = storage;
    table_storage_bytes = need.storage_bytes;

    while ( left )
    {
        unsigned int kind = get(&p, &left, 1);
        unsigned int max_out = 1 + get(&p, &left, 1) % MAX_OUT;
        int64_t off = (int64_t)get(&p, &left, 2) % (WIN_PAGES + 2048) - 1024;
        uint64_t nr_pages = 1 + get(&p, &left, 2) % (WIN_PAGES + 1024);
        uint64_t start_pa;

        if ( off < 0 && m.base_pa < (uint64_t)-off * EFIMAP_PAGE_BYTES )
            off = 0;
        start_pa = m.base_pa + off * EFIMAP_PAGE_BYTES;
        if ( kind >= ZERO_KIND )
        {
            /* Inside a unit, at one, unaligned, or the last page. */
            if ( kind & 1 )
                start_pa += (kind / 2 % 4) * 0x800;
            if ( kind & 8 )
                start_pa = 0 - EFIMAP_PAGE_BYTES;
            op_take_zero(&t, start_pa, max_out);
            continue;
        }
        switch ( kind % 5 )
        {
        case 0:
        case 1:
            op_take(&t, start_pa, nr_pages, max_out);
            break;
        case 2:
            op_is_accepted(&t, start_pa, nr_pages);
            break;
        case 3:
            op_next(&t, start_pa + kind / 5 % 7 * 700000);
            break;
        case 4:
            /* Unaligned, or reaching past 2^64: refused. */
            if ( kind & 16 )
            {
                /* To 2^64 exactly (allowed), or one page past it. */
                nr_pages = (0 - start_pa) / EFIMAP_PAGE_BYTES;
                if ( !nr_pages )
                    nr_pages = 1ULL << (64 - EFIMAP_PAGE_SHIFT);
                nr_pages += !!(kind & 32);
            }
            op_take(&t, kind & 8 ? start_pa | 0x800 : start_pa, nr_pages,
                    max_out);
            break;
        }
        ENSURE(t.nr_pending == m.nr_pending);
    }
    free(storage);
    return 0;
}
