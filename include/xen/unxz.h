/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XZ decoding (lib/decompress/unxz.c, the .xz file format 1.x with LZMA2 and the
 * x86 BCJ filter) for compressed dom0 kernels (a bzImage payload). Pure
 * and single-call: the caller provides the whole input, the output buffer
 * (which is also the LZMA2 dictionary) and the work area.
 */
#ifndef XEN_UNXZ_H
#define XEN_UNXZ_H

#include <xen/crc32.h>
#include <xen/types.h>

enum unxz_status {
    UNXZ_OK,
    UNXZ_ERR_NOT_XZ,            /* no stream header magic */
    UNXZ_ERR_TRUNCATED,         /* input ended inside a stream */
    UNXZ_ERR_HEADER_CRC,        /* a header, index or footer CRC32 differs */
    UNXZ_ERR_FLAGS,             /* reserved stream flag bits set, or the
                                   footer's flags differ from the header's */
    UNXZ_ERR_UNSUPPORTED_CHECK, /* a check type other than none, CRC32 and
                                   CRC64 (SHA-256 included) */
    UNXZ_ERR_UNSUPPORTED_FILTER,/* a filter chain other than [x86,] LZMA2 */
    UNXZ_ERR_BLOCK_HEADER,      /* malformed block header or filter flags */
    UNXZ_ERR_DATA,              /* corrupt LZMA2 or LZMA data */
    UNXZ_ERR_SIZE,              /* block sizes differ from its header */
    UNXZ_ERR_CHECK,             /* a block's check value differs */
    UNXZ_ERR_INDEX,             /* index malformed or unlike the blocks */
    UNXZ_ERR_FOOTER,            /* footer magic or backward size wrong */
    UNXZ_ERR_PADDING,           /* non-zero padding, or stream padding that
                                   is not a multiple of four bytes */
    UNXZ_ERR_NO_ROOM,           /* output buffer too small */
    UNXZ_NR_STATUS
};

const char *unxz_strerror(enum unxz_status st);

/* LZMA probability counters: fixed part plus 0x300 per literal coder. */
#define UNXZ_LIT_CODERS_MAX     16      /* lc + lp <= 4 in LZMA2 */
#define UNXZ_NR_PROBS           (1847 + 0x300 * UNXZ_LIT_CODERS_MAX)

/*
 * Scratch for the LZMA probability model and the check's tables; the
 * caller owns it (about 40 KiB, no large stack frames). No
 * initialization needed.
 */
struct unxz_work {
    uint16_t probs[UNXZ_NR_PROBS];
    uint32_t crc32[CRC32_SLICES][256];
    uint64_t crc64[4][256];
};

/* True when in starts with the XZ stream header magic. */
bool unxz_is_xz(const void *in, size_t in_bytes);

/*
 * Decodes the one XZ stream at the start of in (in_bytes) into out
 * (out_bytes of room). *out_len is the number of bytes produced, also on
 * failure (then the bytes of the failed block are not yet through the
 * x86 filter, and an LZMA2 chunk that does not fit is not written at
 * all); *in_used is where the stream (its footer) ends, valid on
 * success; bytes after it are not looked at. Checks every CRC32, the
 * blocks' CRC32 or CRC64 checks, the block sizes and the index against
 * the blocks. Never reads or writes outside the given buffers, whatever
 * the input; work is linear in in_bytes + out_bytes.
 */
enum unxz_status unxz_stream(const void *in, size_t in_bytes, void *out,
                             size_t out_bytes, size_t *out_len,
                             size_t *in_used, struct unxz_work *w);

/*
 * As unxz_stream(), then goes on over stream padding (zero bytes in
 * groups of four) and further streams while they follow; decoding stops,
 * successfully, at the end of the input or at bytes that are neither
 * (Linux appends the uncompressed size to a bzImage payload). *in_used is
 * the end of the last stream decoded.
 */
enum unxz_status unxz_decode(const void *in, size_t in_bytes, void *out,
                             size_t out_bytes, size_t *out_len,
                             size_t *in_used, struct unxz_work *w);

#endif /* XEN_UNXZ_H */
