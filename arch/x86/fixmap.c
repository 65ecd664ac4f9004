/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Uncached mappings of device registers (asm/fixmap.h). The L1 table lives
 * in the image, so its machine address is read back from the image's own
 * L1 entries; it is hooked into the image's L2 on first use, and every L4
 * that shares the image's L3 (dom0's, the EFI runtime one) sees it at once.
 */
#include <xen/console.h>
#include <asm/bootmap.h>
#include <asm/fixmap.h>
#include <asm/page.h>

#define PTE_TABLE   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)
#define PTE_MMIO    (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                     _PAGE_DIRTY | _PAGE_PCD | _PAGE_PWT | _PAGE_NX)

static uint64_t l1_fixmap[FIXMAP_SLOTS] __aligned(PAGE_SIZE);
static unsigned int fixmap_used;

/* The machine address of a page of the image, from its L1 entry. */
static paddr_t image_page_pa(const void *va)
{
    uint64_t off = (uint64_t)(uintptr_t)va - XEN_IMG_START;

    return l1_xen[off >> PAGE_SHIFT] & PTE_ADDR_MASK;
}

void *fixmap_map_uc(paddr_t pa)
{
    uint64_t va;
    unsigned int slot;

    if ( fixmap_used == FIXMAP_SLOTS )
        return NULL;
    if ( !fixmap_used )
        l2_xen[l2_table_offset(FIXMAP_VIRT_START)] =
            image_page_pa(l1_fixmap) | PTE_TABLE;
    slot = fixmap_used++;
    va = FIXMAP_VIRT_START + ((uint64_t)slot << PAGE_SHIFT);
    l1_fixmap[slot] = (pa & PTE_ADDR_MASK) | PTE_MMIO;
    __asm__ volatile ( "invlpg (%0)" :: "r" (va) : "memory" );
    return (void *)(uintptr_t)(va + (pa & (PAGE_SIZE - 1)));
}
