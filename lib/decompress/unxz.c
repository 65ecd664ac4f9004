/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XZ streams (the .xz file format, version 1.x) holding LZMA2 data, with
 * or without the x86 BCJ filter in front; see include/xen/unxz.h.
 *
 * Single-call decoding: the whole input is present and the output buffer
 * is the LZMA2 dictionary, so a match copies from earlier output and no
 * window is allocated. A block's x86 filter runs over the block's output
 * once the block is decoded, which gives the result of the streaming
 * filter because the filter's state only depends on bytes before the
 * point it works on.
 *
 * Untrusted input: every length is checked against what is left of the
 * input or the output before it is used. The range decoder never reads
 * past the chunk it was given (it notes an overrun and yields zero bits,
 * and the chunk loop fails at its next step). Every LZMA symbol writes at
 * least one byte into a chunk whose size was checked against the room
 * left, and every other loop consumes input, so work is bounded by the
 * sizes of input and output.
 *
 * The index cannot be kept (no allocation), so the blocks' record fields
 * (unpadded and uncompressed sizes) are folded into a count, two sums and
 * a CRC32 as they are decoded, and the index records are folded the same
 * way and compared.
 */
#include <xen/crc32.h>
#include <xen/le.h>
#include <xen/string.h>
#include <xen/bcj_x86.h>
#include <xen/unxz.h>

#define UNXZ_INLINE         inline __attribute__((__always_inline__))

/* .xz format 2.1.1 and 2.1.2: stream header and footer. */
#define XZ_HEADER_BYTES     12
#define XZ_FOOTER_BYTES     12
#define XZ_CHECK_NONE       0x0
#define XZ_CHECK_CRC32      0x1
#define XZ_CHECK_CRC64      0x4
/* 3.3: variable-length integers of at most nine bytes. */
#define XZ_VLI_BYTES_MAX    9
/* 3.1.2: block flags. */
#define XZ_BF_NR_FILTERS    0x03
#define XZ_BF_RESERVED      0x3c
#define XZ_BF_COMP_SIZE     0x40
#define XZ_BF_UNCOMP_SIZE   0x80
/* 5.3: filter IDs. */
#define XZ_FILTER_X86       0x04
#define XZ_FILTER_LZMA2     0x21
/* 5.3.1: the LZMA2 property byte encodes the dictionary size. */
#define LZMA2_DICT_PROP_MAX 40

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

static const uint8_t xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };
static const uint8_t xz_footer_magic[2] = { 'Y', 'Z' };

static const char *const status_text[UNXZ_NR_STATUS] = {
    [UNXZ_OK]                    = "ok",
    [UNXZ_ERR_NOT_XZ]            = "not an xz stream",
    [UNXZ_ERR_TRUNCATED]         = "xz data cut short",
    [UNXZ_ERR_HEADER_CRC]        = "xz header, index or footer CRC32 "
                                   "mismatch",
    [UNXZ_ERR_FLAGS]             = "bad xz stream flags",
    [UNXZ_ERR_UNSUPPORTED_CHECK] = "unsupported xz check type",
    [UNXZ_ERR_UNSUPPORTED_FILTER] = "unsupported xz filter chain",
    [UNXZ_ERR_BLOCK_HEADER]      = "malformed xz block header",
    [UNXZ_ERR_DATA]              = "corrupt LZMA2 data",
    [UNXZ_ERR_SIZE]              = "xz block size mismatch",
    [UNXZ_ERR_CHECK]             = "xz block check mismatch",
    [UNXZ_ERR_INDEX]             = "xz index does not match the blocks",
    [UNXZ_ERR_FOOTER]            = "malformed xz stream footer",
    [UNXZ_ERR_PADDING]           = "bad xz padding",
    [UNXZ_ERR_NO_ROOM]           = "output buffer too small",
};

/* The checks' polynomials, reflected (CRC-32 IEEE 802.3, CRC-64 ECMA-182). */
#define CRC32_POLY          0xedb88320U
#define CRC64_POLY          0xc96c5795d7870f42ULL

/* Range decoder over one LZMA chunk [pos, end) of in. */
struct rc {
    const uint8_t *in;
    size_t pos;
    size_t end;
    uint32_t range;
    uint32_t code;
    bool overrun;           /* wanted a byte past end (then reads zeros) */
};

/* LZMA state kept across the chunks of one block. */
struct lzma {
    uint16_t *probs;
    unsigned int lc;
    unsigned int lp;
    unsigned int lp_mask;
    unsigned int pb_mask;
    unsigned int state;
    uint32_t rep[4];        /* distances minus one, most recent first */
};

/* Output buffer, which is also the dictionary. */
struct out {
    uint8_t *buf;
    size_t pos;
    size_t size;
    size_t dict_start;      /* output offset of the last dictionary reset */
    uint64_t dict_bytes;    /* farthest a match may reach back */
};

/* What the blocks said, for comparison with the index. */
struct records {
    uint64_t nr;
    uint64_t unpadded_sum;
    uint64_t uncomp_sum;
    uint32_t crc;
};

/* One stream's decoding. */
struct xz {
    const uint8_t *in;
    size_t in_bytes;
    size_t pos;
    struct out o;
    struct lzma lz;
    unsigned int check;
    struct records blocks;
    struct unxz_work *w;
};

const char *unxz_strerror(enum unxz_status st)
{
    if ( (unsigned int)st >= UNXZ_NR_STATUS )
        return "unknown unxz status";
    return status_text[st];
}

/*
 * Slicing-by-4 tables for the stream's check, built per stream into the
 * work area: t[0] is the byte-at-a-time table, t[k][b] advances t[0][b]
 * by k more zero bytes.
 */
static void crc_build(struct unxz_work *w, unsigned int check)
{
    for ( unsigned int b = 0; b < 256; b++ )
    {
        uint32_t c32 = b;
        uint64_t c64 = b;

        for ( unsigned int k = 0; k < 8; k++ )
        {
            c32 = (c32 >> 1) ^ (CRC32_POLY & (0U - (c32 & 1)));
            c64 = (c64 >> 1) ^ (CRC64_POLY & (0ULL - (c64 & 1)));
        }
        if ( check == XZ_CHECK_CRC32 )
            w->crc32[0][b] = c32;
        else
            w->crc64[0][b] = c64;
    }
    for ( unsigned int k = 1; k < 4; k++ )
        for ( unsigned int b = 0; b < 256; b++ )
        {
            if ( check == XZ_CHECK_CRC32 )
            {
                uint32_t c = w->crc32[k - 1][b];

                w->crc32[k][b] = (c >> 8) ^ w->crc32[0][c & 0xff];
            }
            else
            {
                uint64_t c = w->crc64[k - 1][b];

                w->crc64[k][b] = (c >> 8) ^ w->crc64[0][c & 0xff];
            }
        }
}

static uint32_t crc32_fast(const struct unxz_work *w, const uint8_t *p,
                           size_t bytes)
{
    uint32_t c = 0xffffffff;
    size_t i = 0;

    for ( ; i + 4 <= bytes; i += 4 )
    {
        c ^= le32(p + i);
        c = w->crc32[3][c & 0xff] ^ w->crc32[2][(c >> 8) & 0xff] ^
            w->crc32[1][(c >> 16) & 0xff] ^ w->crc32[0][c >> 24];
    }
    for ( ; i < bytes; i++ )
        c = (c >> 8) ^ w->crc32[0][(c ^ p[i]) & 0xff];
    return ~c;
}

static uint64_t crc64_fast(const struct unxz_work *w, const uint8_t *p,
                           size_t bytes)
{
    uint64_t c = ~0ULL;
    size_t i = 0;

    for ( ; i + 4 <= bytes; i += 4 )
    {
        uint32_t lo = (uint32_t)c ^ le32(p + i);

        c = (c >> 32) ^ w->crc64[3][lo & 0xff] ^
            w->crc64[2][(lo >> 8) & 0xff] ^
            w->crc64[1][(lo >> 16) & 0xff] ^ w->crc64[0][lo >> 24];
    }
    for ( ; i < bytes; i++ )
        c = (c >> 8) ^ w->crc64[0][(c ^ p[i]) & 0xff];
    return ~c;
}

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
    uint32_t bound;

    rc_normalize(rc);
    bound = (rc->range >> PROB_BITS) * *prob;
    if ( rc->code < bound )
    {
        rc->range = bound;
        *prob += (PROB_ONE - *prob) >> PROB_MOVE;
        return 0;
    }
    rc->range -= bound;
    rc->code -= bound;
    *prob -= *prob >> PROB_MOVE;
    return 1;
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
        while ( len-- )
            *dst++ = *src++;
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

/*
 * Decodes LZMA2 chunks from in[x->pos, in_end) up to the end marker; on
 * success x->pos is just past it.
 */
static enum unxz_status lzma2_decode(struct xz *x, size_t in_end)
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

/* ---- container ---------------------------------------------------------- */

/* 3.3: a variable-length integer from in[*pos, end); false if malformed. */
static bool xz_vli(const uint8_t *in, size_t end, size_t *pos, uint64_t *v,
                   bool *past_end)
{
    *v = 0;
    for ( unsigned int i = 0; i < XZ_VLI_BYTES_MAX; i++ )
    {
        uint8_t b;

        if ( *pos >= end )
        {
            *past_end = true;
            return false;
        }
        b = in[(*pos)++];
        *v |= (uint64_t)(b & 0x7f) << (7 * i);
        if ( !(b & 0x80) )
            return i == 0 || b != 0;    /* the shortest encoding only */
    }
    return false;
}

static unsigned int xz_check_bytes(unsigned int check)
{
    return check == XZ_CHECK_NONE ? 0 : check == XZ_CHECK_CRC32 ? 4 : 8;
}

static void records_add(struct records *r, uint64_t unpadded, uint64_t unc)
{
    uint8_t rec[16];

    for ( unsigned int i = 0; i < 8; i++ )
    {
        rec[i] = (uint8_t)(unpadded >> (8 * i));
        rec[8 + i] = (uint8_t)(unc >> (8 * i));
    }
    r->nr++;
    r->unpadded_sum += unpadded;
    r->uncomp_sum += unc;
    r->crc = crc32_update(r->crc, rec, sizeof(rec));
}

/* Filter chain of a block header, as far as we support one. */
struct chain {
    bool has_x86;
    uint32_t x86_start;
    uint64_t dict_bytes;
};

/* 3.1.5: the filter flags in hdr[*pos, end). */
static enum unxz_status xz_filters(const uint8_t *hdr, size_t end,
                                   size_t *pos, unsigned int nr,
                                   struct chain *c)
{
    bool past_end = false;

    for ( unsigned int f = 0; f < nr; f++ )
    {
        uint64_t id, props_bytes;
        const uint8_t *props;

        if ( !xz_vli(hdr, end, pos, &id, &past_end) ||
             !xz_vli(hdr, end, pos, &props_bytes, &past_end) ||
             props_bytes > end - *pos )
            return UNXZ_ERR_BLOCK_HEADER;
        props = hdr + *pos;
        *pos += props_bytes;
        if ( f + 1 < nr )
        {
            /* Only x86 BCJ, once, with an optional start offset. */
            if ( id != XZ_FILTER_X86 || c->has_x86 )
                return UNXZ_ERR_UNSUPPORTED_FILTER;
            if ( props_bytes != 0 && props_bytes != 4 )
                return UNXZ_ERR_BLOCK_HEADER;
            c->has_x86 = true;
            c->x86_start = props_bytes ? le32(props) : 0;
            continue;
        }
        if ( id != XZ_FILTER_LZMA2 )
            return UNXZ_ERR_UNSUPPORTED_FILTER;
        if ( props_bytes != 1 || props[0] > LZMA2_DICT_PROP_MAX )
            return UNXZ_ERR_BLOCK_HEADER;
        if ( props[0] == LZMA2_DICT_PROP_MAX )
            c->dict_bytes = 0xffffffffULL;
        else
            c->dict_bytes = (uint64_t)(2 | (props[0] & 1)) <<
                            (props[0] / 2 + 11);
    }
    /* The dictionary is at least 4 KiB and rounded up to 16 bytes. */
    c->dict_bytes = ALIGN_UP(MAX(c->dict_bytes, 4096ULL), 16ULL);
    return UNXZ_OK;
}

/* 3.1: one block starting at x->pos (its header size byte is non-zero). */
static enum unxz_status xz_block(struct xz *x)
{
    const uint8_t *in = x->in, *hdr = in + x->pos;
    size_t hdr_bytes = ((size_t)hdr[0] + 1) * 4, p = 2, data, out_start;
    size_t comp, check_bytes = xz_check_bytes(x->check);
    uint64_t comp_decl = 0, unc_decl = 0;
    bool past_end = false;
    struct chain c = { 0 };
    enum unxz_status st;
    uint8_t flags;

    if ( hdr_bytes > x->in_bytes - x->pos )
        return UNXZ_ERR_TRUNCATED;
    if ( crc32_update(0, hdr, hdr_bytes - 4) != le32(hdr + hdr_bytes - 4) )
        return UNXZ_ERR_HEADER_CRC;
    flags = hdr[1];
    if ( flags & XZ_BF_RESERVED )
        return UNXZ_ERR_BLOCK_HEADER;
    if ( ((flags & XZ_BF_COMP_SIZE) &&
          (!xz_vli(hdr, hdr_bytes - 4, &p, &comp_decl, &past_end) ||
           comp_decl == 0)) ||
         ((flags & XZ_BF_UNCOMP_SIZE) &&
          !xz_vli(hdr, hdr_bytes - 4, &p, &unc_decl, &past_end)) )
        return UNXZ_ERR_BLOCK_HEADER;
    st = xz_filters(hdr, hdr_bytes - 4, &p, (flags & XZ_BF_NR_FILTERS) + 1,
                    &c);
    if ( st != UNXZ_OK )
        return st;
    for ( ; p < hdr_bytes - 4; p++ )
        if ( hdr[p] )
            return UNXZ_ERR_BLOCK_HEADER;

    data = x->pos + hdr_bytes;
    x->pos = data;
    out_start = x->o.pos;
    x->o.dict_start = out_start;
    x->o.dict_bytes = c.dict_bytes;
    if ( flags & XZ_BF_COMP_SIZE )
    {
        if ( comp_decl > x->in_bytes - data )
            return UNXZ_ERR_TRUNCATED;
        st = lzma2_decode(x, data + comp_decl);
    }
    else
        st = lzma2_decode(x, x->in_bytes);
    if ( st != UNXZ_OK )
        return st;
    comp = x->pos - data;
    if ( ((flags & XZ_BF_COMP_SIZE) && comp != comp_decl) ||
         ((flags & XZ_BF_UNCOMP_SIZE) && x->o.pos - out_start != unc_decl) )
        return UNXZ_ERR_SIZE;
    if ( c.has_x86 )
        bcj_x86(x->o.buf + out_start, x->o.pos - out_start, c.x86_start);

    /* 3.3: block padding to four bytes, then the check. */
    while ( (hdr_bytes + x->pos - data) & 3 )
    {
        if ( x->pos >= x->in_bytes )
            return UNXZ_ERR_TRUNCATED;
        if ( in[x->pos++] )
            return UNXZ_ERR_PADDING;
    }
    if ( check_bytes > x->in_bytes - x->pos )
        return UNXZ_ERR_TRUNCATED;
    if ( (x->check == XZ_CHECK_CRC32 &&
          crc32_fast(x->w, x->o.buf + out_start, x->o.pos - out_start) !=
          le32(in + x->pos)) ||
         (x->check == XZ_CHECK_CRC64 &&
          crc64_fast(x->w, x->o.buf + out_start, x->o.pos - out_start) !=
          le64(in + x->pos)) )
        return UNXZ_ERR_CHECK;
    x->pos += check_bytes;
    records_add(&x->blocks, hdr_bytes + comp + check_bytes,
                x->o.pos - out_start);
    return UNXZ_OK;
}

/* 4: the index at x->pos (its indicator byte is zero); *bytes its size. */
static enum unxz_status xz_index(struct xz *x, size_t *bytes)
{
    const uint8_t *in = x->in;
    size_t start = x->pos;
    struct records r = { 0 };
    uint64_t nr;
    bool past_end = false;

    x->pos++;
    if ( !xz_vli(in, x->in_bytes, &x->pos, &nr, &past_end) )
        return past_end ? UNXZ_ERR_TRUNCATED : UNXZ_ERR_INDEX;
    if ( nr != x->blocks.nr )
        return UNXZ_ERR_INDEX;
    for ( uint64_t i = 0; i < nr; i++ )
    {
        uint64_t unpadded, unc;

        if ( !xz_vli(in, x->in_bytes, &x->pos, &unpadded, &past_end) ||
             !xz_vli(in, x->in_bytes, &x->pos, &unc, &past_end) )
            return past_end ? UNXZ_ERR_TRUNCATED : UNXZ_ERR_INDEX;
        records_add(&r, unpadded, unc);
    }
    while ( (x->pos - start) & 3 )
    {
        if ( x->pos >= x->in_bytes )
            return UNXZ_ERR_TRUNCATED;
        if ( in[x->pos++] )
            return UNXZ_ERR_PADDING;
    }
    if ( x->in_bytes - x->pos < 4 )
        return UNXZ_ERR_TRUNCATED;
    if ( crc32_update(0, in + start, x->pos - start) != le32(in + x->pos) )
        return UNXZ_ERR_HEADER_CRC;
    x->pos += 4;
    if ( r.unpadded_sum != x->blocks.unpadded_sum ||
         r.uncomp_sum != x->blocks.uncomp_sum || r.crc != x->blocks.crc )
        return UNXZ_ERR_INDEX;
    *bytes = x->pos - start;
    return UNXZ_OK;
}

bool unxz_is_xz(const void *in, size_t in_bytes)
{
    return in_bytes >= sizeof(xz_magic) &&
           !memcmp(in, xz_magic, sizeof(xz_magic));
}

/* One stream at x->pos; the caller has x->o ready. */
static enum unxz_status xz_stream(struct xz *x)
{
    const uint8_t *in = x->in, *h = in + x->pos, *f;
    size_t index_bytes;
    enum unxz_status st;

    if ( !unxz_is_xz(h, x->in_bytes - x->pos) )
        return UNXZ_ERR_NOT_XZ;
    if ( x->in_bytes - x->pos < XZ_HEADER_BYTES )
        return UNXZ_ERR_TRUNCATED;
    if ( crc32_update(0, h + 6, 2) != le32(h + 8) )
        return UNXZ_ERR_HEADER_CRC;
    if ( h[6] != 0 || (h[7] & 0xf0) )
        return UNXZ_ERR_FLAGS;
    x->check = h[7];
    if ( x->check != XZ_CHECK_NONE && x->check != XZ_CHECK_CRC32 &&
         x->check != XZ_CHECK_CRC64 )
        return UNXZ_ERR_UNSUPPORTED_CHECK;
    if ( x->check != XZ_CHECK_NONE )
        crc_build(x->w, x->check);
    x->pos += XZ_HEADER_BYTES;
    x->blocks = (struct records){ 0 };

    for ( ; ; )
    {
        if ( x->pos >= x->in_bytes )
            return UNXZ_ERR_TRUNCATED;
        if ( in[x->pos] == 0 )
            break;
        st = xz_block(x);
        if ( st != UNXZ_OK )
            return st;
    }
    st = xz_index(x, &index_bytes);
    if ( st != UNXZ_OK )
        return st;

    if ( x->in_bytes - x->pos < XZ_FOOTER_BYTES )
        return UNXZ_ERR_TRUNCATED;
    f = in + x->pos;
    if ( crc32_update(0, f + 4, 6) != le32(f) )
        return UNXZ_ERR_HEADER_CRC;
    if ( ((uint64_t)le32(f + 4) + 1) * 4 != index_bytes ||
         memcmp(f + 10, xz_footer_magic, sizeof(xz_footer_magic)) )
        return UNXZ_ERR_FOOTER;
    if ( f[8] != h[6] || f[9] != h[7] )
        return UNXZ_ERR_FLAGS;
    x->pos += XZ_FOOTER_BYTES;
    return UNXZ_OK;
}

static void xz_init(struct xz *x, const void *in, size_t in_bytes, void *out,
                    size_t out_bytes, struct unxz_work *w)
{
    *x = (struct xz){
        .in = in, .in_bytes = in_bytes,
        .o = { .buf = out, .size = out_bytes },
        .lz = { .probs = w->probs },
        .w = w,
    };
}

enum unxz_status unxz_stream(const void *in, size_t in_bytes, void *out,
                             size_t out_bytes, size_t *out_len,
                             size_t *in_used, struct unxz_work *w)
{
    struct xz x;
    enum unxz_status st;

    xz_init(&x, in, in_bytes, out, out_bytes, w);
    st = xz_stream(&x);
    *out_len = x.o.pos;
    *in_used = x.pos;
    return st;
}

enum unxz_status unxz_decode(const void *in, size_t in_bytes, void *out,
                             size_t out_bytes, size_t *out_len,
                             size_t *in_used, struct unxz_work *w)
{
    struct xz x;
    enum unxz_status st;

    xz_init(&x, in, in_bytes, out, out_bytes, w);
    st = xz_stream(&x);
    *in_used = x.pos;
    while ( st == UNXZ_OK )
    {
        size_t zeros = 0;

        while ( x.pos + zeros < in_bytes && x.in[x.pos + zeros] == 0 )
            zeros++;
        if ( x.pos + zeros == in_bytes )
        {
            if ( zeros & 3 )
                st = UNXZ_ERR_PADDING;
            break;
        }
        if ( !unxz_is_xz(x.in + x.pos + zeros, in_bytes - x.pos - zeros) )
            break;
        if ( zeros & 3 )
        {
            st = UNXZ_ERR_PADDING;
            break;
        }
        x.pos += zeros;
        st = xz_stream(&x);
        *in_used = x.pos;
    }
    *out_len = x.o.pos;
    return st;
}
