/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the firmware test shim's load-option parser and range
 * set (test/efi-shim/shimopt.c). The shim is no part of the hypervisor,
 * so its sources are not in the Makefile's PURE_SRCS; they are compiled
 * in where they are tested: shimopt.c here, with the ESRT generator
 * shimesrt.c (tested in test_shimesrt.c); shimmap.c in test_shimmap.c.
 * Load options are built as the UEFI shell passes them (UCS-2, the image
 * name first).
 */
#include <stdio.h>
#include <string.h>

#include <xen/efimap.h>

#include <xen/crc32.h>

#include "../../test/efi-shim/shimopt.c"
#include "../../test/efi-shim/shimesrt.c"
#include "unit.h"

#define PG          4096ULL

/* UCS-2 of s, NUL unit included; returns the byte count. */
static size_t ucs2(uint8_t *out, const char *s)
{
    size_t n = 0;

    for ( ; *s; s++ )
    {
        out[n++] = (uint8_t)*s;
        out[n++] = 0;
    }
    out[n++] = 0;
    out[n++] = 0;
    return n;
}

static enum shimopt_status parse(const char *s, struct shimopt *o,
                                 struct shimopt_where *w)
{
    static uint8_t buf[4096];

    return shimopt_parse(buf, ucs2(buf, s), o, w);
}

static bool range_is(const struct shimopt_range *r, uint64_t s, uint64_t e)
{
    return r->start_pa == s && r->end_pa == e;
}

static void parses_shell_command_line(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("\\efishim.efi unaccepted=0x10000000-0x18000000 "
                   "unaccepted=0x18001000-0x18003000", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, 2);
    CHECK(range_is(&o.unaccepted.r[0], 0x10000000, 0x18000000));
    CHECK(range_is(&o.unaccepted.r[1], 0x18001000, 0x18003000));
    CHECK_EQ(o.nr_accept, 0);
    CHECK_EQ(shimopt_total_pages(&o.unaccepted), 32770);
}

static void hex_prefix_optional_and_any_case(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("x unaccepted=ABCD000-0XABCE000\tunaccepted=0x1000-2000",
                   &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, 2);
    CHECK(range_is(&o.unaccepted.r[0], 0x1000, 0x2000));
    CHECK(range_is(&o.unaccepted.r[1], 0xabcd000, 0xabce000));
}

static void sorts_and_merges_touching_ranges(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    /* The third closes the gap between the first two. */
    CHECK_EQ(parse("shim unaccepted=0x5000-0x6000 unaccepted=0x1000-0x2000 "
                   "unaccepted=0x2000-0x5000 unaccepted=0x9000-0xa000", &o,
                   &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, 2);
    CHECK(range_is(&o.unaccepted.r[0], 0x1000, 0x6000));
    CHECK(range_is(&o.unaccepted.r[1], 0x9000, 0xa000));
}

static void first_word_with_equals_is_an_option(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("unaccepted=0x1000-0x3000", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, 1);
    CHECK_EQ(parse("  efishim.efi   ", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, 0);
}

static void empty_or_null_options_ask_for_nothing(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(shimopt_parse(NULL, 0, &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr + o.nr_accept, 0);
    CHECK_EQ(parse("", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, 0);
}

static void stops_at_nul_and_ignores_odd_byte(struct unit_ctx *ctx)
{
    uint8_t buf[256];
    struct shimopt o;
    struct shimopt_where w;
    size_t n = ucs2(buf, "s unaccepted=0x1000-0x2000");

    /* What follows the NUL unit is not read as options. */
    n += ucs2(buf + n, "bogus") - 2;
    CHECK_EQ(shimopt_parse(buf, n, &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, 1);
    /* Without the NUL, an odd byte count drops the last half unit. */
    n = ucs2(buf, "s unaccepted=0x1000-0x2000") - 2;
    buf[n] = 'x';
    CHECK_EQ(shimopt_parse(buf, n + 1, &o, &w), SHIMOPT_OK);
    CHECK(range_is(&o.unaccepted.r[0], 0x1000, 0x2000));
}

static void accept_spans_kept_in_order_as_given(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("s accept=0x5000-0x6000 unaccepted=0x1000-0x9000 "
                   "accept=0x1800-0x2000 accept=0x1000-0x2000", &o, &w),
             SHIMOPT_OK);
    CHECK_EQ(o.nr_accept, 3);
    CHECK(range_is(&o.accept[0], 0x5000, 0x6000));
    CHECK(range_is(&o.accept[1], 0x1800, 0x2000));
    CHECK(range_is(&o.accept[2], 0x1000, 0x2000));
    CHECK_EQ(parse("s accept=0x2000-0x2000", &o, &w), SHIMOPT_ERR_EMPTY);
}

/* The status for s, and whether *where names the word bad. */
static bool refused(const char *s, const char *bad, enum shimopt_status want)
{
    struct shimopt o;
    struct shimopt_where w;
    const char *p = strstr(s, bad);

    return parse(s, &o, &w) == want && p &&
           w.offset_chars == (size_t)(p - s) && w.nr_chars == strlen(bad);
}

static void refuses_bad_words_naming_them(struct unit_ctx *ctx)
{
    CHECK(refused("s unaccepted=0x1000-0x2000 foo", "foo",
                  SHIMOPT_ERR_UNKNOWN_WORD));
    CHECK(refused("s unaccepted", "unaccepted", SHIMOPT_ERR_UNKNOWN_WORD));
    CHECK(refused("s Unaccepted=0x1000-0x2000", "Unaccepted=0x1000-0x2000",
                  SHIMOPT_ERR_UNKNOWN_WORD));
    CHECK(refused("s unaccepted=0x1000", "unaccepted=0x1000",
                  SHIMOPT_ERR_SYNTAX));
    CHECK(refused("s unaccepted=0x-0x2000", "unaccepted=0x-0x2000",
                  SHIMOPT_ERR_NUMBER));
    CHECK(refused("s unaccepted=0x1000-", "unaccepted=0x1000-",
                  SHIMOPT_ERR_NUMBER));
    CHECK(refused("s unaccepted=0x1g00-0x2000", "unaccepted=0x1g00-0x2000",
                  SHIMOPT_ERR_NUMBER));
    CHECK(refused("s accept=0x1000-0x2000-0x3000",
                  "accept=0x1000-0x2000-0x3000", SHIMOPT_ERR_NUMBER));
}

static void refuses_numbers_past_64_bits(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("s unaccepted=0x1000-0x10000000000000000", &o, &w),
             SHIMOPT_ERR_NUMBER);
    CHECK_EQ(parse("s unaccepted=0xfffffffffffff000-0xffffffffffffffff", &o,
                   &w), SHIMOPT_ERR_UNALIGNED);
    CHECK_EQ(parse("s unaccepted=0x0fffffffffffe000-0x0fffffffffffff000", &o,
                   &w), SHIMOPT_OK);
}

static void refuses_unaligned_empty_and_reversed(struct unit_ctx *ctx)
{
    CHECK(refused("s unaccepted=0x1800-0x2000", "unaccepted=0x1800-0x2000",
                  SHIMOPT_ERR_UNALIGNED));
    CHECK(refused("s unaccepted=0x1000-0x2001", "unaccepted=0x1000-0x2001",
                  SHIMOPT_ERR_UNALIGNED));
    /* An unaligned end below the start is still reported as unaligned. */
    CHECK(refused("s unaccepted=0x3000-0x2001", "unaccepted=0x3000-0x2001",
                  SHIMOPT_ERR_UNALIGNED));
    CHECK(refused("s unaccepted=0x2000-0x2000", "unaccepted=0x2000-0x2000",
                  SHIMOPT_ERR_EMPTY));
    CHECK(refused("s unaccepted=0x3000-0x2000", "unaccepted=0x3000-0x2000",
                  SHIMOPT_ERR_EMPTY));
}

static void refuses_overlap_keeping_earlier_ranges(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK(refused("s unaccepted=0x1000-0x4000 unaccepted=0x3000-0x5000",
                  "unaccepted=0x3000-0x5000", SHIMOPT_ERR_OVERLAP));
    CHECK(refused("s unaccepted=0x2000-0x3000 unaccepted=0x1000-0x5000",
                  "unaccepted=0x1000-0x5000", SHIMOPT_ERR_OVERLAP));
    /* Touching the first from above while overlapping the second. */
    CHECK_EQ(parse("s unaccepted=0x1000-0x2000 unaccepted=0x3000-0x4000 "
                   "unaccepted=0x2000-0x4000", &o, &w), SHIMOPT_ERR_OVERLAP);
    CHECK_EQ(o.unaccepted.nr, 2);
    CHECK(range_is(&o.unaccepted.r[0], 0x1000, 0x2000));
    CHECK(range_is(&o.unaccepted.r[1], 0x3000, 0x4000));
}

static void refuses_more_ranges_than_the_maximum(struct unit_ctx *ctx)
{
    char s[2048] = "s";
    struct shimopt o;
    struct shimopt_where w;
    size_t n = 1;

    for ( unsigned int i = 0; i < SHIMOPT_MAX_OPTS; i++ )
        n += sprintf(s + n, " unaccepted=0x%x-0x%x", (2 * i + 1) * 0x1000,
                     (2 * i + 2) * 0x1000);
    CHECK_EQ(parse(s, &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, SHIMOPT_MAX_OPTS);
    sprintf(s + n, " unaccepted=0x100000-0x101000");
    CHECK_EQ(parse(s, &o, &w), SHIMOPT_ERR_TOO_MANY);
}

static void esrt_words_default_as_documented(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("s", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.count, 0);
    CHECK_EQ(o.ebs_fail, 0);
    CHECK(!o.poison);
    CHECK_EQ(parse("s esrt=3 seed=0x5eed", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.count, 3);
    CHECK_EQ(o.esrt.max, 3);
    CHECK_EQ(o.esrt.seed, 0x5eed);
    CHECK_EQ(o.esrt.type, SHIMOPT_ESRT_BSDATA);
    CHECK_EQ(o.esrt.type2, SHIMOPT_ESRT_RTDATA);
    CHECK_EQ(o.esrt.place, SHIMOPT_ESRT_PAGE);
    CHECK_EQ(o.esrt.corrupt, SHIMOPT_ESRT_INTACT);
    CHECK_EQ(o.esrt.dup, SHIMOPT_ESRT_DUP_NONE);
    /* The second type defaults to boot-services data for other types. */
    CHECK_EQ(parse("s esrt-type=rtdata esrt=1", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.type2, SHIMOPT_ESRT_BSDATA);
    /* ebs-fail= and poison= stand alone. */
    CHECK_EQ(parse("s ebs-fail=5 poison=1", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.ebs_fail, 5);
    CHECK(o.poison);
    CHECK_EQ(o.esrt.count, 0);
}

static void parses_every_esrt_word(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("\\efishim.efi unaccepted=0x1000-0x2000 esrt=0x10 "
                   "esrt-max=4294967295 esrt-type=acpireclaim "
                   "esrt-place=straddle-desc esrt-type2=conventional "
                   "esrt-corrupt=absurd-count ebs-fail=64 poison=0 "
                   "seed=18446744073709551615", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.unaccepted.nr, 1);
    CHECK_EQ(o.esrt.count, 16);
    CHECK_EQ(o.esrt.max, 0xffffffffU);
    CHECK_EQ(o.esrt.type, SHIMOPT_ESRT_ACPIRECLAIM);
    CHECK_EQ(o.esrt.type2, SHIMOPT_ESRT_CONVENTIONAL);
    CHECK_EQ(o.esrt.place, SHIMOPT_ESRT_STRADDLE_DESC);
    CHECK_EQ(o.esrt.corrupt, SHIMOPT_ESRT_ABSURD_COUNT);
    CHECK_EQ(o.esrt.seed, UINT64_MAX);
    CHECK_EQ(o.ebs_fail, 64);
    CHECK(!o.poison);
    for ( unsigned int c = 0; c < SHIMOPT_ESRT_NR_CORRUPTS; c++ )
    {
        char s[96];

        sprintf(s, "s esrt=2 esrt-corrupt=%s",
                shimopt_esrt_corrupt_name(c));
        CHECK_EQ(parse(s, &o, &w), SHIMOPT_OK);
        CHECK_EQ(o.esrt.corrupt, c);
    }
    CHECK_EQ(parse("s esrt=2 esrt-dup=before", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.dup, SHIMOPT_ESRT_DUP_BEFORE);
    CHECK_EQ(parse("s esrt=2 esrt-dup=after", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.dup, SHIMOPT_ESRT_DUP_AFTER);
    CHECK_EQ(parse("s esrt=2 esrt-dup=twice", &o, &w), SHIMOPT_ERR_VALUE);
    CHECK_EQ(parse("s esrt-dup=after", &o, &w), SHIMOPT_ERR_NO_ESRT);
    /* reused: conventional memory (7) written over after the freeing. */
    CHECK_EQ(parse("s esrt=3 esrt-type=reused", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.type, SHIMOPT_ESRT_REUSED);
    CHECK_EQ(shimopt_esrt_efi_type(o.esrt.type), 7);
    CHECK(shimopt_esrt_freed(SHIMOPT_ESRT_REUSED));
    CHECK(shimopt_esrt_freed(SHIMOPT_ESRT_CONVENTIONAL));
    CHECK(!shimopt_esrt_freed(SHIMOPT_ESRT_LOADERDATA));
    CHECK_EQ(parse("s esrt=4096 esrt-place=straddle-page", &o, &w),
             SHIMOPT_OK);
    CHECK_EQ(o.esrt.place, SHIMOPT_ESRT_STRADDLE_PAGE);
}

static void refuses_bad_esrt_values_naming_them(struct unit_ctx *ctx)
{
    CHECK(refused("s esrt=0", "esrt=0", SHIMOPT_ERR_VALUE));
    CHECK(refused("s esrt=4097", "esrt=4097", SHIMOPT_ERR_VALUE));
    CHECK(refused("s esrt=3x", "esrt=3x", SHIMOPT_ERR_NUMBER));
    CHECK(refused("s esrt=", "esrt=", SHIMOPT_ERR_NUMBER));
    CHECK(refused("s esrt=0x", "esrt=0x", SHIMOPT_ERR_NUMBER));
    CHECK(refused("s esrt=1 esrt-max=0", "esrt-max=0", SHIMOPT_ERR_VALUE));
    CHECK(refused("s esrt=1 esrt-max=0x100000000", "esrt-max=0x100000000",
                  SHIMOPT_ERR_VALUE));
    CHECK(refused("s esrt=1 seed=18446744073709551616",
                  "seed=18446744073709551616", SHIMOPT_ERR_NUMBER));
    CHECK(refused("s esrt=1 esrt-type=bs", "esrt-type=bs",
                  SHIMOPT_ERR_VALUE));
    CHECK(refused("s esrt=1 esrt-type=bsdatax", "esrt-type=bsdatax",
                  SHIMOPT_ERR_VALUE));
    CHECK(refused("s esrt=1 esrt-place=Page", "esrt-place=Page",
                  SHIMOPT_ERR_VALUE));
    CHECK(refused("s esrt=1 esrt-corrupt=", "esrt-corrupt=",
                  SHIMOPT_ERR_VALUE));
    CHECK(refused("s ebs-fail=65", "ebs-fail=65", SHIMOPT_ERR_VALUE));
    CHECK(refused("s poison=2", "poison=2", SHIMOPT_ERR_VALUE));
    CHECK(refused("s esrt-typo=1", "esrt-typo=1", SHIMOPT_ERR_UNKNOWN_WORD));
}

static void refuses_repeated_and_dangling_esrt_words(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK(refused("s esrt=1 poison=1 esrt=2", "esrt=2",
                  SHIMOPT_ERR_REPEATED));
    CHECK(refused("s ebs-fail=1 ebs-fail=2", "ebs-fail=2",
                  SHIMOPT_ERR_REPEATED));
    /* Checks that need every word name the offending one. */
    CHECK(refused("s esrt-type=rtdata seed=1", "esrt-type=rtdata",
                  SHIMOPT_ERR_NO_ESRT));
    CHECK(refused("s esrt-max=2 esrt=3", "esrt-max=2", SHIMOPT_ERR_ESRT_MAX));
    CHECK(refused("s esrt=3 esrt-type2=acpireclaim", "esrt-type2=acpireclaim",
                  SHIMOPT_ERR_ESRT_TYPE2));
    CHECK(refused("s esrt=3 esrt-place=straddle-desc esrt-type2=bsdata",
                  "esrt-type2=bsdata", SHIMOPT_ERR_ESRT_TYPE2));
    /* What parsed before an error is kept. */
    CHECK_EQ(parse("s unaccepted=0x1000-0x2000 esrt=5 ebs-fail=3 bogus", &o,
                   &w), SHIMOPT_ERR_UNKNOWN_WORD);
    CHECK_EQ(o.unaccepted.nr, 1);
    CHECK_EQ(o.esrt.count, 5);
    CHECK_EQ(o.ebs_fail, 3);
    CHECK_EQ(parse("s esrt=2 esrt-max=2 esrt-corrupt=count-over-max", &o,
                   &w), SHIMOPT_OK);
}

static void esrt_type_values_are_uefi_memory_types(struct unit_ctx *ctx)
{
    CHECK_EQ(shimopt_esrt_efi_type(SHIMOPT_ESRT_BSDATA), EFIMAP_TYPE_BS_DATA);
    CHECK_EQ(shimopt_esrt_efi_type(SHIMOPT_ESRT_RTDATA), EFIMAP_TYPE_RS_DATA);
    CHECK_EQ(shimopt_esrt_efi_type(SHIMOPT_ESRT_ACPIRECLAIM),
             EFIMAP_TYPE_ACPI_RECLAIM);
    CHECK_EQ(shimopt_esrt_efi_type(SHIMOPT_ESRT_LOADERDATA),
             EFIMAP_TYPE_LOADER_DATA);
    CHECK_EQ(shimopt_esrt_efi_type(SHIMOPT_ESRT_CONVENTIONAL),
             EFIMAP_TYPE_CONVENTIONAL);
    CHECK_EQ(shimopt_esrt_efi_type(SHIMOPT_ESRT_NR_TYPES), 0);
    CHECK(!strcmp(shimopt_esrt_type_name(SHIMOPT_ESRT_ACPIRECLAIM),
                  "acpireclaim"));
    CHECK(!strcmp(shimopt_esrt_place_name(SHIMOPT_ESRT_STRADDLE_DESC),
                  "straddle-desc"));
    CHECK(!strcmp(shimopt_esrt_corrupt_name(SHIMOPT_ESRT_OUTSIDE_MAP),
                  "outside-map"));
    for ( int st = SHIMOPT_OK; st <= SHIMOPT_ERR_NO_FRAGMENT; st++ )
        CHECK(strcmp(shimopt_strerror(st), "unknown status"));
}

static void set_of(struct shimopt_set *s, unsigned int nr,
                   const struct shimopt_range *r)
{
    s->nr = nr;
    memcpy(s->r, r, nr * sizeof(*r));
}

static void remove_trims_edges_and_splits_middle(struct unit_ctx *ctx)
{
    static const struct shimopt_range r[] = {
        { 0x10000, 0x20000 }, { 0x40000, 0x41000 },
    };
    struct shimopt_set s;

    set_of(&s, 2, r);
    CHECK_EQ(shimopt_remove(&s, 0x10000, 0x1000), SHIMOPT_OK);
    CHECK(range_is(&s.r[0], 0x11000, 0x20000));
    CHECK_EQ(shimopt_remove(&s, 0x1f000, 0x1000), SHIMOPT_OK);
    CHECK(range_is(&s.r[0], 0x11000, 0x1f000));
    CHECK_EQ(shimopt_remove(&s, 0x14000, 0x2000), SHIMOPT_OK);
    CHECK_EQ(s.nr, 3);
    CHECK(range_is(&s.r[0], 0x11000, 0x14000));
    CHECK(range_is(&s.r[1], 0x16000, 0x1f000));
    CHECK(range_is(&s.r[2], 0x40000, 0x41000));
    CHECK_EQ(shimopt_remove(&s, 0x40000, 0x1000), SHIMOPT_OK);
    CHECK_EQ(s.nr, 2);
    CHECK_EQ(shimopt_total_pages(&s), 3 + 9);
}

static void remove_refuses_without_changing_the_set(struct unit_ctx *ctx)
{
    static const struct shimopt_range r[] = {
        { 0x10000, 0x20000 }, { 0x21000, 0x30000 },
    };
    struct shimopt_set s, before;

    set_of(&s, 2, r);
    before = s;
    CHECK_EQ(shimopt_remove(&s, 0x10800, 0x1000), SHIMOPT_ERR_UNALIGNED);
    CHECK_EQ(shimopt_remove(&s, 0x10000, 0x800), SHIMOPT_ERR_UNALIGNED);
    CHECK_EQ(shimopt_remove(&s, 0x10000, 0), SHIMOPT_ERR_EMPTY);
    /* Across the gap between two ranges, partly outside, wrapping. */
    CHECK_EQ(shimopt_remove(&s, 0x1f000, 0x3000), SHIMOPT_ERR_NOT_INSIDE);
    CHECK_EQ(shimopt_remove(&s, 0xf000, 0x2000), SHIMOPT_ERR_NOT_INSIDE);
    CHECK_EQ(shimopt_remove(&s, 0x20000, 0x1000), SHIMOPT_ERR_NOT_INSIDE);
    CHECK_EQ(shimopt_remove(&s, 0x11000, 0xfffffffffffff000ULL),
             SHIMOPT_ERR_NOT_INSIDE);
    CHECK(!memcmp(&s, &before, sizeof(s)));
    CHECK_EQ(shimopt_find(&s, 0x21000, 0xf000), 1);
    CHECK_EQ(shimopt_find(&s, 0x21000, 0x10000), -1);
}

static void remove_refuses_split_of_a_full_set(struct unit_ctx *ctx)
{
    struct shimopt_set s, before;

    s.nr = SHIMOPT_MAX_RANGES;
    for ( unsigned int i = 0; i < SHIMOPT_MAX_RANGES; i++ )
    {
        s.r[i].start_pa = (uint64_t)(4 * i) * PG;
        s.r[i].end_pa = (uint64_t)(4 * i + 3) * PG;
    }
    before = s;
    CHECK_EQ(shimopt_remove(&s, 4 * PG + PG, PG), SHIMOPT_ERR_FULL);
    CHECK(!memcmp(&s, &before, sizeof(s)));
    /* Trimming an edge needs no new slot. */
    CHECK_EQ(shimopt_remove(&s, 4 * PG, PG), SHIMOPT_OK);
}

static void acpi20_takes_any_address_once(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("s", &o, &w), SHIMOPT_OK);
    CHECK(!o.has_acpi20);
    CHECK_EQ(parse("s acpi20=0xfffffffffffff000", &o, &w), SHIMOPT_OK);
    CHECK(o.has_acpi20);
    CHECK_EQ(o.acpi20_pa, 0xfffffffffffff000ULL);
    CHECK_EQ(parse("s acpi20=0", &o, &w), SHIMOPT_OK);
    CHECK(o.has_acpi20 && o.acpi20_pa == 0);
    CHECK(refused("s acpi20=1 acpi20=2", "acpi20=2", SHIMOPT_ERR_REPEATED));
    CHECK(refused("s acpi20=0x10000000000000000", "acpi20=0x10000000000000000",
                  SHIMOPT_ERR_NUMBER));
}

static void secboot_words(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("s", &o, &w), SHIMOPT_OK);
    CHECK(!o.memattr);
    CHECK_EQ(o.shimlock, SHIMOPT_SHIMLOCK_NONE);
    CHECK_EQ(o.moksbstate, -1);
    CHECK_EQ(parse("s memattr=1 shimlock=refuse moksbstate=0", &o, &w),
             SHIMOPT_OK);
    CHECK_EQ(o.memattr, 1);
    CHECK_EQ(o.shimlock, SHIMOPT_SHIMLOCK_REFUSE);
    CHECK_EQ(o.moksbstate, 0);
    CHECK_EQ(parse("s shimlock=accept moksbstate=1", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.shimlock, SHIMOPT_SHIMLOCK_ACCEPT);
    CHECK_EQ(o.moksbstate, 1);
    CHECK(refused("s shimlock=maybe", "shimlock=maybe", SHIMOPT_ERR_VALUE));
    CHECK_EQ(parse("s memattr=2", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.memattr, 2);
    CHECK(refused("s memattr=3", "memattr=3", SHIMOPT_ERR_NUMBER) ||
          refused("s memattr=3", "memattr=3", SHIMOPT_ERR_VALUE));
    CHECK(refused("s memattr=1 memattr=0", "memattr=0",
                  SHIMOPT_ERR_REPEATED));
}

static void runtime_stub_words(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("s", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.rt.gettime, SHIMOPT_GT_NONE);
    CHECK(!shimopt_rt_stubs(&o.rt));
    CHECK_EQ(o.fragment, 0);
    CHECK(!o.has_start && !o.has_child);
    for ( unsigned int g = SHIMOPT_GT_COUNT; g < SHIMOPT_GT_NR; g++ )
    {
        char s[64];

        sprintf(s, "s rt-gettime=%s", shimopt_rt_gettime_name(g));
        CHECK_EQ(parse(s, &o, &w), SHIMOPT_OK);
        CHECK_EQ(o.rt.gettime, g);
        CHECK(shimopt_rt_stubs(&o.rt));
    }
    CHECK_EQ(parse("s rt-var-extra=65536 rt-capsule=persist "
                   "rt-stub-type=data rt-table-high=1 fragment=16384", &o,
                   &w), SHIMOPT_OK);
    CHECK_EQ(o.rt.var_extra, 65536);
    CHECK(o.rt.capsule && o.rt.stub_data && o.rt.table_high);
    CHECK_EQ(o.fragment, 16384);
    CHECK(!o.fragment_rt);
    CHECK(shimopt_rt_stubs(&o.rt));
    CHECK_EQ(parse("s fragment=8 fragment-type=rtdata", &o, &w), SHIMOPT_OK);
    CHECK(o.fragment == 8 && o.fragment_rt);
    CHECK_EQ(parse("s fragment-type=bsdata fragment=8", &o, &w), SHIMOPT_OK);
    CHECK(o.fragment == 8 && !o.fragment_rt);
    /* The table alone needs no stub. */
    CHECK_EQ(parse("s rt-table-high=1", &o, &w), SHIMOPT_OK);
    CHECK(!shimopt_rt_stubs(&o.rt));
    CHECK(refused("s rt-gettime=none", "rt-gettime=none", SHIMOPT_ERR_VALUE));
    CHECK(refused("s rt-var-extra=0", "rt-var-extra=0", SHIMOPT_ERR_VALUE));
    CHECK(refused("s rt-var-extra=65537", "rt-var-extra=65537",
                  SHIMOPT_ERR_VALUE));
    CHECK(refused("s fragment=16385", "fragment=16385", SHIMOPT_ERR_VALUE));
    CHECK(refused("s rt-capsule=once", "rt-capsule=once", SHIMOPT_ERR_VALUE));
    CHECK(refused("s rt-stub-type=data poison=1", "rt-stub-type=data",
                  SHIMOPT_ERR_NO_STUB));
    CHECK(refused("s rt-gettime=nmi rt-gettime=mce", "rt-gettime=mce",
                  SHIMOPT_ERR_REPEATED));
}

static void start_takes_the_rest_after_dashes(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("s moksbstate=1 start=\\EFI\\xen\\xen.efi -- xen.efi "
                   "-cfg=x.cfg -- a=1", &o, &w), SHIMOPT_OK);
    CHECK(o.has_start && o.has_child);
    CHECK_EQ(o.moksbstate, 1);
    CHECK_EQ(o.start_at, 21);
    CHECK_EQ(o.start_chars, 16);
    CHECK_EQ(o.child_at, 41);
    /* Whatever follows the first --, even words of the shim's own. */
    CHECK_EQ(parse("s start=a.efi -- esrt=bogus", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.count, 0);
    CHECK_EQ(parse("s start=a.efi --", &o, &w), SHIMOPT_OK);
    CHECK(o.has_child);
    CHECK_EQ(o.child_at, 16);
    CHECK(refused("s poison=1 -- x", "--", SHIMOPT_ERR_CHILD));
    CHECK(refused("s fragment-type=rtdata", "fragment-type=rtdata",
                  SHIMOPT_ERR_NO_FRAGMENT));
    CHECK(refused("s fragment=2 fragment-type=code", "fragment-type=code",
                  SHIMOPT_ERR_VALUE));
    CHECK(refused("s start=", "start=", SHIMOPT_ERR_VALUE));
}

static void esrt_class_corruptions(struct unit_ctx *ctx)
{
    struct shimopt o;
    struct shimopt_where w;

    CHECK_EQ(parse("s esrt=2 esrt-corrupt=dup-class", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.corrupt, SHIMOPT_ESRT_DUP_CLASS);
    CHECK_EQ(parse("s esrt=1 esrt-corrupt=nil-class", &o, &w), SHIMOPT_OK);
    CHECK_EQ(o.esrt.corrupt, SHIMOPT_ESRT_NIL_CLASS);
    CHECK(refused("s esrt=1 esrt-corrupt=dup-class", "esrt-corrupt=dup-class",
                  SHIMOPT_ERR_ESRT_DUP));
}

static const struct unit_case shimopt_cases[] = {
    { "runtime_stub_words", runtime_stub_words },
    { "start_takes_the_rest_after_dashes",
      start_takes_the_rest_after_dashes },
    { "esrt_class_corruptions", esrt_class_corruptions },
    { "secboot_words", secboot_words },
    { "acpi20_takes_any_address_once", acpi20_takes_any_address_once },
    { "parses_shell_command_line", parses_shell_command_line },
    { "hex_prefix_optional_and_any_case", hex_prefix_optional_and_any_case },
    { "sorts_and_merges_touching_ranges", sorts_and_merges_touching_ranges },
    { "first_word_with_equals_is_an_option",
      first_word_with_equals_is_an_option },
    { "empty_or_null_options_ask_for_nothing",
      empty_or_null_options_ask_for_nothing },
    { "stops_at_nul_and_ignores_odd_byte", stops_at_nul_and_ignores_odd_byte },
    { "accept_spans_kept_in_order_as_given",
      accept_spans_kept_in_order_as_given },
    { "refuses_bad_words_naming_them", refuses_bad_words_naming_them },
    { "refuses_numbers_past_64_bits", refuses_numbers_past_64_bits },
    { "refuses_unaligned_empty_and_reversed",
      refuses_unaligned_empty_and_reversed },
    { "refuses_overlap_keeping_earlier_ranges",
      refuses_overlap_keeping_earlier_ranges },
    { "refuses_more_ranges_than_the_maximum",
      refuses_more_ranges_than_the_maximum },
    { "remove_trims_edges_and_splits_middle",
      remove_trims_edges_and_splits_middle },
    { "remove_refuses_without_changing_the_set",
      remove_refuses_without_changing_the_set },
    { "remove_refuses_split_of_a_full_set",
      remove_refuses_split_of_a_full_set },
    { "esrt_words_default_as_documented", esrt_words_default_as_documented },
    { "parses_every_esrt_word", parses_every_esrt_word },
    { "refuses_bad_esrt_values_naming_them",
      refuses_bad_esrt_values_naming_them },
    { "refuses_repeated_and_dangling_esrt_words",
      refuses_repeated_and_dangling_esrt_words },
    { "esrt_type_values_are_uefi_memory_types",
      esrt_type_values_are_uefi_memory_types },
};
UNIT_SUITE(shimopt, shimopt_cases)
