/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Poweroff through ACPI S5: find the RSDP (the loader's copy, else the BIOS
 * areas), the FADT and the \_S5 package in the DSDT, then write SLP_TYP and
 * SLP_EN to the PM1 control registers (ACPI spec 4.8.3.2.1, 7.4.2). The
 * parsing is lib/acpi.c; this file maps memory and touches ports.
 * Also the reset: EFI ResetSystem, the FADT reset register (ACPI spec
 * 4.8.3.6), the PCI reset control port 0xcf9 and the keyboard controller.
 */
#include <xen/acpi.h>
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/setup.h>
#include <xen/string.h>
#include <asm/acpi.h>
#include <asm/config.h>
#include <asm/io.h>

#define ACPI_MAX_TABLES     64
#define ACPI_MAX_TABLE_BYTES MB(4)
#define PM1_SCI_EN          0x0001
#define PM1_SLP_EN          0x2000
#define PM1_SLP_TYP_SHIFT   10
#define SLEEP_CTL_SLP_EN    0x20
#define SLEEP_CTL_TYP_SHIFT 2
#define GAS_SYSTEM_MEMORY   0
#define GAS_SYSTEM_IO       1
#define GAS_PCI_CONFIG      2
#define PCI_CONF_ADDR_PORT  0xcf8
#define PCI_CONF_DATA_PORT  0xcfc
#define RST_CNT_PORT        0xcf9
#define RST_CNT_SYS_RST     0x02
#define RST_CNT_RST_CPU     0x04
#define RST_CNT_FULL_RST    0x08
#define KBC_STATUS_PORT     0x64
#define KBC_STATUS_IBF      0x02
#define KBC_CMD_PULSE_RESET 0xfe

/* Boot direct map only: every table must lie below 4 GiB for now. */
static const void *map_phys(paddr_t pa, uint64_t len)
{
    if ( !pa || pa + len < pa || pa + len > BOOT_DIRECTMAP_BYTES )
        return NULL;
    return __va(pa);
}

static enum acpi_status scan_rsdp(paddr_t pa, size_t len,
                                  struct acpi_rsdp_info *out)
{
    const uint8_t *p = map_phys(pa, len);

    for ( size_t off = 0; p && off + 20 <= len; off += 16 )
        if ( !memcmp(p + off, "RSD PTR ", 8) &&
             acpi_rsdp_parse(p + off, len - off, out) == ACPI_OK )
            return ACPI_OK;
    return ACPI_ERR_NOT_FOUND;
}

static enum acpi_status find_rsdp(const struct boot_info *bi,
                                  struct acpi_rsdp_info *out)
{
    const uint16_t *ebda_seg = map_phys(0x40e, 2);

    if ( bi->rsdp_bytes )
        return acpi_rsdp_parse(bi->rsdp, bi->rsdp_bytes, out);
    if ( bi->entry != BOOT_ENTRY_MB2_BIOS )
        return ACPI_ERR_NOT_FOUND;
    /* ACPI spec 5.2.5.1: first KiB of the EBDA, then the BIOS ROM area. */
    if ( ebda_seg && *ebda_seg &&
         scan_rsdp((paddr_t)*ebda_seg << 4, KB(1), out) == ACPI_OK )
        return ACPI_OK;
    return scan_rsdp(0xe0000, KB(128), out);
}

/* Maps and checks the table at pa; sig may be NULL. */
static const void *get_table(paddr_t pa, const char *sig, uint32_t *len,
                             enum acpi_status *st)
{
    const uint32_t *hdr = map_phys(pa, 36);
    const void *t;

    *st = ACPI_ERR_NOT_FOUND;
    if ( !hdr || hdr[1] > ACPI_MAX_TABLE_BYTES )
        return NULL;
    t = map_phys(pa, hdr[1]);
    if ( !t )
        return NULL;
    *st = acpi_sdt_check(t, hdr[1], sig, len);
    return *st == ACPI_OK ? t : NULL;
}

static const void *find_table(const struct acpi_rsdp_info *r, const char *sig,
                              uint32_t *len, enum acpi_status *st)
{
    bool xsdt = r->xsdt_pa != 0;
    paddr_t entries[ACPI_MAX_TABLES];
    uint32_t sdt_len;
    size_t nr;
    const void *sdt = get_table(xsdt ? r->xsdt_pa : r->rsdt_pa,
                                xsdt ? "XSDT" : "RSDT", &sdt_len, st);

    if ( !sdt )
        return NULL;
    *st = acpi_sdt_entries(sdt, sdt_len, xsdt, entries, ACPI_MAX_TABLES, &nr);
    if ( *st != ACPI_OK )
        return NULL;
    for ( size_t i = 0; i < nr && i < ACPI_MAX_TABLES; i++ )
    {
        const char *h = map_phys(entries[i], 4);

        if ( h && !memcmp(h, sig, 4) )
            return get_table(entries[i], sig, len, st);
    }
    *st = ACPI_ERR_NOT_FOUND;
    return NULL;
}

/* See asm/acpi.h. */
const void *arch_acpi_table(const struct boot_info *bi, const char *sig,
                            uint32_t *len)
{
    struct acpi_rsdp_info rsdp;
    enum acpi_status st;

    if ( find_rsdp(bi, &rsdp) != ACPI_OK )
        return NULL;
    return find_table(&rsdp, sig, len, &st);
}

/* See asm/acpi.h. */
bool arch_acpi_fadt(const struct boot_info *bi, struct acpi_fadt_info *fadt)
{
    uint32_t len;
    const void *t = arch_acpi_table(bi, "FACP", &len);

    return t && acpi_fadt_parse(t, len, fadt) == ACPI_OK;
}

static void acpi_enable_mode(const struct acpi_fadt_info *f)
{
    if ( (inw(f->pm1a_cnt_port) & PM1_SCI_EN) || !f->smi_cmd ||
         !f->acpi_enable )
        return;
    outb(f->acpi_enable, f->smi_cmd);
    for ( unsigned int i = 0; i < 1000000; i++ )
        if ( inw(f->pm1a_cnt_port) & PM1_SCI_EN )
            return;
}

void arch_poweroff(const struct boot_info *bi)
{
    struct acpi_rsdp_info rsdp;
    struct acpi_fadt_info fadt;
    enum acpi_status st;
    const void *t;
    uint32_t len;
    uint8_t typa, typb;

    /* On EFI machines the firmware's own way first, ACPI as fallback. */
    if ( bi->entry != BOOT_ENTRY_MB2_BIOS )
        efi_reset_system(EFI_RESET_SHUTDOWN);
    printk("Powering off through ACPI S5\n");
    if ( (st = find_rsdp(bi, &rsdp)) != ACPI_OK )
        goto fail;
    if ( !(t = find_table(&rsdp, "FACP", &len, &st)) )
        goto fail;
    if ( (st = acpi_fadt_parse(t, len, &fadt)) != ACPI_OK )
        goto fail;
    if ( !(t = get_table(fadt.dsdt_pa, "DSDT", &len, &st)) )
        goto fail;
    if ( (st = acpi_s5_find(t, len, &typa, &typb)) != ACPI_OK )
        goto fail;

    if ( fadt.hw_reduced )
    {
        if ( fadt.sleep_cnt_space != GAS_SYSTEM_IO || !fadt.sleep_cnt_addr ||
             fadt.sleep_cnt_addr > 0xffff )
        {
            printk("ACPI poweroff: no usable sleep control register\n");
            return;
        }
        outb((typa << SLEEP_CTL_TYP_SHIFT) | SLEEP_CTL_SLP_EN,
             (uint16_t)fadt.sleep_cnt_addr);
    }
    else
    {
        if ( !fadt.pm1a_cnt_port || fadt.pm1a_cnt_port > 0xffff )
        {
            printk("ACPI poweroff: no PM1a control register\n");
            return;
        }
        acpi_enable_mode(&fadt);
        outw((typa << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN, fadt.pm1a_cnt_port);
        if ( fadt.pm1b_cnt_port && fadt.pm1b_cnt_port <= 0xffff )
            outw((typb << PM1_SLP_TYP_SHIFT) | PM1_SLP_EN,
                 fadt.pm1b_cnt_port);
    }
    /* The write takes effect at once on real chipsets; allow a moment. */
    for ( unsigned int i = 0; i < 10000000; i++ )
        __asm__ volatile ( "pause" );
    printk("ACPI poweroff: the machine is still running\n");
    return;

 fail:
    printk("ACPI poweroff: %s\n", acpi_strerror(st));
}

/* Gives a reset write time to take effect. */
static void reset_settle(void)
{
    for ( unsigned int i = 0; i < 10000000; i++ )
        __asm__ volatile ( "pause" );
}

/* The FADT reset register, when the FADT says it is supported. */
static void acpi_reset(const struct boot_info *bi)
{
    struct acpi_rsdp_info rsdp;
    struct acpi_fadt_info fadt;
    enum acpi_status st;
    const void *t;
    uint32_t len;

    if ( (st = find_rsdp(bi, &rsdp)) != ACPI_OK ||
         !(t = find_table(&rsdp, "FACP", &len, &st)) ||
         (st = acpi_fadt_parse(t, len, &fadt)) != ACPI_OK )
    {
        printk("ACPI reset: %s\n", acpi_strerror(st));
        return;
    }
    if ( !fadt.reset_supported )
    {
        printk("ACPI reset: no reset register in the FADT\n");
        return;
    }
    printk("Resetting through the ACPI reset register (space %u, %#lx)\n",
           fadt.reset_space, (unsigned long)fadt.reset_addr);
    switch ( fadt.reset_space )
    {
    case GAS_SYSTEM_IO:
        if ( fadt.reset_addr > 0xffff )
            return;
        outb(fadt.reset_value, (uint16_t)fadt.reset_addr);
        break;
    case GAS_SYSTEM_MEMORY:
    {
        volatile uint8_t *reg = (volatile uint8_t *)map_phys(fadt.reset_addr,
                                                             1);

        if ( !reg )
            return;
        *reg = fadt.reset_value;
        break;
    }
    case GAS_PCI_CONFIG:
        /* Bus 0; device in bits 32-47, function 16-31, offset 0-15. */
        if ( ((fadt.reset_addr >> 32) & 0xffff) > 31 ||
             ((fadt.reset_addr >> 16) & 0xffff) > 7 ||
             (fadt.reset_addr & 0xffff) > 0xff )
            return;
        outl(0x80000000U | (uint32_t)((fadt.reset_addr >> 32) & 0x1f) << 11 |
             (uint32_t)((fadt.reset_addr >> 16) & 0x7) << 8 |
             (uint32_t)(fadt.reset_addr & 0xfc), PCI_CONF_ADDR_PORT);
        outb(fadt.reset_value,
             PCI_CONF_DATA_PORT + (uint16_t)(fadt.reset_addr & 3));
        break;
    default:
        return;
    }
    reset_settle();
}

void arch_reboot(const struct boot_info *bi)
{
    /* On EFI machines the firmware's own way first. */
    if ( bi->entry != BOOT_ENTRY_MB2_BIOS )
        efi_reset_system(EFI_RESET_COLD);
    acpi_reset(bi);

    printk("Resetting through port 0xcf9\n");
    outb(RST_CNT_SYS_RST | RST_CNT_FULL_RST, RST_CNT_PORT);
    outb(RST_CNT_SYS_RST | RST_CNT_RST_CPU | RST_CNT_FULL_RST, RST_CNT_PORT);
    reset_settle();

    printk("Resetting through the keyboard controller\n");
    for ( unsigned int i = 0; i < 100000 &&
          (inb(KBC_STATUS_PORT) & KBC_STATUS_IBF); i++ )
        __asm__ volatile ( "pause" );
    outb(KBC_CMD_PULSE_RESET, KBC_STATUS_PORT);
    reset_settle();
    printk("Reset: the machine is still running\n");
}
