/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/mm/frame.c. The free ranges are written by hand in the
 * shape boot leaves them: RAM from e820 with holes for the image and
 * firmware tables. The unaccepted cases build their table with
 * unaccepted_plan() over an EFI map like a TDX guest's: conventional
 * memory below 192 MiB, type 15 from there to 256 MiB.
 */
#include <string.h>

#include <xen/frame.h>

#include "unit.h"

#define KiB (1ULL << 10)
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define PG FRAME_PAGE_BYTES
#define UNIT FRAME_UNIT_BYTES
#define MAX_R 8
#define END { 0, 0 }

static struct frame_range storage[64];

/* Starts a pool with room for max ranges from the list ended by END. */
static void pool_of(struct frame_pool *p, unsigned int max,
                    const struct frame_range *init)
{
    frame_pool_init(p, storage, max, NULL, NULL, NULL);
    for ( ; init->end; init++ )
        frame_pool_add(p, init->start, init->end);
}

/* The pool holds exactly the ranges listed (ended by END) and is valid. */
static bool pool_is(const struct frame_pool *p, const struct frame_range *r)
{
    unsigned int n = 0;

    while ( r[n].end )
        n++;
    if ( !frame_pool_is_valid(p) || p->nr_free != n )
        return false;
    for ( unsigned int i = 0; i < n; i++ )
        if ( p->free[i].start != r[i].start || p->free[i].end != r[i].end )
            return false;
    return true;
}

/* One call of frame_pool_add() or frame_pool_reserve() on a fresh pool. */
struct range_op_case {
    const char *what;
    struct frame_range init[MAX_R];
    unsigned int max;
    paddr_t start, end;
    enum frame_status st;
    struct frame_range after[MAX_R];   /* ignored on error: init stays */
};

static const struct range_op_case add_cases[] = {
    { "new range between two", { { 0, MiB }, { 4 * MiB, 5 * MiB }, END }, 4,
      2 * MiB, 3 * MiB, FRAME_OK,
      { { 0, MiB }, { 2 * MiB, 3 * MiB }, { 4 * MiB, 5 * MiB }, END } },
    { "touching both sides merges into one",
      { { MiB, 2 * MiB }, { 3 * MiB, 4 * MiB }, END }, 2,
      2 * MiB, 3 * MiB, FRAME_OK, { { MiB, 4 * MiB }, END } },
    { "touching below extends", { { MiB, 2 * MiB }, END }, 1,
      MiB / 2, MiB, FRAME_OK, { { MiB / 2, 2 * MiB }, END } },
    { "touching above extends", { { MiB, 2 * MiB }, END }, 1,
      2 * MiB, 3 * MiB, FRAME_OK, { { MiB, 3 * MiB }, END } },
    { "unaligned ends are rounded inward", { END }, 1,
      0x9f001, 0x9fc00 + 0x2400, FRAME_OK, { { 0xa0000, 0xa2000 }, END } },
    { "less than a page adds nothing", { END }, 1,
      0x1001, 0x1fff, FRAME_OK, { END } },
    { "end at 2^64 - 1 stops below the last page", { END }, 1,
      0ULL - 2 * MiB, ~0ULL, FRAME_OK, { { 0ULL - 2 * MiB, FRAME_PA_END },
                                        END } },
    { "start in the last page adds nothing", { END }, 1,
      FRAME_PA_END + 1, ~0ULL, FRAME_OK, { END } },
    { "empty range is refused", { END }, 1, MiB, MiB, FRAME_ERR_RANGE,
      { END } },
    { "reversed range is refused", { END }, 1, 2 * MiB, MiB,
      FRAME_ERR_RANGE, { END } },
    { "overlap with free memory is refused",
      { { MiB, 2 * MiB }, END }, 4, 2 * MiB - PG, 3 * MiB,
      FRAME_ERR_OVERLAP, { END } },
    { "range covering a free range is refused",
      { { MiB, 2 * MiB }, END }, 4, 0, 3 * MiB, FRAME_ERR_OVERLAP, { END } },
    { "start rounded up past free memory", { { MiB, 2 * MiB }, END },
      4, 2 * MiB - 1, 3 * MiB, FRAME_OK, { { MiB, 3 * MiB }, END } },
    { "full storage refuses a new range",
      { { 0, MiB }, { 4 * MiB, 5 * MiB }, END }, 2, 2 * MiB, 3 * MiB,
      FRAME_ERR_NO_ROOM, { END } },
    { "full storage still merges", { { 0, MiB }, { 4 * MiB, 5 * MiB }, END },
      2, MiB, 2 * MiB, FRAME_OK, { { 0, 2 * MiB }, { 4 * MiB, 5 * MiB },
                                   END } },
};

static const struct range_op_case reserve_cases[] = {
    { "middle splits a range", { { 0, 16 * MiB }, END }, 2,
      2 * MiB, 3 * MiB, FRAME_OK,
      { { 0, 2 * MiB }, { 3 * MiB, 16 * MiB }, END } },
    { "bottom edge trims", { { MiB, 16 * MiB }, END }, 1,
      0, 2 * MiB, FRAME_OK, { { 2 * MiB, 16 * MiB }, END } },
    { "top edge trims", { { MiB, 16 * MiB }, END }, 1,
      15 * MiB, 20 * MiB, FRAME_OK, { { MiB, 15 * MiB }, END } },
    { "exact range is removed",
      { { 0, MiB }, { 2 * MiB, 3 * MiB }, { 4 * MiB, 5 * MiB }, END }, 3,
      2 * MiB, 3 * MiB, FRAME_OK, { { 0, MiB }, { 4 * MiB, 5 * MiB }, END } },
    { "span over several ranges takes only the free parts",
      { { 0, MiB }, { 2 * MiB, 3 * MiB }, { 4 * MiB, 5 * MiB },
        { 6 * MiB, 7 * MiB }, END }, 4,
      MiB / 2, 6 * MiB + PG, FRAME_OK,
      { { 0, MiB / 2 }, { 6 * MiB + PG, 7 * MiB }, END } },
    { "nothing free there changes nothing", { { 0, MiB }, END }, 1,
      2 * MiB, 3 * MiB, FRAME_OK, { { 0, MiB }, END } },
    { "unaligned ends are rounded outward", { { 0, MiB }, END }, 2,
      0x9fc00, 0xa0001, FRAME_OK, { { 0, 0x9f000 }, { 0xa1000, MiB }, END } },
    { "end past the last page is cut there",
      { { 0ULL - 4 * MiB, FRAME_PA_END }, END }, 1, 0ULL - 2 * MiB, ~0ULL,
      FRAME_OK, { { 0ULL - 4 * MiB, 0ULL - 2 * MiB }, END } },
    { "split with full storage changes nothing",
      { { 0, 16 * MiB }, END }, 1, 2 * MiB, 3 * MiB, FRAME_ERR_NO_ROOM,
      { END } },
    { "trim with full storage works", { { 0, 16 * MiB }, END }, 1,
      0, 3 * MiB, FRAME_OK, { { 3 * MiB, 16 * MiB }, END } },
    { "reversed range is refused", { { 0, MiB }, END }, 1, MiB, 0,
      FRAME_ERR_RANGE, { END } },
};

static void run_range_ops(struct unit_ctx *ctx,
                          const struct range_op_case *c, unsigned int n,
                          bool reserve)
{
    for ( unsigned int i = 0; i < n; i++ )
    {
        struct frame_pool p;
        enum frame_status st;

        pool_of(&p, c[i].max, c[i].init);
        st = reserve ? frame_pool_reserve(&p, c[i].start, c[i].end)
                     : frame_pool_add(&p, c[i].start, c[i].end);
        if ( !CHECK_EQ(st, c[i].st) ||
             !CHECK(pool_is(&p, st == FRAME_OK ? c[i].after : c[i].init)) )
            unit_check(ctx, false, c[i].what, __FILE__, __LINE__);
    }
}

static void add_merges_rounds_and_refuses_overlap(struct unit_ctx *ctx)
{
    run_range_ops(ctx, add_cases, ARRAY_SIZE(add_cases), false);
}

static void reserve_splits_trims_or_changes_nothing(struct unit_ctx *ctx)
{
    run_range_ops(ctx, reserve_cases, ARRAY_SIZE(reserve_cases), true);
}

static void alloc_takes_the_highest_block(struct unit_ctx *ctx)
{
    const struct frame_range init[] = {
        { MiB, 8 * MiB }, { 16 * MiB, 17 * MiB + PG }, END,
    };
    struct frame_pool p;
    paddr_t pa = 0;

    pool_of(&p, 4, init);
    CHECK_EQ(frame_alloc(&p, 0, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 17 * MiB);
    /* The higher range holds no 2 MiB aligned block. */
    CHECK_EQ(frame_alloc(&p, 9, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 6 * MiB);
    CHECK_EQ(frame_alloc(&p, 1, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 17 * MiB - 2 * PG);
    CHECK_EQ(p.free_bytes, 7 * MiB + MiB + PG - PG - 2 * MiB - 2 * PG);
    CHECK(frame_pool_is_valid(&p));
}

/* For each order, a pool with unaligned ends gives the top aligned block. */
static void alloc_aligns_blocks_of_every_order(struct unit_ctx *ctx)
{
    const paddr_t start = 3 * GiB + 5 * PG, end = 7 * GiB - 3 * PG;

    for ( unsigned int order = 0; order <= FRAME_MAX_ORDER; order++ )
    {
        uint64_t bytes = PG << order;
        struct frame_pool p;
        paddr_t pa = 0;

        frame_pool_init(&p, storage, 2, NULL, NULL, NULL);
        CHECK_EQ(frame_pool_add(&p, start, end), FRAME_OK);
        CHECK_EQ(frame_alloc(&p, order, 0, &pa), FRAME_OK);
        CHECK_EQ(pa, ALIGN_DOWN(end, bytes) - bytes);
        CHECK_EQ(p.free_bytes, end - start - bytes);
        CHECK(frame_pool_is_valid(&p));
        CHECK_EQ(frame_free(&p, pa, order), FRAME_OK);
        CHECK_EQ(p.nr_free, 1);
    }
}

static void alloc_stays_below_max_pa(struct unit_ctx *ctx)
{
    const struct frame_range init[] = { { MiB, 64 * MiB }, END };
    struct frame_pool p;
    paddr_t pa = 0;

    pool_of(&p, 4, init);
    /* The limit is exclusive and need not be aligned. */
    CHECK_EQ(frame_alloc(&p, 0, 16 * MiB + 100, &pa), FRAME_OK);
    CHECK_EQ(pa, 16 * MiB - PG);
    CHECK_EQ(frame_alloc(&p, 9, 16 * MiB, &pa), FRAME_OK);
    CHECK_EQ(pa, 12 * MiB);
    CHECK_EQ(frame_alloc(&p, 9, 3 * MiB - 1, &pa), FRAME_ERR_NO_MEMORY);
    CHECK_EQ(frame_alloc(&p, 0, MiB, &pa), FRAME_ERR_NO_MEMORY);
    CHECK_EQ(frame_alloc(&p, 0, MiB + PG, &pa), FRAME_OK);
    CHECK_EQ(pa, MiB);
    CHECK(frame_pool_is_valid(&p));
}

static void exhausted_pool_merges_back_when_freed(struct unit_ctx *ctx)
{
    const struct frame_range init[] = { { 0x40000, 0x50000 }, END };
    static const unsigned int order_of_free[16] = {
        3, 14, 0, 9, 7, 1, 12, 15, 5, 10, 2, 8, 13, 4, 11, 6,
    };
    paddr_t got[16] = { 0 };
    struct frame_pool p;
    paddr_t pa = 0;

    pool_of(&p, 16, init);
    for ( unsigned int i = 0; i < 16; i++ )
    {
        CHECK_EQ(frame_alloc(&p, 0, 0, &got[i]), FRAME_OK);
        CHECK_EQ(got[i], 0x4f000 - i * PG);
    }
    CHECK_EQ(frame_alloc(&p, 0, 0, &pa), FRAME_ERR_NO_MEMORY);
    CHECK_EQ(p.nr_free, 0);
    CHECK_EQ(p.free_bytes, 0);
    for ( unsigned int i = 0; i < 16; i++ )
    {
        CHECK_EQ(frame_free(&p, got[order_of_free[i]], 0), FRAME_OK);
        CHECK(frame_pool_is_valid(&p));
    }
    CHECK(pool_is(&p, init));
}

static void bad_frees_are_refused(struct unit_ctx *ctx)
{
    const struct frame_range init[] = { { 0, 8 * MiB }, END };
    struct frame_pool p;
    paddr_t pa = 0;

    pool_of(&p, 1, init);
    CHECK_EQ(frame_alloc(&p, 9, 0, &pa), FRAME_OK);
    CHECK_EQ(frame_free(&p, pa, 0), FRAME_OK);
    CHECK_EQ(frame_free(&p, pa, 9), FRAME_ERR_NOT_FREE);
    CHECK_EQ(frame_free(&p, pa, 0), FRAME_ERR_NOT_FREE);
    CHECK_EQ(frame_free(&p, 0, 0), FRAME_ERR_NOT_FREE);
    CHECK_EQ(frame_free(&p, pa + PG, 1), FRAME_ERR_ALIGN);
    CHECK_EQ(frame_free(&p, pa, FRAME_MAX_ORDER + 1), FRAME_ERR_ORDER);
    CHECK_EQ(frame_free(&p, FRAME_PA_END, 0), FRAME_ERR_RANGE);
    CHECK_EQ(frame_free(&p, 0ULL - GiB, FRAME_MAX_ORDER), FRAME_ERR_RANGE);
    /* A lone block needs a range of its own, and storage is full. */
    CHECK_EQ(frame_free(&p, 16 * MiB, 0), FRAME_ERR_NO_ROOM);
    CHECK_EQ(frame_alloc(&p, FRAME_MAX_ORDER + 1, 0, &pa), FRAME_ERR_ORDER);
    CHECK(frame_pool_is_valid(&p));
    CHECK_EQ(p.free_bytes, 6 * MiB + PG);
}

/* A block inside a range would need a new slot; edges need none. */
static void full_storage_carves_at_range_edges(struct unit_ctx *ctx)
{
    const struct frame_range init[] = {
        { 2 * MiB, 7 * MiB }, { 8 * MiB + PG, 11 * MiB }, END,
    };
    struct frame_pool p;
    paddr_t pa = 0;

    pool_of(&p, 2, init);
    /* Top of the high range is not 2 MiB aligned, its bottom neither. */
    CHECK_EQ(frame_alloc(&p, 9, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 2 * MiB);
    CHECK_EQ(frame_alloc(&p, 9, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 4 * MiB);
    /* Only [6, 7) MiB and [8 MiB + 4 KiB, 11 MiB) are left: no block. */
    CHECK_EQ(frame_alloc(&p, 10, 0, &pa), FRAME_ERR_NO_MEMORY);
    CHECK_EQ(frame_pool_add(&p, 20 * MiB + PG, 30 * MiB), FRAME_ERR_NO_ROOM);
    CHECK_EQ(frame_pool_reserve(&p, 9 * MiB, 9 * MiB + PG),
             FRAME_ERR_NO_ROOM);
    CHECK(frame_pool_is_valid(&p));
    CHECK_EQ(p.free_bytes, 4 * MiB - PG);
}

/* Only blocks strictly inside ranges are left: no room, not no memory. */
static void full_storage_with_only_inner_blocks_says_no_room(
    struct unit_ctx *ctx)
{
    const struct frame_range init[] = {
        { PG, 3 * MiB }, { 8 * MiB, 9 * MiB }, END,
    };
    struct frame_pool p;
    paddr_t pa = 0;

    pool_of(&p, 2, init);
    CHECK_EQ(frame_alloc(&p, 1, 2 * MiB, &pa), FRAME_ERR_NO_ROOM);
    CHECK(pool_is(&p, init));
    CHECK_EQ(frame_alloc(&p, 1, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 9 * MiB - 2 * PG);
}

static void every_status_has_its_own_text(struct unit_ctx *ctx)
{
    for ( unsigned int a = FRAME_OK; a <= FRAME_ERR_NO_ACCEPT; a++ )
    {
        CHECK(strcmp(frame_strerror(a), "unknown frame status"));
        for ( unsigned int b = FRAME_OK; b < a; b++ )
            CHECK(strcmp(frame_strerror(a), frame_strerror(b)));
    }
    CHECK(!strcmp(frame_strerror(FRAME_ERR_NO_ACCEPT + 1),
                  "unknown frame status"));
}

/* ---- unaccepted memory ------------------------------------------------ */

/* What the accept callback saw; it refuses the units listed in refuse. */
struct accept_log {
    paddr_t calls[64];
    unsigned int nr_calls;
    paddr_t refuse[4];
    unsigned int nr_refuse;
    bool refuse_all;
    bool bad_size;
};

static int log_accept(void *ctx, paddr_t pa, uint64_t bytes)
{
    struct accept_log *log = ctx;

    if ( bytes != UNIT || !IS_ALIGNED(pa, UNIT) )
        log->bad_size = true;
    if ( log->nr_calls < ARRAY_SIZE(log->calls) )
        log->calls[log->nr_calls] = pa;
    log->nr_calls++;
    for ( unsigned int i = 0; i < log->nr_refuse; i++ )
        if ( log->refuse[i] == pa )
            return -1;
    return log->refuse_all ? -1 : 0;
}

static uint64_t ua_storage[64];

/*
 * A TDX-like guest: conventional memory below 192 MiB, type 15 up to
 * 256 MiB, tracked as 32 units; the pool holds [start, 256 MiB).
 */
static void ua_pool(struct frame_pool *p, struct unaccepted_table *t,
                    struct accept_log *log, unsigned int max, paddr_t start)
{
    const struct efimap_entry map[] = {
        { .start_pa = 0, .nr_pages = 192 * MiB / PG,
          .attr = EFIMAP_ATTR_WB, .type = EFIMAP_TYPE_CONVENTIONAL },
        { .start_pa = 192 * MiB, .nr_pages = 64 * MiB / PG,
          .attr = EFIMAP_ATTR_WB, .type = EFIMAP_TYPE_UNACCEPTED },
    };
    struct unaccepted_span now[2];
    unsigned int nr_now = 9;

    unaccepted_plan(t, ua_storage, sizeof(ua_storage), map, 2, now, 2,
                    &nr_now);
    memset(log, 0, sizeof(*log));
    frame_pool_init(p, storage, max, t, log_accept, log);
    frame_pool_add(p, start, 256 * MiB);
}

static void units_are_accepted_once_before_use(struct unit_ctx *ctx)
{
    struct unaccepted_table t;
    struct accept_log log;
    struct frame_pool p;
    paddr_t pa = 0;

    ua_pool(&p, &t, &log, 8, 0);
    CHECK_EQ(t.nr_pending, 32);
    CHECK_EQ(frame_alloc(&p, 0, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 256 * MiB - PG);
    CHECK_EQ(log.nr_calls, 1);
    CHECK_EQ(log.calls[0], 254 * MiB);
    /* The rest of that unit needs nothing more. */
    CHECK_EQ(frame_alloc(&p, 8, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 254 * MiB);
    CHECK_EQ(log.nr_calls, 1);
    /* A 4 MiB block spans two fresh units: each once, lowest first. */
    CHECK_EQ(frame_alloc(&p, 10, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 248 * MiB);
    CHECK_EQ(log.nr_calls, 3);
    CHECK_EQ(log.calls[1], 248 * MiB);
    CHECK_EQ(log.calls[2], 250 * MiB);
    CHECK_EQ(p.accepted_bytes, 3 * UNIT);
    CHECK_EQ(t.nr_pending, 29);
    CHECK(unaccepted_is_accepted(&t, 248 * MiB, 4 * MiB / PG));
    CHECK(!log.bad_size);
    /* Below the tracked memory nothing is called. */
    CHECK_EQ(frame_alloc(&p, 9, 192 * MiB, &pa), FRAME_OK);
    CHECK_EQ(pa, 190 * MiB);
    CHECK_EQ(log.nr_calls, 3);
    CHECK(frame_pool_is_valid(&p));
}

/* Units already accepted or never tracked do not end the walk. */
static void block_reaching_into_tracked_memory_accepts_it(
    struct unit_ctx *ctx)
{
    struct unaccepted_table t;
    struct accept_log log;
    struct frame_pool p;
    paddr_t pa = 0;

    ua_pool(&p, &t, &log, 8, 0);
    CHECK_EQ(frame_alloc(&p, 0, 0, &pa), FRAME_OK);
    CHECK_EQ(frame_free(&p, pa, 0), FRAME_OK);
    CHECK_EQ(log.nr_calls, 1);
    CHECK_EQ(frame_alloc(&p, 15, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 128 * MiB);
    CHECK_EQ(log.nr_calls, 32);
    for ( unsigned int i = 1; i < 32; i++ )
        CHECK_EQ(log.calls[i], 192 * MiB + (i - 1) * UNIT);
    CHECK_EQ(t.nr_pending, 0);
}

static void refused_unit_is_dropped_and_search_moves_on(struct unit_ctx *ctx)
{
    struct unaccepted_table t;
    struct accept_log log;
    struct frame_pool p;
    paddr_t pa = 0;

    ua_pool(&p, &t, &log, 8, 0);
    log.refuse[log.nr_refuse++] = 254 * MiB;
    CHECK_EQ(frame_alloc(&p, 0, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 254 * MiB - PG);
    CHECK_EQ(log.nr_calls, 2);
    CHECK_EQ(p.dropped_bytes, UNIT);
    CHECK_EQ(p.free_bytes, 254 * MiB - PG);
    CHECK_EQ(p.free[p.nr_free - 1].end, 254 * MiB - PG);
    /* The refused unit is never offered again. */
    for ( unsigned int i = 0; i < 511; i++ )
        CHECK_EQ(frame_alloc(&p, 0, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 252 * MiB);
    CHECK_EQ(log.nr_calls, 2);
    CHECK_EQ(frame_free(&p, pa, 0), FRAME_OK);
    CHECK_EQ(frame_pool_reserve(&p, 252 * MiB, 256 * MiB), FRAME_OK);
    CHECK(frame_pool_is_valid(&p));
}

static void refusing_everything_leaves_accepted_memory(struct unit_ctx *ctx)
{
    struct unaccepted_table t;
    struct accept_log log;
    struct frame_pool p;
    paddr_t pa = 0;

    ua_pool(&p, &t, &log, 8, 0);
    log.refuse_all = true;
    CHECK_EQ(frame_alloc(&p, 0, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 192 * MiB - PG);
    CHECK_EQ(log.nr_calls, 32);
    CHECK_EQ(p.dropped_bytes, 64 * MiB);
    CHECK_EQ(p.accepted_bytes, 0);
    CHECK_EQ(t.nr_pending, 0);
    CHECK_EQ(p.free_bytes, 192 * MiB - PG);
    CHECK_EQ(frame_alloc(&p, 15, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 0);
    CHECK_EQ(log.nr_calls, 32);
}

/*
 * A refused unit strictly inside a range with storage full cannot be cut
 * out alone; the shorter side of the range goes with it, and the unit
 * above it, never accepted, is never handed out.
 */
static void refused_unit_with_full_storage_drops_shorter_side(
    struct unit_ctx *ctx)
{
    struct unaccepted_table t;
    struct accept_log log;
    struct frame_pool p;
    paddr_t pa = 0;

    ua_pool(&p, &t, &log, 1, PG);
    log.refuse[log.nr_refuse++] = 252 * MiB;
    CHECK_EQ(frame_alloc(&p, 10, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 248 * MiB);
    CHECK_EQ(log.nr_calls, 3);
    CHECK_EQ(log.calls[0], 252 * MiB);
    CHECK_EQ(p.dropped_bytes, 4 * MiB);
    CHECK(!unaccepted_is_accepted(&t, 254 * MiB, 1));
    CHECK_EQ(p.nr_free, 1);
    CHECK_EQ(p.free[0].end, 248 * MiB);
    CHECK(frame_pool_is_valid(&p));
}

static void unaccepted_pool_checks_its_callers(struct unit_ctx *ctx)
{
    struct unaccepted_table t;
    struct accept_log log;
    struct frame_pool p;
    paddr_t pa = 0;

    ua_pool(&p, &t, &log, 8, 0);
    /* Reserved, so not free, but its unit was never handed out. */
    CHECK_EQ(frame_pool_reserve(&p, 200 * MiB, 202 * MiB), FRAME_OK);
    CHECK_EQ(frame_free(&p, 200 * MiB, 0), FRAME_ERR_NOT_FREE);
    CHECK_EQ(frame_free(&p, 200 * MiB, 9), FRAME_ERR_NOT_FREE);
    p.accept = NULL;
    CHECK_EQ(frame_alloc(&p, 0, 0, &pa), FRAME_ERR_NO_ACCEPT);
    CHECK_EQ(t.nr_pending, 32);
    CHECK_EQ(log.nr_calls, 0);
}

/*
 * The pool's size follows the map, not the memory: one range per run of
 * touching RAM entries, whatever their length, so a map of 4 TiB in three
 * entries (two touching) needs two slots, and a later allocation carves
 * only the range's top.
 */
static void setup_takes_one_slot_per_map_run(struct unit_ctx *ctx)
{
    struct frame_range slots[2];
    struct frame_pool p;
    paddr_t pa;

    frame_pool_init(&p, slots, 2, NULL, NULL, NULL);
    CHECK_EQ(frame_pool_add(&p, 1 * MiB, 2 * GiB), FRAME_OK);
    CHECK_EQ(frame_pool_add(&p, 4 * GiB, 2048 * GiB), FRAME_OK);
    CHECK_EQ(frame_pool_add(&p, 2048 * GiB, 4096 * GiB), FRAME_OK);
    CHECK_EQ(p.nr_free, 2);
    CHECK_EQ(p.free_bytes, 2 * GiB - 1 * MiB + 4092 * GiB);
    CHECK_EQ(frame_alloc(&p, FRAME_MAX_ORDER, 0, &pa), FRAME_OK);
    CHECK_EQ(pa, 4095 * GiB);
    CHECK_EQ(p.nr_free, 2);
    CHECK(frame_pool_is_valid(&p));
}

static const struct unit_case frame_cases[] = {
    { "setup_takes_one_slot_per_map_run", setup_takes_one_slot_per_map_run },
    { "add_merges_rounds_and_refuses_overlap",
      add_merges_rounds_and_refuses_overlap },
    { "reserve_splits_trims_or_changes_nothing",
      reserve_splits_trims_or_changes_nothing },
    { "alloc_takes_the_highest_block", alloc_takes_the_highest_block },
    { "alloc_aligns_blocks_of_every_order",
      alloc_aligns_blocks_of_every_order },
    { "alloc_stays_below_max_pa", alloc_stays_below_max_pa },
    { "exhausted_pool_merges_back_when_freed",
      exhausted_pool_merges_back_when_freed },
    { "bad_frees_are_refused", bad_frees_are_refused },
    { "full_storage_carves_at_range_edges",
      full_storage_carves_at_range_edges },
    { "full_storage_with_only_inner_blocks_says_no_room",
      full_storage_with_only_inner_blocks_says_no_room },
    { "every_status_has_its_own_text", every_status_has_its_own_text },
    { "units_are_accepted_once_before_use",
      units_are_accepted_once_before_use },
    { "block_reaching_into_tracked_memory_accepts_it",
      block_reaching_into_tracked_memory_accepts_it },
    { "refused_unit_is_dropped_and_search_moves_on",
      refused_unit_is_dropped_and_search_moves_on },
    { "refusing_everything_leaves_accepted_memory",
      refusing_everything_leaves_accepted_memory },
    { "refused_unit_with_full_storage_drops_shorter_side",
      refused_unit_with_full_storage_drops_shorter_side },
    { "unaccepted_pool_checks_its_callers",
      unaccepted_pool_checks_its_callers },
};

UNIT_SUITE(frame, frame_cases)
