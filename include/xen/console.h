/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor console (common/console.c): printk to every enabled sink
 * (serial, VGA text), with Xen's "(XEN) " line prefix.
 */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/loglvl.h>
#include <xen/types.h>

struct console_sink {
    const char *name;
    void (*putc)(char c);
    struct console_sink *next;
};

/* Starts COM1 at 115200 8n1 so that the earliest errors are seen. */
void console_init_early(void);

/*
 * Applies the console options of a Xen command line (console=, com1=,
 * com2=, loglvl=, guest_loglvl=) and reports options it could not use.
 */
void console_init(const char *cmdline);

/*
 * Applies only loglvl= and guest_loglvl= of cmdline, silently (a refused
 * value keeps the default; console_init() reports it later). The EFI
 * paths call this as soon as the command line is known, so that lines
 * before ExitBootServices, slow on the firmware's console, obey it too.
 */
void console_loglvl_init(const char *cmdline);

/*
 * True when a message of level (LOGLVL_ERR..LOGLVL_DEBUG, xen/loglvl.h)
 * is printed: lets a caller skip the work behind a dump nobody sees.
 */
bool console_prints(int level);

void console_register(struct console_sink *sink);
void console_unregister(struct console_sink *sink);

/*
 * Adds VGA text output if console= asked for it. Only BIOS machines promise
 * the legacy text buffer, so the entry path decides whether to call this.
 */
void console_enable_vga(void);

/*
 * Prints fmt on every console if its level passes loglvl=: a leading
 * XENLOG_ERR/WARNING/INFO/DEBUG ("<0>".."<3>", not printed) sets it;
 * otherwise text starting "ERR:" or "PANIC:" is an error, "WARNING:" a
 * warning, and anything else the default level (warning), which a
 * default boot prints.
 */
void printk(const char *fmt, ...) __printf(1, 2);

/*
 * Prints one line a guest wrote, after prefix ("(d0) ") instead of
 * "(XEN) ": len bytes of s, then a newline. Bytes that are not printable
 * ASCII are shown as '?', so a guest cannot fake a hypervisor line. The
 * line has level warning under guest_loglvl= (printed by default).
 */
void console_guest_line(const char *prefix, const char *s, size_t len);

/*
 * The same for part of a line (eol false): the text goes out at once
 * (dom0's shell prompt and the echo of what is typed), the prefix only
 * at the start of the line; a hypervisor line in between ends it first.
 */
void console_guest_text(const char *prefix, const char *s, size_t len,
                        bool eol);

/*
 * Prints what dom0 wrote through console_io since its last newline, as
 * one line (before the hypervisor speaks for it, e.g. at its shutdown).
 */
void console_guest_flush(void);
void vprintk(const char *fmt, va_list ap);

/* Prints "ERR: <message>" on every console and halts. */
void __noreturn boot_fail(const char *fmt, ...) __printf(1, 2);

/* Prints "PANIC: <message>" and halts. */
void __noreturn panic(const char *fmt, ...) __printf(1, 2);

/*
 * Serial console input (common/console_rx.c). console_rx_start() makes
 * port index (0: com1; -1: none) the input, routed to dom0, and prints
 * Xen's "*** Serial input to DOM0" line. console_rx_interrupt() is the
 * UART's receive interrupt (or a poll of it): it reads every byte waiting
 * and routes it. console_rx_peek() and console_rx_consume() are
 * CONSOLEIO_read's view of dom0's input.
 */
void console_rx_start(int port);
void console_rx_interrupt(void);
size_t console_rx_peek(char *buf, size_t max);
void console_rx_consume(size_t n);

/* Stops this CPU for good (arch/x86). */
void __noreturn arch_halt(void);

#endif /* XEN_CONSOLE_H */
