/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0-console-echo: the serial console's input as dom0 gets it. Binds
 * VIRQ_CONSOLE, waits on its port with SCHEDOP_poll (events stay masked),
 * reads with CONSOLEIO_read and prints every line it got, as text and as
 * hex ("console-echo: line 'hello' (68 65 6c 6c 6f)"), until the line
 * "quit" or ECHO_IDLE_S seconds without input.
 */
#include <public/event_channel.h>
#include <public/sched.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "lib.h"
#include "shinfo.h"

#define ECHO_IDLE_S     120ULL
#define ECHO_LINE_MAX   64

static char line[ECHO_LINE_MAX];
static unsigned int line_len;

/* Prints the line so far; true when it was "quit". */
static bool end_line(void)
{
    char hex[ECHO_LINE_MAX * 3 + 1], text[ECHO_LINE_MAX + 1];
    unsigned int i;

    for ( i = 0; i < line_len; i++ )
    {
        static const char digits[] = "0123456789abcdef";
        uint8_t c = line[i];

        hex[3 * i] = digits[c >> 4];
        hex[3 * i + 1] = digits[c & 15];
        hex[3 * i + 2] = i + 1 < line_len ? ' ' : '\0';
        text[i] = c >= 0x20 && c < 0x7f ? c : '.';
    }
    hex[line_len ? 3 * line_len - 1 : 0] = '\0';
    text[line_len] = '\0';
    console_line("console-echo: line '%s' (%s)", text, hex);
    line_len = 0;
    return i == 4 && !memcmp(line, "quit", 4);
}

void console_echo_run(const struct start_info *si_info)
{
    struct evtchn_bind_virq bv = { VIRQ_CONSOLE, 0, 0 };
    volatile struct shared_info *si = shinfo_map(si_info,
                                                 "dom0-console-echo");
    struct sched_poll poll;
    uint32_t port;
    char buf[32];
    long rc, n;
    bool quit = false;

    if ( !si )
        return;
    rc = hypercall_raw(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_virq,
                       (unsigned long)&bv, 0, 0, 0);
    if ( rc )
    {
        console_line("console-echo: bind_virq VIRQ_CONSOLE: rc=%ld", rc);
        shinfo_unmap();
        return;
    }
    port = bv.port;
    set_xen_guest_handle(poll.ports, &port);
    poll.nr_ports = 1;
    console_line("console-echo: ready, VIRQ_CONSOLE on port %u", port);
    while ( !quit )
    {
        poll.timeout = shinfo_system_ns() + ECHO_IDLE_S * 1000000000ULL;
        rc = hypercall_raw(__HYPERVISOR_sched_op, SCHEDOP_poll,
                           (unsigned long)&poll, 0, 0, 0);
        if ( rc || !(si->evtchn_pending[port / 64] >> (port % 64) & 1) )
        {
            console_line("console-echo: no input for %llu s (rc=%ld)",
                         ECHO_IDLE_S, rc);
            break;
        }
        __atomic_and_fetch(&si->evtchn_pending[port / 64],
                           ~(1UL << (port % 64)), __ATOMIC_SEQ_CST);
        while ( !quit && (n = hypercall_raw(__HYPERVISOR_console_io,
                                            CONSOLEIO_read, sizeof(buf),
                                            (unsigned long)buf, 0, 0)) > 0 )
            for ( long i = 0; i < n && !quit; i++ )
            {
                if ( buf[i] == '\r' || buf[i] == '\n' )
                    quit = end_line();
                else if ( line_len < ECHO_LINE_MAX )
                    line[line_len++] = buf[i];
            }
        if ( n < 0 )
        {
            console_line("console-echo: CONSOLEIO_read: rc=%ld", n);
            break;
        }
    }
    rc = hypercall_raw(__HYPERVISOR_event_channel_op, EVTCHNOP_close,
                       (unsigned long)&port, 0, 0, 0);
    console_line("console-echo: done (close rc=%ld)", rc);
    shinfo_unmap();
}
