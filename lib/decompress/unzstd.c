/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Zstandard frames (RFC 8878); see include/xen/unzstd.h. This file reads
 * frames, blocks and the literals section; lib/decompress/zstd_seq.c
 * reads and executes the sequences, lib/decompress/zstd_entropy.c holds
 * the FSE and Huffman decoders.
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
    uint64_t window;            /* Window_Size */
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
            /* In place, unless too near the input's end to read past. */
            lit->p = b + lh;
            if ( (size_t)(f->in + f->in_bytes - (b + lh + n)) < ZSTD_WILD )
            {
                memcpy(f->w->literals, b + lh, n);
                lit->p = f->w->literals;
            }
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

/* 3.1.1.3: a compressed block of bytes bytes at b. */
static enum unzstd_status compressed_block(struct frame *f, const uint8_t *b,
                                           size_t bytes)
{
    struct literals lit;
    struct zstd_out o = {
        .buf = f->out, .pos = f->out_pos, .start = f->start,
        .window = f->window,
    };
    enum unzstd_status st;
    size_t used;

    st = literals_section(f, b, bytes, &lit, &used);
    if ( st != UNZSTD_OK )
        return st;
    o.end = block_end(f, &o.full);
    st = zstd_seq_section(&o, &f->e, f->rep, f->w, lit.p, lit.n, b + used,
                          bytes - used);
    if ( st == UNZSTD_OK )
        f->out_pos = o.pos;
    return st;
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
    f->window = window;
    *checksum = fhd & FHD_CHECKSUM;
    f->pos += hb;
    return UNZSTD_OK;
}

/* 3.1.1: one frame at f->pos, its magic checked. */
static enum unzstd_status frame(struct frame *f)
{
    struct xxh64_state sum;
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

    xxh64_init(&sum, 0);
    while ( !last )
    {
        const uint8_t *b = f->in + f->pos;
        uint32_t bh;
        size_t size, room = f->out_bytes - f->out_pos, at = f->out_pos;

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
        /* The checksum takes each block while it is in the cache. */
        if ( checksum )
            xxh64_update(&sum, f->out + at, f->out_pos - at);
    }

    if ( content_size != UINT64_MAX &&
         content_size != f->out_pos - f->start )
        return UNZSTD_ERR_CONTENT_SIZE;
    if ( checksum )
    {
        if ( f->in_bytes - f->pos < 4 )
            return UNZSTD_ERR_TRUNCATED;
        if ( le32(f->in + f->pos) != (uint32_t)xxh64_digest(&sum) )
            return UNZSTD_ERR_CHECKSUM;
        f->pos += 4;
    }
    return UNZSTD_OK;
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

    zstd_seq_defaults(w);
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
