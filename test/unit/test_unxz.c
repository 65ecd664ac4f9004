/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/decompress/unxz.c. The xz_* fixtures (unxz_vectors.h) were
 * made by test/unit/gen_unxz_vectors.py with Python's lzma module; each
 * comes with the length and CRC-32 of what it decodes to. The damaged
 * streams are made here from them, one change each.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/crc32.h>
#include <xen/le.h>
#include <xen/unxz.h>

#include "unit.h"
#include "unxz_vectors.h"

#define ROOM    8192

static struct unxz_work work;
static uint8_t out[ROOM];

static enum unxz_status dec(const uint8_t *in, size_t len, size_t room,
                            size_t *out_len, size_t *used)
{
    return unxz_stream(in, len, out, room, out_len, used, &work);
}

/* Decodes in completely, into exactly the expected size, and checks it. */
static bool decodes(struct unit_ctx *ctx, const uint8_t *in, size_t len,
                    size_t want_len, uint32_t want_crc)
{
    size_t n = 0, used = 0;
    enum unxz_status st = dec(in, len, want_len, &n, &used);

    return CHECK_EQ(st, UNXZ_OK) && CHECK_EQ(n, want_len) &&
           CHECK_EQ(used, len) && CHECK_EQ(crc32_update(0, out, n), want_crc);
}

#define DECODES(v, name) \
    decodes(ctx, v, sizeof(v), XZ_##name##_LEN, XZ_##name##_CRC)

static enum unxz_status status_of(const uint8_t *in, size_t len)
{
    size_t n, used;

    return dec(in, len, ROOM, &n, &used);
}

/* A copy of in with byte i xor mask, its status. */
static enum unxz_status flipped(const uint8_t *in, size_t len, size_t i,
                                uint8_t mask)
{
    uint8_t *c = malloc(len);
    enum unxz_status st;

    memcpy(c, in, len);
    c[i] ^= mask;
    st = status_of(c, len);
    free(c);
    return st;
}

static void test_checks(struct unit_ctx *ctx)
{
    DECODES(xz_crc32, CRC32);
    DECODES(xz_none, NONE);
    DECODES(xz_crc64, CRC64);
    CHECK_EQ(status_of(xz_sha256, sizeof(xz_sha256)),
             UNXZ_ERR_UNSUPPORTED_CHECK);
}

static void test_x86_filter(struct unit_ctx *ctx)
{
    DECODES(xz_x86, X86);
    DECODES(xz_x86_start, X86_START);
    DECODES(xz_blocks_x86, BLOCKS_X86);
}

static void test_lzma_props(struct unit_ctx *ctx)
{
    DECODES(xz_lclppb, LCLPPB);
    DECODES(xz_empty, EMPTY);
}

static void test_multi_block(struct unit_ctx *ctx)
{
    DECODES(xz_blocks, BLOCKS);
    DECODES(xz_stored, STORED);
}

static void test_uncompressed_chunks(struct unit_ctx *ctx)
{
    DECODES(xz_copy_resets, COPY_RESETS);
    CHECK_EQ(status_of(xz_first_no_reset, sizeof(xz_first_no_reset)),
             UNXZ_ERR_DATA);
    CHECK_EQ(status_of(xz_bad_control, sizeof(xz_bad_control)),
             UNXZ_ERR_DATA);
    CHECK_EQ(status_of(xz_lzma_no_props, sizeof(xz_lzma_no_props)),
             UNXZ_ERR_DATA);
    /* Its block padding then reads as the end marker: sizes disagree. */
    CHECK(status_of(xz_no_end, sizeof(xz_no_end)) != UNXZ_OK);
}

static void test_unsupported_filter(struct unit_ctx *ctx)
{
    CHECK_EQ(status_of(xz_delta, sizeof(xz_delta)),
             UNXZ_ERR_UNSUPPORTED_FILTER);
}

static void test_no_room(struct unit_ctx *ctx)
{
    size_t n, used;

    CHECK_EQ(dec(xz_crc32, sizeof(xz_crc32), XZ_CRC32_LEN - 1, &n, &used),
             UNXZ_ERR_NO_ROOM);
    CHECK(n < XZ_CRC32_LEN);
    CHECK_EQ(dec(xz_stored, sizeof(xz_stored), 10, &n, &used),
             UNXZ_ERR_NO_ROOM);
    CHECK_EQ(dec(xz_crc32, sizeof(xz_crc32), 0, &n, &used),
             UNXZ_ERR_NO_ROOM);
}

/* Every byte is covered by a CRC, a check, a magic or a structure rule. */
static void test_every_flip_fails(struct unit_ctx *ctx)
{
    static const uint8_t masks[] = { 0x01, 0x80, 0xff };
    unsigned int bad = 0;

    for ( size_t i = 0; i < sizeof(xz_crc32); i++ )
        for ( size_t m = 0; m < sizeof(masks); m++ )
            bad += flipped(xz_crc32, sizeof(xz_crc32), i, masks[m]) ==
                   UNXZ_OK;
    for ( size_t i = 0; i < sizeof(xz_blocks_x86); i++ )
        bad += flipped(xz_blocks_x86, sizeof(xz_blocks_x86), i, 0x04) ==
               UNXZ_OK;
    CHECK_EQ(bad, 0);
}

static void test_every_truncation_fails(struct unit_ctx *ctx)
{
    unsigned int bad = 0;

    for ( size_t len = 0; len < sizeof(xz_blocks); len++ )
    {
        uint8_t *c = malloc(len + 1);

        memcpy(c, xz_blocks, len);
        bad += status_of(c, len) == UNXZ_OK;
        free(c);
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(status_of(xz_crc32, 0), UNXZ_ERR_NOT_XZ);
    CHECK_EQ(status_of(xz_crc32, 8), UNXZ_ERR_TRUNCATED);
}

static void test_specific_errors(struct unit_ctx *ctx)
{
    size_t len = sizeof(xz_crc32);
    size_t index_bytes = ((size_t)le32(xz_crc32 + len - 8) + 1) * 4;
    uint8_t c[sizeof(xz_crc32)];

    CHECK_EQ(flipped(xz_crc32, len, 0, 1), UNXZ_ERR_NOT_XZ);
    CHECK_EQ(flipped(xz_crc32, len, 7, 1), UNXZ_ERR_HEADER_CRC);
    CHECK_EQ(flipped(xz_crc32, len, 13, 1), UNXZ_ERR_HEADER_CRC);
    CHECK_EQ(flipped(xz_crc32, len, len - 1, 1), UNXZ_ERR_FOOTER);
    /* The block's CRC32 just before the index and the footer. */
    CHECK_EQ(flipped(xz_crc32, len, len - 12 - index_bytes - 1, 1),
             UNXZ_ERR_CHECK);
    /* Index CRC. */
    CHECK_EQ(flipped(xz_crc32, len, len - 12 - 1, 1), UNXZ_ERR_HEADER_CRC);

    /* Reserved stream flag bits, with the header CRC made right. */
    memcpy(c, xz_crc32, len);
    c[7] |= 0x20;
    {
        uint32_t crc = crc32_update(0, c + 6, 2);

        c[8] = (uint8_t)crc;
        c[9] = (uint8_t)(crc >> 8);
        c[10] = (uint8_t)(crc >> 16);
        c[11] = (uint8_t)(crc >> 24);
    }
    CHECK_EQ(status_of(c, len), UNXZ_ERR_FLAGS);
}

static void test_concatenated(struct unit_ctx *ctx)
{
    size_t a = sizeof(xz_copy_resets), b = sizeof(xz_crc32), n, used;
    uint8_t *c = malloc(a + 8 + b + 4);

    memcpy(c, xz_copy_resets, a);
    memset(c + a, 0, 8);
    memcpy(c + a + 8, xz_crc32, b);
    CHECK_EQ(unxz_decode(c, a + 8 + b, out, ROOM, &n, &used, &work),
             UNXZ_OK);
    CHECK_EQ(n, XZ_COPY_RESETS_LEN + XZ_CRC32_LEN);
    CHECK(!memcmp(out, "abcdefghi", 9));
    CHECK_EQ(used, a + 8 + b);
    /* One stream only with unxz_stream(). */
    CHECK_EQ(unxz_stream(c, a + 8 + b, out, ROOM, &n, &used, &work),
             UNXZ_OK);
    CHECK_EQ(used, a);
    /* Padding not a multiple of four. */
    CHECK_EQ(unxz_decode(c, a + 2, out, ROOM, &n, &used, &work),
             UNXZ_ERR_PADDING);
    memmove(c + a + 2, c + a + 8, b);
    CHECK_EQ(unxz_decode(c, a + 2 + b, out, ROOM, &n, &used, &work),
             UNXZ_ERR_PADDING);
    /* Linux's appended size: not padding, not a stream; decoding stops. */
    memcpy(c + a, "\x09\x00\x00\x00", 4);
    CHECK_EQ(unxz_decode(c, a + 4, out, ROOM, &n, &used, &work), UNXZ_OK);
    CHECK_EQ(used, a);
    CHECK_EQ(n, 9);
    free(c);
}

static void test_strerror(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i <= UNXZ_NR_STATUS; i++ )
        CHECK(unxz_strerror(i) && unxz_strerror(i)[0]);
    CHECK(unxz_is_xz(xz_crc32, sizeof(xz_crc32)));
    CHECK(!unxz_is_xz(xz_crc32, 5));
}

static const struct unit_case unxz_cases[] = {
    { "CRC32, CRC64 and no check decode; SHA-256 is refused",
      test_checks },
    { "x86 BCJ filter, with a start offset and across blocks",
      test_x86_filter },
    { "other lc/lp/pb and an empty stream", test_lzma_props },
    { "several blocks; uncompressed LZMA2 chunks", test_multi_block },
    { "LZMA2 copy chunks and dictionary resets, and their rules",
      test_uncompressed_chunks },
    { "a filter other than x86 BCJ is refused", test_unsupported_filter },
    { "an output buffer too small is reported, not overrun",
      test_no_room },
    { "every single-byte change of a stream is detected",
      test_every_flip_fails },
    { "every truncation of a stream is detected",
      test_every_truncation_fails },
    { "each damaged field gives its own status", test_specific_errors },
    { "streams with stream padding, and trailing data",
      test_concatenated },
    { "every status has a text", test_strerror },
};

UNIT_SUITE(unxz, unxz_cases)
