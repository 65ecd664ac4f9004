/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ACPI Multiple APIC Description Table (ACPI spec 5.2.12, signature
 * "APIC"), pure (lib/acpi_madt.c): the processors' APIC IDs and ACPI
 * processor UIDs (XENPF_get_cpuinfo for dom0), the I/O APICs and the ISA
 * interrupt source overrides (the hypervisor's interrupt routing, dom0's
 * GSIs). The caller maps and checks the table (acpi_sdt_check).
 */
#ifndef XEN_ACPI_MADT_H
#define XEN_ACPI_MADT_H

#include <xen/acpi.h>
#include <xen/types.h>

#define ACPI_MADT_MAX_CPUS          64
#define ACPI_MADT_MAX_IOAPICS       8
#define ACPI_MADT_MAX_OVERRIDES     16

/* MPS INTI flags of an override (ACPI spec table 5.50). */
#define ACPI_MADT_POLARITY_MASK     0x3
#define ACPI_MADT_POLARITY_LOW      0x3
#define ACPI_MADT_TRIGGER_MASK      0xc
#define ACPI_MADT_TRIGGER_LEVEL     0xc

struct acpi_madt_cpu {
    uint32_t apic_id;       /* local APIC or x2APIC ID */
    uint32_t uid;           /* ACPI processor UID */
    bool enabled;           /* flags bit 0 */
};

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

/*
 * What acpi_madt_parse() found. Each count is what is stored, at most the
 * array's size: entries beyond it are skipped.
 */
struct acpi_madt_info {
    uint64_t lapic_addr;    /* the 64-bit override when the table has one */
    bool pcat_compat;       /* dual 8259s present (flags bit 0) */
    unsigned int nr_cpus, nr_ioapics, nr_overrides;
    struct acpi_madt_cpu cpu[ACPI_MADT_MAX_CPUS];
    struct acpi_madt_ioapic ioapic[ACPI_MADT_MAX_IOAPICS];
    struct acpi_madt_override iso[ACPI_MADT_MAX_OVERRIDES];
};

/*
 * Walks the entries of a MADT of len bytes (its header's length): local
 * APICs (type 0) and x2APICs (9), I/O APICs (1), ISA overrides (2; other
 * buses are skipped), the 64-bit local APIC address (5); other types are
 * stepped over, each entry by its own length field, checked against the
 * end before it is read. ACPI_ERR_SHORT when the fixed part does not fit,
 * ACPI_ERR_SIGNATURE when it is not "APIC", ACPI_ERR_LENGTH for an entry
 * of length below 2, running past the end or shorter than its type needs
 * (what was read before it stays in *out).
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
