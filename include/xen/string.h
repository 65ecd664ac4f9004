/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The C library subset the hypervisor provides (lib/string.c). The
 * prototypes are the standard ones, so host-built tests link the same pure
 * files against the host's C library instead.
 */
#ifndef XEN_STRING_H
#define XEN_STRING_H

#include <xen/types.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);

/*
 * Not standard: memset(dst, 0, n) that writes only the 64-byte lines not
 * zero already (see lib/string.c). dst must be 8-byte aligned.
 */
void *memscrub(void *dst, size_t n);

#endif /* XEN_STRING_H */
