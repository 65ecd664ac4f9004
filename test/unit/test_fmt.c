/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/fmt.c. Every case is checked against a literal
 * expectation and, where C defines the result, against the host's
 * vsnprintf as well.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <xen/fmt.h>

#include "unit.h"

/*
 * Formats into a 128-byte buffer and checks output and return value; with
 * libc set, the host snprintf must agree too.
 */
static void expect(struct unit_ctx *ctx, bool libc, const char *want,
                   const char *fmt, ...)
{
    char got[128], ref[128];
    va_list ap, ap2;
    int n, rn = 0;

    va_start(ap, fmt);
    va_copy(ap2, ap);
    n = fmt_vsnprintf(got, sizeof(got), fmt, ap);
    /* Only formats C defines go to libc (ASan objects to the others). */
    if ( libc )
        rn = vsnprintf(ref, sizeof(ref), fmt, ap2);
    va_end(ap2);
    va_end(ap);

    if ( !CHECK_EQ(n, strlen(want)) || !CHECK(!strcmp(got, want)) )
        printf("    fmt \"%s\": got \"%s\" (%d), want \"%s\"\n",
               fmt, got, n, want);
    if ( libc && (!CHECK_EQ(rn, n) || !CHECK(!strcmp(got, ref))) )
        printf("    fmt \"%s\": libc \"%s\" (%d)\n", fmt, ref, rn);
}

static void decimal_and_signs(struct unit_ctx *ctx)
{
    expect(ctx, true, "0 -1 42", "%d %i %u", 0, -1, 42u);
    expect(ctx, true, "-2147483648", "%d", INT_MIN);
    expect(ctx, true, "4294967295", "%u", UINT_MAX);
    expect(ctx, true, "+5 -5 ' 5'", "%+d %+d '% d'", 5, -5, 5);
    expect(ctx, true, "+5", "%+ d", 5);
    expect(ctx, true, "5 5", "%+u % u", 5u, 5u);
}

static void length_modifiers(struct unit_ctx *ctx)
{
    expect(ctx, true, "-1 255", "%hhd %hhu", 255, 255);
    expect(ctx, true, "-1 65535", "%hd %hu", 65535, 65535);
    expect(ctx, true, "-9223372036854775808", "%ld", LONG_MIN);
    expect(ctx, true, "18446744073709551615", "%llu", ULLONG_MAX);
    expect(ctx, true, "ffffffffffffffff", "%zx", (size_t)-1);
    expect(ctx, true, "-3 -4", "%td %jd", (ptrdiff_t)-3, (intmax_t)-4);
    expect(ctx, true, "1777777777777777777777", "%lo", ULONG_MAX);
}

static void hex_octal_and_alt(struct unit_ctx *ctx)
{
    expect(ctx, true, "ff FF 377", "%x %X %o", 255, 255, 255);
    expect(ctx, true, "0xff 0XFF 0377", "%#x %#X %#o", 255, 255, 255);
    expect(ctx, true, "0 0", "%#x %#o", 0, 0);
    expect(ctx, true, "0x005", "%#5.3x", 5);
    expect(ctx, true, "010", "%#o", 8);
    expect(ctx, true, "0012", "%#.4o", 10);
}

static void width_zero_and_left(struct unit_ctx *ctx)
{
    expect(ctx, true, "[   42][42   ][00042]", "[%5d][%-5d][%05d]",
           42, 42, 42);
    expect(ctx, true, "[-0042][+0042][ 0042]", "[%05d][%+05d][% 05d]",
           -42, 42, 42);
    expect(ctx, true, "[0x00ff][ff    ]", "[%#06x][%-06x]", 255, 255);
    expect(ctx, true, "[  005]", "[%05.3d]", 5);
    expect(ctx, true, "[12345]", "[%3d]", 12345);
}

static void precision(struct unit_ctx *ctx)
{
    expect(ctx, true, "[00042][-00042]", "[%.5d][%.5d]", 42, -42);
    expect(ctx, true, "[][ ][+]", "[%.0d][% .0d][%+.0d]", 0, 0, 0);
    expect(ctx, true, "[   ]", "[%3.0x]", 0);
    expect(ctx, true, "[]", "[%.d]", 0);
    expect(ctx, true, "[1]", "[%.0u]", 1u);
}

static void star_width_and_precision(struct unit_ctx *ctx)
{
    expect(ctx, true, "[   7]", "[%*d]", 4, 7);
    expect(ctx, true, "[7   ]", "[%*d]", -4, 7);
    expect(ctx, true, "[  007]", "[%*.*d]", 5, 3, 7);
    /* A negative precision counts as none, so '0' pads again. */
    expect(ctx, true, "[00007]", "[%0*.*d]", 5, -1, 7);
    expect(ctx, true, "[ab]", "[%.*s]", 2, "abcdef");
}

static void chars_and_strings(struct unit_ctx *ctx)
{
    static const char unterminated[3] = { 'x', 'y', 'z' };

    expect(ctx, true, "a[  b][c  ]", "%c[%3c][%-3c]", 'a', 'b', 'c');
    expect(ctx, true, "[  hi][hi  ][h]", "[%4s][%-4s][%.1s]",
           "hi", "hi", "hi");
    expect(ctx, true, "[xy]", "[%.2s]", unterminated);
    expect(ctx, true, "[   ab]", "[%05s]", "ab");
    expect(ctx, true, "100%", "100%%");
}

static void null_string(struct unit_ctx *ctx)
{
    const char *null = NULL;

    expect(ctx, false, "(null)", "%s", null);
    expect(ctx, false, "[  (null)]", "[%8s]", null);
    expect(ctx, false, "[(null)][]", "[%.6s][%.5s]", null, null);
}

static void pointer_is_sixteen_hex_digits(struct unit_ctx *ctx)
{
    expect(ctx, false, "0x0000000000000000", "%p", NULL);
    expect(ctx, false, "0xffff82d040200000", "%p",
           (void *)0xffff82d040200000ull);
    expect(ctx, false, "[  0x0000000000001000]", "[%20p]", (void *)0x1000);
    expect(ctx, false, "[0x0000000000001000  ]", "[%-20p]", (void *)0x1000);
}

static void unknown_conversion_copied(struct unit_ctx *ctx)
{
    expect(ctx, false, "a%qb 5", "a%qb %d", 5);
    expect(ctx, false, "x%-5", "x%-5");
    expect(ctx, false, "%", "%");
}

static void truncation_keeps_nul_and_length(struct unit_ctx *ctx)
{
    char buf[8];
    int n;

    memset(buf, 'Z', sizeof(buf));
    n = fmt_snprintf(buf, 4, "hello %d", 12345);
    CHECK_EQ(n, 11);
    CHECK(!memcmp(buf, "hel\0ZZZZ", 8));

    memset(buf, 'Z', sizeof(buf));
    n = fmt_snprintf(buf, 1, "hello");
    CHECK_EQ(n, 5);
    CHECK_EQ(buf[0], '\0');
    CHECK_EQ(buf[1], 'Z');

    n = fmt_snprintf(NULL, 0, "%08x", 1);
    CHECK_EQ(n, 8);

    memset(buf, 'Z', sizeof(buf));
    n = fmt_snprintf(buf, 0, "abc");
    CHECK_EQ(n, 3);
    CHECK_EQ(buf[0], 'Z');

    /* A wide field past the buffer is counted without being written. */
    n = fmt_snprintf(buf, sizeof(buf), "%100000d", 1);
    CHECK_EQ(n, 100000);
    CHECK(!memcmp(buf, "       ", 8));
}

/*
 * A width or precision beyond INT_MAX: the complete output cannot be
 * counted in an int, so the call fails as glibc's does (it used to clamp
 * the field to INT_MAX and report that as the length). The output before
 * the field stays.
 */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

static void field_beyond_int_max_fails(struct unit_ctx *ctx)
{
    char buf[8];

    CHECK_EQ(unchecked(NULL, 0, "%2147483648d", 5), -1);
    CHECK_EQ(unchecked(NULL, 0, "%.2147483648d", 5), -1);
    CHECK_EQ(unchecked(NULL, 0, "%.99999999999999999999999s", "a"), -1);
    CHECK_EQ(unchecked(buf, sizeof(buf), "ab%9999999999x", 1u), -1);
    CHECK(!strcmp(buf, "ab"));
    /* INT_MAX itself is still a length an int can report. */
    CHECK_EQ(unchecked(NULL, 0, "%.2147483647s", "abc"), 3);
    CHECK_EQ(unchecked(NULL, 0, "%2147483647c", 'x'), INT_MAX);
}

static void embedded_nul_char_counts(struct unit_ctx *ctx)
{
    char buf[8];
    int n;

    n = fmt_snprintf(buf, sizeof(buf), "a%cb", 0);
    CHECK_EQ(n, 3);
    CHECK(!memcmp(buf, "a\0b\0", 4));
}

static const struct unit_case fmt_cases[] = {
    { "decimal_and_signs", decimal_and_signs },
    { "length_modifiers", length_modifiers },
    { "hex_octal_and_alt", hex_octal_and_alt },
    { "width_zero_and_left", width_zero_and_left },
    { "precision", precision },
    { "star_width_and_precision", star_width_and_precision },
    { "chars_and_strings", chars_and_strings },
    { "null_string", null_string },
    { "pointer_is_sixteen_hex_digits", pointer_is_sixteen_hex_digits },
    { "unknown_conversion_copied", unknown_conversion_copied },
    { "truncation_keeps_nul_and_length", truncation_keeps_nul_and_length },
    { "field_beyond_int_max_fails", field_beyond_int_max_fails },
    { "embedded_nul_char_counts", embedded_nul_char_counts },
};
UNIT_SUITE(fmt, fmt_cases)
