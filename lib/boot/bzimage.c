/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bzImage setup header parsing; see include/xen/bzimage.h. Every field is
 * untrusted: offsets and lengths are checked against the file size in
 * 64-bit arithmetic before they are used.
 */
#include <xen/bzimage.h>
#include <xen/le.h>
#include <xen/string.h>

#define SECTOR_BYTES            512
#define SETUP_SECTS_DEFAULT     4

static const char *const status_text[BZIMAGE_NR_STATUS] = {
    [BZIMAGE_OK]              = "ok",
    [BZIMAGE_ERR_NOT_BZIMAGE] = "no Linux setup header",
    [BZIMAGE_ERR_VERSION]     = "boot protocol older than 2.08",
    [BZIMAGE_ERR_SETUP]       = "setup code larger than the file",
    [BZIMAGE_ERR_PAYLOAD]     = "payload empty or outside the file",
};

static const char *const format_name[BZIMAGE_NR_FMT] = {
    [BZIMAGE_FMT_UNKNOWN] = "unknown",
    [BZIMAGE_FMT_GZIP]    = "gzip",
    [BZIMAGE_FMT_XZ]      = "xz",
    [BZIMAGE_FMT_BZIP2]   = "bzip2",
    [BZIMAGE_FMT_LZMA]    = "lzma",
    [BZIMAGE_FMT_LZO]     = "lzo",
    [BZIMAGE_FMT_LZ4]     = "lz4",
    [BZIMAGE_FMT_ZSTD]    = "zstd",
    [BZIMAGE_FMT_ELF]     = "ELF",
};

/* The magic numbers of the formats Linux can compress its kernel with. */
static const struct {
    uint8_t bytes[6];
    uint8_t len;
    enum bzimage_format fmt;
} magics[] = {
    { { 0x1f, 0x8b }, 2, BZIMAGE_FMT_GZIP },
    { { 0xfd, '7', 'z', 'X', 'Z', 0x00 }, 6, BZIMAGE_FMT_XZ },
    { { 'B', 'Z', 'h' }, 3, BZIMAGE_FMT_BZIP2 },
    { { 0x5d, 0x00, 0x00 }, 3, BZIMAGE_FMT_LZMA },
    { { 0x89, 'L', 'Z', 'O' }, 4, BZIMAGE_FMT_LZO },
    { { 0x02, 0x21, 0x4c, 0x18 }, 4, BZIMAGE_FMT_LZ4 },
    { { 0x28, 0xb5, 0x2f, 0xfd }, 4, BZIMAGE_FMT_ZSTD },
    { { 0x7f, 'E', 'L', 'F' }, 4, BZIMAGE_FMT_ELF },
};

const char *bzimage_strerror(enum bzimage_status st)
{
    if ( (unsigned int)st >= BZIMAGE_NR_STATUS )
        return "unknown bzImage status";
    return status_text[st];
}

const char *bzimage_format_name(enum bzimage_format fmt)
{
    if ( (unsigned int)fmt >= BZIMAGE_NR_FMT )
        fmt = BZIMAGE_FMT_UNKNOWN;
    return format_name[fmt];
}

bool bzimage_is(const void *img, size_t bytes)
{
    const uint8_t *p = img;

    return bytes >= BZIMAGE_HEADER_END &&
           !memcmp(p + BZIMAGE_HEADER, "HdrS", 4) &&
           le16(p + BZIMAGE_BOOT_FLAG) == BZIMAGE_BOOT_FLAG_MAGIC;
}

static enum bzimage_format payload_format(const uint8_t *p, size_t bytes)
{
    for ( size_t i = 0; i < ARRAY_SIZE(magics); i++ )
        if ( bytes >= magics[i].len &&
             !memcmp(p, magics[i].bytes, magics[i].len) )
            return magics[i].fmt;
    return BZIMAGE_FMT_UNKNOWN;
}

enum bzimage_status bzimage_parse(const void *img, size_t bytes,
                                  struct bzimage_info *out)
{
    const uint8_t *p = img;
    unsigned int sects;
    uint64_t setup, off, len;

    if ( !bzimage_is(img, bytes) )
        return BZIMAGE_ERR_NOT_BZIMAGE;
    out->version = le16(p + BZIMAGE_VERSION);
    if ( out->version < BZIMAGE_VERSION_MIN )
        return BZIMAGE_ERR_VERSION;
    sects = p[BZIMAGE_SETUP_SECTS] ? p[BZIMAGE_SETUP_SECTS]
                                   : SETUP_SECTS_DEFAULT;
    setup = ((uint64_t)sects + 1) * SECTOR_BYTES;
    if ( setup > bytes )
        return BZIMAGE_ERR_SETUP;
    off = setup + le32(p + BZIMAGE_PAYLOAD_OFFSET);
    len = le32(p + BZIMAGE_PAYLOAD_LENGTH);
    if ( len < 4 || off > bytes || len > bytes - off )
        return BZIMAGE_ERR_PAYLOAD;
    out->setup_bytes = setup;
    out->payload_offset = off;
    out->payload_bytes = len;
    out->format = payload_format(p + off, len);
    out->size_hint = le32(p + off + len - 4);
    return BZIMAGE_OK;
}
