/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the xen.efi load-options parser (lib/efi/loadopt.c). The
 * inputs are built here: UCS-2 strings as the EFI shell passes them, and
 * EFI_LOAD_OPTIONs laid out per UEFI spec 3.1.3 with a file path device
 * path (type 4, subtype 4) and an end node, as a Boot#### variable holds.
 */
#include <string.h>

#include <xen/loadopt.h>

#include "unit.h"

struct blob {
    uint8_t b[4096];
    size_t n;
};

static void put_u16(struct blob *o, uint16_t v)
{
    o->b[o->n++] = v & 0xff;
    o->b[o->n++] = v >> 8;
}

/* Appends s as UCS-2, with its NUL unit when nul is set. */
static void put_ucs2(struct blob *o, const char *s, bool nul)
{
    for ( ; *s; s++ )
        put_u16(o, (uint8_t)*s);
    if ( nul )
        put_u16(o, 0);
}

static void make_shell(struct blob *o, const char *s, bool nul)
{
    o->n = 0;
    put_ucs2(o, s, nul);
}

/* An EFI_LOAD_OPTION for \EFI\xen\xen.efi whose OptionalData is args. */
static void make_load_option(struct blob *o, const char *args)
{
    static const char path[] = "\\EFI\\xen\\xen.efi";
    uint16_t file_node = 4 + 2 * (sizeof(path));

    o->n = 0;
    put_u16(o, LOADOPT_ATTR_ACTIVE);
    put_u16(o, 0);
    put_u16(o, file_node + 4);
    put_ucs2(o, "Xen hypervisor", true);
    o->b[o->n++] = 4;                       /* media device path */
    o->b[o->n++] = 4;                       /* file path */
    put_u16(o, file_node);
    put_ucs2(o, path, true);
    o->b[o->n++] = LOADOPT_DP_END_TYPE;
    o->b[o->n++] = LOADOPT_DP_END_ENTIRE;
    put_u16(o, 4);
    put_ucs2(o, args, false);
}

static void parses_efi_shell_command_line(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_shell(&o, "xen.efi -cfg=foo.cfg /mapbs sec -- console=com1", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK_EQ(lo.form, LOADOPT_FORM_SHELL);
    CHECK(!strcmp(lo.cfg, "foo.cfg"));
    CHECK(!strcmp(lo.section, "sec"));
    CHECK(!strcmp(lo.args, "console=com1"));
    CHECK(lo.mapbs && lo.has_args && !lo.basevideo && !lo.help);
    CHECK_EQ(lo.nr_unknown, 0);
    CHECK_EQ(lo.text_offset, 0);
}

static void parses_whole_efi_load_option(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;
    size_t opt;

    make_load_option(&o, "-cfg alt.cfg /basevideo sec2 --  loglvl=all  "
                         "dom0_mem=1G ");
    CHECK(loadopt_is_load_option(o.b, o.n, &opt));
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK_EQ(lo.form, LOADOPT_FORM_LOAD_OPTION);
    CHECK_EQ(lo.text_offset, opt);
    /* No image name in OptionalData: the first word is a switch. */
    CHECK(!strcmp(lo.cfg, "alt.cfg"));
    CHECK(lo.basevideo && !lo.mapbs);
    CHECK(!strcmp(lo.section, "sec2"));
    CHECK(!strcmp(lo.args, "loglvl=all  dom0_mem=1G"));
}

static void load_option_without_optional_data(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_load_option(&o, "");
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK_EQ(lo.form, LOADOPT_FORM_LOAD_OPTION);
    CHECK(!lo.cfg[0] && !lo.section[0] && !lo.has_args);
}

static void unaligned_input_is_fine(struct unit_ctx *ctx)
{
    struct blob o;
    static uint8_t shifted[sizeof(o.b) + 1];
    struct loadopt lo;

    make_load_option(&o, "/mapbs");
    memcpy(shifted + 1, o.b, o.n);
    CHECK_EQ(loadopt_parse(shifted + 1, o.n, &lo), LOADOPT_OK);
    CHECK(lo.mapbs && lo.form == LOADOPT_FORM_LOAD_OPTION);
}

static void size_bounds_unterminated_string(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_shell(&o, "xen.efi mysec", false);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK(!strcmp(lo.section, "mysec"));
    /* A shorter size cuts the word. */
    CHECK_EQ(loadopt_parse(o.b, o.n - 4, &lo), LOADOPT_OK);
    CHECK(!strcmp(lo.section, "mys"));
}

static void bytes_after_nul_are_ignored(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_shell(&o, "xen.efi a", true);
    put_ucs2(&o, "b \xff", false);
    o.b[o.n++] = 0x99;                      /* and an odd byte */
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK(!strcmp(lo.section, "a"));
}

static void odd_size_without_nul_is_refused(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_shell(&o, "xen.efi a", false);
    o.b[o.n++] = 'b';
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_ODD_SIZE);
    CHECK_EQ(lo.bad_offset, o.n - 1);
    CHECK_EQ(loadopt_parse(o.b, 1, &lo), LOADOPT_ODD_SIZE);
}

static void non_ascii_unit_is_refused(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_shell(&o, "xen.efi caf", false);
    put_u16(&o, 0x00e9);
    put_u16(&o, 0);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_NON_ASCII);
    CHECK_EQ(lo.bad_offset, 22);
    make_shell(&o, "xen.efi \x01", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_NON_ASCII);
}

static void truncated_load_option_is_not_misread(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;
    size_t opt;

    make_load_option(&o, "sec");
    /* Cut inside the device path: no longer a load option, and its
     * Attributes are no text either. */
    for ( size_t n = 1; n < o.n - 6; n++ )
    {
        CHECK(!loadopt_is_load_option(o.b, n, &opt));
        CHECK(loadopt_parse(o.b, n, &lo) != LOADOPT_OK);
    }
}

static void load_option_test_rejects_near_misses(struct unit_ctx *ctx)
{
    struct blob o;
    size_t opt;

    make_load_option(&o, "x");
    CHECK(loadopt_is_load_option(o.b, o.n, &opt));
    o.b[3] = 0x80;                          /* reserved Attributes bit */
    CHECK(!loadopt_is_load_option(o.b, o.n, &opt));
    make_load_option(&o, "x");
    o.b[4]++;                               /* FilePathListLength off */
    CHECK(!loadopt_is_load_option(o.b, o.n, &opt));
    make_load_option(&o, "x");
    o.b[o.n - 2 - 3] = 0x01;                /* end node -> end instance */
    CHECK(!loadopt_is_load_option(o.b, o.n, &opt));
    make_load_option(&o, "x");
    o.b[6 + 30 + 2] = 0;                    /* file node length 0 */
    o.b[6 + 30 + 3] = 0;
    CHECK(!loadopt_is_load_option(o.b, o.n, &opt));
}

static void path_node_overrunning_list_is_refused(struct unit_ctx *ctx)
{
    struct blob o;
    size_t opt;

    /* FilePathListLength 4 while the file node claims 38 bytes: the bytes
     * are there (they are the end node and OptionalData) but lie outside
     * the list. */
    make_load_option(&o, "some optional data");
    o.b[4] = 4;
    o.b[5] = 0;
    CHECK(!loadopt_is_load_option(o.b, o.n, &opt));
    /* The list ends inside the end node's head. */
    make_load_option(&o, "some optional data");
    o.b[4] = 38 + 2;
    CHECK(!loadopt_is_load_option(o.b, o.n, &opt));
    /* The end node claims 8 bytes where the list leaves it 4. */
    make_load_option(&o, "some optional data");
    o.b[6 + 30 + 38 + 2] = 8;
    CHECK(!loadopt_is_load_option(o.b, o.n, &opt));
}

static void switches_and_unknown_warnings(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_shell(&o, "\\EFI\\xen.efi /? -help /frobnicate-the-whole-machine-now"
                   " -x /basevideo", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK(lo.help && lo.basevideo && !lo.mapbs);
    CHECK_EQ(lo.nr_unknown, 2);
    CHECK_EQ(strlen(lo.first_unknown), LOADOPT_WORD_MAX - 1);
    CHECK(!strncmp(lo.first_unknown, "/frobnicate", 11));
    /* Switch names are case-sensitive, as in Xen. */
    make_shell(&o, "xen.efi /MAPBS", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK(!lo.mapbs && lo.nr_unknown == 1);
}

static void last_section_word_wins(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_shell(&o, "xen.efi one\ttwo\r\nthree", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK(!strcmp(lo.section, "three"));
    CHECK_EQ(lo.nr_extra_sections, 2);
}

static void cfg_switch_errors(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    make_shell(&o, "xen.efi -cfg", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_CFG_MISSING);
    CHECK_EQ(lo.bad_offset, 16);
    make_shell(&o, "xen.efi /cfg= sec", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_CFG_EMPTY);
    CHECK_EQ(lo.bad_offset, 16);
    /* At the very end the error still points at the switch (fuzz find). */
    make_shell(&o, "xen.efi -cfg=", false);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_CFG_EMPTY);
    CHECK_EQ(lo.bad_offset, 16);
    /* `--` ends the switches; it is never taken for a file name. */
    make_shell(&o, "xen.efi -cfg -- x", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_CFG_MISSING);
    make_shell(&o, "xen.efi /cfg  a.cfg", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK(!strcmp(lo.cfg, "a.cfg"));
}

static void too_long_fields_are_refused(struct unit_ctx *ctx)
{
    static char text[LOADOPT_ARGS_MAX + 64];
    struct blob o;
    struct loadopt lo;

    strcpy(text, "xen.efi ");
    memset(text + 8, 's', LOADOPT_SECTION_MAX - 1);
    make_shell(&o, text, true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK_EQ(strlen(lo.section), LOADOPT_SECTION_MAX - 1);
    text[8 + LOADOPT_SECTION_MAX - 1] = 's';
    make_shell(&o, text, true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_SECTION_TOO_LONG);
    CHECK_EQ(lo.bad_offset, 16);

    strcpy(text, "x -cfg=");
    memset(text + 7, 'c', LOADOPT_CFG_MAX);
    make_shell(&o, text, true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_CFG_TOO_LONG);

    strcpy(text, "x -- ");
    memset(text + 5, 'a', LOADOPT_ARGS_MAX);
    text[5 + LOADOPT_ARGS_MAX] = '\0';
    make_shell(&o, text, true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_ARGS_TOO_LONG);
    text[5 + LOADOPT_ARGS_MAX - 1] = '\0';
    make_shell(&o, text, true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
}

static void empty_inputs(struct unit_ctx *ctx)
{
    struct blob o;
    struct loadopt lo;

    CHECK_EQ(loadopt_parse(NULL, 0, &lo), LOADOPT_OK);
    CHECK_EQ(lo.form, LOADOPT_FORM_EMPTY);
    CHECK_EQ(loadopt_parse(NULL, 2, &lo), LOADOPT_NULL_BUFFER);
    make_shell(&o, "", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK_EQ(lo.form, LOADOPT_FORM_EMPTY);
    make_shell(&o, "  xen.efi  ", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK(lo.form == LOADOPT_FORM_SHELL && !lo.section[0]);
    make_shell(&o, "xen.efi --", true);
    CHECK_EQ(loadopt_parse(o.b, o.n, &lo), LOADOPT_OK);
    CHECK(lo.has_args && !lo.args[0]);
}

static void strerror_covers_every_status(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i < LOADOPT_NR_STATUS; i++ )
        CHECK(strcmp(loadopt_strerror(i), "unknown loadopt status"));
}

static const struct unit_case loadopt_cases[] = {
    { "parses_efi_shell_command_line", parses_efi_shell_command_line },
    { "parses_whole_efi_load_option", parses_whole_efi_load_option },
    { "load_option_without_optional_data",
      load_option_without_optional_data },
    { "unaligned_input_is_fine", unaligned_input_is_fine },
    { "size_bounds_unterminated_string", size_bounds_unterminated_string },
    { "bytes_after_nul_are_ignored", bytes_after_nul_are_ignored },
    { "odd_size_without_nul_is_refused", odd_size_without_nul_is_refused },
    { "non_ascii_unit_is_refused", non_ascii_unit_is_refused },
    { "truncated_load_option_is_not_misread",
      truncated_load_option_is_not_misread },
    { "load_option_test_rejects_near_misses",
      load_option_test_rejects_near_misses },
    { "path_node_overrunning_list_is_refused",
      path_node_overrunning_list_is_refused },
    { "switches_and_unknown_warnings", switches_and_unknown_warnings },
    { "last_section_word_wins", last_section_word_wins },
    { "cfg_switch_errors", cfg_switch_errors },
    { "too_long_fields_are_refused", too_long_fields_are_refused },
    { "empty_inputs", empty_inputs },
    { "strerror_covers_every_status", strerror_covers_every_status },
};
UNIT_SUITE(loadopt, loadopt_cases)
