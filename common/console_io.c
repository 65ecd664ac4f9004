/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's side of the console (console_io, hypercall 18): what dom0 writes
 * is printed line by line with the "(d0) " prefix (the part of a line a
 * write ends with, such as a shell prompt, at once), at dom0's log
 * level (guest_loglvl=); what the serial console received for it
 * (common/console_rx.c) is what it reads. Apart from common/console.c, which drives the
 * UART and VGA, so that the hypercall fuzzer builds it on the host.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/string.h>

/* The longest line dom0 may print; longer ones are cut into pieces. */
#define CONSOLE_LINE_MAX    256
/* Bytes one console_io write may pass (Xen preempts instead). */
#define CONSOLE_WRITE_MAX   (64 * 1024)

static char con_line[CONSOLE_LINE_MAX];
static size_t con_len;

static void console_flush_line(void)
{
    console_guest_line("(d0) ", con_line, con_len);
    con_len = 0;
}

/*
 * CONSOLEIO_read: what the serial console's input queued for dom0, up to
 * count bytes; the count, or -EFAULT with the bytes kept for the next
 * read (as Xen). count above INT_MAX is -E2BIG, as a count and an error
 * could not be told apart.
 */
static long console_read(uint64_t count, uint64_t buf)
{
    char chunk[128];
    uint64_t done = 0;

    if ( count > 0x7fffffff )
        return -XEN_E2BIG;
    while ( done < count )
    {
        size_t n = console_rx_peek(chunk, MIN(count - done,
                                              (uint64_t)sizeof(chunk)));

        if ( !n )
            break;
        if ( copy_to_guest(buf + done, chunk, n) )
            return -XEN_EFAULT;
        console_rx_consume(n);
        done += n;
    }
    return (long)done;
}

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf)
{
    char chunk[128];
    uint64_t done = 0;

    if ( cmd == CONSOLEIO_read )
        return console_read(count, buf);
    if ( cmd != CONSOLEIO_write )
        return hypercall_unimplemented(__HYPERVISOR_console_io, cmd);
    if ( count > CONSOLE_WRITE_MAX )
        return -XEN_EINVAL;
    while ( done < count )
    {
        size_t n = MIN(count - done, (uint64_t)sizeof(chunk));

        if ( copy_from_guest(chunk, buf + done, n) )
            return -XEN_EFAULT;
        for ( size_t i = 0; i < n; i++ )
        {
            if ( chunk[i] == '\n' )
            {
                console_flush_line();
                continue;
            }
            if ( chunk[i] == '\r' || chunk[i] == '\0' )
                continue;
            if ( con_len == sizeof(con_line) )
                console_flush_line();
            con_line[con_len++] = chunk[i];
        }
        done += n;
    }
    /* What is left of a line goes out now: a prompt waits for no '\n'. */
    if ( con_len )
    {
        console_guest_text("(d0) ", con_line, con_len, false);
        con_len = 0;
    }
    return 0;
}

/* See xen/console.h. */
void console_guest_flush(void)
{
    if ( con_len )
        console_flush_line();
}
