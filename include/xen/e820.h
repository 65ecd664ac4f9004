/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The e820 memory map form the hypervisor works in and hands to dom0
 * (XENMEM_machine_memory_map): packed 20-byte records as in Xen's public
 * headers and the BIOS interface.
 */
#ifndef XEN_E820_H
#define XEN_E820_H

#include <xen/types.h>

#define E820_RAM        1
#define E820_RESERVED   2
#define E820_ACPI       3
#define E820_NVS        4
#define E820_UNUSABLE   5

/* The most entries any map we keep may hold (Xen's E820MAX). */
#define E820_MAX        1024

/* ACPI spec, "System Address Map Interfaces": one address range. */
struct e820entry {
    uint64_t addr;   /* 0 */
    uint64_t size;   /* 8 */
    uint32_t type;   /* 16 */
} __packed;
_Static_assert(sizeof(struct e820entry) == 20, "e820entry");

/*
 * Sanitizing (lib/mm/e820.c). A sanitized map is sorted by address, has no
 * zero-size entries, no overlaps and no two touching entries of one type,
 * except where merging would need a size of 2^64: the whole address space
 * of one type is written as two entries, the last 4 KiB on its own.
 *
 * Where input ranges overlap, the more restrictive type wins, so that no
 * byte any producer reserved can end up as free RAM:
 *
 *   unusable (5) > NVS (4) > reserved (2) and unknown types > ACPI (3)
 *   > RAM (1)
 *
 * Reserved and unknown types share a rank; among them the numerically larger
 * type wins. The result depends only on the set of input ranges, never on
 * their order.
 */
enum e820_status {
    E820_OK,
    E820_ERR_NO_ROOM,       /* output too small; *nr_out holds the need */
    E820_ERR_SCRATCH,       /* scratch smaller than e820_scratch_bytes() */
    E820_ERR_NOT_SANITIZED, /* the map given to e820_add is not sanitized */
    E820_ERR_RANGE,         /* addr + size passes 2^64 */
};

const char *e820_strerror(enum e820_status st);

/* Short name of an e820 type for printing ("RAM", ..., "unknown"). */
const char *e820_type_name(uint32_t type);

/* Scratch bytes e820_sanitize() needs for nr_in input entries. */
size_t e820_scratch_bytes(unsigned int nr_in);

/*
 * Sanitizes nr_in entries of in (not changed) into out, which holds
 * max_out entries. Zero-size entries are dropped; a range whose end passes
 * 2^64 is clipped there. scratch (any alignment, at least
 * e820_scratch_bytes(nr_in) bytes) is caller storage used only during the
 * call. On E820_OK and on E820_ERR_NO_ROOM, *nr_out is the number of
 * entries the sanitized map has; with E820_ERR_NO_ROOM only the first
 * max_out of them were written. Runs in O(n log n) without recursion.
 */
enum e820_status e820_sanitize(const struct e820entry *in, unsigned int nr_in,
                               struct e820entry *out, unsigned int max_out,
                               unsigned int *nr_out,
                               void *scratch, size_t scratch_bytes);

/* True when map is sanitized as described above. */
bool e820_is_sanitized(const struct e820entry *map, unsigned int nr);

/*
 * Sum of the sizes of the entries of the given type, saturating at
 * UINT64_MAX. The map need not be sanitized.
 */
uint64_t e820_total_bytes(const struct e820entry *map, unsigned int nr,
                          uint32_t type);

/*
 * Gives [addr, addr + size) the given type in a sanitized map of *nr
 * entries (room for max), whatever was there before: used to reserve
 * areas, or to return them to RAM. The map stays sanitized. size 0 changes
 * nothing. On any error the map is unchanged.
 */
enum e820_status e820_add(struct e820entry *map, unsigned int *nr,
                          unsigned int max, uint64_t addr, uint64_t size,
                          uint32_t type);

/*
 * x86-64 physical addresses have at most 52 bits (Intel SDM vol. 3A 4.1.4,
 * AMD APM vol. 2 5.3.1): RAM claimed at or above this is a firmware error.
 */
#define E820_PA_LIMIT   (1ULL << 52)

/*
 * Makes the RAM of a sanitized map of *nr entries (room for max) that lies
 * at or above limit_pa E820_UNUSABLE, so that no RAM entry reaches past
 * limit_pa (nor has an end that wraps at 2^64). *clipped_bytes receives
 * how many bytes of RAM changed type, 0 when the map was left as it was.
 * The map stays sanitized; on any error it is unchanged.
 */
enum e820_status e820_clip_ram(struct e820entry *map, unsigned int *nr,
                               unsigned int max, uint64_t limit_pa,
                               uint64_t *clipped_bytes);

#endif /* XEN_E820_H */
