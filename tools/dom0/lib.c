/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Byte-at-a-time library routines (tools/dom0/lib.h); the kernel copies
 * little, so simplicity wins over speed.
 */
#include "lib.h"

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while ( n-- )
        *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    while ( n-- )
        *d++ = c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x < *y ? -1 : 1;
    return 0;
}

size_t lib_strlen(const char *s)
{
    size_t n = 0;

    while ( s[n] )
        n++;
    return n;
}

bool lib_word_is(const char *a, size_t n, const char *w)
{
    return lib_strlen(w) == n && !memcmp(a, w, n);
}
