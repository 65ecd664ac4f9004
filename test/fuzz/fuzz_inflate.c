/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the gzip decoder (lib/decompress/inflate.c), differential
 * against zlib (linked into this harness only). Each input is used as:
 * - a gzip member, and DEFLATE data behind a plain gzip header: decoded
 *   into a buffer framed by guard bytes, with as much room as the trailer
 *   claims (capped); the guards never change, and the decoder succeeds
 *   exactly when zlib decodes the same member into the same room, with
 *   the same bytes;
 * - plain data: compressed by zlib at a level and strategy the input
 *   picks, with a sync flush in the middle (so stored, fixed and dynamic
 *   blocks all appear); it must decode to itself with exactly its size of
 *   room, and report no room, having written only a true prefix, with one
 *   byte less.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include <xen/inflate.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )
#define GUARD       64
#define GUARD_BYTE  0x5a
#define ROOM_MAX    (1u << 20)

static struct inflate_work work;

/* Our decoder with room bytes of room; returns the status, output in o. */
static enum inflate_status ours(const uint8_t *in, size_t in_bytes,
                                uint8_t *o, size_t room, size_t *len)
{
    enum inflate_status st;

    memset(o, GUARD_BYTE, room + GUARD);
    st = inflate_gunzip(in, in_bytes, o, room, len, &work);
    ENSURE((unsigned int)st < INFLATE_NR_STATUS);
    ENSURE(*len <= room);
    for ( size_t i = 0; i < GUARD; i++ )
        ENSURE(o[room + i] == GUARD_BYTE);
    return st;
}

/* zlib's verdict on the first gzip member of in, with room bytes. */
static bool zlib_gunzip(const uint8_t *in, size_t in_bytes, uint8_t *o,
                        size_t room, size_t *len)
{
    z_stream z;
    int ret;

    memset(&z, 0, sizeof(z));
    ENSURE(inflateInit2(&z, 16 + MAX_WBITS) == Z_OK);
    z.next_in = (Bytef *)in;
    z.avail_in = (uInt)in_bytes;
    z.next_out = o;
    z.avail_out = (uInt)room;
    ret = inflate(&z, Z_FINISH);
    *len = z.total_out;
    inflateEnd(&z);
    return ret == Z_STREAM_END;
}

static void as_gzip(const uint8_t *data, size_t size)
{
    uint32_t isize = 0;
    size_t room, len, zlen;
    uint8_t *o, *zo;
    bool ok;

    room = inflate_gzip_isize(data, size, &isize) && isize <= ROOM_MAX ?
           isize : 4096;
    o = malloc(room + GUARD);
    zo = malloc(room + 1);
    ENSURE(o && zo);
    ok = ours(data, size, o, room, &len) == INFLATE_OK;
    ENSURE(ok == zlib_gunzip(data, size, zo, room, &zlen));
    if ( ok )
        ENSURE(len == zlen && !memcmp(o, zo, len));
    free(o);
    free(zo);
}

static void round_trip(const uint8_t *data, size_t size)
{
    static const int strategies[] = {
        Z_DEFAULT_STRATEGY, Z_FILTERED, Z_HUFFMAN_ONLY, Z_RLE, Z_FIXED,
    };
    int level = size ? data[0] % 10 : 6;
    int strategy = strategies[size > 1 ? data[1] % 5 : 0];
    size_t cap = deflateBound(NULL, size) + 64, len;
    uint8_t *gz = malloc(cap), *o = malloc(size + GUARD);
    z_stream z;

    ENSURE(gz && o);
    memset(&z, 0, sizeof(z));
    ENSURE(deflateInit2(&z, level, Z_DEFLATED, 16 + MAX_WBITS, 8,
                        strategy) == Z_OK);
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)(size / 2);
    z.next_out = gz;
    z.avail_out = (uInt)cap;
    ENSURE(deflate(&z, Z_SYNC_FLUSH) == Z_OK);
    z.avail_in += (uInt)(size - size / 2);
    ENSURE(deflate(&z, Z_FINISH) == Z_STREAM_END);

    ENSURE(ours(gz, z.total_out, o, size, &len) == INFLATE_OK);
    ENSURE(len == size && !memcmp(o, data, size));
    if ( size )
    {
        ENSURE(ours(gz, z.total_out, o, size - 1, &len) ==
               INFLATE_ERR_NO_ROOM);
        ENSURE(!memcmp(o, data, len));
    }
    deflateEnd(&z);
    free(gz);
    free(o);
}

/* The input as DEFLATE data behind a plain gzip header. */
static void as_deflate(const uint8_t *data, size_t size)
{
    static const uint8_t hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
    uint8_t *g = malloc(sizeof(hdr) + size);

    ENSURE(g);
    memcpy(g, hdr, sizeof(hdr));
    memcpy(g + sizeof(hdr), data, size);
    as_gzip(g, sizeof(hdr) + size);
    free(g);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    as_gzip(data, size);
    as_deflate(data, size);
    round_trip(data, size);
    return 0;
}
