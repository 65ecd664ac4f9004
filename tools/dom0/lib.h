/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few C library functions the dom0 kernel needs (tools/dom0/lib.c).
 * memcpy, memset and memcmp carry their standard names because the
 * compiler emits calls to them on its own.
 */
#ifndef DOM0_LIB_H
#define DOM0_LIB_H

#include <xen/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* Length of the NUL-terminated string s. */
size_t lib_strlen(const char *s);

/* True when the n bytes at a equal the NUL-terminated word w exactly. */
bool lib_word_is(const char *a, size_t n, const char *w);

#endif /* DOM0_LIB_H */
