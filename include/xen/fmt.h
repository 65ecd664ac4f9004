/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printf-style formatting into a caller's buffer (lib/fmt.c). Pure: no
 * output, no globals. Supported conversions: %d %i %u %x %X %o %c %s %p %%
 * with the flags '-', '0', ' ', '+', '#', a field width and a precision
 * (both may be '*'), and the length modifiers hh h l ll z t j.
 * %p prints 0x followed by 16 hex digits.
 */
#ifndef XEN_FMT_H
#define XEN_FMT_H

#include <xen/types.h>

/*
 * Formats into buf (size bytes, always NUL-terminated when size > 0).
 * Returns the length the full output would have had, like C99 vsnprintf.
 */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif /* XEN_FMT_H */
