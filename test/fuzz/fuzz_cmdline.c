/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzer for lib/cmdline.c. The input is a command line. Invariants:
 * iteration ends within size + 1 steps and moves forward; every name and
 * value lies inside the input before its first NUL, after the previous
 * word's pieces, without blanks (unless quoted) or NULs; a word's name
 * matches itself; cmdline_bool and cmdline_uint keep their contracts and
 * cmdline_uint agrees with strtoull.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/cmdline.h>

#define FAIL(why)                                                       \
    do {                                                                \
        fprintf(stderr, "cmdline invariant: %s\n", why);                \
        abort();                                                        \
    } while ( 0 )

static bool blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Checks that [p, p + n) lies in [lo, end) and holds no NUL. */
static void check_range(const char *p, size_t n, const char *lo,
                        const char *end)
{
    if ( p < lo || p > end || n > (size_t)(end - p) )
        FAIL("piece outside the line or overlapping");
    if ( memchr(p, '\0', n) )
        FAIL("piece holds a NUL");
}

/* The reference: [0x]digits[KMGT] via strtoull on a terminated copy. */
static void check_uint_against_libc(const char *s, size_t n, uint64_t v)
{
    char copy[64], *e;
    unsigned int shift = 0;
    bool hex = n > 2 && s[0] == '0' && (s[1] | 0x20) == 'x';
    unsigned long long ref;

    if ( n >= sizeof(copy) )
        return;
    memcpy(copy, s, n);
    copy[n] = '\0';
    switch ( n ? copy[n - 1] | 0x20 : 0 )
    {
    case 'k': shift = 10; break;
    case 'm': shift = 20; break;
    case 'g': shift = 30; break;
    case 't': shift = 40; break;
    }
    if ( shift )
        copy[n - 1] = '\0';
    if ( copy[0] < '0' || copy[0] > '9' )
        FAIL("cmdline_uint accepted a non-digit start");
    ref = strtoull(copy, &e, hex ? 16 : 10);
    if ( *e || (ref << shift) != v || (ref << shift) >> shift != ref )
        FAIL("cmdline_uint disagrees with strtoull");
}

static void check_values(const struct cmdline_word *w)
{
    const char *rest;
    uint64_t v, v2;
    bool b = false;
    int rc;

    rc = cmdline_bool(w, &b);
    if ( rc != 0 && rc != -1 )
        FAIL("cmdline_bool status");
    if ( !w->value && (rc || b != !w->negated) )
        FAIL("bare word is not its own boolean");
    if ( !w->value )
        return;

    rc = cmdline_uint(w->value, w->value_len, &v, NULL);
    if ( rc != 0 && rc != -1 )
        FAIL("cmdline_uint status");
    if ( !rc )
        check_uint_against_libc(w->value, w->value_len, v);
    if ( cmdline_uint(w->value, w->value_len, &v2, &rest) == 0 )
    {
        if ( rest <= w->value || rest > w->value + w->value_len )
            FAIL("rest outside the value");
        if ( !rc && (v2 != v || rest != w->value + w->value_len) )
            FAIL("rest parse differs from the full parse");
    }
    else if ( !rc )
        FAIL("full parse succeeded but rest parse failed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *line = (const char *)data;
    const char *end = line + strnlen(line, size), *lo = line, *pos = line;
    struct cmdline_iter it;
    struct cmdline_word w;
    size_t steps = 0;

    cmdline_iter_init(&it, size ? line : NULL, size);
    while ( cmdline_next(&it, &w) )
    {
        if ( ++steps > size )
            FAIL("more words than bytes");
        if ( it.pos <= pos || it.pos > end )
            FAIL("iterator did not move forward inside the line");
        pos = it.pos;

        check_range(w.name, w.name_len, lo, end);
        for ( size_t i = 0; i < w.name_len; i++ )
            if ( blank(w.name[i]) || w.name[i] == '=' )
                FAIL("blank or '=' in a name");
        if ( w.negated && (w.name - line < 3 || w.name_len == 0 ||
                           memcmp(w.name - 3, "no-", 3)) )
            FAIL("negated word without its no- prefix");
        lo = w.name + w.name_len;
        if ( w.value )
        {
            check_range(w.value, w.value_len, lo, end);
            if ( w.value[-1] != '=' && w.value[-1] != '"' )
                FAIL("value not after '=' or a quote");
            for ( size_t i = 0; w.value[-1] == '=' && i < w.value_len; i++ )
                if ( blank(w.value[i]) )
                    FAIL("blank in an unquoted value");
            lo = w.value + w.value_len;
        }
        if ( lo > it.pos )
            FAIL("word extends past the iterator");

        {
            char name[256];

            if ( w.name_len + 2 <= sizeof(name) )
            {
                memcpy(name, w.name, w.name_len);
                name[w.name_len] = '\0';
                if ( !cmdline_name_is(&w, name) )
                    FAIL("name does not match itself");
                name[w.name_len] = 'x';
                name[w.name_len + 1] = '\0';
                if ( cmdline_name_is(&w, name) )
                    FAIL("name matches a longer name");
            }
        }
        check_values(&w);
    }
    if ( cmdline_next(&it, &w) )
        FAIL("a word after the end");
    return 0;
}
