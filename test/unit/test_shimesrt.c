/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the firmware test shim's ESRT generator
 * (test/efi-shim/shimesrt.c, compiled into test_shimopt.c with the shim's
 * other pure parts): the published SplitMix64 sequence, the bytes the boot
 * tests compute (test/boot/shim_scenarios.py esrt_table), corruptions,
 * and the documented offsets and poison words.
 */
#include <string.h>

#include <xen/crc32.h>
#include <xen/le.h>

#include "../../test/efi-shim/shimesrt.h"
#include "unit.h"

static void esrt_splitmix_is_the_published_sequence(struct unit_ctx *ctx)
{
    uint64_t state = 0;

    /* SplitMix64 from state 0, as its reference implementation gives. */
    CHECK_EQ(shimesrt_next(&state), 0xe220a8397b1dcdafULL);
    CHECK_EQ(shimesrt_next(&state), 0x6e789e6aa1b965f4ULL);
    CHECK_EQ(state, 2 * 0x9e3779b97f4a7c15ULL);
}

static void esrt_matches_the_boot_test_reference(struct unit_ctx *ctx)
{
    /* test/boot/shim_scenarios.py esrt_table(3, seed=0x5eed). */
    struct shimopt_esrt e = { .count = 3, .max = 3, .seed = 0x5eed };
    uint8_t t[136];

    CHECK_EQ(shimesrt_bytes(3), sizeof(t));
    shimesrt_build(t, &e);
    CHECK_EQ(crc32_update(0, t, sizeof(t)), 0xbc56df8dU);
    CHECK_EQ(le32(t), 3);
    CHECK_EQ(le32(t + 4), 3);
    CHECK_EQ(le32(t + 8), 1);
    CHECK_EQ(le32(t + 12), 0);
    /* Entry 2's LastAttemptStatus, the table's last field. */
    CHECK_EQ(le32(t + 16 + 2 * 40 + 36), 7);
    CHECK_EQ(le32(t + 16), 0x03f0a9b4);
    CHECK_EQ(le32(t + 16 + 40), 0x03f0a9b5);
}

static void esrt_corruptions_change_only_the_header(struct unit_ctx *ctx)
{
    struct shimopt_esrt e = { .count = 4, .max = 9, .seed = 1 };
    uint8_t good[176], bad[176];

    shimesrt_build(good, &e);
    CHECK_EQ(le32(good + 4), 9);
    e.corrupt = SHIMOPT_ESRT_COUNT_OVER_MAX;
    shimesrt_build(bad, &e);
    CHECK_EQ(le32(bad), 4);
    CHECK_EQ(le32(bad + 4), 3);
    CHECK(!memcmp(good + 16, bad + 16, sizeof(good) - 16));
    e.corrupt = SHIMOPT_ESRT_ABSURD_COUNT;
    shimesrt_build(bad, &e);
    CHECK_EQ(le32(bad), SHIMESRT_ABSURD_COUNT);
    CHECK_EQ(le32(bad + 4), SHIMESRT_ABSURD_COUNT);
    CHECK(!memcmp(good + 16, bad + 16, sizeof(good) - 16));
    e.corrupt = SHIMOPT_ESRT_VERSION;
    shimesrt_build(bad, &e);
    CHECK_EQ(le32(bad + 8), 2);
    CHECK(!memcmp(good, bad, 8));
    CHECK(!memcmp(good + 12, bad + 12, sizeof(good) - 12));
}

static void esrt_class_corruptions_touch_only_classes(struct unit_ctx *ctx)
{
    struct shimopt_esrt e = { .count = 4, .max = 4, .seed = 3 };
    static const uint8_t nil[16];
    uint8_t good[176], bad[176];

    shimesrt_build(good, &e);
    e.corrupt = SHIMOPT_ESRT_DUP_CLASS;
    shimesrt_build(bad, &e);
    CHECK(!memcmp(bad + 16 + 3 * 40, good + 16, 16));
    CHECK(!memcmp(bad, good, 16 + 3 * 40));
    CHECK(!memcmp(bad + 16 + 3 * 40 + 16, good + 16 + 3 * 40 + 16, 24));
    e.corrupt = SHIMOPT_ESRT_NIL_CLASS;
    shimesrt_build(bad, &e);
    CHECK(!memcmp(bad + 16, nil, 16));
    CHECK(!memcmp(bad + 32, good + 32, sizeof(good) - 32));
    CHECK(!memcmp(bad, good, 16));
}

static void esrt_entries_are_plausible_and_unique(struct unit_ctx *ctx)
{
    static uint8_t t[16 + 40 * SHIMOPT_ESRT_MAX_COUNT];
    struct shimopt_esrt e = { .count = SHIMOPT_ESRT_MAX_COUNT,
                              .max = SHIMOPT_ESRT_MAX_COUNT, .seed = 42 };
    unsigned int bad = 0;

    CHECK_EQ(shimesrt_bytes(e.count), sizeof(t));
    shimesrt_build(t, &e);
    for ( uint32_t i = 0; i < e.count; i++ )
    {
        const uint8_t *p = t + 16 + 40 * i;

        bad += le32(p + 16) > 3;                    /* FwType */
        bad += le32(p + 24) > le32(p + 20);         /* lowest > version */
        bad += le32(p + 28) > 0xffff;               /* capsule flags */
        bad += le32(p + 36) > 8;                    /* status */
        bad += (p[7] >> 4) != 4 || (p[8] >> 6) != 2;   /* GUID version */
        /* Data1 is i xor one constant, so classes differ. */
        bad += (le32(p) ^ le32(t + 16)) != i;
    }
    CHECK_EQ(bad, 0);
}

static void esrt_offsets_and_poison_as_documented(struct unit_ctx *ctx)
{
    struct shimopt_esrt e = { .count = 1 };

    CHECK_EQ(shimesrt_offset(&e), 0);
    e.place = SHIMOPT_ESRT_STRADDLE_PAGE;
    CHECK_EQ(shimesrt_offset(&e), 0xfe8);
    e.place = SHIMOPT_ESRT_STRADDLE_DESC;
    CHECK_EQ(shimesrt_offset(&e) + shimesrt_bytes(1) > 4096, 1);
    CHECK_EQ(shimesrt_bytes(0), 16);
    CHECK_EQ(shimesrt_poison_word(0x3dea4008), 0xbad000003dea4008ULL);
}

static const struct unit_case shimesrt_cases[] = {
    { "esrt_splitmix_is_the_published_sequence",
      esrt_splitmix_is_the_published_sequence },
    { "esrt_matches_the_boot_test_reference",
      esrt_matches_the_boot_test_reference },
    { "esrt_class_corruptions_touch_only_classes",
      esrt_class_corruptions_touch_only_classes },
    { "esrt_corruptions_change_only_the_header",
      esrt_corruptions_change_only_the_header },
    { "esrt_entries_are_plausible_and_unique",
      esrt_entries_are_plausible_and_unique },
    { "esrt_offsets_and_poison_as_documented",
      esrt_offsets_and_poison_as_documented },
};
UNIT_SUITE(shimesrt, shimesrt_cases)
