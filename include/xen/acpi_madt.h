/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MADT (ACPI spec 5.2.12), pure (lib/acpi_madt.c): the processors'
 * APIC IDs and ACPI processor UIDs, the I/O APICs and the interrupt
 * source overrides, as dom0's platform and physdev calls need them
 * (XENPF_get_cpuinfo, PHYSDEVOP_apic_read, GSI numbers).
 */
#ifndef XEN_ACPI_MADT_H
#define XEN_ACPI_MADT_H

#include <xen/acpi.h>

#define ACPI_MADT_MAX_CPUS      64
#define ACPI_MADT_MAX_IOAPICS   8
#define ACPI_MADT_MAX_ISOS      16

struct acpi_madt_cpu {
    uint32_t apic_id;           /* local APIC or x2APIC ID */
    uint32_t uid;               /* ACPI processor UID */
    bool enabled;               /* flags bit 0 */
};

struct acpi_madt_ioapic {
    uint8_t id;
    uint32_t addr;              /* MMIO base */
    uint32_t gsi_base;
};

struct acpi_madt_iso {
    uint8_t bus_irq;            /* ISA IRQ */
    uint32_t gsi;
    uint16_t flags;             /* MPS INTI flags: polarity, trigger */
};

/*
 * What acpi_madt_parse() found. The counts are those present in the
 * table; at most the MAX of each is stored.
 */
struct acpi_madt_info {
    uint32_t lapic_addr;
    unsigned int nr_cpus, nr_ioapics, nr_isos;
    struct acpi_madt_cpu cpu[ACPI_MADT_MAX_CPUS];
    struct acpi_madt_ioapic ioapic[ACPI_MADT_MAX_IOAPICS];
    struct acpi_madt_iso iso[ACPI_MADT_MAX_ISOS];
};

/*
 * Parses a checked MADT ("APIC") of len bytes: local APIC (type 0) and
 * x2APIC (type 9) entries, I/O APICs (1) and overrides (2); other types
 * are stepped over. An entry whose length is shorter than its type needs,
 * or that runs past the table, ends the table with ACPI_ERR_LENGTH (what
 * was read before stays in *out).
 */
enum acpi_status acpi_madt_parse(const void *madt, size_t len,
                                 struct acpi_madt_info *out);

#endif
