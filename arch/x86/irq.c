/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupts (vectors 32-255): the local APIC timer, the console UART's
 * receive line, and what should never come (spurious 8259 lines, APIC
 * errors, stray vectors), each counted and reported once. Interrupts
 * arrive while dom0 runs (then the way back to dom0 delivers whatever
 * they raised, arch/x86/entry.S) or in the `sti; hlt` of a blocked dom0.
 */
#include <xen/acpi_madt.h>
#include <xen/console.h>
#include <xen/evtchn.h>
#include <xen/pirq.h>
#include <xen/serial.h>
#include <asm/acpi.h>
#include <asm/apic.h>
#include <asm/ioapic.h>
#include <asm/irq.h>
#include <asm/pv.h>
#include <asm/regs.h>

static uint64_t irq_count[256];

/* The ISA line of a UART at a standard PC address; 0 when unknown. */
static unsigned int uart_isa_irq(uint16_t base)
{
    switch ( base )
    {
    case 0x3f8: case 0x3e8: return 4;
    case 0x2f8: case 0x2e8: return 3;
    }
    return 0;
}

/* See asm/irq.h. */
void arch_irq_init(const struct boot_info *bi)
{
    struct acpi_madt_info m;
    const void *t;
    uint32_t len = 0, gsi, addr;
    bool madt, low, level;
    int port = ns16550_console_port();
    unsigned int irq;

    apic_init();
    t = arch_acpi_table(bi, "APIC", &len);
    madt = t && acpi_madt_parse(t, len, &m) == ACPI_OK;
    if ( madt )
        ioapic_init(&m);
    if ( port < 0 )
        return;                         /* no serial console: no input */
    irq = ns16550_irq(port) < 0 ? uart_isa_irq(ns16550_io_base(port))
                                : (unsigned int)ns16550_irq(port);
    if ( madt && irq )
    {
        acpi_madt_isa_irq(&m, irq, &gsi, &low, &level);
        if ( ioapic_route(gsi, APIC_VEC_SERIAL, low, level, &addr) )
        {
            /* As Xen's: dom0 finds the pin set up and cannot bind it. */
            pirq_reserve_gsi(arch_dom0_pirqs(), gsi, level, low);
            ns16550_rx_irq(port, true);
            printk(XENLOG_INFO "Console input: com%d (%#x) IRQ %u, GSI %u "
                   "through the I/O APIC at %#x, vector %#x\n", port + 1,
                   ns16550_io_base(port), irq, gsi, addr, APIC_VEC_SERIAL);
            console_rx_start(port);
            return;
        }
    }
    pv_timer_console_poll();
    printk(XENLOG_INFO "Console input: com%d (%#x) polled every 20 ms (%s)\n",
           port + 1, ns16550_io_base(port),
           !ns16550_irq(port) ? "IRQ 0 asks for polling" :
           !irq ? "no known ISA line" : !madt ? "no MADT" :
           "no I/O APIC input for its line");
    console_rx_start(port);
}

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
