/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MADT's processors, I/O APICs and ISA overrides
 * (include/xen/acpi_madt.h). Fields are assembled byte by byte: tables lie
 * at any alignment.
 */
#include <xen/acpi_madt.h>

#define MADT_FIXED_BYTES    44      /* header, LAPIC address, flags */
#define MADT_LAPIC          0
#define MADT_IOAPIC         1
#define MADT_OVERRIDE       2
#define MADT_LAPIC_OVERRIDE 5
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
    case MADT_LAPIC:            return 8;
    case MADT_IOAPIC:           return 12;
    case MADT_OVERRIDE:         return 10;
    case MADT_LAPIC_OVERRIDE:   return 12;
    case MADT_X2APIC:           return 16;
    }
    return 0;
}

static void add_cpu(struct acpi_madt_info *out, uint32_t apic_id,
                    uint32_t uid, uint32_t flags)
{
    if ( out->nr_cpus < ACPI_MADT_MAX_CPUS )
        out->cpu[out->nr_cpus++] = (struct acpi_madt_cpu){
            .apic_id = apic_id, .uid = uid, .enabled = flags & 1 };
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
            out->ioapic[out->nr_ioapics++] = (struct acpi_madt_ioapic){
                .id = e[2], .addr = rd32(e, 4), .gsi_base = rd32(e, 8) };
        break;
    case MADT_OVERRIDE:
        /* Bus 0 is ISA, the only bus the spec defines. */
        if ( e[2] == 0 && out->nr_overrides < ACPI_MADT_MAX_OVERRIDES )
            out->iso[out->nr_overrides++] = (struct acpi_madt_override){
                .irq = e[3], .gsi = rd32(e, 4),
                .flags = (uint16_t)rd16(e, 8) };
        break;
    case MADT_LAPIC_OVERRIDE:
        out->lapic_addr = rd32(e, 4) | (uint64_t)rd32(e, 8) << 32;
        break;
    }
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
    if ( b[0] != 'A' || b[1] != 'P' || b[2] != 'I' || b[3] != 'C' )
        return ACPI_ERR_SIGNATURE;
    out->lapic_addr = rd32(b, 36);
    out->pcat_compat = rd32(b, 40) & 1;
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
