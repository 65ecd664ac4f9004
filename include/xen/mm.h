/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory management at boot (arch/x86/mm.c): the frame allocator over the
 * e820 RAM the hypervisor owns, and the direct map over all of it.
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/bootinfo.h>
#include <xen/e820.h>
#include <xen/frame.h>

/*
 * Builds the frame pool from the sanitized e820 map, reserving what must
 * survive (low 1 MiB, the image, modules, the MBI, the firmware's page
 * tables that runtime calls still use), then maps all RAM in the direct
 * map with page-table pages from the pool. Prints what it did.
 */
void mm_init(const struct boot_info *bi, const struct e820entry *map,
             unsigned int nr);

/*
 * A block of 2^order pages below max_pa (0: anywhere), zero-filled through
 * the direct map before it is returned: nothing of a previous owner, or of
 * the firmware, reaches the next one. Returns 0 when there is none.
 */
paddr_t alloc_frames_scrubbed(unsigned int order, paddr_t max_pa);

/*
 * The same block with whatever it holds: for dom0's RAM at build time,
 * which Xen's builder does not scrub either unless bootscrub=1 (the
 * builder zeroes the initial mapping it fills in). Not for anything a
 * domain gets later.
 */
paddr_t alloc_frames(unsigned int order, paddr_t max_pa);

/* Returns a block from alloc_frames_scrubbed() or alloc_frames(). */
void free_frames(paddr_t pa, unsigned int order);

/*
 * True when [pa, pa + bytes) lies inside the direct map (after mm_init():
 * all RAM below 512 GiB, and everything below 4 GiB).
 */
bool mm_directmap_covers(paddr_t pa, uint64_t bytes);

struct efimap_hv_range;

/*
 * The ranges mm_init() kept out of the frame pool above the low 1 MiB
 * (hypervisor image, multiboot2 information, modules, retained tables,
 * firmware page tables, RAM past the direct map), touching ones merged;
 * their number in *nr. XEN_FW_EFI_MEMORY_MAP shows them reserved.
 */
const struct efimap_hv_range *arch_mm_owned(unsigned int *nr);

extern struct frame_pool frame_pool;

#endif /* XEN_MM_H */
