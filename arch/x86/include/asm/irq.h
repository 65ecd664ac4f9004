/* SPDX-License-Identifier: GPL-2.0-only */
/* Interrupt bookkeeping (arch/x86/irq.c). */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <xen/types.h>

#include <xen/bootinfo.h>

/* How many interrupts arrived on vector since boot. */
uint64_t irq_nr_taken(unsigned int vector);

/*
 * Before dom0 runs: the local APIC and its timer (apic_init), the I/O
 * APICs of the MADT with every input masked, then the console UART's
 * receive line routed to APIC_VEC_SERIAL (or, when its line cannot be
 * routed, polled from the timer) and serial input started for dom0.
 * Prints one line on how input arrives.
 */
void arch_irq_init(const struct boot_info *bi);

#endif /* ASM_IRQ_H */
