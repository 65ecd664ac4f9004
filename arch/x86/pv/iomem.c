/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What dom0 may reach of the machine (rules in xen/pviomem.h), after
 * Xen's dom0_setup_permissions: built once before dom0 starts from the
 * host e820, the EFI memory map, the local APIC's MSR and the ACPI MADT,
 * HPET, MCFG and FADT.
 *
 * Frames: the local APIC, the MSI window, AMD's HyperTransport window and
 * unusable memory are denied; the HPET is denied when its table says its
 * pages are protected, else read-only; the I/O APICs, PCI MMCONFIG, ACPI
 * tables and EFI runtime memory are read-only.
 *
 * Ports: the 8259s, the PIT and port 0x61, the ACPI PM timer and the
 * hypervisor's UARTs read all ones and drop writes, as Xen's denied
 * ports; PCI configuration through 0xcf8/0xcfc and through MMCONFIG is
 * carried out by the hypervisor, which drops a write that would move a
 * BAR onto what it owns (arch/x86/lib/pvpci.c).
 *
 * There is no IOMMU: a device that dom0 programs can still DMA anywhere,
 * the hypervisor's memory included. What is guarded here is the CPU's
 * path only.
 */
#include <xen/acpi_hw.h>
#include <xen/acpi_madt.h>
#include <xen/console.h>
#include <xen/efi_boot.h>
#include <xen/efimap.h>
#include <xen/hypercall.h>
#include <xen/pvio.h>
#include <xen/pviomem.h>
#include <xen/pvpci.h>
#include <xen/serial.h>
#include <xen/string.h>
#include <asm/acpi.h>
#include <asm/fixmap.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>

#define MAX_PORTS           16
#define MAX_MCFG            8
/*
 * Every range device_ranges() adds: the local APIC (by MSR and by MADT),
 * the I/O APICs, MSI, HyperTransport, the HPET, the MMCONFIG windows.
 * EFI runtime memory is not here: the policy searches the EFI map.
 */
#define MAX_RANGES          (5 + ACPI_MADT_MAX_IOAPICS + MAX_MCFG)
#define MSR_APIC_BASE       0x1b
#define APIC_BASE_ADDR      0x000ffffffffff000ULL
#define MSI_FIRST_PA        0xfee00000ULL   /* Xen's MSI_ADDR_BASE_LO */
#define MSI_LAST_PA         0xfeefffffULL
#define HPET_PROTECT_4K     1
#define HPET_PROTECT_64K    2
#define PCI_CONF_ADDR       0xcf8
#define PCI_CONF_DATA       0xcfc
#define PCI_HEADER_TYPE     0x0c            /* dword holding it (byte 2) */
#define ECAM_BUS_SHIFT      20
#define ECAM_FN_SHIFT       12

static struct pviomem_range ranges[MAX_RANGES];
static struct pviomem_ports ports[MAX_PORTS];
static struct acpi_mcfg_window mcfg[MAX_MCFG];
static unsigned int nr_ranges, nr_ports, nr_mcfg;
static struct pviomem_policy policy;
static uint32_t pci_cf8;                /* dom0's address latch */
static void *ecam_window;               /* one uncached page, re-pointed */

static void add_range(uint64_t first_pa, uint64_t last_pa,
                      enum pviomem_access access)
{
    if ( last_pa < first_pa )
        return;
    if ( nr_ranges == MAX_RANGES )
        panic("dom0: more machine ranges than MAX_RANGES");
    ranges[nr_ranges++] = (struct pviomem_range){
        first_pa >> PAGE_SHIFT, last_pa >> PAGE_SHIFT, access };
}

static void add_ports(unsigned int first, unsigned int last)
{
    if ( nr_ports < MAX_PORTS && first && last <= 0xffff )
        ports[nr_ports++] = (struct pviomem_ports){ first, last };
}

/* The physical address width (CPUID 0x80000008), 36 bits without it. */
static unsigned int phys_bits(void)
{
    uint32_t a, b, c, d;

    __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                       : "0" (0x80000000U), "2" (0) );
    if ( a < 0x80000008U )
        return 36;
    __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                       : "0" (0x80000008U), "2" (0) );
    return a & 0xff;
}

/*
 * AMD's HyperTransport window (the 12 GiB below 2^40, or below the top of
 * the physical address space from family 17h), which Xen keeps from
 * dom0 on AMD and Hygon CPUs.
 */
static void ht_range(void)
{
    uint32_t a, b, c, d, family;
    uint64_t top;

    __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                       : "0" (0), "2" (0) );
    /* "AuthenticAMD" and "HygonGenuine": EBX "Auth" / "Hygo". */
    if ( b != 0x68747541U && b != 0x6f677948U )
        return;
    __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                       : "0" (1), "2" (0) );
    family = ((a >> 8) & 0xf) + (((a >> 8) & 0xf) == 0xf ? (a >> 20) & 0xff
                                                         : 0);
    top = 1ULL << (family < 0x17 ? 40 : phys_bits());
    add_range(top - (3ULL << 32), top - 1, PVIOMEM_DENY);
}

/* The devices the hypervisor drives or must keep dom0 away from. */
static void device_ranges(const struct boot_info *bi)
{
    struct acpi_madt_info madt;
    struct acpi_hpet_info hpet;
    size_t nr = 0;
    uint32_t len;
    const void *t;

    add_range(rdmsr(MSR_APIC_BASE) & APIC_BASE_ADDR,
              (rdmsr(MSR_APIC_BASE) & APIC_BASE_ADDR) + PAGE_SIZE - 1,
              PVIOMEM_DENY);
    t = arch_acpi_table(bi, "APIC", &len);
    if ( t && acpi_madt_parse(t, len, &madt) == ACPI_OK )
    {
        add_range(madt.lapic_addr, madt.lapic_addr + PAGE_SIZE - 1,
                  PVIOMEM_DENY);
        /*
         * I/O APICs read-only, as Xen (mmio_ro_ranges): a read-only page
         * cannot select a register, so dom0 learns nothing it could use.
         */
        for ( unsigned int i = 0; i < madt.nr_ioapics; i++ )
            add_range(madt.ioapic[i].addr,
                      madt.ioapic[i].addr + PAGE_SIZE - 1, PVIOMEM_RO);
    }
    add_range(MSI_FIRST_PA, MSI_LAST_PA, PVIOMEM_DENY);
    ht_range();
    /*
     * The HPET as Xen keeps it: denied where the table says its pages are
     * protected, else read-only (dom0's AML reads its ID registers).
     */
    t = arch_acpi_table(bi, "HPET", &len);
    if ( t && acpi_hpet_parse(t, len, &hpet) == ACPI_OK )
        add_range(hpet.base_pa, hpet.base_pa +
                  (hpet.page_protect == HPET_PROTECT_64K ? 16 : 1) *
                  PAGE_SIZE - 1, hpet.page_protect == HPET_PROTECT_4K ||
                  hpet.page_protect == HPET_PROTECT_64K ? PVIOMEM_DENY
                  : PVIOMEM_RO);
    t = arch_acpi_table(bi, "MCFG", &len);
    if ( t && acpi_mcfg_parse(t, len, mcfg, MAX_MCFG, &nr) == ACPI_OK )
    {
        nr_mcfg = nr < MAX_MCFG ? nr : MAX_MCFG;
        for ( unsigned int i = 0; i < nr_mcfg; i++ )
            add_range(mcfg[i].base_pa +
                      ((uint64_t)mcfg[i].start_bus << ECAM_BUS_SHIFT),
                      mcfg[i].base_pa +
                      ((uint64_t)(mcfg[i].end_bus + 1) << ECAM_BUS_SHIFT) -
                      1, PVIOMEM_RO);
    }
}

static void port_ranges(const struct boot_info *bi)
{
    struct acpi_fadt_info fadt;

    add_ports(0x20, 0x21);              /* master 8259 */
    add_ports(0xa0, 0xa1);              /* slave 8259 */
    add_ports(0x40, 0x43);              /* PIT */
    add_ports(0x61, 0x61);              /* PIT channel 2 gate, speaker */
    if ( arch_acpi_fadt(bi, &fadt) && fadt.pm_tmr_port )
        add_ports(fadt.pm_tmr_port, fadt.pm_tmr_port + 3);
    for ( unsigned int i = 0; i < NS16550_NR_PORTS; i++ )
        if ( ns16550_io_base(i) )
            add_ports(ns16550_io_base(i), ns16550_io_base(i) + 7);
}

/* See asm/pv.h. */
void pv_iomem_init(const struct boot_info *bi)
{
    unsigned int nr_efi;
    const struct efimap_entry *efi = efi_memmap_get(&nr_efi);

    nr_ranges = nr_ports = nr_mcfg = 0;
    device_ranges(bi);
    port_ranges(bi);
    policy = (struct pviomem_policy){
        .e820 = hv_info.host_e820, .nr_e820 = hv_info.host_e820_nr,
        .ranges = ranges, .nr_ranges = nr_ranges,
        .end_mfn = 1ULL << (phys_bits() - PAGE_SHIFT),
        .efi = efi, .nr_efi = efi ? nr_efi : 0 };
    if ( nr_mcfg )
        ecam_window = fixmap_map_uc(mcfg[0].base_pa);
    printk(XENLOG_INFO "dom0: %u machine ranges kept or read-only, %u port "
           "ranges kept, %u MMCONFIG windows emulated; no IOMMU: device "
           "DMA is not contained\n", nr_ranges, nr_ports, nr_mcfg);
}

/* See asm/pv.h. */
long pv_iomem_l1e(uint64_t val)
{
    return pviomem_l1e(&policy, (val & PTE_ADDR_MASK) >> PAGE_SHIFT,
                       val & _PAGE_RW);
}

/* ---- PCI configuration space ------------------------------------------ */

struct pci_fn {
    uint16_t seg, bdf;
    volatile uint8_t *ecam;         /* the function's page, or NULL: conf1 */
};

static uint32_t conf1_read(uint16_t bdf, unsigned int reg, unsigned int bytes)
{
    outl(0x80000000U | ((uint32_t)bdf << 8) | (reg & 0xfc), PCI_CONF_ADDR);
    return bytes == 1 ? inb(PCI_CONF_DATA + (reg & 3)) :
           bytes == 2 ? inw(PCI_CONF_DATA + (reg & 2)) : inl(PCI_CONF_DATA);
}

static void conf1_write(uint16_t bdf, unsigned int reg, unsigned int bytes,
                        uint32_t val)
{
    outl(0x80000000U | ((uint32_t)bdf << 8) | (reg & 0xfc), PCI_CONF_ADDR);
    if ( bytes == 1 )
        outb(val, PCI_CONF_DATA + (reg & 3));
    else if ( bytes == 2 )
        outw(val, PCI_CONF_DATA + (reg & 2));
    else
        outl(val, PCI_CONF_DATA);
}

static uint32_t fn_read_dword(void *ctx, unsigned int reg)
{
    const struct pci_fn *f = ctx;

    if ( f->ecam )
        return *(volatile uint32_t *)(f->ecam + reg);
    return conf1_read(f->bdf, reg, 4);
}

/*
 * What a BAR must not be placed on: the hypervisor's ports, and frames
 * dom0 may not map (RAM, the APICs, MSI, HPET). Beyond the physical
 * address width nothing is ours (BAR sizing writes all ones there).
 */
static bool hypervisor_owns(void *ctx, uint64_t addr, bool io)
{
    if ( io )
        return pviomem_port_denied(ports, nr_ports, addr, 1);
    return (addr >> PAGE_SHIFT) < policy.end_mfn &&
           pviomem_access(&policy, addr >> PAGE_SHIFT) ==
           PVIOMEM_DENY;
}

/* Whether dom0's write may reach the function (a BAR onto ours: no). */
static bool fn_write_ok(struct pci_fn *f, unsigned int reg,
                        unsigned int bytes, uint32_t val)
{
    struct pvpci_ops ops = { fn_read_dword, hypervisor_owns, f };
    unsigned int ht = (fn_read_dword(f, PCI_HEADER_TYPE) >> 16) & 0xff;

    if ( pvpci_write_ok(&ops, ht, reg, bytes, val) )
        return true;
    printk(XENLOG_WARNING "dom0: PCI %04x:%02x:%02x.%u register %#x: write "
           "%#x dropped (a BAR onto the hypervisor's)\n", f->seg,
           f->bdf >> 8, (f->bdf >> 3) & 0x1f, f->bdf & 7, reg, val);
    return false;
}

/* ---- ports ------------------------------------------------------------ */

/* dom0's in: the ports it owns, the emulated configuration ports. */
static uint32_t port_in(unsigned int port, unsigned int bytes)
{
    struct pci_fn f = { 0 };
    unsigned int reg;

    if ( port == PCI_CONF_ADDR && bytes == 4 )
        return pci_cf8;
    if ( port >= PCI_CONF_DATA && port + bytes <= PCI_CONF_DATA + 4 )
        return pvpci_cf8_decode(pci_cf8, port & 3, &f.bdf, &reg)
               ? conf1_read(f.bdf, reg, bytes) : ~0U;
    if ( pviomem_port_denied(ports, nr_ports, port, bytes) ||
         (port < PCI_CONF_DATA + 4 && port + bytes > PCI_CONF_DATA) )
        return ~0U;
    return bytes == 1 ? inb(port) : bytes == 2 ? inw(port) : inl(port);
}

static void port_out(unsigned int port, unsigned int bytes, uint32_t val)
{
    struct pci_fn f = { 0 };
    unsigned int reg;

    if ( port == PCI_CONF_ADDR && bytes == 4 )
    {
        pci_cf8 = val;                  /* latched, as Xen does */
        return;
    }
    if ( port >= PCI_CONF_DATA && port + bytes <= PCI_CONF_DATA + 4 )
    {
        if ( pvpci_cf8_decode(pci_cf8, port & 3, &f.bdf, &reg) &&
             fn_write_ok(&f, reg, bytes, val) )
            conf1_write(f.bdf, reg, bytes, val);
        return;
    }
    if ( pviomem_port_denied(ports, nr_ports, port, bytes) ||
         (port < PCI_CONF_DATA + 4 && port + bytes > PCI_CONF_DATA) )
        return;
    if ( bytes == 1 )
        outb(val, port);
    else if ( bytes == 2 )
        outw(val, port);
    else
        outl(val, port);
}

/* See asm/pv.h. */
uint32_t pv_port_io(unsigned int port, unsigned int bytes, bool out,
                    uint32_t val)
{
    uint64_t flags;

    /* The configuration address and data go out as one pair. */
    __asm__ volatile ( "pushf; pop %0; cli" : "=r" (flags) :: "memory" );
    if ( out )
        port_out(port, bytes, val);
    else
        val = port_in(port, bytes);
    __asm__ volatile ( "push %0; popf" :: "r" (flags) : "memory", "cc" );
    return val;
}

/* ---- MMCONFIG ---------------------------------------------------------- */

/* The window and function of a machine address; false when none. */
static bool ecam_decode(uint64_t pa, struct pci_fn *f, unsigned int *reg)
{
    for ( unsigned int i = 0; i < nr_mcfg; i++ )
    {
        uint64_t first = mcfg[i].base_pa +
                         ((uint64_t)mcfg[i].start_bus << ECAM_BUS_SHIFT);
        uint64_t end = mcfg[i].base_pa +
                       ((uint64_t)(mcfg[i].end_bus + 1) << ECAM_BUS_SHIFT);

        if ( pa < first || pa >= end )
            continue;
        f->seg = mcfg[i].segment;
        f->bdf = (pa - mcfg[i].base_pa) >> ECAM_FN_SHIFT;
        *reg = pa & (PAGE_SIZE - 1);
        return true;
    }
    return false;
}

/* See asm/pv.h. */
bool pv_mmcfg_write(uint64_t pa, unsigned int bytes, uint32_t val)
{
    struct pci_fn f;
    unsigned int reg;

    /* Xen's rule: naturally aligned, at most 4 bytes. */
    if ( !ecam_window || !bytes || bytes > 4 || (bytes & (bytes - 1)) ||
         (pa & (bytes - 1)) || !ecam_decode(pa, &f, &reg) )
        return false;
    f.ecam = fixmap_remap_uc(ecam_window, pa & ~(uint64_t)(PAGE_SIZE - 1));
    if ( fn_write_ok(&f, reg, bytes, val) )
    {
        if ( bytes == 1 )
            *(volatile uint8_t *)(f.ecam + reg) = val;
        else if ( bytes == 2 )
            *(volatile uint16_t *)(f.ecam + reg) = val;
        else
            *(volatile uint32_t *)(f.ecam + reg) = val;
    }
    return true;
}
