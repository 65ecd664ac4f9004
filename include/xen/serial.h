/* SPDX-License-Identifier: GPL-2.0-only */
/* 16550-compatible UARTs on I/O ports (drivers/ns16550.c). */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

#define NS16550_NR_PORTS    2
#define NS16550_CLOCK_HZ    1843200     /* standard PC UART crystal */

struct ns16550_config {
    uint16_t io_base;       /* 0x3f8 for com1, 0x2f8 for com2 */
    uint32_t baud;          /* 0: keep what firmware programmed */
    uint32_t clock_hz;
    uint16_t divisor;       /* clock_hz / (16 * baud), when baud is set */
    uint8_t data_bits;      /* 5..8 */
    char parity;            /* 'n', 'o', 'e', 'm', 's' */
    uint8_t stop_bits;      /* 1 or 2 */
    int16_t irq;            /* -1: the usual ISA line of io_base; 0: poll
                             * (Xen's com1=...,0); else that ISA IRQ */
};

/* Defaults and com<N>= parsing: include/xen/ns16550_opt.h. */

/* Programs port index (0: com1) and registers it as a console sink. */
void ns16550_setup(unsigned int index, const struct ns16550_config *cfg);

/* Removes port index from the console sinks. */
void ns16550_unregister(unsigned int index);

/* The first port (0: com1) the console writes to; -1 when none. */
int ns16550_console_port(void);

/* The I/O base of port index (0 when it was never set up). */
uint16_t ns16550_io_base(unsigned int index);

/* Takes one received byte of port index into *c; false when none waits. */
bool ns16550_getc(unsigned int index, char *c);

/* Port index's irq setting (struct ns16550_config.irq). */
int ns16550_irq(unsigned int index);

/* Turns port index's receive interrupt (and its ISA line) on or off. */
void ns16550_rx_irq(unsigned int index, bool on);

/* Whether port belongs to a UART the hypervisor's console drives. */
bool ns16550_owns_port(uint16_t port);

/* VGA text mode (drivers/vga.c), BIOS machines only. */
void vga_setup(void);

#endif /* XEN_SERIAL_H */
