/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Binary heaps shared by the memory-map cores (lib/mm/e820.c,
 * lib/efi/efimap.c): an in-place heapsort of fixed-size records by a 64-bit
 * key, and a max-heap of 32-bit record indices in caller storage. Pure: no
 * allocation, no recursion, no globals.
 */
#ifndef XEN_HEAP_H
#define XEN_HEAP_H

#include <xen/types.h>

/* The largest record heap_sort() moves; it is held once on the stack. */
#define HEAP_MAX_ELEM_BYTES 64

enum heap_status {
    HEAP_OK,
    HEAP_ERR_ELEM_BYTES,    /* record size 0 or above HEAP_MAX_ELEM_BYTES */
    HEAP_ERR_KEY_OFFSET,    /* the 8-byte key does not lie inside a record */
    HEAP_ERR_FULL,          /* no free slot left in an index heap */
    HEAP_ERR_EMPTY,         /* nothing to pop from an index heap */
};

const char *heap_strerror(enum heap_status st);

/*
 * Sorts nr records of elem_bytes each at base, in place, by the uint64_t
 * found key_offset bytes into each record, smallest key first. Records and
 * keys need no particular alignment. The order of records with equal keys
 * is not kept, but it depends only on the input, so a given input always
 * comes out the same. O(nr log nr) time, no extra memory beyond one record
 * on the stack. The caller owns base; nothing is written on an error.
 */
enum heap_status heap_sort(void *base, size_t nr, size_t elem_bytes,
                           size_t key_offset);

/* True when record a ranks strictly below record b. */
typedef bool (*heap_less_fn)(const void *ctx, uint32_t a, uint32_t b);

/*
 * A max-heap of record indices: slot[0] is the index of a record that no
 * other held record ranks above. The records live with the caller and are
 * reached only through less(ctx, ...). slot[] holds max_nr indices and is
 * owned by the caller; heap_idx_init() empties the heap.
 */
struct heap_idx {
    uint32_t *slot;
    unsigned int nr;
    unsigned int max_nr;
    heap_less_fn less;
    const void *ctx;
};

void heap_idx_init(struct heap_idx *h, uint32_t *slot, unsigned int max_nr,
                   heap_less_fn less, const void *ctx);

/* Adds idx; HEAP_ERR_FULL, the heap left as it was, when it has no room. */
enum heap_status heap_idx_push(struct heap_idx *h, uint32_t idx);

/* Drops the top index; HEAP_ERR_EMPTY when the heap holds none. */
enum heap_status heap_idx_pop(struct heap_idx *h);

#endif /* XEN_HEAP_H */
