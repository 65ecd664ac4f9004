/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/decompress/inflate.c. The gz_* fixtures were made once with
 * Python's zlib (1.2.13), gzip wrapper (wbits 31), mtime 0:
 *   gz_fixed:   compressobj(9, DEFLATED, 31) of HELLO (one fixed block);
 *   gz_stored:  compressobj(0, DEFLATED, 31) of STORED (one stored block);
 *   gz_dynamic: compressobj(9, DEFLATED, 31) of words(600) (one dynamic
 *               block), words() being the generator below;
 *   gz_multi:   compressobj(9, DEFLATED, 31): compress(words(600)[:300]),
 *               flush(Z_SYNC_FLUSH) (a dynamic block, then an empty stored
 *               block), compress("tail"), flush() (the final block).
 * Corrupt streams are written bit by bit here, following RFC 1951.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/crc32.h>
#include <xen/inflate.h>

#include "unit.h"

#define HELLO   "hello, hello, hello xen dom0\n"
#define STORED  "stored block: kept verbatim\n"

static const uint8_t gz_fixed[39] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48,
    0xcd, 0xc9, 0xc9, 0xd7, 0x51, 0xc8, 0x40, 0xa2, 0x14, 0x2a, 0x52, 0xf3,
    0x14, 0x52, 0xf2, 0x73, 0x0d, 0xb8, 0x00, 0x9b, 0x7c, 0x68, 0x6e, 0x1d,
    0x00, 0x00, 0x00,
};
static const uint8_t gz_stored[51] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x03, 0x01, 0x1c,
    0x00, 0xe3, 0xff, 0x73, 0x74, 0x6f, 0x72, 0x65, 0x64, 0x20, 0x62, 0x6c,
    0x6f, 0x63, 0x6b, 0x3a, 0x20, 0x6b, 0x65, 0x70, 0x74, 0x20, 0x76, 0x65,
    0x72, 0x62, 0x61, 0x74, 0x69, 0x6d, 0x0a, 0x45, 0xab, 0xbf, 0xab, 0x1c,
    0x00, 0x00, 0x00,
};
static const uint8_t gz_dynamic[227] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x5d, 0x51,
    0x0b, 0x0e, 0x83, 0x20, 0x0c, 0xbd, 0x4a, 0x8f, 0xb0, 0x2b, 0xa1, 0x16,
    0x25, 0x7e, 0x30, 0x8e, 0x25, 0xcb, 0x4e, 0xbf, 0xf6, 0xb5, 0x08, 0x5b,
    0x94, 0x5f, 0xfb, 0x3e, 0x2d, 0x94, 0x85, 0x29, 0x47, 0x9a, 0xf2, 0xfe,
    0x20, 0x8e, 0xe9, 0x1e, 0xf3, 0x27, 0x9d, 0xd8, 0x0c, 0x5b, 0x1e, 0x57,
    0x2a, 0x02, 0x5b, 0xf9, 0x3a, 0x78, 0xa3, 0x74, 0xd0, 0x90, 0x73, 0xb1,
    0x09, 0xbc, 0x60, 0x8b, 0x24, 0xb0, 0x8a, 0x9c, 0xc2, 0xa1, 0x20, 0xb1,
    0x20, 0x9f, 0x9e, 0x65, 0x0e, 0xc3, 0xc6, 0xc4, 0xcf, 0xab, 0xd0, 0x19,
    0x66, 0x36, 0x85, 0x2e, 0xa8, 0xa8, 0xe5, 0x15, 0xe3, 0x1e, 0x8e, 0x56,
    0xc3, 0x98, 0x27, 0x36, 0xdd, 0xc6, 0xb1, 0x9a, 0x90, 0x81, 0x81, 0x38,
    0xe2, 0x80, 0xe2, 0x55, 0x09, 0x4c, 0x53, 0x6e, 0xac, 0x5b, 0xba, 0x7a,
    0x09, 0x4d, 0xe8, 0x06, 0xb3, 0x59, 0x8e, 0xf6, 0x7b, 0xba, 0x52, 0x20,
    0xe2, 0xfd, 0xfb, 0x02, 0x15, 0x6f, 0x15, 0xfb, 0x76, 0x51, 0x12, 0xed,
    0x5a, 0x73, 0xbc, 0x9b, 0x2d, 0xde, 0xcc, 0x9b, 0x0f, 0x0c, 0x2d, 0xb9,
    0x5e, 0x1c, 0x5c, 0xd0, 0x88, 0x66, 0xb0, 0x31, 0x89, 0x9f, 0xf2, 0x7b,
    0x7f, 0x65, 0x83, 0x65, 0x38, 0xb4, 0x5d, 0x71, 0x38, 0x38, 0x58, 0x6d,
    0x93, 0x77, 0x0e, 0x5d, 0xbb, 0xa0, 0xee, 0xbe, 0xff, 0x55, 0xea, 0x4b,
    0xc2, 0x1a, 0x11, 0x20, 0x10, 0x6e, 0x31, 0x55, 0x68, 0x0f, 0xe4, 0x2e,
    0x78, 0xee, 0x2f, 0x3e, 0x1a, 0xaa, 0xfc, 0x58, 0x02, 0x00, 0x00,
};
static const uint8_t gz_multi[161] = {
    0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0x4c, 0x8e,
    0x6b, 0x16, 0x84, 0x20, 0x08, 0x85, 0xb7, 0xc2, 0x12, 0x66, 0x4b, 0x58,
    0x58, 0x1e, 0x4d, 0x3a, 0x8d, 0xf3, 0xa7, 0xd5, 0x87, 0x97, 0x29, 0x3b,
    0x2a, 0xc8, 0xe3, 0x7e, 0xd0, 0x56, 0x21, 0x8d, 0x34, 0xeb, 0xf6, 0x21,
    0x89, 0xe9, 0x79, 0xcb, 0x99, 0x76, 0x7c, 0x42, 0xd1, 0x29, 0x53, 0xb3,
    0xb6, 0x2c, 0x47, 0x95, 0x42, 0xa9, 0x52, 0x50, 0x6d, 0x6e, 0xa0, 0x63,
    0x77, 0x56, 0x80, 0x37, 0x5c, 0x6f, 0x07, 0xc1, 0x72, 0x6c, 0xa7, 0xc7,
    0x66, 0x39, 0x14, 0x21, 0xf9, 0x1e, 0x8d, 0x76, 0x5e, 0xc4, 0x09, 0xaf,
    0x64, 0xef, 0x5a, 0x7f, 0x31, 0x6e, 0x5c, 0xc7, 0x0e, 0x93, 0xce, 0xe2,
    0xdc, 0xa1, 0xf1, 0x9d, 0x50, 0xc1, 0x00, 0x9b, 0x88, 0x00, 0xcb, 0x77,
    0x12, 0x94, 0x4e, 0x1e, 0xaa, 0x07, 0x7d, 0xcf, 0x32, 0x99, 0xc9, 0xbd,
    0xcd, 0xad, 0x85, 0x7e, 0xff, 0xe5, 0x5b, 0x02, 0x48, 0xbe, 0x00, 0x00,
    0x00, 0xff, 0xff, 0x2b, 0x49, 0xcc, 0xcc, 0x01, 0x00, 0x76, 0x81, 0x0c,
    0xe0, 0x30, 0x01, 0x00, 0x00,
};

/* The text generator the gz_dynamic fixture was made from. */
static void words(uint8_t *out, size_t n)
{
    static const char *const w[16] = {
        "xen ", "dom0 ", "gzip ", "huffman ", "block ", "code ", "the ",
        "a ", "page ", "table ", "esrt ", "efi ", "boot ", "kernel ", "of ",
        "in ",
    };
    uint32_t x = 1;
    size_t len = 0;

    while ( len < n )
    {
        x = x * 1103515245u + 12345u;
        for ( const char *s = w[(x >> 16) & 15]; *s && len < n; s++ )
            out[len++] = (uint8_t)*s;
    }
}

static struct inflate_work work;

#define GUARD_BYTES 32
#define GUARD_BYTE  0xa5

/*
 * Runs inflate_gunzip() on a heap copy of exactly in_bytes (so ASan sees
 * any read past it) into out_bytes of room followed by guard bytes, which
 * must stay untouched; the output is left in *out (caller frees).
 */
static enum inflate_status run(struct unit_ctx *ctx, const void *in,
                               size_t in_bytes, size_t out_bytes,
                               uint8_t **out, size_t *out_len)
{
    uint8_t *copy = malloc(in_bytes ? in_bytes : 1);
    uint8_t *o = malloc(out_bytes + GUARD_BYTES);
    enum inflate_status st;

    memcpy(copy, in, in_bytes);
    memset(o, GUARD_BYTE, out_bytes + GUARD_BYTES);
    *out_len = 12345;
    st = inflate_gunzip(copy, in_bytes, o, out_bytes, out_len, &work);
    CHECK(*out_len <= out_bytes);
    for ( size_t i = 0; i < GUARD_BYTES; i++ )
        CHECK_EQ(o[out_bytes + i], GUARD_BYTE);
    free(copy);
    *out = o;
    return st;
}

/* Status only, with generous room. */
static enum inflate_status status_of(struct unit_ctx *ctx, const void *in,
                                     size_t in_bytes)
{
    enum inflate_status st;
    size_t len;
    uint8_t *o;

    st = run(ctx, in, in_bytes, 4096, &o, &len);
    free(o);
    return st;
}

static bool decodes_to(struct unit_ctx *ctx, const void *in, size_t in_bytes,
                       const void *want, size_t want_bytes)
{
    enum inflate_status st;
    size_t len;
    uint8_t *o;
    bool ok;

    st = run(ctx, in, in_bytes, want_bytes + 100, &o, &len);
    ok = st == INFLATE_OK && len == want_bytes && !memcmp(o, want, len);
    free(o);
    return ok;
}

/* A DEFLATE bit stream under construction (RFC 1951 3.1.1 bit order). */
struct bw {
    uint8_t buf[512];
    size_t bits;
};

static void bw_put(struct bw *w, uint32_t v, unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++, w->bits++ )
        if ( (v >> i) & 1 )
            w->buf[w->bits / 8] |= (uint8_t)(1u << (w->bits % 8));
}

/* Huffman codes go most significant bit first. */
static void bw_code(struct bw *w, uint32_t code, unsigned int len)
{
    while ( len-- )
        bw_put(w, (code >> len) & 1, 1);
}

/* RFC 1951 3.2.6: the fixed literal/length code. */
static void bw_fixed(struct bw *w, unsigned int sym)
{
    if ( sym < 144 )
        bw_code(w, 0x30 + sym, 8);
    else if ( sym < 256 )
        bw_code(w, 0x190 + sym - 144, 9);
    else if ( sym < 280 )
        bw_code(w, sym - 256, 7);
    else
        bw_code(w, 0xc0 + sym - 280, 8);
}

/*
 * A dynamic block header whose code-length code gives symbols 0..15 four
 * bits each (so each length is written as itself), 16..18 none.
 */
static void bw_dynamic(struct bw *w, const uint8_t *lit, unsigned int nlit,
                       const uint8_t *dist, unsigned int ndist)
{
    static const uint8_t order[19] = {
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
    };

    bw_put(w, 1, 1);
    bw_put(w, 2, 2);
    bw_put(w, nlit - 257, 5);
    bw_put(w, ndist - 1, 5);
    bw_put(w, 19 - 4, 4);
    for ( unsigned int i = 0; i < 19; i++ )
        bw_put(w, order[i] < 16 ? 4 : 0, 3);
    for ( unsigned int i = 0; i < nlit; i++ )
        bw_code(w, lit[i], 4);
    for ( unsigned int i = 0; i < ndist; i++ )
        bw_code(w, dist[i], 4);
}

/* Wraps a DEFLATE stream in a gzip member that claims plain. */
static size_t wrap(uint8_t *dst, const struct bw *w, const void *plain,
                   size_t plain_bytes)
{
    static const uint8_t hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
    size_t body = (w->bits + 7) / 8, n = sizeof(hdr) + body;
    uint32_t crc = crc32_update(0, plain, plain_bytes);

    memcpy(dst, hdr, sizeof(hdr));
    memcpy(dst + sizeof(hdr), w->buf, body);
    for ( unsigned int i = 0; i < 4; i++ )
    {
        dst[n + i] = (uint8_t)(crc >> (8 * i));
        dst[n + 4 + i] = (uint8_t)(plain_bytes >> (8 * i));
    }
    return n + 8;
}

static enum inflate_status bw_status(struct unit_ctx *ctx,
                                     const struct bw *w)
{
    uint8_t g[600];

    return status_of(ctx, g, wrap(g, w, "", 0));
}

static void fixed_block_decodes(struct unit_ctx *ctx)
{
    CHECK(decodes_to(ctx, gz_fixed, sizeof(gz_fixed), HELLO,
                     strlen(HELLO)));
}

static void stored_block_decodes(struct unit_ctx *ctx)
{
    CHECK(decodes_to(ctx, gz_stored, sizeof(gz_stored), STORED,
                     strlen(STORED)));
}

static void dynamic_block_decodes(struct unit_ctx *ctx)
{
    uint8_t text[600];

    words(text, sizeof(text));
    CHECK(decodes_to(ctx, gz_dynamic, sizeof(gz_dynamic), text,
                     sizeof(text)));
}

static void multi_block_stream_decodes(struct unit_ctx *ctx)
{
    uint8_t text[304];

    words(text, 300);
    memcpy(text + 300, "tail", 4);
    CHECK(decodes_to(ctx, gz_multi, sizeof(gz_multi), text, sizeof(text)));
}

static void empty_member_decodes(struct unit_ctx *ctx)
{
    struct bw w = { { 0 }, 0 };
    uint8_t g[32];

    bw_put(&w, 1, 1);
    bw_put(&w, 1, 2);
    bw_fixed(&w, 256);
    CHECK(decodes_to(ctx, g, wrap(g, &w, "", 0), "", 0));
}

static void bytes_after_the_member_are_ignored(struct unit_ctx *ctx)
{
    uint8_t g[sizeof(gz_fixed) + 7];

    memcpy(g, gz_fixed, sizeof(gz_fixed));
    memset(g + sizeof(gz_fixed), 0, 7);
    CHECK(decodes_to(ctx, g, sizeof(g), HELLO, strlen(HELLO)));
}

/* Every output size: enough room decodes, less is NO_ROOM, never beyond. */
static void output_fits_exactly_or_is_no_room(struct unit_ctx *ctx)
{
    static const struct {
        const uint8_t *gz;
        size_t gz_bytes;
    } f[] = {
        { gz_fixed, sizeof(gz_fixed) },
        { gz_stored, sizeof(gz_stored) },
        { gz_dynamic, sizeof(gz_dynamic) },
        { gz_multi, sizeof(gz_multi) },
    };

    for ( unsigned int i = 0; i < ARRAY_SIZE(f); i++ )
    {
        uint32_t need = 0;
        uint8_t *full, *o;
        size_t len, full_len;

        CHECK(inflate_gzip_isize(f[i].gz, f[i].gz_bytes, &need));
        CHECK_EQ(run(ctx, f[i].gz, f[i].gz_bytes, need, &full, &full_len),
                 INFLATE_OK);
        CHECK_EQ(full_len, need);
        for ( size_t room = 0; room < need; room++ )
        {
            CHECK_EQ(run(ctx, f[i].gz, f[i].gz_bytes, room, &o, &len),
                     INFLATE_ERR_NO_ROOM);
            CHECK(!memcmp(o, full, len));
            free(o);
        }
        CHECK_EQ(run(ctx, f[i].gz, f[i].gz_bytes, need - 1, &o, &len),
                 INFLATE_ERR_NO_ROOM);
        free(o);
        free(full);
    }
}

/* Every proper prefix fails: in the header as such, later as truncated. */
static void every_prefix_is_refused(struct unit_ctx *ctx)
{
    static const struct {
        const uint8_t *gz;
        size_t gz_bytes;
    } f[] = {
        { gz_fixed, sizeof(gz_fixed) },
        { gz_stored, sizeof(gz_stored) },
        { gz_dynamic, sizeof(gz_dynamic) },
        { gz_multi, sizeof(gz_multi) },
    };

    for ( unsigned int i = 0; i < ARRAY_SIZE(f); i++ )
        for ( size_t n = 0; n < f[i].gz_bytes; n++ )
            CHECK_EQ(status_of(ctx, f[i].gz, n),
                     n < 3 ? INFLATE_ERR_NOT_GZIP :
                     n < 10 ? INFLATE_ERR_HEADER : INFLATE_ERR_TRUNCATED);
}

static void trailer_mismatch_is_reported(struct unit_ctx *ctx)
{
    uint8_t g[sizeof(gz_dynamic)];
    size_t n = sizeof(g);

    for ( unsigned int i = 0; i < 4; i++ )
    {
        memcpy(g, gz_dynamic, n);
        g[n - 8 + i] ^= 0x10;
        CHECK_EQ(status_of(ctx, g, n), INFLATE_ERR_CRC);
        memcpy(g, gz_dynamic, n);
        g[n - 4 + i] ^= 0x01;
        CHECK_EQ(status_of(ctx, g, n), INFLATE_ERR_SIZE);
    }
}

/* FEXTRA, FNAME, FCOMMENT and FHCRC are skipped, the header CRC checked. */
static void optional_header_fields_are_skipped(struct unit_ctx *ctx)
{
    static const uint8_t head[] = {
        0x1f, 0x8b, 8, 0x1e, 0, 0, 0, 0, 0, 3,
        4, 0, 'X', 'Y', 0, 'W',             /* FEXTRA: XLEN 4 and data */
        'd', 'o', 'm', '0', '.', 'g', 'z', 0, /* FNAME */
        'c', 0,                             /* FCOMMENT */
    };
    uint8_t g[sizeof(head) + 2 + sizeof(gz_fixed)];
    size_t n = sizeof(head);
    uint32_t crc = crc32_update(0, head, sizeof(head));

    memcpy(g, head, n);
    g[n++] = (uint8_t)crc;
    g[n++] = (uint8_t)(crc >> 8);
    memcpy(g + n, gz_fixed + 10, sizeof(gz_fixed) - 10);
    n += sizeof(gz_fixed) - 10;
    CHECK(decodes_to(ctx, g, n, HELLO, strlen(HELLO)));

    /* Each cut inside the header is a header error. */
    for ( size_t cut = 3; cut < sizeof(head) + 2; cut++ )
        CHECK_EQ(status_of(ctx, g, cut), INFLATE_ERR_HEADER);

    g[sizeof(head)] ^= 1;
    CHECK_EQ(status_of(ctx, g, n), INFLATE_ERR_HEADER);
}

static void reserved_flags_are_refused(struct unit_ctx *ctx)
{
    uint8_t g[sizeof(gz_fixed)];

    for ( unsigned int bit = 5; bit < 8; bit++ )
    {
        memcpy(g, gz_fixed, sizeof(g));
        g[3] |= (uint8_t)(1u << bit);
        CHECK_EQ(status_of(ctx, g, sizeof(g)), INFLATE_ERR_HEADER);
    }
}

static void non_gzip_input_is_refused(struct unit_ctx *ctx)
{
    uint8_t g[sizeof(gz_fixed)];
    uint32_t isize;

    memcpy(g, gz_fixed, sizeof(g));
    CHECK(inflate_is_gzip(g, 3));
    CHECK(!inflate_is_gzip(g, 2));
    g[2] = 7;
    CHECK(!inflate_is_gzip(g, sizeof(g)));
    CHECK_EQ(status_of(ctx, g, sizeof(g)), INFLATE_ERR_NOT_GZIP);
    CHECK(!inflate_gzip_isize(g, sizeof(g), &isize));
    g[2] = 8;
    g[1] = 0x8c;
    CHECK_EQ(status_of(ctx, g, sizeof(g)), INFLATE_ERR_NOT_GZIP);
    CHECK_EQ(status_of(ctx, "\x7f" "ELF", 4), INFLATE_ERR_NOT_GZIP);
}

static void isize_is_read_from_the_trailer(struct unit_ctx *ctx)
{
    uint32_t isize = 0;

    CHECK(inflate_gzip_isize(gz_dynamic, sizeof(gz_dynamic), &isize));
    CHECK_EQ(isize, 600);
    CHECK(inflate_gzip_isize(gz_fixed, 20, &isize));
    CHECK(!inflate_gzip_isize(gz_fixed, 19, &isize));
}

static void reserved_block_type_is_refused(struct unit_ctx *ctx)
{
    struct bw w = { { 0 }, 0 };

    bw_put(&w, 1, 1);
    bw_put(&w, 3, 2);
    CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_BLOCK_TYPE);
}

static void stored_length_check_is_enforced(struct unit_ctx *ctx)
{
    uint8_t g[sizeof(gz_stored)];

    for ( unsigned int i = 11; i < 15; i++ )
    {
        memcpy(g, gz_stored, sizeof(g));
        g[i] ^= 0x04;
        CHECK_EQ(status_of(ctx, g, sizeof(g)), INFLATE_ERR_STORED_LEN);
    }
}

static void fixed_symbols_that_may_not_appear(struct unit_ctx *ctx)
{
    struct bw w = { { 0 }, 0 };

    /* Literal/length symbols 286 and 287. */
    for ( unsigned int sym = 286; sym < 288; sym++ )
    {
        memset(&w, 0, sizeof(w));
        bw_put(&w, 1, 1);
        bw_put(&w, 1, 2);
        bw_fixed(&w, sym);
        CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_SYMBOL);
    }
    /* Distance symbols 30 and 31. */
    for ( unsigned int sym = 30; sym < 32; sym++ )
    {
        memset(&w, 0, sizeof(w));
        bw_put(&w, 1, 1);
        bw_put(&w, 1, 2);
        bw_fixed(&w, 'A');
        bw_fixed(&w, 257);
        bw_code(&w, sym, 5);
        CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_SYMBOL);
    }
}

/* A distance may reach the first output byte, not before it. */
static void distance_before_output_start_is_refused(struct unit_ctx *ctx)
{
    struct bw w = { { 0 }, 0 };
    uint8_t g[64];

    bw_put(&w, 1, 1);
    bw_put(&w, 1, 2);
    bw_fixed(&w, 'A');
    bw_fixed(&w, 257);          /* length 3 */
    bw_code(&w, 0, 5);          /* distance 1 */
    bw_fixed(&w, 256);
    CHECK(decodes_to(ctx, g, wrap(g, &w, "AAAA", 4), "AAAA", 4));

    memset(&w, 0, sizeof(w));
    bw_put(&w, 1, 1);
    bw_put(&w, 1, 2);
    bw_fixed(&w, 'A');
    bw_fixed(&w, 257);
    bw_code(&w, 1, 5);          /* distance 2 */
    bw_fixed(&w, 256);
    CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_DISTANCE);
}

/* RFC 1951 3.2.7: one distance code of one bit is allowed. */
static void single_distance_code_is_allowed(struct unit_ctx *ctx)
{
    uint8_t lit[258] = { 0 }, dist[1] = { 1 }, g[600];
    struct bw w = { { 0 }, 0 };

    lit['A'] = 1;               /* code 0 */
    lit[256] = 2;               /* code 10 */
    lit[257] = 2;               /* code 11: length 3 */
    bw_dynamic(&w, lit, 258, dist, 1);
    bw_code(&w, 0, 1);
    bw_code(&w, 3, 2);
    bw_code(&w, 0, 1);          /* distance symbol 0 */
    bw_code(&w, 2, 2);
    CHECK(decodes_to(ctx, g, wrap(g, &w, "AAAA", 4), "AAAA", 4));

    /* The unused bit pattern '1' is no code. */
    memset(&w, 0, sizeof(w));
    bw_dynamic(&w, lit, 258, dist, 1);
    bw_code(&w, 0, 1);
    bw_code(&w, 3, 2);
    bw_code(&w, 1, 1);
    CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_CODES);
}

static void bad_literal_codes_are_refused(struct unit_ctx *ctx)
{
    uint8_t lit[257], dist[1] = { 1 };
    struct bw w;

    /* Over-subscribed: three codes of one bit. */
    memset(lit, 0, sizeof(lit));
    lit[0] = lit[1] = lit[256] = 1;
    memset(&w, 0, sizeof(w));
    bw_dynamic(&w, lit, 257, dist, 1);
    CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_CODES);

    /* Incomplete: two codes of two bits. */
    memset(lit, 0, sizeof(lit));
    lit[0] = lit[256] = 2;
    memset(&w, 0, sizeof(w));
    bw_dynamic(&w, lit, 257, dist, 1);
    CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_CODES);

    /* Complete, but without an end-of-block code. */
    memset(lit, 0, sizeof(lit));
    lit[0] = lit[1] = 1;
    memset(&w, 0, sizeof(w));
    bw_dynamic(&w, lit, 257, dist, 1);
    CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_CODES);
}

static void bad_dynamic_headers_are_refused(struct unit_ctx *ctx)
{
    struct bw w;

    /* 287 literal/length codes, then 32 distance codes. */
    for ( unsigned int i = 0; i < 2; i++ )
    {
        memset(&w, 0, sizeof(w));
        bw_put(&w, 1, 1);
        bw_put(&w, 2, 2);
        bw_put(&w, i ? 0 : 30, 5);
        bw_put(&w, i ? 31 : 0, 5);
        bw_put(&w, 0, 4);
        CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_CODES);
    }

    /* Code-length code over-subscribed (19 one-bit codes), incomplete. */
    for ( unsigned int i = 0; i < 2; i++ )
    {
        memset(&w, 0, sizeof(w));
        bw_put(&w, 1, 1);
        bw_put(&w, 2, 2);
        bw_put(&w, 0, 5);
        bw_put(&w, 0, 5);
        bw_put(&w, 15, 4);
        for ( unsigned int j = 0; j < 19; j++ )
            bw_put(&w, i ? j == 3 : 1, 3);
        CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_CODES);
    }

    /* Code-length code {0: '0', 16: '1'}: a repeat with nothing before. */
    memset(&w, 0, sizeof(w));
    bw_put(&w, 1, 1);
    bw_put(&w, 2, 2);
    bw_put(&w, 0, 5);
    bw_put(&w, 0, 5);
    bw_put(&w, 0, 4);
    bw_put(&w, 1, 3);           /* 16 */
    bw_put(&w, 0, 3);           /* 17 */
    bw_put(&w, 0, 3);           /* 18 */
    bw_put(&w, 1, 3);           /* 0 */
    bw_code(&w, 1, 1);
    bw_put(&w, 0, 2);
    CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_CODES);

    /* Code-length code {0: '0', 18: '1'}: 2 x 138 zeros overrun 258. */
    memset(&w, 0, sizeof(w));
    bw_put(&w, 1, 1);
    bw_put(&w, 2, 2);
    bw_put(&w, 0, 5);
    bw_put(&w, 0, 5);
    bw_put(&w, 0, 4);
    bw_put(&w, 0, 3);
    bw_put(&w, 0, 3);
    bw_put(&w, 1, 3);
    bw_put(&w, 1, 3);
    for ( unsigned int i = 0; i < 2; i++ )
    {
        bw_code(&w, 1, 1);
        bw_put(&w, 127, 7);
    }
    CHECK_EQ(bw_status(ctx, &w), INFLATE_ERR_CODES);
}

static void strerror_covers_every_status(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i < INFLATE_NR_STATUS; i++ )
        CHECK(strcmp(inflate_strerror(i), "unknown inflate status"));
    CHECK(!strcmp(inflate_strerror(INFLATE_NR_STATUS),
                  "unknown inflate status"));
}

static const struct unit_case inflate_cases[] = {
    { "fixed_block_decodes", fixed_block_decodes },
    { "stored_block_decodes", stored_block_decodes },
    { "dynamic_block_decodes", dynamic_block_decodes },
    { "multi_block_stream_decodes", multi_block_stream_decodes },
    { "empty_member_decodes", empty_member_decodes },
    { "bytes_after_the_member_are_ignored",
      bytes_after_the_member_are_ignored },
    { "output_fits_exactly_or_is_no_room",
      output_fits_exactly_or_is_no_room },
    { "every_prefix_is_refused", every_prefix_is_refused },
    { "trailer_mismatch_is_reported", trailer_mismatch_is_reported },
    { "optional_header_fields_are_skipped",
      optional_header_fields_are_skipped },
    { "reserved_flags_are_refused", reserved_flags_are_refused },
    { "non_gzip_input_is_refused", non_gzip_input_is_refused },
    { "isize_is_read_from_the_trailer", isize_is_read_from_the_trailer },
    { "reserved_block_type_is_refused", reserved_block_type_is_refused },
    { "stored_length_check_is_enforced", stored_length_check_is_enforced },
    { "fixed_symbols_that_may_not_appear",
      fixed_symbols_that_may_not_appear },
    { "distance_before_output_start_is_refused",
      distance_before_output_start_is_refused },
    { "single_distance_code_is_allowed", single_distance_code_is_allowed },
    { "bad_literal_codes_are_refused", bad_literal_codes_are_refused },
    { "bad_dynamic_headers_are_refused", bad_dynamic_headers_are_refused },
    { "strerror_covers_every_status", strerror_covers_every_status },
};

UNIT_SUITE(inflate, inflate_cases)
