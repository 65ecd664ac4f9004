/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/loglvl.c: loglvl= and guest_loglvl= values as
 * Xen's command-line documentation writes them ("<level>[/<rate-limited
 * level>]", levels none, error, warning, info, debug, all), refusals that
 * keep the previous setting, and the level of a message from its prefix
 * or its text.
 */
#include <string.h>

#include <xen/loglvl.h>

#include "unit.h"

static enum loglvl_status parse(const char *v, struct loglvl_setting *s)
{
    return loglvl_parse(v, strlen(v), s);
}

static void defaults_are_xens(struct unit_ctx *ctx)
{
    struct loglvl_setting s;

    loglvl_default_hv(&s);
    CHECK_EQ(s.lower, LOGLVL_WARNING);
    CHECK_EQ(s.upper, LOGLVL_WARNING);
    CHECK(loglvl_prints(&s, LOGLVL_ERR));
    CHECK(loglvl_prints(&s, LOGLVL_WARNING));
    CHECK(!loglvl_prints(&s, LOGLVL_INFO));
    CHECK(!loglvl_prints(&s, LOGLVL_DEBUG));
    loglvl_default_guest(&s);
    CHECK_EQ(s.lower, LOGLVL_NONE);
    CHECK_EQ(s.upper, LOGLVL_WARNING);
    CHECK(loglvl_prints(&s, LOGLVL_WARNING));
    CHECK(!loglvl_prints(&s, LOGLVL_INFO));
}

static void every_level_name_parses(struct unit_ctx *ctx)
{
    static const char *const names[] = {
        "none", "error", "warning", "info", "debug", "all",
    };
    struct loglvl_setting s;

    for ( int i = 0; i < 6; i++ )
    {
        CHECK_EQ(parse(names[i], &s), LOGLVL_OK);
        CHECK_EQ(s.lower, i - 1);
        CHECK_EQ(s.upper, i - 1);
        CHECK(!strcmp(loglvl_name(i - 1), names[i]));
    }
    CHECK(!strcmp(loglvl_name(5), "?"));
    CHECK(!strcmp(loglvl_name(-2), "?"));
}

static void all_prints_debug_none_prints_nothing(struct unit_ctx *ctx)
{
    struct loglvl_setting s;

    CHECK_EQ(parse("all", &s), LOGLVL_OK);
    CHECK(loglvl_prints(&s, LOGLVL_DEBUG));
    CHECK_EQ(parse("info", &s), LOGLVL_OK);
    CHECK(loglvl_prints(&s, LOGLVL_INFO));
    CHECK(!loglvl_prints(&s, LOGLVL_DEBUG));
    CHECK_EQ(parse("none", &s), LOGLVL_OK);
    CHECK(!loglvl_prints(&s, LOGLVL_ERR));
}

static void rate_limited_level_parses(struct unit_ctx *ctx)
{
    struct loglvl_setting s;

    CHECK_EQ(parse("none/warning", &s), LOGLVL_OK);
    CHECK_EQ(s.lower, LOGLVL_NONE);
    CHECK_EQ(s.upper, LOGLVL_WARNING);
    CHECK(loglvl_prints(&s, LOGLVL_WARNING));
    CHECK(!loglvl_prints(&s, LOGLVL_INFO));
    CHECK_EQ(parse("error/all", &s), LOGLVL_OK);
    CHECK_EQ(s.lower, LOGLVL_ERR);
    CHECK_EQ(s.upper, LOGLVL_ALL);
}

static void rate_limited_below_first_is_raised(struct unit_ctx *ctx)
{
    struct loglvl_setting s;

    CHECK_EQ(parse("debug/error", &s), LOGLVL_OK);
    CHECK_EQ(s.lower, LOGLVL_DEBUG);
    CHECK_EQ(s.upper, LOGLVL_DEBUG);
}

static void refused_values_keep_the_setting(struct unit_ctx *ctx)
{
    static const char *const bad[] = {
        "", "/", "warn", "warnings", "WARNING", "all/", "/all", "info/x",
        "info/debug/all", "3", "info ", " info", "info//debug",
    };
    struct loglvl_setting s;

    for ( unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        loglvl_default_hv(&s);
        CHECK_EQ(parse(bad[i], &s), LOGLVL_MALFORMED);
        CHECK_EQ(s.lower, LOGLVL_WARNING);
        CHECK_EQ(s.upper, LOGLVL_WARNING);
    }
    CHECK_EQ(loglvl_parse(NULL, 0, &s), LOGLVL_MALFORMED);
    CHECK(strlen(loglvl_strerror(LOGLVL_MALFORMED)) > 10);
}

static void value_is_bounded_by_its_length(struct unit_ctx *ctx)
{
    struct loglvl_setting s;

    /* "all" of "allx", "info" of "info/debug": only len bytes count. */
    CHECK_EQ(loglvl_parse("allx", 3, &s), LOGLVL_OK);
    CHECK_EQ(s.upper, LOGLVL_ALL);
    CHECK_EQ(loglvl_parse("info/debug", 4, &s), LOGLVL_OK);
    CHECK_EQ(s.upper, LOGLVL_INFO);
    CHECK_EQ(loglvl_parse("info/debug", 6, &s), LOGLVL_MALFORMED);
}

static void message_prefix_gives_the_level(struct unit_ctx *ctx)
{
    size_t n;

    CHECK_EQ(loglvl_of_message(XENLOG_ERR "x", 1, &n), LOGLVL_ERR);
    CHECK_EQ(n, 3);
    CHECK_EQ(loglvl_of_message(XENLOG_WARNING "x", 3, &n), LOGLVL_WARNING);
    CHECK_EQ(loglvl_of_message(XENLOG_INFO "x", 1, &n), LOGLVL_INFO);
    CHECK_EQ(n, 3);
    CHECK_EQ(loglvl_of_message(XENLOG_DEBUG, 1, &n), LOGLVL_DEBUG);
    CHECK_EQ(n, 3);
    /* Not a level prefix: default level, nothing skipped. */
    CHECK_EQ(loglvl_of_message("<4>x", 1, &n), 1);
    CHECK_EQ(n, 0);
    CHECK_EQ(loglvl_of_message("<2", 1, &n), 1);
    CHECK_EQ(n, 0);
    CHECK_EQ(loglvl_of_message("<", 2, &n), 2);
    CHECK_EQ(loglvl_of_message("", 2, &n), 2);
}

static void error_and_warning_text_is_never_demoted(struct unit_ctx *ctx)
{
    size_t n;

    CHECK_EQ(loglvl_of_message("ERR: bad", LOGLVL_DEBUG, &n), LOGLVL_ERR);
    CHECK_EQ(n, 0);
    CHECK_EQ(loglvl_of_message("PANIC: x", LOGLVL_DEBUG, &n), LOGLVL_ERR);
    CHECK_EQ(loglvl_of_message("WARNING: x", LOGLVL_DEBUG, &n),
             LOGLVL_WARNING);
    CHECK_EQ(loglvl_of_message("Memory totals", LOGLVL_WARNING, &n),
             LOGLVL_WARNING);
    CHECK_EQ(loglvl_of_message(" ERR: indented", LOGLVL_INFO, &n),
             LOGLVL_INFO);
}

static const struct unit_case loglvl_cases[] = {
    { "defaults_are_xens", defaults_are_xens },
    { "every_level_name_parses", every_level_name_parses },
    { "all_prints_debug_none_prints_nothing",
      all_prints_debug_none_prints_nothing },
    { "rate_limited_level_parses", rate_limited_level_parses },
    { "rate_limited_below_first_is_raised",
      rate_limited_below_first_is_raised },
    { "refused_values_keep_the_setting", refused_values_keep_the_setting },
    { "value_is_bounded_by_its_length", value_is_bounded_by_its_length },
    { "message_prefix_gives_the_level", message_prefix_gives_the_level },
    { "error_and_warning_text_is_never_demoted",
      error_and_warning_text_is_never_demoted },
};
UNIT_SUITE(loglvl, loglvl_cases);
