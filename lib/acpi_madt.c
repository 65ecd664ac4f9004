/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MADT's processor, I/O APIC and override entries (ACPI spec 5.2.12),
 * read byte by byte from a table the caller checked and mapped.
 */
#include <xen/acpi_madt.h>

#define MADT_HDR_BYTES      44      /* SDT header, local APIC address, flags */
#define MADT_LAPIC          0
#define MADT_IOAPIC         1
#define MADT_ISO            2
#define MADT_X2APIC         9

static uint32_t rd16(const uint8_t *b, size_t off)
{
    return b[off] | (uint32_t)b[off + 1] << 8;
}

static uint32_t rd32(const uint8_t *b, size_t off)
{
    return rd16(b, off) | rd16(b, off + 2) << 16;
}

/* The bytes an entry of type needs; 0 for types not read. */
static size_t entry_min(uint8_t type)
{
    switch ( type )
    {
    case MADT_LAPIC:    return 8;
    case MADT_IOAPIC:   return 12;
    case MADT_ISO:      return 10;
    case MADT_X2APIC:   return 16;
    }
    return 0;
}

static void add_cpu(struct acpi_madt_info *out, uint32_t apic_id,
                    uint32_t uid, uint32_t flags)
{
    if ( out->nr_cpus < ACPI_MADT_MAX_CPUS )
        out->cpu[out->nr_cpus] = (struct acpi_madt_cpu){
            .apic_id = apic_id, .uid = uid, .enabled = flags & 1 };
    out->nr_cpus++;
}

static void add_entry(struct acpi_madt_info *out, const uint8_t *e)
{
    switch ( e[0] )
    {
    case MADT_LAPIC:
        add_cpu(out, e[3], e[2], rd32(e, 4));
        break;
    case MADT_X2APIC:
        add_cpu(out, rd32(e, 4), rd32(e, 12), rd32(e, 8));
        break;
    case MADT_IOAPIC:
        if ( out->nr_ioapics < ACPI_MADT_MAX_IOAPICS )
            out->ioapic[out->nr_ioapics] = (struct acpi_madt_ioapic){
                .id = e[2], .addr = rd32(e, 4), .gsi_base = rd32(e, 8) };
        out->nr_ioapics++;
        break;
    case MADT_ISO:
        if ( out->nr_isos < ACPI_MADT_MAX_ISOS )
            out->iso[out->nr_isos] = (struct acpi_madt_iso){
                .bus_irq = e[3], .gsi = rd32(e, 4),
                .flags = (uint16_t)rd16(e, 8) };
        out->nr_isos++;
        break;
    }
}

/* See xen/acpi_madt.h. */
enum acpi_status acpi_madt_parse(const void *madt, size_t len,
                                 struct acpi_madt_info *out)
{
    const uint8_t *b = madt;
    size_t off = MADT_HDR_BYTES;

    *out = (struct acpi_madt_info){ 0 };
    if ( len < MADT_HDR_BYTES )
        return ACPI_ERR_SHORT;
    if ( b[0] != 'A' || b[1] != 'P' || b[2] != 'I' || b[3] != 'C' )
        return ACPI_ERR_SIGNATURE;
    out->lapic_addr = rd32(b, 36);
    while ( off < len )
    {
        size_t elen;

        if ( len - off < 2 )
            return ACPI_ERR_LENGTH;
        elen = b[off + 1];
        if ( elen < 2 || elen > len - off || elen < entry_min(b[off]) )
            return ACPI_ERR_LENGTH;
        add_entry(out, b + off);
        off += elen;
    }
    return ACPI_OK;
}
