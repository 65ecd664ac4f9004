/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the XZ decoder (lib/decompress/unxz.c), differential against
 * liblzma (linked into this harness only). Each input is used as:
 * - one XZ stream: decoded into a buffer framed by guard bytes; the
 *   guards never change; when we succeed, liblzma's single-stream decoder
 *   succeeds with the same bytes and stops where we did; when liblzma
 *   succeeds, so do we, unless the stream uses a check type or filter we
 *   refuse on purpose;
 * - streams with stream padding (unxz_decode): liblzma, told to expect
 *   concatenated streams, decodes what we consumed to the same bytes;
 * - plain data: compressed by liblzma with a check type, preset, x86
 *   filter or not, block and chunk boundaries the input picks; it must
 *   decode to itself with exactly its size of room, and report no room
 *   with one byte less, having written only a true prefix (without the
 *   x86 filter, which runs over whole blocks).
 */
#include <lzma.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/unxz.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )
#define GUARD       64
#define GUARD_BYTE  0x5a
#define ROOM        (64u << 10)
#define MEMLIMIT    (64u << 20)

static struct unxz_work work;

/* Our decoder with room bytes of room; returns the status, output in o. */
static enum unxz_status ours(bool concat, const uint8_t *in, size_t in_bytes,
                             uint8_t *o, size_t room, size_t *len,
                             size_t *used)
{
    enum unxz_status st;

    memset(o, GUARD_BYTE, room + GUARD);
    st = (concat ? unxz_decode : unxz_stream)(in, in_bytes, o, room, len,
                                              used, &work);
    ENSURE((unsigned int)st < UNXZ_NR_STATUS);
    ENSURE(*len <= room);
    ENSURE(*used <= in_bytes);
    ENSURE(unxz_strerror(st) != NULL);
    for ( size_t i = 0; i < GUARD; i++ )
        ENSURE(o[room + i] == GUARD_BYTE);
    return st;
}

/* liblzma's verdict on in, with room bytes; *used is what it consumed. */
static bool lzma_ok(bool concat, const uint8_t *in, size_t in_bytes,
                    uint8_t *o, size_t room, size_t *len, size_t *used)
{
    lzma_stream s = LZMA_STREAM_INIT;
    lzma_ret ret;

    ENSURE(lzma_stream_decoder(&s, MEMLIMIT,
                               concat ? LZMA_CONCATENATED : 0) == LZMA_OK);
    s.next_in = in;
    s.avail_in = in_bytes;
    s.next_out = o;
    s.avail_out = room;
    ret = lzma_code(&s, LZMA_FINISH);
    *len = s.total_out;
    *used = s.total_in;
    lzma_end(&s);
    return ret == LZMA_STREAM_END;
}

static void as_xz(const uint8_t *data, size_t size)
{
    uint8_t *o = malloc(ROOM + GUARD), *lo = malloc(ROOM);
    size_t len, used, llen, lused;
    enum unxz_status st;
    bool lok;

    ENSURE(o && lo);
    st = ours(false, data, size, o, ROOM, &len, &used);
    lok = lzma_ok(false, data, size, lo, ROOM, &llen, &lused);
    if ( st == UNXZ_OK )
        ENSURE(lok && len == llen && used == lused && !memcmp(o, lo, len));
    if ( lok )
        ENSURE(st == UNXZ_OK || st == UNXZ_ERR_UNSUPPORTED_CHECK ||
               st == UNXZ_ERR_UNSUPPORTED_FILTER);

    st = ours(true, data, size, o, ROOM, &len, &used);
    if ( st == UNXZ_OK )
    {
        ENSURE(lzma_ok(true, data, used, lo, ROOM, &llen, &lused));
        ENSURE(len == llen && used == lused && !memcmp(o, lo, len));
    }
    free(o);
    free(lo);
}

/* Compresses data as the input's first bytes say, then decodes it. */
static void round_trip(const uint8_t *data, size_t size)
{
    static const lzma_check checks[3] = {
        LZMA_CHECK_NONE, LZMA_CHECK_CRC32, LZMA_CHECK_CRC64,
    };
    uint8_t knob = size ? data[0] : 0;
    bool x86 = knob & 0x10, full = knob & 0x20, sync = knob & 0x40;
    lzma_options_lzma opt;
    lzma_filter f[3];
    lzma_stream s = LZMA_STREAM_INIT;
    size_t cap = size * 2 + 4096, half = size / 2, len, used;
    uint8_t *xz = malloc(cap), *o = malloc(size + GUARD);
    unsigned int nf = 0;

    ENSURE(xz && o);
    ENSURE(!lzma_lzma_preset(&opt, knob & 3));
    opt.dict_size = 64u << 10;
    if ( knob & 0x80 )
    {
        opt.lc = 0;
        opt.lp = 2;
        opt.pb = 0;
    }
    if ( x86 )
        f[nf++] = (lzma_filter){ .id = LZMA_FILTER_X86 };
    f[nf++] = (lzma_filter){ .id = LZMA_FILTER_LZMA2, .options = &opt };
    f[nf] = (lzma_filter){ .id = LZMA_VLI_UNKNOWN };
    ENSURE(lzma_stream_encoder(&s, f, checks[(knob >> 2) % 3]) == LZMA_OK);
    s.next_in = data;
    s.avail_in = half;
    s.next_out = xz;
    s.avail_out = cap;
    if ( full || (sync && !x86) )
        while ( lzma_code(&s, full ? LZMA_FULL_FLUSH : LZMA_SYNC_FLUSH) !=
                LZMA_STREAM_END )
            ENSURE(s.avail_out);
    else
        ENSURE(lzma_code(&s, LZMA_RUN) == LZMA_OK);
    s.avail_in += size - half;
    while ( lzma_code(&s, LZMA_FINISH) != LZMA_STREAM_END )
        ENSURE(s.avail_out);

    ENSURE(ours(false, xz, s.total_out, o, size, &len, &used) == UNXZ_OK);
    ENSURE(len == size && !memcmp(o, data, size) && used == s.total_out);
    if ( size )
    {
        ENSURE(ours(false, xz, s.total_out, o, size - 1, &len, &used) ==
               UNXZ_ERR_NO_ROOM);
        /* An unfinished block is left unfiltered. */
        ENSURE(x86 || !memcmp(o, data, len));
    }
    lzma_end(&s);
    free(xz);
    free(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    as_xz(data, size);
    round_trip(data, size);
    return 0;
}
