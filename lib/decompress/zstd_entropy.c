/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The entropy coders of Zstandard (RFC 8878 4): FSE table descriptions
 * and decoding tables, Huffman tree descriptions (weights given directly
 * or FSE-compressed) and Huffman-coded literal streams. Used by
 * lib/decompress/unzstd.c through zstd_internal.h.
 *
 * Where the RFC leaves an edge open, this follows what libzstd (the
 * reference decoder, 1.5.4) accepts, so the two agree on any input
 * (test/fuzz/fuzz_unzstd.c): codes of up to 12 bits, at least two (and
 * an even number of) symbols of weight 1, and the weights' FSE stream
 * read as libzstd reads it when it is too short for its two states.
 */
#include <xen/string.h>
#include "zstd_internal.h"

#define FSE_LOG_MIN         5
#define WEIGHTS_LOG_MAX     6       /* RFC 8878 4.2.1.2 */
#define WEIGHTS_MAX         255     /* the last weight is implied */
#define SYMBOLS_MAX         256

/*
 * Little-endian bits of an FSE table description, read forward; bytes
 * past the end read as zero (the caller checks how far it went).
 */
struct fwd_bits {
    const uint8_t *in;
    size_t bytes;
    size_t pos;                     /* in bits */
};

static uint32_t fwd_peek(const struct fwd_bits *f, unsigned int n)
{
    size_t at = f->pos >> 3;
    uint32_t v = 0;

    for ( unsigned int i = 0; i < 4; i++ )
        if ( at + i < f->bytes )
            v |= (uint32_t)f->in[at + i] << (8 * i);
    return (v >> (f->pos & 7)) & ((1u << n) - 1);
}

/*
 * RFC 8878 4.1.1: the normalised counts, into norm[0..max_symbol] (a
 * count of -1 is "less than one"); *nr_coded is how many symbols the
 * description spells out. Returns the bytes used, 0 when malformed.
 */
static size_t fse_read_counts(int16_t *norm, unsigned int *log,
                              unsigned int *nr_coded, const uint8_t *in,
                              size_t bytes, unsigned int max_symbol,
                              unsigned int max_log)
{
    struct fwd_bits f = { .in = in, .bytes = bytes };
    int remaining, threshold;
    unsigned int nbits, sym = 0;

    *log = fwd_peek(&f, 4) + FSE_LOG_MIN;
    f.pos = 4;
    if ( *log > max_log )
        return 0;
    remaining = (1 << *log) + 1;
    threshold = 1 << *log;
    nbits = *log + 1;
    for ( ;; )
    {
        int max = 2 * threshold - 1 - remaining;
        int count = (int)fwd_peek(&f, nbits);

        /* Small values take one bit less (4.1.1's variable length). */
        if ( (count & (threshold - 1)) < max )
        {
            count &= threshold - 1;
            f.pos += nbits - 1;
        }
        else
        {
            if ( count >= threshold )
                count -= max;
            f.pos += nbits;
        }
        count--;
        remaining -= count < 0 ? -count : count;
        norm[sym++] = (int16_t)count;
        if ( remaining < threshold )
        {
            if ( remaining <= 1 )
                break;
            nbits = zstd_highbit((uint32_t)remaining) + 1;
            threshold = 1 << (nbits - 1);
        }
        if ( sym > max_symbol )
            break;
        if ( count == 0 )
        {
            /* Two-bit repeat flags: 3 means three more and go on. */
            unsigned int r;

            do
            {
                r = fwd_peek(&f, 2);
                f.pos += 2;
                for ( unsigned int k = 0; k < r && sym <= max_symbol; k++ )
                    norm[sym++] = 0;
                if ( sym > max_symbol )
                    break;
            } while ( r == 3 );
            if ( sym > max_symbol )
                break;
        }
    }
    if ( remaining != 1 || (f.pos + 7) / 8 > bytes )
        return 0;
    *nr_coded = sym;
    for ( ; sym <= max_symbol; sym++ )
        norm[sym] = 0;
    return (f.pos + 7) / 8;
}

/* RFC 8878 4.1.1, "FSE table": the states of norm[0..n-1]. */
static void fse_build(struct unzstd_fse_entry *t, const int16_t *norm,
                      unsigned int n, unsigned int log, const uint32_t *base,
                      const uint8_t *add_bits)
{
    uint32_t size = 1u << log, high = size - 1, pos = 0;
    uint32_t step = (size >> 1) + (size >> 3) + 3;
    uint16_t next[SYMBOLS_MAX];

    /* "Less than one" symbols take the last states, one each. */
    for ( unsigned int s = 0; s < n; s++ )
    {
        if ( norm[s] == -1 )
        {
            t[high--].base = s;
            next[s] = 1;
        }
        else
            next[s] = (uint16_t)norm[s];
    }
    /* The others are spread by the step, skipping those states. */
    for ( unsigned int s = 0; s < n; s++ )
        for ( int i = 0; i < norm[s]; i++ )
        {
            t[pos].base = s;
            do
                pos = (pos + step) & (size - 1);
            while ( pos > high );
        }
    for ( uint32_t u = 0; u < size; u++ )
    {
        unsigned int s = t[u].base;
        uint32_t ns = next[s]++;
        unsigned int nb = log - zstd_highbit(ns);

        t[u].nb_bits = (uint8_t)nb;
        t[u].next = (uint16_t)((ns << nb) - size);
        t[u].base = base ? base[s] : s;
        t[u].add_bits = add_bits ? add_bits[s] : 0;
    }
}

void zstd_fse_build(struct unzstd_fse_entry *t, const int16_t *norm,
                    unsigned int n, unsigned int log, const uint32_t *base,
                    const uint8_t *add_bits)
{
    fse_build(t, norm, n, log, base, add_bits);
}

size_t zstd_fse_read(struct unzstd_fse_entry *t, unsigned int *log,
                     const uint8_t *in, size_t bytes, unsigned int max_symbol,
                     unsigned int max_log, const uint32_t *base,
                     const uint8_t *add_bits)
{
    int16_t norm[SYMBOLS_MAX];
    unsigned int coded;
    size_t used = fse_read_counts(norm, log, &coded, in, bytes, max_symbol,
                                  max_log);

    if ( used )
        fse_build(t, norm, max_symbol + 1, *log, base, add_bits);
    return used;
}

/*
 * RFC 8878 4.2.1.2: up to 255 weights from an FSE stream with two
 * interleaved states (description and bitstream in in[0..bytes)).
 * Returns how many, 0 when malformed.
 */
static unsigned int huf_fse_weights(struct unzstd_work *w, uint8_t *weights,
                                    const uint8_t *in, size_t bytes)
{
    const struct unzstd_fse_entry *t = w->weights;
    unsigned int log, coded, s1, s2, n = 0;
    int16_t norm[SYMBOLS_MAX];
    size_t head;
    struct zbits b;

    head = fse_read_counts(norm, &log, &coded, in, bytes, SYMBOLS_MAX - 1,
                           WEIGHTS_LOG_MAX);
    /*
     * libzstd builds this table in a fixed work area that holds the
     * counts of 12 symbols at accuracy log 6, 92 at log 5, and refuses
     * a description that spells out more.
     */
    if ( !head || coded > (log == WEIGHTS_LOG_MAX ? 12 : 92) )
        return 0;
    fse_build(w->weights, norm, coded, log, NULL, NULL);
    if ( !zbits_init(&b, in + head, bytes - head) )
        return 0;
    s1 = (unsigned int)zbits_read(&b, log);
    zbits_reload(&b);
    s2 = (unsigned int)zbits_read(&b, log);
    zbits_reload(&b);
    /*
     * Until an update reads past the start of the stream: the other
     * state's symbol is then the last one.
     */
    for ( ;; )
    {
        if ( n + 2 > WEIGHTS_MAX )
            return 0;
        weights[n++] = (uint8_t)t[s1].base;
        s1 = t[s1].next + (unsigned int)zbits_read(&b, t[s1].nb_bits);
        zbits_reload(&b);
        if ( zbits_overflow(&b) )
        {
            weights[n++] = (uint8_t)t[s2].base;
            break;
        }
        weights[n++] = (uint8_t)t[s2].base;
        s2 = t[s2].next + (unsigned int)zbits_read(&b, t[s2].nb_bits);
        zbits_reload(&b);
        if ( zbits_overflow(&b) )
        {
            if ( n + 1 > WEIGHTS_MAX )
                return 0;
            weights[n++] = (uint8_t)t[s1].base;
            break;
        }
    }
    return n;
}

/*
 * RFC 8878 4.2.1.3: codes handed out from the lowest weight (longest
 * code) up, in symbol order within a weight; each symbol fills
 * 2^(weight - 1) entries of the table, indexed by the next log bits.
 * An entry is the symbol and its code length (bits 8-15).
 */
static void huf_build(uint32_t *t, const uint8_t *weights, unsigned int n,
                      unsigned int log)
{
    uint32_t at = 0;

    for ( unsigned int wt = 1; wt <= log; wt++ )
        for ( unsigned int s = 0; s < n; s++ )
        {
            uint32_t e = s | (log + 1 - wt) << 8;

            if ( weights[s] != wt )
                continue;
            for ( uint32_t k = 0; k < 1u << (wt - 1); k++ )
                t[at++] = e;
        }
}

enum unzstd_status zstd_huf_read(struct unzstd_work *w,
                                 struct zstd_entropy *e, const uint8_t *in,
                                 size_t bytes, size_t *used)
{
    uint8_t weights[SYMBOLS_MAX];
    unsigned int n, hb, log, ones = 0;
    uint32_t sum = 0, rest;

    if ( bytes == 0 )
        return UNZSTD_ERR_HUFFMAN;
    hb = in[0];
    if ( hb >= 128 )
    {
        /* Direct: hb - 127 four-bit weights, the first in the high half. */
        n = hb - 127;
        *used = 1 + (n + 1) / 2;
        if ( *used > bytes )
            return UNZSTD_ERR_HUFFMAN;
        for ( unsigned int i = 0; i < n; i++ )
            weights[i] = i & 1 ? in[1 + i / 2] & 15 : in[1 + i / 2] >> 4;
    }
    else
    {
        *used = 1 + hb;
        if ( *used > bytes )
            return UNZSTD_ERR_HUFFMAN;
        n = huf_fse_weights(w, weights, in + 1, hb);
        if ( n == 0 )
            return UNZSTD_ERR_HUFFMAN;
    }
    for ( unsigned int i = 0; i < n; i++ )
    {
        if ( weights[i] > UNZSTD_HUF_LOG_MAX )
            return UNZSTD_ERR_HUFFMAN;
        sum += (1u << weights[i]) >> 1;
        ones += weights[i] == 1;
    }
    if ( sum == 0 )
        return UNZSTD_ERR_HUFFMAN;
    /* The last weight completes the sum to the next power of two. */
    log = zstd_highbit(sum) + 1;
    if ( log > UNZSTD_HUF_LOG_MAX )
        return UNZSTD_ERR_HUFFMAN;
    rest = (1u << log) - sum;
    if ( rest & (rest - 1) )
        return UNZSTD_ERR_HUFFMAN;
    weights[n] = (uint8_t)(zstd_highbit(rest) + 1);
    ones += weights[n] == 1;
    n++;
    /* A complete code has an even number of longest codes. */
    if ( ones < 2 || (ones & 1) )
        return UNZSTD_ERR_HUFFMAN;
    huf_build(w->huf, weights, n, log);
    e->huf_log = log;
    return UNZSTD_OK;
}

/* One Huffman-coded stream of n symbols, consumed exactly. */
static enum unzstd_status huf_stream(const uint32_t *t, unsigned int log,
                                     uint8_t *out, size_t n,
                                     const uint8_t *in, size_t bytes)
{
    struct zbits b;

    if ( !zbits_init(&b, in, bytes) )
        return UNZSTD_ERR_BITSTREAM;
    for ( size_t i = 0; i < n; i++ )
    {
        uint32_t e;

        zbits_reload(&b);
        e = t[zbits_peek(&b, log)];
        out[i] = (uint8_t)e;
        b.used += e >> 8;
        if ( zbits_overflow(&b) )
            return UNZSTD_ERR_BITSTREAM;
    }
    return zbits_done(&b) ? UNZSTD_OK : UNZSTD_ERR_BITSTREAM;
}

enum unzstd_status zstd_huf_decode(const struct unzstd_work *w,
                                   const struct zstd_entropy *e, uint8_t *out,
                                   size_t n, const uint8_t *in, size_t bytes,
                                   bool four)
{
    size_t len[4], seg = (n + 3) / 4;
    enum unzstd_status st;

    if ( !four )
        return huf_stream(w->huf, e->huf_log, out, n, in, bytes);
    /* Jump table: the sizes of the first three streams. */
    if ( bytes < 6 )
        return UNZSTD_ERR_LITERALS;
    len[0] = in[0] | (size_t)in[1] << 8;
    len[1] = in[2] | (size_t)in[3] << 8;
    len[2] = in[4] | (size_t)in[5] << 8;
    if ( len[0] + len[1] + len[2] > bytes - 6 )
        return UNZSTD_ERR_LITERALS;
    len[3] = bytes - 6 - len[0] - len[1] - len[2];
    in += 6;
    for ( unsigned int k = 0; k < 4; k++ )
    {
        st = huf_stream(w->huf, e->huf_log, out + k * seg,
                        k < 3 ? seg : n - 3 * seg, in, len[k]);
        if ( st != UNZSTD_OK )
            return st;
        in += len[k];
    }
    return UNZSTD_OK;
}
