/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts (vectors 32-255): the local APIC timer, the console UART's
 * receive line, and what should never come (spurious 8259 lines, APIC
 * errors, stray vectors), each counted and reported once. Interrupts
 * arrive while dom0 runs (then the way back to dom0 delivers whatever
 * they raised, arch/x86/entry.S) or in the `sti; hlt` of a blocked dom0.
 */
#include <xen/console.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/pv.h>
#include <asm/regs.h>

static uint64_t irq_count[256];

/* See asm/irq.h. */
uint64_t irq_nr_taken(unsigned int vector)
{
    return vector < 256 ? irq_count[vector] : 0;
}

void do_irq(struct cpu_regs *r)
{
    unsigned int vec = r->vector & 0xff;
    bool first = !irq_count[vec]++;

    switch ( vec )
    {
    case APIC_VEC_TIMER:
        apic_eoi();
        pv_timer_interrupt();
        return;
    case APIC_VEC_SERIAL:
        /* Drain the UART first: its line is edge-triggered. */
        console_rx_interrupt();
        apic_eoi();
        return;
    case APIC_VEC_SPURIOUS:
        return;                         /* no EOI for the spurious vector */
    case APIC_VEC_ERROR:
    {
        uint32_t esr = apic_error_ack();

        apic_eoi();
        if ( first )
            printk("WARNING: local APIC error, status %#x\n", esr);
        return;
    }
    }
    if ( vec >= APIC_VEC_PIC_BASE && vec <= APIC_VEC_PIC_END )
    {
        apic_pic_spurious(vec - APIC_VEC_PIC_BASE);
        if ( first )
            printk("WARNING: 8259 interrupt on line %u while masked\n",
                   vec - APIC_VEC_PIC_BASE);
        return;
    }
    apic_eoi();
    if ( first )
        printk("WARNING: unexpected interrupt vector %#x\n", vec);
}
