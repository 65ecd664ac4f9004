/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's page-table hypercalls: update_va_mapping, mmu_update (entries of
 * its typed tables, and its M2P entries), mmuext_op (pin and unpin at any
 * level, kernel and user base pointers, no-LDT, page clear and copy,
 * flushes) and vm_assist. Page types and references are kept by the pure
 * arch/x86/lib/pvpt.c; this file gives it dom0's frames and the frame rules for
 * frames that are not dom0's: the shared_info page and the grant-table
 * frames (writable), a frame of the low
 * 1 MiB read-only, or a frame the host e820 does not call RAM (firmware
 * tables, MMIO and ACPI NVS writable; ACPI tables, unusable ranges and EFI
 * runtime memory read-only). A hypervisor frame, a free frame or any
 * other RAM is -EPERM.
 */
#include <xen/console.h>
#include <xen/efi_boot.h>
#include <xen/efimap.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/pv_abi.h>
#include <xen/pvpt.h>
#include <xen/string.h>
#include <asm/bootmap.h>
#include <asm/hypercall.h>
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

/* The allocation order holding bytes. */
static unsigned int order_of_bytes(uint64_t bytes)
{
    unsigned int o = 0;

    while ( (PAGE_SIZE << o) < bytes )
        o++;
    return o;
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

/*
 * Does pa lie in EFI runtime memory (the firmware the hypervisor calls)?
 * Looked up in the normalized map (O(log n): maps may hold thousands of
 * descriptors), which keeps each descriptor's attributes.
 */
static bool efi_runtime(uint64_t pa)
{
    unsigned int nr, i;
    const struct efimap_entry *map = efi_memmap_get(&nr);

    return map && efimap_find(map, nr, pa, &i) == EFIMAP_OK &&
           (map[i].attr & EFIMAP_ATTR_RUNTIME);
}

#define VGA_WINDOW_START    0xa0000
#define VGA_WINDOW_END      0xc0000

/*
 * The frame rules for an L1 entry naming a frame that is not dom0's: 0,
 * 1 for a frame dom0 may only read (a writable entry is entered without
 * RW, as Xen forces its read-only MMIO ranges; Linux maps firmware tables
 * writable with early_memremap and only reads them), -XEN_EPERM for RAM.
 * Below 1 MiB everything is read-only but the VGA window. ACPI NVS is
 * writable, as on Xen (which gives dom0 every non-RAM frame outside its
 * own read-only ranges): the FACS lives there, and dom0's ACPI
 * interpreter takes the firmware's global lock in it with lock cmpxchg.
 */
static long foreign_l1e(void *ctx, uint64_t val)
{
    uint64_t mfn = (val & PTE_ADDR_MASK) >> PAGE_SHIFT;
    bool rw = val & _PAGE_RW;
    uint32_t type;

    if ( (mfn << PAGE_SHIFT) == hv_info.dom0_shared_info_pa ||
         grant_table_frame(mfn) )
        return 0;
    /* The legacy VGA window is MMIO dom0 drives (vgacon writes it). */
    if ( (mfn << PAGE_SHIFT) >= VGA_WINDOW_START &&
         (mfn << PAGE_SHIFT) < VGA_WINDOW_END )
        return 0;
    if ( (mfn << PAGE_SHIFT) < LOW_MEMORY_END )
        return rw;
    type = host_type(mfn << PAGE_SHIFT);
    if ( type == E820_RAM )
        return -XEN_EPERM;
    if ( rw && ((type != 0 && type != E820_RESERVED && type != E820_NVS) ||
                efi_runtime(mfn << PAGE_SHIFT)) )
        return 1;
    return 0;
}

static uint64_t *dom0_table(void *ctx, uint64_t pfn)
{
    return __va(dom0.p2m[pfn] << PAGE_SHIFT);
}

static bool dom0_frame_of(void *ctx, uint64_t mfn, uint64_t *pfn)
{
    return pv_mfn_to_pfn(&dom0, mfn, pfn);
}

static void dom0_fill_hv_slots(void *ctx, uint64_t *l4)
{
    pv_fill_hv_slots(l4);
}

static struct pvpt_dom dom0_pt = {
    .hv_first = l4_table_offset(HYPERVISOR_VIRT_START),
    .hv_end = l4_table_offset(HYPERVISOR_VIRT_END),
    .table = dom0_table,
    .frame_of = dom0_frame_of,
    .foreign_l1e = foreign_l1e,
    .fill_hv_slots = dom0_fill_hv_slots,
};

void pv_fill_hv_slots(uint64_t *l4)
{
    unsigned int m2p = l4_table_offset((uint64_t)__MACH2PHYS_VIRT_START);

    /* Supervisor-only, so traps and syscall work on the guest's CR3. */
    for ( unsigned int i = dom0_pt.hv_first; i < dom0_pt.hv_end; i++ )
        l4[i] = l4_boot[i] & ~_PAGE_USER;
    l4[m2p] = pv_m2p_l4e();
}

bool pv_mm_start(void)
{
    uint64_t n = dom0.nr_pages, l4;
    paddr_t tref = alloc_frames_scrubbed(order_of_bytes(n * 4), 0);
    paddr_t pinned = alloc_frames_scrubbed(order_of_bytes(n), 0);

    if ( !tref || !pinned || !pv_m2p_init() )
    {
        printk("dom0: no memory for page types and the M2P table\n");
        return false;
    }
    dom0.tref = __va(tref);
    dom0.pinned = __va(pinned);
    dom0_pt.nr_frames = n;
    dom0_pt.level = dom0.pt_level;
    dom0_pt.pinned = dom0.pinned;
    dom0_pt.tref = dom0.tref;
    dom0_pt.wcount = dom0.wcount;
    dom0_pt.mcount = dom0.mcount;
    /* Type the builder's tables afresh: pinned, and the base pointer. */
    memset(dom0.pt_level, 0, n);
    memset(dom0.wcount, 0, n * sizeof(*dom0.wcount));
    memset(dom0.mcount, 0, n * sizeof(*dom0.mcount));
    if ( !pv_mfn_to_pfn(&dom0, dom0.l4_mfn, &l4) ||
         pvpt_pin(&dom0_pt, l4, 4) || pvpt_get(&dom0_pt, l4, 4) )
    {
        printk("dom0: the initial page tables do not validate\n");
        return false;
    }
    return true;
}

/* See asm/pv.h. */
long pv_get_writable(uint64_t mfn, uint64_t *pfn)
{
    if ( !pv_mfn_to_pfn(&dom0, mfn, pfn) )
        return -XEN_EINVAL;
    return pvpt_get_writable(&dom0_pt, *pfn);
}

void pv_load_guest_cr3(bool user)
{
    uint64_t l4 = user && dom0.user_l4_mfn ? dom0.user_l4_mfn : dom0.l4_mfn;

    if ( read_cr3() != l4 << PAGE_SHIFT )
        write_cr3(l4 << PAGE_SHIFT);
}

/*
 * The pfn (and machine address, when ma is not NULL) of the L1 table
 * mapping va in dom0's tables, or a -errno.
 */
static long l1_table_of(uint64_t va, uint64_t *pfn, uint64_t *ma)
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
    if ( ma )
        *ma = table;
    return 0;
}

long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
{
    uint64_t pfn;
    long rc;

    if ( flags & ~(UVMF_FLUSHTYPE_MASK | UVMF_ALL) )
        return -XEN_EINVAL;             /* no vCPU masks with one vCPU */
    rc = l1_table_of(va, &pfn, NULL);
    if ( rc )
        return rc;
    rc = pvpt_write(&dom0_pt, pfn, l1_table_offset(va), val, false);
    if ( rc )
        return rc;
    if ( flags & UVMF_FLUSHTYPE_MASK )
        flush_tlb();
    return 0;
}

/*
 * A guest-kernel store of val at va that faulted because va maps one of
 * dom0's L1 tables read-only: redone as a validated update of that entry
 * (Xen's writable-page-table emulation). False when va is not an L1
 * table of dom0's or the new entry is refused.
 */
bool pv_ptwr_write(uint64_t va, uint64_t val)
{
    uint64_t l1pfn, l1ma, pfn, e;
    const uint64_t *l1;

    if ( va & 7 || l1_table_of(va, &l1pfn, &l1ma) )
        return false;
    l1 = __va(l1ma);
    e = l1[l1_table_offset(va)];
    if ( !(e & _PAGE_PRESENT) ||
         !pv_mfn_to_pfn(&dom0, (e & PTE_ADDR_MASK) >> PAGE_SHIFT, &pfn) ||
         dom0.pt_level[pfn] != 1 )
        return false;
    if ( pvpt_write(&dom0_pt, pfn, (va & (PAGE_SIZE - 1)) / 8, val, false) )
        return false;
    flush_tlb();
    return true;
}

static bool domid_self(uint64_t domid)
{
    return domid == DOMID_SELF || domid == 0;
}

/* One mmu_update request: 0 or a -errno. */
static long mmu_update_one(const struct mmu_update *u)
{
    unsigned int cmd = u->ptr & 3;
    uint64_t pfn;

    if ( cmd == MMU_MACHPHYS_UPDATE )
    {
        /* The guest's own M2P entry of a frame it owns, any value. */
        if ( !pv_mfn_to_pfn(&dom0, u->ptr >> PAGE_SHIFT, &pfn) )
            return -XEN_EINVAL;
        pv_m2p_set(u->ptr >> PAGE_SHIFT, u->val);
        return 0;
    }
    if ( cmd != MMU_NORMAL_PT_UPDATE && cmd != MMU_PT_UPDATE_PRESERVE_AD )
        return hypercall_unimplemented(__HYPERVISOR_mmu_update, cmd);
    if ( (u->ptr & 4) || !pv_mfn_to_pfn(&dom0, u->ptr >> PAGE_SHIFT, &pfn) )
        return -XEN_EINVAL;
    if ( !dom0.pt_level[pfn] )
    {
        /*
         * A frame that is no table is a writable page to Xen, and the
         * update a plain store: Linux sets every PTE by mmu_update, also
         * in the tables of an mm it has not pinned yet (exec's new mm).
         * A frame set_gdt holds is Xen's descriptor page: -EINVAL.
         */
        if ( pv_gdt_frame(u->ptr >> PAGE_SHIFT) )
            return -XEN_EINVAL;
        /* One aligned 8-byte store: atomic, as Xen's. */
        *(volatile uint64_t *)(dom0_table(NULL, pfn) +
                               (u->ptr & (PAGE_SIZE - 1)) / 8) = u->val;
        return 0;
    }
    return pvpt_write(&dom0_pt, pfn, (u->ptr & (PAGE_SIZE - 1)) / 8, u->val,
                      cmd == MMU_PT_UPDATE_PRESERVE_AD);
}

long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t done_ptr,
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

        if ( copy_from_guest(&u, reqs + done * sizeof(u), sizeof(u)) )
        {
            rc = -XEN_EFAULT;
            break;
        }
        rc = mmu_update_one(&u);
        if ( rc )
            break;
    }
    flush_tlb();
    if ( done_ptr && copy_to_guest(done_ptr, &(uint32_t){ done },
                                   sizeof(uint32_t)) )
        return -XEN_EFAULT;             /* unsigned int *done, as in Xen */
    return rc;
}

/* NEW_BASEPTR (user false) and NEW_USER_BASEPTR (user true, 0: none). */
static long new_baseptr(uint64_t mfn, bool user)
{
    uint64_t *cur = user ? &dom0.user_l4_mfn : &dom0.l4_mfn, pfn, old;
    uint64_t old_mfn;

    if ( user && mfn == 0 )
        pfn = UINT64_MAX;
    else if ( !pv_mfn_to_pfn(&dom0, mfn, &pfn) ||
              pvpt_get(&dom0_pt, pfn, 4) )
        return -XEN_EINVAL;
    old_mfn = *cur;
    *cur = mfn;
    /*
     * Load the new table before the old one may lose its type (and with
     * it the hypervisor's slots): never run on a table being cleared.
     */
    pv_load_guest_cr3(!dom0_vcpu.kernel_mode);
    if ( old_mfn && pv_mfn_to_pfn(&dom0, old_mfn, &old) )
        pvpt_put(&dom0_pt, old);
    return 0;
}

/* CLEAR_PAGE and COPY_PAGE: the destination is dom0's and no table. */
static long page_op(const struct mmuext_op *op)
{
    uint64_t dst, src;

    if ( !pv_mfn_to_pfn(&dom0, op->arg1.mfn, &dst) || dom0.pt_level[dst] )
        return -XEN_EINVAL;
    if ( op->cmd == MMUEXT_CLEAR_PAGE )
    {
        memset(dom0_table(NULL, dst), 0, PAGE_SIZE);
        return 0;
    }
    if ( !pv_mfn_to_pfn(&dom0, op->arg2.src_mfn, &src) )
        return -XEN_EINVAL;
    memcpy(dom0_table(NULL, dst), dom0_table(NULL, src), PAGE_SIZE);
    return 0;
}

/* One mmuext_op request: 0 or a -errno. */
static long mmuext_one(const struct mmuext_op *op)
{
    uint64_t pfn;

    switch ( op->cmd )
    {
    case MMUEXT_PIN_L1_TABLE:
    case MMUEXT_PIN_L2_TABLE:
    case MMUEXT_PIN_L3_TABLE:
    case MMUEXT_PIN_L4_TABLE:
        if ( !pv_mfn_to_pfn(&dom0, op->arg1.mfn, &pfn) )
            return -XEN_EPERM;
        return pvpt_pin(&dom0_pt, pfn, op->cmd - MMUEXT_PIN_L1_TABLE + 1);
    case MMUEXT_UNPIN_TABLE:
        if ( !pv_mfn_to_pfn(&dom0, op->arg1.mfn, &pfn) )
            return -XEN_EINVAL;
        return pvpt_unpin(&dom0_pt, pfn);
    case MMUEXT_NEW_BASEPTR:
        return new_baseptr(op->arg1.mfn, false);
    case MMUEXT_NEW_USER_BASEPTR:
        return new_baseptr(op->arg1.mfn, true);
    case MMUEXT_SET_LDT:
        /* Only "no LDT"; the descriptor side is not here. */
        return op->arg2.nr_ents ? -XEN_ENOSYS : 0;
    case MMUEXT_CLEAR_PAGE:
    case MMUEXT_COPY_PAGE:
        return page_op(op);
    case MMUEXT_TLB_FLUSH_LOCAL:
    case MMUEXT_INVLPG_LOCAL:
    case MMUEXT_TLB_FLUSH_MULTI:
    case MMUEXT_INVLPG_MULTI:
    case MMUEXT_TLB_FLUSH_ALL:
    case MMUEXT_INVLPG_ALL:
        flush_tlb();
        return 0;
    }
    return hypercall_unimplemented(__HYPERVISOR_mmuext_op, op->cmd);
}

long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t done_ptr,
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
        struct mmuext_op op;

        if ( copy_from_guest(&op, ops + done * sizeof(op), sizeof(op)) )
        {
            rc = -XEN_EFAULT;
            break;
        }
        rc = mmuext_one(&op);
        if ( rc )
            break;
    }
    if ( done_ptr && copy_to_guest(done_ptr, &(uint32_t){ done },
                                   sizeof(uint32_t)) )
        return -XEN_EFAULT;             /* unsigned int *done, as in Xen */
    return rc;
}

long do_vm_assist(uint64_t cmd, uint64_t type)
{
    /* The assists Xen accepts from a 64-bit PV guest (recorded only). */
    const uint64_t valid = (1ULL << VMASST_TYPE_4gb_segments) |
                           (1ULL << VMASST_TYPE_4gb_segments_notify) |
                           (1ULL << VMASST_TYPE_writable_pagetables) |
                           (1ULL << VMASST_TYPE_pae_extended_cr3) |
                           (1ULL << VMASST_TYPE_architectural_iopl) |
                           (1ULL << VMASST_TYPE_runstate_update_flag) |
                           (1ULL << VMASST_TYPE_m2p_strict);

    if ( type >= 64 || !(valid & (1ULL << type)) )
        return -XEN_EINVAL;
    switch ( cmd )
    {
    case VMASST_CMD_enable:
        dom0.vm_assist |= 1ULL << type;
        return 0;
    case VMASST_CMD_disable:
        dom0.vm_assist &= ~(1ULL << type);
        return 0;
    }
    return -XEN_ENOSYS;
}
