/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The C library subset the hypervisor needs. GCC may also emit calls to
 * memcpy, memmove, memset and memcmp on its own, so they must exist.
 */
#include <xen/string.h>

/*
 * Eight bytes a step for all but the edges: bytes up to an 8-byte aligned
 * destination, words (the source may stay unaligned, which x86 allows),
 * then the tail. Under QEMU's TCG each step of a rep string instruction
 * costs about the same whatever its width, so this is about eight times
 * fewer steps than a byte-wise copy. Short copies go byte-wise.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
    void *ret = dst;

    if ( n >= 16 )
    {
        size_t head = -(uintptr_t)dst & 7, words;

        __asm__ volatile ( "rep movsb"
                           : "+D" (dst), "+S" (src), "+c" (head)
                           :: "memory" );
        n -= -(uintptr_t)ret & 7;
        words = n / 8;
        n &= 7;
        __asm__ volatile ( "rep movsq"
                           : "+D" (dst), "+S" (src), "+c" (words)
                           :: "memory" );
    }
    __asm__ volatile ( "rep movsb"
                       : "+D" (dst), "+S" (src), "+c" (n) :: "memory" );
    return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( d <= s || d >= s + n )
        return memcpy(dst, src, n);
    while ( n-- )
        d[n] = s[n];
    return dst;
}

/*
 * Eight bytes a step where the block allows: under QEMU's TCG each step of
 * a rep string instruction costs about the same whatever its width, and
 * scrubbing dom0's memory is the longest thing the boot does.
 */
void *memset(void *dst, int c, size_t n)
{
    void *ret = dst;
    size_t words = n / 8;

    if ( words && !((uintptr_t)dst & 7) )
    {
        uint64_t v = 0x0101010101010101ULL * (uint8_t)c;

        __asm__ volatile ( "rep stosq"
                           : "+D" (dst), "+c" (words) : "a" (v) : "memory" );
        n &= 7;
    }
    __asm__ volatile ( "rep stosb"
                       : "+D" (dst), "+c" (n) : "a" (c) : "memory" );
    return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x - *y;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while ( s[n] )
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while ( *a && *a == *b )
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
        if ( *a != *b || !*a )
            return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

char *strchr(const char *s, int c)
{
    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            return (char *)s;
        if ( !*s )
            return NULL;
    }
}
