/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Console output of the dom0 kernel (tools/dom0/console.h).
 */
#include <xen/fmt.h>

#include "console.h"
#include "hypercall.h"
#include "lib.h"

void console_puts(const char *s)
{
    hypercall_console_write(s, lib_strlen(s));
}

void console_line(const char *fmt, ...)
{
    char buf[CONSOLE_LINE_MAX + 1];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(buf, CONSOLE_LINE_MAX, fmt, ap);
    va_end(ap);
    if ( n < 0 )
        n = 0;
    if ( n > CONSOLE_LINE_MAX - 1 )
        n = CONSOLE_LINE_MAX - 1;
    buf[n++] = '\n';
    hypercall_console_write(buf, n);
}
