/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * 16550 UART console on I/O ports. Register layout: PC16550D data sheet
 * (RBR/THR 0, IER 1, FCR 2, LCR 3, MCR 4, LSR 5; divisor latch at 0/1 with
 * LCR.DLAB set). Output is polled; input is read on the receive interrupt
 * (IER bit 0, gated onto the ISA line by MCR.OUT2 on PC boards) or polled.
 */
#include <xen/console.h>
#include <xen/serial.h>
#include <xen/string.h>
#include <asm/io.h>

#define UART_THR    0
#define UART_RBR    0
#define UART_DLL    0
#define UART_IER    1
#define UART_DLM    1
#define UART_FCR    2
#define UART_LCR    3
#define UART_MCR    4
#define UART_LSR    5
#define LCR_DLAB    0x80
#define LSR_DR      0x01
#define LSR_THRE    0x20
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS 0x03
#define MCR_OUT2    0x08
#define IER_RDA     0x01

/* Give up waiting on a transmitter that never drains (no UART there). */
#define THRE_SPINS  100000

static uint16_t port_base[NS16550_NR_PORTS];
static bool port_active[NS16550_NR_PORTS];
static int port_irq[NS16550_NR_PORTS];

static void uart_putc(uint16_t base, char c)
{
    unsigned int i;

    for ( i = 0; i < THRE_SPINS && !(inb(base + UART_LSR) & LSR_THRE); i++ )
        __asm__ volatile ( "pause" );
    outb((uint8_t)c, base + UART_THR);
}

static void com1_putc(char c)
{
    uart_putc(port_base[0], c);
}

static void com2_putc(char c)
{
    uart_putc(port_base[1], c);
}

static struct console_sink sinks[NS16550_NR_PORTS] = {
    { .name = "com1", .putc = com1_putc },
    { .name = "com2", .putc = com2_putc },
};

void ns16550_setup(unsigned int index, const struct ns16550_config *cfg)
{
    uint16_t base = cfg->io_base;
    uint8_t lcr = (cfg->data_bits - 5) | ((cfg->stop_bits - 1) << 2);

    switch ( cfg->parity )
    {
    case 'o': lcr |= 0x08; break;
    case 'e': lcr |= 0x18; break;
    case 'm': lcr |= 0x28; break;
    case 's': lcr |= 0x38; break;
    }
    port_base[index] = base;
    port_irq[index] = cfg->irq;
    outb(0, base + UART_IER);              /* polled: no interrupts */
    if ( cfg->baud )
    {
        /* ns16550_opt_parse() checked it: 1..65535. */
        outb(LCR_DLAB, base + UART_LCR);
        outb(cfg->divisor & 0xff, base + UART_DLL);
        outb(cfg->divisor >> 8, base + UART_DLM);
    }
    outb(lcr, base + UART_LCR);
    outb(FCR_ENABLE_CLEAR, base + UART_FCR);
    outb(MCR_DTR_RTS, base + UART_MCR);
    console_register(&sinks[index]);
    port_active[index] = true;
}

/* See xen/serial.h. */
int ns16550_console_port(void)
{
    for ( unsigned int i = 0; i < NS16550_NR_PORTS; i++ )
        if ( port_active[i] )
            return i;
    return -1;
}

/* See xen/serial.h. */
uint16_t ns16550_io_base(unsigned int index)
{
    return index < NS16550_NR_PORTS ? port_base[index] : 0;
}

/* See xen/serial.h. */
int ns16550_irq(unsigned int index)
{
    return index < NS16550_NR_PORTS ? port_irq[index] : -1;
}

/* See xen/serial.h. */
bool ns16550_getc(unsigned int index, char *c)
{
    uint16_t base = port_base[index];

    if ( !(inb(base + UART_LSR) & LSR_DR) )
        return false;
    *c = (char)inb(base + UART_RBR);
    return true;
}

/* See xen/serial.h. */
void ns16550_rx_irq(unsigned int index, bool on)
{
    uint16_t base = port_base[index];

    outb(on ? IER_RDA : 0, base + UART_IER);
    outb(MCR_DTR_RTS | (on ? MCR_OUT2 : 0), base + UART_MCR);
}

/* Whether port is one of the registers of a UART this console drives. */
bool ns16550_owns_port(uint16_t port)
{
    for ( unsigned int i = 0; i < NS16550_NR_PORTS; i++ )
        if ( port_base[i] && port >= port_base[i] && port < port_base[i] + 8 )
            return true;
    return false;
}

void ns16550_unregister(unsigned int index)
{
    console_unregister(&sinks[index]);
    port_active[index] = false;
}
