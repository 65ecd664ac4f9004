/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/boot/bzimage.c. Images are built here: a setup header
 * at the offsets of the x86 boot protocol (Linux
 * Documentation/arch/x86/boot.rst), with the values Debian's 6.1 kernel
 * has (protocol 2.15, 39 setup sectors, its payload offset) scaled down,
 * and a payload whose magic and last four bytes each case chooses.
 */
#include <string.h>

#include <xen/bzimage.h>

#include "unit.h"

#define IMG_BYTES       0x2000
#define SETUP_SECTS     3               /* code at (3 + 1) * 512 = 0x800 */
#define PAYLOAD_OFF     0x2cc           /* from the code, as in Debian's */
#define PAYLOAD_LEN     0x400

static uint8_t img[IMG_BYTES];

static void put16(size_t off, uint16_t v)
{
    img[off] = (uint8_t)v;
    img[off + 1] = (uint8_t)(v >> 8);
}

static void put32(size_t off, uint32_t v)
{
    put16(off, (uint16_t)v);
    put16(off + 2, (uint16_t)(v >> 16));
}

/* A well-formed image with an xz payload claiming 0x12345 bytes. */
static void build(void)
{
    size_t p = (SETUP_SECTS + 1) * 512 + PAYLOAD_OFF;

    memset(img, 0, sizeof(img));
    img[BZIMAGE_SETUP_SECTS] = SETUP_SECTS;
    put16(BZIMAGE_BOOT_FLAG, BZIMAGE_BOOT_FLAG_MAGIC);
    memcpy(img + BZIMAGE_HEADER, "HdrS", 4);
    put16(BZIMAGE_VERSION, 0x020f);
    put32(BZIMAGE_PAYLOAD_OFFSET, PAYLOAD_OFF);
    put32(BZIMAGE_PAYLOAD_LENGTH, PAYLOAD_LEN);
    memcpy(img + p, "\xfd" "7zXZ\0", 6);
    put32(p + PAYLOAD_LEN - 4, 0x12345);
}

static void test_good(struct unit_ctx *ctx)
{
    struct bzimage_info bz;

    build();
    CHECK(bzimage_is(img, sizeof(img)));
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_OK);
    CHECK_EQ(bz.version, 0x020f);
    CHECK_EQ(bz.setup_bytes, 0x800);
    CHECK_EQ(bz.payload_offset, 0x800 + PAYLOAD_OFF);
    CHECK_EQ(bz.payload_bytes, PAYLOAD_LEN);
    CHECK_EQ(bz.format, BZIMAGE_FMT_XZ);
    CHECK_EQ(bz.size_hint, 0x12345);
    CHECK(!strcmp(bzimage_format_name(bz.format), "xz"));
}

static void test_setup_sects_zero(struct unit_ctx *ctx)
{
    struct bzimage_info bz;

    build();
    img[BZIMAGE_SETUP_SECTS] = 0;       /* means 4: code at 0xa00 */
    memcpy(img + 0xa00 + PAYLOAD_OFF, "\x1f\x8b", 2);
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_OK);
    CHECK_EQ(bz.setup_bytes, 0xa00);
    CHECK_EQ(bz.format, BZIMAGE_FMT_GZIP);
}

static void test_formats(struct unit_ctx *ctx)
{
    static const struct {
        const char *magic;
        size_t len;
        enum bzimage_format fmt;
    } cases[] = {
        { "BZh", 3, BZIMAGE_FMT_BZIP2 },
        { "\x5d\0\0", 3, BZIMAGE_FMT_LZMA },
        { "\x89LZO", 4, BZIMAGE_FMT_LZO },
        { "\x02\x21\x4c\x18", 4, BZIMAGE_FMT_LZ4 },
        { "\x28\xb5\x2f\xfd", 4, BZIMAGE_FMT_ZSTD },
        { "\x7f" "ELF", 4, BZIMAGE_FMT_ELF },
        { "\x12\x34\x56\x78", 4, BZIMAGE_FMT_UNKNOWN },
    };
    struct bzimage_info bz;

    for ( size_t i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        build();
        memcpy(img + 0x800 + PAYLOAD_OFF, "\0\0\0\0\0\0", 6);
        memcpy(img + 0x800 + PAYLOAD_OFF, cases[i].magic, cases[i].len);
        CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_OK);
        CHECK_EQ(bz.format, cases[i].fmt);
    }
    CHECK(!strcmp(bzimage_format_name(BZIMAGE_NR_FMT + 3), "unknown"));
}

static void test_not_bzimage(struct unit_ctx *ctx)
{
    struct bzimage_info bz;

    build();
    CHECK_EQ(bzimage_parse(img, BZIMAGE_HEADER_END - 1, &bz),
             BZIMAGE_ERR_NOT_BZIMAGE);
    img[BZIMAGE_HEADER] = 'h';
    CHECK(!bzimage_is(img, sizeof(img)));
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_ERR_NOT_BZIMAGE);
    build();
    put16(BZIMAGE_BOOT_FLAG, 0);
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_ERR_NOT_BZIMAGE);
    build();
    put16(BZIMAGE_VERSION, 0x0207);
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_ERR_VERSION);
}

static void test_bounds(struct unit_ctx *ctx)
{
    struct bzimage_info bz;

    build();
    img[BZIMAGE_SETUP_SECTS] = 0xff;    /* 128 KiB of setup */
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_ERR_SETUP);
    build();
    put32(BZIMAGE_PAYLOAD_LENGTH, IMG_BYTES - 0x800 - PAYLOAD_OFF + 1);
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_ERR_PAYLOAD);
    put32(BZIMAGE_PAYLOAD_LENGTH, IMG_BYTES - 0x800 - PAYLOAD_OFF);
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_OK);
    build();
    put32(BZIMAGE_PAYLOAD_OFFSET, 0xffffffff);
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_ERR_PAYLOAD);
    build();
    put32(BZIMAGE_PAYLOAD_LENGTH, 0xffffffff);
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_ERR_PAYLOAD);
    build();
    put32(BZIMAGE_PAYLOAD_LENGTH, 3);   /* no room for the size */
    CHECK_EQ(bzimage_parse(img, sizeof(img), &bz), BZIMAGE_ERR_PAYLOAD);
    for ( unsigned int i = 0; i <= BZIMAGE_NR_STATUS; i++ )
        CHECK(bzimage_strerror(i)[0]);
}

static const struct unit_case bzimage_cases[] = {
    { "a 2.15 header with an xz payload is read", test_good },
    { "setup_sects 0 means four sectors", test_setup_sects_zero },
    { "each payload magic is named", test_formats },
    { "no HdrS, no 0xaa55 or protocol < 2.08 is refused",
      test_not_bzimage },
    { "setup and payload must lie inside the file", test_bounds },
};

UNIT_SUITE(bzimage, bzimage_cases)
