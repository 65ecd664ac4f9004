/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Serial console input, as Xen routes it: what arrives on the console's
 * UART goes to dom0 (a ring CONSOLEIO_read empties; VIRQ_CONSOLE raised
 * for every byte, as Xen does, so the reader cannot get stuck) or, after
 * Ctrl-A typed three times, to the hypervisor's key handlers
 * (common/keyhandler.c); three more switch back. The routing is the pure
 * lib/conrx.c; the arch side calls console_rx_interrupt() from the UART's
 * interrupt (or a timer, when the line cannot be routed).
 */
#include <xen/conrx.h>
#include <xen/console.h>
#include <xen/evtchn.h>
#include <xen/keyhandler.h>
#include <xen/serial.h>

/* Bytes taken per interrupt: a FIFO's worth many times over. */
#define CONSOLE_RX_BURST    256

static struct conrx rx;
static int rx_port = -1;

static void print_direction(void)
{
    printk("*** Serial input to %s (type 'CTRL-%c' three times to switch "
           "input)\n", rx.to_hypervisor ? "Xen" : "DOM0",
           'a' + CONRX_SWITCH_CHAR - 1);
}

/* See xen/console.h. */
void console_rx_start(int port)
{
    if ( port < 0 )
        return;
    conrx_init(&rx, true);
    rx_port = port;
    print_direction();
}

/* See xen/console.h. */
void console_rx_interrupt(void)
{
    struct conrx_result r;
    bool notify = false;
    char c;

    if ( rx_port < 0 )
        return;
    for ( unsigned int n = 0; n < CONSOLE_RX_BURST &&
          ns16550_getc(rx_port, &c); n++ )
    {
        conrx_feed(&rx, c, &r);
        if ( r.switched )
            print_direction();
        notify |= r.queued || r.dropped;
        for ( unsigned int k = 0; k < r.nr_keys; k++ )
            keyhandler_press(r.keys[k]);
    }
    if ( notify )
        evtchn_send_virq(arch_dom0_evtchn(), VIRQ_CONSOLE);
}

/* See xen/console.h. */
size_t console_rx_peek(char *buf, size_t max)
{
    return conrx_peek(&rx, buf, max);
}

/* See xen/console.h. */
void console_rx_consume(size_t n)
{
    conrx_consume(&rx, n);
}
