/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-hostile: throws bad pointers, bad sizes, unknown operations and
 * forbidden mappings at the hypervisor and reports each answer against
 * the documented expected error (docs/tools.md), then checks that the
 * hypervisor still answers. Every case is harmless when refused: bad
 * buffers point at unmapped or foreign memory, and a refused mapping
 * leaves the window page as it was. Where Xen 4.17 answers differently
 * from docs/hypercalls.md (EBUSY for a forbidden frame, a plain write for
 * MMU_NORMAL_PT_UPDATE outside a page table) both answers pass.
 */
#include <public/errno.h>
#include <public/memory.h>
#include <public/version.h>

#include "console.h"
#include "dom0.h"
#include "fwinfo.h"
#include "hypercall.h"
#include "layout.h"
#include "lib.h"
#include "mm.h"
#include "portio.h"
#include "tally.h"

#define H_EPERM     (-XEN_EPERM)
#define H_ESRCH     (-XEN_ESRCH)
#define H_EACCES    (-XEN_EACCES)
#define H_EBUSY     (-XEN_EBUSY)
#define H_EFAULT    (-XEN_EFAULT)
#define H_EINVAL    (-XEN_EINVAL)
#define H_ENOSYS    (-XEN_ENOSYS)
#define H_ENOBUFS   (-XEN_ENOBUFS)

/* Addresses no guest may name (reference 2.1). */
#define NONCANONICAL    0x8000000000000000UL
#define HV_TEXT         0xffff82d040200000UL
#define HV_DIRECTMAP    0xffff830000000000UL
#define UNMAPPED_LOW    0x1000UL

/* As e2 of tally_rc(): only e1 passes. */
#define NO_ALT      TALLY_NO_ALT

static long platform_op_raw(void *op)
{
    return hypercall_raw(__HYPERVISOR_platform_op, (unsigned long)op,
                         0, 0, 0, 0);
}

static void fill_efi_op(struct xen_platform_op *op, unsigned int index)
{
    memset(op, 0, sizeof(*op));
    op->cmd = XENPF_firmware_info;
    op->interface_version = XENPF_INTERFACE_VERSION;
    op->u.firmware_info.type = XEN_FW_EFI_INFO;
    op->u.firmware_info.index = index;
}

/* Window page 1 unmapped, page 0 mapped to our own frame: a buffer ending
 * page 0 runs into nothing. Returns the end of page 0. */
static uint8_t *make_cliff(void)
{
    mm_unmap();
    hypercall_update_va_mapping((unsigned long)mm_window_page(1), 0,
                                UVMF_INVLPG);
    return (uint8_t *)mm_window_page(1);
}

static void remove_cliff(void)
{
    void *va = mm_window_page(1);

    hypercall_update_va_mapping((unsigned long)va,
                                mm_virt_to_mfn(va) * MM_PAGE_BYTES |
                                MM_PTE_P | MM_PTE_RW | MM_PTE_US |
                                MM_PTE_A | MM_PTE_D, UVMF_INVLPG);
}

static void bad_pointers(struct tally *t, bool efi)
{
    struct xen_platform_op op;
    struct xen_memory_map map;
    uint8_t *cliff;
    long rc;

    tally_rc(t, "console-noncanonical",
             hypercall_console_write((const char *)NONCANONICAL, 16),
             H_EFAULT, NO_ALT);
    tally_rc(t, "console-hypervisor",
             hypercall_console_write((const char *)HV_TEXT, 16),
             H_EFAULT, NO_ALT);
    tally_rc(t, "console-unmapped",
             hypercall_console_write((const char *)UNMAPPED_LOW, 16),
             H_EFAULT, NO_ALT);
    tally_rc(t, "platform-op-hypervisor",
             platform_op_raw((void *)HV_DIRECTMAP), H_EFAULT, NO_ALT);
    tally_rc(t, "xen-version-noncanonical",
             hypercall_xen_version(XENVER_extraversion, (void *)NONCANONICAL),
             H_EFAULT, NO_ALT);

    fill_efi_op(&op, XEN_FW_EFI_VENDOR);
    op.u.firmware_info.u.efi_info.vendor.bufsz = 64;
    set_xen_guest_handle(op.u.firmware_info.u.efi_info.vendor.name,
                         (void *)HV_DIRECTMAP);
    tally_rc(t, "efi-vendor-hypervisor-buffer", platform_op_raw(&op),
             efi ? H_EFAULT : H_ENOSYS, NO_ALT);

    map.nr_entries = 1024;
    set_xen_guest_handle(map.buffer, (void *)NONCANONICAL);
    tally_rc(t, "e820-noncanonical-buffer",
             hypercall_memory_op(XENMEM_machine_memory_map, &map),
             H_EFAULT, NO_ALT);

    /* A platform_op whose last 8 bytes lie on an unmapped page. */
    cliff = make_cliff();
    fill_efi_op(&op, XEN_FW_EFI_VERSION);
    memcpy(cliff - (sizeof(op) - 8), &op, sizeof(op) - 8);
    rc = platform_op_raw(cliff - (sizeof(op) - 8));
    tally_rc(t, "platform-op-straddling", rc, H_EFAULT, NO_ALT);

    /* An e820 buffer with room for one entry before the unmapped page. */
    map.nr_entries = 1024;
    set_xen_guest_handle(map.buffer, cliff - FWINFO_E820_BYTES);
    tally_rc(t, "e820-buffer-overrun",
             hypercall_memory_op(XENMEM_machine_memory_map, &map),
             H_EFAULT, NO_ALT);
    remove_cliff();
}

static void bad_sizes_and_ops(struct tally *t, bool efi)
{
    static uint8_t buf[FWINFO_E820_BYTES];
    union xenpf_efi_info info;
    struct xen_platform_op op;
    struct xen_memory_map map = { .nr_entries = 1 };
    long memmap_rc;

    set_xen_guest_handle(map.buffer, buf);
    tally_rc(t, "e820-capacity-one",
             hypercall_memory_op(XENMEM_machine_memory_map, &map),
             H_EINVAL, NO_ALT);

    memset(&info, 0, sizeof(info));
    info.mem.addr = 0xfffffffffffff000ULL;
    info.mem.size = 0x1000;
    tally_rc(t, "efi-mem-info-nowhere",
             fw_efi_info(XEN_FW_EFI_MEM_INFO, &info),
             efi ? H_ESRCH : H_ENOSYS, NO_ALT);

    memset(&info, 0, sizeof(info));
    tally_rc(t, "efi-unknown-subop", fw_efi_info(0x7777, &info),
             efi ? H_EINVAL : H_ENOSYS, NO_ALT);

    /* The EFI map sub-op: ours answers a too small buffer with -ENOBUFS;
     * where it is absent, the answer to the size query is expected. */
    memmap_rc = efimap_query(&info, NULL, 0);
    if ( memmap_rc == 0 && info.memmap.size > 8 )
        memmap_rc = H_ENOBUFS;
    tally_rc(t, "efi-memory-map-small-buffer", efimap_query(&info, buf, 8),
             memmap_rc ? memmap_rc : H_ENOBUFS, NO_ALT);

    fill_efi_op(&op, XEN_FW_EFI_VERSION);
    op.interface_version = 0x01000000;
    tally_rc(t, "platform-op-bad-version", platform_op_raw(&op),
             H_EACCES, NO_ALT);

    fill_efi_op(&op, 0);
    op.cmd = 0x7fff;
    tally_rc(t, "platform-op-unknown-cmd", platform_op_raw(&op),
             H_ENOSYS, NO_ALT);

    fill_efi_op(&op, 0);
    op.u.firmware_info.type = 0x77;
    tally_rc(t, "firmware-info-unknown-type", platform_op_raw(&op),
             H_EINVAL, NO_ALT);

    /* What Linux 6.12 asks at boot: a variable MTRR past the machine's,
     * a processor-PM type that does not exist, a _PDC buffer of the
     * wrong revision and one at a non-canonical address. */
    fill_efi_op(&op, 0);
    op.cmd = XENPF_read_memtype;
    op.u.read_memtype.reg = 0x7777;
    tally_rc(t, "read-memtype-reg-out-of-range", platform_op_raw(&op),
             H_EINVAL, NO_ALT);
    {
        static uint32_t pdc[3] = { 0, 1, 0 };

        fill_efi_op(&op, 0);
        op.cmd = XENPF_set_processor_pminfo;
        op.u.set_pminfo.id = ~0U;
        op.u.set_pminfo.type = 0x77;
        tally_rc(t, "pminfo-unknown-type", platform_op_raw(&op),
                 H_EINVAL, NO_ALT);
        op.u.set_pminfo.type = XEN_PM_PDC;
        set_xen_guest_handle(op.u.set_pminfo.u.pdc, pdc);
        tally_rc(t, "pminfo-pdc-bad-revision", platform_op_raw(&op),
                 H_EINVAL, NO_ALT);
        set_xen_guest_handle(op.u.set_pminfo.u.pdc,
                             (uint32_t *)NONCANONICAL);
        tally_rc(t, "pminfo-pdc-buffer-noncanonical", platform_op_raw(&op),
                 H_EFAULT, NO_ALT);
    }

    tally_rc(t, "unknown-hypercall-60", hypercall_raw(60, 0, 0, 0, 0, 0),
             H_ENOSYS, NO_ALT);
    tally_rc(t, "unknown-hypercall-1000", hypercall_raw(1000, 0, 0, 0, 0, 0),
             H_ENOSYS, NO_ALT);
    tally_rc(t, "memory-op-unknown", hypercall_memory_op(0x3e, NULL),
             H_ENOSYS, NO_ALT);
    tally_rc(t, "sched-op-unknown",
             hypercall_raw(__HYPERVISOR_sched_op, 0x77, 0, 0, 0, 0),
             H_ENOSYS, NO_ALT);
    tally_rc(t, "console-io-unknown-cmd",
             hypercall_raw(__HYPERVISOR_console_io, 0x77, 0, 0, 0, 0),
             H_ENOSYS, NO_ALT);
}

/* A RAM frame (from the host e820) at or above 1 MiB that dom0 does not
 * own: the hypervisor's or free. 0 if none was found. */
static uint64_t foreign_ram_frame(const struct start_info *si)
{
    static uint8_t map_buf[128 * FWINFO_E820_BYTES];
    const uint64_t *p2m = (const uint64_t *)si->mfn_list;
    struct xen_memory_map map = { .nr_entries = 128 };
    unsigned int i;
    uint64_t mfn, j;

    set_xen_guest_handle(map.buffer, map_buf);
    if ( hypercall_memory_op(XENMEM_machine_memory_map, &map) )
        return 0;
    for ( i = 0; i < map.nr_entries && i < 128; i++ )
    {
        const uint8_t *e = map_buf + i * FWINFO_E820_BYTES;
        uint64_t addr, size;
        uint32_t type;

        memcpy(&addr, e, 8);
        memcpy(&size, e + 8, 8);
        memcpy(&type, e + 16, 4);
        if ( type != 1 )
            continue;
        for ( mfn = MAX(addr, 0x100000ULL) / MM_PAGE_BYTES;
              mfn < (addr + size) / MM_PAGE_BYTES; mfn++ )
        {
            for ( j = 0; j < si->nr_pages && p2m[j] != mfn; j++ )
                ;
            if ( j == si->nr_pages )
                return mfn;
        }
    }
    return 0;
}

static void bad_mappings(struct tally *t, const struct start_info *si)
{
    unsigned long va = (unsigned long)mm_window_page(2);
    uint64_t ro = MM_PTE_P | MM_PTE_US | MM_PTE_A;
    uint64_t mfn, pt_mfn;
    long rc;

    mm_unmap();
    mfn = foreign_ram_frame(si);
    if ( mfn )
    {
        console_line("hostile: foreign RAM frame 0x%llx",
                     (unsigned long long)mfn);
        rc = hypercall_update_va_mapping(va, mfn * MM_PAGE_BYTES | ro,
                                         UVMF_INVLPG);
        tally_rc(t, "map-foreign-ram", rc, H_EPERM, H_EBUSY);
    }
    else
        console_line("hostile: no foreign RAM frame found; case skipped");

    pt_mfn = mm_virt_to_mfn((const void *)si->pt_base);
    rc = hypercall_update_va_mapping(va, pt_mfn * MM_PAGE_BYTES | ro |
                                     MM_PTE_RW, UVMF_INVLPG);
    tally_rc(t, "map-page-table-writable", rc, H_EPERM, H_EBUSY);

    rc = hypercall_update_va_mapping(HV_DIRECTMAP,
                                     mm_virt_to_mfn((void *)va) *
                                     MM_PAGE_BYTES | ro, UVMF_INVLPG);
    tally_rc(t, "map-at-hypervisor-va", rc, H_EINVAL, NO_ALT);

    rc = hypercall_update_va_mapping(NONCANONICAL,
                                     mm_virt_to_mfn((void *)va) *
                                     MM_PAGE_BYTES | ro, UVMF_INVLPG);
    tally_rc(t, "map-at-noncanonical-va", rc, H_EINVAL, NO_ALT);

    /* mmu_update: a PTE address outside dom0's page tables (the frame of
     * window page 3, whose contents nobody needs), a domain that does not
     * exist, and a request array at a non-canonical address. */
    {
        struct mmu_update req = {
            .ptr = mm_virt_to_mfn(mm_window_page(3)) * MM_PAGE_BYTES |
                   MMU_NORMAL_PT_UPDATE,
            .val = 0,
        };
        unsigned int done = 0;

        tally_rc(t, "mmu-update-not-a-page-table",
                 hypercall_mmu_update(&req, 1, &done, DOMID_SELF),
                 H_EINVAL, 0 /* Xen 4.17 writes the plain page */);
        req.ptr = mm_virt_to_mfn((const void *)si->pt_base) *
                  MM_PAGE_BYTES | MMU_NORMAL_PT_UPDATE;
        tally_rc(t, "mmu-update-unknown-domain",
                 hypercall_mmu_update(&req, 1, &done, 0x7777), H_ESRCH,
                 NO_ALT);
        tally_rc(t, "mmu-update-noncanonical-array",
                 hypercall_mmu_update((void *)NONCANONICAL, 1, &done,
                                      DOMID_SELF), H_EFAULT, NO_ALT);
    }

    /* Whatever happened, window page 2 shows its own frame again. */
    hypercall_update_va_mapping(va, mm_virt_to_mfn((void *)va) *
                                MM_PAGE_BYTES | ro | MM_PTE_RW | MM_PTE_D,
                                UVMF_INVLPG);
}

/*
 * What the hypervisor keeps of the machine, as Xen's
 * dom0_setup_permissions: the local APIC and the MSI window cannot be
 * mapped (-EPERM; the I/O APIC can, read-only), its ports read all ones,
 * over the whole width of an access (QEMU's q35 machine: ACPI PM timer
 * at port 0x608, the console UART at 0x3f8).
 */
static void machine_kept(struct tally *t)
{
    static const struct { const char *name; uint64_t pa; } kept[] = {
        { "map-local-apic", 0xfee00000ULL },
        { "map-msi-window", 0xfee01000ULL },
    };
    unsigned long va = (unsigned long)mm_window_page(2);
    uint64_t ro = MM_PTE_P | MM_PTE_US | MM_PTE_A;
    uint32_t v;

    mm_unmap();
    for ( unsigned int i = 0; i < sizeof(kept) / sizeof(kept[0]); i++ )
    {
        tally_rc(t, kept[i].name,
                 hypercall_update_va_mapping(va, kept[i].pa | ro |
                                             MM_PTE_RW, UVMF_INVLPG),
                 H_EPERM, NO_ALT);
        hypercall_update_va_mapping(va, mm_virt_to_mfn((void *)va) *
                                    MM_PAGE_BYTES | ro | MM_PTE_RW |
                                    MM_PTE_D, UVMF_INVLPG);
    }
    tally_rc(t, "set-iopl-1", dom0_set_iopl(1), 0, NO_ALT);
    v = dom0_inw(0x3f7);
    console_line("hostile: inw 0x3f7 (one byte below the UART) = %#x", v);
    tally_rc(t, "port-straddling-the-uart", v == 0xffff ? 0 : H_EINVAL, 0,
             NO_ALT);
    v = dom0_inl(0x608);
    console_line("hostile: inl 0x608 (ACPI PM timer) = %#x", v);
    tally_rc(t, "port-pm-timer-kept", v == 0xffffffffU ? 0 : H_EINVAL, 0,
             NO_ALT);
    v = dom0_pci_read(0, 0);
    console_line("hostile: PCI 00:00.0 vendor/device %#x", v);
    tally_rc(t, "pci-conf1-reads-through", v != 0xffffffffU && v != 0 ?
             0 : H_EINVAL, 0, NO_ALT);
    tally_rc(t, "set-iopl-0", dom0_set_iopl(0), 0, NO_ALT);
}

void hostile_run(const struct start_info *si)
{
    struct tally t = { "hostile", 0, 0 };
    union xenpf_efi_info info = { 0 };
    bool efi = fw_efi_info(XEN_FW_EFI_VERSION, &info) == 0;
    long v;

    console_line("hostile: efi=%s", efi ? "yes" : "no");
    bad_pointers(&t, efi);
    bad_sizes_and_ops(&t, efi);
    bad_mappings(&t, si);
    machine_kept(&t);

    v = hypercall_xen_version(XENVER_version, NULL);
    console_line("hostile: hypervisor still answering: xen_version=%ld.%ld",
                 v >> 16, v & 0xffff);
    tally_end(&t, "hostile");
}
