/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * physdev_op (33) for dom0, answered as Xen 4.17 answers its hardware
 * domain on a machine without passthrough: the virtual IOPL; reads of
 * the I/O APICs' registers (writes are the hypervisor's: -EPERM); GSIs
 * mapped to pirqs and their trigger and polarity recorded once
 * (lib/pirq.c); the status, EOI and EOI-bitmap calls of bound pirqs; the
 * PCI devices and MMCONFIG ranges dom0 announces, acknowledged (Xen
 * keeps them for passthrough, which there is none of here).
 *
 * Not done: an I/O APIC pin is never unmasked for dom0, so no device
 * interrupt (ACPI SCI, keyboard, RTC) reaches it; MSIs are not mapped.
 */
#include <xen/acpi_madt.h>
#include <xen/console.h>
#include <xen/evtchn.h>
#include <xen/hypercall.h>
#include <xen/pirq.h>
#include <xen/pv_abi.h>
#include <public/physdev.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/pv.h>

#define IOAPIC_MMIO_BYTES   0x20
#define IOAPIC_REG_SELECT   0x00
#define IOAPIC_REG_WINDOW   0x10
#define IOAPIC_REG_VERSION  0x01
#define LEGACY_GSIS         16

static struct pirq_table pirqs;
static bool pirqs_ready;
static uint64_t eoi_map_mfn;

/* The I/O APIC whose registers are at physbase, or NULL. */
static const struct acpi_madt_ioapic *ioapic_at(uint64_t physbase)
{
    const struct acpi_madt_info *m = pv_machine_madt();

    for ( unsigned int i = 0; m && i < m->nr_ioapics &&
          i < ACPI_MADT_MAX_IOAPICS; i++ )
        if ( m->ioapic[i].addr == physbase )
            return &m->ioapic[i];
    return NULL;
}

static uint32_t ioapic_read(const struct acpi_madt_ioapic *io, uint32_t reg)
{
    volatile uint32_t *base = __va((uint64_t)io->addr);

    base[IOAPIC_REG_SELECT / 4] = reg;
    return base[IOAPIC_REG_WINDOW / 4];
}

/* The machine's GSIs: the highest I/O APIC input plus one (Xen's). */
static unsigned int machine_gsis(void)
{
    const struct acpi_madt_info *m = pv_machine_madt();
    unsigned int nr = 0;

    for ( unsigned int i = 0; m && i < m->nr_ioapics &&
          i < ACPI_MADT_MAX_IOAPICS; i++ )
    {
        unsigned int pins = ((ioapic_read(&m->ioapic[i], IOAPIC_REG_VERSION)
                              >> 16) & 0xff) + 1;

        if ( m->ioapic[i].gsi_base + pins > nr )
            nr = m->ioapic[i].gsi_base + pins;
    }
    return nr ? nr : LEGACY_GSIS;
}

/* See xen/evtchn.h. */
struct pirq_table *arch_dom0_pirqs(void)
{
    if ( !pirqs_ready )
    {
        pirq_init(&pirqs, machine_gsis());
        pirqs_ready = true;
    }
    return &pirqs;
}

static long apic_read(uint64_t arg)
{
    struct physdev_apic a;
    const struct acpi_madt_ioapic *io;

    if ( copy_from_guest(&a, arg, sizeof(a)) )
        return -XEN_EFAULT;
    io = ioapic_at(a.apic_physbase);
    if ( !io )
        return -XEN_EINVAL;
    a.value = ioapic_read(io, a.reg);
    return copy_to_guest(arg, &a, sizeof(a)) ? -XEN_EFAULT : 0;
}

static long map_pirq(uint64_t arg)
{
    struct physdev_map_pirq m;
    int pirq, rc;

    if ( copy_from_guest(&m, arg, sizeof(m)) )
        return -XEN_EFAULT;
    if ( m.domid != DOMID_SELF && m.domid != 0 )
        return -XEN_ESRCH;              /* no other domain */
    switch ( m.type )
    {
    case MAP_PIRQ_TYPE_GSI:
        pirq = m.pirq;
        rc = pirq_map_gsi(arch_dom0_pirqs(), m.index, &pirq);
        if ( rc )
            return rc;
        m.pirq = pirq;
        return copy_to_guest(arg, &m, sizeof(m)) ? -XEN_EFAULT : 0;
    case MAP_PIRQ_TYPE_MSI:
    case MAP_PIRQ_TYPE_MSI_SEG:
    case MAP_PIRQ_TYPE_MULTI_MSI:
        return hypercall_unimplemented(__HYPERVISOR_physdev_op,
                                       PHYSDEVOP_map_pirq);
    }
    return -XEN_EINVAL;
}

static long unmap_pirq(uint64_t arg)
{
    struct physdev_unmap_pirq u;

    if ( copy_from_guest(&u, arg, sizeof(u)) )
        return -XEN_EFAULT;
    if ( u.domid != DOMID_SELF && u.domid != 0 )
        return -XEN_ESRCH;
    return pirq_unmap(arch_dom0_pirqs(), u.pirq);
}

static long setup_gsi(uint64_t arg)
{
    struct physdev_setup_gsi g;

    if ( copy_from_guest(&g, arg, sizeof(g)) )
        return -XEN_EFAULT;
    return pirq_setup_gsi(arch_dom0_pirqs(), g.gsi, g.triggering,
                          g.polarity);
}

/*
 * irq_status_query: every pirq asks for its EOI, as Xen answers (it may
 * need to mask any of them); none is shared here.
 */
static long irq_status(uint64_t arg)
{
    struct physdev_irq_status_query q;
    const struct pirq_table *p = arch_dom0_pirqs();

    if ( copy_from_guest(&q, arg, sizeof(q)) )
        return -XEN_EFAULT;
    if ( q.irq >= p->nr_pirqs )
        return -XEN_EINVAL;
    q.flags = XENIRQSTAT_needs_eoi;
    return copy_to_guest(arg, &q, sizeof(q)) ? -XEN_EFAULT : 0;
}

static long eoi(uint64_t arg)
{
    struct physdev_eoi e;

    if ( copy_from_guest(&e, arg, sizeof(e)) )
        return -XEN_EFAULT;
    if ( e.irq >= arch_dom0_pirqs()->nr_pirqs ||
         arch_dom0_pirqs()->gsi_of[e.irq] < 0 )
        return -XEN_EINVAL;             /* Xen: no such pirq */
    return 0;                           /* no pin was left masked */
}

/*
 * pirq_eoi_gmfn: a frame of dom0's (not a page table) where Xen would set
 * the bit of each pirq awaiting EOI. None ever does here; the frame is
 * only checked.
 */
static long eoi_gmfn(uint64_t arg)
{
    struct physdev_pirq_eoi_gmfn g;
    uint64_t pfn;

    if ( copy_from_guest(&g, arg, sizeof(g)) )
        return -XEN_EFAULT;
    if ( !pv_plain_frame(g.gmfn, &pfn) )
        return -XEN_EINVAL;
    if ( eoi_map_mfn )
        return -XEN_EBUSY;              /* registered once, as Xen */
    eoi_map_mfn = g.gmfn;
    return 0;
}

/*
 * pci_device_add and manage_pci_add(_ext): acknowledged and named, as
 * Xen does (which also keeps them, for passthrough).
 */
static long pci_add(uint64_t cmd, uint64_t arg)
{
    struct physdev_pci_device_add d = { 0 };
    struct physdev_manage_pci m;

    if ( cmd == PHYSDEVOP_pci_device_add )
    {
        if ( copy_from_guest(&d, arg, sizeof(d)) )
            return -XEN_EFAULT;
    }
    else
    {
        if ( copy_from_guest(&m, arg, sizeof(m)) )
            return -XEN_EFAULT;
        d.bus = m.bus;
        d.devfn = m.devfn;
    }
    printk(XENLOG_INFO "PCI add device %04x:%02x:%02x.%u\n", d.seg, d.bus,
           d.devfn >> 3, d.devfn & 7);
    return 0;
}

/* See asm/pv.h. */
bool pv_physdev_frame(uint64_t mfn)
{
    return eoi_map_mfn && mfn == eoi_map_mfn;
}

long do_physdev_op(uint64_t cmd, uint64_t arg)
{
    struct physdev_set_iopl iopl;
    struct physdev_pci_mmcfg_reserved mc;
    struct physdev_pci_device dev;
    struct physdev_irq vec;

    switch ( cmd )
    {
    case PHYSDEVOP_set_iopl:
        if ( copy_from_guest(&iopl, arg, sizeof(iopl)) )
            return -XEN_EFAULT;
        if ( iopl.iopl > 3 )
            return -XEN_EINVAL;
        dom0_vcpu.iopl = iopl.iopl;
        return 0;
    case PHYSDEVOP_apic_read:
        return apic_read(arg);
    case PHYSDEVOP_apic_write:
        return -XEN_EPERM;              /* the I/O APICs are ours */
    case PHYSDEVOP_alloc_irq_vector:
        /* Xen's placeholder: the vector is the IRQ, nothing allocated. */
        if ( copy_from_guest(&vec, arg, sizeof(vec)) )
            return -XEN_EFAULT;
        vec.vector = vec.irq;
        return copy_to_guest(arg, &vec, sizeof(vec)) ? -XEN_EFAULT : 0;
    case PHYSDEVOP_map_pirq:
        return map_pirq(arg);
    case PHYSDEVOP_unmap_pirq:
        return unmap_pirq(arg);
    case PHYSDEVOP_setup_gsi:
        return setup_gsi(arg);
    case PHYSDEVOP_irq_status_query:
        return irq_status(arg);
    case PHYSDEVOP_eoi:
        return eoi(arg);
    case PHYSDEVOP_pirq_eoi_gmfn_v1:
    case PHYSDEVOP_pirq_eoi_gmfn_v2:
        return eoi_gmfn(arg);
    case PHYSDEVOP_pci_device_add:
    case PHYSDEVOP_manage_pci_add:
    case PHYSDEVOP_manage_pci_add_ext:
        return pci_add(cmd, arg);
    case PHYSDEVOP_pci_device_remove:
    case PHYSDEVOP_manage_pci_remove:
        if ( copy_from_guest(&dev, arg, cmd == PHYSDEVOP_manage_pci_remove
                             ? sizeof(struct physdev_manage_pci)
                             : sizeof(dev)) )
            return -XEN_EFAULT;
        return 0;
    case PHYSDEVOP_pci_mmcfg_reserved:
        if ( copy_from_guest(&mc, arg, sizeof(mc)) )
            return -XEN_EFAULT;
        return 0;
    }
    return hypercall_unimplemented(__HYPERVISOR_physdev_op, cmd);
}
