/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for tools/lib/fwinfo.c, the logic the dom0 tools share with
 * their future Linux back end. Answers are written out by hand from the
 * layouts in reference sections 3.5, 5 and 7; the truncated ESRT case is
 * the region Xen 4.17 leaves when it copies 40 * count bytes of a
 * 16 + 40 * count byte table into a region that ends right after the copy.
 */
#include <stdio.h>
#include <string.h>

#include "fwinfo.h"
#include "unit.h"

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static void esrt_hdr(uint8_t *h, uint32_t count, uint32_t max,
                     uint32_t version)
{
    memset(h, 0, 16);
    put32(h, count);
    put32(h + 4, max);
    put32(h + 8, version);
}

static void linux_table_rule(struct unit_ctx *ctx)
{
    static const uint32_t ok[] = { 0, 5, 6, 9, 10 };
    uint32_t t;
    unsigned int i, n = 0;

    for ( i = 0; i < sizeof(ok) / sizeof(ok[0]); i++ )
        CHECK(fwinfo_linux_table_type_ok(ok[i]));
    for ( t = 0; t < 64; t++ )
        n += fwinfo_linux_table_type_ok(t);
    CHECK_EQ(n, 5);
    CHECK(!fwinfo_linux_table_type_ok(4));
}

static void linux_esrt_rule(struct unit_ctx *ctx)
{
    CHECK(fwinfo_linux_esrt_mem_ok(4, 0));
    CHECK(fwinfo_linux_esrt_mem_ok(6, 0));
    CHECK(fwinfo_linux_esrt_mem_ok(9, 0));
    CHECK(fwinfo_linux_esrt_mem_ok(10, 0));
    CHECK(!fwinfo_linux_esrt_mem_ok(5, 0));
    CHECK(fwinfo_linux_esrt_mem_ok(5, 1ULL << 63));
    CHECK(!fwinfo_linux_esrt_mem_ok(0, 0xf));
    /* Only 6 and 9 pass both rules (reference 5). */
    CHECK(fwinfo_linux_table_type_ok(9) && fwinfo_linux_esrt_mem_ok(9, 0));
    CHECK(!(fwinfo_linux_table_type_ok(4) && fwinfo_linux_esrt_mem_ok(4, 0)));
}

static void esrt_ok(struct unit_ctx *ctx)
{
    uint8_t h[16];
    struct fwinfo_esrt e;

    esrt_hdr(h, 2, 4, 1);
    CHECK_EQ(fwinfo_esrt_check(h, 96, &e), FWINFO_ESRT_OK);
    CHECK_EQ(e.count, 2);
    CHECK_EQ(e.count_max, 4);
    CHECK_EQ(e.table_bytes, 96);
    CHECK_EQ(e.nr_whole, 2);
}

static void esrt_xen417_short_copy(struct unit_ctx *ctx)
{
    uint8_t h[16];
    struct fwinfo_esrt e;

    /* Three entries: the table is 136 bytes, the region 120. */
    esrt_hdr(h, 3, 3, 1);
    CHECK_EQ(fwinfo_esrt_check(h, 120, &e), FWINFO_ESRT_TRUNCATED);
    CHECK_EQ(e.table_bytes, 136);
    CHECK_EQ(e.nr_whole, 2);
    CHECK(strstr(fwinfo_esrt_strerror(FWINFO_ESRT_TRUNCATED), "region"));
}

static void esrt_rules_in_order(struct unit_ctx *ctx)
{
    uint8_t h[16];
    struct fwinfo_esrt e;

    esrt_hdr(h, 1, 1, 1);
    CHECK_EQ(fwinfo_esrt_check(h, 15, &e), FWINFO_ESRT_NO_ROOM_HEADER);
    CHECK_EQ(e.count, 0);
    esrt_hdr(h, 1, 1, 2);
    CHECK_EQ(fwinfo_esrt_check(h, 4096, &e), FWINFO_ESRT_BAD_VERSION);
    esrt_hdr(h, 3, 2, 1);
    CHECK_EQ(fwinfo_esrt_check(h, 4096, &e), FWINFO_ESRT_COUNT_OVER_MAX);
    /* Above Linux's 128: valid, and flagged. */
    esrt_hdr(h, 129, 200, 1);
    CHECK_EQ(fwinfo_esrt_check(h, 1 << 20, &e), FWINFO_ESRT_OK);
    CHECK(e.over_linux);
    esrt_hdr(h, 128, 128, 1);
    CHECK_EQ(fwinfo_esrt_check(h, 16 + 40 * 128, &e), FWINFO_ESRT_OK);
    CHECK(!e.over_linux);
    /* A zero count is a valid empty table for Linux. */
    esrt_hdr(h, 0, 0, 1);
    CHECK_EQ(fwinfo_esrt_check(h, 16, &e), FWINFO_ESRT_OK);
}

static void esrt_huge_count_no_overflow(struct unit_ctx *ctx)
{
    uint8_t h[16];
    struct fwinfo_esrt e;

    esrt_hdr(h, 0xffffffff, 0xffffffff, 1);
    CHECK_EQ(fwinfo_esrt_check(h, ~0ULL, &e), FWINFO_ESRT_OK);
    CHECK(e.over_linux);
    CHECK_EQ(e.table_bytes, 16 + 40ULL * 0xffffffff);
    CHECK_EQ(e.nr_whole, 0xffffffff);
}

static void esrt_pool_tail_inside_last_entry(struct unit_ctx *ctx)
{
    /* Three entries copied as 120 bytes into an EDK2 pool block: the
     * block's tail (bytes seen under Xen 4.17 with OVMF: "ptal", 0xaf
     * fill, size 0xa0) starts at table offset 120. */
    static const uint8_t tail[16] = { 'p', 't', 'a', 'l', 0xaf, 0xaf, 0xaf,
                                      0xaf, 0xa0, 0, 0, 0, 0, 0, 0, 0 };
    uint8_t t[16 + 3 * 40 + 16];

    memset(t, 0x11, sizeof(t));
    esrt_hdr(t, 3, 3, 1);
    CHECK(!fwinfo_esrt_pool_tail_short(t, 3));
    memcpy(t + 120, tail, sizeof(tail));
    CHECK(fwinfo_esrt_pool_tail_short(t, 3));
    CHECK(!fwinfo_esrt_pool_tail_short(t, 0));
    /* A whole copy puts the tail after the table, where it is not looked
     * for. */
    memset(t, 0x11, sizeof(t));
    memcpy(t + 136, tail, 4);
    CHECK(!fwinfo_esrt_pool_tail_short(t, 3));
}

static void meminfo_room(struct unit_ctx *ctx)
{
    /* Asked at the page; the answer counts from the page. */
    CHECK_EQ(fwinfo_meminfo_room(0x1f5ebc98, 0x2000), 0x2000 - 0xc98);
    CHECK_EQ(fwinfo_meminfo_room(0x1000, 0x1000), 0x1000);
    CHECK_EQ(fwinfo_meminfo_room(0x1c98, 0xc98), 0);
    CHECK_EQ(fwinfo_meminfo_room(0x1c98, 0), 0);
}

static void config_table_line(struct unit_ctx *ctx)
{
    uint8_t e[24];
    char buf[FWINFO_LINE_MAX];

    memcpy(e, fwinfo_esrt_guid, 16);
    put32(e + 16, 0x1f4ea018);
    put32(e + 20, 0);
    CHECK(!strcmp(fwinfo_cfg_line(buf, 3, e), "config_table 3: "
                  "guid=b122a263-3661-4f68-9929-78f8b0d62180 "
                  "addr=0x1f4ea018 name=ESRT"));
    memset(e, 0, 16);
    CHECK(strstr(fwinfo_cfg_line(buf, 0, e), " name=-"));
}

static void known_guid_names(struct unit_ctx *ctx)
{
    /* The GUID strings of reference 7.6 map back to their names. */
    static const struct {
        const char *guid, *name;
    } cases[] = {
        { "8868e871-e4f1-11d3-bc22-0080c73c8881", "ACPI20" },
        { "eb9d2d30-2d88-11d3-9a16-0090273fc14d", "ACPI" },
        { "eb9d2d31-2d88-11d3-9a16-0090273fc14d", "SMBIOS" },
        { "f2fd1544-9794-4a2c-992e-e5bbcf20e394", "SMBIOS3" },
        { "eb9d2d2f-2d88-11d3-9a16-0090273fc14d", "MPS" },
        { "b122a263-3661-4f68-9929-78f8b0d62180", "ESRT" },
        { "d5d1de3c-105c-44f9-9ea9-bcef98120031", "LinuxUnaccepted" },
    };
    unsigned int i, j;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        uint8_t e[24] = { 0 }, g[16];
        char buf[FWINFO_LINE_MAX], want[FWINFO_LINE_MAX];
        const char *s = cases[i].guid;
        unsigned int v[16];

        /* Parse 8-4-4-4-12 into the in-memory byte order. */
        sscanf(s, "%2x%2x%2x%2x-%2x%2x-%2x%2x-%2x%2x-%2x%2x%2x%2x%2x%2x",
               &v[3], &v[2], &v[1], &v[0], &v[5], &v[4], &v[7], &v[6],
               &v[8], &v[9], &v[10], &v[11], &v[12], &v[13], &v[14],
               &v[15]);
        for ( j = 0; j < 16; j++ )
            g[j] = v[j];
        memcpy(e, g, 16);
        snprintf(want, sizeof(want), "config_table 0: guid=%s addr=0x0 "
                 "name=%s", s, cases[i].name);
        CHECK(!strcmp(fwinfo_cfg_line(buf, 0, e), want));
    }
}

static void e820_and_efimap_lines(struct unit_ctx *ctx)
{
    uint8_t e[20] = { 0 }, d[48] = { 0 };
    char buf[FWINFO_LINE_MAX];

    put32(e, 0x100000);
    put32(e + 8, 0x1ff00000);
    put32(e + 16, 1);
    CHECK(!strcmp(fwinfo_e820_line(buf, 3, e), "e820 3: "
                  "[0x0000000000100000, 0x0000000020000000) type=1 RAM"));
    put32(e + 16, 99);
    CHECK(strstr(fwinfo_e820_line(buf, 3, e), "type=99 Unknown"));

    put32(d, 9);
    put32(d + 8, 0x1f76c000);
    put32(d + 24, 0x12);
    put32(d + 32, 0xf);
    d[39] = 0x80;
    CHECK(!strcmp(fwinfo_efimap_line(buf, 7, d), "efimap 7: "
                  "[0x000000001f76c000, 0x000000001f77e000) type=9 "
                  "ACPIReclaim attr=0x800000000000000f"));
}

static void meminfo_line(struct unit_ctx *ctx)
{
    char buf[FWINFO_LINE_MAX];

    CHECK(!strcmp(fwinfo_meminfo_line(buf, 0x1f4ea000, 6, 1ULL << 63,
                                      0x3000),
                  "mem_info addr=0x1f4ea000: type=6 RuntimeServicesData "
                  "attr=0x8000000000000000 size=0x3000"));
}

static void hostile_lines(struct unit_ctx *ctx)
{
    char buf[FWINFO_LINE_MAX];
    const long one[1] = { -14 }, two[2] = { -1, -16 }, ok[2] = { -22, 0 };
    bool pass;

    CHECK(!strcmp(fwinfo_hostile_line(buf, "console-unmapped", -14, one, 1,
                                      &pass),
                  "hostile console-unmapped: rc=-14 (EFAULT) "
                  "expected=EFAULT pass"));
    CHECK(pass);
    CHECK(!strcmp(fwinfo_hostile_line(buf, "map-foreign-ram", -16, two, 2,
                                      &pass),
                  "hostile map-foreign-ram: rc=-16 (EBUSY) "
                  "expected=EPERM|EBUSY pass"));
    CHECK(pass);
    fwinfo_hostile_line(buf, "x", 0, one, 1, &pass);
    CHECK(!pass);
    CHECK(strstr(buf, "rc=0 (OK) expected=EFAULT FAIL"));
    fwinfo_hostile_line(buf, "x", -9999, two, 2, &pass);
    CHECK(!pass && strstr(buf, "(E?)"));
    /* Success may be one of the accepted answers. */
    CHECK(strstr(fwinfo_hostile_line(buf, "x", 0, ok, 2, &pass),
                 "rc=0 (OK) expected=EINVAL|OK pass"));
    CHECK(pass);
}

static void vendor_string(struct unit_ctx *ctx)
{
    static const uint8_t ucs2[] = { 'E', 0, 'D', 0, 'K', 0, ' ', 0, 0xe9, 0,
                                    'I', 0, 0, 0, 'X', 0 };
    char buf[16];

    CHECK(!strcmp(fwinfo_ucs2_ascii(buf, sizeof(buf), ucs2, 8), "EDK ?I"));
    CHECK(!strcmp(fwinfo_ucs2_ascii(buf, 4, ucs2, 8), "EDK"));
    CHECK(!strcmp(fwinfo_ucs2_ascii(buf, sizeof(buf), ucs2, 2), "ED"));
}

static const struct unit_case dom0tools_cases[] = {
    { "linux_table_rule_is_0_5_6_9_10", linux_table_rule },
    { "linux_esrt_rule_runtime_or_4_6_9_10", linux_esrt_rule },
    { "esrt_valid_table_accepted", esrt_ok },
    { "esrt_xen417_short_copy_detected", esrt_xen417_short_copy },
    { "esrt_rules_checked_in_order", esrt_rules_in_order },
    { "esrt_huge_count_does_not_overflow", esrt_huge_count_no_overflow },
    { "esrt_pool_tail_inside_last_entry", esrt_pool_tail_inside_last_entry },
    { "meminfo_room_counts_from_the_table", meminfo_room },
    { "config_table_line_names_esrt", config_table_line },
    { "known_guids_named", known_guid_names },
    { "e820_and_efimap_lines", e820_and_efimap_lines },
    { "meminfo_line", meminfo_line },
    { "hostile_lines_and_verdicts", hostile_lines },
    { "vendor_string_ascii", vendor_string },
};

UNIT_SUITE(dom0tools, dom0tools_cases);
