/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a PV dom0 may map of the machine beyond its own RAM, and which I/O
 * ports it owns (arch/x86/lib/pviomem.c, pure), after Xen's
 * dom0_setup_permissions: every frame the host e820 does not call RAM is
 * dom0's, except the ranges the hypervisor keeps (denied: the local APIC,
 * the MSI window, a page-protected HPET, unusable memory) or lets it only
 * read (the I/O APICs, PCI MMCONFIG, ACPI tables, EFI runtime memory, the
 * low 1 MiB but the VGA window); every port is dom0's except the interrupt
 * controllers, the timer, the PM timer and the hypervisor's UART, and
 * PCI configuration ports 0xcf8 (dword) and 0xcfc-0xcff, which the
 * hypervisor emulates.
 */
#ifndef XEN_PVIOMEM_H
#define XEN_PVIOMEM_H

#include <xen/e820.h>
#include <xen/efimap.h>
#include <xen/types.h>

/* Ordered: when ranges overlap, the lowest access wins. */
enum pviomem_access {
    PVIOMEM_DENY,           /* -EPERM: the hypervisor's */
    PVIOMEM_RO,             /* a writable entry is entered read-only */
    PVIOMEM_RW,
};

/* Frames [first, last] with an access. */
struct pviomem_range {
    uint64_t first_mfn, last_mfn;
    uint8_t access;         /* enum pviomem_access */
};

struct pviomem_policy {
    const struct e820entry *e820;
    unsigned int nr_e820;
    const struct pviomem_range *ranges;
    unsigned int nr_ranges;
    uint64_t end_mfn;       /* first frame past the physical address width */
    /*
     * The normalized EFI memory map (none on a BIOS boot): its runtime
     * ranges are read-only memory. Searched, not copied into ranges, so
     * a map of any size is covered (a firmware may have hundreds of
     * runtime descriptors; each is code the hypervisor runs at ring 0).
     */
    const struct efimap_entry *efi;
    unsigned int nr_efi;
};

/*
 * The access to a frame that is not the domain's own. Frames past
 * end_mfn, RAM and unusable ranges above 1 MiB are denied.
 */
enum pviomem_access pviomem_access(const struct pviomem_policy *p,
                                   uint64_t mfn);

/*
 * The L1 rule for such a frame: 0, 1 (only read-only: a writable entry
 * loses RW) or -XEN_EPERM (denied). Cache attributes are dom0's choice,
 * as on Xen, which lets dom0 map any frame it does not own (devices, and
 * ACPI tables and NVS alike: Linux maps its ACPI tables UC- when the
 * MTRRs do not say write-back) with any.
 */
long pviomem_l1e(const struct pviomem_policy *p, uint64_t mfn, bool rw);

/* Port ranges [first, last] the hypervisor keeps for itself. */
struct pviomem_ports {
    uint16_t first, last;
};

/*
 * Whether an access of bytes at port touches any of the nr ranges
 * (every byte of it: a 16-bit access at 0x3f7 reaches 0x3f8).
 */
bool pviomem_port_denied(const struct pviomem_ports *r, unsigned int nr,
                         unsigned int port, unsigned int bytes);

#endif /* XEN_PVIOMEM_H */
