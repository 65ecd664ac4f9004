/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the Zstandard decoder (lib/decompress/unzstd.c),
 * differential against libzstd (linked into this harness only). Each
 * input is used as:
 * - zstd data: decoded by unzstd_decode() into a buffer framed by guard
 *   bytes (the guards never change) and by ZSTD_decompress() with the
 *   same room. When we succeed, libzstd succeeds on what we consumed with
 *   the same bytes (and on one frame, for unzstd_frame()). When libzstd
 *   succeeds, so do we, on all of the input, with the same bytes, unless
 *   the input is one of the cases we refuse on purpose, each with its own
 *   status: a dictionary, a block over Block_Maximum_Size, a bitstream
 *   libzstd lets end early or run over, a legacy (pre-1.0) frame, or an
 *   empty input;
 * - plain data: compressed by libzstd with a level, checksum, content
 *   size, window and block settings the input picks, as one frame or as
 *   two with a skippable frame between; it must decode to itself with
 *   exactly its size of room, and report no room with one byte less,
 *   having written only a true prefix.
 */
#define ZSTD_STATIC_LINKING_ONLY
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zstd.h>

#include <xen/le.h>
#include <xen/unzstd.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )
#define GUARD       64
#define GUARD_BYTE  0x5a
/* Above 128 KiB + literals: libzstd then places literals as for a kernel. */
#define ROOM        (320u << 10)

static struct unzstd_work work;

/* Our decoder with room bytes of room; returns the status, output in o. */
static enum unzstd_status ours(bool all, const uint8_t *in, size_t in_bytes,
                               uint8_t *o, size_t room, size_t *len,
                               size_t *used)
{
    enum unzstd_status st;

    memset(o, GUARD_BYTE, room + GUARD);
    st = (all ? unzstd_decode : unzstd_frame)(in, in_bytes, o, room, len,
                                              used, &work);
    ENSURE((unsigned int)st < UNZSTD_NR_STATUS);
    ENSURE(*len <= room);
    ENSURE(unzstd_strerror(st) != NULL);
    if ( st == UNZSTD_OK )
        ENSURE(*used <= in_bytes);
    for ( size_t i = 0; i < GUARD; i++ )
        ENSURE(o[room + i] == GUARD_BYTE);
    return st;
}

/* libzstd's verdict on in: the bytes produced, or -1. */
static long ref(const uint8_t *in, size_t in_bytes, uint8_t *o, size_t room)
{
    size_t n = ZSTD_decompress(o, room, in, in_bytes);

    return ZSTD_isError(n) ? -1 : (long)n;
}

/* Frames from before the format's 1.0 (magic 0xfd2fb522..27). */
static bool legacy(const uint8_t *in, size_t bytes)
{
    uint32_t m = bytes >= 4 ? le32(in) : 0;

    return m >= 0xfd2fb522U && m <= 0xfd2fb527U;
}

static void as_zstd(const uint8_t *data, size_t size)
{
    uint8_t *o = malloc(ROOM + GUARD), *lo = malloc(ROOM);
    size_t len, used;
    enum unzstd_status st;
    long n;

    ENSURE(o && lo);
    st = ours(true, data, size, o, ROOM, &len, &used);
    if ( st == UNZSTD_OK )
    {
        n = ref(data, used, lo, ROOM);
        ENSURE(n >= 0 && (size_t)n == len && !memcmp(o, lo, len));
    }
    n = ref(data, size, lo, ROOM);
    if ( n >= 0 )
    {
        bool refused = st == UNZSTD_ERR_DICTIONARY ||
                       st == UNZSTD_ERR_BLOCK_SIZE ||
                       st == UNZSTD_ERR_BITSTREAM ||
                       (st == UNZSTD_ERR_NOT_ZSTD &&
                        (size == 0 || legacy(data, size)));

        ENSURE(refused || (st == UNZSTD_OK && used == size &&
                           (size_t)n == len && !memcmp(o, lo, len)));
    }

    st = ours(false, data, size, o, ROOM, &len, &used);
    if ( st == UNZSTD_OK )
    {
        n = ref(data, used, lo, ROOM);
        ENSURE(n >= 0 && (size_t)n == len && !memcmp(o, lo, len));
    }
    free(o);
    free(lo);
}

/* libzstd compresses src into dst as the knob bytes say; the size. */
static size_t compress(uint8_t *dst, size_t cap, const uint8_t *src,
                       size_t bytes, uint8_t k0, uint8_t k1)
{
    static const int levels[8] = { -5, 1, 3, 5, 9, 15, 19, 22 };
    ZSTD_CCtx *c = ZSTD_createCCtx();
    size_t n;

    ENSURE(c);
    ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, levels[k0 & 7]);
    ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, !!(k0 & 0x08));
    ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, !(k0 & 0x10));
    if ( k0 & 0x20 )
        ZSTD_CCtx_setParameter(c, ZSTD_c_windowLog, 10 + (k1 & 7));
    if ( k0 & 0x40 )
        ZSTD_CCtx_setParameter(c, ZSTD_c_enableLongDistanceMatching, 1);
    if ( k0 & 0x80 )
        ZSTD_CCtx_setParameter(c, ZSTD_c_literalCompressionMode,
                               (k1 >> 3) & 1 ? ZSTD_ps_disable
                                             : ZSTD_ps_enable);
    if ( k1 & 0x10 )
        ZSTD_CCtx_setParameter(c, ZSTD_c_targetCBlockSize,
                               1340 + (k1 & 0x60) * 16);
    n = ZSTD_compress2(c, dst, cap, src, bytes);
    ZSTD_freeCCtx(c);
    ENSURE(!ZSTD_isError(n));
    return n;
}

/* Compresses data as its first bytes say, then decodes it. */
static void round_trip(const uint8_t *data, size_t size)
{
    uint8_t k0 = size ? data[0] : 0, k1 = size > 1 ? data[1] : 0;
    bool two = k1 & 0x80;
    size_t half = two ? size / 2 : size, cap = ZSTD_compressBound(size) +
                  64, zlen, len, used;
    uint8_t *z = malloc(cap), *o = malloc(size + GUARD);

    ENSURE(z && o);
    zlen = compress(z, cap, data, half, k0, k1);
    if ( two )
    {
        /* A skippable frame of three bytes, then the second half. */
        memcpy(z + zlen, "\x53\x2a\x4d\x18\x03\x00\x00\x00xen", 11);
        zlen += 11;
        zlen += compress(z + zlen, cap - zlen, data + half, size - half,
                         k0 ^ 0x18, k1);
    }
    ENSURE(ours(true, z, zlen, o, size, &len, &used) == UNZSTD_OK);
    ENSURE(len == size && used == zlen && !memcmp(o, data, size));
    if ( size )
    {
        enum unzstd_status st = ours(true, z, zlen, o, size - 1, &len,
                                     &used);

        ENSURE(st == UNZSTD_ERR_NO_ROOM);
        ENSURE(!memcmp(o, data, len));
    }
    free(z);
    free(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    as_zstd(data, size);
    round_trip(data, size);
    return 0;
}
