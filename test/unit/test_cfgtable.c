/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/cfgtable.c, the configuration-table walk: first
 * and every match, the any-GUID walk, the bound on a hostile count, and a
 * start index past the end.
 */
#include <string.h>

#include <xen/cfgtable.h>

#include "unit.h"

#define CFGTABLE_TEST_NR    (CFGTABLE_MAX_SCAN + 4)

static struct efi_config_table cfgtable_test[CFGTABLE_TEST_NR];

/* Entry i gets GUID byte 0 = kind, the rest a fixed pattern; table = i. */
static void cfgtable_test_fill(const uint8_t *kinds, unsigned int nr)
{
    memset(cfgtable_test, 0, sizeof(cfgtable_test));
    for ( unsigned int i = 0; i < CFGTABLE_TEST_NR; i++ )
    {
        uint8_t *g = (uint8_t *)&cfgtable_test[i].guid;

        memset(g, 0x5c, 16);
        g[0] = i < nr ? kinds[i] : 0xee;
        cfgtable_test[i].table = i;
    }
}

static void guid_of_kind(uint8_t *g, uint8_t kind)
{
    memset(g, 0x5c, 16);
    g[0] = kind;
}

static void first_match_and_every_match(struct unit_ctx *ctx)
{
    static const uint8_t kinds[] = { 1, 2, 1, 3, 1 };
    uint8_t g[16];
    uint64_t i = 0, seen[8];
    unsigned int n = 0;

    cfgtable_test_fill(kinds, ARRAY_SIZE(kinds));
    guid_of_kind(g, 1);
    CHECK(cfgtable_next(cfgtable_test, 5, g, &i));
    CHECK_EQ(i, 0);
    for ( i = 0; cfgtable_next(cfgtable_test, 5, g, &i) && n < 8; i++ )
        seen[n++] = i;
    CHECK_EQ(n, 3);
    CHECK_EQ(seen[0], 0);
    CHECK_EQ(seen[1], 2);
    CHECK_EQ(seen[2], 4);
    guid_of_kind(g, 3);
    i = 0;
    CHECK(cfgtable_next(cfgtable_test, 5, g, &i));
    CHECK_EQ(i, 3);
}

static void missing_guid_leaves_index(struct unit_ctx *ctx)
{
    static const uint8_t kinds[] = { 1, 2 };
    uint8_t g[16];
    uint64_t i = 1;

    cfgtable_test_fill(kinds, ARRAY_SIZE(kinds));
    guid_of_kind(g, 9);
    CHECK(!cfgtable_next(cfgtable_test, 2, g, &i));
    CHECK_EQ(i, 1);
    /* A GUID differing only in its last byte is another GUID. */
    guid_of_kind(g, 1);
    g[15] ^= 1;
    i = 0;
    CHECK(!cfgtable_next(cfgtable_test, 2, g, &i));
    /* No entries, or a start past the end: nothing. */
    i = 0;
    CHECK(!cfgtable_next(cfgtable_test, 0, NULL, &i));
    i = 2;
    CHECK(!cfgtable_next(cfgtable_test, 2, NULL, &i));
    i = UINT64_MAX;
    CHECK(!cfgtable_next(cfgtable_test, 2, NULL, &i));
}

static void null_guid_visits_every_entry(struct unit_ctx *ctx)
{
    static const uint8_t kinds[] = { 4, 5, 6, 7 };
    uint64_t n = 0, i;

    cfgtable_test_fill(kinds, ARRAY_SIZE(kinds));
    for ( i = 0; cfgtable_next(cfgtable_test, 4, NULL, &i); i++ )
        CHECK_EQ(i, n++);
    CHECK_EQ(n, 4);
}

/* A claimed count of 2^64 - 1 (or just past the bound) stops at the bound. */
static void hostile_count_is_bounded(struct unit_ctx *ctx)
{
    uint8_t kinds[CFGTABLE_TEST_NR], g[16];
    uint64_t n = 0, i;

    memset(kinds, 1, sizeof(kinds));
    cfgtable_test_fill(kinds, CFGTABLE_TEST_NR);
    for ( i = 0; cfgtable_next(cfgtable_test, UINT64_MAX, NULL, &i); i++ )
        n++;
    CHECK_EQ(n, CFGTABLE_MAX_SCAN);
    /* The entry just past the bound is never looked at. */
    cfgtable_test[CFGTABLE_MAX_SCAN].guid.d1 ^= 0xff;
    memcpy(g, &cfgtable_test[CFGTABLE_MAX_SCAN].guid, 16);
    i = 0;
    CHECK(!cfgtable_next(cfgtable_test, CFGTABLE_TEST_NR, g, &i));
    i = 0;
    CHECK(cfgtable_next(cfgtable_test, CFGTABLE_MAX_SCAN + 1, NULL, &i));
    i = CFGTABLE_MAX_SCAN;
    CHECK(!cfgtable_next(cfgtable_test, CFGTABLE_MAX_SCAN + 1, NULL, &i));
}

static const struct unit_case cfgtable_cases[] = {
    { "first_match_and_every_match", first_match_and_every_match },
    { "missing_guid_leaves_index", missing_guid_leaves_index },
    { "null_guid_visits_every_entry", null_guid_visits_every_entry },
    { "hostile_count_is_bounded", hostile_count_is_bounded },
};

UNIT_SUITE(cfgtable, cfgtable_cases)
