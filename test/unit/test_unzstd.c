/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/decompress/unzstd.c and xxh64.c. The zst_*
 * fixtures (unzstd_vectors.h) were made by test/unit/
 * gen_unzstd_vectors.py with the zstd tool (or by hand, as it says for
 * each, with what each frame uses); each comes with the length and
 * CRC-32 of what `zstd -d` decodes it to. The damaged frames are made
 * here from them, one change each.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/crc32.h>
#include <xen/le.h>
#include <xen/unzstd.h>
#include <xen/xxh64.h>

#include "unit.h"
#include "unzstd_vectors.h"

#define ROOM    (16u << 10)

static struct unzstd_work work;
static uint8_t out[ROOM];

/* Decodes in completely, into exactly the expected size, and checks it. */
static bool decodes(struct unit_ctx *ctx, const uint8_t *in, size_t len,
                    size_t want_len, uint32_t want_crc)
{
    size_t n = 0, used = 0;
    enum unzstd_status st = unzstd_decode(in, len, out, want_len, &n, &used,
                                          &work);

    return CHECK_EQ(st, UNZSTD_OK) && CHECK_EQ(n, want_len) &&
           CHECK_EQ(used, len) && CHECK_EQ(crc32_update(0, out, n), want_crc);
}

#define DECODES(v, NAME) \
    decodes(ctx, zst_##v, sizeof(zst_##v), ZST_##NAME##_LEN, ZST_##NAME##_CRC)

static enum unzstd_status status_of(const uint8_t *in, size_t len)
{
    size_t n, used;

    return unzstd_decode(in, len, out, ROOM, &n, &used, &work);
}

/* A copy of in with byte i xor mask, its status. */
static enum unzstd_status flipped(const uint8_t *in, size_t len, size_t i,
                                  uint8_t mask)
{
    uint8_t *c = malloc(len);
    enum unzstd_status st;

    memcpy(c, in, len);
    c[i] ^= mask;
    st = status_of(c, len);
    free(c);
    return st;
}

static void test_levels(struct unit_ctx *ctx)
{
    DECODES(level1, LEVEL1);
    DECODES(level3_nocheck, LEVEL3_NOCHECK);
    DECODES(level19, LEVEL19);
    DECODES(ultra22, ULTRA22);
}

/* The output is the window: a header's window may exceed the buffer. */
static void test_long_window(struct unit_ctx *ctx)
{
    CHECK_EQ(zst_long30[5] >> 3, 30 - 10);
    DECODES(long30, LONG30);
    CHECK_EQ(zst_ultra22[5] >> 3, 27 - 10);
}

static void test_block_types(struct unit_ctx *ctx)
{
    DECODES(blocks, BLOCKS);
    DECODES(raw_literals, RAW_LITERALS);
    DECODES(rle_literals, RLE_LITERALS);
    DECODES(small_blocks, SMALL_BLOCKS);
    DECODES(direct_weights, DIRECT_WEIGHTS);
    DECODES(match_ok, MATCH_OK);
    CHECK(!memcmp(out, "abcdabc", 7));
    DECODES(periods, PERIODS);
}

static void test_empty(struct unit_ctx *ctx)
{
    size_t n = 1, used;

    DECODES(empty, EMPTY);
    CHECK_EQ(unzstd_decode(zst_empty, 0, out, ROOM, &n, &used, &work),
             UNZSTD_ERR_NOT_ZSTD);
    CHECK_EQ(n, 0);
}

static void test_frames(struct unit_ctx *ctx)
{
    size_t n, used, a = sizeof(zst_level1);
    uint8_t *c = malloc(sizeof(zst_level19) + 4);

    DECODES(two_frames, TWO_FRAMES);
    /* One frame only with unzstd_frame(); then the skippable frame. */
    CHECK_EQ(unzstd_frame(zst_two_frames, sizeof(zst_two_frames), out, ROOM,
                          &n, &used, &work), UNZSTD_OK);
    CHECK_EQ(n, ZST_LEVEL1_LEN);
    CHECK_EQ(used, a);
    CHECK_EQ(unzstd_frame(zst_two_frames + a, sizeof(zst_two_frames) - a,
                          out, ROOM, &n, &used, &work), UNZSTD_OK);
    CHECK_EQ(n, 0);
    CHECK_EQ(used, 13);
    /* A skippable frame that runs past the input. */
    CHECK_EQ(status_of(zst_two_frames + a, 12), UNZSTD_ERR_TRUNCATED);
    /* Linux's appended size, or a few stray bytes, end the input. */
    memcpy(c, zst_level19, sizeof(zst_level19));
    memcpy(c + sizeof(zst_level19), "\x70\x17\x00\x00", 4);
    for ( size_t extra = 1; extra <= 4; extra++ )
    {
        CHECK_EQ(unzstd_decode(c, sizeof(zst_level19) + extra, out, ROOM,
                               &n, &used, &work), UNZSTD_OK);
        CHECK_EQ(used, sizeof(zst_level19));
        CHECK_EQ(n, ZST_LEVEL19_LEN);
    }
    free(c);
}

static void test_no_room(struct unit_ctx *ctx)
{
    size_t n, used;

    /* Content size known: refused before anything is written. */
    memset(out, 0xa5, 16);
    CHECK_EQ(unzstd_decode(zst_level1, sizeof(zst_level1), out,
                           ZST_LEVEL1_LEN - 1, &n, &used, &work),
             UNZSTD_ERR_NO_ROOM);
    CHECK_EQ(n, 0);
    CHECK_EQ(out[0], 0xa5);
    /* Unknown (stdin): the blocks that fit are written, and are right. */
    {
        uint8_t *full = malloc(ZST_LONG30_LEN);

        CHECK_EQ(unzstd_decode(zst_long30, sizeof(zst_long30), full,
                               ZST_LONG30_LEN, &n, &used, &work), UNZSTD_OK);
        memset(out, 0, ROOM);
        CHECK_EQ(unzstd_decode(zst_long30, sizeof(zst_long30), out,
                               ZST_LONG30_LEN - 1, &n, &used, &work),
                 UNZSTD_ERR_NO_ROOM);
        CHECK(n < ZST_LONG30_LEN && !memcmp(out, full, n));
        CHECK_EQ(out[ZST_LONG30_LEN - 1], 0);
        free(full);
    }
    CHECK_EQ(unzstd_decode(zst_ultra22, sizeof(zst_ultra22), out,
                           ZST_ULTRA22_LEN - 1, &n, &used, &work),
             UNZSTD_ERR_NO_ROOM);
    CHECK_EQ(unzstd_decode(zst_two_frames, sizeof(zst_two_frames), out,
                           ZST_TWO_FRAMES_LEN - 1, &n, &used, &work),
             UNZSTD_ERR_NO_ROOM);
    CHECK_EQ(n, ZST_LEVEL1_LEN);
    CHECK_EQ(unzstd_decode(zst_rle_literals, sizeof(zst_rle_literals), out,
                           0, &n, &used, &work), UNZSTD_ERR_NO_ROOM);
}

/* Every cut of a frame is refused (a cut frame is never a shorter one). */
static void test_every_truncation_fails(struct unit_ctx *ctx)
{
    unsigned int bad = 0;

    for ( size_t len = 1; len < sizeof(zst_small_blocks); len++ )
    {
        uint8_t *c = malloc(len);

        memcpy(c, zst_small_blocks, len);
        bad += status_of(c, len) == UNZSTD_OK;
        free(c);
    }
    CHECK_EQ(bad, 0);
    CHECK_EQ(status_of(zst_level1, 3), UNZSTD_ERR_NOT_ZSTD);
    CHECK_EQ(status_of(zst_level1, 8), UNZSTD_ERR_TRUNCATED);
    CHECK_EQ(status_of(zst_level1, sizeof(zst_level1) - 2),
             UNZSTD_ERR_TRUNCATED);
    CHECK_EQ(status_of(zst_level1, sizeof(zst_level1) / 2),
             UNZSTD_ERR_TRUNCATED);
}

/* A copy of the long30 frame header with byte i set to v, its status. */
static enum unzstd_status header_set(size_t i, uint8_t v)
{
    uint8_t c[sizeof(zst_long30)];

    memcpy(c, zst_long30, sizeof(c));
    c[i] = v;
    return status_of(c, sizeof(c));
}

static void test_header_errors(struct unit_ctx *ctx)
{
    uint8_t *c = malloc(sizeof(zst_long30) + 1);
    size_t n, used;

    CHECK_EQ(flipped(zst_long30, sizeof(zst_long30), 0, 1),
             UNZSTD_ERR_NOT_ZSTD);
    CHECK_EQ(flipped(zst_long30, sizeof(zst_long30), 4, 0x08),
             UNZSTD_ERR_RESERVED);
    /* The unused bit (0x10) is ignored, as RFC 8878 says. */
    CHECK_EQ(flipped(zst_long30, sizeof(zst_long30), 4, 0x10), UNZSTD_OK);
    /* Window logs 31 (2 GiB plus 7/8) and 32: too large for the format. */
    CHECK_EQ(header_set(5, 21 << 3 | 7), UNZSTD_OK);
    CHECK_EQ(header_set(5, 22 << 3), UNZSTD_ERR_WINDOW);
    CHECK_EQ(header_set(5, 0xff), UNZSTD_ERR_WINDOW);
    /* A dictionary ID (one byte after the window descriptor). */
    memcpy(c, zst_long30, 6);
    c[4] |= 1;
    c[6] = 7;
    memcpy(c + 7, zst_long30 + 6, sizeof(zst_long30) - 6);
    CHECK_EQ(unzstd_decode(c, sizeof(zst_long30) + 1, out, ROOM, &n, &used,
                           &work), UNZSTD_ERR_DICTIONARY);
    /* A dictionary ID field of zero names no dictionary. */
    c[6] = 0;
    CHECK_EQ(unzstd_decode(c, sizeof(zst_long30) + 1, out, ROOM, &n, &used,
                           &work), UNZSTD_OK);
    free(c);
}

static void test_data_errors(struct unit_ctx *ctx)
{
    size_t len = sizeof(zst_level1), n, used;
    uint8_t *c = malloc(len);

    /* The checksum, and a content size one more (2-byte field at 5). */
    CHECK_EQ(flipped(zst_level1, len, len - 1, 0x01), UNZSTD_ERR_CHECKSUM);
    CHECK_EQ(flipped(zst_level1, len, len - 4, 0x80), UNZSTD_ERR_CHECKSUM);
    CHECK_EQ(le16(zst_level1 + 5) + 256, ZST_LEVEL1_LEN);
    memcpy(c, zst_level1, len);
    c[5]++;
    CHECK_EQ(status_of(c, len), UNZSTD_ERR_CONTENT_SIZE);
    /* One less: single-segment, so the window (and block) is too small. */
    c[5] -= 2;
    CHECK_EQ(status_of(c, len), UNZSTD_ERR_BLOCK_SIZE);
    /* Block type 3 (the first block header is at 7). */
    CHECK_EQ(flipped(zst_level1, len, 7, 0x06 ^ (zst_level1[7] & 0x06)),
             UNZSTD_ERR_RESERVED);
    /* A match reaching before the frame's first byte. */
    CHECK_EQ(unzstd_decode(zst_offset_before_start,
                           sizeof(zst_offset_before_start), out, ROOM, &n,
                           &used, &work), UNZSTD_ERR_OFFSET);
    /* ... even when an earlier frame's output lies there. */
    {
        size_t a = sizeof(zst_match_ok), b = sizeof(zst_offset_before_start);
        uint8_t *two = malloc(a + b);

        memcpy(two, zst_match_ok, a);
        memcpy(two + a, zst_offset_before_start, b);
        CHECK_EQ(unzstd_decode(two, a + b, out, ROOM, &n, &used, &work),
                 UNZSTD_ERR_OFFSET);
        CHECK_EQ(n, 7);
        free(two);
    }
    free(c);
}

/*
 * Literal sections of thousands of symbols are decoded two symbols a
 * lookup while the four streams are far from their ends, then one by
 * one: the output is right, and every byte of the first block changed
 * (Huffman tree, jump table, streams) is caught, by the bitstream's
 * exact end or else by the checksum.
 */
static void test_huffman_streams(struct unit_ctx *ctx)
{
    const uint8_t *v = zst_many_literals;
    size_t at, size, bad = 0;

    DECODES(many_literals, MANY_LITERALS);
    /* Checksum, 2-byte content size, window: the first block is at 8. */
    CHECK_EQ(v[4], 0x44);
    at = 8 + 3;
    size = (le32(v + 8) & 0xffffff) >> 3;
    CHECK(size > 2048 && at + size < sizeof(zst_many_literals));
    for ( size_t i = at; i < at + size; i++ )
        bad += flipped(v, sizeof(zst_many_literals), i, 0x10) == UNZSTD_OK;
    CHECK_EQ(bad, 0);
}

/* RFC 8878 3.1.1.2: no block beyond Block_Maximum_Size (window, 128 KiB). */
static void test_block_maximum(struct unit_ctx *ctx)
{
    /* 1 KiB window, no checksum: a raw block of 1025 bytes, then 1024. */
    static uint8_t f[6 + 3 + 1025];
    size_t n, used;

    memcpy(f, "\x28\xb5\x2f\xfd\x00\x00", 6);
    f[6] = (1025 << 3 | 1) & 0xff;
    f[7] = (1025 << 3) >> 8;
    f[8] = 0;
    CHECK_EQ(unzstd_decode(f, sizeof(f), out, ROOM, &n, &used, &work),
             UNZSTD_ERR_BLOCK_SIZE);
    f[6] = (1024 << 3 | 1) & 0xff;
    f[7] = (1024 << 3) >> 8;
    CHECK_EQ(unzstd_decode(f, sizeof(f) - 1, out, ROOM, &n, &used, &work),
             UNZSTD_OK);
    CHECK_EQ(n, 1024);
    /* An RLE block of 1025 bytes likewise. */
    f[6] = (1025 << 3 | 1 << 1 | 1) & 0xff;
    f[7] = (1025 << 3) >> 8;
    CHECK_EQ(unzstd_decode(f, 10, out, ROOM, &n, &used, &work),
             UNZSTD_ERR_BLOCK_SIZE);
}

static void test_xxh64(struct unit_ctx *ctx)
{
    static const char s62[] = "abcdefghijklmnopqrstuvwxyz0123456789"
                              "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    CHECK_EQ(xxh64("", 0, 0), 0xef46db3751d8e999ULL);
    CHECK_EQ(xxh64("a", 1, 0), 0xd24ec4f1a98c6e5bULL);
    /* The low half, from `zstd` on a file holding s62. */
    CHECK_EQ((uint32_t)xxh64(s62, 62, 0), 0xc53d14a0U);
    /* Fed in two pieces split anywhere, or byte by byte: the same. */
    for ( size_t cut = 0; cut <= 62; cut++ )
    {
        struct xxh64_state st;

        xxh64_init(&st, 0);
        xxh64_update(&st, s62, cut);
        xxh64_update(&st, s62 + cut, 62 - cut);
        CHECK_EQ(xxh64_digest(&st), xxh64(s62, 62, 0));
    }
    {
        struct xxh64_state st;

        xxh64_init(&st, 7);
        for ( size_t i = 0; i < 62; i++ )
            xxh64_update(&st, s62 + i, 1);
        CHECK_EQ(xxh64_digest(&st), xxh64(s62, 62, 7));
        CHECK(xxh64(s62, 62, 7) != xxh64(s62, 62, 0));
    }
    /* The checksums the zstd tool put in the fixtures. */
    CHECK_EQ(unzstd_decode(zst_level19, sizeof(zst_level19), out, ROOM,
                           &(size_t){ 0 }, &(size_t){ 0 }, &work), UNZSTD_OK);
    CHECK_EQ((uint32_t)xxh64(out, ZST_LEVEL19_LEN, 0),
             le32(zst_level19 + sizeof(zst_level19) - 4));
}

static void test_strerror(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i <= UNZSTD_NR_STATUS; i++ )
        CHECK(unzstd_strerror(i) && unzstd_strerror(i)[0]);
    CHECK(unzstd_is_zstd(zst_level1, sizeof(zst_level1)));
    CHECK(!unzstd_is_zstd(zst_level1, 3));
    CHECK(!unzstd_is_zstd(zst_two_frames + sizeof(zst_level1), 13));
}

static const struct unit_case unzstd_cases[] = {
    { "levels 1, 3, 19 and --ultra -22 decode, checksum on and off",
      test_levels },
    { "a window (--long=30) larger than the output buffer decodes",
      test_long_window },
    { "raw, RLE and compressed blocks; every literals and table mode",
      test_block_types },
    { "an empty frame decodes, an empty input is not zstd", test_empty },
    { "frames, skippable frames and trailing bytes", test_frames },
    { "an output buffer too small is reported, not overrun",
      test_no_room },
    { "every truncation of a frame is detected",
      test_every_truncation_fails },
    { "bad magic, reserved bit, window, dictionary ID in the header",
      test_header_errors },
    { "checksum, content size, block type and offset errors",
      test_data_errors },
    { "blocks over Block_Maximum_Size are refused", test_block_maximum },
    { "long Huffman-coded literals decode, and each damage is caught",
      test_huffman_streams },
    { "XXH64 matches known values and the zstd tool's, fed in pieces too",
      test_xxh64 },
    { "every status has a text", test_strerror },
};

UNIT_SUITE(unzstd, unzstd_cases)
