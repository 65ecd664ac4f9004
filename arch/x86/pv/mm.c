/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's page-table updates: update_va_mapping, mmu_update on its own
 * tables, and mmuext_op to pin a new L1 table and flush. A frame dom0 may
 * map is one of its own (a page-table frame only read-only), the
 * shared_info page, a frame of the low 1 MiB read-only, or a frame the
 * host e820 does not call RAM (firmware tables, MMIO; ACPI, NVS and
 * unusable ranges and EFI runtime memory read-only). A hypervisor frame, a free
 * frame or any other RAM is -EPERM, as is a writable mapping of a
 * page-table frame. Tables are tracked by level; a table can only link to
 * a table of the level below it, and never into the hypervisor's slots.
 */
#include <xen/efimap.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/string.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>

#define MMU_BATCH_MAX           4096
#define LOW_MEMORY_END          0x100000ULL

const void *arch_fw_ptr(uint64_t pa, size_t len)
{
    if ( pa == 0 || pa + len < pa || pa + len > BOOT_DIRECTMAP_BYTES )
        return NULL;
    return __va(pa);
}

static void flush_tlb(void)
{
    write_cr3(read_cr3());
}

/* The host e820 type at pa; 0 in a hole. */
static uint32_t host_type(uint64_t pa)
{
    for ( unsigned int i = 0; i < hv_info.host_e820_nr; i++ )
    {
        const struct e820entry *e = &hv_info.host_e820[i];

        if ( pa >= e->addr && pa - e->addr < e->size )
            return e->type;
    }
    return 0;
}

/* Does pa lie in EFI runtime memory (the firmware the hypervisor calls)? */
static bool efi_runtime(uint64_t pa)
{
    const struct boot_info *bi = hv_info.bi;

    for ( uint32_t off = 0; bi->efi_desc_bytes >= sizeof(struct efimap_fw_desc)
          && off + bi->efi_desc_bytes <= bi->efi_map_bytes;
          off += bi->efi_desc_bytes )
    {
        struct efimap_fw_desc d;

        memcpy(&d, bi->efi_map + off, sizeof(d));
        if ( (d.attr & EFIMAP_ATTR_RUNTIME) && pa >= d.phys_start &&
             (pa - d.phys_start) >> PAGE_SHIFT < d.nr_pages )
            return true;
    }
    return false;
}

/* May dom0 hold this L1 entry? 0 or -XEN_EPERM / -XEN_EINVAL. */
static long check_l1e(uint64_t val)
{
    uint64_t mfn = (val & PTE_ADDR_MASK) >> PAGE_SHIFT, pfn;
    bool rw = val & _PAGE_RW;
    uint32_t type;

    if ( !(val & _PAGE_PRESENT) )
        return 0;
    if ( pv_mfn_to_pfn(&dom0, mfn, &pfn) )
        return rw && dom0.pt_level[pfn] ? -XEN_EPERM : 0;
    if ( (mfn << PAGE_SHIFT) == hv_info.dom0_shared_info_pa )
        return 0;
    if ( (mfn << PAGE_SHIFT) < LOW_MEMORY_END )
        return rw ? -XEN_EPERM : 0;
    type = host_type(mfn << PAGE_SHIFT);
    if ( type == E820_RAM )
        return -XEN_EPERM;
    if ( rw && ((type != 0 && type != E820_RESERVED) ||
                efi_runtime(mfn << PAGE_SHIFT)) )
        return -XEN_EPERM;
    return 0;
}

/* Writable-mapping count of an L1 entry's frame, when dom0 owns it. */
static void count_l1e(uint64_t val, int delta)
{
    uint64_t pfn;

    if ( (val & (_PAGE_PRESENT | _PAGE_RW)) == (_PAGE_PRESENT | _PAGE_RW) &&
         pv_mfn_to_pfn(&dom0, (val & PTE_ADDR_MASK) >> PAGE_SHIFT, &pfn) )
        dom0.wcount[pfn] += delta;
}

/*
 * Writes entry idx of the table at pfn (a table of level) after checks;
 * keep_ad: the entry keeps its Accessed and Dirty bits.
 */
static long write_entry(uint64_t pfn, unsigned int idx, uint64_t val,
                        bool keep_ad)
{
    unsigned int level = dom0.pt_level[pfn];
    uint64_t *e = (uint64_t *)__va(dom0.p2m[pfn] << PAGE_SHIFT) + idx;
    uint64_t tpfn;
    long rc;

    if ( keep_ad )
        val = (val & ~(uint64_t)(_PAGE_ACCESSED | _PAGE_DIRTY)) |
              (*e & (_PAGE_ACCESSED | _PAGE_DIRTY));
    if ( val & _PAGE_PRESENT )
        val |= _PAGE_USER;
    if ( level == 1 )
    {
        rc = check_l1e(val);
        if ( rc )
            return rc;
        count_l1e(*e, -1);
        count_l1e(val, 1);
        *e = val;
        return 0;
    }
    if ( level == 4 && idx >= l4_table_offset(HYPERVISOR_VIRT_START) &&
         idx < l4_table_offset(HYPERVISOR_VIRT_END) )
        return -XEN_EPERM;
    if ( val & _PAGE_PRESENT )
    {
        if ( val & _PAGE_PSE )
            return -XEN_EINVAL;
        if ( !pv_mfn_to_pfn(&dom0, (val & PTE_ADDR_MASK) >> PAGE_SHIFT,
                            &tpfn) || dom0.pt_level[tpfn] != level - 1 )
            return -XEN_EPERM;
    }
    *e = val;
    return 0;
}

/* The pfn of the L1 table mapping va in dom0's tables, or a -errno. */
static long l1_table_of(uint64_t va, uint64_t *pfn)
{
    uint64_t table = dom0.l4_mfn << PAGE_SHIFT;

    if ( (va >> 47) != 0 && (va >> 47) != 0x1ffff )
        return -XEN_EINVAL;
    if ( va >= HYPERVISOR_VIRT_START && va < HYPERVISOR_VIRT_END )
        return -XEN_EINVAL;
    for ( unsigned int shift = L4_PAGETABLE_SHIFT; shift > L1_PAGETABLE_SHIFT;
          shift -= 9 )
    {
        uint64_t e = ((const uint64_t *)__va(table))[PT_INDEX(va, shift)];

        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) )
            return -XEN_EINVAL;
        table = e & PTE_ADDR_MASK;
    }
    if ( !pv_mfn_to_pfn(&dom0, table >> PAGE_SHIFT, pfn) ||
         dom0.pt_level[*pfn] != 1 )
        return -XEN_EINVAL;
    return 0;
}

long pv_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
{
    uint64_t pfn;
    long rc;

    if ( flags & ~(UVMF_FLUSHTYPE_MASK | UVMF_ALL) )
        return -XEN_EINVAL;             /* no vCPU masks with one vCPU */
    rc = l1_table_of(va, &pfn);
    if ( rc )
        return rc;
    rc = write_entry(pfn, l1_table_offset(va), val, false);
    if ( rc )
        return rc;
    if ( flags & UVMF_FLUSHTYPE_MASK )
        flush_tlb();
    return 0;
}

static bool domid_self(uint64_t domid)
{
    return domid == DOMID_SELF || domid == 0;
}

long pv_mmu_update(uint64_t reqs, uint64_t count, uint64_t done_ptr,
                   uint64_t domid)
{
    uint64_t done = 0;
    long rc = 0;

    if ( !domid_self(domid) )
        return -XEN_ESRCH;
    if ( count > MMU_BATCH_MAX )
        return -XEN_EINVAL;
    for ( ; done < count; done++ )
    {
        struct mmu_update u;
        uint64_t pfn;

        if ( copy_from_guest(&u, reqs + done * sizeof(u), sizeof(u)) )
        {
            rc = -XEN_EFAULT;
            break;
        }
        if ( (u.ptr & 3) != MMU_NORMAL_PT_UPDATE &&
             (u.ptr & 3) != MMU_PT_UPDATE_PRESERVE_AD )
        {
            rc = -XEN_ENOSYS;
            break;
        }
        if ( (u.ptr & 4) ||
             !pv_mfn_to_pfn(&dom0, u.ptr >> PAGE_SHIFT, &pfn) ||
             !dom0.pt_level[pfn] )
        {
            rc = -XEN_EINVAL;
            break;
        }
        rc = write_entry(pfn, (u.ptr & (PAGE_SIZE - 1)) / 8, u.val,
                         (u.ptr & 3) == MMU_PT_UPDATE_PRESERVE_AD);
        if ( rc )
            break;
    }
    flush_tlb();
    if ( done_ptr && copy_to_guest(done_ptr, &(uint32_t){ done },
                                   sizeof(uint32_t)) )
        return -XEN_EFAULT;             /* unsigned int *done, as in Xen */
    return rc;
}

/* MMUEXT_PIN_L1_TABLE: a frame of dom0's, mapped nowhere writable. */
static long pin_l1(uint64_t mfn)
{
    const uint64_t *t;
    uint64_t pfn;

    if ( !pv_mfn_to_pfn(&dom0, mfn, &pfn) )
        return -XEN_EPERM;
    if ( dom0.pt_level[pfn] || dom0.wcount[pfn] )
        return -XEN_EINVAL;             /* a table already, or writable */
    t = __va(mfn << PAGE_SHIFT);
    for ( unsigned int i = 0; i < L1_PAGETABLE_ENTRIES; i++ )
        if ( check_l1e(t[i]) )
            return -XEN_EINVAL;
    for ( unsigned int i = 0; i < L1_PAGETABLE_ENTRIES; i++ )
        count_l1e(t[i], 1);
    dom0.pt_level[pfn] = 1;
    return 0;
}

long pv_mmuext_op(uint64_t ops, uint64_t count, uint64_t done_ptr,
                  uint64_t domid)
{
    uint64_t done = 0;
    long rc = 0;

    if ( !domid_self(domid) )
        return -XEN_ESRCH;
    if ( count > MMU_BATCH_MAX )
        return -XEN_EINVAL;
    for ( ; done < count && !rc; done++ )
    {
        struct mmuext_op op;

        if ( copy_from_guest(&op, ops + done * sizeof(op), sizeof(op)) )
        {
            rc = -XEN_EFAULT;
            break;
        }
        switch ( op.cmd )
        {
        case MMUEXT_PIN_L1_TABLE:
            rc = pin_l1(op.arg1.mfn);
            break;
        case MMUEXT_TLB_FLUSH_LOCAL:
        case MMUEXT_INVLPG_LOCAL:
        case MMUEXT_TLB_FLUSH_MULTI:
        case MMUEXT_INVLPG_MULTI:
        case MMUEXT_TLB_FLUSH_ALL:
        case MMUEXT_INVLPG_ALL:
            flush_tlb();
            break;
        default:
            rc = -XEN_ENOSYS;
            break;
        }
        if ( rc )
            break;
    }
    if ( done_ptr && copy_to_guest(done_ptr, &(uint32_t){ done },
                                   sizeof(uint32_t)) )
        return -XEN_EFAULT;             /* unsigned int *done, as in Xen */
    return rc;
}
