/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/mm/e820.c. The maps are synthetic, shaped after what
 * BIOS firmware reports (low RAM, the EBDA hole, ACPI tables near the top
 * of low memory) plus the corner cases a broken loader could produce.
 */
#include <string.h>

#include <xen/e820.h>

#include "unit.h"

#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

static unsigned char scratch[1 << 16];

static enum e820_status run(const struct e820entry *in, unsigned int nr_in,
                            struct e820entry *out, unsigned int max_out,
                            unsigned int *nr_out)
{
    return e820_sanitize(in, nr_in, out, max_out, nr_out, scratch,
                         sizeof(scratch));
}

static bool same_entry(const struct e820entry *e, uint64_t addr,
                       uint64_t size, uint32_t type)
{
    return e->addr == addr && e->size == size && e->type == type;
}

static void unsorted_input_comes_out_sorted(struct unit_ctx *ctx)
{
    const struct e820entry in[] = {
        { 0x100000, 0x7ff00000, E820_RAM },
        { 0xf0000, 0x10000, E820_RESERVED },
        { 0, 0x9fc00, E820_RAM },
        { 0x9fc00, 0x400, E820_RESERVED },
    };
    struct e820entry out[8];
    unsigned int nr;

    CHECK_EQ(run(in, 4, out, 8, &nr), E820_OK);
    CHECK_EQ(nr, 4);
    CHECK(same_entry(&out[0], 0, 0x9fc00, E820_RAM));
    CHECK(same_entry(&out[1], 0x9fc00, 0x400, E820_RESERVED));
    CHECK(same_entry(&out[2], 0xf0000, 0x10000, E820_RESERVED));
    CHECK(same_entry(&out[3], 0x100000, 0x7ff00000, E820_RAM));
    CHECK(e820_is_sanitized(out, nr));
}

static void reserved_inside_ram_splits_it_in_three(struct unit_ctx *ctx)
{
    const struct e820entry in[] = {
        { 0, 4 * GiB, E820_RAM },
        { GiB, MiB, E820_RESERVED },
    };
    struct e820entry out[8];
    unsigned int nr;

    CHECK_EQ(run(in, 2, out, 8, &nr), E820_OK);
    CHECK_EQ(nr, 3);
    CHECK(same_entry(&out[0], 0, GiB, E820_RAM));
    CHECK(same_entry(&out[1], GiB, MiB, E820_RESERVED));
    CHECK(same_entry(&out[2], GiB + MiB, 3 * GiB - MiB, E820_RAM));
}

/* Every pair of known types, both input orders: the stricter one wins. */
static void stricter_type_wins_every_known_pair(struct unit_ctx *ctx)
{
    /* Weakest first, as documented in e820.h. */
    static const uint32_t order[] = {
        E820_RAM, E820_ACPI, E820_RESERVED, E820_NVS, E820_UNUSABLE,
    };

    for ( unsigned int a = 0; a < 5; a++ )
        for ( unsigned int b = a + 1; b < 5; b++ )
            for ( unsigned int flip = 0; flip < 2; flip++ )
            {
                struct e820entry in[2] = {
                    { 0x1000, 0x3000, order[a] },
                    { 0x2000, 0x3000, order[b] },
                };
                struct e820entry out[4];
                unsigned int nr;

                if ( flip )
                {
                    struct e820entry t = in[0];

                    in[0] = in[1];
                    in[1] = t;
                }
                CHECK_EQ(run(in, 2, out, 4, &nr), E820_OK);
                CHECK_EQ(nr, 2);
                CHECK(same_entry(&out[0], 0x1000, 0x1000, order[a]));
                CHECK(same_entry(&out[1], 0x2000, 0x3000, order[b]));
            }
}

static void unknown_types_rank_with_reserved(struct unit_ctx *ctx)
{
    const struct e820entry in[] = {
        { 0, 0x4000, 7 },               /* persistent memory, say */
        { 0x1000, 0x1000, E820_ACPI },  /* loses to the unknown type */
        { 0x2000, 0x1000, E820_RESERVED }, /* loses: 7 > 2, same rank */
        { 0x3000, 0x1000, E820_NVS },   /* wins */
    };
    struct e820entry out[8];
    unsigned int nr;

    CHECK_EQ(run(in, 4, out, 8, &nr), E820_OK);
    CHECK_EQ(nr, 2);
    CHECK(same_entry(&out[0], 0, 0x3000, 7));
    CHECK(same_entry(&out[1], 0x3000, 0x1000, E820_NVS));
    CHECK_EQ(strcmp(e820_type_name(7), "unknown"), 0);
}

static void zero_size_entries_vanish(struct unit_ctx *ctx)
{
    const struct e820entry in[] = {
        { 0x5000, 0, E820_UNUSABLE },
        { 0x4000, 0x2000, E820_RAM },
        { UINT64_MAX, 0, E820_RESERVED },
    };
    struct e820entry out[4];
    unsigned int nr;

    CHECK_EQ(run(in, 3, out, 4, &nr), E820_OK);
    CHECK_EQ(nr, 1);
    CHECK(same_entry(&out[0], 0x4000, 0x2000, E820_RAM));
}

static void end_past_2_64_is_clipped(struct unit_ctx *ctx)
{
    const struct e820entry in[] = {
        { UINT64_MAX - 0xfff, 0x10000, E820_RESERVED },
        { UINT64_MAX, UINT64_MAX, E820_RESERVED },
    };
    struct e820entry out[4];
    unsigned int nr;

    CHECK_EQ(run(in, 2, out, 4, &nr), E820_OK);
    CHECK_EQ(nr, 1);
    CHECK(same_entry(&out[0], UINT64_MAX - 0xfff, 0x1000, E820_RESERVED));
}

/*
 * Ranges that together cover all 2^64 bytes with one type cannot become
 * one entry; the split is always before the last 4 KiB, whatever the order
 * and the boundaries of the input (the fuzzer found an order dependence).
 */
static void whole_space_splits_the_same_way(struct unit_ctx *ctx)
{
    struct e820entry in[3] = {
        { 1ULL << 63, 1ULL << 63, E820_RESERVED },
        { 0, 1ULL << 63, E820_RESERVED },
        { 0x1000, UINT64_MAX - 0x2000, E820_RESERVED },
    };
    struct e820entry out[4];
    unsigned int nr;

    for ( unsigned int r = 0; r < 3; r++ )
    {
        struct e820entry t = in[0];

        in[0] = in[1];
        in[1] = in[2];
        in[2] = t;
        CHECK_EQ(run(in, 3, out, 4, &nr), E820_OK);
        CHECK_EQ(nr, 2);
        CHECK(same_entry(&out[0], 0, UINT64_MAX - 0xfff, E820_RESERVED));
        CHECK(same_entry(&out[1], UINT64_MAX - 0xfff, 0x1000,
                         E820_RESERVED));
        CHECK(e820_is_sanitized(out, nr));
    }
}

static void touching_equal_types_merge(struct unit_ctx *ctx)
{
    const struct e820entry in[] = {
        { 0x3000, 0x1000, E820_RAM },
        { 0x1000, 0x1000, E820_RAM },
        { 0x2000, 0x1000, E820_RAM },
        { 0x2800, 0x100, E820_RAM },        /* fully inside, same type */
        { 0x5000, 0x1000, E820_RAM },       /* a gap: no merge */
        { 0x6000, 0x1000, E820_ACPI },      /* other type: no merge */
    };
    struct e820entry out[8];
    unsigned int nr;

    CHECK_EQ(run(in, 6, out, 8, &nr), E820_OK);
    CHECK_EQ(nr, 3);
    CHECK(same_entry(&out[0], 0x1000, 0x3000, E820_RAM));
    CHECK(same_entry(&out[1], 0x5000, 0x1000, E820_RAM));
    CHECK(same_entry(&out[2], 0x6000, 0x1000, E820_ACPI));
}

static void small_output_reports_the_need(struct unit_ctx *ctx)
{
    const struct e820entry in[] = {
        { 0, 0x1000, E820_RAM },
        { 0x2000, 0x1000, E820_RAM },
        { 0x4000, 0x1000, E820_RAM },
    };
    struct e820entry out[3] = { { 0 } };
    unsigned int nr;

    CHECK_EQ(run(in, 3, out, 2, &nr), E820_ERR_NO_ROOM);
    CHECK_EQ(nr, 3);
    CHECK_EQ(out[2].size, 0);   /* nothing written past max_out */
    CHECK(same_entry(&out[1], 0x2000, 0x1000, E820_RAM));
}

static void short_scratch_is_refused(struct unit_ctx *ctx)
{
    const struct e820entry in[] = { { 0, 0x1000, E820_RAM } };
    struct e820entry out[1];
    unsigned int nr;

    CHECK_EQ(e820_sanitize(in, 1, out, 1, &nr, scratch,
                           e820_scratch_bytes(1) - 1), E820_ERR_SCRATCH);
    CHECK_EQ(e820_sanitize(in, 1, out, 1, &nr, scratch + 1,
                           e820_scratch_bytes(1)), E820_OK);
    CHECK_EQ(e820_sanitize(NULL, 0, out, 1, &nr, NULL, 0), E820_OK);
    CHECK_EQ(nr, 0);
}

/* Result depends on the set of ranges only: try every rotation. */
static void input_order_does_not_matter(struct unit_ctx *ctx)
{
    const struct e820entry base[] = {
        { 0, 0x10000, E820_RAM },
        { 0x8000, 0x10000, E820_ACPI },
        { 0xc000, 0x2000, E820_NVS },
        { 0x4000, 0x2000, 9 },
        { 0x4000, 0x2000, 12 },
        { 0xf000, 0x20000, E820_RAM },
    };
    struct e820entry first[16], out[16], in[6];
    unsigned int nr0, nr;

    CHECK_EQ(run(base, 6, first, 16, &nr0), E820_OK);
    for ( unsigned int r = 1; r < 6; r++ )
    {
        for ( unsigned int i = 0; i < 6; i++ )
            in[i] = base[(i + r) % 6];
        CHECK_EQ(run(in, 6, out, 16, &nr), E820_OK);
        CHECK_EQ(nr, nr0);
        CHECK(!memcmp(out, first, nr * sizeof(*out)));
    }
    CHECK(e820_is_sanitized(first, nr0));
}

static void totals_count_one_type_and_saturate(struct unit_ctx *ctx)
{
    const struct e820entry map[] = {
        { 0, 0x9f000, E820_RAM },
        { 0x100000, GiB, E820_RAM },
        { 0xe0000, 0x20000, E820_RESERVED },
    };
    const struct e820entry huge[] = {
        { 0, UINT64_MAX, E820_RAM },
        { 0, 2, E820_RAM },
    };

    CHECK_EQ(e820_total_bytes(map, 3, E820_RAM), 0x9f000 + GiB);
    CHECK_EQ(e820_total_bytes(map, 3, E820_RESERVED), 0x20000);
    CHECK_EQ(e820_total_bytes(map, 3, E820_NVS), 0);
    CHECK_EQ(e820_total_bytes(huge, 2, E820_RAM), UINT64_MAX);
}

static void names_and_messages_exist(struct unit_ctx *ctx)
{
    CHECK_EQ(strcmp(e820_type_name(E820_RAM), "RAM"), 0);
    CHECK_EQ(strcmp(e820_type_name(E820_UNUSABLE), "unusable"), 0);
    for ( int st = E820_OK; st <= E820_ERR_RANGE; st++ )
        CHECK(strcmp(e820_strerror(st), "unknown e820 status"));
    CHECK_EQ(strcmp(e820_strerror(99), "unknown e820 status"), 0);
}

static void add_carves_reserved_out_of_ram(struct unit_ctx *ctx)
{
    struct e820entry map[8] = {
        { 0, 0x9f000, E820_RAM },
        { 0x100000, GiB, E820_RAM },
    };
    unsigned int nr = 2;

    CHECK_EQ(e820_add(map, &nr, 8, 0x200000, 0x300000, E820_RESERVED),
             E820_OK);
    CHECK_EQ(nr, 4);
    CHECK(same_entry(&map[1], 0x100000, 0x100000, E820_RAM));
    CHECK(same_entry(&map[2], 0x200000, 0x300000, E820_RESERVED));
    CHECK(same_entry(&map[3], 0x500000, GiB - 0x400000, E820_RAM));
    /* Giving it back restores the original map. */
    CHECK_EQ(e820_add(map, &nr, 8, 0x200000, 0x300000, E820_RAM), E820_OK);
    CHECK_EQ(nr, 2);
    CHECK(same_entry(&map[1], 0x100000, GiB, E820_RAM));
}

static void add_across_entries_and_gaps_merges(struct unit_ctx *ctx)
{
    struct e820entry map[8] = {
        { 0x1000, 0x1000, E820_RESERVED },
        { 0x3000, 0x1000, E820_RAM },
        { 0x5000, 0x1000, E820_ACPI },
        { 0x8000, 0x1000, E820_RESERVED },
    };
    unsigned int nr = 4;

    /* Covers the RAM and ACPI entries and the gaps, touches both ends. */
    CHECK_EQ(e820_add(map, &nr, 8, 0x2000, 0x6000, E820_RESERVED), E820_OK);
    CHECK_EQ(nr, 1);
    CHECK(same_entry(&map[0], 0x1000, 0x8000, E820_RESERVED));
    CHECK(e820_is_sanitized(map, nr));
}

static void add_refuses_bad_input_and_leaves_map(struct unit_ctx *ctx)
{
    struct e820entry map[3] = {
        { 0, 0x10000, E820_RAM },
        { 0x20000, 0x10000, E820_RAM },
    };
    struct e820entry copy[3];
    struct e820entry bad[2] = {
        { 0x1000, 0x1000, E820_RAM },
        { 0, 0x1000, E820_RAM },
    };
    unsigned int nr = 2, nr_bad = 2;

    memcpy(copy, map, sizeof(map));
    CHECK_EQ(e820_add(map, &nr, 3, 0x4000, 0x1000, E820_NVS),
             E820_ERR_NO_ROOM);
    CHECK_EQ(e820_add(map, &nr, 3, UINT64_MAX, 2, E820_NVS), E820_ERR_RANGE);
    CHECK_EQ(e820_add(map, &nr, 3, 0x4000, 0, E820_NVS), E820_OK);
    CHECK_EQ(nr, 2);
    CHECK(!memcmp(map, copy, sizeof(map)));
    CHECK_EQ(e820_add(bad, &nr_bad, 2, 0x4000, 0x1000, E820_NVS),
             E820_ERR_NOT_SANITIZED);
}

static void add_at_top_of_address_space(struct unit_ctx *ctx)
{
    struct e820entry map[4] = {
        { 0, UINT64_MAX, E820_RAM },    /* all but the last byte */
    };
    unsigned int nr = 1;

    CHECK_EQ(e820_add(map, &nr, 4, UINT64_MAX - 0xfff, 0x1000,
                      E820_RESERVED), E820_OK);
    CHECK_EQ(nr, 2);
    CHECK(same_entry(&map[1], UINT64_MAX - 0xfff, 0x1000, E820_RESERVED));
    /* Turning the top into RAM would need a 2^64 entry: two remain. */
    CHECK_EQ(e820_add(map, &nr, 4, UINT64_MAX - 0xfff, 0x1000, E820_RAM),
             E820_OK);
    CHECK_EQ(nr, 2);
    CHECK(e820_is_sanitized(map, nr));
    CHECK_EQ(e820_total_bytes(map, nr, E820_RAM), UINT64_MAX);
}

/*
 * A RAM entry ending at 2^64 survives sanitizing (its end is clipped at
 * 2^64, where addr + size wraps to 0); e820_clip_ram() leaves no RAM past
 * the 52-bit physical address space, so nothing downstream sees a
 * wrapping end.
 */
static void ram_ending_at_2_64_is_made_unusable(struct unit_ctx *ctx)
{
    const struct e820entry in[] = {
        { 0, 0x9fc00, E820_RAM },
        { 0x100000000ULL, 0 - 0x100000000ULL, E820_RAM },
    };
    struct e820entry out[8];
    unsigned int nr;
    uint64_t clipped;

    CHECK_EQ(run(in, 2, out, 8, &nr), E820_OK);
    CHECK_EQ(nr, 2);
    CHECK_EQ(out[1].addr + out[1].size, 0);     /* wraps: the hazard */
    CHECK_EQ(e820_clip_ram(out, &nr, 8, E820_PA_LIMIT, &clipped), E820_OK);
    CHECK_EQ(clipped, 0 - E820_PA_LIMIT);
    CHECK_EQ(nr, 3);
    CHECK(e820_is_sanitized(out, nr));
    CHECK(same_entry(&out[1], 0x100000000ULL,
                     E820_PA_LIMIT - 0x100000000ULL, E820_RAM));
    CHECK(same_entry(&out[2], E820_PA_LIMIT, 0 - E820_PA_LIMIT,
                     E820_UNUSABLE));
    for ( unsigned int i = 0; i < nr; i++ )
        CHECK(out[i].type != E820_RAM ||
              out[i].addr + out[i].size <= E820_PA_LIMIT);
}

static void clip_ram_whole_space_and_wholly_above(struct unit_ctx *ctx)
{
    struct e820entry map[4] = {
        { 0, 0x1000, E820_RAM },
        { E820_PA_LIMIT + 0x1000, 0x1000, E820_RAM },
        { E820_PA_LIMIT + 0x2000, 0x1000, E820_RESERVED },
        { E820_PA_LIMIT + 0x3000, 0x1000, E820_RAM },
    };
    struct e820entry all[4];
    unsigned int nr = 4, nr_all;
    uint64_t clipped;

    /* Wholly above the limit: the type changes, the count does not. */
    CHECK_EQ(e820_clip_ram(map, &nr, 4, E820_PA_LIMIT, &clipped), E820_OK);
    CHECK_EQ(clipped, 0x2000);
    CHECK_EQ(nr, 4);
    CHECK(same_entry(&map[0], 0, 0x1000, E820_RAM));
    CHECK(same_entry(&map[1], E820_PA_LIMIT + 0x1000, 0x1000,
                     E820_UNUSABLE));
    CHECK_EQ(map[2].type, E820_RESERVED);
    CHECK(same_entry(&map[3], E820_PA_LIMIT + 0x3000, 0x1000,
                     E820_UNUSABLE));

    /* RAM over the whole space, as two entries: two entries again. */
    all[0] = (struct e820entry){ 0, UINT64_MAX - 0xfff, E820_RAM };
    all[1] = (struct e820entry){ UINT64_MAX - 0xfff, 0x1000, E820_RAM };
    nr_all = 2;
    CHECK_EQ(e820_clip_ram(all, &nr_all, 4, E820_PA_LIMIT, &clipped),
             E820_OK);
    CHECK_EQ(nr_all, 2);
    CHECK(same_entry(&all[0], 0, E820_PA_LIMIT, E820_RAM));
    CHECK(same_entry(&all[1], E820_PA_LIMIT, 0 - E820_PA_LIMIT,
                     E820_UNUSABLE));
    CHECK_EQ(clipped, 0 - E820_PA_LIMIT);
}

static void clip_ram_refuses_and_leaves_map(struct unit_ctx *ctx)
{
    struct e820entry map[2] = {
        { 0, 0x1000, E820_RESERVED },
        { 0x2000, E820_PA_LIMIT, E820_RAM },    /* straddles the limit */
    };
    struct e820entry copy[2], bad[2] = {
        { 0x1000, 0x1000, E820_RAM },
        { 0, 0x1000, E820_RAM },
    };
    unsigned int nr = 2, nr_bad = 2;
    uint64_t clipped = 1;

    memcpy(copy, map, sizeof(map));
    CHECK_EQ(e820_clip_ram(map, &nr, 2, E820_PA_LIMIT, &clipped),
             E820_ERR_NO_ROOM);
    CHECK_EQ(nr, 2);
    CHECK_EQ(clipped, 0);
    CHECK(!memcmp(map, copy, sizeof(map)));
    CHECK_EQ(e820_clip_ram(bad, &nr_bad, 2, E820_PA_LIMIT, &clipped),
             E820_ERR_NOT_SANITIZED);
    /* Nothing above the limit: nothing changes. */
    nr = 1;
    CHECK_EQ(e820_clip_ram(map, &nr, 2, E820_PA_LIMIT, &clipped), E820_OK);
    CHECK_EQ(nr, 1);
    CHECK_EQ(clipped, 0);
}

static const struct unit_case e820_cases[] = {
    { "unsorted_input_comes_out_sorted", unsorted_input_comes_out_sorted },
    { "reserved_inside_ram_splits_it_in_three",
      reserved_inside_ram_splits_it_in_three },
    { "stricter_type_wins_every_known_pair",
      stricter_type_wins_every_known_pair },
    { "unknown_types_rank_with_reserved", unknown_types_rank_with_reserved },
    { "zero_size_entries_vanish", zero_size_entries_vanish },
    { "end_past_2_64_is_clipped", end_past_2_64_is_clipped },
    { "whole_space_splits_the_same_way", whole_space_splits_the_same_way },
    { "touching_equal_types_merge", touching_equal_types_merge },
    { "small_output_reports_the_need", small_output_reports_the_need },
    { "short_scratch_is_refused", short_scratch_is_refused },
    { "input_order_does_not_matter", input_order_does_not_matter },
    { "totals_count_one_type_and_saturate",
      totals_count_one_type_and_saturate },
    { "names_and_messages_exist", names_and_messages_exist },
    { "add_carves_reserved_out_of_ram", add_carves_reserved_out_of_ram },
    { "add_across_entries_and_gaps_merges",
      add_across_entries_and_gaps_merges },
    { "add_refuses_bad_input_and_leaves_map",
      add_refuses_bad_input_and_leaves_map },
    { "add_at_top_of_address_space", add_at_top_of_address_space },
    { "ram_ending_at_2_64_is_made_unusable",
      ram_ending_at_2_64_is_made_unusable },
    { "clip_ram_whole_space_and_wholly_above",
      clip_ram_whole_space_and_wholly_above },
    { "clip_ram_refuses_and_leaves_map", clip_ram_refuses_and_leaves_map },
};

UNIT_SUITE(e820, e820_cases)
