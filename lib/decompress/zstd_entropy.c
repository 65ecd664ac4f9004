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

/* States of the largest table. */
#define FSE_STATES_MAX      (1u << UNZSTD_LL_LOG_MAX)
_Static_assert(UNZSTD_ML_LOG_MAX <= UNZSTD_LL_LOG_MAX &&
               UNZSTD_OF_LOG_MAX <= UNZSTD_LL_LOG_MAX &&
               WEIGHTS_LOG_MAX <= UNZSTD_LL_LOG_MAX, "largest FSE table");

_Static_assert(sizeof(struct unzstd_fse_entry) == 8 &&
               __builtin_offsetof(struct unzstd_fse_entry, next) == 0 &&
               __builtin_offsetof(struct unzstd_fse_entry, nb_bits) == 2 &&
               __builtin_offsetof(struct unzstd_fse_entry, add_bits) == 3 &&
               __builtin_offsetof(struct unzstd_fse_entry, base) == 4,
               "fse_build stores an entry as one word");

/*
 * RFC 8878 4.1.1, "FSE table": the states of norm[0..n-1] (whose counts
 * add up to 1 << log, which zstd_fse_read checked). The symbols are
 * first laid out in a row, each as often as its count and eight at a
 * time, and the row then dealt out to the states by the step: one loop
 * of known length, which the processor predicts. Each state is then
 * written as one word.
 */
static void fse_build(struct unzstd_fse_entry *t, const int16_t *norm,
                      unsigned int n, unsigned int log, const uint32_t *base,
                      const uint8_t *add_bits)
{
    uint32_t size = 1u << log, mask = size - 1, high = size - 1, nr = 0;
    uint32_t step = (size >> 1) + (size >> 3) + 3;
    uint16_t next[SYMBOLS_MAX], twice[SYMBOLS_MAX];
    uint64_t value[SYMBOLS_MAX];
    uint8_t row[FSE_STATES_MAX + 8], sym[FSE_STATES_MAX];

    for ( unsigned int s = 0; s < n; s++ )
    {
        uint64_t v = s * 0x0101010101010101ULL;

        unsigned int c = norm[s] == -1 ? 1 : (unsigned int)norm[s];

        /*
         * A state's value, and how many bits its successor takes: the
         * symbol's k-th state (from 0) has the number c + k, below
         * twice[s] and log - highbit(c) bits, or from there one fewer.
         */
        value[s] = (uint64_t)(base ? base[s] : s) << 32 |
                   (uint32_t)(add_bits ? add_bits[s] : 0) << 24;
        next[s] = (uint16_t)c;
        if ( c )
        {
            unsigned int hb = zstd_highbit(c);

            value[s] |= (uint32_t)(log - hb) << 16;
            twice[s] = (uint16_t)(2u << hb);
        }
        /* "Less than one" symbols take the last states, one each. */
        if ( norm[s] == -1 )
        {
            sym[high--] = (uint8_t)s;
            continue;
        }
        /* Whole words, into the row's room past its end at worst. */
        for ( int i = 0; i < norm[s]; i += 8 )
            zstd_store64(row + nr + i, v);
        nr += norm[s];
    }
    /* The others are spread by the step, skipping those states. */
    if ( high == mask )
    {
        /* No state to skip: two chains of positions side by side. */
        for ( uint32_t i = 0, pos = 0; i < size; i += 2 )
        {
            sym[pos] = row[i];
            sym[(pos + step) & mask] = row[i + 1];
            pos = (pos + 2 * step) & mask;
        }
    }
    else
    {
        for ( uint32_t i = 0, pos = 0; i < nr; i++ )
        {
            sym[pos] = row[i];
            do
                pos = (pos + step) & mask;
            while ( pos > high );
        }
    }
    for ( uint32_t u = 0; u < size; u++ )
    {
        unsigned int s = sym[u];
        uint32_t ns = next[s]++, fewer = ns >= twice[s];
        uint64_t e = value[s] - (fewer << 16);
        unsigned int nb = (uint8_t)(e >> 16);

        e |= (ns << nb) - size;

        __builtin_memcpy(&t[u], &e, sizeof(e));
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
 * Bits every one-symbol table is indexed by, at least: the fast loop
 * (huf_fast_four) has its shifts built in, one copy for each width from
 * this one up (the usual literals take 9 to 11 bits). A table of fewer
 * bits is built at this width, each entry repeated.
 */
#define HUF_WIDTH           9

/* The width of the table for codes of up to log bits. */
static ZSTD_INLINE unsigned int huf_width(unsigned int log)
{
    return log > HUF_WIDTH ? log : HUF_WIDTH;
}

/*
 * RFC 8878 4.2.1.3: codes handed out from the lowest weight (longest
 * code) up, in symbol order within a weight; each symbol fills
 * 2^(weight - 1) entries of a table of log bits, indexed by the next
 * log bits, and 2^(width - log) times as many of this one, indexed by
 * the next width bits. An entry is the code's length (bits 0-7, so that
 * it can be a shift count as it is) and the symbol (bits 8-15).
 */
static void huf_build(uint16_t *t, const uint8_t *weights, unsigned int n,
                      unsigned int log, unsigned int width)
{
    uint32_t start[UNZSTD_HUF_LOG_MAX + 2] = { 0 };
    unsigned int up = width - log;

    /* Where each weight's entries begin: after all lighter weights'. */
    for ( unsigned int s = 0; s < n; s++ )
        start[weights[s]] += (1u << weights[s]) >> 1;
    for ( unsigned int wt = 1, at = 0; wt <= log; wt++ )
    {
        uint32_t cells = start[wt];

        start[wt] = at;
        at += cells << up;
    }
    for ( unsigned int s = 0; s < n; s++ )
    {
        unsigned int wt = weights[s];
        uint16_t e = (uint16_t)((log + 1 - wt) | s << 8);
        uint32_t cells = ((1u << wt) >> 1) << up;
        uint16_t *p = t + start[wt];

        if ( !wt )
            continue;
        start[wt] += cells;
        if ( cells >= 4 )
        {
            /* A power of two: whole words of four entries. */
            uint64_t v = e * 0x0001000100010001ULL;

            for ( uint32_t i = 0; i < cells; i += 4 )
                zstd_store64((uint8_t *)(p + i), v);
        }
        else
            for ( uint32_t i = 0; i < cells; i++ )
                p[i] = e;
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
    huf_build(w->huf, weights, n, log, huf_width(log));
    e->huf_log = log;
    return UNZSTD_OK;
}

/*
 * Decoding one symbol: the next width bits index the table, whose entry
 * is how many of those bits the symbol's code took, and the symbol.
 */
static ZSTD_INLINE uint8_t huf_symbol(const uint16_t *t, unsigned int width,
                                      struct zbits *b)
{
    uint16_t e = t[zbits_peek(b, width)];

    b->used += e & 0xff;
    return (uint8_t)(e >> 8);
}

/*
 * The end of one stream, n symbols to out, one at a time with the
 * bounds checked; then the stream must be used up exactly.
 */
static enum unzstd_status huf_finish(const uint16_t *t, unsigned int width,
                                     uint8_t *out, size_t n, struct zbits *b)
{
    for ( size_t i = 0; i < n; i++ )
    {
        zbits_reload(b);
        out[i] = huf_symbol(t, width, b);
        if ( zbits_overflow(b) )
            return UNZSTD_ERR_BITSTREAM;
    }
    return zbits_done(b) ? UNZSTD_OK : UNZSTD_ERR_BITSTREAM;
}

/* Refills a stream known to have at least 8 bytes before its position. */
static ZSTD_INLINE void zbits_reload_fast(struct zbits *b)
{
    b->p -= b->used >> 3;
    b->used &= 7;
    b->c = zstd_load64(b->p);
}

/* Symbols per stream between refills: 4 codes of up to 12 bits fit. */
#define HUF_BATCH   4

/* One Huffman-coded stream of n symbols, consumed exactly. */
static enum unzstd_status huf_stream(const uint16_t *t, unsigned int width,
                                     uint8_t *out, size_t n,
                                     const uint8_t *in, size_t bytes)
{
    struct zbits b;
    size_t i = 0;

    if ( !zbits_init(&b, in, bytes) )
        return UNZSTD_ERR_BITSTREAM;
    /* While a refill cannot reach the start, no bound needs checking. */
    for ( ; i + HUF_BATCH <= n && b.p >= b.start + 8; i += HUF_BATCH )
    {
        zbits_reload_fast(&b);
        out[i] = huf_symbol(t, width, &b);
        out[i + 1] = huf_symbol(t, width, &b);
        out[i + 2] = huf_symbol(t, width, &b);
        out[i + 3] = huf_symbol(t, width, &b);
    }
    return huf_finish(t, width, out + i, n - i, &b);
}

/*
 * Four streams (RFC 8878 3.1.1.3.1.6) decoded side by side, which lets
 * the processor overlap their table lookups; each ends alone. For
 * streams too short for huf_fast_four.
 */
static enum unzstd_status huf_four(const uint16_t *t, unsigned int width,
                                   uint8_t *out, size_t n, const uint8_t *in,
                                   const size_t *len)
{
    size_t seg = (n + 3) / 4, cnt[4] = { seg, seg, seg, n - 3 * seg }, i = 0;
    struct zbits b[4];
    enum unzstd_status st;

    for ( unsigned int k = 0; k < 4; k++ )
    {
        if ( !zbits_init(&b[k], in, len[k]) )
            return UNZSTD_ERR_BITSTREAM;
        in += len[k];
    }
    for ( ; i + HUF_BATCH <= cnt[3] && b[0].p >= b[0].start + 8 &&
            b[1].p >= b[1].start + 8 && b[2].p >= b[2].start + 8 &&
            b[3].p >= b[3].start + 8; i += HUF_BATCH )
    {
        uint8_t *o = out + i;

        zbits_reload_fast(&b[0]);
        zbits_reload_fast(&b[1]);
        zbits_reload_fast(&b[2]);
        zbits_reload_fast(&b[3]);
        for ( unsigned int j = 0; j < HUF_BATCH; j++ )
        {
            o[j] = huf_symbol(t, width, &b[0]);
            o[seg + j] = huf_symbol(t, width, &b[1]);
            o[2 * seg + j] = huf_symbol(t, width, &b[2]);
            o[3 * seg + j] = huf_symbol(t, width, &b[3]);
        }
    }
    for ( unsigned int k = 0; k < 4; k++ )
    {
        st = huf_finish(t, width, out + k * seg + i, cnt[k] - i, &b[k]);
        if ( st != UNZSTD_OK )
            return st;
    }
    return UNZSTD_OK;
}

/*
 * The fast loop below keeps a stream's unread bits at the top of a
 * 64-bit value, over a marker bit (the lowest bit of the last load, set)
 * that moves up as bits are read: its position is how many were.
 */
static ZSTD_INLINE uint64_t huf_load(const uint8_t *ip, unsigned int used)
{
    return (zstd_load64(ip) | 1) << used;
}

/* Steps a stream back over the whole bytes read, and loads again. */
static ZSTD_INLINE void huf_reload(uint64_t *bits, const uint8_t **ip)
{
    unsigned int used = (unsigned int)__builtin_ctzll(*bits);

    *ip -= used >> 3;
    *bits = huf_load(*ip, used & 7);
}

/*
 * One symbol. The index width is a constant, so that only the consuming
 * shift takes its count from the table (the entry's low byte, as it is).
 */
static ZSTD_INLINE uint8_t huf_fast_symbol(const uint16_t *t,
                                           unsigned int width, uint64_t *bits)
{
    unsigned int e = t[*bits >> (64 - width)];

    *bits <<= e & 63;
    return (uint8_t)(e >> 8);
}

/* Bytes a stream may step back over in a batch (7 + 55 bits). */
#define HUF_BACK    7

/*
 * Four streams of at least 8 bytes each with the table t (width bits),
 * batch symbols each between refills (batch codes of width bits must
 * fit in the 56 bits a refill leaves), side by side while no stream can
 * reach its start or its output's end within the batches counted ahead;
 * each then ends alone, one symbol at a time with every bound checked.
 * The outputs are reached from one pointer, and the streams are in
 * separate variables, so that they all stay in registers.
 */
static ZSTD_INLINE enum unzstd_status
huf_fast_four(const uint16_t *t, unsigned int width, unsigned int batch,
              uint8_t *out, size_t n, const uint8_t *in, const size_t *len)
{
    size_t seg = (n + 3) / 4, seg3 = 3 * seg, done = 0;
    const uint8_t *start[4], *ip[4];
    unsigned int used[4];
    enum unzstd_status st;

    for ( unsigned int k = 0; k < 4; k++ )
    {
        uint8_t last = in[len[k] - 1];

        if ( last == 0 )
            return UNZSTD_ERR_BITSTREAM;
        start[k] = in;
        ip[k] = in + len[k] - 8;
        used[k] = 8 - zstd_highbit(last);
        in += len[k];
    }
    for ( ;; )
    {
        /* The last stream's output is the shortest. */
        size_t batches = (n - seg3 - done) / batch;
        const uint8_t *i0 = ip[0], *i1 = ip[1], *i2 = ip[2], *i3 = ip[3];
        uint8_t *o = out + done, *oend;
        uint64_t b0, b1, b2, b3;

        for ( unsigned int k = 0; k < 4; k++ )
            batches = MIN(batches, (size_t)(ip[k] - start[k]) / HUF_BACK);
        if ( !batches )
            break;
        oend = o + batches * batch;
        b0 = huf_load(i0, used[0]);
        b1 = huf_load(i1, used[1]);
        b2 = huf_load(i2, used[2]);
        b3 = huf_load(i3, used[3]);
        do
        {
            /* Straight-line code: -O2 would keep the loop (and j). */
#pragma GCC unroll 6
            for ( unsigned int j = 0; j < batch; j++ )
            {
                o[j] = huf_fast_symbol(t, width, &b0);
                o[seg + j] = huf_fast_symbol(t, width, &b1);
                o[2 * seg + j] = huf_fast_symbol(t, width, &b2);
                o[seg3 + j] = huf_fast_symbol(t, width, &b3);
            }
            o += batch;
            huf_reload(&b0, &i0);
            huf_reload(&b1, &i1);
            huf_reload(&b2, &i2);
            huf_reload(&b3, &i3);
        } while ( o < oend );
        done += batches * batch;
        ip[0] = i0;
        ip[1] = i1;
        ip[2] = i2;
        ip[3] = i3;
        used[0] = (unsigned int)__builtin_ctzll(b0);
        used[1] = (unsigned int)__builtin_ctzll(b1);
        used[2] = (unsigned int)__builtin_ctzll(b2);
        used[3] = (unsigned int)__builtin_ctzll(b3);
    }
    for ( unsigned int k = 0; k < 4; k++ )
    {
        struct zbits b = {
            .c = zstd_load64(ip[k]),
            .used = used[k],
            .p = ip[k],
            .start = start[k],
        };
        size_t end = k == 3 ? n : (k + 1) * seg;

        st = huf_finish(t, width, out + k * seg + done, end - k * seg - done,
                        &b);
        if ( st != UNZSTD_OK )
            return st;
    }
    return UNZSTD_OK;
}

enum unzstd_status zstd_huf_decode(struct unzstd_work *w,
                                   struct zstd_entropy *e, uint8_t *out,
                                   size_t n, const uint8_t *in, size_t bytes,
                                   bool four)
{
    unsigned int width = huf_width(e->huf_log);
    size_t len[4];

    if ( !four )
        return huf_stream(w->huf, width, out, n, in, bytes);
    /* Jump table: the sizes of the first three streams. */
    if ( bytes < 6 )
        return UNZSTD_ERR_LITERALS;
    len[0] = in[0] | (size_t)in[1] << 8;
    len[1] = in[2] | (size_t)in[3] << 8;
    len[2] = in[4] | (size_t)in[5] << 8;
    if ( len[0] + len[1] + len[2] > bytes - 6 )
        return UNZSTD_ERR_LITERALS;
    len[3] = bytes - 6 - len[0] - len[1] - len[2];
    if ( len[0] < 8 || len[1] < 8 || len[2] < 8 || len[3] < 8 )
        return huf_four(w->huf, width, out, n, in + 6, len);
    /*
     * A copy of the loop for each width, with as many symbols between
     * refills as fit in 56 bits.
     */
    switch ( width )
    {
    case 9:
        return huf_fast_four(w->huf, 9, 6, out, n, in + 6, len);
    case 10:
        return huf_fast_four(w->huf, 10, 5, out, n, in + 6, len);
    case 11:
        return huf_fast_four(w->huf, 11, 5, out, n, in + 6, len);
    default:
        return huf_fast_four(w->huf, 12, 4, out, n, in + 6, len);
    }
}
