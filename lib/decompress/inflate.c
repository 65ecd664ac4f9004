/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gzip members (RFC 1952) holding a DEFLATE stream (RFC 1951); see
 * include/xen/inflate.h. The output buffer doubles as the history window,
 * so a distance is valid when it does not reach before the output start.
 *
 * Huffman codes are canonical (RFC 1951 3.2.2), so a code is fully
 * described by how many codes each length has and by its symbols in code
 * order. Decoding walks the lengths upwards, which needs no table beyond
 * those two arrays; a table indexed by the next INFLATE_FAST_BITS input
 * bits short-cuts every code of up to that length, which covers nearly
 * every symbol of real data, and the walk handles the rest.
 *
 * Every step consumes input bits or produces output bytes, tables are
 * rebuilt only after a dynamic block header (itself hundreds of bits) or
 * at the first fixed block after a dynamic one, so work is linear in the
 * sizes of input and output. There is no recursion.
 */
#include <xen/crc32.h>
#include <xen/inflate.h>
#include <xen/string.h>

/* RFC 1952 2.3.1: member header. */
#define GZ_HEADER_BYTES     10
#define GZ_TRAILER_BYTES    8
#define GZ_FHCRC            0x02
#define GZ_FEXTRA           0x04
#define GZ_FNAME            0x08
#define GZ_FCOMMENT         0x10
#define GZ_FRESERVED        0xe0
#define GZ_METHOD_DEFLATE   8

/* Smallest member: header, an empty fixed block (10 bits), trailer. */
#define GZ_MIN_MEMBER_BYTES (GZ_HEADER_BYTES + 2 + GZ_TRAILER_BYTES)

#define MAX_CODE_BITS       15
#define NR_LITLEN           288     /* 286 and 287 only fill the fixed code */
#define NR_DIST             32      /* 30 and 31 likewise */
#define NR_CLEN             19
#define SYM_END_OF_BLOCK    256
#define SYM_FIRST_LENGTH    257

/* Table slots in struct inflate_work. */
#define SLOT_LITLEN         0
#define SLOT_DIST           1       /* also the code-length code, briefly */

/* Fast-table entry: symbol << 4 | code length; length 0 = use the walk. */
#define FAST_LEN_MASK       15
#define FAST_SYM_SHIFT      4

/* What the tables in the work area currently hold. */
enum loaded_codes {
    LOADED_NONE,
    LOADED_FIXED,
    LOADED_DYNAMIC,
};

static const char *const status_text[INFLATE_NR_STATUS] = {
    [INFLATE_OK]             = "ok",
    [INFLATE_ERR_NOT_GZIP]   = "not a gzip member with deflate data",
    [INFLATE_ERR_HEADER]     = "malformed gzip header",
    [INFLATE_ERR_TRUNCATED]  = "compressed data cut short",
    [INFLATE_ERR_BLOCK_TYPE] = "reserved deflate block type",
    [INFLATE_ERR_STORED_LEN] = "stored block length check failed",
    [INFLATE_ERR_CODES]      = "invalid Huffman code description",
    [INFLATE_ERR_SYMBOL]     = "invalid length or distance symbol",
    [INFLATE_ERR_DISTANCE]   = "distance reaches before the output",
    [INFLATE_ERR_NO_ROOM]    = "output buffer too small",
    [INFLATE_ERR_CRC]        = "CRC-32 of the output does not match",
    [INFLATE_ERR_SIZE]       = "size of the output does not match",
};

/* RFC 1951 3.2.5: base values and extra bits of length symbols 257..285. */
static const uint16_t length_base[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
};
static const uint8_t length_extra[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
};

/* RFC 1951 3.2.5: base values and extra bits of distance symbols 0..29. */
static const uint16_t dist_base[30] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289,
    16385, 24577,
};
static const uint8_t dist_extra[30] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
};

/* RFC 1951 3.2.7: order in which code-length code lengths arrive. */
static const uint8_t clen_order[NR_CLEN] = {
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
};

/*
 * Input bits, least significant first (RFC 1951 3.1.1). buf holds nr
 * unconsumed bits; bytes before pos have been moved into buf.
 */
struct bits {
    const uint8_t *in;
    size_t in_bytes;
    size_t pos;
    uint64_t buf;
    unsigned int nr;
};

/* One Huffman code: the slices of struct inflate_work it lives in. */
struct huff {
    const uint16_t *count;
    const uint16_t *symbol;
    const uint16_t *fast;
};

/* State of one inflate_gunzip() call. */
struct inflate_state {
    struct bits b;
    uint8_t *out;
    size_t out_bytes;
    size_t out_len;
    struct inflate_work *w;
    enum loaded_codes loaded;
};

const char *inflate_strerror(enum inflate_status st)
{
    if ( (unsigned int)st >= INFLATE_NR_STATUS || !status_text[st] )
        return "unknown inflate status";
    return status_text[st];
}

static inline void bits_refill(struct bits *b)
{
    while ( b->nr <= 56 && b->pos < b->in_bytes )
    {
        b->buf |= (uint64_t)b->in[b->pos++] << b->nr;
        b->nr += 8;
    }
}

/* Takes n (at most 32) bits into *v; false when the input ran out. */
static inline bool bits_get(struct bits *b, unsigned int n, uint32_t *v)
{
    if ( b->nr < n )
    {
        bits_refill(b);
        if ( b->nr < n )
            return false;
    }
    *v = (uint32_t)(b->buf & ((1ull << n) - 1));
    b->buf >>= n;
    b->nr -= n;
    return true;
}

/* Drops the bits of a partly used byte and hands whole bytes back. */
static void bits_to_byte_boundary(struct bits *b)
{
    b->pos -= b->nr / 8;
    b->buf = 0;
    b->nr = 0;
}

static unsigned int reverse_bits(unsigned int code, unsigned int len)
{
    unsigned int r = 0;

    for ( unsigned int i = 0; i < len; i++, code >>= 1 )
        r = (r << 1) | (code & 1);
    return r;
}

/*
 * Builds the code with lengths[0..n) (each at most 15, 0 = unused) into
 * table slot. An over-subscribed code is always refused; an incomplete one
 * only unless single_ok and it is a lone 1-bit code or empty (RFC 1951
 * 3.2.7 allows one distance code; zlib takes the same view for literal /
 * length codes, and its bit patterns left over decode as errors).
 */
static enum inflate_status huff_build(struct inflate_work *w,
                                      unsigned int slot,
                                      const uint8_t *lengths, unsigned int n,
                                      bool single_ok)
{
    uint16_t *count = w->counts[slot];
    uint16_t *symbol = w->symbols[slot];
    uint16_t *fast = w->fast[slot];
    uint16_t next[MAX_CODE_BITS + 1];
    unsigned int total = 0, code = 0, k = 0;
    int left = 1;

    memset(count, 0, sizeof(w->counts[slot]));
    for ( unsigned int i = 0; i < n; i++ )
        count[lengths[i]]++;
    count[0] = 0;
    for ( unsigned int len = 1; len <= MAX_CODE_BITS; len++ )
    {
        left = 2 * left - count[len];
        if ( left < 0 )
            return INFLATE_ERR_CODES;
        total += count[len];
    }
    if ( left > 0 && !(single_ok && total <= 1 && count[1] == total) )
        return INFLATE_ERR_CODES;

    /* Symbols sorted by code length, then by value: code order. */
    next[1] = 0;
    for ( unsigned int len = 1; len < MAX_CODE_BITS; len++ )
        next[len + 1] = next[len] + count[len];
    for ( unsigned int i = 0; i < n; i++ )
        if ( lengths[i] )
            symbol[next[lengths[i]]++] = (uint16_t)i;

    /* The fast table is indexed by input bits, i.e. bit-reversed codes. */
    memset(fast, 0, sizeof(w->fast[slot]));
    for ( unsigned int len = 1; len <= INFLATE_FAST_BITS; len++ )
    {
        for ( unsigned int j = 0; j < count[len]; j++, k++, code++ )
        {
            uint16_t e = (uint16_t)(symbol[k] << FAST_SYM_SHIFT | len);

            for ( unsigned int i = reverse_bits(code, len);
                  i < (1u << INFLATE_FAST_BITS); i += 1u << len )
                fast[i] = e;
        }
        code <<= 1;
    }
    return INFLATE_OK;
}

static struct huff huff_of(const struct inflate_work *w, unsigned int slot)
{
    struct huff h = { w->counts[slot], w->symbols[slot], w->fast[slot] };

    return h;
}

/*
 * Decodes one symbol. Returns it, or -INFLATE_ERR_TRUNCATED, or
 * -INFLATE_ERR_CODES for a bit pattern an incomplete code leaves unused.
 */
static inline int huff_decode(struct bits *b, const struct huff *h)
{
    unsigned int code = 0, first = 0, index = 0;
    uint16_t e;

    if ( b->nr < MAX_CODE_BITS )
        bits_refill(b);
    e = h->fast[b->buf & ((1u << INFLATE_FAST_BITS) - 1)];
    if ( (e & FAST_LEN_MASK) && (e & FAST_LEN_MASK) <= b->nr )
    {
        b->buf >>= e & FAST_LEN_MASK;
        b->nr -= e & FAST_LEN_MASK;
        return e >> FAST_SYM_SHIFT;
    }

    /* Codes of one length are consecutive numbers starting at first. */
    for ( unsigned int len = 1; len <= MAX_CODE_BITS; len++ )
    {
        if ( len > b->nr )
            return -INFLATE_ERR_TRUNCATED;
        code |= (b->buf >> (len - 1)) & 1;
        if ( code - first < h->count[len] )
        {
            b->buf >>= len;
            b->nr -= len;
            return h->symbol[index + code - first];
        }
        index += h->count[len];
        first = (first + h->count[len]) << 1;
        code <<= 1;
    }
    return -INFLATE_ERR_CODES;
}

/* RFC 1951 3.2.4: a stored block. */
static enum inflate_status inflate_stored(struct inflate_state *s)
{
    struct bits *b = &s->b;
    const uint8_t *p;
    uint32_t len;

    bits_to_byte_boundary(b);
    if ( b->in_bytes - b->pos < 4 )
        return INFLATE_ERR_TRUNCATED;
    p = b->in + b->pos;
    len = p[0] | p[1] << 8;
    if ( (len ^ (p[2] | p[3] << 8)) != 0xffff )
        return INFLATE_ERR_STORED_LEN;
    b->pos += 4;
    if ( b->in_bytes - b->pos < len )
        return INFLATE_ERR_TRUNCATED;
    if ( s->out_bytes - s->out_len < len )
        return INFLATE_ERR_NO_ROOM;
    memcpy(s->out + s->out_len, b->in + b->pos, len);
    s->out_len += len;
    b->pos += len;
    return INFLATE_OK;
}

/* RFC 1951 3.2.6: the fixed codes, built once per run of fixed blocks. */
static enum inflate_status inflate_load_fixed(struct inflate_state *s)
{
    uint8_t lengths[NR_LITLEN];
    enum inflate_status st;
    unsigned int i;

    if ( s->loaded == LOADED_FIXED )
        return INFLATE_OK;
    for ( i = 0; i < 144; i++ )
        lengths[i] = 8;
    for ( ; i < 256; i++ )
        lengths[i] = 9;
    for ( ; i < 280; i++ )
        lengths[i] = 7;
    for ( ; i < NR_LITLEN; i++ )
        lengths[i] = 8;
    st = huff_build(s->w, SLOT_LITLEN, lengths, NR_LITLEN, false);
    if ( st == INFLATE_OK )
    {
        memset(lengths, 5, NR_DIST);
        st = huff_build(s->w, SLOT_DIST, lengths, NR_DIST, false);
    }
    s->loaded = st == INFLATE_OK ? LOADED_FIXED : LOADED_NONE;
    return st;
}

/* Reads nr code lengths with the code-length code in the DIST slot. */
static enum inflate_status inflate_read_lengths(struct inflate_state *s,
                                                uint8_t *lengths,
                                                unsigned int nr)
{
    struct huff h = huff_of(s->w, SLOT_DIST);
    unsigned int i = 0;

    while ( i < nr )
    {
        int sym = huff_decode(&s->b, &h);
        unsigned int rep;
        uint8_t val = 0;
        uint32_t v;

        if ( sym < 0 )
            return (enum inflate_status)-sym;
        if ( sym < 16 )
        {
            lengths[i++] = (uint8_t)sym;
            continue;
        }
        if ( sym == 16 )
        {
            if ( i == 0 )
                return INFLATE_ERR_CODES;
            val = lengths[i - 1];
            if ( !bits_get(&s->b, 2, &v) )
                return INFLATE_ERR_TRUNCATED;
            rep = 3 + v;
        }
        else if ( sym == 17 )
        {
            if ( !bits_get(&s->b, 3, &v) )
                return INFLATE_ERR_TRUNCATED;
            rep = 3 + v;
        }
        else
        {
            if ( !bits_get(&s->b, 7, &v) )
                return INFLATE_ERR_TRUNCATED;
            rep = 11 + v;
        }
        if ( rep > nr - i )
            return INFLATE_ERR_CODES;
        memset(lengths + i, val, rep);
        i += rep;
    }
    return INFLATE_OK;
}

/*
 * RFC 1951 3.2.7: a dynamic block header. Like zlib, more than 286
 * literal/length or 30 distance lengths are refused (the extra symbols
 * could never be used).
 */
static enum inflate_status inflate_load_dynamic(struct inflate_state *s)
{
    uint8_t lengths[NR_LITLEN + NR_DIST];
    unsigned int nlit, ndist, nclen;
    enum inflate_status st;
    uint32_t v;

    s->loaded = LOADED_NONE;
    if ( !bits_get(&s->b, 14, &v) )
        return INFLATE_ERR_TRUNCATED;
    nlit = 257 + (v & 31);
    ndist = 1 + ((v >> 5) & 31);
    nclen = 4 + (v >> 10);
    if ( nlit > 286 || ndist > 30 )
        return INFLATE_ERR_CODES;

    memset(lengths, 0, NR_CLEN);
    for ( unsigned int i = 0; i < nclen; i++ )
    {
        if ( !bits_get(&s->b, 3, &v) )
            return INFLATE_ERR_TRUNCATED;
        lengths[clen_order[i]] = (uint8_t)v;
    }
    st = huff_build(s->w, SLOT_DIST, lengths, NR_CLEN, false);
    if ( st != INFLATE_OK )
        return st;
    st = inflate_read_lengths(s, lengths, nlit + ndist);
    if ( st != INFLATE_OK )
        return st;
    if ( !lengths[SYM_END_OF_BLOCK] )
        return INFLATE_ERR_CODES;
    st = huff_build(s->w, SLOT_LITLEN, lengths, nlit, true);
    if ( st != INFLATE_OK )
        return st;
    st = huff_build(s->w, SLOT_DIST, lengths + nlit, ndist, true);
    if ( st == INFLATE_OK )
        s->loaded = LOADED_DYNAMIC;
    return st;
}

/* Copies a match of len bytes from dist bytes back; may overlap itself. */
static void inflate_copy_match(uint8_t *dst, size_t dist, unsigned int len)
{
    const uint8_t *src = dst - dist;

    if ( dist >= len )
    {
        memcpy(dst, src, len);
        return;
    }
    for ( unsigned int i = 0; i < len; i++ )
        dst[i] = src[i];
}

/* RFC 1951 3.2.5: the symbols of one Huffman-coded block. */
static enum inflate_status inflate_codes(struct inflate_state *s)
{
    struct huff lit = huff_of(s->w, SLOT_LITLEN);
    struct huff dist = huff_of(s->w, SLOT_DIST);
    struct bits *b = &s->b;

    for ( ;; )
    {
        unsigned int len;
        size_t d;
        uint32_t v;
        int sym = huff_decode(b, &lit);

        if ( sym < 0 )
            return (enum inflate_status)-sym;
        if ( sym < SYM_END_OF_BLOCK )
        {
            if ( s->out_len == s->out_bytes )
                return INFLATE_ERR_NO_ROOM;
            s->out[s->out_len++] = (uint8_t)sym;
            continue;
        }
        if ( sym == SYM_END_OF_BLOCK )
            return INFLATE_OK;

        sym -= SYM_FIRST_LENGTH;
        if ( sym >= (int)ARRAY_SIZE(length_base) )
            return INFLATE_ERR_SYMBOL;
        if ( !bits_get(b, length_extra[sym], &v) )
            return INFLATE_ERR_TRUNCATED;
        len = length_base[sym] + v;

        sym = huff_decode(b, &dist);
        if ( sym < 0 )
            return (enum inflate_status)-sym;
        if ( sym >= (int)ARRAY_SIZE(dist_base) )
            return INFLATE_ERR_SYMBOL;
        if ( !bits_get(b, dist_extra[sym], &v) )
            return INFLATE_ERR_TRUNCATED;
        d = dist_base[sym] + v;
        if ( d > s->out_len )
            return INFLATE_ERR_DISTANCE;
        if ( len > s->out_bytes - s->out_len )
            return INFLATE_ERR_NO_ROOM;
        inflate_copy_match(s->out + s->out_len, d, len);
        s->out_len += len;
    }
}

/* RFC 1951 3.2.3: blocks until the one marked final. */
static enum inflate_status inflate_blocks(struct inflate_state *s)
{
    uint32_t hdr;

    do {
        enum inflate_status st;

        if ( !bits_get(&s->b, 3, &hdr) )
            return INFLATE_ERR_TRUNCATED;
        switch ( hdr >> 1 )
        {
        case 0:
            st = inflate_stored(s);
            break;
        case 1:
            st = inflate_load_fixed(s);
            if ( st == INFLATE_OK )
                st = inflate_codes(s);
            break;
        case 2:
            st = inflate_load_dynamic(s);
            if ( st == INFLATE_OK )
                st = inflate_codes(s);
            break;
        default:
            st = INFLATE_ERR_BLOCK_TYPE;
            break;
        }
        if ( st != INFLATE_OK )
            return st;
    } while ( !(hdr & 1) );
    return INFLATE_OK;
}

bool inflate_is_gzip(const void *in, size_t in_bytes)
{
    const uint8_t *p = in;

    return in_bytes >= 3 && p[0] == 0x1f && p[1] == 0x8b &&
           p[2] == GZ_METHOD_DEFLATE;
}

bool inflate_gzip_isize(const void *in, size_t in_bytes, uint32_t *isize)
{
    const uint8_t *p = in;

    if ( in_bytes < GZ_MIN_MEMBER_BYTES || !inflate_is_gzip(in, in_bytes) )
        return false;
    p += in_bytes - 4;
    *isize = p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
    return true;
}

/* Skips a NUL-terminated header field; false when it has no end. */
static bool gz_skip_string(const uint8_t *p, size_t in_bytes, size_t *pos)
{
    while ( *pos < in_bytes )
        if ( !p[(*pos)++] )
            return true;
    return false;
}

/* RFC 1952 2.3.1: the member header; *pos becomes the deflate start. */
static enum inflate_status gz_header(const uint8_t *p, size_t in_bytes,
                                     size_t *pos)
{
    uint8_t flags;

    if ( !inflate_is_gzip(p, in_bytes) )
        return INFLATE_ERR_NOT_GZIP;
    if ( in_bytes < GZ_HEADER_BYTES )
        return INFLATE_ERR_HEADER;
    flags = p[3];
    if ( flags & GZ_FRESERVED )
        return INFLATE_ERR_HEADER;
    *pos = GZ_HEADER_BYTES;
    if ( flags & GZ_FEXTRA )
    {
        size_t xlen;

        if ( in_bytes - *pos < 2 )
            return INFLATE_ERR_HEADER;
        xlen = p[*pos] | p[*pos + 1] << 8;
        *pos += 2;
        if ( in_bytes - *pos < xlen )
            return INFLATE_ERR_HEADER;
        *pos += xlen;
    }
    if ( (flags & GZ_FNAME) && !gz_skip_string(p, in_bytes, pos) )
        return INFLATE_ERR_HEADER;
    if ( (flags & GZ_FCOMMENT) && !gz_skip_string(p, in_bytes, pos) )
        return INFLATE_ERR_HEADER;
    if ( flags & GZ_FHCRC )
    {
        uint32_t crc = crc32_update(0, p, *pos);

        if ( in_bytes - *pos < 2 )
            return INFLATE_ERR_HEADER;
        if ( (crc & 0xffff) != (uint32_t)(p[*pos] | p[*pos + 1] << 8) )
            return INFLATE_ERR_HEADER;
        *pos += 2;
    }
    return INFLATE_OK;
}

enum inflate_status inflate_gunzip(const void *in, size_t in_bytes,
                                   void *out, size_t out_bytes,
                                   size_t *out_len, struct inflate_work *w)
{
    struct inflate_state s = {
        .b = { .in = in, .in_bytes = in_bytes },
        .out = out,
        .out_bytes = out_bytes,
        .w = w,
        .loaded = LOADED_NONE,
    };
    enum inflate_status st;
    const uint8_t *t;

    *out_len = 0;
    st = gz_header(in, in_bytes, &s.b.pos);
    if ( st == INFLATE_OK )
        st = inflate_blocks(&s);
    *out_len = s.out_len;
    if ( st != INFLATE_OK )
        return st;

    bits_to_byte_boundary(&s.b);
    if ( in_bytes - s.b.pos < GZ_TRAILER_BYTES )
        return INFLATE_ERR_TRUNCATED;
    t = s.b.in + s.b.pos;
    if ( (t[4] | t[5] << 8 | t[6] << 16 | (uint32_t)t[7] << 24) !=
         (uint32_t)s.out_len )
        return INFLATE_ERR_SIZE;
    crc32_table_build(w->crc32);
    if ( (t[0] | t[1] << 8 | t[2] << 16 | (uint32_t)t[3] << 24) !=
         crc32_table_update(w->crc32, 0, out, s.out_len) )
        return INFLATE_ERR_CRC;
    return INFLATE_OK;
}
