/* SPDX-License-Identifier: GPL-2.0-only */
/* Unit tests for lib/cmdline.c. */
#include <stdio.h>
#include <string.h>

#include <xen/cmdline.h>

#include "unit.h"

/* One expected word: value NULL for none; neg for a `no-` word. */
struct want_word {
    const char *name;
    const char *value;
    bool neg;
};

/*
 * Splits len bytes of line and compares the words with want (nr of them).
 * Returns false on the first mismatch.
 */
static bool split_is(struct unit_ctx *ctx, const char *line, size_t len,
                     const struct want_word *want, size_t nr)
{
    struct cmdline_iter it;
    struct cmdline_word w;
    size_t i = 0;

    cmdline_iter_init(&it, line, len);
    for ( ; cmdline_next(&it, &w); i++ )
    {
        if ( !CHECK(i < nr) )
            return false;
        if ( !CHECK_EQ(w.name_len, strlen(want[i].name)) ||
             !CHECK(!memcmp(w.name, want[i].name, w.name_len)) ||
             !CHECK_EQ(w.negated, want[i].neg) ||
             !CHECK_EQ(!w.value, !want[i].value) )
            return false;
        if ( w.value &&
             (!CHECK_EQ(w.value_len, strlen(want[i].value)) ||
              !CHECK(!memcmp(w.value, want[i].value, w.value_len))) )
            return false;
    }
    return CHECK_EQ(i, nr);
}

#define SPLIT_IS(line, ...)                                             \
    do {                                                                \
        static const struct want_word want_[] = { __VA_ARGS__ };       \
        split_is(ctx, line, strlen(line), want_, ARRAY_SIZE(want_));    \
    } while ( 0 )

static void words_and_values(struct unit_ctx *ctx)
{
    SPLIT_IS("console=com1 com1=115200,8n1 dom0_mem=512M noreboot",
             { "console", "com1", false },
             { "com1", "115200,8n1", false },
             { "dom0_mem", "512M", false },
             { "noreboot", NULL, false });
}

static void blanks_tabs_and_line_ends(struct unit_ctx *ctx)
{
    SPLIT_IS("  \t a \t\t b=1 \r\n c  ",
             { "a", NULL, false }, { "b", "1", false }, { "c", NULL, false });
}

static void empty_and_blank_lines_have_no_words(struct unit_ctx *ctx)
{
    struct cmdline_iter it;
    struct cmdline_word w;

    cmdline_iter_init(&it, NULL, 0);
    CHECK(!cmdline_next(&it, &w));
    cmdline_iter_init(&it, " \t ", 3);
    CHECK(!cmdline_next(&it, &w));
    CHECK(!cmdline_next(&it, &w));
}

static void quoted_value_holds_blanks(struct unit_ctx *ctx)
{
    SPLIT_IS("a=\"x y\tz\" b",
             { "a", "x y\tz", false }, { "b", NULL, false });
    /* Junk after the closing quote stays in the word and is dropped. */
    SPLIT_IS("a=\"x\"junk b", { "a", "x", false }, { "b", NULL, false });
    SPLIT_IS("a=\"\" b", { "a", "", false }, { "b", NULL, false });
}

static void unclosed_quote_runs_to_end(struct unit_ctx *ctx)
{
    SPLIT_IS("a=\"x y", { "a", "x y", false });
    SPLIT_IS("a=\"", { "a", "", false });
}

static void empty_value_differs_from_none(struct unit_ctx *ctx)
{
    SPLIT_IS("a= b", { "a", "", false }, { "b", NULL, false });
    SPLIT_IS("=v", { "", "v", false });
    SPLIT_IS("a=b=c", { "a", "b=c", false });
}

static void no_prefix_negates(struct unit_ctx *ctx)
{
    SPLIT_IS("no-smt no-x=1 no- no-=2 nosmt",
             { "smt", NULL, true }, { "x", "1", true },
             { "no-", NULL, false }, { "no-", "2", false },
             { "nosmt", NULL, false });
}

static void nul_ends_the_line(struct unit_ctx *ctx)
{
    static const char line[] = "a b\0c d";

    split_is(ctx, line, sizeof(line) - 1,
             (const struct want_word[]){ { "a", NULL, false },
                                         { "b", NULL, false } }, 2);
}

static void length_bounds_the_line(struct unit_ctx *ctx)
{
    /* A quote open at the length limit must not read further. */
    split_is(ctx, "a=\"xy\" b", 5,
             (const struct want_word[]){ { "a", "xy", false } }, 1);
    split_is(ctx, "abc=def", 2,
             (const struct want_word[]){ { "ab", NULL, false } }, 1);
}

static void name_is_exact(struct unit_ctx *ctx)
{
    struct cmdline_word w = { .name = "consolex", .name_len = 7 };

    CHECK(cmdline_name_is(&w, "console"));
    CHECK(!cmdline_name_is(&w, "consol"));
    CHECK(!cmdline_name_is(&w, "consolex"));
    CHECK(!cmdline_name_is(&w, ""));
}

static int bool_of(const char *value, bool neg, bool *out)
{
    struct cmdline_word w = {
        .name = "x", .name_len = 1, .negated = neg,
        .value = value, .value_len = value ? strlen(value) : 0,
    };

    return cmdline_bool(&w, out);
}

static void bool_spellings(struct unit_ctx *ctx)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    static const char *const bad[] = { "", "2", "y", "On", "yess", "truex" };
    bool b;

    for ( size_t i = 0; i < ARRAY_SIZE(yes); i++ )
        CHECK(!bool_of(yes[i], false, &b) && b);
    for ( size_t i = 0; i < ARRAY_SIZE(no); i++ )
        CHECK(!bool_of(no[i], false, &b) && !b);
    for ( size_t i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        b = true;
        CHECK(bool_of(bad[i], false, &b) == -1 && b);
    }
    CHECK(!bool_of(NULL, false, &b) && b);
    CHECK(!bool_of(NULL, true, &b) && !b);
    CHECK_EQ(bool_of("1", true, &b), -1);
}

/* One cmdline_uint case; rest_off -1 means "call without rest". */
struct uint_case {
    const char *s;
    int rc;
    uint64_t val;
    int rest_off;
};

static void uint_values(struct unit_ctx *ctx)
{
    static const struct uint_case cases[] = {
        { "0", 0, 0, -1 },
        { "115200", 0, 115200, -1 },
        { "0x3f8", 0, 0x3f8, -1 },
        { "0XFFFFffff", 0, 0xffffffff, -1 },
        { "18446744073709551615", 0, UINT64_MAX, -1 },
        { "0xffffffffffffffff", 0, UINT64_MAX, -1 },
        { "18446744073709551616", -1, 0, -1 },
        { "0x10000000000000000", -1, 0, -1 },
        { "4K", 0, 4096, -1 },
        { "512M", 0, 512ull << 20, -1 },
        { "2g", 0, 2ull << 30, -1 },
        { "1T", 0, 1ull << 40, -1 },
        { "0x10M", 0, 16ull << 20, -1 },
        { "16777215T", 0, 16777215ull << 40, -1 },
        { "16777216T", -1, 0, -1 },
        { "", -1, 0, -1 },
        { "x", -1, 0, -1 },
        { "-1", -1, 0, -1 },
        { " 1", -1, 0, -1 },
        { "0x", -1, 0, -1 },
        { "12a", -1, 0, -1 },
        { "1KK", -1, 0, -1 },
        { "115200,8n1", -1, 0, -1 },
        { "115200,8n1", 0, 115200, 6 },
        { "64M,foo", 0, 64ull << 20, 3 },
        { "0x", 0, 0, 1 },
        { "0xg", 0, 0, 1 },
        { "7", 0, 7, 1 },
        { ",1", -1, 0, 0 },
    };

    for ( size_t i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        const struct uint_case *c = &cases[i];
        const char *rest = NULL;
        uint64_t v = 12345;
        int rc = cmdline_uint(c->s, strlen(c->s), &v,
                              c->rest_off < 0 ? NULL : &rest);

        if ( !CHECK_EQ(rc, c->rc) ||
             !CHECK_EQ(v, c->rc ? 12345 : c->val) ||
             !CHECK(c->rc || c->rest_off < 0 || rest == c->s + c->rest_off) )
            printf("    cmdline_uint(\"%s\")\n", c->s);
    }
}

static void uint_stops_at_len_and_nul(struct unit_ctx *ctx)
{
    uint64_t v;

    CHECK(!cmdline_uint("1234", 2, &v, NULL) && v == 12);
    CHECK(!cmdline_uint("12\0" "99", 5, &v, NULL) && v == 12);
    /* A suffix beyond the length is not seen. */
    CHECK(!cmdline_uint("4K", 1, &v, NULL) && v == 4);
    CHECK_EQ(cmdline_uint("0x1", 2, &v, NULL), -1);
}

static const struct unit_case cmdline_cases[] = {
    { "words_and_values", words_and_values },
    { "blanks_tabs_and_line_ends", blanks_tabs_and_line_ends },
    { "empty_and_blank_lines_have_no_words",
      empty_and_blank_lines_have_no_words },
    { "quoted_value_holds_blanks", quoted_value_holds_blanks },
    { "unclosed_quote_runs_to_end", unclosed_quote_runs_to_end },
    { "empty_value_differs_from_none", empty_value_differs_from_none },
    { "no_prefix_negates", no_prefix_negates },
    { "nul_ends_the_line", nul_ends_the_line },
    { "length_bounds_the_line", length_bounds_the_line },
    { "name_is_exact", name_is_exact },
    { "bool_spellings", bool_spellings },
    { "uint_values", uint_values },
    { "uint_stops_at_len_and_nul", uint_stops_at_len_and_nul },
};
UNIT_SUITE(cmdline, cmdline_cases)
