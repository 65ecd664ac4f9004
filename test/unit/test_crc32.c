/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/crc32.c. The expected values are the CRC-32 check
 * value of the standard "123456789" and values zlib.crc32() gives for the
 * other inputs (computed once with Python's zlib).
 */
#include <string.h>

#include <xen/crc32.h>

#include "unit.h"

static void check_value_of_standard_input(struct unit_ctx *ctx)
{
    CHECK_EQ(crc32_update(0, "123456789", 9), 0xcbf43926);
    CHECK_EQ(crc32_update(0, "", 0), 0);
    CHECK_EQ(crc32_update(0, "a", 1), 0xe8b7be43);
}

static void split_input_gives_the_same_value(struct unit_ctx *ctx)
{
    static unsigned char buf[1000];

    for ( unsigned int i = 0; i < sizeof(buf); i++ )
        buf[i] = (unsigned char)(i * 7 + 3);
    for ( unsigned int cut = 0; cut <= sizeof(buf); cut += 37 )
        CHECK_EQ(crc32_update(crc32_update(0, buf, cut), buf + cut,
                              sizeof(buf) - cut),
                 crc32_update(0, buf, sizeof(buf)));
}

static void every_bit_flip_changes_the_value(struct unit_ctx *ctx)
{
    unsigned char buf[64];
    uint32_t ref;

    memset(buf, 0x5a, sizeof(buf));
    ref = crc32_update(0, buf, sizeof(buf));
    for ( unsigned int bit = 0; bit < sizeof(buf) * 8; bit++ )
    {
        buf[bit / 8] ^= 1u << (bit % 8);
        CHECK(crc32_update(0, buf, sizeof(buf)) != ref);
        buf[bit / 8] ^= 1u << (bit % 8);
    }
}

/*
 * The sliced tables give crc32_update()'s value for every length and
 * alignment, also continued from a previous value.
 */
static void tables_agree_with_the_plain_loop(struct unit_ctx *ctx)
{
    static uint32_t t[CRC32_SLICES][256];
    static unsigned char buf[300];

    for ( unsigned int i = 0; i < sizeof(buf); i++ )
        buf[i] = (unsigned char)(i * 131 + (i >> 3));
    crc32_table_build(t);
    CHECK_EQ(crc32_table_update(t, 0, "123456789", 9), 0xcbf43926);
    CHECK_EQ(crc32_table_update(t, 0, "", 0), 0);
    for ( unsigned int off = 0; off < 9; off++ )
        for ( unsigned int n = 0; off + n <= sizeof(buf); n += 13 )
        {
            CHECK_EQ(crc32_table_update(t, 0, buf + off, n),
                     crc32_update(0, buf + off, n));
            CHECK_EQ(crc32_table_update(t, 0xdeadbeef, buf + off, n),
                     crc32_update(0xdeadbeef, buf + off, n));
        }
}

static const struct unit_case crc32_cases[] = {
    { "check_value_of_standard_input", check_value_of_standard_input },
    { "split_input_gives_the_same_value", split_input_gives_the_same_value },
    { "every_bit_flip_changes_the_value", every_bit_flip_changes_the_value },
    { "tables_agree_with_the_plain_loop", tables_agree_with_the_plain_loop },
};

UNIT_SUITE(crc32, crc32_cases)
