/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-pvmm: the memory-management hypercalls a Linux PV kernel makes from
 * its first instructions, each checked against the answer Xen gives:
 * memory_op reservations and the machine-to-phys table (read through its
 * read-only mapping, changed by MMU_MACHPHYS_UPDATE), vm_assist, mmuext_op
 * pinning and unpinning at every level, a writable mapping of low memory
 * entered read-only, a second L4 loaded with
 * NEW_BASEPTR while the builder's is unpinned (as Linux does), the user
 * L4, page clearing and copying, multicall batches; and the hostile cases:
 * tables that map themselves or a table writable, superpages, loops,
 * double pins, foreign frames, the hypervisor's L4 slots. Then the other
 * calls Debian's Linux makes as an initial domain, with Xen's answers:
 * mmu_update on a frame that is no table, grant-table setup, pirqs and
 * GSIs, XENMEM_exchange (one page given up for a page below 4 GiB, and
 * the refusals), debug registers, ACPI sleep states other than S5, CPU
 * information and xenpmu_op.
 *
 * Lines: "pvmm CASE: rc=R (NAME) expected=E pass|FAIL" for each case (the
 * format of xen-hostile), then "pvmm: N passed, N failed".
 */
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/platform.h>
#include <public/version.h>
#include <public/xen-mca.h>

#include "console.h"
#include "fwinfo.h"
#include "hypercall.h"
#include "layout.h"
#include "lib.h"
#include "mm.h"
#include "tally.h"
#include "portio.h"
#include "pvmm.h"

#define E_OK        0L
#define E_EPERM     (-XEN_EPERM)
#define E_ESRCH     (-XEN_ESRCH)
#define E_EFAULT    (-XEN_EFAULT)
#define E_EINVAL    (-XEN_EINVAL)
#define E_ENOSYS    (-XEN_ENOSYS)
#define E_EEXIST    (-XEN_EEXIST)
#define E_ENODEV    (-XEN_ENODEV)
#define E_EOPNOTSUPP (-XEN_EOPNOTSUPP)
/* As e2 of tally_rc(): only e1 passes. */
#define NO_ALT      TALLY_NO_ALT
#define PTE_PWT         0x008ULL
#define PTE_PCD         0x010ULL
#define PTE_PAT         0x080ULL        /* bit 7 of an L1 entry */
#define PTE_GLOBAL      0x100ULL

#define M2P_END         0xffff804000000000UL
#define M2P_INVALID     (~0UL)
#define L4_KERNEL_SLOT  511
#define HV_SLOT_FIRST   256
#define HV_SLOT_END     272
#define NR_SCRATCH      6
#define PTE_PSE         0x080ULL
#define UNMAPPED_LOW    0x1000UL

static uint8_t scratch[NR_SCRATCH][MM_PAGE_BYTES]
    __attribute__((__aligned__(MM_PAGE_BYTES)));
/* A RAM frame that is surely not dom0's: the M2P's first (from m2p()). */
static uint64_t foreign_mfn;

static long mmuext(unsigned int cmd, uint64_t mfn)
{
    struct mmuext_op op = { .cmd = cmd };
    unsigned int done = 0;

    op.arg1.mfn = mfn;
    return hypercall_raw(__HYPERVISOR_mmuext_op, (unsigned long)&op, 1,
                         (unsigned long)&done, DOMID_SELF, 0);
}

static uint64_t mfn_of(const void *va)
{
    return mm_virt_to_mfn(va);
}

/* Maps one of our own pages at its own address, writable or not. */
static long remap_own(void *va, bool rw)
{
    return hypercall_update_va_mapping(
        (unsigned long)va, mfn_of(va) * MM_PAGE_BYTES | MM_PTE_P |
        MM_PTE_US | MM_PTE_A | (rw ? MM_PTE_RW | MM_PTE_D : 0), UVMF_INVLPG);
}

static void reservations(struct tally *t, const struct start_info *si)
{
    uint16_t domid = DOMID_SELF;
    long rc;

    rc = hypercall_memory_op(XENMEM_current_reservation, &domid);
    tally_true(t, "current-reservation-is-nr-pages",
               rc == (long)si->nr_pages);
    rc = hypercall_memory_op(XENMEM_maximum_reservation, &domid);
    tally_true(t, "maximum-reservation-uint-max", rc == 0xffffffffL);
    domid = 5;
    tally_rc(t, "reservation-other-domain",
             hypercall_memory_op(XENMEM_current_reservation, &domid),
             E_ESRCH, NO_ALT);
    tally_rc(t, "reservation-bad-pointer",
             hypercall_memory_op(XENMEM_current_reservation,
                                 (void *)UNMAPPED_LOW), E_EFAULT, NO_ALT);
    tally_rc(t, "memory-map-enosys-for-pv-dom0",
             hypercall_memory_op(XENMEM_memory_map, scratch[0]),
             E_ENOSYS, NO_ALT);
}

static void m2p(struct tally *t, const struct start_info *si)
{
    struct xen_machphys_mapping map = { 0 };
    struct xen_machphys_mfn_list list = { .max_extents = 4 };
    const unsigned long *table = (const unsigned long *)MM_M2P_START;
    xen_pfn_t ext[4] = { 0 };
    uint64_t mine = mfn_of(scratch[0]);
    uint64_t pfn0 = ((unsigned long)scratch[0] - DOM0_VIRT_BASE) /
                    MM_PAGE_BYTES;
    struct mmu_update u;
    unsigned int done = 0;
    long max_page = hypercall_memory_op(XENMEM_maximum_ram_page, NULL);

    tally_rc(t, "machphys-mapping",
             hypercall_memory_op(XENMEM_machphys_mapping, &map), E_OK, NO_ALT);
    console_line("pvmm: m2p [0x%lx, 0x%lx) max_mfn 0x%lx max_page 0x%lx",
                 (unsigned long)map.v_start, (unsigned long)map.v_end,
                 (unsigned long)map.max_mfn, max_page);
    tally_true(t, "machphys-mapping-is-xens", map.v_start == MM_M2P_START &&
               map.v_end == M2P_END &&
               (long)map.max_mfn + 1 == max_page);
    set_xen_guest_handle(list.extent_start, ext);
    tally_rc(t, "machphys-mfn-list",
             hypercall_memory_op(XENMEM_machphys_mfn_list, &list),
             E_OK, NO_ALT);
    tally_true(t, "machphys-mfn-list-extents",
               list.nr_extents >= 1 && list.nr_extents <= 4 && ext[0]);
    foreign_mfn = ext[0];

    /* Read through the guest's read-only mapping. */
    tally_true(t, "m2p-own-frame", table[mine] == pfn0);
    tally_true(t, "m2p-start-info-frame",
               table[mfn_of((const void *)si)] ==
               ((unsigned long)si - DOM0_VIRT_BASE) / MM_PAGE_BYTES);
    tally_true(t, "m2p-m2p-frame-invalid", table[ext[0]] == M2P_INVALID);

    u.ptr = mine * MM_PAGE_BYTES | MMU_MACHPHYS_UPDATE;
    u.val = 0x12345;
    tally_rc(t, "machphys-update-own",
             hypercall_mmu_update(&u, 1, &done, DOMID_SELF), E_OK, NO_ALT);
    tally_true(t, "machphys-update-visible", table[mine] == 0x12345);
    u.val = pfn0;
    hypercall_mmu_update(&u, 1, &done, DOMID_SELF);
    u.ptr = ext[0] * MM_PAGE_BYTES | MMU_MACHPHYS_UPDATE;
    tally_rc(t, "machphys-update-foreign",
             hypercall_mmu_update(&u, 1, &done, DOMID_SELF), E_EINVAL, NO_ALT);
    tally_rc(t, "map-m2p-frame-writable",
             hypercall_update_va_mapping((unsigned long)mm_window_page(2),
                                         ext[0] * MM_PAGE_BYTES | MM_PTE_P |
                                         MM_PTE_RW | MM_PTE_US, UVMF_INVLPG),
             E_EPERM, NO_ALT);
    remap_own(mm_window_page(2), true);
}

/* A low-memory frame mapped writable is entered read-only, as Xen does. */
/*
 * ACPI NVS stays writable, as on Xen (the FACS's global lock is there);
 * an ACPI table's frame does not. Skipped where the map has neither.
 */
static void nvs_writable(struct tally *t, const struct start_info *si,
                         unsigned long va)
{
    static struct xen_e820_entry map[128];
    struct xen_memory_map m = { .nr_entries = 128 };
    uint64_t nvs = 0, acpi = 0;

    set_xen_guest_handle(m.buffer, map);
    if ( hypercall_memory_op(XENMEM_machine_memory_map, &m) )
        return;
    for ( unsigned int i = 0; i < m.nr_entries && i < 128; i++ )
    {
        if ( map[i].type == XEN_E820_NVS && !nvs && map[i].addr >= 0x100000 )
            nvs = map[i].addr & ~0xfffULL;
        if ( map[i].type == XEN_E820_ACPI && !acpi )
            acpi = map[i].addr & ~0xfffULL;
    }
    if ( nvs )
    {
        tally_rc(t, "map-nvs-writable", hypercall_update_va_mapping(va, nvs |
                 MM_PTE_P | MM_PTE_RW | MM_PTE_US, UVMF_INVLPG), E_OK, NO_ALT);
        tally_true(t, "nvs-stays-writable", (mm_l1e_value(va) & MM_PTE_RW) &&
                   (mm_l1e_value(va) & MM_PTE_ADDR) == nvs);
    }
    if ( acpi )
    {
        tally_rc(t, "map-acpi-table-writable", hypercall_update_va_mapping(va,
                 acpi | MM_PTE_P | MM_PTE_RW | MM_PTE_US, UVMF_INVLPG), E_OK,
                 NO_ALT);
        tally_true(t, "acpi-table-forced-read-only",
                   !(mm_l1e_value(va) & MM_PTE_RW));
        /* As Linux's ioremap of its ACPI tables when the MTRRs are not
         * write-back: UC-, accepted as on Xen. */
        tally_rc(t, "map-acpi-table-uncached", hypercall_update_va_mapping(va,
                 acpi | MM_PTE_P | MM_PTE_RW | MM_PTE_US | PTE_PCD,
                 UVMF_INVLPG), E_OK, NO_ALT);
        tally_true(t, "acpi-table-uncached-read-only",
                   (mm_l1e_value(va) & (MM_PTE_RW | PTE_PCD)) == PTE_PCD);
    }
    remap_own((void *)va, true);
}

static void forced_read_only(struct tally *t, const struct start_info *si)
{
    unsigned long va = (unsigned long)mm_window_page(2);
    uint64_t pte;

    tally_rc(t, "map-low-memory-writable",
             hypercall_update_va_mapping(va, 0xf0000 | MM_PTE_P | MM_PTE_RW |
                                         MM_PTE_US, UVMF_INVLPG),
             E_OK, NO_ALT);
    pte = mm_l1e_value(va);
    console_line("pvmm: low memory entry 0x%llx", (unsigned long long)pte);
    tally_true(t, "low-memory-forced-read-only",
               (pte & MM_PTE_ADDR) == 0xf0000 &&
               (pte & MM_PTE_P) && !(pte & MM_PTE_RW));
    remap_own((void *)va, true);
    tally_true(t, "own-page-stays-writable",
               (mm_l1e_value(va) & MM_PTE_RW) != 0);
    nvs_writable(t, si, va);
}

static void vm_assist(struct tally *t)
{
    tally_rc(t, "vm-assist-writable-pagetables",
             hypercall_raw(__HYPERVISOR_vm_assist, VMASST_CMD_enable,
                           VMASST_TYPE_writable_pagetables, 0, 0, 0),
             E_OK, NO_ALT);
    tally_rc(t, "vm-assist-unknown-type",
             hypercall_raw(__HYPERVISOR_vm_assist, VMASST_CMD_enable, 6, 0, 0,
                           0), E_EINVAL, NO_ALT);
    tally_rc(t, "vm-assist-type-64",
             hypercall_raw(__HYPERVISOR_vm_assist, VMASST_CMD_enable, 64, 0, 0,
                           0), E_EINVAL, NO_ALT);
    tally_rc(t, "vm-assist-unknown-cmd",
             hypercall_raw(__HYPERVISOR_vm_assist, 7,
                           VMASST_TYPE_m2p_strict, 0, 0, 0), E_ENOSYS, NO_ALT);
}

/*
 * Linux's switch at boot: a copy of the builder's L4 is pinned and loaded,
 * the builder's unpinned; then back again so the rest of dom0 runs as it
 * started.
 */
static void second_l4(struct tally *t, const struct start_info *si)
{
    const uint64_t *boot_l4 = (const uint64_t *)si->pt_base;
    uint64_t *l4 = (uint64_t *)scratch[0];
    uint64_t boot_mfn = mfn_of(boot_l4), mfn = mfn_of(l4);
    long v;

    memcpy(l4, boot_l4, MM_PAGE_BYTES);
    for ( unsigned int i = HV_SLOT_FIRST; i < HV_SLOT_END; i++ )
        l4[i] = 0x1000 | MM_PTE_P | MM_PTE_RW;  /* junk: ours to replace */
    tally_rc(t, "pin-l4-mapped-writable", mmuext(MMUEXT_PIN_L4_TABLE, mfn),
             E_EINVAL, NO_ALT);
    tally_rc(t, "new-baseptr-mapped-writable",
             mmuext(MMUEXT_NEW_BASEPTR, mfn), E_EINVAL, NO_ALT);
    remap_own(l4, false);
    tally_rc(t, "pin-l4-copy", mmuext(MMUEXT_PIN_L4_TABLE, mfn), E_OK, NO_ALT);
    tally_rc(t, "pin-l4-twice", mmuext(MMUEXT_PIN_L4_TABLE, mfn),
             E_EINVAL, NO_ALT);
    tally_rc(t, "pin-l4-as-l2", mmuext(MMUEXT_PIN_L2_TABLE, mfn),
             E_EINVAL, NO_ALT);
    tally_rc(t, "map-pinned-l4-writable", remap_own(l4, true), E_EPERM,
             NO_ALT);
    tally_rc(t, "new-baseptr-copy", mmuext(MMUEXT_NEW_BASEPTR, mfn),
             E_OK, NO_ALT);
    v = hypercall_xen_version(XENVER_version, NULL);
    tally_true(t, "hypercall-on-the-copy", v == 0x40011);
    tally_rc(t, "unpin-builder-l4", mmuext(MMUEXT_UNPIN_TABLE, boot_mfn),
             E_OK, NO_ALT);
    tally_rc(t, "unpin-builder-l4-twice", mmuext(MMUEXT_UNPIN_TABLE, boot_mfn),
             E_EINVAL, NO_ALT);
    /* Untyped now: it may be mapped writable, and back. */
    tally_rc(t, "unpinned-l4-writable", remap_own((void *)boot_l4, true),
             E_OK, NO_ALT);
    tally_rc(t, "repin-builder-l4-writable",
             mmuext(MMUEXT_PIN_L4_TABLE, boot_mfn), E_EINVAL, NO_ALT);
    remap_own((void *)boot_l4, false);
    tally_rc(t, "repin-builder-l4", mmuext(MMUEXT_PIN_L4_TABLE, boot_mfn),
             E_OK, NO_ALT);
    tally_rc(t, "user-baseptr", mmuext(MMUEXT_NEW_USER_BASEPTR, mfn),
             E_OK, NO_ALT);
    tally_rc(t, "user-baseptr-none", mmuext(MMUEXT_NEW_USER_BASEPTR, 0),
             E_OK, NO_ALT);
    tally_rc(t, "user-baseptr-foreign",
             mmuext(MMUEXT_NEW_USER_BASEPTR, foreign_mfn), E_EINVAL, NO_ALT);
    tally_rc(t, "new-baseptr-builder", mmuext(MMUEXT_NEW_BASEPTR, boot_mfn),
             E_OK, NO_ALT);
    tally_rc(t, "unpin-copy", mmuext(MMUEXT_UNPIN_TABLE, mfn), E_OK, NO_ALT);
    tally_rc(t, "copy-writable-again", remap_own(l4, true), E_OK, NO_ALT);
    tally_true(t, "hypervisor-slots-cleared", l4[HV_SLOT_FIRST] == 0 &&
               l4[L4_KERNEL_SLOT] == boot_l4[L4_KERNEL_SLOT]);

    /* The loaded L4 unpinned: leaving it drops its last reference. */
    remap_own(l4, false);
    tally_rc(t, "pin-copy-again", mmuext(MMUEXT_PIN_L4_TABLE, mfn), E_OK,
             NO_ALT);
    tally_rc(t, "load-copy-again", mmuext(MMUEXT_NEW_BASEPTR, mfn), E_OK,
             NO_ALT);
    tally_rc(t, "unpin-loaded-copy", mmuext(MMUEXT_UNPIN_TABLE, mfn), E_OK,
             NO_ALT);
    tally_true(t, "loaded-copy-still-works",
               hypercall_xen_version(XENVER_version, NULL) == 0x40011);
    tally_rc(t, "leave-unpinned-copy", mmuext(MMUEXT_NEW_BASEPTR, boot_mfn),
             E_OK, NO_ALT);
    tally_rc(t, "left-copy-untyped", remap_own(l4, true), E_OK, NO_ALT);
}

/* Tables made of scratch pages that must be refused; each undone. */
static void bad_tables(struct tally *t, const struct start_info *si)
{
    const uint64_t *boot_l4 = (const uint64_t *)si->pt_base;
    uint64_t *p = (uint64_t *)scratch[1];
    uint64_t mfn = mfn_of(p), own = mfn_of(scratch[2]);
    struct mmu_update u;
    unsigned int done;

    memset(p, 0, MM_PAGE_BYTES);
    p[0] = mfn * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US;     /* itself */
    remap_own(p, false);
    tally_rc(t, "pin-l4-names-itself", mmuext(MMUEXT_PIN_L4_TABLE, mfn),
             E_EINVAL, NO_ALT);
    tally_rc(t, "pin-l2-names-itself", mmuext(MMUEXT_PIN_L2_TABLE, mfn),
             E_EINVAL, NO_ALT);
    tally_rc(t, "pin-l1-maps-itself-ro", mmuext(MMUEXT_PIN_L1_TABLE, mfn),
             E_OK, NO_ALT);
    tally_rc(t, "unpin-l1", mmuext(MMUEXT_UNPIN_TABLE, mfn), E_OK, NO_ALT);
    remap_own(p, true);

    p[0] = own * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US | PTE_PSE;
    remap_own(p, false);
    tally_rc(t, "pin-l2-superpage", mmuext(MMUEXT_PIN_L2_TABLE, mfn),
             E_EINVAL, NO_ALT);
    remap_own(p, true);

    p[0] = mfn_of(boot_l4) * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US |
           MM_PTE_RW;                                       /* an L4, rw */
    remap_own(p, false);
    tally_rc(t, "pin-l1-maps-table-writable",
             mmuext(MMUEXT_PIN_L1_TABLE, mfn), E_EINVAL, NO_ALT);
    remap_own(p, true);

    p[0] = foreign_mfn * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US;
    p[1] = 0;
    remap_own(p, false);
    tally_rc(t, "pin-l3-foreign-link", mmuext(MMUEXT_PIN_L3_TABLE, mfn),
             E_EINVAL, NO_ALT);
    remap_own(p, true);

    tally_rc(t, "pin-foreign", mmuext(MMUEXT_PIN_L2_TABLE, foreign_mfn),
             E_EPERM, NO_ALT);
    tally_rc(t, "unpin-foreign", mmuext(MMUEXT_UNPIN_TABLE, foreign_mfn),
             E_EINVAL, NO_ALT);
    tally_rc(t, "unpin-never-pinned", mmuext(MMUEXT_UNPIN_TABLE, own),
             E_EINVAL, NO_ALT);

    u.ptr = mfn_of(boot_l4) * MM_PAGE_BYTES + HV_SLOT_FIRST * 8;
    u.val = 0;
    tally_rc(t, "write-hypervisor-slot",
             hypercall_mmu_update(&u, 1, &done, DOMID_SELF), E_EPERM, NO_ALT);
    u.ptr = mfn_of(boot_l4) * MM_PAGE_BYTES + 8 * 8;
    u.val = mfn_of(boot_l4) * MM_PAGE_BYTES | MM_PTE_P;
    tally_rc(t, "write-l4-entry-to-l4",
             hypercall_mmu_update(&u, 1, &done, DOMID_SELF), E_EPERM,
             E_EINVAL);
}

static void page_ops(struct tally *t, const struct start_info *si)
{
    struct mmuext_op op = { .cmd = MMUEXT_SET_LDT };
    uint8_t *a = scratch[3], *b = scratch[4];
    unsigned int done;
    bool same = true;

    tally_rc(t, "set-ldt-none", hypercall_raw(__HYPERVISOR_mmuext_op,
             (unsigned long)&op, 1, (unsigned long)&done, DOMID_SELF, 0),
             E_OK, NO_ALT);
    memset(a, 0x5a, MM_PAGE_BYTES);
    op.cmd = MMUEXT_COPY_PAGE;
    op.arg1.mfn = mfn_of(b);
    op.arg2.src_mfn = mfn_of(a);
    tally_rc(t, "copy-page", hypercall_raw(__HYPERVISOR_mmuext_op,
             (unsigned long)&op, 1, (unsigned long)&done, DOMID_SELF, 0),
             E_OK, NO_ALT);
    tally_rc(t, "clear-page", mmuext(MMUEXT_CLEAR_PAGE, mfn_of(a)), E_OK,
             NO_ALT);
    for ( unsigned int i = 0; i < MM_PAGE_BYTES; i++ )
        same = same && a[i] == 0 && b[i] == 0x5a;
    tally_true(t, "page-ops-result", same);
    tally_rc(t, "clear-page-table",
             mmuext(MMUEXT_CLEAR_PAGE, mfn_of((const void *)si->pt_base)),
             E_EINVAL, NO_ALT);
    tally_rc(t, "clear-page-foreign", mmuext(MMUEXT_CLEAR_PAGE, foreign_mfn),
             E_EINVAL, NO_ALT);
}

static void set_entry(struct multicall_entry *e, unsigned long op,
                      unsigned long a0, unsigned long a1, unsigned long a2,
                      unsigned long a3)
{
    memset(e, 0, sizeof(*e));
    e->op = op;
    e->result = 0xdead;
    e->args[0] = a0;
    e->args[1] = a1;
    e->args[2] = a2;
    e->args[3] = a3;
}

static void multicalls(struct tally *t, const struct start_info *si)
{
    static struct multicall_entry mc[6];
    static struct mmuext_op flush = { .cmd = MMUEXT_TLB_FLUSH_LOCAL };
    static uint16_t self = DOMID_SELF;
    void *page = mm_window_page(2);

    set_entry(&mc[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0, 0);
    set_entry(&mc[1], __HYPERVISOR_memory_op, XENMEM_current_reservation,
              (unsigned long)&self, 0, 0);
    set_entry(&mc[2], __HYPERVISOR_mmuext_op, (unsigned long)&flush, 1, 0,
              DOMID_SELF);
    set_entry(&mc[3], 99, 0, 0, 0, 0);
    set_entry(&mc[4], __HYPERVISOR_multicall, (unsigned long)mc, 1, 0, 0);
    /* As Linux batches it: a read-only remap of a page. */
    set_entry(&mc[5], __HYPERVISOR_update_va_mapping, (unsigned long)page,
              mfn_of(page) * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US |
              MM_PTE_A, UVMF_INVLPG, 0);
    tally_rc(t, "multicall", hypercall_raw(__HYPERVISOR_multicall,
             (unsigned long)mc, 6, 0, 0, 0), E_OK, NO_ALT);
    console_line("pvmm: multicall results %ld %ld %ld %ld %ld %ld",
                 (long)mc[0].result, (long)mc[1].result, (long)mc[2].result,
                 (long)mc[3].result, (long)mc[4].result, (long)mc[5].result);
    tally_true(t, "multicall-results", (long)mc[0].result == 0x40011 &&
               (long)mc[1].result == (long)si->nr_pages &&
               mc[2].result == 0 && (long)mc[3].result == E_ENOSYS &&
               (long)mc[4].result == E_EINVAL && mc[5].result == 0);
    remap_own(page, true);
    tally_rc(t, "multicall-unmapped", hypercall_raw(__HYPERVISOR_multicall,
             UNMAPPED_LOW, 2, 0, 0, 0), E_EFAULT, NO_ALT);
    tally_rc(t, "multicall-too-long", hypercall_raw(__HYPERVISOR_multicall,
             (unsigned long)mc, 100000, 0, 0, 0), E_EINVAL, NO_ALT);
    tally_rc(t, "multicall-none", hypercall_raw(__HYPERVISOR_multicall,
             UNMAPPED_LOW, 0, 0, 0, 0), E_OK, NO_ALT);
}

#define VGA_TEXT        0xb8000ULL
#define Q35_MMCONFIG    0xb0000000ULL   /* QEMU q35's MCFG window */
#define AHCI_BDF        0xfa            /* 00:1f.2, q35's SATA controller */
#define AHCI_BAR5       0x24
#define PCI_INTR_LINE   0x3c
#define RAM_AT_2M       0x00200000U

static long map_window(unsigned long va, uint64_t pte)
{
    return hypercall_update_va_mapping(va, pte, UVMF_INVLPG);
}

/*
 * Hostile L1 flags (Xen's L1_DISALLOW_MASK, stricter on RAM): no
 * uncached or PAT alias of dom0's own RAM, no global bit, no cache
 * attributes on a link to a table; device memory may be uncached; a
 * frame past the CPU's physical address width is not dom0's.
 */
static void l1_flags(struct tally *t)
{
    uint8_t *page = scratch[3];
    uint64_t *p = (uint64_t *)scratch[1];
    unsigned long va = (unsigned long)mm_window_page(2);
    uint64_t own = mfn_of(page) * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US |
                   MM_PTE_A | MM_PTE_RW | MM_PTE_D;
    long rc;

    mm_unmap();
    tally_rc(t, "map-own-ram-uncached",
             map_window((unsigned long)page, own | PTE_PCD | PTE_PWT),
             E_EINVAL, NO_ALT);
    tally_rc(t, "map-own-ram-pat", map_window((unsigned long)page,
                                              own | PTE_PAT),
             E_EINVAL, NO_ALT);
    tally_rc(t, "map-own-ram-global", map_window((unsigned long)page,
                                                 own | PTE_GLOBAL),
             E_EINVAL, NO_ALT);
    remap_own(page, true);
    tally_rc(t, "map-vga-uncached",
             map_window(va, VGA_TEXT | MM_PTE_P | MM_PTE_US | MM_PTE_RW |
                        PTE_PCD | PTE_PWT), E_OK, NO_ALT);
    tally_rc(t, "map-past-address-width",
             map_window(va, (1ULL << 51) | MM_PTE_P | MM_PTE_US), E_EPERM,
             NO_ALT);
    remap_own((void *)va, true);
    /* An L2 whose one link, to an empty read-only page, is uncached. */
    memset(p, 0, MM_PAGE_BYTES);
    memset(scratch[2], 0, MM_PAGE_BYTES);
    p[0] = mfn_of(scratch[2]) * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US |
           PTE_PCD;
    remap_own(p, false);
    remap_own(scratch[2], false);
    rc = mmuext(MMUEXT_PIN_L2_TABLE, mfn_of(p));
    if ( !rc )
        mmuext(MMUEXT_UNPIN_TABLE, mfn_of(p));
    tally_rc(t, "pin-l2-link-uncached", rc, E_EINVAL, NO_ALT);
    remap_own(scratch[2], true);
    remap_own(p, true);
}

/*
 * Hostile PCI configuration writes (QEMU q35): MMCONFIG is mapped
 * read-only and its stores are carried out by the hypervisor; a BAR
 * moved onto RAM, through 0xcf8/0xcfc or through MMCONFIG, is dropped
 * (each undone at once should it land), an interrupt-line write goes
 * through.
 */
static void pci_config(struct tally *t, const struct start_info *si)
{
    unsigned long va = (unsigned long)mm_window_page(2);
    volatile uint32_t *ecam = (volatile uint32_t *)va;
    uint32_t id, bar, got, line;

    mm_unmap();
    tally_rc(t, "set-iopl", dom0_set_iopl(1), E_OK, NO_ALT);
    id = dom0_pci_read(AHCI_BDF, 0);
    tally_rc(t, "map-mmconfig-writable",
             map_window(va, (Q35_MMCONFIG + ((uint64_t)AHCI_BDF << 12)) |
                        MM_PTE_P | MM_PTE_US | MM_PTE_RW | PTE_PCD | PTE_PWT),
             E_OK, NO_ALT);
    tally_true(t, "mmconfig-entered-read-only",
               !(mm_l1e_value(va) & MM_PTE_RW));
    console_line("pvmm: 00:1f.2 id %#x (conf1), %#x (mmconfig)", id,
                 ecam[0]);
    tally_true(t, "mmconfig-reads-the-device", ecam[0] == id);
    bar = dom0_pci_read(AHCI_BDF, AHCI_BAR5);
    dom0_pci_write(AHCI_BDF, AHCI_BAR5, RAM_AT_2M);
    got = dom0_pci_read(AHCI_BDF, AHCI_BAR5);
    if ( got != bar )
        dom0_pci_write(AHCI_BDF, AHCI_BAR5, bar);
    console_line("pvmm: BAR5 %#x, after a conf1 write of %#x: %#x", bar,
                 RAM_AT_2M, got);
    tally_true(t, "bar-onto-ram-conf1-dropped", got == bar);
    ecam[AHCI_BAR5 / 4] = RAM_AT_2M;
    got = dom0_pci_read(AHCI_BDF, AHCI_BAR5);
    if ( got != bar )
        dom0_pci_write(AHCI_BDF, AHCI_BAR5, bar);
    tally_true(t, "bar-onto-ram-mmconfig-dropped", got == bar);
    line = dom0_pci_read(AHCI_BDF, PCI_INTR_LINE);
    ((volatile uint8_t *)va)[PCI_INTR_LINE] = 0x5a;
    got = dom0_pci_read(AHCI_BDF, PCI_INTR_LINE);
    ((volatile uint8_t *)va)[PCI_INTR_LINE] = line & 0xff;
    tally_true(t, "mmconfig-store-reaches-the-device",
               (got & 0xff) == 0x5a &&
               dom0_pci_read(AHCI_BDF, PCI_INTR_LINE) == line);
    remap_own((void *)va, true);
    tally_rc(t, "set-iopl-0", dom0_set_iopl(0), E_OK, NO_ALT);
}

/* mmu_update on a frame that is no table: Xen's plain store. */
static void plain_update(struct tally *t)
{
    struct mmu_update u;
    volatile uint64_t *slot = (volatile uint64_t *)scratch[2] + 7;
    unsigned int done = 0;

    u.ptr = (mfn_of(scratch[2]) * MM_PAGE_BYTES + 7 * 8) |
            MMU_NORMAL_PT_UPDATE;
    u.val = 0x1234567890abcdefULL;
    tally_rc(t, "mmu-update-plain-frame",
             hypercall_mmu_update(&u, 1, &done, DOMID_SELF), E_OK, NO_ALT);
    tally_true(t, "mmu-update-plain-frame-stored",
               *slot == 0x1234567890abcdefULL && done == 1);
}

static long gnttab(unsigned int cmd, void *arg, unsigned int count)
{
    return hypercall_raw(__HYPERVISOR_grant_table_op, cmd,
                         (unsigned long)arg, count, 0, 0);
}

static void grant_table(struct tally *t)
{
    static struct gnttab_query_size q = { .dom = DOMID_SELF };
    static struct gnttab_setup_table s = { .dom = DOMID_SELF };
    static struct gnttab_set_version v = { .version = 2 };
    static xen_pfn_t frames[2];

    tally_rc(t, "gnttab-query-size", gnttab(GNTTABOP_query_size, &q, 1), E_OK,
             NO_ALT);
    tally_true(t, "gnttab-query-size-xen-default",
               q.status == GNTST_okay && q.nr_frames == 1 &&
               q.max_nr_frames == 64);
    s.nr_frames = 65;
    tally_rc(t, "gnttab-setup-too-many", gnttab(GNTTABOP_setup_table, &s, 1),
             E_OK, NO_ALT);
    tally_true(t, "gnttab-setup-too-many-status",
               s.status == GNTST_general_error);
    s.nr_frames = 2;
    set_xen_guest_handle(s.frame_list, frames);
    tally_rc(t, "gnttab-setup-two", gnttab(GNTTABOP_setup_table, &s, 1), E_OK,
             NO_ALT);
    tally_true(t, "gnttab-setup-two-frames",
               s.status == GNTST_okay && frames[0] && frames[1] &&
               frames[0] != frames[1]);
    tally_rc(t, "gnttab-map-frame-writable", hypercall_update_va_mapping(
             (unsigned long)mm_window_page(3), frames[0] * MM_PAGE_BYTES |
             MM_PTE_P | MM_PTE_RW | MM_PTE_US | MM_PTE_A | MM_PTE_D,
             UVMF_INVLPG), E_OK, NO_ALT);
    mm_unmap();
    tally_rc(t, "gnttab-count-not-one", gnttab(GNTTABOP_query_size, &q, 2),
             E_EINVAL, NO_ALT);
    tally_rc(t, "gnttab-version-2-enosys",
             gnttab(GNTTABOP_set_version, &v, 1), E_ENOSYS, NO_ALT);
    v.version = 3;
    tally_rc(t, "gnttab-version-3", gnttab(GNTTABOP_set_version, &v, 1),
             E_EINVAL, NO_ALT);
}

static long physdev(unsigned int cmd, void *arg)
{
    return hypercall_raw(__HYPERVISOR_physdev_op, cmd, (unsigned long)arg,
                         0, 0, 0);
}

static void pirqs(struct tally *t)
{
    static struct physdev_map_pirq m = { .domid = DOMID_SELF,
                                         .type = MAP_PIRQ_TYPE_GSI,
                                         .index = 9, .pirq = 9 };
    static struct physdev_setup_gsi g = { .gsi = 9, .triggering = 1 };
    static struct physdev_irq_status_query q = { .irq = 9 };
    static struct physdev_irq v = { .irq = 33 };
    static struct physdev_apic a = { .apic_physbase = 0xfec00000 };
    static struct evtchn_bind_pirq b = { .pirq = 21 };

    tally_rc(t, "map-pirq-gsi-9", physdev(PHYSDEVOP_map_pirq, &m), E_OK,
             NO_ALT);
    tally_true(t, "map-pirq-gsi-9-is-pirq-9", m.pirq == 9);
    m.index = 100000;
    tally_rc(t, "map-pirq-bad-gsi", physdev(PHYSDEVOP_map_pirq, &m), E_EINVAL,
             NO_ALT);
    tally_rc(t, "setup-gsi-9", physdev(PHYSDEVOP_setup_gsi, &g), E_OK, NO_ALT);
    tally_rc(t, "setup-gsi-9-again", physdev(PHYSDEVOP_setup_gsi, &g),
             E_EEXIST, NO_ALT);
    tally_rc(t, "irq-status-query", physdev(PHYSDEVOP_irq_status_query, &q),
             E_OK, NO_ALT);
    tally_true(t, "irq-status-needs-eoi", q.flags == XENIRQSTAT_needs_eoi);
    tally_rc(t, "alloc-irq-vector", physdev(PHYSDEVOP_alloc_irq_vector, &v),
             E_OK, NO_ALT);
    tally_true(t, "alloc-irq-vector-is-irq", v.vector == 33);
    tally_rc(t, "apic-write-refused", physdev(PHYSDEVOP_apic_write, &a),
             E_EPERM, NO_ALT);
    a.apic_physbase = 0x1000;
    tally_rc(t, "apic-read-no-ioapic", physdev(PHYSDEVOP_apic_read, &a),
             E_EINVAL, NO_ALT);
    tally_rc(t, "bind-unmapped-pirq", hypercall_raw(
             __HYPERVISOR_event_channel_op, EVTCHNOP_bind_pirq,
             (unsigned long)&b, 0, 0, 0), E_EPERM, NO_ALT);
}

static long exchange(struct xen_memory_exchange *x, xen_pfn_t *in,
                     xen_pfn_t *out, unsigned int in_order,
                     unsigned int out_order, unsigned int bits)
{
    memset(x, 0, sizeof(*x));
    set_xen_guest_handle(x->in.extent_start, in);
    x->in.nr_extents = 1;
    x->in.extent_order = in_order;
    x->in.domid = DOMID_SELF;
    set_xen_guest_handle(x->out.extent_start, out);
    x->out.nr_extents = 1;
    x->out.extent_order = out_order;
    x->out.mem_flags = XENMEMF_address_bits(bits);
    x->out.domid = DOMID_SELF;
    return hypercall_memory_op(XENMEM_exchange, x);
}

/* swiotlb-xen's call: one frame given up for one below 4 GiB. */
static void memory_exchange(struct tally *t, const struct start_info *si)
{
    static struct xen_memory_exchange x;
    static xen_pfn_t in, out, twice[2];
    void *page = scratch[5];
    uint64_t pfn = ((unsigned long)page - DOM0_VIRT_BASE) / MM_PAGE_BYTES;
    const volatile uint64_t *m2p = (const volatile uint64_t *)MM_M2P_START;

    in = mfn_of(page);
    tally_rc(t, "exchange-sizes-differ", exchange(&x, &in, &out, 0, 1, 0),
             E_EINVAL, NO_ALT);
    tally_rc(t, "exchange-order-too-big", exchange(&x, &in, &out, 13, 13, 0),
             E_EPERM, NO_ALT);
    tally_rc(t, "exchange-mapped-frame", exchange(&x, &in, &out, 0, 0, 32),
             E_EINVAL, NO_ALT);
    tally_true(t, "exchange-mapped-frame-none-done", x.nr_exchanged == 0);
    in = mfn_of((const void *)si->pt_base);
    tally_rc(t, "exchange-page-table", exchange(&x, &in, &out, 0, 0, 32),
             E_EINVAL, NO_ALT);
    in = foreign_mfn;
    tally_rc(t, "exchange-foreign-frame", exchange(&x, &in, &out, 0, 0, 32),
             E_EINVAL, NO_ALT);
    /* As Linux: unmap the page, give its frame up, map the new one. */
    in = mfn_of(page);
    out = pfn;
    tally_rc(t, "exchange-unmap", hypercall_update_va_mapping(
             (unsigned long)page, 0, UVMF_INVLPG), E_OK, NO_ALT);
    twice[0] = twice[1] = in;
    memset(&x, 0, sizeof(x));
    set_xen_guest_handle(x.in.extent_start, twice);
    x.in.nr_extents = 2;
    x.in.domid = DOMID_SELF;
    set_xen_guest_handle(x.out.extent_start, &out);
    x.out.nr_extents = 1;
    x.out.extent_order = 1;
    x.out.domid = DOMID_SELF;
    tally_rc(t, "exchange-frame-listed-twice",
             hypercall_memory_op(XENMEM_exchange, &x), E_EINVAL, NO_ALT);
    tally_true(t, "exchange-listed-twice-none-done", x.nr_exchanged == 0);
    tally_rc(t, "exchange-one-frame", exchange(&x, &in, &out, 0, 0, 32), E_OK,
             NO_ALT);
    tally_true(t, "exchange-new-frame-below-4g",
               x.nr_exchanged == 1 && out != pfn && out != in &&
               out < (1UL << 20) && m2p[out] == pfn &&
               m2p[in] == M2P_INVALID);
    tally_rc(t, "exchange-map-new-frame", hypercall_update_va_mapping(
             (unsigned long)page, out * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_RW |
             MM_PTE_US | MM_PTE_A | MM_PTE_D, UVMF_INVLPG), E_OK, NO_ALT);
    tally_rc(t, "exchange-old-frame-gone", hypercall_update_va_mapping(
             (unsigned long)page, in * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US |
             MM_PTE_A, UVMF_INVLPG), E_EPERM, NO_ALT);
}

static void platform_calls(struct tally *t)
{
    static struct xen_platform_op op;
    long rc = 0;

    tally_rc(t, "set-debugreg-dr7-gd", hypercall_raw(__HYPERVISOR_set_debugreg,
             7, 0x2000, 0, 0, 0), E_EPERM, NO_ALT);
    tally_rc(t, "set-debugreg-dr7", hypercall_raw(__HYPERVISOR_set_debugreg,
             7, 0, 0, 0, 0), E_OK, NO_ALT);
    tally_rc(t, "get-debugreg-dr7-reserved-one", hypercall_raw(
             __HYPERVISOR_get_debugreg, 7, 0, 0, 0, 0), 0x400, NO_ALT);
    tally_rc(t, "get-debugreg-8", hypercall_raw(__HYPERVISOR_get_debugreg,
             8, 0, 0, 0, 0), E_ENODEV, NO_ALT);
    memset(&op, 0, sizeof(op));
    op.cmd = XENPF_enter_acpi_sleep;
    op.interface_version = XENPF_INTERFACE_VERSION;
    op.u.enter_acpi_sleep.sleep_state = 3;
    tally_rc(t, "acpi-sleep-s3", hypercall_platform_op(&op), E_EOPNOTSUPP,
             NO_ALT);
    op.u.enter_acpi_sleep.sleep_state = 5;
    op.u.enter_acpi_sleep.flags = 2;
    tally_rc(t, "acpi-sleep-bad-flags", hypercall_platform_op(&op), E_EINVAL,
             NO_ALT);
    memset(&op, 0, sizeof(op));
    op.cmd = XENPF_get_cpuinfo;
    op.interface_version = XENPF_INTERFACE_VERSION;
    tally_rc(t, "get-cpuinfo-0", hypercall_platform_op(&op), E_OK, NO_ALT);
    tally_true(t, "get-cpuinfo-0-online",
               op.u.pcpu_info.flags == XEN_PCPU_FLAGS_ONLINE &&
               op.u.pcpu_info.max_present == 0);
    op.u.pcpu_info.xen_cpuid = 1;
    hypercall_platform_op(&op);
    tally_true(t, "get-cpuinfo-1-invalid",
               op.u.pcpu_info.flags == XEN_PCPU_FLAGS_INVALID);
    tally_rc(t, "xenpmu-op-vpmu-off", hypercall_raw(__HYPERVISOR_xenpmu_op,
             0, 0, 0, 0, 0), E_EOPNOTSUPP, NO_ALT);
    /* Twelve calls of one we lack: the hypervisor names the 1st and 10th. */
    for ( unsigned int i = 0; i < 12; i++ )
        rc = hypercall_raw(__HYPERVISOR_hypfs_op, 0, 0, 0, 0, 0);
    tally_rc(t, "unimplemented-hypercall", rc, E_ENOSYS, NO_ALT);
}

static uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

/* Xen's PAT and vMCE, and the machine-check CPU list xen_mcelog reads. */
static void machine_check(struct tally *t)
{
    static struct xen_mc mc;
    static struct mcinfo_logical_cpu cpu;

    tally_true(t, "rdmsr-pat-is-xens", rdmsr(0x277) == 0x050100070406ULL);
    tally_true(t, "rdmsr-mcg-cap-two-banks", (rdmsr(0x179) & 0xff) == 2);
    tally_true(t, "rdmsr-mc0-ctl-all-ones", rdmsr(0x400) == ~0ULL);
    mc.cmd = XEN_MC_physcpuinfo;
    mc.interface_version = XEN_MCA_INTERFACE_VERSION;
    tally_rc(t, "mca-physcpuinfo-count", hypercall_raw(__HYPERVISOR_arch_0,
             (unsigned long)&mc, 0, 0, 0, 0), E_OK, NO_ALT);
    tally_true(t, "mca-one-cpu", mc.u.mc_physcpuinfo.ncpus == 1);
    mc.u.mc_physcpuinfo.ncpus = 0;
    set_xen_guest_handle(mc.u.mc_physcpuinfo.info, &cpu);
    tally_rc(t, "mca-physcpuinfo-no-room", hypercall_raw(__HYPERVISOR_arch_0,
             (unsigned long)&mc, 0, 0, 0, 0), E_EINVAL, NO_ALT);
    mc.u.mc_physcpuinfo.ncpus = 1;
    tally_rc(t, "mca-physcpuinfo", hypercall_raw(__HYPERVISOR_arch_0,
             (unsigned long)&mc, 0, 0, 0, 0), E_OK, NO_ALT);
    tally_true(t, "mca-physcpuinfo-filled", cpu.mc_ncores == 1 &&
               cpu.mc_cpuid_level > 0 && cpu.mc_vendorid[0]);
    mc.interface_version = 0;
    tally_rc(t, "mca-bad-version", hypercall_raw(__HYPERVISOR_arch_0,
             (unsigned long)&mc, 0, 0, 0, 0), -XEN_EACCES, NO_ALT);
}

void pvmm_run(const struct start_info *si)
{
    struct tally t = { "pvmm", 0, 0 };

    mm_unmap();
    reservations(&t, si);
    m2p(&t, si);
    vm_assist(&t);
    second_l4(&t, si);
    bad_tables(&t, si);
    page_ops(&t, si);
    forced_read_only(&t, si);
    l1_flags(&t);
    pci_config(&t, si);
    multicalls(&t, si);
    plain_update(&t);
    grant_table(&t);
    pirqs(&t);
    memory_exchange(&t, si);
    platform_calls(&t);
    machine_check(&t);
    tally_end(&t, "pvmm");
}
