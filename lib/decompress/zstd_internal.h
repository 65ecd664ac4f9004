/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the two halves of the Zstandard decoder share (unzstd.c: frames,
 * blocks, sequences; zstd_entropy.c: FSE and Huffman): the backward bit
 * reader of RFC 8878 4.1 and the entropy functions' interface. Not an
 * interface for anything else.
 */
#ifndef LIB_DECOMPRESS_ZSTD_INTERNAL_H
#define LIB_DECOMPRESS_ZSTD_INTERNAL_H

#include <xen/unzstd.h>

#define ZSTD_INLINE         inline __attribute__((__always_inline__))
#define ZSTD_LIKELY(x)      __builtin_expect(!!(x), 1)
#define ZSTD_UNLIKELY(x)    __builtin_expect(!!(x), 0)

static ZSTD_INLINE uint64_t zstd_load64(const uint8_t *p)
{
    uint64_t v;

    __builtin_memcpy(&v, p, 8);
    return v;                   /* x86 is little-endian */
}

static ZSTD_INLINE void zstd_store64(uint8_t *p, uint64_t v)
{
    __builtin_memcpy(p, &v, 8);
}

/* Index of the highest set bit of x (x != 0). */
static ZSTD_INLINE unsigned int zstd_highbit(uint32_t x)
{
    return 31 - (unsigned int)__builtin_clz(x);
}

/*
 * A bitstream read from its last byte towards its first (RFC 8878 4.1):
 * the last byte's highest set bit marks the end and is not data. c holds
 * the eight bytes at p (or, for a stream shorter than eight bytes, the
 * stream zero-extended at the top), read from the top: used counts the
 * bits of c already consumed. The stream is used up exactly when
 * p == start and used == 64; used above 64 means a read went past the
 * start (overflow: the bits read then are meaningless, the decoder
 * reports the stream as corrupt).
 */
struct zbits {
    uint64_t c;
    unsigned int used;
    const uint8_t *p;
    const uint8_t *start;
};

/* Sets b up over [in, in + bytes); false without a final end mark. */
static ZSTD_INLINE bool zbits_init(struct zbits *b, const uint8_t *in,
                                   size_t bytes)
{
    uint8_t last;

    if ( bytes == 0 || (last = in[bytes - 1]) == 0 )
        return false;
    b->start = in;
    b->used = 8 - zstd_highbit(last);
    if ( bytes >= 8 )
    {
        b->p = in + bytes - 8;
        b->c = zstd_load64(b->p);
    }
    else
    {
        b->p = in;
        b->c = 0;
        for ( size_t i = 0; i < bytes; i++ )
            b->c |= (uint64_t)in[i] << (8 * i);
        b->used += (unsigned int)(8 - bytes) * 8;
    }
    return true;
}

/*
 * The next n bits (0 <= n <= 57 after a reload), consumed. Past the
 * start of the stream the value is what libzstd's reader gives there (a
 * rotation of the first bytes): the Huffman weights' FSE stream lets its
 * two initial states be read that way and still decodes.
 */
static ZSTD_INLINE uint64_t zbits_read(struct zbits *b, unsigned int n)
{
    uint64_t v = (b->c >> ((64 - b->used - n) & 63)) &
                 (((uint64_t)1 << n) - 1);

    b->used += n;
    return v;
}

/* The next n bits (1 <= n <= 57 after a reload), consumed. */
static ZSTD_INLINE uint64_t zbits_read_nz(struct zbits *b, unsigned int n)
{
    uint64_t v = (b->c << (b->used & 63)) >> (64 - n);

    b->used += n;
    return v;
}

/* The next n bits (1 <= n), not consumed. */
static ZSTD_INLINE uint64_t zbits_peek(const struct zbits *b, unsigned int n)
{
    return (b->c << (b->used & 63)) >> (64 - n);
}

/*
 * Refills c so that at least 57 unread bits are in it, or all that are
 * left. Cheap when nothing has to move.
 */
static ZSTD_INLINE void zbits_reload(struct zbits *b)
{
    size_t back = b->used >> 3;

    if ( back > (size_t)(b->p - b->start) )
        back = (size_t)(b->p - b->start);
    if ( back )
    {
        b->p -= back;
        b->used -= (unsigned int)back * 8;
        b->c = zstd_load64(b->p);
    }
}

/*
 * The same, quicker while the stream has 8 bytes before its position
 * (then the whole bytes read can always be stepped back over).
 */
static ZSTD_INLINE void zbits_reload_quick(struct zbits *b)
{
    if ( ZSTD_LIKELY(b->p - b->start >= 8) )
    {
        b->p -= b->used >> 3;
        b->used &= 7;
        b->c = zstd_load64(b->p);
    }
    else
        zbits_reload(b);
}

/* True when a read went past the start of the stream. */
static ZSTD_INLINE bool zbits_overflow(const struct zbits *b)
{
    return b->used > 64;
}

/* True when the stream is used up exactly. */
static ZSTD_INLINE bool zbits_done(const struct zbits *b)
{
    return b->p == b->start && b->used == 64;
}

/*
 * Room a sequence needs past its end to be copied in whole 16-byte steps,
 * and literals need past theirs to be read so (zstd_seq.c).
 */
#define ZSTD_WILD           32
_Static_assert(ZSTD_WILD <= UNZSTD_LIT_SLACK, "literal slack");

/* The entropy state of a frame, kept across its blocks. */
struct zstd_entropy {
    unsigned int huf_log;           /* 0: no Huffman table yet */
    const struct unzstd_fse_entry *ll, *of, *ml;   /* NULL: none yet */
    unsigned int ll_log, of_log, ml_log;
};

/*
 * Reads an FSE table description (RFC 8878 4.1.1) from in (bytes) for
 * symbols 0..max_symbol and an accuracy log of at most max_log, and
 * builds its decoding table into t (1 << *log entries), each state's
 * value taken from base[] and add_bits[] (or the symbol itself when base
 * is NULL). Returns the bytes the description took, 0 when malformed.
 */
size_t zstd_fse_read(struct unzstd_fse_entry *t, unsigned int *log,
                     const uint8_t *in, size_t bytes, unsigned int max_symbol,
                     unsigned int max_log, const uint32_t *base,
                     const uint8_t *add_bits);

/*
 * Builds the decoding table of a predefined distribution (norm[0..n-1],
 * accuracy log log) into t, values from base[] and add_bits[].
 */
void zstd_fse_build(struct unzstd_fse_entry *t, const int16_t *norm,
                    unsigned int n, unsigned int log, const uint32_t *base,
                    const uint8_t *add_bits);

/*
 * Reads a Huffman tree description (RFC 8878 4.2.1) from in (bytes) and
 * builds the decoding table into w->huf; *used is the bytes it took.
 * Sets e->huf_log.
 */
enum unzstd_status zstd_huf_read(struct unzstd_work *w,
                                 struct zstd_entropy *e, const uint8_t *in,
                                 size_t bytes, size_t *used);

/*
 * Decodes n literals from the Huffman-coded streams at in (bytes): one
 * stream, or four behind a jump table (RFC 8878 3.1.1.3.1.6), into out
 * with the table w->huf for codes of up to e->huf_log bits.
 */
enum unzstd_status zstd_huf_decode(struct unzstd_work *w,
                                   struct zstd_entropy *e, uint8_t *out,
                                   size_t n, const uint8_t *in, size_t bytes,
                                   bool four);

/* Where one block's output goes. */
struct zstd_out {
    uint8_t *buf;               /* the output buffer */
    size_t pos;                 /* the block's first byte; its end after */
    size_t start;               /* the frame's first byte */
    size_t end;                 /* where the block's output must end */
    enum unzstd_status full;    /* what running past end is */
    uint64_t window;            /* the frame's Window_Size */
};

/* The predefined sequence tables (RFC 8878 3.1.1.3.2.2) into w. */
void zstd_seq_defaults(struct unzstd_work *w);

/*
 * RFC 8878 3.1.1.3.2 and 3.1.1.4: the sequences section s[0..rem) of a
 * block whose literals are lit[0..nlit), executed into o (o->pos moves
 * to the block's end on success). e holds the frame's tables (the ones
 * chosen here replace them, for repeat mode), rep its three repeat
 * offsets (updated on success), w the room for the tables.
 */
enum unzstd_status zstd_seq_section(struct zstd_out *o, struct zstd_entropy *e,
                                    uint32_t *rep, struct unzstd_work *w,
                                    const uint8_t *lit, size_t nlit,
                                    const uint8_t *s, size_t rem);

#endif /* LIB_DECOMPRESS_ZSTD_INTERNAL_H */
