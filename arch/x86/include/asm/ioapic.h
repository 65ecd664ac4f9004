/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The I/O APICs (arch/x86/ioapic.c), the hypervisor's and never dom0's:
 * every input masked at start, then only the lines the hypervisor uses
 * routed to the boot CPU.
 */
#ifndef ASM_IOAPIC_H
#define ASM_IOAPIC_H

#include <xen/acpi_madt.h>
#include <xen/types.h>

/* Maps the I/O APICs the MADT lists and masks all their inputs. */
void ioapic_init(const struct acpi_madt_info *m);

/*
 * Routes GSI gsi to vector on the boot CPU (fixed delivery, physical
 * destination) and unmasks it. False when no I/O APIC has that input;
 * *addr is then 0, else the registers' physical address.
 */
bool ioapic_route(uint32_t gsi, uint8_t vector, bool active_low, bool level,
                  uint32_t *addr);

#endif /* ASM_IOAPIC_H */
