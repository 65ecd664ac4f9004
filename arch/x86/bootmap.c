/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Adds the hypervisor's own mappings to an L4 before the switch to the
 * linked address: the image in PML4 slot 261 with per-section permissions
 * in 4 KiB pages (text RX, rodata R, data and BSS RW, all but text NX), and
 * the low 4 GiB of the direct map in slot 262 (RW, NX).
 *
 * It runs at the load address, before anything is at the linked address:
 * every symbol is reached RIP-relative, so taking an address yields the
 * physical address, and there are no absolute pointers here. The BIOS path
 * passes its own boot L4; the EFI paths pass a copy of the firmware's.
 */
#include <asm/bootmap.h>
#include <asm/config.h>

#define PTE_TABLE   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)

static uint64_t pa_of(const void *p)
{
    /* Valid only while running identity mapped at the load address. */
    return (uint64_t)(uintptr_t)p;
}

static uint64_t image_pte_flags(uint64_t off, uint64_t text_end,
                                uint64_t rodata_end)
{
    uint64_t f = _PAGE_PRESENT | _PAGE_ACCESSED;

    if ( off < text_end )
        return f;                           /* RX */
    if ( off < rodata_end )
        return f | _PAGE_NX;                /* R */
    return f | _PAGE_RW | _PAGE_DIRTY | _PAGE_NX;   /* RW */
}

int bootmap_build(uint64_t *l4)
{
    uint64_t base_pa = pa_of(_start);
    uint64_t img_bytes = (uint64_t)(_end - _start);
    uint64_t text_end = (uint64_t)(_etext - _start);
    uint64_t rodata_end = (uint64_t)(_erodata - _start);
    unsigned int i;

    if ( l4[l4_table_offset(XEN_VIRT_START)] & _PAGE_PRESENT )
        return BOOTMAP_SLOT_IMAGE_BUSY;
    if ( l4[l4_table_offset(DIRECTMAP_VIRT_START)] & _PAGE_PRESENT )
        return BOOTMAP_SLOT_DMAP_BUSY;
    if ( img_bytes > XEN_IMG_MAX_BYTES )
        return BOOTMAP_TOO_BIG;

    for ( i = 0; i < img_bytes >> PAGE_SHIFT; i++ )
    {
        uint64_t off = (uint64_t)i << PAGE_SHIFT;

        l1_xen[i] = (base_pa + off) |
                    image_pte_flags(off, text_end, rodata_end);
    }
    for ( i = 0; i < XEN_IMG_L1_TABLES; i++ )
        l2_xen[l2_table_offset(XEN_IMG_START) + i] =
            pa_of(&l1_xen[i * L1_PAGETABLE_ENTRIES]) | PTE_TABLE;
    l3_xen[l3_table_offset(XEN_VIRT_START)] = pa_of(l2_xen) | PTE_TABLE;

    for ( i = 0; i < 4 * L1_PAGETABLE_ENTRIES; i++ )
        l2_dmap[i] = ((uint64_t)i << L2_PAGETABLE_SHIFT) | _PAGE_PRESENT |
                     _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | _PAGE_PSE |
                     _PAGE_NX;
    for ( i = 0; i < 4; i++ )
        l3_dmap[i] = pa_of(&l2_dmap[i * L1_PAGETABLE_ENTRIES]) | PTE_TABLE;

    l4[l4_table_offset(XEN_VIRT_START)] = pa_of(l3_xen) | PTE_TABLE;
    l4[l4_table_offset(DIRECTMAP_VIRT_START)] = pa_of(l3_dmap) | PTE_TABLE;
    return BOOTMAP_OK;
}
