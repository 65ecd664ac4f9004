/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the xen.cfg parser (lib/boot/xencfg.c). The fixtures are
 * written for these tests in the shape of the examples in Xen's
 * docs/misc/efi.pandoc.
 */
#include <string.h>

#include <xen/xencfg.h>

#include "unit.h"

static const char sample[] =
    "# Sample xen.cfg\n"
    "[global]\n"
    "default=normal\n"
    "\n"
    "[normal]\n"
    "options=console=com1 loglvl=all   # trailing comment\n"
    "kernel=vmlinuz-6.1 root=/dev/sda1 ro\n"
    "ramdisk=initrd-6.1.img\n"
    "\n"
    "[safe]\n"
    "  options = console=vga   \n"
    "kernel=vmlinuz-safe\n";

/* True when key in section (NULL: whole file) of text has value want. */
static bool value_is(const char *text, const char *section, const char *key,
                     const char *want)
{
    const char *val;
    size_t val_len;
    unsigned int line;

    if ( xencfg_get(text, strlen(text), section,
                    section ? strlen(section) : 0, key, &val, &val_len,
                    &line) != XENCFG_OK )
        return false;
    return val_len == strlen(want) && !memcmp(val, want, val_len) &&
           val >= text && val + val_len <= text + strlen(text);
}

/* The status and line of checking text as a whole. */
static enum xencfg_status check(const char *text, unsigned int *line)
{
    return xencfg_check(text, strlen(text), line, NULL);
}

static void finds_key_in_named_section(struct unit_ctx *ctx)
{
    CHECK(value_is(sample, "normal", "options", "console=com1 loglvl=all"));
    CHECK(value_is(sample, "normal", "ramdisk", "initrd-6.1.img"));
    CHECK(value_is(sample, "safe", "options", "console=vga"));
    CHECK(value_is(sample, "safe", "kernel", "vmlinuz-safe"));
}

static void key_absent_from_section_is_no_key(struct unit_ctx *ctx)
{
    const char *val;
    size_t len;
    unsigned int line;

    CHECK_EQ(xencfg_get(sample, strlen(sample), "safe", 4, "ramdisk", &val,
                        &len, &line), XENCFG_NO_KEY);
    CHECK(val == NULL);
    CHECK_EQ(xencfg_get(sample, strlen(sample), "nosuch", 6, "kernel", &val,
                        &len, &line), XENCFG_NO_SECTION);
}

static void whole_file_lookup_takes_first_match(struct unit_ctx *ctx)
{
    CHECK(value_is(sample, NULL, "options", "console=com1 loglvl=all"));
    CHECK(value_is(sample, NULL, "default", "normal"));
    CHECK(value_is("options=a\n[x]\noptions=b\n", NULL, "options", "a"));
}

static void default_picks_section(struct unit_ctx *ctx)
{
    const char *sec;
    size_t len;
    unsigned int line;

    CHECK_EQ(xencfg_select(sample, strlen(sample), NULL, 0, &sec, &len,
                           &line), XENCFG_OK);
    CHECK(len == 6 && !memcmp(sec, "normal", 6));
    CHECK(sec > sample && sec < sample + sizeof(sample));
}

static void cmdline_section_beats_default(struct unit_ctx *ctx)
{
    const char *sec;
    size_t len;
    unsigned int line;

    CHECK_EQ(xencfg_select(sample, strlen(sample), "safe", 4, &sec, &len,
                           &line), XENCFG_OK);
    CHECK(len == 4 && !memcmp(sec, "safe", 4));
    CHECK_EQ(xencfg_select(sample, strlen(sample), "gone", 4, &sec, &len,
                           &line), XENCFG_NO_SECTION);
    CHECK(sec == NULL);
}

static void default_naming_missing_section_fails(struct unit_ctx *ctx)
{
    static const char text[] = "[global]\ndefault=gone\n[here]\nkernel=k\n";
    const char *sec;
    size_t len;
    unsigned int line;

    CHECK_EQ(xencfg_select(text, strlen(text), NULL, 0, &sec, &len, &line),
             XENCFG_NO_DEFAULT_SECTION);
}

static void no_default_selects_nothing(struct unit_ctx *ctx)
{
    static const char text[] = "[global]\n[a]\nkernel=k\n";
    const char *sec = text;
    size_t len = 1;
    unsigned int line;

    CHECK_EQ(xencfg_select(text, strlen(text), NULL, 0, &sec, &len, &line),
             XENCFG_OK);
    CHECK(sec == NULL && len == 0);
    /* default= outside [global] is not a default. */
    CHECK_EQ(xencfg_select("[a]\ndefault=zz\n", 14, NULL, 0, &sec, &len,
                           &line), XENCFG_OK);
    CHECK(sec == NULL);
}

static void comments_hash_anywhere_semicolon_at_start(struct unit_ctx *ctx)
{
    static const char text[] =
        "; whole line comment\n"
        "   ;indented comment too\n"
        "options=a;b # not part of it\n"
        "kernel=#only a comment\n";

    CHECK(value_is(text, NULL, "options", "a;b"));
    CHECK(value_is(text, NULL, "kernel", ""));
}

static void crlf_and_blanks_are_ignored(struct unit_ctx *ctx)
{
    static const char text[] =
        "[global]\r\n"
        "default=x \t\r\n"
        "\t[x]  # the section\r\n"
        "\tkernel\t= vmlinuz  console=hvc0 \r\n";
    const char *sec;
    size_t len;
    unsigned int line;

    CHECK_EQ(check(text, &line), XENCFG_OK);
    CHECK_EQ(xencfg_select(text, strlen(text), NULL, 0, &sec, &len, &line),
             XENCFG_OK);
    CHECK(len == 1 && sec[0] == 'x');
    CHECK(value_is(text, "x", "kernel", "vmlinuz  console=hvc0"));
}

static void last_line_without_newline_counts(struct unit_ctx *ctx)
{
    CHECK(value_is("[s]\nkernel=k", "s", "kernel", "k"));
}

static void first_section_and_first_key_win(struct unit_ctx *ctx)
{
    static const char text[] =
        "[s]\nkernel=one\nkernel=two\n[t]\n[s]\nkernel=three\nramdisk=r\n";

    CHECK(value_is(text, "s", "kernel", "one"));
    /* Only the first [s] is searched, as in Xen. */
    CHECK(!value_is(text, "s", "ramdisk", "r"));
}

static void non_ascii_byte_reports_its_line(struct unit_ctx *ctx)
{
    unsigned int line;

    CHECK_EQ(check("[a]\nkernel=k\noptions=caf\xc3\xa9\n", &line),
             XENCFG_NON_ASCII);
    CHECK_EQ(line, 3);
    /* Even inside a comment. */
    CHECK_EQ(check("# \x80\n", &line), XENCFG_NON_ASCII);
    CHECK_EQ(line, 1);
}

static void control_bytes_are_refused(struct unit_ctx *ctx)
{
    unsigned int line;

    CHECK_EQ(xencfg_check("a=b\n\0\n", 6, &line, NULL), XENCFG_CONTROL_CHAR);
    CHECK_EQ(line, 2);
    CHECK_EQ(check("a=b\rc=d\n", &line), XENCFG_CONTROL_CHAR);
    CHECK_EQ(line, 1);
    CHECK_EQ(check("a=\x1b[1m\n", &line), XENCFG_CONTROL_CHAR);
}

static void malformed_lines_report_status_and_line(struct unit_ctx *ctx)
{
    static const struct {
        const char *text;
        enum xencfg_status st;
        unsigned int line;
    } cases[] = {
        { "[a]\nkernel\n", XENCFG_NO_EQUALS, 2 },
        { "\n\n=value\n", XENCFG_EMPTY_KEY, 3 },
        { "  \t = value\n", XENCFG_EMPTY_KEY, 1 },
        { "[global\n", XENCFG_UNTERMINATED_SECTION, 1 },
        { "[glo#bal]\n", XENCFG_UNTERMINATED_SECTION, 1 },
        { "a=1\n[]\n", XENCFG_EMPTY_SECTION_NAME, 2 },
        { "[my section]\n", XENCFG_BAD_SECTION_NAME, 1 },
        { "[a[b]\n", XENCFG_BAD_SECTION_NAME, 1 },
        { "[a] b\n", XENCFG_SECTION_JUNK, 1 },
        { "[a]]\n", XENCFG_SECTION_JUNK, 1 },
        { "my key=1\n", XENCFG_BAD_KEY, 1 },
        { "k]=1\n", XENCFG_BAD_KEY, 1 },
    };

    for ( size_t i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        unsigned int line = 0;

        CHECK_EQ(check(cases[i].text, &line), cases[i].st);
        CHECK_EQ(line, cases[i].line);
    }
}

static void lookup_reports_bad_line_after_the_key(struct unit_ctx *ctx)
{
    static const char text[] = "[a]\nkernel=k\n[b]\nbroken line\n";
    const char *val = text;
    size_t len = 1;
    unsigned int line = 0;

    CHECK_EQ(xencfg_get(text, strlen(text), "a", 1, "kernel", &val, &len,
                        &line), XENCFG_NO_EQUALS);
    CHECK_EQ(line, 4);
    CHECK(val == NULL && len == 0);
}

static void warnings_count_unknown_and_misplaced(struct unit_ctx *ctx)
{
    static const char text[] =
        "[global]\nchain=other.cfg\nfoo=1\n"
        "[a]\nkernel=k\ndtb=x.dtb\nchain=c\ndefault=a\n";
    struct xencfg_warnings w;
    unsigned int line;

    CHECK_EQ(xencfg_check(text, strlen(text), &line, &w), XENCFG_OK);
    CHECK_EQ(line, 0);
    CHECK_EQ(w.nr_unknown_keys, 2);
    CHECK_EQ(w.first_unknown_line, 3);
    CHECK_EQ(w.nr_misplaced_keys, 2);
    CHECK_EQ(w.first_misplaced_line, 7);
}

static void empty_file_is_valid_and_has_nothing(struct unit_ctx *ctx)
{
    const char *val, *sec;
    size_t len;
    unsigned int line;

    CHECK_EQ(xencfg_check("", 0, &line, NULL), XENCFG_OK);
    CHECK_EQ(xencfg_get("", 0, NULL, 0, "kernel", &val, &len, &line),
             XENCFG_NO_KEY);
    CHECK_EQ(xencfg_select(NULL, 0, NULL, 0, &sec, &len, &line), XENCFG_OK);
}

static void split_word_separates_kernel_and_args(struct unit_ctx *ctx)
{
    static const char v[] = "vmlinuz  root=/dev/sda1 ro";
    const char *w, *r;
    size_t wl, rl;

    xencfg_split_word(v, strlen(v), &w, &wl, &r, &rl);
    CHECK(wl == 7 && !memcmp(w, "vmlinuz", 7));
    CHECK(rl == 17 && !memcmp(r, "root=/dev/sda1 ro", 17));
    xencfg_split_word("vmlinuz", 7, &w, &wl, &r, &rl);
    CHECK(wl == 7 && rl == 0 && r == w + 7);
}

/* Collects every candidate for image into one '|'-separated string. */
static enum xencfg_status all_names(const char *image, char *out,
                                    size_t size)
{
    struct xencfg_names it;
    enum xencfg_status st = xencfg_names_init(&it, image, strlen(image));
    char name[64];
    size_t len;

    out[0] = '\0';
    while ( st == XENCFG_OK )
    {
        st = xencfg_names_next(&it, name, sizeof(name), &len);
        if ( st == XENCFG_OK && strlen(out) + len + 2 <= size )
        {
            if ( out[0] )
                strcat(out, "|");
            strcat(out, name);
        }
    }
    return st;
}

static void config_names_follow_xen_fallback(struct unit_ctx *ctx)
{
    char got[256];

    CHECK_EQ(all_names("xen-4.2-unstable.efi", got, sizeof(got)),
             XENCFG_NAMES_END);
    CHECK(!strcmp(got, "xen-4.2-unstable.cfg|xen-4.2.cfg|xen-4.cfg|xen.cfg"));
    CHECK_EQ(all_names("\\EFI\\xen\\xen_debug.EFI", got, sizeof(got)),
             XENCFG_NAMES_END);
    CHECK(!strcmp(got, "xen_debug.cfg|xen.cfg"));
    CHECK_EQ(all_names("xen", got, sizeof(got)), XENCFG_NAMES_END);
    CHECK(!strcmp(got, "xen.cfg"));
    CHECK_EQ(all_names(".efi", got, sizeof(got)), XENCFG_NAMES_END);
    CHECK(!strcmp(got, ".efi.cfg"));
}

static void config_names_refuse_bad_input(struct unit_ctx *ctx)
{
    struct xencfg_names it;
    char small[8];
    size_t len;

    CHECK_EQ(xencfg_names_init(&it, "", 0), XENCFG_BAD_IMAGE_NAME);
    CHECK_EQ(xencfg_names_init(&it, "dir/", 4), XENCFG_BAD_IMAGE_NAME);
    CHECK_EQ(xencfg_names_init(&it, "x\xe9.efi", 6), XENCFG_BAD_IMAGE_NAME);
    CHECK_EQ(xencfg_names_next(&it, small, sizeof(small), &len),
             XENCFG_NAMES_END);

    CHECK_EQ(xencfg_names_init(&it, "xen-4.efi", 9), XENCFG_OK);
    CHECK_EQ(xencfg_names_next(&it, small, sizeof(small), &len),
             XENCFG_NAME_TOO_LONG);
    /* A larger buffer then gets the same name: nothing was skipped. */
    {
        char big[16];

        CHECK_EQ(xencfg_names_next(&it, big, sizeof(big), &len), XENCFG_OK);
        CHECK(!strcmp(big, "xen-4.cfg") && len == 9);
    }
}

static void strerror_covers_every_status(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i < XENCFG_NR_STATUS; i++ )
        CHECK(strcmp(xencfg_strerror(i), "unknown xencfg status"));
    CHECK(!strcmp(xencfg_strerror(XENCFG_NR_STATUS),
                  "unknown xencfg status"));
}

static const struct unit_case xencfg_cases[] = {
    { "finds_key_in_named_section", finds_key_in_named_section },
    { "key_absent_from_section_is_no_key",
      key_absent_from_section_is_no_key },
    { "whole_file_lookup_takes_first_match",
      whole_file_lookup_takes_first_match },
    { "default_picks_section", default_picks_section },
    { "cmdline_section_beats_default", cmdline_section_beats_default },
    { "default_naming_missing_section_fails",
      default_naming_missing_section_fails },
    { "no_default_selects_nothing", no_default_selects_nothing },
    { "comments_hash_anywhere_semicolon_at_start",
      comments_hash_anywhere_semicolon_at_start },
    { "crlf_and_blanks_are_ignored", crlf_and_blanks_are_ignored },
    { "last_line_without_newline_counts", last_line_without_newline_counts },
    { "first_section_and_first_key_win", first_section_and_first_key_win },
    { "non_ascii_byte_reports_its_line", non_ascii_byte_reports_its_line },
    { "control_bytes_are_refused", control_bytes_are_refused },
    { "malformed_lines_report_status_and_line",
      malformed_lines_report_status_and_line },
    { "lookup_reports_bad_line_after_the_key",
      lookup_reports_bad_line_after_the_key },
    { "warnings_count_unknown_and_misplaced",
      warnings_count_unknown_and_misplaced },
    { "empty_file_is_valid_and_has_nothing",
      empty_file_is_valid_and_has_nothing },
    { "split_word_separates_kernel_and_args",
      split_word_separates_kernel_and_args },
    { "config_names_follow_xen_fallback", config_names_follow_xen_fallback },
    { "config_names_refuse_bad_input", config_names_refuse_bad_input },
    { "strerror_covers_every_status", strerror_covers_every_status },
};
UNIT_SUITE(xencfg, xencfg_cases)
