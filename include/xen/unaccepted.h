/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sparse tracking of unaccepted memory (lib/mm/unaccepted.c). UEFI 2.9
 * firmware for TDX and SEV-SNP guests reports memory the guest must accept
 * before first use as type 15. We keep one bit per 2 MiB unit, set while
 * the unit is still unaccepted, but only for the ranges that hold
 * unaccepted memory: a table of range records, each pointing at its bits in
 * one shared bitmap pool. Tracking memory therefore grows with the amount
 * of unaccepted memory and the number of its ranges, never with the highest
 * address (one bit per 2 MiB over 4 PiB would be 256 MiB).
 *
 * Whatever cannot be tracked in whole units is accepted up front: the
 * unaligned head and tail of each range, and ranges shorter than two units.
 * Pure: the caller owns the table and its storage.
 */
#ifndef XEN_UNACCEPTED_H
#define XEN_UNACCEPTED_H

#include <xen/types.h>
#include <xen/efimap.h>

#define UNACCEPTED_UNIT_SHIFT       21
#define UNACCEPTED_UNIT_BYTES       (1ULL << UNACCEPTED_UNIT_SHIFT)
#define UNACCEPTED_PAGES_PER_UNIT (UNACCEPTED_UNIT_BYTES >> EFIMAP_PAGE_SHIFT)
/* Ranges shorter than this are accepted whole, up front. */
#define UNACCEPTED_MIN_TRACK_BYTES  (2 * UNACCEPTED_UNIT_BYTES)

/* Physical memory in 4 KiB pages; pages keep 2^64-byte ends in range. */
struct unaccepted_span {
    uint64_t start_pa;
    uint64_t nr_pages;
};

/* One run of tracked units; its bits start at bit_offset in the pool. */
struct unaccepted_range {
    uint64_t base_pa;           /* 2 MiB aligned */
    uint64_t nr_units;
    uint64_t bit_offset;
};

/* Lives wherever the caller likes; points into the caller's storage. */
struct unaccepted_table {
    struct unaccepted_range *ranges;    /* sorted, never touching */
    unsigned int nr_ranges;
    uint64_t *bits;                     /* set: unit not accepted yet */
    uint64_t nr_bits;
    uint64_t nr_pending;                /* set bits */
};

/* What a plan needs, from unaccepted_measure(). */
struct unaccepted_need {
    size_t storage_bytes;       /* for unaccepted_plan()'s storage */
    unsigned int nr_ranges;
    uint64_t nr_units;
    unsigned int nr_accept_now; /* spans to accept up front */
    uint64_t accept_now_pages;
    uint64_t end_pfn;           /* past the last type-15 page; 0: none */
};

enum unaccepted_status {
    UNACCEPTED_OK,
    UNACCEPTED_MORE,                /* take: output full, call again */
    UNACCEPTED_ERR_NOT_NORMALIZED,  /* EFI map not from efimap_normalize() */
    UNACCEPTED_ERR_STORAGE,         /* storage below the measured need */
    UNACCEPTED_ERR_STORAGE_ALIGN,   /* storage not 8-byte aligned */
    UNACCEPTED_ERR_ACCEPT_ROOM,     /* accept-now list too small */
    UNACCEPTED_ERR_RANGE,           /* unaligned start or end past 2^64 */
    UNACCEPTED_ERR_NOT_FOUND,       /* nothing pending at or above */
};

const char *unaccepted_strerror(enum unaccepted_status st);

/* Measures what unaccepted_plan() needs for a normalized EFI map. */
enum unaccepted_status unaccepted_measure(const struct efimap_entry *map,
                                          unsigned int nr,
                                          struct unaccepted_need *need);

/*
 * True when every type-15 page of a measured map lies below limit_pa, so
 * a platform that can accept memory only there can accept all of it later
 * (the up-front spans and the tracked units alike). Nothing unaccepted
 * always fits; limit_pa UINT64_MAX stands for no limit.
 */
bool unaccepted_fits_below(const struct unaccepted_need *need,
                           uint64_t limit_pa);

/*
 * Sets up *t over storage (8-byte aligned, at least need.storage_bytes)
 * for a normalized EFI map: every maximal run of touching type-15 entries
 * is either listed in accept_now whole (shorter than 4 MiB) or split into
 * an unaligned head and tail, listed in accept_now, and the aligned rest,
 * recorded with all its bits set. accept_now has room for max_accept_now
 * spans; *nr_accept_now receives the count. The caller must accept the
 * listed spans before it uses them; nothing else is accepted yet.
 */
enum unaccepted_status unaccepted_plan(struct unaccepted_table *t,
                                       void *storage, size_t storage_bytes,
                                       const struct efimap_entry *map,
                                       unsigned int nr,
                                       struct unaccepted_span *accept_now,
                                       unsigned int max_accept_now,
                                       unsigned int *nr_accept_now);

/*
 * True when no tracked unit overlapping the range is still unaccepted;
 * always true for nr_pages 0.
 */
bool unaccepted_is_accepted(const struct unaccepted_table *t,
                            uint64_t start_pa, uint64_t nr_pages);

/*
 * The allocator is about to hand out nr_pages from start_pa (page
 * aligned): lists in out (room for max_out) the runs of units overlapping
 * it that are not accepted yet, merged where they touch, and marks them
 * accepted, so each unit is returned exactly once. The caller must accept
 * them before handing the memory out. UNACCEPTED_MORE: out filled up;
 * the listed units are marked, call again for the rest. nr_pages 0 (with
 * a valid start_pa) lists and marks nothing.
 */
enum unaccepted_status unaccepted_take(struct unaccepted_table *t,
                                       uint64_t start_pa, uint64_t nr_pages,
                                       struct unaccepted_span *out,
                                       unsigned int max_out,
                                       unsigned int *nr_out);

/*
 * The first run of units still unaccepted that ends above from_pa (its
 * first unit may begin below from_pa); UNACCEPTED_ERR_NOT_FOUND when none.
 * Lets a boot that cannot accept memory leave it out of RAM, or walk what
 * is left.
 */
enum unaccepted_status unaccepted_next(const struct unaccepted_table *t,
                                       uint64_t from_pa,
                                       struct unaccepted_span *span);

#endif /* XEN_UNACCEPTED_H */
