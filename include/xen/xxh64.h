/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XXH64 (lib/decompress/xxh64.c), the 64-bit xxHash that Zstandard uses
 * as its content checksum (RFC 8878 3.1.1, Content_Checksum; the
 * algorithm is specified by xxHash's own "xxhash_spec.md"). Pure: in one
 * call, or fed piece by piece (a frame's blocks while they are in the
 * cache).
 */
#ifndef XEN_XXH64_H
#define XEN_XXH64_H

#include <xen/types.h>

/* A hash being computed; the caller owns it. */
struct xxh64_state {
    uint64_t acc[4];            /* the four lanes' accumulators */
    uint64_t total;             /* bytes fed so far */
    uint64_t seed;
    uint8_t buf[32];            /* a stripe not yet whole */
    unsigned int buf_bytes;
};

void xxh64_init(struct xxh64_state *s, uint64_t seed);

/* Feeds bytes at data into s. */
void xxh64_update(struct xxh64_state *s, const void *data, size_t bytes);

/* The hash of everything fed so far (s is left as it was). */
uint64_t xxh64_digest(const struct xxh64_state *s);

/* The XXH64 hash of data[0..bytes) with the given seed. */
uint64_t xxh64(const void *data, size_t bytes, uint64_t seed);

#endif /* XEN_XXH64_H */
