/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The machine-to-phys table (M2P) a PV guest reads at Xen's
 * RO_MPT_VIRT_START (MACH2PHYS_VIRT_START, 0xffff800000000000, L4 slot
 * 256): one 8-byte entry per machine frame below max_page, the guest's
 * pseudo-physical frame for dom0's frames and INVALID_M2P_ENTRY (~0) for
 * every other. It is made of 2 MiB extents mapped read-only, user, NX by
 * 2 MiB pages under one hypervisor L3 and L2; dom0 changes its entries
 * only by MMU_MACHPHYS_UPDATE. Also the x86 memory_op sub-ops that
 * describe it: machphys_mapping, machphys_mfn_list, maximum_ram_page.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/pv_abi.h>
#include <xen/string.h>
#include <asm/bootmap.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>

#define M2P_EXTENT_BYTES    MB(2)
#define M2P_EXTENT_ENTRIES  (M2P_EXTENT_BYTES / 8)
#define M2P_MAX_EXTENTS     L1_PAGETABLE_ENTRIES    /* one L2 of them */
#define M2P_INVALID         (~0ULL)

static uint64_t m2p_max_page;           /* machine frames covered */
static unsigned int m2p_nr_extents;
static uint64_t m2p_extent_pa[M2P_MAX_EXTENTS];
static uint64_t m2p_l4_entry;

/* See asm/pv.h. */
uint64_t pv_host_max_page(void)
{
    uint64_t end = 0;

    for ( unsigned int i = 0; i < hv_info.host_e820_nr; i++ )
    {
        const struct e820entry *e = &hv_info.host_e820[i];

        if ( e->type == E820_RAM && e->addr + e->size > end )
            end = e->addr + e->size;
    }
    return end >> PAGE_SHIFT;
}

bool pv_m2p_init(void)
{
    uint64_t l3_pa, l2_pa, *l3, *l2;
    uint64_t leaf = _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED |
                    _PAGE_DIRTY | _PAGE_PSE | _PAGE_NX;
    unsigned int slot = l4_table_offset((uint64_t)__MACH2PHYS_VIRT_START);

    if ( l4_boot[slot] & _PAGE_PRESENT )
    {
        printk("dom0: L4 slot %u is in use; no machine-to-phys table\n",
               slot);
        return false;
    }
    m2p_max_page = pv_host_max_page();
    m2p_nr_extents = (m2p_max_page + M2P_EXTENT_ENTRIES - 1) /
                     M2P_EXTENT_ENTRIES;
    if ( m2p_nr_extents > M2P_MAX_EXTENTS )
        m2p_nr_extents = M2P_MAX_EXTENTS;
    m2p_max_page = MIN(m2p_max_page,
                       (uint64_t)m2p_nr_extents * M2P_EXTENT_ENTRIES);
    l3_pa = alloc_frames_scrubbed(0, 0);
    l2_pa = alloc_frames_scrubbed(0, 0);
    if ( !l3_pa || !l2_pa )
        return false;
    l3 = __va(l3_pa);
    l2 = __va(l2_pa);
    for ( unsigned int i = 0; i < m2p_nr_extents; i++ )
    {
        uint64_t pa = alloc_frames_scrubbed(9, 0);

        if ( !pa )
            return false;
        memset(__va(pa), 0xff, M2P_EXTENT_BYTES);
        m2p_extent_pa[i] = pa;
        l2[i] = pa | leaf;
    }
    l3[0] = l2_pa | _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;
    m2p_l4_entry = l3_pa | _PAGE_PRESENT | _PAGE_USER | _PAGE_ACCESSED;
    for ( unsigned int c = 0; c < dom0.nr_chunks; c++ )
        for ( uint64_t i = 0; i < dom0.chunks[c].nr; i++ )
            pv_m2p_set(dom0.chunks[c].mfn + i, dom0.chunks[c].pfn + i);
    printk("dom0: machine-to-phys table at %#lx: %lu frames, %u MiB\n",
           (unsigned long)__MACH2PHYS_VIRT_START, (unsigned long)m2p_max_page,
           m2p_nr_extents * 2);
    return true;
}

uint64_t pv_m2p_l4e(void)
{
    return m2p_l4_entry;
}

void pv_m2p_set(uint64_t mfn, uint64_t pfn)
{
    if ( mfn >= m2p_max_page )
        return;                         /* beyond the table: nothing kept */
    ((uint64_t *)__va(m2p_extent_pa[mfn / M2P_EXTENT_ENTRIES]))
        [mfn % M2P_EXTENT_ENTRIES] = pfn;
}

/* XENMEM_machphys_mfn_list: the first frame of each 2 MiB extent. */
static long m2p_mfn_list(uint64_t arg)
{
    struct xen_machphys_mfn_list l;
    unsigned int i;

    if ( copy_from_guest(&l, arg, sizeof(l)) )
        return -XEN_EFAULT;
    for ( i = 0; i < l.max_extents && i < m2p_nr_extents; i++ )
    {
        xen_pfn_t mfn = m2p_extent_pa[i] >> PAGE_SHIFT;

        if ( copy_to_guest(guest_handle_va(l.extent_start) + i * sizeof(mfn),
                           &mfn, sizeof(mfn)) )
            return -XEN_EFAULT;
    }
    l.nr_extents = i;
    return copy_to_guest(arg, &l, sizeof(l)) ? -XEN_EFAULT : 0;
}

long arch_memory_op(uint64_t cmd, uint64_t arg)
{
    struct xen_machphys_mapping m;

    switch ( cmd )
    {
    case XENMEM_maximum_ram_page:
        return pv_host_max_page();
    case XENMEM_machphys_mapping:
        /* Xen without memory hotplug: max_mfn is max_page - 1. */
        m.v_start = __MACH2PHYS_VIRT_START;
        m.v_end = __MACH2PHYS_VIRT_END;
        m.max_mfn = m2p_max_page - 1;
        return copy_to_guest(arg, &m, sizeof(m)) ? -XEN_EFAULT : 0;
    case XENMEM_machphys_mfn_list:
        return m2p_mfn_list(arg);
    case XENMEM_exchange:
        return pv_memory_exchange(arg);
    }
    return hypercall_unimplemented(__HYPERVISOR_memory_op, cmd);
}
