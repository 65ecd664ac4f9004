/* SPDX-License-Identifier: MIT */
/*
 * physdev_op (hypercall 33): the physical-device operations of dom0.
 * Numbers and layouts are Xen's (xen/include/public/physdev.h); what is
 * answered, and how, is docs/pv-dom0.md's.
 */
#ifndef PUBLIC_PHYSDEV_H
#define PUBLIC_PHYSDEV_H

#include "xen.h"

/* The end of interrupt of a physical IRQ (pirq) dom0 has handled. */
#define PHYSDEVOP_eoi                   12
struct physdev_eoi {
    uint32_t irq;               /* 0: the pirq */
};
_Static_assert(sizeof(struct physdev_eoi) == 4, "physdev_eoi");

/* A frame of dom0's that holds one "needs EOI" bit per pirq. */
#define PHYSDEVOP_pirq_eoi_gmfn_v1      17
#define PHYSDEVOP_pirq_eoi_gmfn_v2      28
struct physdev_pirq_eoi_gmfn {
    xen_pfn_t gmfn;             /* 0 */
};
_Static_assert(sizeof(struct physdev_pirq_eoi_gmfn) == 8,
               "physdev_pirq_eoi_gmfn");

#define PHYSDEVOP_irq_status_query      5
#define XENIRQSTAT_needs_eoi            (1U << 0)
#define XENIRQSTAT_shared               (1U << 1)
struct physdev_irq_status_query {
    uint32_t irq;               /* 0: in: the pirq */
    uint32_t flags;             /* 4: out: XENIRQSTAT_* */
};
_Static_assert(sizeof(struct physdev_irq_status_query) == 8,
               "physdev_irq_status_query");

/* The virtual IOPL of the calling vCPU (0-3). */
#define PHYSDEVOP_set_iopl              6
struct physdev_set_iopl {
    uint32_t iopl;
};

/* A register of an I/O APIC, named by its MMIO base. */
#define PHYSDEVOP_apic_read             8
#define PHYSDEVOP_apic_write            9
struct physdev_apic {
    uint64_t apic_physbase;     /* 0: in */
    uint32_t reg;               /* 8: in */
    uint32_t value;             /* 12: in (write) or out (read) */
};
_Static_assert(sizeof(struct physdev_apic) == 16, "physdev_apic");

/* A vector for an IRQ: in Xen a placeholder giving the IRQ back. */
#define PHYSDEVOP_alloc_irq_vector      10
#define PHYSDEVOP_free_irq_vector       11
struct physdev_irq {
    uint32_t irq;               /* 0: in */
    uint32_t vector;            /* 4: out */
};
_Static_assert(sizeof(struct physdev_irq) == 8, "physdev_irq");

#define MAP_PIRQ_TYPE_MSI               0x0
#define MAP_PIRQ_TYPE_GSI               0x1
#define MAP_PIRQ_TYPE_UNKNOWN           0x2
#define MAP_PIRQ_TYPE_MSI_SEG           0x3
#define MAP_PIRQ_TYPE_MULTI_MSI         0x4

/* A GSI or MSI of a device given a pirq number of the domain. */
#define PHYSDEVOP_map_pirq              13
struct physdev_map_pirq {
    domid_t domid;              /* 0 */
    int32_t type;               /* 4: MAP_PIRQ_TYPE_* */
    int32_t index;              /* 8: the GSI for MAP_PIRQ_TYPE_GSI */
    int32_t pirq;               /* 12: in (< 0: any) and out */
    int32_t bus;                /* 16: MSI */
    int32_t devfn;              /* 20: MSI */
    int32_t entry_nr;           /* 24: MSI */
    uint64_t table_base;        /* 32: MSI-X */
};
_Static_assert(sizeof(struct physdev_map_pirq) == 40, "physdev_map_pirq");

#define PHYSDEVOP_unmap_pirq            14
struct physdev_unmap_pirq {
    domid_t domid;              /* 0 */
    int32_t pirq;               /* 4 */
};
_Static_assert(sizeof(struct physdev_unmap_pirq) == 8, "physdev_unmap_pirq");

/* The PCI devices dom0 found, announced to the hypervisor. */
#define PHYSDEVOP_manage_pci_add        15
#define PHYSDEVOP_manage_pci_remove     16
struct physdev_manage_pci {
    uint8_t bus;                /* 0 */
    uint8_t devfn;              /* 1 */
};

#define PHYSDEVOP_manage_pci_add_ext    20
struct physdev_manage_pci_ext {
    uint8_t bus;                /* 0 */
    uint8_t devfn;              /* 1 */
    uint32_t is_extfn;          /* 4 */
    uint32_t is_virtfn;         /* 8 */
    struct {
        uint8_t bus;
        uint8_t devfn;
    } physfn;                   /* 12 */
};
_Static_assert(sizeof(struct physdev_manage_pci_ext) == 16,
               "physdev_manage_pci_ext");

/* Trigger mode and polarity of a GSI (from dom0's ACPI). */
#define PHYSDEVOP_setup_gsi             21
struct physdev_setup_gsi {
    int32_t gsi;                /* 0 */
    uint8_t triggering;         /* 4: 0 edge, 1 level */
    uint8_t polarity;           /* 5: 0 high, 1 low */
};
_Static_assert(sizeof(struct physdev_setup_gsi) == 8, "physdev_setup_gsi");

#define PHYSDEVOP_get_free_pirq         23
struct physdev_get_free_pirq {
    int32_t type;               /* 0: in: MAP_PIRQ_TYPE_* */
    uint32_t pirq;              /* 4: out */
};

/* An MMCONFIG range dom0 found reserved in the firmware's tables. */
#define PHYSDEVOP_pci_mmcfg_reserved    24
#define XEN_PCI_MMCFG_RESERVED          0x1
struct physdev_pci_mmcfg_reserved {
    uint64_t address;           /* 0 */
    uint16_t segment;           /* 8 */
    uint8_t start_bus;          /* 10 */
    uint8_t end_bus;            /* 11 */
    uint32_t flags;             /* 12 */
};
_Static_assert(sizeof(struct physdev_pci_mmcfg_reserved) == 16,
               "physdev_pci_mmcfg_reserved");

#define PHYSDEVOP_pci_device_add        25
#define XEN_PCI_DEV_EXTFN               0x1
#define XEN_PCI_DEV_VIRTFN              0x2
#define XEN_PCI_DEV_PXM                 0x4
struct physdev_pci_device_add {
    uint16_t seg;               /* 0 */
    uint8_t bus;                /* 2 */
    uint8_t devfn;              /* 3 */
    uint32_t flags;             /* 4: XEN_PCI_DEV_* */
    struct {
        uint8_t bus;
        uint8_t devfn;
    } physfn;                   /* 8 */
    /* 12: with XEN_PCI_DEV_PXM, one uint32_t proximity domain follows */
};

#define PHYSDEVOP_pci_device_remove     26
#define PHYSDEVOP_prepare_msix          30
#define PHYSDEVOP_release_msix          31
struct physdev_pci_device {
    uint16_t seg;               /* 0 */
    uint8_t bus;                /* 2 */
    uint8_t devfn;              /* 3 */
};

#define PHYSDEVOP_dbgp_op               29

#endif
