/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The sequences section of a Zstandard block (RFC 8878 3.1.1.3.2) and the
 * execution of its sequences (3.1.1.4): the section's header and tables,
 * the sequence bitstream, repeat offsets, and the copies of literals and
 * matches into the output; lib/decompress/unzstd.c calls it for each
 * compressed block, through zstd_internal.h.
 *
 * The copies run in 16-byte steps that may write past a sequence's end
 * into room the next sequence overwrites, as long as the block's end is
 * ZSTD_WILD bytes away; closer, they go exactly. Every length is checked
 * against the literals left and the room left before anything is
 * copied, and every match offset against the frame's output so far.
 */
#include <xen/le.h>
#include <xen/string.h>
#include "zstd_internal.h"

/* 3.1.1.3.2.1: sequence counts from 0x7f00 take three bytes. */
#define NR_SEQ_LONG         0x7f00
/* 3.1.1.3.2.1.1: symbol compression modes. */
#define MODE_PREDEFINED     0
#define MODE_RLE            1
#define MODE_FSE            2
#define MODE_REPEAT         3
/* 3.1.1.3.2.1: largest code of each field. */
#define LL_CODE_MAX         35
#define ML_CODE_MAX         52
#define OF_CODE_MAX         31

/* 3.1.1.3.2.1.1: literal length codes, baseline and extra bits. */
static const uint32_t ll_base[LL_CODE_MAX + 1] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096,
    8192, 16384, 32768, 65536,
};
static const uint8_t ll_bits[LL_CODE_MAX + 1] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12,
    13, 14, 15, 16,
};

/* Match length codes. */
static const uint32_t ml_base[ML_CODE_MAX + 1] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34,
    35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051,
    4099, 8195, 16387, 32771, 65539,
};
static const uint8_t ml_bits[ML_CODE_MAX + 1] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11,
    12, 13, 14, 15, 16,
};

/* Offset codes: Offset_Value is 1 << code plus code extra bits. */
static const uint32_t of_base[OF_CODE_MAX + 1] = {
    1u << 0, 1u << 1, 1u << 2, 1u << 3, 1u << 4, 1u << 5, 1u << 6, 1u << 7,
    1u << 8, 1u << 9, 1u << 10, 1u << 11, 1u << 12, 1u << 13, 1u << 14,
    1u << 15, 1u << 16, 1u << 17, 1u << 18, 1u << 19, 1u << 20, 1u << 21,
    1u << 22, 1u << 23, 1u << 24, 1u << 25, 1u << 26, 1u << 27, 1u << 28,
    1u << 29, 1u << 30, 1u << 31,
};
static const uint8_t of_bits[OF_CODE_MAX + 1] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
};

/* 3.1.1.3.2.2: the predefined distributions. */
static const int16_t ll_default_norm[LL_CODE_MAX + 1] = {
    4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1,
    -1, -1, -1, -1,
};
static const int16_t ml_default_norm[ML_CODE_MAX + 1] = {
    1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1,
    -1, -1, -1, -1, -1,
};
static const int16_t of_default_norm[29] = {
    1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1,
};
#define LL_DEFAULT_LOG      6
#define ML_DEFAULT_LOG      6
#define OF_DEFAULT_LOG      5

/*
 * 3.1.1.3.2.1.1: one field's decoding table (mode from the modes byte),
 * its description read from in (bytes). *used is its size.
 */
static enum unzstd_status seq_table(unsigned int mode,
                                    const struct unzstd_fse_entry **t,
                                    unsigned int *log,
                                    struct unzstd_fse_entry *space,
                                    const struct unzstd_fse_entry *def,
                                    unsigned int def_log,
                                    unsigned int max_code,
                                    unsigned int max_log,
                                    const uint32_t *base,
                                    const uint8_t *add_bits,
                                    const uint8_t *in, size_t bytes,
                                    size_t *used)
{
    *used = 0;
    switch ( mode )
    {
    case MODE_PREDEFINED:
        *t = def;
        *log = def_log;
        break;
    case MODE_RLE:
        if ( bytes < 1 || in[0] > max_code )
            return UNZSTD_ERR_FSE;
        space->next = 0;
        space->nb_bits = 0;
        space->base = base[in[0]];
        space->add_bits = add_bits[in[0]];
        *t = space;
        *log = 0;
        *used = 1;
        break;
    case MODE_FSE:
        *used = zstd_fse_read(space, log, in, bytes, max_code, max_log, base,
                              add_bits);
        if ( !*used )
            return UNZSTD_ERR_FSE;
        *t = space;
        break;
    default:
        /* Repeat: the table of the last block that had sequences. */
        if ( !*t )
            return UNZSTD_ERR_FSE;
        break;
    }
    return UNZSTD_OK;
}

static ZSTD_INLINE void copy16(uint8_t *d, const uint8_t *s)
{
    __builtin_memcpy(d, s, 16);
}

/*
 * len bytes from s to d in 16-byte steps: writes up to 15 bytes past
 * d + len and reads as far past s + len. s is at least 16 bytes before d,
 * or in another buffer.
 */
static ZSTD_INLINE void wild_copy16(uint8_t *d, const uint8_t *s, size_t len)
{
    uint8_t *end = d + len;

    copy16(d, s);
    if ( len <= 16 )
        return;
    /* Long copies (matches of zero runs, say) 32 bytes a turn. */
    d += 16;
    s += 16;
    do
    {
        copy16(d, s);
        copy16(d + 16, s + 16);
        d += 32;
        s += 32;
    } while ( d < end );
}

/*
 * A match of len bytes from offset back, in 8 or 16-byte steps that may
 * write up to 15 bytes past its end. An offset below 16 repeats a
 * pattern shorter than a step: it is read once and stored again and
 * again, a whole number of patterns further each time, so that no load
 * waits for the stores just made.
 */
static ZSTD_INLINE void wild_match(uint8_t *op, size_t offset, size_t len)
{
    /* Below 8: the pattern over 8 bytes is (bytes & mask) * spread. */
    static const uint64_t spread[8] = {
        0, 0x0101010101010101ULL, 0x0001000100010001ULL,
        0x0001000001000001ULL, 0x0000000100000001ULL,
        0x0000010000000001ULL, 0x0001000000000001ULL,
        0x0100000000000001ULL,
    };
    /* ... and holds whole patterns in its first step[offset] bytes. */
    static const uint8_t step[8] = { 0, 8, 8, 6, 8, 5, 6, 7 };
    const uint8_t *m = op - offset;
    uint8_t *end = op + len;

    if ( ZSTD_LIKELY(offset >= 16) )
    {
        wild_copy16(op, m, len);
        return;
    }
    if ( offset < 8 )
    {
        uint64_t mask = ((uint64_t)1 << (8 * offset)) - 1;
        uint64_t v = (zstd_load64(m) & mask) * spread[offset];
        unsigned int n = step[offset];

        zstd_store64(op, v);
        op += n;
        /* Zero runs, say: four patterns a turn (up to 31 bytes over). */
        while ( op < end )
        {
            zstd_store64(op, v);
            zstd_store64(op + n, v);
            zstd_store64(op + 2 * n, v);
            zstd_store64(op + 3 * n, v);
            op += 4 * n;
        }
    }
    else
    {
        /* The pattern's first 8 bytes and its last 8 (they overlap). */
        uint64_t a = zstd_load64(m), b = zstd_load64(m + offset - 8);

        do
        {
            zstd_store64(op, a);
            zstd_store64(op + offset - 8, b);
            op += offset;
        } while ( op < end );
    }
}

/*
 * The same near the block's end (oend): in steps while they stay ZSTD_WILD
 * bytes short of it, then byte by byte, writing nothing past op + len.
 */
static void exact_match(uint8_t *op, size_t offset, size_t len,
                        const uint8_t *oend)
{
    const uint8_t *m = op - offset;
    size_t head = 0;

    if ( (size_t)(oend - op) > ZSTD_WILD )
        head = MIN(len, (size_t)(oend - op) - ZSTD_WILD);
    if ( head )
        wild_match(op, offset, head);
    for ( size_t i = head; i < len; i++ )
        op[i] = m[i];
}

/* One decoded sequence (3.1.1.3.2.1.2). */
struct seq {
    size_t ll;
    size_t ml;
    size_t offset;
};

/* The sequence decoder's state: bitstream, FSE states, repeat offsets. */
struct seq_state {
    struct zbits b;
    const struct unzstd_fse_entry *llt, *oft, *mlt;
    const struct unzstd_fse_entry *ls, *os, *ms;    /* the states' entries */
    uint32_t rep[3];
};

/*
 * Decodes one sequence; last: the block's last, whose states are not
 * updated (3.1.1.3.2.1.2). False when the bitstream ran past its start.
 */
static ZSTD_INLINE bool seq_decode(struct seq_state *d, struct seq *s,
                                   bool last)
{
    const struct unzstd_fse_entry *le = d->ls, *oe = d->os, *me = d->ms;
    uint64_t ofv;

    /*
     * Offset bits, then match length bits, then literal length's; most
     * length codes have none, and a branch is cheaper than reading zero
     * bits (the sequence stream is consumed exactly or refused, so what
     * reads past its start give does not matter).
     */
    ofv = oe->base;
    if ( oe->add_bits )
        ofv += zbits_read_nz(&d->b, oe->add_bits);
    s->ml = me->base;
    if ( me->add_bits )
        s->ml += zbits_read_nz(&d->b, me->add_bits);
    if ( oe->add_bits + me->add_bits + le->add_bits > 31 )
        zbits_reload_quick(&d->b);
    s->ll = le->base;
    if ( le->add_bits )
        s->ll += zbits_read_nz(&d->b, le->add_bits);
    if ( !last )
    {
        /*
         * The states' bits, each of 0 to 9 (a zero-bit read shifts the
         * field out whole, in two steps).
         */
        uint64_t x = d->b.c << (d->b.used & 63);

        d->ls = d->llt + le->next + ((x >> 1) >> (63 - le->nb_bits));
        x <<= le->nb_bits;
        d->ms = d->mlt + me->next + ((x >> 1) >> (63 - me->nb_bits));
        x <<= me->nb_bits;
        d->os = d->oft + oe->next + ((x >> 1) >> (63 - oe->nb_bits));
        d->b.used += le->nb_bits + me->nb_bits + oe->nb_bits;
    }
    zbits_reload_quick(&d->b);

    /* 3.1.1.5: repeat offsets; a literal length of 0 shifts them. */
    if ( ofv > 3 )
    {
        s->offset = ofv - 3;
        d->rep[2] = d->rep[1];
        d->rep[1] = d->rep[0];
        d->rep[0] = (uint32_t)s->offset;
    }
    else
    {
        unsigned int idx = (unsigned int)ofv - 1 + (s->ll == 0);
        uint32_t r0 = d->rep[0];

        if ( idx == 0 )
            s->offset = r0;
        else if ( idx == 1 )
        {
            s->offset = d->rep[1];
            d->rep[1] = r0;
            d->rep[0] = (uint32_t)s->offset;
        }
        else
        {
            s->offset = idx == 2 ? d->rep[2] : r0 - 1 + (r0 == 1);
            d->rep[2] = d->rep[1];
            d->rep[1] = r0;
            d->rep[0] = (uint32_t)s->offset;
        }
    }
    return !zbits_overflow(&d->b);
}

/* Where a sequence's writing may go and what it reads. */
struct seq_out {
    uint8_t *op;
    uint8_t *oend;              /* the block's end in the output */
    const uint8_t *fstart;      /* the frame's first byte */
    const uint8_t *lp;
    const uint8_t *lend;
    enum unzstd_status full;    /* what running past oend is */
};

/* 3.1.1.4: copies a sequence's literals, then its match. */
static ZSTD_INLINE enum unzstd_status seq_exec(struct seq_out *o,
                                               const struct seq *s)
{
    if ( s->ll > (size_t)(o->lend - o->lp) )
        return UNZSTD_ERR_SEQUENCES;
    if ( ZSTD_LIKELY((size_t)(o->oend - o->op) >= s->ll + s->ml + ZSTD_WILD) )
    {
        /* Far from the end: whole steps, overwriting what follows. */
        wild_copy16(o->op, o->lp, s->ll);
        o->op += s->ll;
        o->lp += s->ll;
        if ( ZSTD_UNLIKELY(s->offset > (size_t)(o->op - o->fstart)) )
            return UNZSTD_ERR_OFFSET;
        wild_match(o->op, s->offset, s->ml);
        o->op += s->ml;
        return UNZSTD_OK;
    }
    if ( s->ll + s->ml > (size_t)(o->oend - o->op) )
        return o->full;
    memcpy(o->op, o->lp, s->ll);
    o->op += s->ll;
    o->lp += s->ll;
    if ( s->offset > (size_t)(o->op - o->fstart) )
        return UNZSTD_ERR_OFFSET;
    exact_match(o->op, s->offset, s->ml, o->oend);
    o->op += s->ml;
    return UNZSTD_OK;
}

/*
 * Sequences decoded ahead of the one executed: the match source of each
 * is fetched into the cache meanwhile. A kernel's matches reach far back
 * (a 128 MiB window), and waiting for memory is what costs most then;
 * 16 ahead was measured quicker there than 8 (bench/unzstd_bench.sh).
 */
#define SEQ_AHEAD           16

/* Asks the cache for a match source at output position pos, if valid. */
static ZSTD_INLINE void seq_prefetch(const struct seq_out *o, size_t *pos,
                                     const struct seq *s)
{
    size_t at = *pos + s->ll;

    if ( s->offset <= at )
    {
        const uint8_t *m = o->fstart + (at - s->offset);

        __builtin_prefetch(m);
        __builtin_prefetch(m + 64);
    }
    *pos = at + s->ml;
}

/*
 * Matches may reach far enough back that their sources are no longer in
 * the cache once the frame has this much output, its window is larger
 * than a last-level cache (SEQ_FAR_WINDOW: with a smaller one, the
 * processor finds the sources there quickly enough on its own) and the
 * block's offset table gives a fair share of its states (SEQ_FAR_SHARE
 * of 256) to offsets of at least 2^SEQ_FAR_CODE: sequences are then
 * decoded SEQ_AHEAD ahead of their execution and their sources fetched.
 * Else the plain loop is quicker.
 */
#define SEQ_FAR_BYTES       (1u << 20)
#define SEQ_FAR_WINDOW      (16u << 20)
#define SEQ_FAR_CODE        20
#define SEQ_FAR_SHARE       7

/*
 * 3.1.1.3.2.1.2 and 3.1.1.4: decodes nr sequences from the bitstream in
 * (bytes) and executes them with the literals lit[0..nlit) into o, then
 * copies the literals left over. far: decode ahead and prefetch
 * (SEQ_FAR_BYTES).
 */
static ZSTD_INLINE enum unzstd_status
sequences_body(struct zstd_out *out, const struct zstd_entropy *e,
               uint32_t *rep, const uint8_t *lit, size_t nlit,
               unsigned int nr, const uint8_t *in, size_t bytes, bool far)
{
    struct seq ring[SEQ_AHEAD];
    struct seq_state d = {
        .llt = e->ll, .oft = e->of, .mlt = e->ml,
        .rep = { rep[0], rep[1], rep[2] },
    };
    struct seq_out o = {
        .op = out->buf + out->pos, .oend = out->buf + out->end,
        .fstart = out->buf + out->start, .lp = lit, .lend = lit + nlit,
        .full = out->full,
    };
    enum unzstd_status st;
    unsigned int ahead = far ? MIN(nr, (unsigned int)SEQ_AHEAD) : 0, i;
    size_t pos = out->pos - out->start;

    if ( !zbits_init(&d.b, in, bytes) )
        return UNZSTD_ERR_BITSTREAM;
    d.ls = d.llt + zbits_read(&d.b, e->ll_log);
    zbits_reload(&d.b);
    d.os = d.oft + zbits_read(&d.b, e->of_log);
    zbits_reload(&d.b);
    d.ms = d.mlt + zbits_read(&d.b, e->ml_log);
    zbits_reload(&d.b);

    for ( i = 0; i < ahead; i++ )
    {
        if ( !seq_decode(&d, &ring[i], i + 1 == nr) )
            return UNZSTD_ERR_BITSTREAM;
        seq_prefetch(&o, &pos, &ring[i]);
    }
    for ( i = 0; i < nr; i++ )
    {
        struct seq s;

        if ( !far )
        {
            if ( !seq_decode(&d, &s, i + 1 == nr) )
                return UNZSTD_ERR_BITSTREAM;
        }
        else
        {
            s = ring[i % SEQ_AHEAD];
            if ( i + SEQ_AHEAD < nr )
            {
                struct seq *n = &ring[i % SEQ_AHEAD];

                if ( !seq_decode(&d, n, i + SEQ_AHEAD + 1 == nr) )
                    return UNZSTD_ERR_BITSTREAM;
                seq_prefetch(&o, &pos, n);
            }
        }
        st = seq_exec(&o, &s);
        if ( st != UNZSTD_OK )
            return st;
    }
    if ( !zbits_done(&d.b) )
        return UNZSTD_ERR_BITSTREAM;
    rep[0] = d.rep[0];
    rep[1] = d.rep[1];
    rep[2] = d.rep[2];
    if ( (size_t)(o.lend - o.lp) > (size_t)(o.oend - o.op) )
        return o.full;
    memcpy(o.op, o.lp, o.lend - o.lp);
    o.op += o.lend - o.lp;
    out->pos = o.op - out->buf;
    return UNZSTD_OK;
}

/* The two loops as functions of their own, each with its registers. */
static __attribute__((__noinline__)) enum unzstd_status
sequences_near(struct zstd_out *o, const struct zstd_entropy *e,
               uint32_t *rep, const uint8_t *lit, size_t nlit,
               unsigned int nr, const uint8_t *in, size_t bytes)
{
    return sequences_body(o, e, rep, lit, nlit, nr, in, bytes, false);
}

static __attribute__((__noinline__)) enum unzstd_status
sequences_far(struct zstd_out *o, const struct zstd_entropy *e,
              uint32_t *rep, const uint8_t *lit, size_t nlit,
              unsigned int nr, const uint8_t *in, size_t bytes)
{
    return sequences_body(o, e, rep, lit, nlit, nr, in, bytes, true);
}

static enum unzstd_status sequences(struct zstd_out *o,
                                    const struct zstd_entropy *e,
                                    uint32_t *rep, const uint8_t *lit,
                                    size_t nlit, unsigned int nr,
                                    const uint8_t *in, size_t bytes)
{
    unsigned int far = 0, states = 1u << e->of_log;

    if ( o->pos - o->start >= SEQ_FAR_BYTES && o->window > SEQ_FAR_WINDOW )
        for ( unsigned int u = 0; u < states; u++ )
            far += e->of[u].add_bits >= SEQ_FAR_CODE;
    if ( (far << (8 - MIN(e->of_log, 8u))) >= SEQ_FAR_SHARE )
        return sequences_far(o, e, rep, lit, nlit, nr, in, bytes);
    return sequences_near(o, e, rep, lit, nlit, nr, in, bytes);
}

enum unzstd_status zstd_seq_section(struct zstd_out *o, struct zstd_entropy *e,
                                    uint32_t *rep, struct unzstd_work *w,
                                    const uint8_t *lit, size_t nlit,
                                    const uint8_t *s, size_t rem)
{
    struct zstd_entropy t;
    unsigned int nr, modes;
    enum unzstd_status st;
    size_t used, u;

    /* 3.1.1.3.2.1: Number_of_Sequences. */
    if ( rem < 1 )
        return UNZSTD_ERR_SEQUENCES;
    nr = s[0];
    if ( nr == 0 )
    {
        if ( rem != 1 )
            return UNZSTD_ERR_SEQUENCES;
        if ( nlit > o->end - o->pos )
            return o->full;
        memcpy(o->buf + o->pos, lit, nlit);
        o->pos += nlit;
        return UNZSTD_OK;
    }
    if ( nr < 128 )
        used = 1;
    else if ( nr < 255 )
    {
        if ( rem < 2 )
            return UNZSTD_ERR_SEQUENCES;
        nr = ((nr - 128) << 8) + s[1];
        used = 2;
    }
    else
    {
        if ( rem < 3 )
            return UNZSTD_ERR_SEQUENCES;
        nr = le16(s + 1) + NR_SEQ_LONG;
        used = 3;
    }
    if ( rem < used + 1 )
        return UNZSTD_ERR_SEQUENCES;
    modes = s[used++];

    /* Tables for literal lengths, offsets and match lengths, in order. */
    t = *e;
    st = seq_table(modes >> 6, &t.ll, &t.ll_log, w->ll, w->ll_default,
                   LL_DEFAULT_LOG, LL_CODE_MAX, UNZSTD_LL_LOG_MAX, ll_base,
                   ll_bits, s + used, rem - used, &u);
    if ( st != UNZSTD_OK )
        return st;
    used += u;
    st = seq_table((modes >> 4) & 3, &t.of, &t.of_log, w->of, w->of_default,
                   OF_DEFAULT_LOG, OF_CODE_MAX, UNZSTD_OF_LOG_MAX, of_base,
                   of_bits, s + used, rem - used, &u);
    if ( st != UNZSTD_OK )
        return st;
    used += u;
    st = seq_table((modes >> 2) & 3, &t.ml, &t.ml_log, w->ml, w->ml_default,
                   ML_DEFAULT_LOG, ML_CODE_MAX, UNZSTD_ML_LOG_MAX, ml_base,
                   ml_bits, s + used, rem - used, &u);
    if ( st != UNZSTD_OK )
        return st;
    used += u;
    *e = t;
    return sequences(o, e, rep, lit, nlit, nr, s + used, rem - used);
}

void zstd_seq_defaults(struct unzstd_work *w)
{
    zstd_fse_build(w->ll_default, ll_default_norm,
                   ARRAY_SIZE(ll_default_norm), LL_DEFAULT_LOG, ll_base,
                   ll_bits);
    zstd_fse_build(w->ml_default, ml_default_norm,
                   ARRAY_SIZE(ml_default_norm), ML_DEFAULT_LOG, ml_base,
                   ml_bits);
    zstd_fse_build(w->of_default, of_default_norm,
                   ARRAY_SIZE(of_default_norm), OF_DEFAULT_LOG, of_base,
                   of_bits);
}
