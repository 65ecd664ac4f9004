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
 * input or the output before it is used. The LZMA2 decoder
 * (lib/decompress/unlzma2.c) bounds its own work by the chunk sizes it
 * checked; every other loop consumes input, so work is bounded by the
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
#include "unxz_internal.h"

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

/* CRC-64's polynomial (ECMA-182), reflected. */
#define CRC64_POLY          0xc96c5795d7870f42ULL

const char *unxz_strerror(enum unxz_status st)
{
    if ( (unsigned int)st >= UNXZ_NR_STATUS )
        return "unknown unxz status";
    return status_text[st];
}

/*
 * Tables for the stream's check, built per stream into the work area:
 * CRC-32's from lib/crc32.c; CRC-64's slicing by 4, crc64[0] the
 * byte-at-a-time table, crc64[k][b] advancing crc64[0][b] by k more zero
 * bytes.
 */
static void crc_build(struct unxz_work *w, unsigned int check)
{
    if ( check == XZ_CHECK_CRC32 )
    {
        crc32_table_build(w->crc32);
        return;
    }
    for ( unsigned int b = 0; b < 256; b++ )
    {
        uint64_t c64 = b;

        for ( unsigned int k = 0; k < 8; k++ )
            c64 = (c64 >> 1) ^ (CRC64_POLY & (0ULL - (c64 & 1)));
        w->crc64[0][b] = c64;
    }
    for ( unsigned int k = 1; k < 4; k++ )
        for ( unsigned int b = 0; b < 256; b++ )
        {
            uint64_t c = w->crc64[k - 1][b];

            w->crc64[k][b] = (c >> 8) ^ w->crc64[0][c & 0xff];
        }
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
        st = unxz_lzma2_decode(x, data + comp_decl);
    }
    else
        st = unxz_lzma2_decode(x, x->in_bytes);
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
          crc32_table_update(x->w->crc32, 0, x->o.buf + out_start,
                             x->o.pos - out_start) !=
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
