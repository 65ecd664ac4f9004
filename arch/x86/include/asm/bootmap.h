/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot page tables (arch/x86/boot/x86_64.S) and the builder that adds
 * the hypervisor's own mappings to an L4 (arch/x86/bootmap.c).
 */
#ifndef ASM_BOOTMAP_H
#define ASM_BOOTMAP_H

#include <xen/types.h>
#include <asm/page.h>

extern uint64_t l4_boot[L1_PAGETABLE_ENTRIES];
extern uint64_t l3_ident[L1_PAGETABLE_ENTRIES];
extern uint64_t l2_ident[4 * L1_PAGETABLE_ENTRIES];
extern uint64_t l3_xen[L1_PAGETABLE_ENTRIES];
extern uint64_t l2_xen[L1_PAGETABLE_ENTRIES];
extern uint64_t l1_xen[XEN_IMG_L1_TABLES * L1_PAGETABLE_ENTRIES];
extern uint64_t l3_dmap[L1_PAGETABLE_ENTRIES];
extern uint64_t l2_dmap[4 * L1_PAGETABLE_ENTRIES];

/* Section boundaries from xen.lds.S. */
extern char _start[], _stext[], _etext[], _srodata[], _erodata[];
extern char _sdata[], _edata[], __bss_start[], __bss_end[], _end[];

enum bootmap_status {
    BOOTMAP_OK,
    BOOTMAP_SLOT_IMAGE_BUSY,    /* L4 slot of the image already in use */
    BOOTMAP_SLOT_DMAP_BUSY,     /* L4 slot of the direct map in use */
    BOOTMAP_TOO_BIG,            /* image larger than its L1 tables */
};

/*
 * Adds the image (slot 261, 4 KiB pages, W^X by section) and the direct map
 * of the low 4 GiB (slot 262, 2 MiB pages, NX) to l4, filling the tables
 * above. Must run identity-mapped at the load address (it takes physical
 * addresses from RIP-relative ones). Returns a BOOTMAP_* status; l4 is
 * unchanged unless BOOTMAP_OK.
 */
int bootmap_build(uint64_t *l4);

#endif /* ASM_BOOTMAP_H */
