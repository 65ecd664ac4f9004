/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Dom0's console output (tools/dom0/console.c): each call prints whole
 * lines through console_io; the hypervisor adds its "(d0) " prefix.
 */
#ifndef DOM0_CONSOLE_H
#define DOM0_CONSOLE_H

#include <xen/types.h>

/* Longest line printed; longer output is cut. */
#define CONSOLE_LINE_MAX    512

/* Formats (lib/fmt.c conventions) and prints one line plus newline. */
void console_line(const char *fmt, ...) __printf(1, 2);

/* Prints the NUL-terminated string s as it is (no newline added). */
void console_puts(const char *s);

#endif /* DOM0_CONSOLE_H */
