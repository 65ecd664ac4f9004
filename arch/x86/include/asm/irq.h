/* SPDX-License-Identifier: GPL-2.0-only */
/* Interrupt bookkeeping (arch/x86/irq.c). */
#ifndef ASM_IRQ_H
#define ASM_IRQ_H

#include <xen/types.h>

/* How many interrupts arrived on vector since boot. */
uint64_t irq_nr_taken(unsigned int vector);

#endif /* ASM_IRQ_H */
