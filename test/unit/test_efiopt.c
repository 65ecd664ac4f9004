/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/efiopt.c: the efi= and efi-retain= options.
 * Kind indices come from the registry itself (retain_kind_named), so the
 * tests follow its order.
 */
#include <string.h>

#include <xen/efiopt.h>
#include <xen/retain.h>

#include "unit.h"

static struct efiopt parse(const char *s)
{
    struct efiopt o;

    efiopt_parse(s, strlen(s), &o);
    return o;
}

static unsigned int idx(const char *name)
{
    return retain_kind_named(name, strlen(name)) - retain_kinds;
}

static void defaults_retain_every_kind(struct unit_ctx *ctx)
{
    struct efiopt o = parse("console=com1");

    CHECK(o.retain);
    CHECK(!o.mapbs);
    CHECK_EQ(o.nr_unknown, 0);
    for ( unsigned int i = 0; i < retain_nr_kinds; i++ )
        CHECK(efiopt_retains(&o, i));
    CHECK(!efiopt_retains(&o, retain_nr_kinds));
}

static void efi_list_sets_mapbs_and_retention(struct unit_ctx *ctx)
{
    struct efiopt o = parse("efi=mapbs,no-retain");

    CHECK(o.mapbs);
    CHECK(!o.retain);
    CHECK(!efiopt_retains(&o, 0));
    o = parse("efi=no-retain efi=retain,no-mapbs efi=mapbs");
    CHECK(o.retain);
    CHECK(o.mapbs);
}

static void retain_list_selects_exactly_its_kinds(struct unit_ctx *ctx)
{
    struct efiopt o = parse("efi-retain=esrt,rtprop");

    CHECK(efiopt_retains(&o, idx("esrt")));
    CHECK(efiopt_retains(&o, idx("rtprop")));
    CHECK(!efiopt_retains(&o, idx("memattr")));
    o = parse("efi-retain=none");
    for ( unsigned int i = 0; i < retain_nr_kinds; i++ )
        CHECK(!efiopt_retains(&o, i));
    CHECK(o.retain);
}

static void later_list_replaces_earlier(struct unit_ctx *ctx)
{
    struct efiopt o = parse("efi-retain=esrt efi-retain=memattr");

    CHECK(!efiopt_retains(&o, idx("esrt")));
    CHECK(efiopt_retains(&o, idx("memattr")));
    o = parse("efi-retain=none,esrt");
    CHECK(efiopt_retains(&o, idx("esrt")));
    o = parse("efi-retain=esrt,all");
    for ( unsigned int i = 0; i < retain_nr_kinds; i++ )
        CHECK(efiopt_retains(&o, i));
}

static void unknown_words_are_counted_and_named(struct unit_ctx *ctx)
{
    struct efiopt o = parse("efi=mapbs,bogus efi-retain=esrt,tpm efi");

    CHECK(o.mapbs);
    CHECK_EQ(o.nr_unknown, 3);
    CHECK(!strcmp(o.first_unknown, "efi=bogus"));
    CHECK(efiopt_retains(&o, idx("esrt")));
    o = parse("efi-retain=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    CHECK_EQ(o.nr_unknown, 1);
    CHECK_EQ(strlen(o.first_unknown), sizeof(o.first_unknown) - 1);
}

static void empty_items_are_unknown_not_fatal(struct unit_ctx *ctx)
{
    struct efiopt o = parse("efi=,mapbs,");

    CHECK(o.mapbs);
    CHECK_EQ(o.nr_unknown, 1);
}

static const struct unit_case efiopt_cases[] = {
    { "defaults_retain_every_kind", defaults_retain_every_kind },
    { "efi_list_sets_mapbs_and_retention",
      efi_list_sets_mapbs_and_retention },
    { "retain_list_selects_exactly_its_kinds",
      retain_list_selects_exactly_its_kinds },
    { "later_list_replaces_earlier", later_list_replaces_earlier },
    { "unknown_words_are_counted_and_named",
      unknown_words_are_counted_and_named },
    { "empty_items_are_unknown_not_fatal",
      empty_items_are_unknown_not_fatal },
};

UNIT_SUITE(efiopt, efiopt_cases)
