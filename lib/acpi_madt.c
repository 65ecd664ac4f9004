/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MADT's I/O APICs and ISA overrides (include/xen/acpi_madt.h).
 * Fields are assembled byte by byte: tables lie at any alignment.
 */
#include <xen/acpi_madt.h>

#define MADT_FIXED_BYTES    44      /* header, LAPIC address, flags */
#define MADT_IOAPIC         1
#define MADT_OVERRIDE       2
#define MADT_LAPIC_OVERRIDE 5

static uint32_t rd16(const uint8_t *b, size_t off)
{
    return b[off] | (uint32_t)b[off + 1] << 8;
}

static uint32_t rd32(const uint8_t *b, size_t off)
{
    return rd16(b, off) | rd16(b, off + 2) << 16;
}

/* See xen/acpi_madt.h. */
enum acpi_status acpi_madt_parse(const void *madt, size_t len,
                                 struct acpi_madt_info *out)
{
    const uint8_t *b = madt;
    size_t off = MADT_FIXED_BYTES;

    *out = (struct acpi_madt_info){ 0 };
    if ( len < MADT_FIXED_BYTES )
        return ACPI_ERR_SHORT;
    out->lapic_addr = rd32(b, 36);
    out->pcat_compat = rd32(b, 40) & 1;
    while ( off < len )
    {
        uint8_t type, elen;

        if ( len - off < 2 )
            return ACPI_ERR_LENGTH;
        type = b[off];
        elen = b[off + 1];
        if ( elen < 2 || elen > len - off )
            return ACPI_ERR_LENGTH;
        if ( type == MADT_IOAPIC )
        {
            if ( elen < 12 )
                return ACPI_ERR_LENGTH;
            if ( out->nr_ioapics < ACPI_MADT_MAX_IOAPICS )
                out->ioapic[out->nr_ioapics++] = (struct acpi_madt_ioapic){
                    b[off + 2], rd32(b, off + 4), rd32(b, off + 8) };
        }
        else if ( type == MADT_OVERRIDE )
        {
            if ( elen < 10 )
                return ACPI_ERR_LENGTH;
            /* Bus 0 is ISA, the only bus the spec defines. */
            if ( b[off + 2] == 0 &&
                 out->nr_overrides < ACPI_MADT_MAX_OVERRIDES )
                out->iso[out->nr_overrides++] = (struct acpi_madt_override){
                    b[off + 3], rd32(b, off + 4), rd16(b, off + 8) };
        }
        else if ( type == MADT_LAPIC_OVERRIDE )
        {
            if ( elen < 12 )
                return ACPI_ERR_LENGTH;
            out->lapic_addr = rd32(b, off + 4) |
                              (uint64_t)rd32(b, off + 8) << 32;
        }
        off += elen;
    }
    return ACPI_OK;
}

/* See xen/acpi_madt.h. */
void acpi_madt_isa_irq(const struct acpi_madt_info *m, unsigned int irq,
                       uint32_t *gsi, bool *active_low, bool *level)
{
    *gsi = irq;
    *active_low = false;
    *level = false;
    for ( unsigned int i = 0; i < m->nr_overrides; i++ )
    {
        const struct acpi_madt_override *o = &m->iso[i];

        if ( o->irq != irq )
            continue;
        *gsi = o->gsi;
        /* "Conforms to the bus" (0) is ISA's: high, edge. */
        *active_low = (o->flags & ACPI_MADT_POLARITY_MASK) ==
                      ACPI_MADT_POLARITY_LOW;
        *level = (o->flags & ACPI_MADT_TRIGGER_MASK) ==
                 ACPI_MADT_TRIGGER_LEVEL;
        return;
    }
}
