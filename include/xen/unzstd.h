/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Zstandard decoding (RFC 8878) for compressed dom0 kernels (a bzImage
 * payload): lib/decompress/unzstd.c (frames, blocks, literals),
 * zstd_seq.c (sequences) and zstd_entropy.c (FSE and Huffman tables and
 * streams).
 * Pure and single-call: the caller provides the whole input, the output
 * buffer (which is also the window: a match copies from earlier output)
 * and the work area. Dictionaries are refused.
 */
#ifndef XEN_UNZSTD_H
#define XEN_UNZSTD_H

#include <xen/types.h>

enum unzstd_status {
    UNZSTD_OK,
    UNZSTD_ERR_NOT_ZSTD,        /* no frame or skippable frame magic */
    UNZSTD_ERR_TRUNCATED,       /* input ended inside a frame */
    UNZSTD_ERR_RESERVED,        /* a reserved bit or block type is set */
    UNZSTD_ERR_WINDOW,          /* Window_Size above 2 GiB (window log 31,
                                   libzstd's limit on 64-bit hosts) */
    UNZSTD_ERR_DICTIONARY,      /* the frame names a dictionary */
    UNZSTD_ERR_BLOCK_SIZE,      /* a block larger than Block_Maximum_Size */
    UNZSTD_ERR_LITERALS,        /* malformed literals section */
    UNZSTD_ERR_HUFFMAN,         /* malformed Huffman tree description, or
                                   treeless literals with no tree yet */
    UNZSTD_ERR_FSE,             /* malformed FSE table description, or a
                                   repeated table with none to repeat */
    UNZSTD_ERR_BITSTREAM,       /* an entropy-coded bitstream not consumed
                                   exactly (bits left over, or read past
                                   its start), or without its end mark */
    UNZSTD_ERR_SEQUENCES,       /* malformed sequences section, or a
                                   sequence needing more literals than
                                   the block has */
    UNZSTD_ERR_OFFSET,          /* a match starting before the frame's
                                   first byte */
    UNZSTD_ERR_CONTENT_SIZE,    /* output differs from Frame_Content_Size */
    UNZSTD_ERR_CHECKSUM,        /* content checksum (XXH64) mismatch */
    UNZSTD_ERR_NO_ROOM,         /* output buffer too small */
    UNZSTD_NR_STATUS
};

const char *unzstd_strerror(enum unzstd_status st);

/* RFC 8878 3.1.1.2: no block regenerates more than 128 KiB. */
#define UNZSTD_BLOCK_MAX        (128u << 10)
/* Room after the literals for copies that run a few bytes long. */
#define UNZSTD_LIT_SLACK        32

/* FSE accuracy logs: literal lengths, match lengths, offsets. */
#define UNZSTD_LL_LOG_MAX       9
#define UNZSTD_ML_LOG_MAX       9
#define UNZSTD_OF_LOG_MAX       8
/* Longest Huffman code libzstd accepts (RFC 8878 says 11). */
#define UNZSTD_HUF_LOG_MAX      12

/*
 * One state of an FSE decoding table (zstd_entropy.c): the symbol's
 * value baseline and extra bits (sequence codes), or the symbol itself
 * (base, Huffman weights), and how to reach the next state.
 */
struct unzstd_fse_entry {
    uint16_t next;              /* next state's baseline */
    uint8_t nb_bits;            /* state bits to read for the next state */
    uint8_t add_bits;           /* extra bits of the value */
    uint32_t base;              /* value baseline, or the symbol */
};

/*
 * Scratch for one decoding call; the caller owns it (about 150 KiB, so
 * no large stack frames), no initialisation needed. Tables persist
 * across the blocks of a frame (treeless literals, repeated tables).
 */
struct unzstd_work {
    uint8_t literals[UNZSTD_BLOCK_MAX + UNZSTD_LIT_SLACK];
    uint16_t huf[1u << UNZSTD_HUF_LOG_MAX];   /* length, symbol << 8 */
    struct unzstd_fse_entry ll[1u << UNZSTD_LL_LOG_MAX];
    struct unzstd_fse_entry ml[1u << UNZSTD_ML_LOG_MAX];
    struct unzstd_fse_entry of[1u << UNZSTD_OF_LOG_MAX];
    struct unzstd_fse_entry ll_default[64];
    struct unzstd_fse_entry ml_default[64];
    struct unzstd_fse_entry of_default[32];
    struct unzstd_fse_entry weights[64];  /* Huffman weights' FSE table */
};

/* True when in starts with a Zstandard frame's magic number. */
bool unzstd_is_zstd(const void *in, size_t in_bytes);

/*
 * Decodes the one frame at the start of in (in_bytes) into out
 * (out_bytes of room), or skips the one skippable frame there. *out_len
 * is the number of bytes produced, also on failure (the blocks decoded
 * so far); *in_used is where the frame ends, valid on success; bytes
 * after it are not looked at. Checks the content size and the XXH64
 * checksum when the frame has them. A frame whose content size exceeds
 * out_bytes is refused before anything is written. Never reads or writes
 * outside the given buffers, whatever the input; work is linear in
 * in_bytes + out_bytes.
 */
enum unzstd_status unzstd_frame(const void *in, size_t in_bytes, void *out,
                                size_t out_bytes, size_t *out_len,
                                size_t *in_used, struct unzstd_work *w);

/*
 * As unzstd_frame(), then goes on over further frames and skippable
 * frames while they follow; decoding stops, successfully, at the end of
 * the input or at bytes that start neither (Linux appends the
 * uncompressed size to a bzImage payload). The first bytes must be a
 * frame or a skippable frame. *in_used is the end of the last frame.
 */
enum unzstd_status unzstd_decode(const void *in, size_t in_bytes, void *out,
                                 size_t out_bytes, size_t *out_len,
                                 size_t *in_used, struct unzstd_work *w);

#endif /* XEN_UNZSTD_H */
