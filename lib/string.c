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

/*
 * Reads each 64-byte line and stores zeros only into lines that are not
 * zero already: the result is the same as memset(dst, 0, n), but memory
 * that already holds zeros is never written. Under QEMU, guest RAM the
 * boot never touched is backed by no host page until written, and writing
 * it costs a host page fault per page; reading it does not allocate. On
 * hardware a read of a line costs about what the store's read-for-ownership
 * costs anyway. dst must be 8-byte aligned; an odd tail goes byte-wise.
 */
void *memscrub(void *dst, size_t n)
{
    uint64_t *p = dst;

    for ( ; n >= 64; n -= 64, p += 8 )
    {
        const volatile uint64_t *v = p;

        if ( v[0] | v[1] | v[2] | v[3] | v[4] | v[5] | v[6] | v[7] )
            memset(p, 0, 64);
    }
    memset(p, 0, n);
    return dst;
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
