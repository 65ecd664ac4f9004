/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ACPI Multiple APIC Description Table (ACPI spec 5.2.12, signature
 * "APIC"), read for what the hypervisor's interrupt routing needs: the
 * I/O APICs and the ISA interrupt source overrides (lib/acpi_madt.c).
 * Pure: the caller maps and checks the table (acpi_sdt_check).
 */
#ifndef XEN_ACPI_MADT_H
#define XEN_ACPI_MADT_H

#include <xen/acpi.h>
#include <xen/types.h>

#define ACPI_MADT_MAX_IOAPICS       8
#define ACPI_MADT_MAX_OVERRIDES     16

/* MPS INTI flags of an override (ACPI spec table 5.50). */
#define ACPI_MADT_POLARITY_MASK     0x3
#define ACPI_MADT_POLARITY_LOW      0x3
#define ACPI_MADT_TRIGGER_MASK      0xc
#define ACPI_MADT_TRIGGER_LEVEL     0xc

struct acpi_madt_ioapic {
    uint8_t id;
    uint32_t addr;          /* its registers' physical address */
    uint32_t gsi_base;      /* the GSI of its input 0 */
};

struct acpi_madt_override {
    uint8_t irq;            /* the ISA IRQ (bus 0) */
    uint32_t gsi;
    uint16_t flags;         /* ACPI_MADT_POLARITY_*, ACPI_MADT_TRIGGER_* */
};

struct acpi_madt_info {
    uint64_t lapic_addr;    /* the 64-bit override when the table has one */
    bool pcat_compat;       /* dual 8259s present (flag bit 0) */
    unsigned int nr_ioapics;    /* stored, at most ACPI_MADT_MAX_IOAPICS */
    unsigned int nr_overrides;  /* stored, at most ACPI_MADT_MAX_OVERRIDES */
    struct acpi_madt_ioapic ioapic[ACPI_MADT_MAX_IOAPICS];
    struct acpi_madt_override iso[ACPI_MADT_MAX_OVERRIDES];
};

/*
 * Walks the entries of a checked MADT of len bytes (its header's length),
 * each stepped by its own length field, checked against the end before it
 * is read. Entries beyond the arrays are skipped. ACPI_ERR_SHORT when the
 * fixed part does not fit, ACPI_ERR_LENGTH for an entry of length below 2
 * or running past the end, or shorter than its type needs.
 */
enum acpi_status acpi_madt_parse(const void *madt, size_t len,
                                 struct acpi_madt_info *out);

/*
 * Where ISA IRQ irq arrives: its GSI, and whether it is active low and
 * level triggered (an override says; otherwise GSI = IRQ, edge, high).
 */
void acpi_madt_isa_irq(const struct acpi_madt_info *m, unsigned int irq,
                       uint32_t *gsi, bool *active_low, bool *level);

#endif /* XEN_ACPI_MADT_H */
