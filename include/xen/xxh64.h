/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XXH64 (lib/decompress/xxh64.c), the 64-bit xxHash that Zstandard uses
 * as its content checksum (RFC 8878 3.1.1, Content_Checksum; the
 * algorithm is specified by xxHash's own "xxhash_spec.md"). Pure.
 */
#ifndef XEN_XXH64_H
#define XEN_XXH64_H

#include <xen/types.h>

/* The XXH64 hash of data[0..bytes) with the given seed. */
uint64_t xxh64(const void *data, size_t bytes, uint64_t seed);

#endif /* XEN_XXH64_H */
