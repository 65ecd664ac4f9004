/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the firmware test shim's memory-map rewrite
 * (test/efi-shim/shimmap.c, compiled in here: the shim is no part of the
 * hypervisor's PURE_SRCS; the reference walk uses its in_set()). Maps
 * are synthetic, laid out as EFI_MEMORY_DESCRIPTORs (UEFI spec 7.2) with
 * OVMF's 48-byte stride.
 */
#include <string.h>

#include <xen/efimap.h>

#include "../../test/efi-shim/shimmap.c"
#include "unit.h"

#define T_FROM      0x7fe15000U     /* the shim's private type */
#define T_TO        EFIMAP_TYPE_UNACCEPTED
#define PG          4096ULL
#define DESC        48              /* OVMF's descriptor stride */

static void set_of(struct shimopt_set *s, unsigned int nr,
                   const struct shimopt_range *r)
{
    s->nr = nr;
    memcpy(s->r, r, nr * sizeof(*r));
}

static void put(uint8_t *map, size_t stride, size_t i, uint32_t type,
                uint64_t start, uint64_t pages, uint64_t attr)
{
    struct efimap_fw_desc d = { type, 0, start, 0, pages, attr };

    memset(map + i * stride, 0xa5, stride);
    memcpy(map + i * stride, &d, sizeof(d));
}

static struct efimap_fw_desc get(const uint8_t *map, size_t stride, size_t i)
{
    struct efimap_fw_desc d;

    memcpy(&d, map + i * stride, sizeof(d));
    return d;
}

static bool desc_is(const uint8_t *map, size_t stride, size_t i,
                    uint32_t type, uint64_t start, uint64_t pages)
{
    struct efimap_fw_desc d = get(map, stride, i);

    return d.type == type && d.phys_start == start && d.nr_pages == pages &&
           d.attr == 0xf;
}

static void retype_of_exact_allocations_keeps_size(struct unit_ctx *ctx)
{
    static const struct shimopt_range r[] = {
        { 0x10000000, 0x18000000 }, { 0x18001000, 0x18003000 },
    };
    uint8_t map[8 * DESC];
    struct shimopt_set s;
    size_t out;

    set_of(&s, 2, r);
    put(map, DESC, 0, 7, 0x1500000, 0xeb00, 0xf);
    put(map, DESC, 1, T_FROM, 0x10000000, 0x8000, 0xf);
    put(map, DESC, 2, 7, 0x18000000, 1, 0xf);
    put(map, DESC, 3, T_FROM, 0x18001000, 2, 0xf);
    CHECK_EQ(shimmap_retype(map, 4 * DESC, sizeof(map), DESC, T_FROM, T_TO,
                            &s, &out), SHIMMAP_OK);
    CHECK_EQ(out, 4 * DESC);
    CHECK(desc_is(map, DESC, 0, 7, 0x1500000, 0xeb00));
    CHECK(desc_is(map, DESC, 1, T_TO, 0x10000000, 0x8000));
    CHECK(desc_is(map, DESC, 2, 7, 0x18000000, 1));
    CHECK(desc_is(map, DESC, 3, T_TO, 0x18001000, 2));
}

static void retype_cuts_merged_descriptor_at_range_edges(struct unit_ctx *ctx)
{
    /* The firmware merged the shim's pages with foreign ones of its type. */
    static const struct shimopt_range r[] = {
        { 0x3000, 0x5000 }, { 0x7000, 0x8000 },
    };
    uint8_t map[8 * DESC];
    struct shimopt_set s;
    size_t out;

    set_of(&s, 2, r);
    put(map, DESC, 0, 7, 0x0, 1, 0xf);
    put(map, DESC, 1, T_FROM, 0x1000, 9, 0xf);      /* 0x1000..0xa000 */
    put(map, DESC, 2, 7, 0xa000, 1, 0xf);
    CHECK_EQ(shimmap_retype(map, 3 * DESC, sizeof(map), DESC, T_FROM, T_TO,
                            &s, &out), SHIMMAP_OK);
    CHECK_EQ(out, 7 * DESC);
    CHECK(desc_is(map, DESC, 0, 7, 0x0, 1));
    CHECK(desc_is(map, DESC, 1, T_FROM, 0x1000, 2));
    CHECK(desc_is(map, DESC, 2, T_TO, 0x3000, 2));
    CHECK(desc_is(map, DESC, 3, T_FROM, 0x5000, 2));
    CHECK(desc_is(map, DESC, 4, T_TO, 0x7000, 1));
    CHECK(desc_is(map, DESC, 5, T_FROM, 0x8000, 2));
    CHECK(desc_is(map, DESC, 6, 7, 0xa000, 1));
    CHECK(out <= 3 * DESC + shimmap_slack_bytes(&s, DESC));
}

static void retype_too_small_reports_need_untouched(struct unit_ctx *ctx)
{
    static const struct shimopt_range r[] = { { 0x3000, 0x5000 } };
    uint8_t map[4 * DESC], before[4 * DESC];
    struct shimopt_set s;
    size_t out;

    set_of(&s, 1, r);
    put(map, DESC, 0, T_FROM, 0x1000, 9, 0xf);
    put(map, DESC, 1, 7, 0xa000, 1, 0xf);
    memcpy(before, map, sizeof(map));
    CHECK_EQ(shimmap_retype(map, 2 * DESC, 3 * DESC, DESC, T_FROM, T_TO,
                            &s, &out), SHIMMAP_ERR_NO_ROOM);
    CHECK_EQ(out, 4 * DESC);
    CHECK(!memcmp(map, before, sizeof(map)));
    CHECK_EQ(shimmap_retype(map, 2 * DESC, 4 * DESC, DESC, T_FROM, T_TO,
                            &s, &out), SHIMMAP_OK);
    CHECK(desc_is(map, DESC, 1, T_TO, 0x3000, 2));
}

static void retype_steps_by_firmware_size_keeping_tail(struct unit_ctx *ctx)
{
    static const struct shimopt_range r[] = { { 0x2000, 0x3000 } };
    enum { STRIDE = 64 };
    uint8_t map[6 * STRIDE];
    struct shimopt_set s;
    size_t out;

    set_of(&s, 1, r);
    put(map, STRIDE, 0, T_FROM, 0x1000, 3, 0xf);
    map[STRIDE - 1] = 0x3c;                         /* vendor bytes */
    put(map, STRIDE, 1, 7, 0x4000, 1, 0xf);
    map[2 * STRIDE - 1] = 0x4d;
    CHECK_EQ(shimmap_retype(map, 2 * STRIDE, sizeof(map), STRIDE, T_FROM,
                            T_TO, &s, &out), SHIMMAP_OK);
    CHECK_EQ(out, 4 * STRIDE);
    CHECK(desc_is(map, STRIDE, 0, T_FROM, 0x1000, 1));
    CHECK(desc_is(map, STRIDE, 1, T_TO, 0x2000, 1));
    CHECK(desc_is(map, STRIDE, 2, T_FROM, 0x3000, 1));
    CHECK(desc_is(map, STRIDE, 3, 7, 0x4000, 1));
    for ( unsigned int i = 0; i < 3; i++ )
        CHECK_EQ(map[(i + 1) * STRIDE - 1], 0x3c);
    CHECK_EQ(map[4 * STRIDE - 1], 0x4d);
}

static void retype_leaves_other_and_bad_descriptors(struct unit_ctx *ctx)
{
    static const struct shimopt_range r[] = { { 0x0, 0x100000 } };
    uint8_t map[4 * DESC], before[4 * DESC];
    struct shimopt_set s;
    size_t out;

    set_of(&s, 1, r);
    put(map, DESC, 0, 7, 0x1000, 1, 0xf);           /* not the shim's */
    put(map, DESC, 1, T_FROM, 0x2000, 0, 0xf);      /* no pages */
    put(map, DESC, 2, T_FROM, 0xfffffffffff00000ULL, 0x100, 0xf); /* 2^64 */
    put(map, DESC, 3, T_FROM, 0x3800, 1, 0xf);      /* unaligned */
    memcpy(before, map, sizeof(map));
    CHECK_EQ(shimmap_retype(map, 4 * DESC, sizeof(map), DESC, T_FROM, T_TO,
                            &s, &out), SHIMMAP_OK);
    CHECK_EQ(out, 4 * DESC);
    CHECK(!memcmp(map, before, 4 * DESC));
}

static void retype_refuses_bad_sizes(struct unit_ctx *ctx)
{
    struct shimopt_set s = { 0 };
    uint8_t map[4 * DESC] = { 0 };
    size_t out;

    CHECK_EQ(shimmap_retype(map, 96, 192, 32, T_FROM, T_TO, &s, &out),
             SHIMMAP_ERR_DESC_SIZE);
    CHECK_EQ(shimmap_retype(map, 100, 192, 44, T_FROM, T_TO, &s, &out),
             SHIMMAP_ERR_DESC_SIZE);
    CHECK_EQ(shimmap_retype(map, 100, 192, 48, T_FROM, T_TO, &s, &out),
             SHIMMAP_ERR_MAP_SIZE);
    CHECK_EQ(shimmap_retype(map, 96, 48, 48, T_FROM, T_TO, &s, &out),
             SHIMMAP_ERR_MAP_SIZE);
    CHECK_EQ(shimmap_retype(map, 0, 0, 48, T_FROM, T_TO, &s, &out),
             SHIMMAP_OK);
    CHECK_EQ(out, 0);
}

/* A small xorshift generator: the same maps on every run. */
static uint64_t rnd(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Checks a rewrite of in into out piece by piece; see below. */
static bool pieces_match(const uint8_t *in, size_t nr_in, const uint8_t *out,
                         size_t nr_out, const struct shimopt_set *s)
{
    size_t o = 0;

    for ( size_t i = 0; i < nr_in; i++ )
    {
        struct efimap_fw_desc d = get(in, DESC, i);
        uint64_t cur = d.phys_start, end = cur + d.nr_pages * PG;

        do
        {
            struct efimap_fw_desc p;
            bool inside;

            if ( o == nr_out )
                return false;
            p = get(out, DESC, o++);
            inside = in_set(s, p.phys_start);
            if ( p.phys_start != cur || !p.nr_pages || p.attr != d.attr )
                return false;
            cur += p.nr_pages * PG;
            if ( cur > end )
                return false;
            if ( d.type != T_FROM )
                inside = false;
            if ( p.type != (inside ? T_TO : d.type) )
                return false;
            /* The whole piece lies on one side of every range edge. */
            for ( uint64_t a = p.phys_start; a < cur; a += PG )
                if ( d.type == T_FROM && in_set(s, a) != inside )
                    return false;
        } while ( cur < end );
    }
    return o == nr_out;
}

/*
 * Random maps and sets: every output piece continues its input
 * descriptor without gap, carries to_type exactly where the shim's type
 * meets the set, and the output never outgrows the promised slack.
 */
static void retype_matches_page_by_page_reference(struct unit_ctx *ctx)
{
    static uint8_t in[32 * DESC], out[(32 + 2 * 8) * DESC];
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    unsigned int bad = 0;

    for ( unsigned int iter = 0; iter < 2000; iter++ )
    {
        struct shimopt_set s = { 0 };
        size_t nr = 1 + rnd(&x) % 32, got;
        uint64_t pa = (rnd(&x) % 4) * PG;

        for ( uint64_t a = 0; s.nr < 8; )
        {
            a += (1 + rnd(&x) % 6) * PG;
            s.r[s.nr].start_pa = a;
            a += (1 + rnd(&x) % 6) * PG;
            s.r[s.nr++].end_pa = a;
        }
        for ( size_t i = 0; i < nr; i++ )
        {
            uint64_t pages = 1 + rnd(&x) % 8;
            uint32_t type = rnd(&x) % 3 ? T_FROM : 7;

            put(in, DESC, i, type, pa, pages, 0xf);
            pa += pages * PG;
        }
        memcpy(out, in, nr * DESC);
        if ( shimmap_retype(out, nr * DESC, sizeof(out), DESC, T_FROM, T_TO,
                            &s, &got) != SHIMMAP_OK ||
             got > nr * DESC + shimmap_slack_bytes(&s, DESC) ||
             !pieces_match(in, nr, out, got / DESC, &s) )
            bad++;
    }
    CHECK_EQ(bad, 0);
}

static void covered_spans_touching_descriptors(struct unit_ctx *ctx)
{
    uint8_t map[4 * DESC];
    uint64_t bad = 0;

    /* Unsorted, as a map may be; a reserved page sits at 0x6000. */
    put(map, DESC, 0, 7, 0x4000, 2, 0xf);
    put(map, DESC, 1, 7, 0x1000, 3, 0xf);
    put(map, DESC, 2, 0, 0x6000, 1, 0xf);
    put(map, DESC, 3, 7, 0x7000, 4, 0xf);
    CHECK_EQ(shimmap_covered(map, sizeof(map), DESC, 7, 0x1000, 0x6000, &bad),
             SHIMMAP_OK);
    CHECK_EQ(shimmap_covered(map, sizeof(map), DESC, 7, 0x2000, 0x8000, &bad),
             SHIMMAP_ERR_NOT_COVERED);
    CHECK_EQ(bad, 0x6000);
    CHECK_EQ(shimmap_covered(map, sizeof(map), DESC, 7, 0x0, 0x2000, &bad),
             SHIMMAP_ERR_NOT_COVERED);
    CHECK_EQ(bad, 0x0);
    CHECK_EQ(shimmap_covered(map, sizeof(map), DESC, 7, 0xa000, 0xc000, &bad),
             SHIMMAP_ERR_NOT_COVERED);
    CHECK_EQ(bad, 0xb000);
    CHECK_EQ(shimmap_covered(map, 100, DESC, 7, 0x1000, 0x2000, &bad),
             SHIMMAP_ERR_MAP_SIZE);
}

static void count_type_adds_pages_of_good_descriptors(struct unit_ctx *ctx)
{
    uint8_t map[4 * DESC];

    put(map, DESC, 0, T_FROM, 0x1000, 3, 0xf);
    put(map, DESC, 1, 7, 0x4000, 2, 0xf);
    put(map, DESC, 2, T_FROM, 0x6800, 2, 0xf);      /* unaligned: skipped */
    put(map, DESC, 3, T_FROM, 0x8000, 5, 0xf);
    CHECK_EQ(shimmap_count_type(map, sizeof(map), DESC, T_FROM), 8);
    CHECK_EQ(shimmap_count_type(map, sizeof(map), DESC, T_TO), 0);
    CHECK_EQ(shimmap_count_type(map, sizeof(map) - 1, DESC, T_FROM), 0);
}

static const struct unit_case shimmap_cases[] = {
    { "retype_of_exact_allocations_keeps_size",
      retype_of_exact_allocations_keeps_size },
    { "retype_cuts_merged_descriptor_at_range_edges",
      retype_cuts_merged_descriptor_at_range_edges },
    { "retype_too_small_reports_need_untouched",
      retype_too_small_reports_need_untouched },
    { "retype_steps_by_firmware_size_keeping_tail",
      retype_steps_by_firmware_size_keeping_tail },
    { "retype_leaves_other_and_bad_descriptors",
      retype_leaves_other_and_bad_descriptors },
    { "retype_refuses_bad_sizes", retype_refuses_bad_sizes },
    { "retype_matches_page_by_page_reference",
      retype_matches_page_by_page_reference },
    { "covered_spans_touching_descriptors",
      covered_spans_touching_descriptors },
    { "count_type_adds_pages_of_good_descriptors",
      count_type_adds_pages_of_good_descriptors },
};
UNIT_SUITE(shimmap, shimmap_cases)
