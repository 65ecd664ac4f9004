/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/mm/unaccepted.c. The maps are normalized EFI maps
 * written by hand, shaped like what TDX and SEV-SNP firmware report: low
 * memory accepted, everything above some boundary type 15.
 */
#include <string.h>

#include <xen/unaccepted.h>

#include "unit.h"

#define KiB (1ULL << 10)
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)
#define PiB (1ULL << 50)
#define PG EFIMAP_PAGE_BYTES
#define WB EFIMAP_ATTR_WB
#define UA EFIMAP_TYPE_UNACCEPTED
#define CONV EFIMAP_TYPE_CONVENTIONAL

static uint64_t storage[1024];

static struct efimap_entry ent(uint32_t type, uint64_t start, uint64_t bytes)
{
    return (struct efimap_entry){ .start_pa = start, .nr_pages = bytes / PG,
                                  .attr = WB, .type = type };
}

static bool span_is(const struct unaccepted_span *s, uint64_t start,
                    uint64_t bytes)
{
    return s->start_pa == start && s->nr_pages * PG == bytes;
}

/* Plans t over the static storage; the accept-now list has room for 8. */
static enum unaccepted_status plan(struct unaccepted_table *t,
                                   const struct efimap_entry *map,
                                   unsigned int nr,
                                   struct unaccepted_span *now,
                                   unsigned int *nr_now)
{
    return unaccepted_plan(t, storage, sizeof(storage), map, nr, now, 8,
                           nr_now);
}

static void aligned_range_is_tracked_whole(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        ent(CONV, 0, 4 * GiB),
        ent(UA, 4 * GiB, 8 * MiB),
    };
    struct unaccepted_need need;
    struct unaccepted_table t;
    struct unaccepted_span now[8];
    unsigned int nr_now;

    CHECK_EQ(unaccepted_measure(map, 2, &need), UNACCEPTED_OK);
    CHECK_EQ(need.nr_ranges, 1);
    CHECK_EQ(need.nr_units, 4);
    CHECK_EQ(need.nr_accept_now, 0);
    CHECK_EQ(need.storage_bytes, sizeof(struct unaccepted_range) + 8);
    CHECK_EQ(plan(&t, map, 2, now, &nr_now), UNACCEPTED_OK);
    CHECK_EQ(nr_now, 0);
    CHECK_EQ(t.nr_ranges, 1);
    CHECK_EQ(t.ranges[0].base_pa, 4 * GiB);
    CHECK_EQ(t.ranges[0].nr_units, 4);
    CHECK_EQ(t.nr_pending, 4);
    CHECK(!unaccepted_is_accepted(&t, 4 * GiB + 6 * MiB, 1));
    CHECK(unaccepted_is_accepted(&t, 0, 4 * GiB / PG));
    CHECK(unaccepted_is_accepted(&t, 4 * GiB + 8 * MiB, 1));
}

static void unaligned_ends_are_accepted_up_front(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        ent(CONV, 0, 4 * GiB + MiB),
        ent(UA, 4 * GiB + MiB, 8 * MiB + 4 * KiB),
        ent(CONV, 4 * GiB + 9 * MiB + 4 * KiB, 2 * GiB),
    };
    struct unaccepted_table t;
    struct unaccepted_span now[8];
    unsigned int nr_now;

    CHECK_EQ(plan(&t, map, 3, now, &nr_now), UNACCEPTED_OK);
    CHECK_EQ(nr_now, 2);
    CHECK(span_is(&now[0], 4 * GiB + MiB, MiB));
    CHECK(span_is(&now[1], 4 * GiB + 8 * MiB, MiB + 4 * KiB));
    CHECK_EQ(t.nr_ranges, 1);
    CHECK_EQ(t.ranges[0].base_pa, 4 * GiB + 2 * MiB);
    CHECK_EQ(t.ranges[0].nr_units, 3);
    /* The edges' units are shared with conventional memory: untracked. */
    CHECK(unaccepted_is_accepted(&t, 4 * GiB, 2 * MiB / PG));
    CHECK(unaccepted_is_accepted(&t, 4 * GiB + 8 * MiB, 2 * MiB / PG));
}

static void short_ranges_are_accepted_whole(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        ent(UA, 2 * MiB, 3 * MiB),                  /* aligned, < 4 MiB */
        ent(CONV, 5 * MiB, MiB),
        ent(UA, 6 * MiB + 4 * KiB, 4 * MiB - 8 * KiB), /* just short */
        ent(CONV, 10 * MiB - 4 * KiB, 4 * KiB + MiB),
        ent(UA, 11 * MiB, 4 * MiB),                 /* exactly 4 MiB */
    };
    struct unaccepted_need need;
    struct unaccepted_table t;
    struct unaccepted_span now[8];
    unsigned int nr_now;

    CHECK_EQ(unaccepted_measure(map, 5, &need), UNACCEPTED_OK);
    CHECK_EQ(need.nr_accept_now, 4);
    CHECK_EQ(need.accept_now_pages * PG,
             3 * MiB + 4 * MiB - 8 * KiB + 2 * MiB);
    CHECK_EQ(plan(&t, map, 5, now, &nr_now), UNACCEPTED_OK);
    CHECK_EQ(nr_now, 4);
    CHECK(span_is(&now[0], 2 * MiB, 3 * MiB));
    CHECK(span_is(&now[1], 6 * MiB + 4 * KiB, 4 * MiB - 8 * KiB));
    CHECK(span_is(&now[2], 11 * MiB, MiB));
    CHECK(span_is(&now[3], 14 * MiB, MiB));
    CHECK_EQ(t.nr_ranges, 1);
    CHECK_EQ(t.ranges[0].base_pa, 12 * MiB);
    CHECK_EQ(t.ranges[0].nr_units, 1);
}

/* Touching type-15 entries with different attributes form one run. */
static void touching_unaccepted_entries_share_a_record(struct unit_ctx *ctx)
{
    struct efimap_entry map[] = {
        ent(UA, 1 * MiB, 3 * MiB),
        ent(UA, 4 * MiB, 3 * MiB),
        ent(EFIMAP_TYPE_BS_DATA, 7 * MiB, 2 * MiB),
        ent(UA, 9 * MiB, 4 * MiB),
    };
    struct unaccepted_table t;
    struct unaccepted_span now[8];
    unsigned int nr_now;

    map[1].attr |= EFIMAP_ATTR_XP;
    CHECK(efimap_is_normalized(map, 4));
    CHECK_EQ(plan(&t, map, 4, now, &nr_now), UNACCEPTED_OK);
    /* [1, 7) MiB: head [1, 2), units [2, 6), tail [6, 7). */
    CHECK_EQ(t.nr_ranges, 2);
    CHECK_EQ(t.ranges[0].base_pa, 2 * MiB);
    CHECK_EQ(t.ranges[0].nr_units, 2);
    CHECK_EQ(t.ranges[1].base_pa, 10 * MiB);
    CHECK_EQ(t.ranges[1].bit_offset, 2);
    CHECK_EQ(nr_now, 4);
    CHECK(span_is(&now[0], 1 * MiB, MiB));
    CHECK(span_is(&now[1], 6 * MiB, MiB));
    CHECK(span_is(&now[2], 9 * MiB, MiB));
    CHECK(span_is(&now[3], 12 * MiB, MiB));
}

/*
 * Unaccepted memory at 4 GiB and just below 4 PiB, nothing between: the
 * tracking costs two range records and 4096 bits, the same as with the two
 * ranges close together, against 256 MiB for one bit per 2 MiB up to 4 PiB.
 */
static void sparse_4_pib_map_needs_tiny_storage(struct unit_ctx *ctx)
{
    const struct efimap_entry sparse[] = {
        ent(CONV, 0, 2 * GiB),
        ent(UA, 4 * GiB, 4 * GiB),
        ent(UA, 4 * PiB - 4 * GiB, 4 * GiB),
    };
    const struct efimap_entry dense[] = {
        ent(CONV, 0, 2 * GiB),
        ent(UA, 4 * GiB, 4 * GiB),
        ent(UA, 12 * GiB, 4 * GiB),
    };
    struct unaccepted_need a, b;
    struct unaccepted_table t;
    struct unaccepted_span now[8], got[4];
    unsigned int nr_now, nr;

    CHECK_EQ(unaccepted_measure(sparse, 3, &a), UNACCEPTED_OK);
    CHECK_EQ(unaccepted_measure(dense, 3, &b), UNACCEPTED_OK);
    CHECK_EQ(a.storage_bytes, 2 * 24 + 4096 / 8);
    CHECK_EQ(a.storage_bytes, 560);
    CHECK_EQ(b.storage_bytes, a.storage_bytes);
    CHECK_EQ((4 * PiB / (2 * MiB)) / 8, 256 * MiB);

    CHECK_EQ(plan(&t, sparse, 3, now, &nr_now), UNACCEPTED_OK);
    CHECK_EQ(t.nr_pending, 4096);
    CHECK(!unaccepted_is_accepted(&t, 4 * PiB - 2 * MiB, 1));
    CHECK(unaccepted_is_accepted(&t, 8 * GiB, (4 * PiB - 12 * GiB) / PG));
    /* A take across the whole hole returns just the two ranges. */
    CHECK_EQ(unaccepted_take(&t, 0, 4 * PiB / PG, got, 4, &nr),
             UNACCEPTED_OK);
    CHECK_EQ(nr, 2);
    CHECK(span_is(&got[0], 4 * GiB, 4 * GiB));
    CHECK(span_is(&got[1], 4 * PiB - 4 * GiB, 4 * GiB));
    CHECK_EQ(t.nr_pending, 0);
}

static void take_returns_each_unit_exactly_once(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = { ent(UA, 1 * GiB, 32 * MiB) };
    struct unaccepted_table t;
    struct unaccepted_span now[8], got[8];
    unsigned int nr_now, nr;

    CHECK_EQ(plan(&t, map, 1, now, &nr_now), UNACCEPTED_OK);
    /* One page inside unit 2: the whole unit is returned. */
    CHECK_EQ(unaccepted_take(&t, 1 * GiB + 5 * MiB, 1, got, 8, &nr),
             UNACCEPTED_OK);
    CHECK_EQ(nr, 1);
    CHECK(span_is(&got[0], 1 * GiB + 4 * MiB, 2 * MiB));
    CHECK(unaccepted_is_accepted(&t, 1 * GiB + 4 * MiB, 2 * MiB / PG));
    /* Again: nothing left to accept there. */
    CHECK_EQ(unaccepted_take(&t, 1 * GiB + 4 * MiB, 512, got, 8, &nr),
             UNACCEPTED_OK);
    CHECK_EQ(nr, 0);
    /* Pages straddling units 1 to 3 (from 0) return 1 and 3, not 2. */
    CHECK_EQ(unaccepted_take(&t, 1 * GiB + 3 * MiB, 1024, got, 8, &nr),
             UNACCEPTED_OK);
    CHECK_EQ(nr, 2);
    CHECK(span_is(&got[0], 1 * GiB + 2 * MiB, 2 * MiB));
    CHECK(span_is(&got[1], 1 * GiB + 6 * MiB, 2 * MiB));
    /* The rest, merged into runs around what was taken. */
    CHECK_EQ(unaccepted_take(&t, 0, 2 * GiB / PG, got, 8, &nr),
             UNACCEPTED_OK);
    CHECK_EQ(nr, 2);
    CHECK(span_is(&got[0], 1 * GiB, 2 * MiB));
    CHECK(span_is(&got[1], 1 * GiB + 8 * MiB, 24 * MiB));
    CHECK_EQ(t.nr_pending, 0);
    CHECK_EQ(unaccepted_take(&t, 0, 2 * GiB / PG, got, 8, &nr),
             UNACCEPTED_OK);
    CHECK_EQ(nr, 0);
    CHECK_EQ(unaccepted_take(&t, 0, 0, got, 8, &nr), UNACCEPTED_OK);
}

static void take_with_small_output_resumes(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        ent(UA, 0, 8 * MiB),
        ent(CONV, 8 * MiB, 2 * MiB),
        ent(UA, 10 * MiB, 8 * MiB),
        ent(CONV, 18 * MiB, 2 * MiB),
        ent(UA, 20 * MiB, 8 * MiB),
    };
    struct unaccepted_table t;
    struct unaccepted_span now[8], got[1];
    unsigned int nr_now, nr, calls = 0;
    uint64_t pages = 0;
    enum unaccepted_status st;

    CHECK_EQ(plan(&t, map, 5, now, &nr_now), UNACCEPTED_OK);
    CHECK_EQ(t.nr_ranges, 3);
    do {
        st = unaccepted_take(&t, 0, 32 * MiB / PG, got, 1, &nr);
        CHECK(st == UNACCEPTED_OK || st == UNACCEPTED_MORE);
        for ( unsigned int i = 0; i < nr; i++ )
            pages += got[i].nr_pages;
        calls++;
    } while ( st == UNACCEPTED_MORE && calls < 10 );
    CHECK_EQ(st, UNACCEPTED_OK);
    CHECK_EQ(calls, 3);
    CHECK_EQ(pages * PG, 24 * MiB);
}

static void next_walks_what_is_pending(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        ent(UA, 0, 8 * MiB),
        ent(CONV, 8 * MiB, 2 * MiB),
        ent(UA, 10 * MiB, 8 * MiB),
    };
    struct unaccepted_table t;
    struct unaccepted_span now[8], got[4], s;
    unsigned int nr_now, nr;

    CHECK_EQ(plan(&t, map, 3, now, &nr_now), UNACCEPTED_OK);
    CHECK_EQ(unaccepted_take(&t, 2 * MiB, 1, got, 4, &nr), UNACCEPTED_OK);
    CHECK_EQ(unaccepted_next(&t, 0, &s), UNACCEPTED_OK);
    CHECK(span_is(&s, 0, 2 * MiB));
    CHECK_EQ(unaccepted_next(&t, 2 * MiB, &s), UNACCEPTED_OK);
    CHECK(span_is(&s, 4 * MiB, 4 * MiB));
    CHECK_EQ(unaccepted_next(&t, 7 * MiB, &s), UNACCEPTED_OK);
    CHECK(span_is(&s, 6 * MiB, 2 * MiB));
    CHECK_EQ(unaccepted_next(&t, 8 * MiB, &s), UNACCEPTED_OK);
    CHECK(span_is(&s, 10 * MiB, 8 * MiB));
    CHECK_EQ(unaccepted_next(&t, 18 * MiB, &s), UNACCEPTED_ERR_NOT_FOUND);
}

static void top_of_address_space_is_tracked(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        ent(UA, 0 - 9 * MiB, 9 * MiB),
    };
    struct unaccepted_table t;
    struct unaccepted_span now[8], got[4];
    unsigned int nr_now, nr;

    CHECK_EQ(plan(&t, map, 1, now, &nr_now), UNACCEPTED_OK);
    CHECK_EQ(nr_now, 1);
    CHECK(span_is(&now[0], 0 - 9 * MiB, MiB));
    CHECK_EQ(t.ranges[0].nr_units, 4);
    CHECK(!unaccepted_is_accepted(&t, 0 - PG, 1));
    CHECK(!unaccepted_is_accepted(&t, 0 - PG, 100));   /* cut at 2^64 */
    CHECK_EQ(unaccepted_take(&t, 0 - 2 * MiB, 512, got, 4, &nr),
             UNACCEPTED_OK);
    CHECK_EQ(nr, 1);
    CHECK(span_is(&got[0], 0 - 2 * MiB, 2 * MiB));
    CHECK_EQ(unaccepted_take(&t, 0 - PG, 2, got, 4, &nr),
             UNACCEPTED_ERR_RANGE);
    CHECK_EQ(unaccepted_take(&t, 0x800, 1, got, 4, &nr),
             UNACCEPTED_ERR_RANGE);
}

/*
 * Zero pages is no memory at all: taking it marks nothing and querying it
 * finds nothing pending, wherever it points (the middle of a pending unit,
 * a unit boundary, the end of the tracked range).
 */
static void zero_length_take_and_query_are_no_ops(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        ent(CONV, 0, 4 * GiB),
        ent(UA, 4 * GiB, 8 * MiB),
    };
    const uint64_t at[] = { 4 * GiB + MiB + 4 * KiB, 4 * GiB + 2 * MiB,
                            4 * GiB, 4 * GiB + 8 * MiB - 4 * KiB };
    struct unaccepted_table t;
    struct unaccepted_span now[8], out[4];
    unsigned int nr_now, nr_out = 99;

    CHECK_EQ(plan(&t, map, 2, now, &nr_now), UNACCEPTED_OK);
    for ( unsigned int i = 0; i < sizeof(at) / sizeof(at[0]); i++ )
    {
        CHECK(unaccepted_is_accepted(&t, at[i], 0));
        CHECK_EQ(unaccepted_take(&t, at[i], 0, out, 4, &nr_out),
                 UNACCEPTED_OK);
        CHECK_EQ(nr_out, 0);
        CHECK_EQ(t.nr_pending, 4);
    }
    /* A zero-length take still checks its address. */
    CHECK_EQ(unaccepted_take(&t, 4 * GiB + 1, 0, out, 4, &nr_out),
             UNACCEPTED_ERR_RANGE);
    CHECK(!unaccepted_is_accepted(&t, 4 * GiB + MiB, 1));
}

/*
 * SEV-SNP here accepts only below 4 GiB (PVALIDATE needs the page in the
 * boot direct map): the plan says whether everything unaccepted, edges
 * and tracked units alike, lies below such a limit.
 */
static void limit_check_covers_edges_and_units(struct unit_ctx *ctx)
{
    const struct efimap_entry low[] = {
        ent(CONV, 0, 1 * GiB),
        ent(UA, 1 * GiB + 4 * KiB, 3 * GiB - 4 * KiB),  /* ends at 4 GiB */
    };
    const struct efimap_entry edge_above[] = {
        ent(CONV, 0, 1 * GiB),
        ent(UA, 1 * GiB, 3 * GiB + 4 * KiB),    /* 4 KiB edge above 4 GiB */
    };
    const struct efimap_entry units_above[] = {
        ent(CONV, 0, 4 * GiB),
        ent(UA, 4 * GiB, 8 * MiB),
    };
    const struct efimap_entry to_2_64[] = {
        ent(CONV, 0, 4 * GiB),
        ent(UA, 0 - 8 * MiB, 8 * MiB),
    };
    const struct efimap_entry none[] = { ent(CONV, 0, 4 * GiB) };
    struct unaccepted_need need;

    CHECK_EQ(unaccepted_measure(low, 2, &need), UNACCEPTED_OK);
    CHECK_EQ(need.end_pfn, 4 * GiB / PG);
    CHECK(unaccepted_fits_below(&need, 4 * GiB));
    CHECK(!unaccepted_fits_below(&need, 4 * GiB - 1));
    CHECK_EQ(unaccepted_measure(edge_above, 2, &need), UNACCEPTED_OK);
    CHECK(need.nr_accept_now >= 1);
    CHECK(!unaccepted_fits_below(&need, 4 * GiB));
    CHECK_EQ(unaccepted_measure(units_above, 2, &need), UNACCEPTED_OK);
    CHECK_EQ(need.nr_accept_now, 0);
    CHECK(!unaccepted_fits_below(&need, 4 * GiB));
    CHECK(unaccepted_fits_below(&need, UINT64_MAX));
    CHECK_EQ(unaccepted_measure(to_2_64, 2, &need), UNACCEPTED_OK);
    CHECK_EQ(need.end_pfn, 1ULL << 52);
    CHECK(!unaccepted_fits_below(&need, 0 - 4 * KiB));
    CHECK(unaccepted_fits_below(&need, UINT64_MAX));
    CHECK_EQ(unaccepted_measure(none, 1, &need), UNACCEPTED_OK);
    CHECK_EQ(need.end_pfn, 0);
    CHECK(unaccepted_fits_below(&need, 0));
}

static void bad_plans_are_refused(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        ent(UA, 1 * MiB, 3 * MiB),
        ent(UA, 5 * MiB, 3 * MiB),
        ent(UA, 9 * MiB, 3 * MiB),
    };
    const struct efimap_entry unsorted[] = {
        ent(UA, 9 * MiB, 3 * MiB),
        ent(UA, 1 * MiB, 3 * MiB),
    };
    const struct efimap_entry big[] = { ent(UA, 0, 64 * MiB) };
    struct unaccepted_need need;
    struct unaccepted_table t;
    struct unaccepted_span now[8];
    unsigned int nr_now;

    CHECK_EQ(unaccepted_plan(&t, storage, sizeof(storage), map, 3, now, 2,
                             &nr_now), UNACCEPTED_ERR_ACCEPT_ROOM);
    CHECK_EQ(plan(&t, unsorted, 2, now, &nr_now),
             UNACCEPTED_ERR_NOT_NORMALIZED);
    CHECK_EQ(unaccepted_measure(big, 1, &need), UNACCEPTED_OK);
    CHECK_EQ(need.storage_bytes, 24 + 8);
    CHECK_EQ(unaccepted_plan(&t, storage, need.storage_bytes - 1, big, 1,
                             now, 8, &nr_now), UNACCEPTED_ERR_STORAGE);
    CHECK_EQ(unaccepted_plan(&t, (char *)storage + 4, need.storage_bytes,
                             big, 1, now, 8, &nr_now),
             UNACCEPTED_ERR_STORAGE_ALIGN);
    /* A map without type 15 needs no storage at all. */
    CHECK_EQ(unaccepted_measure(unsorted, 0, &need), UNACCEPTED_OK);
    CHECK_EQ(need.storage_bytes, 0);
    CHECK_EQ(unaccepted_plan(&t, NULL, 0, unsorted, 0, NULL, 0, &nr_now),
             UNACCEPTED_OK);
    CHECK(unaccepted_is_accepted(&t, 0, 1ULL << 52));
    /* Only short ranges: no storage, but the spans are still listed. */
    CHECK_EQ(unaccepted_plan(&t, NULL, 0, map, 3, now, 8, &nr_now),
             UNACCEPTED_OK);
    CHECK_EQ(nr_now, 3);
    CHECK(span_is(&now[2], 9 * MiB, 3 * MiB));
    CHECK_EQ(t.nr_ranges, 0);
    for ( int st = UNACCEPTED_OK; st <= UNACCEPTED_ERR_NOT_FOUND; st++ )
        CHECK(strcmp(unaccepted_strerror(st), "unknown unaccepted status"));
}

static const struct unit_case unaccepted_cases[] = {
    { "aligned_range_is_tracked_whole", aligned_range_is_tracked_whole },
    { "unaligned_ends_are_accepted_up_front",
      unaligned_ends_are_accepted_up_front },
    { "short_ranges_are_accepted_whole", short_ranges_are_accepted_whole },
    { "touching_unaccepted_entries_share_a_record",
      touching_unaccepted_entries_share_a_record },
    { "sparse_4_pib_map_needs_tiny_storage",
      sparse_4_pib_map_needs_tiny_storage },
    { "take_returns_each_unit_exactly_once",
      take_returns_each_unit_exactly_once },
    { "take_with_small_output_resumes", take_with_small_output_resumes },
    { "next_walks_what_is_pending", next_walks_what_is_pending },
    { "top_of_address_space_is_tracked", top_of_address_space_is_tracked },
    { "bad_plans_are_refused", bad_plans_are_refused },
    { "limit_check_covers_edges_and_units",
      limit_check_covers_edges_and_units },
    { "zero_length_take_and_query_are_no_ops",
      zero_length_take_and_query_are_no_ops },
};

UNIT_SUITE(unaccepted, unaccepted_cases)
