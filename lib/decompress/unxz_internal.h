/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the XZ container (lib/decompress/unxz.c) and its LZMA2 decoder
 * (lib/decompress/unlzma2.c) share: one stream's decoding state. Not an
 * interface: include/xen/unxz.h is.
 */
#ifndef UNXZ_INTERNAL_H
#define UNXZ_INTERNAL_H

#include <xen/unxz.h>

#define UNXZ_INLINE         inline __attribute__((__always_inline__))

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

/*
 * Decodes LZMA2 chunks from x->in[x->pos, in_end) up to the end marker,
 * into x->o with x->lz's model; on success x->pos is just past it.
 */
enum unxz_status unxz_lzma2_decode(struct xz *x, size_t in_end);

#endif /* UNXZ_INTERNAL_H */
