/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's interrupt controllers (arch/x86/apic.c): the legacy
 * 8259 PICs, remapped out of the exception vectors and masked for good;
 * the boot CPU's local APIC (x2APIC when the CPU has it, else xAPIC
 * registers mapped uncached) with its timer as the hypervisor's one-shot
 * timer (TSC-deadline mode when offered, else one-shot mode calibrated
 * against the TSC). Vectors are the hypervisor's; dom0 never sees them.
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <xen/types.h>

#define APIC_VEC_PIC_BASE   0x20    /* 8259 lines 0-15, only if spurious */
#define APIC_VEC_PIC_END    0x2f
#define APIC_VEC_SERIAL     0x40    /* the console UART's receive line */
#define APIC_VEC_TIMER      0xf0
#define APIC_VEC_ERROR      0xfe
#define APIC_VEC_SPURIOUS   0xff    /* low nibble all ones, as old CPUs want */

/*
 * Masks the PICs, enables the local APIC and sets up its timer (masked
 * LINT0, LINT1 left to the firmware's NMI setting). Needs the TSC's
 * frequency (arch_tsc_khz). Prints one line saying what it found.
 */
void apic_init(void);

/* True once apic_init() left a usable timer. */
bool apic_timer_ok(void);

/* Ends the interrupt being handled (not for the spurious vector). */
void apic_eoi(void);

/*
 * Programs the one-shot timer to fire at TSC value tsc_deadline (at once
 * when it is already past); 0 stops it. A deadline beyond what one-shot
 * mode can count fires early: the handler must look at the time.
 */
void apic_timer_arm(uint64_t tsc_deadline);

/* The boot CPU's APIC ID, for I/O APIC destinations. */
uint32_t apic_id(void);

/* The error interrupt: reads and clears the error status; returns it. */
uint32_t apic_error_ack(void);

/* Sends the 8259 an end of interrupt for line irq (0-15) if it is in
 * service, and masks everything again; for the PIC vectors. */
void apic_pic_spurious(unsigned int irq);

#endif /* ASM_APIC_H */
