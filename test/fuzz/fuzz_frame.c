/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the frame allocator (lib/mm/frame.c) over an unaccepted
 * table from lib/mm/unaccepted.c. Everything happens in a 64 MiB window
 * (at 0, 4 GiB, 1 GiB - 32 MiB, or against 2^64), small enough for a model
 * with one bit per page.
 *
 * Input: a 9-byte header, then 5-byte operations.
 *   h[0]    bits 0-1 window, bits 2-4 range storage size (sizes[]),
 *           bit 5 track unaccepted memory, bit 6 start with the window free
 *   h[1..4] which 2 MiB units of the window are type 15 in the EFI map
 *   h[5..8] which units the accept callback refuses
 *   op: kind (low 2 bits: add, reserve, alloc, free) and flags, u16 a, u16 b
 *
 * Invariants after every operation: the range list is valid and lies in
 * the window; the free pages are exactly the model's (adds and reserves
 * computed here, including when storage runs out); no free page overlaps a
 * live block; a block is aligned, below max_pa, was free, and every unit
 * of it was accepted (the callback is the only thing that marks a unit
 * accepted, and aborts on a second call for a unit); pages that leave the
 * free memory unallocated are counted in dropped_bytes, a refusal caused
 * them, and they never come back; the table agrees with the model unit by
 * unit; with ample storage the block is the highest one there was.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/frame.h>

#define PG          FRAME_PAGE_BYTES
#define WIN_BYTES   (64ULL << 20)
#define NP          (WIN_BYTES / PG)
#define NW          (NP / 64)
#define NU          (WIN_BYTES / FRAME_UNIT_BYTES)
#define UNIT_PG     (FRAME_UNIT_BYTES / PG)
#define HDR         9
#define OP_BYTES    5
#define MAX_OPS     1000
#define MAX_LIVE    1024
#define BIG         (NP / 2 + 1)    /* more ranges than can ever exist */

enum unit_state { U_UNTRACKED, U_PENDING, U_ACCEPTED, U_REFUSED };

static const uint64_t bases[4] = {
    0, 4ULL << 30, 0ULL - WIN_BYTES, (1ULL << 30) - (32ULL << 20),
};
static const unsigned int sizes[8] = { 1, 2, 3, 4, 6, 8, 32, BIG };

static struct {
    uint64_t base;
    uint32_t refuse;
    bool in_alloc;
    unsigned int nr_refused_now, nr_accepted_now;
    uint32_t refused_now;               /* units refused in this op */
    enum unit_state unit[NU];
    uint64_t free[NW], live[NW], gone[NW];
    struct { paddr_t pa; unsigned int order; } blocks[MAX_LIVE];
    unsigned int nr_blocks;
} m;

static struct frame_range storage[BIG];
static uint64_t ua_storage[64];

static void check(bool ok)
{
    if ( !ok )
        abort();
}

static bool bit(const uint64_t *bm, uint64_t i)
{
    return bm[i / 64] >> (i % 64) & 1;
}

/* Sets or clears bits [from, to). */
static void bm_assign(uint64_t *bm, uint64_t from, uint64_t to, bool set)
{
    for ( uint64_t i = from; i < to; i++ )
    {
        if ( !(i % 64) && i + 64 <= to )
        {
            bm[i / 64] = set ? ~0ULL : 0;
            i += 63;
        }
        else if ( set )
            bm[i / 64] |= 1ULL << (i % 64);
        else
            bm[i / 64] &= ~(1ULL << (i % 64));
    }
}

/* Number of set bits in [from, to). */
static uint64_t bm_count(const uint64_t *bm, uint64_t from, uint64_t to)
{
    uint64_t n = 0;

    for ( uint64_t i = from; i < to; i++ )
    {
        if ( !(i % 64) && i + 64 <= to )
        {
            n += __builtin_popcountll(bm[i / 64]);
            i += 63;
        }
        else
            n += bit(bm, i);
    }
    return n;
}

static unsigned int bm_runs(const uint64_t *bm)
{
    unsigned int n = 0;
    uint64_t carry = 0;

    for ( unsigned int w = 0; w < NW; w++ )
    {
        n += __builtin_popcountll(bm[w] & ~(bm[w] << 1 | carry));
        carry = bm[w] >> 63;
    }
    return n;
}

/* The pool's free memory as a page bitmap of the window. */
static void pool_bitmap(const struct frame_pool *p, uint64_t *bm)
{
    memset(bm, 0, NW * 8);
    for ( unsigned int i = 0; i < p->nr_free; i++ )
    {
        const struct frame_range *r = &p->free[i];

        check(r->start >= m.base && r->end - m.base <= WIN_BYTES);
        bm_assign(bm, (r->start - m.base) / PG, (r->end - m.base) / PG,
                  true);
    }
}

static int fuzz_accept(void *ctx, paddr_t pa, uint64_t bytes)
{
    uint64_t u = (pa - m.base) / FRAME_UNIT_BYTES;

    check(ctx == &m && m.in_alloc && bytes == FRAME_UNIT_BYTES);
    check(pa >= m.base && pa - m.base < WIN_BYTES);
    check(IS_ALIGNED(pa, FRAME_UNIT_BYTES) && m.unit[u] == U_PENDING);
    if ( m.refuse >> u & 1 )
    {
        m.unit[u] = U_REFUSED;
        m.refused_now |= 1U << u;
        m.nr_refused_now++;
        return -1;
    }
    m.unit[u] = U_ACCEPTED;
    m.nr_accepted_now++;
    return 0;
}

/* Type 15 where mask says so, conventional elsewhere, merged. */
static void setup_table(struct unaccepted_table *t, uint32_t mask)
{
    struct efimap_entry map[NU];
    struct unaccepted_span now[NU];
    unsigned int nr = 0, nr_now;

    for ( unsigned int u = 0; u < NU; u++ )
    {
        uint32_t type = mask >> u & 1 ? EFIMAP_TYPE_UNACCEPTED
                                      : EFIMAP_TYPE_CONVENTIONAL;

        if ( nr && map[nr - 1].type == type )
        {
            map[nr - 1].nr_pages += UNIT_PG;
            continue;
        }
        map[nr++] = (struct efimap_entry){
            .start_pa = m.base + u * FRAME_UNIT_BYTES, .nr_pages = UNIT_PG,
            .attr = EFIMAP_ATTR_WB, .type = type };
    }
    check(unaccepted_plan(t, ua_storage, sizeof(ua_storage), map, nr, now,
                          NU, &nr_now) == UNACCEPTED_OK);
    for ( unsigned int u = 0; u < NU; u++ )
    {
        bool left = u > 0 && mask >> (u - 1) & 1;
        bool right = u + 1 < NU && mask >> (u + 1) & 1;
        bool pending = !unaccepted_is_accepted(t, m.base +
                                               u * FRAME_UNIT_BYTES, 1);

        /* Runs of two units or more are tracked, single units are not. */
        check(pending == (mask >> u & 1 && (left || right)));
        m.unit[u] = pending ? U_PENDING : U_UNTRACKED;
    }
}

/*
 * Decodes [s, e) of an add or reserve: a start in KiB, a length in KiB
 * (or in bytes when flag 8 is set), both ends swapped when flag 4 is.
 */
static void decode_range(uint8_t op, uint16_t a, uint16_t b, paddr_t *s,
                         paddr_t *e)
{
    uint64_t so = (uint64_t)a << 10;
    uint64_t len = op & 8 ? b : ((uint64_t)b + 1) << 10;
    uint64_t eo = MIN(so + len, WIN_BYTES);

    *s = m.base + so;
    /* 2^64 itself cannot be written: the window's top is then 2^64 - 1. */
    *e = m.base + eo - (eo && m.base + eo == 0);
    if ( op & 4 )
    {
        paddr_t x = *s;

        *s = *e;
        *e = x;
    }
}

/* Pages [ps, pe) share a unit the accept callback refused. */
static bool touches_refused(uint64_t ps, uint64_t pe)
{
    for ( uint64_t u = ps / UNIT_PG; u <= (pe - 1) / UNIT_PG; u++ )
        if ( m.unit[u] == U_REFUSED )
            return true;
    return false;
}

/* Checks status and pages of an add or reserve against the model. */
static void do_range_op(struct frame_pool *p, uint8_t op, uint16_t a,
                        uint16_t b, bool reserve)
{
    uint64_t want[NW], got[NW], ps, pe;
    enum frame_status st, expect = FRAME_OK;
    paddr_t s, e;

    decode_range(op, a, b, &s, &e);
    memcpy(want, m.free, sizeof(want));
    ps = (reserve ? ALIGN_DOWN(s, PG) : ALIGN_UP(s, PG)) - m.base;
    pe = ((reserve && e > FRAME_PA_END) ? FRAME_PA_END :
          reserve ? ALIGN_UP(e, PG) : ALIGN_DOWN(e, PG)) - m.base;
    ps /= PG;
    pe /= PG;
    if ( e <= s )
        expect = FRAME_ERR_RANGE;
    else if ( ps < pe && !reserve )
    {
        if ( bm_count(m.free, ps, pe) )
            expect = FRAME_ERR_OVERLAP;
        else if ( bm_count(m.live, ps, pe) || bm_count(m.gone, ps, pe) ||
                  touches_refused(ps, pe) )
            return;     /* adding memory in use is the caller's bug */
        else
            bm_assign(want, ps, pe, true);
    }
    else if ( ps < pe )
        bm_assign(want, ps, pe, false);
    if ( expect == FRAME_OK && bm_runs(want) > p->max_free )
        expect = FRAME_ERR_NO_ROOM;

    st = reserve ? frame_pool_reserve(p, s, e) : frame_pool_add(p, s, e);
    check(st == expect);
    pool_bitmap(p, got);
    check(!memcmp(got, expect == FRAME_OK ? want : m.free, sizeof(got)));
    if ( reserve && st == FRAME_OK )
        for ( unsigned int w = 0; w < NW; w++ )
            m.gone[w] |= m.free[w] & ~want[w];
    memcpy(m.free, got, sizeof(got));
}

/*
 * True when some aligned block of 2^order pages lies in bm, at or above
 * min_pa and ending at or below limit.
 */
static bool block_exists(const uint64_t *bm, unsigned int order,
                         paddr_t limit, paddr_t min_pa)
{
    uint64_t bytes = PG << order, n = bytes / PG;
    paddr_t pa = ALIGN_UP(m.base, bytes);

    if ( bytes > WIN_BYTES || pa < m.base )
        return false;
    for ( pa = MAX(pa, min_pa); pa - m.base <= WIN_BYTES - bytes &&
                                bytes <= limit && pa <= limit - bytes;
          pa += bytes )
    {
        uint64_t i = (pa - m.base) / PG;

        if ( bm_count(bm, i, i + n) == n )
            return true;
    }
    return false;
}

/* The pages of the units in mask, as a window bitmap. */
static void units_bitmap(uint32_t mask, uint64_t *bm)
{
    memset(bm, 0, NW * 8);
    for ( unsigned int u = 0; u < NU; u++ )
        if ( mask >> u & 1 )
            bm_assign(bm, u * UNIT_PG, (u + 1) * UNIT_PG, true);
}

/* The model's view after a successful allocation of [pa, pa + bytes). */
static void check_block(paddr_t pa, unsigned int order, paddr_t limit)
{
    uint64_t bytes = PG << order, i = (pa - m.base) / PG, n = bytes / PG;

    check(IS_ALIGNED(pa, bytes) && pa >= m.base &&
          pa - m.base <= WIN_BYTES - bytes && pa <= limit - bytes);
    check(bm_count(m.free, i, i + n) == n);
    /* Every unit the block touches was accepted, or never needed it. */
    for ( uint64_t u = i / UNIT_PG; u <= (i + n - 1) / UNIT_PG; u++ )
        check(m.unit[u] == U_UNTRACKED || m.unit[u] == U_ACCEPTED);
}

static void do_alloc(struct frame_pool *p, uint8_t op, uint16_t a,
                     uint16_t b)
{
    unsigned int order = a % 21, nr_before = p->nr_free;
    paddr_t max_pa = b ? m.base + ((uint64_t)b << 10) + (op >> 4) : 0;
    paddr_t limit = max_pa && max_pa < FRAME_PA_END ? max_pa : FRAME_PA_END;
    uint64_t got[NW], lost[NW], want_lost[NW], dropped = p->dropped_bytes;
    uint64_t accepted = p->accepted_bytes, n;
    enum frame_status st;
    paddr_t pa = 1;

    m.in_alloc = true;
    m.refused_now = m.nr_refused_now = m.nr_accepted_now = 0;
    st = frame_alloc(p, order, max_pa, &pa);
    m.in_alloc = false;
    pool_bitmap(p, got);
    check(p->accepted_bytes - accepted ==
          m.nr_accepted_now * FRAME_UNIT_BYTES);

    /* Nothing becomes free; what went and was not the block was dropped. */
    for ( unsigned int w = 0; w < NW; w++ )
    {
        check(!(got[w] & ~m.free[w]));
        lost[w] = m.free[w] & ~got[w];
    }
    if ( st == FRAME_OK )
    {
        check_block(pa, order, limit);
        n = (PG << order) / PG;
        bm_assign(lost, (pa - m.base) / PG, (pa - m.base) / PG + n, false);
        bm_assign(m.live, (pa - m.base) / PG, (pa - m.base) / PG + n, true);
        if ( m.nr_blocks < MAX_LIVE )
        {
            m.blocks[m.nr_blocks].pa = pa;
            m.blocks[m.nr_blocks++].order = order;
        }
    }
    else
        check(pa == 1);
    n = bm_count(lost, 0, NP);
    check(p->dropped_bytes - dropped == n * PG);
    check(!n || m.nr_refused_now);
    for ( unsigned int w = 0; w < NW; w++ )
        m.gone[w] |= lost[w];

    switch ( st )
    {
    case FRAME_OK:
        /*
         * With room in storage throughout, only the refused units go, and
         * no block higher than this one was free once they had gone.
         */
        if ( p->max_free != BIG &&
             (m.nr_refused_now || nr_before == p->max_free) )
            break;
        units_bitmap(m.refused_now, want_lost);
        for ( unsigned int w = 0; w < NW; w++ )
            check(lost[w] == (want_lost[w] & m.free[w]));
        bm_assign(got, (pa - m.base) / PG,
                  (pa - m.base + (PG << order)) / PG, true);
        check(!block_exists(got, order, limit, pa + (PG << order)));
        bm_assign(got, (pa - m.base) / PG,
                  (pa - m.base + (PG << order)) / PG, false);
        break;
    case FRAME_ERR_NO_MEMORY:
        check(!block_exists(got, order, limit, 0));
        break;
    case FRAME_ERR_NO_ROOM:
        check(p->nr_free == p->max_free && p->max_free != BIG);
        check(block_exists(got, order, limit, 0));
        break;
    case FRAME_ERR_ORDER:
        check(order > FRAME_MAX_ORDER && !n && !m.nr_accepted_now &&
              !m.nr_refused_now);
        break;
    default:
        check(false);
    }
    memcpy(m.free, got, sizeof(got));
}

/* Frees [pa, pa + 4 KiB << order) and checks it against the model. */
static void free_and_check(struct frame_pool *p, paddr_t pa,
                           unsigned int order, enum frame_status expect)
{
    uint64_t want[NW], got[NW], i = (pa - m.base) / PG;
    uint64_t n = (PG << order) / PG;

    memcpy(want, m.free, sizeof(want));
    if ( expect == FRAME_OK )
    {
        bm_assign(want, i, i + n, true);
        if ( bm_runs(want) > p->max_free )
            expect = FRAME_ERR_NO_ROOM;
    }
    check(frame_free(p, pa, order) == expect);
    pool_bitmap(p, got);
    check(!memcmp(got, expect == FRAME_OK ? want : m.free, sizeof(got)));
    if ( expect == FRAME_OK )
        bm_assign(m.live, i, i + n, false);
    memcpy(m.free, got, sizeof(got));
}

/*
 * A block frame_free() must refuse: bad order, alignment or end, or one
 * overlapping free or still unaccepted memory. Other made-up blocks would
 * be accepted without question (the pool cannot know what the caller
 * owns), so they are not tried.
 */
static void do_bogus_free(struct frame_pool *p, uint8_t op, uint16_t a,
                          uint16_t b)
{
    unsigned int order = b % 21;
    uint64_t bytes = PG << MIN(order, FRAME_MAX_ORDER);
    paddr_t pa = ALIGN_DOWN(m.base + ((uint64_t)a << 10), bytes);
    uint64_t i, n;

    /* Misaligned by a page; a page is never misaligned for order 0. */
    if ( op & 8 && order )
        pa += PG;
    if ( order > FRAME_MAX_ORDER )
    {
        check(frame_free(p, pa, order) == FRAME_ERR_ORDER);
        return;
    }
    if ( !IS_ALIGNED(pa, bytes) )
    {
        check(frame_free(p, pa, order) == FRAME_ERR_ALIGN);
        return;
    }
    if ( pa > FRAME_PA_END - bytes )
    {
        check(frame_free(p, pa, order) == FRAME_ERR_RANGE);
        return;
    }
    /* Only the part inside the window can be free or tracked. */
    if ( pa < m.base || pa - m.base >= WIN_BYTES )
        return;
    i = (pa - m.base) / PG;
    n = MIN(bytes / PG, NP - i);
    for ( uint64_t u = i / UNIT_PG; u <= (i + n - 1) / UNIT_PG; u++ )
        if ( m.unit[u] == U_PENDING )
        {
            free_and_check(p, pa, order, FRAME_ERR_NOT_FREE);
            return;
        }
    if ( bm_count(m.free, i, i + n) )
        free_and_check(p, pa, order, FRAME_ERR_NOT_FREE);
}

static void do_free(struct frame_pool *p, uint8_t op, uint16_t a,
                    uint16_t b)
{
    unsigned int k;

    if ( op & 4 )
    {
        do_bogus_free(p, op, a, b);
        return;
    }
    if ( !m.nr_blocks )
        return;
    k = a % m.nr_blocks;
    free_and_check(p, m.blocks[k].pa, m.blocks[k].order, FRAME_OK);
    /* Gone from the pool unless storage was full. */
    if ( !bit(m.live, (m.blocks[k].pa - m.base) / PG) )
        m.blocks[k] = m.blocks[--m.nr_blocks];
}

/* What must hold after every operation. */
static void check_pool(const struct frame_pool *p,
                       const struct unaccepted_table *t)
{
    check(frame_pool_is_valid(p));
    check(p->free_bytes == bm_count(m.free, 0, NP) * PG);
    for ( unsigned int w = 0; w < NW; w++ )
        check(!(m.free[w] & m.live[w]) && !(m.free[w] & m.gone[w]));
    for ( unsigned int u = 0; u < NU; u++ )
    {
        uint64_t s = u * UNIT_PG, e = s + UNIT_PG;

        if ( t )
            check(unaccepted_is_accepted(t, m.base + s * PG, UNIT_PG) ==
                  (m.unit[u] != U_PENDING));
        if ( m.unit[u] == U_REFUSED )
            check(!bm_count(m.free, s, e));
        if ( m.unit[u] == U_PENDING || m.unit[u] == U_REFUSED )
            check(!bm_count(m.live, s, e));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct unaccepted_table t;
    struct frame_pool p;
    bool track;

    if ( size < HDR )
        return 0;
    memset(&m, 0, sizeof(m));
    m.base = bases[data[0] & 3];
    track = data[0] & 0x20;
    m.refuse = data[5] | data[6] << 8 | data[7] << 16 |
               (uint32_t)data[8] << 24;
    if ( track )
        setup_table(&t, data[1] | data[2] << 8 | data[3] << 16 |
                        (uint32_t)data[4] << 24);
    frame_pool_init(&p, storage, sizes[data[0] >> 2 & 7], track ? &t : NULL,
                    fuzz_accept, &m);
    if ( data[0] & 0x40 )
        do_range_op(&p, 0, 0, 0xffff, false);

    for ( size_t off = HDR, k = 0; off + OP_BYTES <= size && k < MAX_OPS;
          off += OP_BYTES, k++ )
    {
        uint8_t op = data[off];
        uint16_t a = data[off + 1] | data[off + 2] << 8;
        uint16_t b = data[off + 3] | data[off + 4] << 8;

        switch ( op & 3 )
        {
        case 0: do_range_op(&p, op, a, b, false); break;
        case 1: do_range_op(&p, op, a, b, true); break;
        case 2: do_alloc(&p, op, a, b); break;
        case 3: do_free(&p, op, a, b); break;
        }
        check_pool(&p, track ? &t : NULL);
    }

    /* Everything handed out goes back and merges with what is free. */
    while ( m.nr_blocks && p.max_free == BIG )
    {
        m.nr_blocks--;
        free_and_check(&p, m.blocks[m.nr_blocks].pa,
                       m.blocks[m.nr_blocks].order, FRAME_OK);
        check_pool(&p, track ? &t : NULL);
    }
    return 0;
}
