/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Zstandard frames (RFC 8878); see include/xen/unzstd.h. This file reads
 * frames, blocks, the literals section's header and the sequences
 * section, and executes the sequences; lib/decompress/zstd_entropy.c
 * holds the FSE and Huffman decoders.
 *
 * Single-call decoding: the whole input is present and the output buffer
 * is the window, so a match copies from earlier output of its frame and
 * nothing is allocated. The literals of a block are decoded into the
 * work area first (the output has no room to spare).
 *
 * Untrusted input: every length is checked against what is left of the
 * input, the block or the output before it is used; a bitstream is never
 * read outside its bytes. Every sequence writes at least three bytes
 * (the shortest match), and every other loop consumes input, so work is
 * bounded by the sizes of input and output.
 *
 * Where RFC 8878 leaves a choice, this decoder takes libzstd's (the
 * reference decoder, 1.5.4) so that the two agree (test/fuzz/
 * fuzz_unzstd.c): the reserved bits of the sequence modes byte are
 * ignored, a repeat offset of zero becomes one, Huffman codes may have
 * 12 bits, and offsets are checked against the frame's output, not the
 * window. It is stricter in three places, each with its own status: a
 * block larger than Block_Maximum_Size, a bitstream not consumed exactly
 * (libzstd lets some Huffman and sequence streams end early or run
 * over), and frames naming a dictionary.
 */
#include <xen/le.h>
#include <xen/string.h>
#include <xen/xxh64.h>
#include "zstd_internal.h"

/* RFC 8878 3.1.1 and 3.1.2: magic numbers. */
#define ZSTD_MAGIC          0xfd2fb528U
#define SKIPPABLE_MAGIC     0x184d2a50U
#define SKIPPABLE_MASK      0xfffffff0U
/* 3.1.1.1.1: Frame_Header_Descriptor. */
#define FHD_FCS_SHIFT       6
#define FHD_SINGLE_SEGMENT  0x20
#define FHD_RESERVED        0x08
#define FHD_CHECKSUM        0x04
#define FHD_DICT_ID         0x03
/* 3.1.1.1.2: window log = 10 + exponent; libzstd stops at 31. */
#define WINDOW_LOG_MIN      10
#define WINDOW_LOG_MAX      31
/* 3.1.1.2: block types. */
#define BLOCK_RAW           0
#define BLOCK_RLE           1
#define BLOCK_COMPRESSED    2
#define BLOCK_HEADER_BYTES  3
/* 3.1.1.3.1.1: literals block types. */
#define LIT_RAW             0
#define LIT_RLE             1
#define LIT_COMPRESSED      2
#define LIT_TREELESS        3
/* libzstd: fewer literals cannot be split in four streams. */
#define LIT_FOUR_MIN        6
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
#define ML_MIN              3

static const char *const status_text[UNZSTD_NR_STATUS] = {
    [UNZSTD_OK]               = "ok",
    [UNZSTD_ERR_NOT_ZSTD]     = "not a zstd frame",
    [UNZSTD_ERR_TRUNCATED]    = "zstd data cut short",
    [UNZSTD_ERR_RESERVED]     = "reserved zstd bit or block type set",
    [UNZSTD_ERR_WINDOW]       = "zstd window larger than 2 GiB",
    [UNZSTD_ERR_DICTIONARY]   = "zstd frame needs a dictionary",
    [UNZSTD_ERR_BLOCK_SIZE]   = "zstd block larger than its maximum",
    [UNZSTD_ERR_LITERALS]     = "malformed zstd literals section",
    [UNZSTD_ERR_HUFFMAN]      = "malformed zstd Huffman table",
    [UNZSTD_ERR_FSE]          = "malformed zstd FSE table",
    [UNZSTD_ERR_BITSTREAM]    = "zstd bitstream not consumed exactly",
    [UNZSTD_ERR_SEQUENCES]    = "malformed zstd sequences section",
    [UNZSTD_ERR_OFFSET]       = "zstd match offset before the frame",
    [UNZSTD_ERR_CONTENT_SIZE] = "zstd frame content size mismatch",
    [UNZSTD_ERR_CHECKSUM]     = "zstd content checksum mismatch",
    [UNZSTD_ERR_NO_ROOM]      = "output buffer too small",
};

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

/* One frame's decoding. */
struct frame {
    const uint8_t *in;
    size_t in_bytes;
    size_t pos;
    uint8_t *out;
    size_t out_bytes;
    size_t out_pos;
    size_t start;               /* output offset of the frame's first byte */
    size_t block_max;           /* Block_Maximum_Size */
    uint32_t rep[3];            /* repeat offsets, most recent first */
    struct zstd_entropy e;
    struct unzstd_work *w;
};

/* A block's literals, decoded or in place in the input. */
struct literals {
    const uint8_t *p;
    size_t n;
};

const char *unzstd_strerror(enum unzstd_status st)
{
    if ( (unsigned int)st >= UNZSTD_NR_STATUS )
        return "unknown unzstd status";
    return status_text[st];
}

bool unzstd_is_zstd(const void *in, size_t in_bytes)
{
    return in_bytes >= 4 && le32(in) == ZSTD_MAGIC;
}

/*
 * Where a block's output may end: the block maximum, or the buffer.
 * *why says which failure running past it is.
 */
static size_t block_end(const struct frame *f, enum unzstd_status *why)
{
    if ( f->out_bytes - f->out_pos >= f->block_max )
    {
        *why = UNZSTD_ERR_BLOCK_SIZE;
        return f->out_pos + f->block_max;
    }
    *why = UNZSTD_ERR_NO_ROOM;
    return f->out_bytes;
}

/*
 * RFC 8878 3.1.1.3.1: the literals section at b (bytes, the block's
 * size), decoded into the work area or left in place. *used is its size.
 */
static enum unzstd_status literals_section(struct frame *f, const uint8_t *b,
                                           size_t bytes, struct literals *lit,
                                           size_t *used)
{
    unsigned int type = b[0] & 3, sf = (b[0] >> 2) & 3;
    size_t n, c, lh, h;
    uint32_t lhc;
    enum unzstd_status st;

    if ( bytes < 2 )
        return UNZSTD_ERR_LITERALS;
    if ( type == LIT_RAW || type == LIT_RLE )
    {
        /* Size_Format 0 and 2: five bits; 1: twelve; 3: twenty. */
        lh = sf == 1 ? 2 : sf == 3 ? 3 : 1;
        if ( lh + (type == LIT_RLE) > bytes )
            return UNZSTD_ERR_LITERALS;
        n = lh == 1 ? b[0] >> 3 : lh == 2 ? le16(b) >> 4
                                          : (le16(b) | b[2] << 16) >> 4;
        if ( n > f->out_bytes - f->out_pos )
            return UNZSTD_ERR_NO_ROOM;
        if ( n > f->block_max )
            return UNZSTD_ERR_BLOCK_SIZE;
        if ( type == LIT_RLE )
        {
            memset(f->w->literals, b[lh], n);
            lit->p = f->w->literals;
            *used = lh + 1;
        }
        else
        {
            if ( n > bytes - lh )
                return UNZSTD_ERR_LITERALS;
            lit->p = b + lh;
            *used = lh + n;
        }
        lit->n = n;
        return UNZSTD_OK;
    }

    /* Compressed and treeless: sizes of 10, 14 or 18 bits each. */
    if ( bytes < 5 )
        return UNZSTD_ERR_LITERALS;
    if ( type == LIT_TREELESS && !f->e.huf_log )
        return UNZSTD_ERR_HUFFMAN;
    lhc = le32(b);
    lh = sf <= 1 ? 3 : sf + 2;
    n = (lhc >> 4) & ((1u << (lh * 4 - 2)) - 1);
    c = sf <= 1 ? (lhc >> 14) & 0x3ff : sf == 2 ? lhc >> 18
                                       : (lhc >> 22) | (size_t)b[4] << 10;
    if ( n > UNZSTD_BLOCK_MAX || (sf != 0 && n < LIT_FOUR_MIN) ||
         c > bytes - lh )
        return UNZSTD_ERR_LITERALS;
    if ( n > f->out_bytes - f->out_pos )
        return UNZSTD_ERR_NO_ROOM;
    if ( n > f->block_max )
        return UNZSTD_ERR_BLOCK_SIZE;
    b += lh;
    *used = lh + c;
    if ( type == LIT_COMPRESSED )
    {
        st = zstd_huf_read(f->w, &f->e, b, c, &h);
        if ( st != UNZSTD_OK )
            return st;
        if ( h >= c )
            return UNZSTD_ERR_HUFFMAN;
        b += h;
        c -= h;
    }
    st = zstd_huf_decode(f->w, &f->e, f->w->literals, n, b, c, sf != 0);
    lit->p = f->w->literals;
    lit->n = n;
    return st;
}

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

/* Copies a match of len bytes from offset back (possibly overlapping). */
static void copy_match(uint8_t *op, size_t offset, size_t len)
{
    const uint8_t *m = op - offset;

    if ( offset >= len )
        memcpy(op, m, len);
    else
        for ( size_t i = 0; i < len; i++ )
            op[i] = m[i];
}

/*
 * 3.1.1.3.2.1.2 and 3.1.1.4: decodes nr sequences from the bitstream in
 * (bytes) and executes them with the literals, then copies the literals
 * left over.
 */
static enum unzstd_status sequences(struct frame *f, const struct literals *lit,
                                    unsigned int nr, const uint8_t *in,
                                    size_t bytes)
{
    const struct unzstd_fse_entry *llt = f->e.ll, *oft = f->e.of,
                                  *mlt = f->e.ml;
    const uint8_t *lp = lit->p, *lend = lit->p + lit->n;
    enum unzstd_status full;
    size_t end = block_end(f, &full);
    uint8_t *op = f->out + f->out_pos, *oend = f->out + end;
    uint32_t r0 = f->rep[0], r1 = f->rep[1], r2 = f->rep[2];
    unsigned int ls, os, ms;
    struct zbits b;

    if ( !zbits_init(&b, in, bytes) )
        return UNZSTD_ERR_BITSTREAM;
    ls = (unsigned int)zbits_read(&b, f->e.ll_log);
    zbits_reload(&b);
    os = (unsigned int)zbits_read(&b, f->e.of_log);
    zbits_reload(&b);
    ms = (unsigned int)zbits_read(&b, f->e.ml_log);
    zbits_reload(&b);

    for ( unsigned int i = 0; i < nr; i++ )
    {
        const struct unzstd_fse_entry *le = &llt[ls], *oe = &oft[os],
                                      *me = &mlt[ms];
        size_t ll, ml, offset;
        uint64_t ofv;

        /* Offset bits, then match length bits, then literal length's. */
        ofv = oe->base + zbits_read(&b, oe->add_bits);
        ml = me->base + zbits_read(&b, me->add_bits);
        if ( oe->add_bits + me->add_bits + le->add_bits > 31 )
            zbits_reload(&b);
        ll = le->base + zbits_read(&b, le->add_bits);
        if ( i + 1 < nr )
        {
            ls = le->next + (unsigned int)zbits_read(&b, le->nb_bits);
            ms = me->next + (unsigned int)zbits_read(&b, me->nb_bits);
            os = oe->next + (unsigned int)zbits_read(&b, oe->nb_bits);
        }
        zbits_reload(&b);
        if ( zbits_overflow(&b) )
            return UNZSTD_ERR_BITSTREAM;

        /* 3.1.1.5: repeat offsets; a literal length of 0 shifts them. */
        if ( ofv > 3 )
        {
            offset = ofv - 3;
            r2 = r1;
            r1 = r0;
            r0 = (uint32_t)offset;
        }
        else
        {
            unsigned int idx = (unsigned int)ofv - 1 + (ll == 0);

            if ( idx == 0 )
                offset = r0;
            else if ( idx == 1 )
            {
                offset = r1;
                r1 = r0;
                r0 = (uint32_t)offset;
            }
            else
            {
                offset = idx == 2 ? r2 : r0 - 1 + (r0 == 1);
                r2 = r1;
                r1 = r0;
                r0 = (uint32_t)offset;
            }
        }

        if ( ll > (size_t)(lend - lp) )
            return UNZSTD_ERR_SEQUENCES;
        if ( ll + ml > (size_t)(oend - op) )
            return full;
        memcpy(op, lp, ll);
        op += ll;
        lp += ll;
        if ( offset > (size_t)(op - (f->out + f->start)) )
            return UNZSTD_ERR_OFFSET;
        copy_match(op, offset, ml);
        op += ml;
    }
    if ( !zbits_done(&b) )
        return UNZSTD_ERR_BITSTREAM;
    f->rep[0] = r0;
    f->rep[1] = r1;
    f->rep[2] = r2;
    if ( (size_t)(lend - lp) > (size_t)(oend - op) )
        return full;
    memcpy(op, lp, lend - lp);
    op += lend - lp;
    f->out_pos = op - f->out;
    return UNZSTD_OK;
}

/* 3.1.1.3: a compressed block of bytes bytes at b. */
static enum unzstd_status compressed_block(struct frame *f, const uint8_t *b,
                                           size_t bytes)
{
    const uint8_t *s;
    struct literals lit;
    size_t used, rem, u;
    unsigned int nr, modes;
    enum unzstd_status st;
    struct unzstd_work *w = f->w;
    struct zstd_entropy e;

    st = literals_section(f, b, bytes, &lit, &used);
    if ( st != UNZSTD_OK )
        return st;
    s = b + used;
    rem = bytes - used;

    /* 3.1.1.3.2.1: Number_of_Sequences. */
    if ( rem < 1 )
        return UNZSTD_ERR_SEQUENCES;
    nr = s[0];
    if ( nr == 0 )
    {
        enum unzstd_status full;

        if ( rem != 1 )
            return UNZSTD_ERR_SEQUENCES;
        if ( lit.n > block_end(f, &full) - f->out_pos )
            return full;
        memcpy(f->out + f->out_pos, lit.p, lit.n);
        f->out_pos += lit.n;
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
    e = f->e;
    st = seq_table(modes >> 6, &e.ll, &e.ll_log, w->ll, w->ll_default,
                   LL_DEFAULT_LOG, LL_CODE_MAX, UNZSTD_LL_LOG_MAX, ll_base,
                   ll_bits, s + used, rem - used, &u);
    if ( st != UNZSTD_OK )
        return st;
    used += u;
    st = seq_table((modes >> 4) & 3, &e.of, &e.of_log, w->of, w->of_default,
                   OF_DEFAULT_LOG, OF_CODE_MAX, UNZSTD_OF_LOG_MAX, of_base,
                   of_bits, s + used, rem - used, &u);
    if ( st != UNZSTD_OK )
        return st;
    used += u;
    st = seq_table((modes >> 2) & 3, &e.ml, &e.ml_log, w->ml, w->ml_default,
                   ML_DEFAULT_LOG, ML_CODE_MAX, UNZSTD_ML_LOG_MAX, ml_base,
                   ml_bits, s + used, rem - used, &u);
    if ( st != UNZSTD_OK )
        return st;
    used += u;
    f->e = e;
    return sequences(f, &lit, nr, s + used, rem - used);
}

/* 3.1.1.1: the frame header; sets the block maximum and the flags. */
static enum unzstd_status frame_header(struct frame *f, bool *checksum,
                                       uint64_t *content_size)
{
    static const uint8_t did_bytes[4] = { 0, 1, 2, 4 };
    static const uint8_t fcs_bytes[4] = { 0, 2, 4, 8 };
    const uint8_t *h = f->in + f->pos;
    size_t rem = f->in_bytes - f->pos, hb;
    unsigned int fhd, fcs_flag, did_flag;
    bool single;
    uint64_t window = 0;
    uint32_t did = 0;

    if ( rem < 5 )
        return UNZSTD_ERR_TRUNCATED;
    fhd = h[4];
    fcs_flag = fhd >> FHD_FCS_SHIFT;
    did_flag = fhd & FHD_DICT_ID;
    single = fhd & FHD_SINGLE_SEGMENT;
    hb = 5 + !single + did_bytes[did_flag] + fcs_bytes[fcs_flag] +
         (single && !fcs_flag);
    if ( rem < hb + BLOCK_HEADER_BYTES )
        return UNZSTD_ERR_TRUNCATED;
    if ( fhd & FHD_RESERVED )
        return UNZSTD_ERR_RESERVED;
    h += 5;
    if ( !single )
    {
        unsigned int wlog = WINDOW_LOG_MIN + (h[0] >> 3);

        if ( wlog > WINDOW_LOG_MAX )
            return UNZSTD_ERR_WINDOW;
        window = (1ULL << wlog) + ((1ULL << wlog) >> 3) * (h[0] & 7);
        h++;
    }
    switch ( did_flag )
    {
    case 1: did = h[0]; break;
    case 2: did = le16(h); break;
    case 3: did = le32(h); break;
    }
    h += did_bytes[did_flag];
    if ( did )
        return UNZSTD_ERR_DICTIONARY;
    switch ( fcs_flag )
    {
    case 0: *content_size = single ? h[0] : UINT64_MAX; break;
    case 1: *content_size = le16(h) + 256ULL; break;
    case 2: *content_size = le32(h); break;
    default: *content_size = le64(h); break;
    }
    if ( single )
        window = *content_size;
    if ( *content_size != UINT64_MAX &&
         *content_size > f->out_bytes - f->out_pos )
        return UNZSTD_ERR_NO_ROOM;
    f->block_max = window < UNZSTD_BLOCK_MAX ? (size_t)window
                                             : UNZSTD_BLOCK_MAX;
    *checksum = fhd & FHD_CHECKSUM;
    f->pos += hb;
    return UNZSTD_OK;
}

/* 3.1.1: one frame at f->pos, its magic checked. */
static enum unzstd_status frame(struct frame *f)
{
    uint64_t content_size;
    bool checksum, last = false;
    enum unzstd_status st;

    st = frame_header(f, &checksum, &content_size);
    if ( st != UNZSTD_OK )
        return st;
    f->start = f->out_pos;
    f->rep[0] = 1;
    f->rep[1] = 4;
    f->rep[2] = 8;
    f->e.huf_log = 0;
    f->e.ll = f->e.of = f->e.ml = NULL;

    while ( !last )
    {
        const uint8_t *b = f->in + f->pos;
        uint32_t bh;
        size_t size, room = f->out_bytes - f->out_pos;

        if ( f->in_bytes - f->pos < BLOCK_HEADER_BYTES )
            return UNZSTD_ERR_TRUNCATED;
        bh = le16(b) | (uint32_t)b[2] << 16;
        last = bh & 1;
        size = bh >> 3;
        f->pos += BLOCK_HEADER_BYTES;
        b += BLOCK_HEADER_BYTES;
        switch ( (bh >> 1) & 3 )
        {
        case BLOCK_RAW:
            if ( size > f->in_bytes - f->pos )
                return UNZSTD_ERR_TRUNCATED;
            if ( size > room )
                return UNZSTD_ERR_NO_ROOM;
            if ( size > f->block_max )
                return UNZSTD_ERR_BLOCK_SIZE;
            memcpy(f->out + f->out_pos, b, size);
            f->out_pos += size;
            f->pos += size;
            break;
        case BLOCK_RLE:
            if ( f->in_bytes - f->pos < 1 )
                return UNZSTD_ERR_TRUNCATED;
            if ( size > room )
                return UNZSTD_ERR_NO_ROOM;
            if ( size > f->block_max )
                return UNZSTD_ERR_BLOCK_SIZE;
            memset(f->out + f->out_pos, b[0], size);
            f->out_pos += size;
            f->pos += 1;
            break;
        case BLOCK_COMPRESSED:
            if ( size > f->in_bytes - f->pos )
                return UNZSTD_ERR_TRUNCATED;
            if ( size > f->block_max )
                return UNZSTD_ERR_BLOCK_SIZE;
            st = compressed_block(f, b, size);
            if ( st != UNZSTD_OK )
                return st;
            f->pos += size;
            break;
        default:
            return UNZSTD_ERR_RESERVED;
        }
    }

    if ( content_size != UINT64_MAX &&
         content_size != f->out_pos - f->start )
        return UNZSTD_ERR_CONTENT_SIZE;
    if ( checksum )
    {
        if ( f->in_bytes - f->pos < 4 )
            return UNZSTD_ERR_TRUNCATED;
        if ( le32(f->in + f->pos) !=
             (uint32_t)xxh64(f->out + f->start, f->out_pos - f->start, 0) )
            return UNZSTD_ERR_CHECKSUM;
        f->pos += 4;
    }
    return UNZSTD_OK;
}

/* The predefined sequence tables, built once per call. */
static void build_defaults(struct unzstd_work *w)
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

/*
 * One frame or skippable frame at f->pos; NOT_ZSTD (nothing consumed)
 * when neither magic is there.
 */
static enum unzstd_status one(struct frame *f)
{
    size_t rem = f->in_bytes - f->pos;
    uint32_t magic;

    if ( rem < 4 )
        return UNZSTD_ERR_NOT_ZSTD;
    magic = le32(f->in + f->pos);
    if ( magic == ZSTD_MAGIC )
        return frame(f);
    if ( (magic & SKIPPABLE_MASK) != SKIPPABLE_MAGIC )
        return UNZSTD_ERR_NOT_ZSTD;
    /* 3.1.2: a skippable frame is its size and that many bytes. */
    if ( rem < 8 || le32(f->in + f->pos + 4) > rem - 8 )
        return UNZSTD_ERR_TRUNCATED;
    f->pos += 8 + (size_t)le32(f->in + f->pos + 4);
    return UNZSTD_OK;
}

static enum unzstd_status run(const void *in, size_t in_bytes, void *out,
                              size_t out_bytes, size_t *out_len,
                              size_t *in_used, struct unzstd_work *w,
                              bool all)
{
    struct frame f = {
        .in = in, .in_bytes = in_bytes, .out = out, .out_bytes = out_bytes,
        .w = w,
    };
    enum unzstd_status st;

    build_defaults(w);
    st = one(&f);
    while ( st == UNZSTD_OK && all && f.pos < in_bytes )
    {
        size_t at = f.pos;

        st = one(&f);
        if ( st == UNZSTD_ERR_NOT_ZSTD && f.pos == at )
        {
            /* Bytes that start no frame end the input. */
            st = UNZSTD_OK;
            break;
        }
    }
    *out_len = f.out_pos;
    *in_used = f.pos;
    return st;
}

enum unzstd_status unzstd_frame(const void *in, size_t in_bytes, void *out,
                                size_t out_bytes, size_t *out_len,
                                size_t *in_used, struct unzstd_work *w)
{
    return run(in, in_bytes, out, out_bytes, out_len, in_used, w, false);
}

enum unzstd_status unzstd_decode(const void *in, size_t in_bytes, void *out,
                                 size_t out_bytes, size_t *out_len,
                                 size_t *in_used, struct unzstd_work *w)
{
    return run(in, in_bytes, out, out_bytes, out_len, in_used, w, true);
}
