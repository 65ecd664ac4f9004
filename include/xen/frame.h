/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot frame allocator (lib/mm/frame.c). Free physical memory is a
 * sorted list of ranges in storage the caller provides; blocks of 2^order
 * 4 KiB pages, naturally aligned, are handed out from the top down, as Xen
 * does, so low memory stays for devices that can only reach it.
 *
 * Memory the firmware reported as unaccepted (include/xen/unaccepted.h) is
 * free memory like any other, but each 2 MiB unit of it goes through the
 * caller's accept callback before the first page of it is handed out, once.
 * A unit that cannot be accepted leaves the free memory for good.
 *
 * Pure: no globals, no allocation; the caller owns the pool, its range
 * storage and the unaccepted table.
 */
#ifndef XEN_FRAME_H
#define XEN_FRAME_H

#include <xen/types.h>
#include <xen/unaccepted.h>

#define FRAME_PAGE_SHIFT    12
#define FRAME_PAGE_BYTES    (1ULL << FRAME_PAGE_SHIFT)
#define FRAME_MAX_ORDER     18                  /* 1 GiB */
#define FRAME_UNIT_BYTES    UNACCEPTED_UNIT_BYTES

/*
 * Free memory ends at or below this, so that an exclusive end always fits
 * in a paddr_t; the last page of the address space is never free.
 */
#define FRAME_PA_END        (0ULL - FRAME_PAGE_BYTES)

/* A free range [start, end), both 4 KiB aligned. */
struct frame_range {
    paddr_t start;
    paddr_t end;
};

/* Accepts the 2 MiB unit at pa: 0 when it is usable now, else nonzero. */
typedef int frame_accept_fn(void *ctx, paddr_t pa, uint64_t bytes);

struct frame_pool {
    struct frame_range *free;       /* caller storage, sorted, disjoint, */
    unsigned int nr_free, max_free; /* never touching */
    struct unaccepted_table *ua;    /* NULL: nothing is unaccepted */
    frame_accept_fn *accept;        /* required when ua != NULL */
    void *accept_ctx;
    uint64_t free_bytes;
    uint64_t accepted_bytes;        /* accepted on first use */
    uint64_t dropped_bytes;         /* removed because accepting failed */
};

enum frame_status {
    FRAME_OK,
    FRAME_ERR_NO_ROOM,      /* range storage full */
    FRAME_ERR_ALIGN,        /* freed block not aligned to its size */
    FRAME_ERR_RANGE,        /* end <= start, or block past FRAME_PA_END */
    FRAME_ERR_NO_MEMORY,    /* no free block of that order below max_pa */
    FRAME_ERR_NOT_FREE,     /* freed block overlaps free or unaccepted
                               memory: never allocated, or freed twice */
    FRAME_ERR_OVERLAP,      /* added memory overlaps free memory */
    FRAME_ERR_ORDER,        /* order above FRAME_MAX_ORDER */
    FRAME_ERR_NO_ACCEPT,    /* unaccepted table but no accept callback */
};

const char *frame_strerror(enum frame_status st);

/*
 * Sets up an empty pool over storage (room for max ranges). ua, when not
 * NULL, is the table of units still unaccepted, shared with the caller;
 * accept(ctx, pa, FRAME_UNIT_BYTES) is then called for each of them that
 * an allocation is about to touch.
 */
void frame_pool_init(struct frame_pool *p, struct frame_range *storage,
                     unsigned int max, struct unaccepted_table *ua,
                     frame_accept_fn *accept, void *ctx);

/*
 * Adds [start, end) to the free memory, start rounded up and end down to
 * 4 KiB (a range holding no whole page adds nothing), merging with touching
 * ranges. FRAME_ERR_RANGE when end <= start, FRAME_ERR_OVERLAP when any
 * page of it is free already, FRAME_ERR_NO_ROOM when a new range is needed
 * and storage is full; on any error nothing changes.
 */
enum frame_status frame_pool_add(struct frame_pool *p, paddr_t start,
                                 paddr_t end);

/*
 * Takes [start, end), rounded outward to 4 KiB, out of the free memory,
 * whatever part of it is free (the image, modules, firmware tables...).
 * FRAME_ERR_RANGE when end <= start; FRAME_ERR_NO_ROOM when it would split
 * a range and storage is full, and then nothing changes.
 */
enum frame_status frame_pool_reserve(struct frame_pool *p, paddr_t start,
                                     paddr_t end);

/*
 * Allocates 2^order pages, aligned to their size, ending at or below max_pa
 * (0: no limit): the highest such block that is free and whose every 2 MiB
 * unit is accepted or can be. Units still unaccepted are passed to the
 * accept callback first, each once; a unit it refuses is removed from the
 * free memory (counted in dropped_bytes) and the search goes on. With the
 * range storage full, only a block at an edge of a range can be carved,
 * and FRAME_ERR_NO_ROOM says that only blocks inside ranges were left.
 * *pa is written on FRAME_OK only.
 */
enum frame_status frame_alloc(struct frame_pool *p, unsigned int order,
                              paddr_t max_pa, paddr_t *pa);

/*
 * Returns a block from frame_alloc(). FRAME_ERR_NOT_FREE when it overlaps
 * free memory or a unit still unaccepted; FRAME_ERR_NO_ROOM when it
 * touches no free range and storage is full. On any error nothing changes.
 */
enum frame_status frame_free(struct frame_pool *p, paddr_t pa,
                             unsigned int order);

/*
 * True when the range list is sorted, aligned, non-empty per range, never
 * touching, within FRAME_PA_END and storage, and sums to free_bytes.
 */
bool frame_pool_is_valid(const struct frame_pool *p);

#endif /* XEN_FRAME_H */
