/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page tables the hypervisor keeps once the boot services (or the
 * loader's identity map) are no longer needed, and a check of what they
 * allow.
 *
 * All paths end on l4_boot holding only the hypervisor's own slots: the
 * image (W^X, 4 KiB pages) and the direct map (RW, NX). The BIOS path drops
 * its identity map of the low 4 GiB; the EFI paths leave efi_l4_bootmap,
 * which keeps every firmware mapping, as the bridge the EFI thunk passes
 * through on its way to the firmware's own page tables.
 *
 * arch_pagetable_report() walks the live tables and counts leaves that are
 * both writable and executable: the boot must end with none.
 */
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/setup.h>
#include <asm/bootmap.h>
#include <asm/config.h>
#include <asm/io.h>

#define NR_ENTRIES  L1_PAGETABLE_ENTRIES

static paddr_t image_pa(const struct boot_info *bi, const void *va)
{
    return (paddr_t)((uintptr_t)va - (uintptr_t)_start) + bi->load_base_pa;
}

/* A page-table page, in the image when it is ours, else direct-mapped. */
static const uint64_t *table_va(const struct boot_info *bi, paddr_t pa)
{
    paddr_t img = bi->load_base_pa, img_end = img + (_end - _start);

    if ( pa >= img && pa < img_end )
        return (const void *)(_start + (pa - img));
    if ( pa < BOOT_DIRECTMAP_BYTES )
        return __va(pa);
    return NULL;
}

void arch_pagetables_final(const struct boot_info *bi)
{
    unsigned int img = l4_table_offset(XEN_VIRT_START);
    unsigned int dmap = l4_table_offset(DIRECTMAP_VIRT_START);

    if ( bi->entry != BOOT_ENTRY_MB2_BIOS )
    {
        /* bootmap_build filled our slots in efi_l4_bootmap. */
        l4_boot[img] = efi_l4_entry(img);
        l4_boot[dmap] = efi_l4_entry(dmap);
    }
    for ( unsigned int i = 0; i < NR_ENTRIES; i++ )
        if ( i != img && i != dmap )
            l4_boot[i] = 0;
    write_cr3(image_pa(bi, l4_boot));
}

static void walk(const struct boot_info *bi, paddr_t table, int level,
                 bool w, bool x, struct pt_wx_count *c)
{
    const uint64_t *t = table_va(bi, table);

    if ( !t )
    {
        c->unreadable++;
        return;
    }
    for ( unsigned int i = 0; i < NR_ENTRIES; i++ )
    {
        uint64_t e = t[i];
        bool ew = w && (e & _PAGE_RW), ex = x && !(e & _PAGE_NX);

        if ( !(e & _PAGE_PRESENT) )
            continue;
        if ( level == 1 || (level <= 3 && (e & _PAGE_PSE)) )
        {
            c->leaves++;
            if ( ew && ex )
            {
                c->wx_leaves++;
                c->wx_bytes += 1ULL << (12 + 9 * (level - 1));
            }
            continue;
        }
        walk(bi, e & PTE_ADDR_MASK, level - 1, ew, ex, c);
    }
}

void arch_pagetable_walk(const struct boot_info *bi, paddr_t l4_pa,
                         struct pt_wx_count *c)
{
    *c = (struct pt_wx_count){ 0 };
    walk(bi, l4_pa, 4, true, true, c);
}

void arch_pagetable_report(const struct boot_info *bi)
{
    struct pt_wx_count c;

    arch_pagetable_walk(bi, read_cr3() & PTE_ADDR_MASK, &c);
    printk(XENLOG_INFO
           "Page tables: %lu leaf mappings, %lu writable+executable "
           "(%lu KiB)%s\n", (unsigned long)c.leaves,
           (unsigned long)c.wx_leaves, (unsigned long)(c.wx_bytes >> 10),
           c.unreadable ? ", some tables not reachable" : "");
}
