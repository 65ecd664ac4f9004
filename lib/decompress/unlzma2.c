/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The LZMA2 decoder of XZ streams (lib/decompress/unxz.c has the
 * container): the range decoder, LZMA's literal, match and repeat
 * coders, and LZMA2's chunks (uncompressed, or LZMA with state,
 * property and dictionary resets).
 *
 * Single-call decoding into the stream's output, which is also the
 * dictionary. Untrusted input: the range decoder never reads past the
 * chunk it was given (it notes an overrun and yields zero bits, and the
 * chunk loop fails at its next step); every LZMA symbol writes at least
 * one byte into a chunk whose size was checked against the room left.
 */
#include <xen/le.h>
#include <xen/string.h>
#include "unxz_internal.h"

/* LZMA range coder: 11-bit probabilities adapted by 1/32. */
#define RC_TOP              (1U << 24)
#define PROB_BITS           11
#define PROB_ONE            (1U << PROB_BITS)
#define PROB_MOVE           5

/* LZMA model sizes. */
#define NR_STATES           12
#define POS_STATES_MAX      16
#define NR_LEN_STATES       4       /* distance slot contexts by length */
#define DIST_SLOT_BITS      6
#define DIST_MODEL_END      14      /* slots below this use tree models */
#define NR_FULL_DIST        128     /* distances below this likewise */
#define ALIGN_BITS          4
#define LEN_LOW_BITS        3
#define LEN_MID_BITS        3
#define LEN_HIGH_BITS       8
#define MATCH_LEN_MIN       2
#define LIT_STATES          7       /* states below this follow a literal */
#define LIT_CODER_PROBS     0x300
#define LZMA_PROPS_MAX      (9 * 5 * 5)
#define LZMA2_LCLP_MAX      4

/* One length coder: choice bits, then low, mid or high trees. */
#define LEN_CHOICE          0
#define LEN_CHOICE2         1
#define LEN_LOW             2
#define LEN_MID             (LEN_LOW + POS_STATES_MAX * (1 << LEN_LOW_BITS))
#define LEN_HIGH            (LEN_MID + POS_STATES_MAX * (1 << LEN_MID_BITS))
#define LEN_PROBS           (LEN_HIGH + (1 << LEN_HIGH_BITS))

/* Where each model lives in struct unxz_work's probs[]. */
#define P_IS_MATCH          0
#define P_IS_REP            (P_IS_MATCH + NR_STATES * POS_STATES_MAX)
#define P_IS_REP0           (P_IS_REP + NR_STATES)
#define P_IS_REP1           (P_IS_REP0 + NR_STATES)
#define P_IS_REP2           (P_IS_REP1 + NR_STATES)
#define P_IS_REP0_LONG      (P_IS_REP2 + NR_STATES)
#define P_DIST_SLOT         (P_IS_REP0_LONG + NR_STATES * POS_STATES_MAX)
#define P_DIST_SPECIAL      (P_DIST_SLOT + (NR_LEN_STATES << DIST_SLOT_BITS))
#define P_DIST_ALIGN        (P_DIST_SPECIAL + NR_FULL_DIST - DIST_MODEL_END \
                             + 1)
#define P_MATCH_LEN         (P_DIST_ALIGN + (1 << ALIGN_BITS))
#define P_REP_LEN           (P_MATCH_LEN + LEN_PROBS)
#define P_LITERAL           (P_REP_LEN + LEN_PROBS)
_Static_assert(P_LITERAL + LIT_CODER_PROBS * UNXZ_LIT_CODERS_MAX ==
               UNXZ_NR_PROBS, "UNXZ_NR_PROBS");

/* Range decoder over one LZMA chunk [pos, end) of in. */
struct rc {
    const uint8_t *in;
    size_t pos;
    size_t end;
    uint32_t range;
    uint32_t code;
    bool overrun;           /* wanted a byte past end (then reads zeros) */
};

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* ---- range decoder ------------------------------------------------------ */

static UNXZ_INLINE void rc_normalize(struct rc *rc)
{
    if ( rc->range < RC_TOP )
    {
        rc->range <<= 8;
        rc->code <<= 8;
        if ( rc->pos < rc->end )
            rc->code |= rc->in[rc->pos++];
        else
            rc->overrun = true;
    }
}

static UNXZ_INLINE unsigned int rc_bit(struct rc *rc, uint16_t *prob)
{
    uint32_t bound, p, bit, mask;

    rc_normalize(rc);
    p = *prob;
    bound = (rc->range >> PROB_BITS) * p;
    bit = rc->code >= bound;
    mask = 0U - bit;
    rc->range = (bound & ~mask) | ((rc->range - bound) & mask);
    rc->code -= bound & mask;
    *prob = (uint16_t)(p + (((PROB_ONE - p) >> PROB_MOVE) & ~mask) -
                       ((p >> PROB_MOVE) & mask));
    return bit;
}

/* A bits-wide symbol, most significant bit first, tree rooted at probs[1]. */
static UNXZ_INLINE unsigned int rc_tree(struct rc *rc, uint16_t *probs,
                                   unsigned int bits)
{
    unsigned int m = 1;

    for ( unsigned int i = 0; i < bits; i++ )
        m = (m << 1) | rc_bit(rc, &probs[m]);
    return m - (1U << bits);
}

/* The same tree, the symbol's bits arriving least significant first. */
static UNXZ_INLINE unsigned int rc_tree_reverse(struct rc *rc, uint16_t *probs,
                                    unsigned int bits)
{
    unsigned int m = 1, sym = 0;

    for ( unsigned int i = 0; i < bits; i++ )
    {
        unsigned int b = rc_bit(rc, &probs[m]);

        m = (m << 1) | b;
        sym |= b << i;
    }
    return sym;
}

/* Bits of fixed probability one half. */
static UNXZ_INLINE uint32_t rc_direct(struct rc *rc, unsigned int bits)
{
    uint32_t v = 0;

    while ( bits-- )
    {
        uint32_t mask;

        rc_normalize(rc);
        rc->range >>= 1;
        rc->code -= rc->range;
        mask = 0U - (rc->code >> 31);       /* all ones when code < range */
        rc->code += rc->range & mask;
        v = (v << 1) + (mask + 1);
    }
    return v;
}

/* ---- LZMA --------------------------------------------------------------- */

static void lzma_reset_state(struct lzma *lz)
{
    size_t nr = P_LITERAL + ((size_t)LIT_CODER_PROBS << (lz->lc + lz->lp));

    for ( size_t i = 0; i < nr; i++ )
        lz->probs[i] = PROB_ONE / 2;
    lz->state = 0;
    lz->rep[0] = lz->rep[1] = lz->rep[2] = lz->rep[3] = 0;
}

/* LZMA properties byte: (pb * 5 + lp) * 9 + lc; LZMA2 wants lc + lp <= 4. */
static bool lzma_set_props(struct lzma *lz, uint8_t props)
{
    unsigned int lc, lp, pb;

    if ( props >= LZMA_PROPS_MAX )
        return false;
    lc = props % 9;
    lp = (props / 9) % 5;
    pb = props / 45;
    if ( lc + lp > LZMA2_LCLP_MAX )
        return false;
    lz->lc = lc;
    lz->lp = lp;
    lz->lp_mask = (1U << lp) - 1;
    lz->pb_mask = (1U << pb) - 1;
    return true;
}

static UNXZ_INLINE unsigned int lzma_len(struct rc *rc, uint16_t *p,
                                         unsigned int ps)
{
    if ( !rc_bit(rc, &p[LEN_CHOICE]) )
        return MATCH_LEN_MIN +
               rc_tree(rc, &p[LEN_LOW + (ps << LEN_LOW_BITS)], LEN_LOW_BITS);
    if ( !rc_bit(rc, &p[LEN_CHOICE2]) )
        return MATCH_LEN_MIN + (1 << LEN_LOW_BITS) +
               rc_tree(rc, &p[LEN_MID + (ps << LEN_MID_BITS)], LEN_MID_BITS);
    return MATCH_LEN_MIN + (1 << LEN_LOW_BITS) + (1 << LEN_MID_BITS) +
           rc_tree(rc, &p[LEN_HIGH], LEN_HIGH_BITS);
}

/* Distance minus one of a new match of length len. */
static UNXZ_INLINE uint32_t lzma_dist(struct rc *rc, uint16_t *probs,
                                      unsigned int len)
{
    unsigned int ls = MIN(len - MATCH_LEN_MIN, NR_LEN_STATES - 1);
    unsigned int slot, direct;
    uint32_t dist;

    slot = rc_tree(rc, &probs[P_DIST_SLOT + (ls << DIST_SLOT_BITS)],
                   DIST_SLOT_BITS);
    if ( slot < 4 )
        return slot;
    direct = (slot >> 1) - 1;
    dist = (2 | (slot & 1)) << direct;
    if ( slot < DIST_MODEL_END )
        return dist + rc_tree_reverse(rc, &probs[P_DIST_SPECIAL + dist - slot],
                                      direct);
    dist += rc_direct(rc, direct - ALIGN_BITS) << ALIGN_BITS;
    return dist + rc_tree_reverse(rc, &probs[P_DIST_ALIGN], ALIGN_BITS);
}

static UNXZ_INLINE void lzma_literal(struct lzma *lz, struct rc *rc,
                                     struct out *o)
{
    size_t dpos = o->pos - o->dict_start;
    unsigned int prev = dpos ? o->buf[o->pos - 1] : 0;
    unsigned int sym = 1;
    uint16_t *p = &lz->probs[P_LITERAL + LIT_CODER_PROBS *
                             (((dpos & lz->lp_mask) << lz->lc) +
                              (prev >> (8 - lz->lc)))];

    if ( lz->state >= LIT_STATES )
    {
        /* After a match: the byte at rep0 guides until the first miss. */
        unsigned int match = o->buf[o->pos - lz->rep[0] - 1];

        do
        {
            unsigned int mbit = (match >> 7) & 1, bit;

            match <<= 1;
            bit = rc_bit(rc, &p[((1 + mbit) << 8) + sym]);
            sym = (sym << 1) | bit;
            if ( bit != mbit )
                break;
        } while ( sym < 0x100 );
    }
    while ( sym < 0x100 )
        sym = (sym << 1) | rc_bit(rc, &p[sym]);
    o->buf[o->pos++] = (uint8_t)sym;
    lz->state = lz->state < 4 ? 0 : lz->state < 10 ? lz->state - 3
                                                   : lz->state - 6;
}

/*
 * A match: len bytes from dist bytes back, the copy overlapping its source
 * when dist < len. A kernel image is mostly long matches (17 MiB of its
 * .bss and more of page padding are stored as zeros), so bytes go eight
 * at a time where the distance allows, and a run of one byte as a fill:
 * under QEMU's TCG every load and store costs a trip through the
 * emulated TLB.
 */
static UNXZ_INLINE void lzma_copy(uint8_t *dst, const uint8_t *src,
                                  unsigned int len, uint32_t dist)
{
    if ( dist == 1 )
    {
        memset(dst, *src, len);
        return;
    }
    /* Each word's source lies wholly before its destination. */
    if ( dist >= 8 )
        for ( ; len >= 8; len -= 8, dst += 8, src += 8 )
        {
            uint64_t w;

            __builtin_memcpy(&w, src, 8);
            __builtin_memcpy(dst, &w, 8);
        }
    while ( len-- )
        *dst++ = *src++;
}

/*
 * Decodes one LZMA chunk of exactly unc bytes (room checked by the
 * caller) from the range decoder, which must end exactly at its end.
 */
static enum unxz_status lzma_chunk(struct lzma *lzp, struct rc *rcp,
                                   struct out *op, size_t unc)
{
    /* Local copies, so that the compiler keeps them in registers. */
    struct lzma lzl = *lzp, *lz = &lzl;
    struct rc rcl = *rcp, *rc = &rcl;
    struct out ol = *op, *o = &ol;
    enum unxz_status st = UNXZ_ERR_DATA;
    size_t end = o->pos + unc;
    uint16_t *probs = lz->probs;

    while ( o->pos < end )
    {
        size_t dpos = o->pos - o->dict_start;
        unsigned int ps = dpos & lz->pb_mask, s = lz->state, len;
        uint8_t *dst, *src;

        if ( rc->overrun )
            goto out;
        if ( !rc_bit(rc, &probs[P_IS_MATCH + s * POS_STATES_MAX + ps]) )
        {
            lzma_literal(lz, rc, o);
            continue;
        }
        if ( !rc_bit(rc, &probs[P_IS_REP + s]) )
        {
            /* A new match. */
            len = lzma_len(rc, &probs[P_MATCH_LEN], ps);
            lz->rep[3] = lz->rep[2];
            lz->rep[2] = lz->rep[1];
            lz->rep[1] = lz->rep[0];
            lz->rep[0] = lzma_dist(rc, probs, len);
            lz->state = s < LIT_STATES ? 7 : 10;
        }
        else
        {
            if ( dpos == 0 )
                goto out;
            if ( !rc_bit(rc, &probs[P_IS_REP0 + s]) )
            {
                if ( !rc_bit(rc, &probs[P_IS_REP0_LONG +
                                        s * POS_STATES_MAX + ps]) )
                {
                    /* One byte from rep0. */
                    if ( lz->rep[0] >= dpos )
                        goto out;
                    o->buf[o->pos] = o->buf[o->pos - lz->rep[0] - 1];
                    o->pos++;
                    lz->state = s < LIT_STATES ? 9 : 11;
                    continue;
                }
            }
            else
            {
                uint32_t d;

                if ( !rc_bit(rc, &probs[P_IS_REP1 + s]) )
                    d = lz->rep[1];
                else
                {
                    if ( !rc_bit(rc, &probs[P_IS_REP2 + s]) )
                        d = lz->rep[2];
                    else
                    {
                        d = lz->rep[3];
                        lz->rep[3] = lz->rep[2];
                    }
                    lz->rep[2] = lz->rep[1];
                }
                lz->rep[1] = lz->rep[0];
                lz->rep[0] = d;
            }
            len = lzma_len(rc, &probs[P_REP_LEN], ps);
            lz->state = s < LIT_STATES ? 8 : 11;
        }
        /* Also refuses the end marker (distance 2^32): LZMA2 has none. */
        if ( lz->rep[0] >= dpos || lz->rep[0] >= o->dict_bytes ||
             len > end - o->pos )
            goto out;
        dst = o->buf + o->pos;
        src = dst - lz->rep[0] - 1;
        o->pos += len;
        lzma_copy(dst, src, len, lz->rep[0] + 1);
    }
    /* The encoder flushed after the last bit's normalization. */
    rc_normalize(rc);
    if ( !rc->overrun && rc->code == 0 && rc->pos == rc->end )
        st = UNXZ_OK;
 out:
    *lzp = lzl;
    *rcp = rcl;
    *op = ol;
    return st;
}

/* ---- LZMA2 -------------------------------------------------------------- */

/* LZMA2 control byte (format of the .xz filter 0x21). */
#define L2_END              0x00
#define L2_COPY_RESET       0x01    /* uncompressed, dictionary reset */
#define L2_COPY             0x02    /* uncompressed */
#define L2_LZMA             0x80    /* LZMA; bits 5-6 say what resets */
#define L2_LZMA_STATE       0xa0    /* ... state reset */
#define L2_LZMA_PROPS       0xc0    /* ... state reset, new properties */
#define L2_LZMA_DICT        0xe0    /* ... and dictionary reset */

/* See unxz_internal.h. */
enum unxz_status unxz_lzma2_decode(struct xz *x, size_t in_end)
{
    const uint8_t *in = x->in;
    bool need_dict_reset = true, need_props = true;

    for ( ; ; )
    {
        unsigned int ctl;
        size_t unc, comp, hdr;
        struct rc rc;
        enum unxz_status st;

        if ( x->pos >= in_end )
            return UNXZ_ERR_TRUNCATED;
        ctl = in[x->pos];
        if ( ctl == L2_END )
        {
            x->pos++;
            return UNXZ_OK;
        }
        if ( ctl >= L2_LZMA_DICT || ctl == L2_COPY_RESET )
        {
            /* A dictionary reset wants new properties before LZMA data. */
            need_props = true;
            need_dict_reset = false;
            x->o.dict_start = x->o.pos;
        }
        else if ( need_dict_reset )
            return UNXZ_ERR_DATA;

        if ( ctl < L2_LZMA )
        {
            if ( ctl > L2_COPY )
                return UNXZ_ERR_DATA;
            if ( in_end - x->pos < 3 )
                return UNXZ_ERR_TRUNCATED;
            unc = (size_t)be16(in + x->pos + 1) + 1;
            x->pos += 3;
            if ( unc > in_end - x->pos )
                return UNXZ_ERR_TRUNCATED;
            if ( unc > x->o.size - x->o.pos )
                return UNXZ_ERR_NO_ROOM;
            memcpy(x->o.buf + x->o.pos, in + x->pos, unc);
            x->o.pos += unc;
            x->pos += unc;
            continue;
        }

        hdr = ctl >= L2_LZMA_PROPS ? 6 : 5;
        if ( in_end - x->pos < hdr )
            return UNXZ_ERR_TRUNCATED;
        unc = ((size_t)(ctl & 0x1f) << 16) + be16(in + x->pos + 1) + 1;
        comp = (size_t)be16(in + x->pos + 3) + 1;
        if ( ctl >= L2_LZMA_PROPS )
        {
            if ( !lzma_set_props(&x->lz, in[x->pos + 5]) )
                return UNXZ_ERR_DATA;
            need_props = false;
            lzma_reset_state(&x->lz);
        }
        else if ( need_props )
            return UNXZ_ERR_DATA;
        else if ( ctl >= L2_LZMA_STATE )
            lzma_reset_state(&x->lz);
        x->pos += hdr;
        if ( comp > in_end - x->pos )
            return UNXZ_ERR_TRUNCATED;
        if ( unc > x->o.size - x->o.pos )
            return UNXZ_ERR_NO_ROOM;
        /* The range coder starts with a zero byte and four code bytes. */
        if ( comp < 5 || in[x->pos] != 0 )
            return UNXZ_ERR_DATA;
        rc = (struct rc){
            .in = in, .pos = x->pos + 5, .end = x->pos + comp,
            .range = 0xffffffff, .code = (uint32_t)in[x->pos + 1] << 24 |
                                         (uint32_t)in[x->pos + 2] << 16 |
                                         (uint32_t)in[x->pos + 3] << 8 |
                                         in[x->pos + 4] };
        st = lzma_chunk(&x->lz, &rc, &x->o, unc);
        if ( st != UNXZ_OK )
            return st;
        x->pos += comp;
    }
}
