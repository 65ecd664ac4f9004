/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page-table entry bits and index arithmetic for 4-level paging (Intel SDM
 * vol. 3, "4-Level Paging"). Usable from C and assembly.
 */
#ifndef ASM_PAGE_H
#define ASM_PAGE_H

#include <asm/config.h>

#define _PAGE_PRESENT   _AC(0x001, UL)
#define _PAGE_RW        _AC(0x002, UL)
#define _PAGE_USER      _AC(0x004, UL)
#define _PAGE_PWT       _AC(0x008, UL)
#define _PAGE_PCD       _AC(0x010, UL)
#define _PAGE_ACCESSED  _AC(0x020, UL)
#define _PAGE_DIRTY     _AC(0x040, UL)
#define _PAGE_PSE       _AC(0x080, UL)
#define _PAGE_GLOBAL    _AC(0x100, UL)
#define _PAGE_NX_BIT    63

#define PAGETABLE_ORDER     9
#define L1_PAGETABLE_ENTRIES 512
#define L1_PAGETABLE_SHIFT  12
#define L2_PAGETABLE_SHIFT  21
#define L3_PAGETABLE_SHIFT  30
#define L4_PAGETABLE_SHIFT  39

#define PT_INDEX(va, shift) (((va) >> (shift)) & (L1_PAGETABLE_ENTRIES - 1))
#define l1_table_offset(va) PT_INDEX(va, L1_PAGETABLE_SHIFT)
#define l2_table_offset(va) PT_INDEX(va, L2_PAGETABLE_SHIFT)
#define l3_table_offset(va) PT_INDEX(va, L3_PAGETABLE_SHIFT)
#define l4_table_offset(va) PT_INDEX(va, L4_PAGETABLE_SHIFT)

/* Bits 12..51 of an entry hold the frame address. */
#define PTE_ADDR_MASK   _AC(0x000ffffffffff000, UL)

#ifndef __ASSEMBLY__
#define _PAGE_NX        (1UL << _PAGE_NX_BIT)
#endif

#endif /* ASM_PAGE_H */
