/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * gzip / DEFLATE decoding (lib/decompress/inflate.c, RFC 1951 and RFC 1952) for
 * compressed dom0 kernels and modules. Pure: the caller provides the
 * output buffer (which is also the history window) and the work area.
 */
#ifndef XEN_INFLATE_H
#define XEN_INFLATE_H

#include <xen/crc32.h>
#include <xen/types.h>

enum inflate_status {
    INFLATE_OK,
    INFLATE_ERR_NOT_GZIP,       /* no gzip magic or method is not deflate */
    INFLATE_ERR_HEADER,         /* gzip header fields run past the input,
                                   reserved flags set or FHCRC mismatch */
    INFLATE_ERR_TRUNCATED,      /* input ended inside the stream */
    INFLATE_ERR_BLOCK_TYPE,     /* reserved block type 3 */
    INFLATE_ERR_STORED_LEN,     /* stored block LEN != ~NLEN */
    INFLATE_ERR_CODES,          /* an invalid or incomplete Huffman code */
    INFLATE_ERR_SYMBOL,         /* a symbol that may not appear */
    INFLATE_ERR_DISTANCE,       /* a distance before the output start */
    INFLATE_ERR_NO_ROOM,        /* output buffer too small */
    INFLATE_ERR_CRC,            /* trailer CRC-32 does not match */
    INFLATE_ERR_SIZE,           /* trailer ISIZE does not match */
    INFLATE_NR_STATUS
};

const char *inflate_strerror(enum inflate_status st);

/* Codes of up to this many bits decode with one table look-up. */
#define INFLATE_FAST_BITS   9

/*
 * Scratch for Huffman tables (literal/length, distance); the caller owns
 * it (no large stack frames). About 11.3 KiB; no initialization needed.
 */
struct inflate_work {
    uint16_t counts[2][16];
    uint16_t symbols[2][320];
    uint16_t fast[2][1 << INFLATE_FAST_BITS];
    uint32_t crc32[CRC32_SLICES][256];  /* for the gzip trailer's check */
};

/* True when in starts with the gzip magic and method 8 (deflate). */
bool inflate_is_gzip(const void *in, size_t in_bytes);

/*
 * The uncompressed size the gzip trailer claims (ISIZE, mod 2^32, read
 * from the last 4 bytes of in), for sizing the output; false when in is
 * not gzip or in_bytes is too short to hold a member.
 */
bool inflate_gzip_isize(const void *in, size_t in_bytes, uint32_t *isize);

/*
 * Decodes the first gzip member at in (in_bytes) into out (out_bytes of
 * room); *out_len is the number of bytes produced, also on failure (a
 * literal, match or stored block that does not fit is not written at
 * all). Checks the trailer's ISIZE, then its CRC-32; bytes after the
 * member are ignored. Never reads or writes outside the given buffers,
 * whatever the input; work is linear in in_bytes + out_bytes.
 */
enum inflate_status inflate_gunzip(const void *in, size_t in_bytes,
                                   void *out, size_t out_bytes,
                                   size_t *out_len, struct inflate_work *w);

#endif /* XEN_INFLATE_H */
