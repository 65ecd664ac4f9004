/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/rt_map.c, the plan of the EFI runtime page
 * tables. The maps are small normalized maps written here; the OVMF-like
 * one follows the runtime entries OVMF on QEMU q35 reports (runtime data,
 * one runtime code block, the flash as runtime MMIO), its attributes
 * table the per-section split the UEFI spec describes (PE header and data
 * XP, text RO). Attribute tables are built as the spec lays them out:
 * a 16-byte header, then descriptors of a chosen size.
 */
#include <stdint.h>
#include <string.h>

#include <xen/rt_map.h>

#include "unit.h"

#define PG      4096ULL
#define WB      0xfULL
#define UCA     0x1ULL
#define RT      (1ULL << 63)
#define RO      EFIMAP_ATTR_RO
#define XP      EFIMAP_ATTR_XP
#define RP      EFIMAP_ATTR_RP
#define CODE    EFIMAP_TYPE_RS_CODE
#define DATA    EFIMAP_TYPE_RS_DATA
#define CONV    EFIMAP_TYPE_CONVENTIONAL
#define MMIO    EFIMAP_TYPE_MMIO
#define LIMIT   (1ULL << 47)
#define W       RT_MAP_W
#define X       RT_MAP_X
#define UC      RT_MAP_UC
#define M       RT_MAP_MAT
#define BSC     EFIMAP_TYPE_BS_CODE
#define BSD     EFIMAP_TYPE_BS_DATA

struct matd {
    uint32_t type;
    uint64_t pa, pages, attr;
};

/* Lays out an attributes table of n entries with desc_bytes each. */
static size_t mat_build(uint8_t *buf, uint32_t version, uint32_t desc_bytes,
                        const struct matd *d, uint32_t n)
{
    memset(buf, 0, 16 + (size_t)n * desc_bytes);
    memcpy(buf, &version, 4);
    memcpy(buf + 4, &n, 4);
    memcpy(buf + 8, &desc_bytes, 4);
    for ( uint32_t i = 0; i < n; i++ )
    {
        uint8_t *p = buf + 16 + (size_t)i * desc_bytes;

        memcpy(p, &d[i].type, 4);
        memcpy(p + 8, &d[i].pa, 8);
        memcpy(p + 16, &d[i].pa, 8);
        memcpy(p + 24, &d[i].pages, 8);
        memcpy(p + 32, &d[i].attr, 8);
    }
    return 16 + (size_t)n * desc_bytes;
}

static const struct efimap_entry ovmf[] = {
    { 0x0, 0x9f, WB, CONV, 0 },
    { 0x1eaa0000, 258, WB | RT, DATA, 1 },
    { 0x1eba2000, 0x100, WB, CONV, 2 },
    { 0x1f4ec000, 256, WB | RT, DATA, 3 },
    { 0x1f5ec000, 256, WB | RT, CODE, 4 },
    { 0x1fef4000, 132, WB | RT, DATA, 5 },
    { 0xffc00000, 1024, UCA | RT, MMIO, 6 },
};
#define NR_OVMF (sizeof(ovmf) / sizeof(ovmf[0]))

static void no_table_code_and_data_rwx_mmio_uc(struct unit_ctx *ctx)
{
    struct rt_map_range out[16];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, NULL, 0, LIMIT, 0, out, 16, &n,
                         &rep), RT_MAP_OK);
    CHECK_EQ(rep.mat, RT_MAT_NONE);
    CHECK_EQ(rep.nr_runtime, 5);
    CHECK_EQ(rep.nr_boot_services, 0);
    /* Runtime data and code touch and share RWX: merged. */
    CHECK_EQ(n, 4);
    CHECK_EQ(out[0].pa, 0x1eaa0000);
    CHECK_EQ(out[0].flags, W | X);
    CHECK_EQ(out[1].pa, 0x1f4ec000);
    CHECK_EQ(out[1].nr_pages, 256 + 256);
    CHECK_EQ(out[1].flags, W | X);
    CHECK_EQ(out[2].pa, 0x1fef4000);
    CHECK_EQ(out[3].pa, 0xffc00000);
    CHECK_EQ(out[3].flags, W | UC);
    CHECK_EQ(rep.pages, 258 + 256 + 256 + 132 + 1024);
    CHECK_EQ(rep.wx_pages, 258 + 256 + 256 + 132);
}

static void no_table_data_with_xp_is_nx(struct unit_ctx *ctx)
{
    static const struct efimap_entry m[] = {
        { 0x100000, 4, WB | RT | XP, DATA, 0 },
        { 0x104000, 4, WB | RT, DATA, 1 },
        { 0x110000, 4, WB | RT | XP, CODE, 2 },
    };
    struct rt_map_range out[4];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(m, 3, NULL, 0, LIMIT, 0, out, 4, &n, &rep),
             RT_MAP_OK);
    CHECK_EQ(n, 3);
    CHECK_EQ(out[0].flags, W);
    CHECK_EQ(out[1].flags, W | X);
    /* Runtime code stays executable: the map's XP is not its permission. */
    CHECK_EQ(out[2].flags, W | X);
    CHECK_EQ(rep.wx_pages, 8);
}

static void table_splits_code_into_rx_and_rw_nx(struct unit_ctx *ctx)
{
    static const struct matd d[] = {
        { CODE, 0x1f5ec000, 1, RT | XP },           /* PE header */
        { CODE, 0x1f5ed000, 10, RT | RO },          /* text */
        { CODE, 0x1f5f7000, 245, RT | XP },         /* data */
        { DATA, 0x1fef4000, 132, RT | XP },
    };
    uint8_t buf[512];
    size_t len = mat_build(buf, 1, 48, d, 4);
    struct rt_map_range out[16];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n,
                         &rep), RT_MAP_OK);
    CHECK_EQ(rep.mat, RT_MAT_OK);
    CHECK_EQ(rep.nr_mat_outside, 0);
    CHECK_EQ(rep.wx_pages, 0);
    /* data 0x1f4ec000 | header RW NX | text RX | data RW NX | ... */
    CHECK_EQ(out[1].pa, 0x1f4ec000);
    CHECK_EQ(out[1].flags, W);
    CHECK_EQ(out[2].pa, 0x1f5ec000);
    CHECK_EQ(out[2].nr_pages, 1);
    CHECK_EQ(out[2].flags, W | M);
    CHECK_EQ(out[3].pa, 0x1f5ed000);
    CHECK_EQ(out[3].flags, X | M);
    CHECK_EQ(out[4].flags, W | M);
    CHECK_EQ(out[4].nr_pages, 245);
    CHECK_EQ(out[5].pa, 0x1fef4000);
    CHECK_EQ(out[5].flags, W | M);
    CHECK_EQ(n, 7);
}

static void table_gap_in_code_keeps_the_default(struct unit_ctx *ctx)
{
    static const struct matd d[] = { { CODE, 0x1f5ed000, 10, RT | RO } };
    uint8_t buf[128];
    size_t len = mat_build(buf, 2, 40, d, 1);
    struct rt_map_range out[16];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n,
                         &rep), RT_MAP_OK);
    CHECK_EQ(rep.mat, RT_MAT_OK);
    CHECK_EQ(rep.wx_pages, 1 + 245);
    CHECK_EQ(out[2].flags, W | X);
    CHECK_EQ(out[3].flags, X | M);
    CHECK_EQ(out[4].flags, W | X);
}

static void table_entry_without_ro_or_xp_is_rwx(struct unit_ctx *ctx)
{
    static const struct matd d[] = {
        { CODE, 0x1f5ec000, 256, RT },
        { DATA, 0x1fef4000, 132, RT },
    };
    uint8_t buf[256];
    size_t len = mat_build(buf, 1, 48, d, 2);
    struct rt_map_range out[16];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n,
                         &rep), RT_MAP_OK);
    CHECK_EQ(rep.nr_mat_wx, 2);
    CHECK_EQ(rep.wx_pages, 256 + 132);
    CHECK_EQ(out[2].flags, W | X | M);
    CHECK_EQ(out[3].flags, W | X | M);
    /* Runtime data the table leaves out stays no-execute. */
    CHECK_EQ(out[0].flags, W);
}

static void table_read_protect_leaves_pages_out(struct unit_ctx *ctx)
{
    static const struct matd d[] = { { CODE, 0x1f5ec000, 2, RT | RP } };
    uint8_t buf[128];
    size_t len = mat_build(buf, 1, 40, d, 1);
    struct rt_map_range out[16];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n,
                         &rep), RT_MAP_OK);
    CHECK_EQ(out[2].pa, 0x1f5ee000);
    CHECK_EQ(out[2].nr_pages, 254);
    CHECK_EQ(rep.pages, 258 + 256 + 254 + 132 + 1024);
}

static void table_never_adds_pages(struct unit_ctx *ctx)
{
    /* Reaches from runtime code into conventional memory and beyond. */
    static const struct matd d[] = {
        { CODE, 0x1f5ec000, 0x1000, RT | RO },
        { DATA, 0x0, 4, RT | XP },
    };
    static const struct matd sorted[] = { d[1], d[0] };
    uint8_t buf[256];
    size_t len = mat_build(buf, 1, 40, sorted, 2);
    struct rt_map_range out[16];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n,
                         &rep), RT_MAP_OK);
    CHECK_EQ(rep.nr_mat_outside, 2);
    CHECK_EQ(rep.pages, 258 + 256 + 256 + 132 + 1024);
    CHECK_EQ(out[0].pa, 0x1eaa0000);
}

static void malformed_tables_are_not_used(struct unit_ctx *ctx)
{
    static const struct matd twice[] = {
        { CODE, 0x1f5ec000, 4, RT | RO }, { CODE, 0x1f5ee000, 4, RT | XP },
    };
    static const struct matd badtype[] = { { CONV, 0x1f5ec000, 4, RO } };
    static const struct matd unaligned[] = { { CODE, 0x1f5ec800, 4, RO } };
    static const struct matd wraps[] = {
        { CODE, 0xfffffffffffff000ULL, 2, RO },
    };
    uint8_t buf[256];
    struct rt_map_range out[16];
    struct rt_map_report rep;
    unsigned int n;
    size_t len;

    len = mat_build(buf, 1, 40, twice, 2);
    rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n, &rep);
    CHECK_EQ(rep.mat, RT_MAT_ENTRY_ORDER);
    CHECK_EQ(rep.wx_pages, 258 + 256 + 256 + 132);
    len = mat_build(buf, 1, 40, badtype, 1);
    rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n, &rep);
    CHECK_EQ(rep.mat, RT_MAT_ENTRY_TYPE);
    len = mat_build(buf, 1, 40, unaligned, 1);
    rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n, &rep);
    CHECK_EQ(rep.mat, RT_MAT_ENTRY_RANGE);
    len = mat_build(buf, 1, 40, wraps, 1);
    rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n, &rep);
    CHECK_EQ(rep.mat, RT_MAT_ENTRY_RANGE);
    len = mat_build(buf, 3, 40, badtype, 1);
    rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n, &rep);
    CHECK_EQ(rep.mat, RT_MAT_VERSION);
    len = mat_build(buf, 1, 36, badtype, 1);
    rt_map_plan(ovmf, NR_OVMF, buf, len, LIMIT, 0, out, 16, &n, &rep);
    CHECK_EQ(rep.mat, RT_MAT_DESC_SIZE);
    len = mat_build(buf, 1, 40, twice, 2);
    rt_map_plan(ovmf, NR_OVMF, buf, len - 1, LIMIT, 0, out, 16, &n,
                &rep);
    CHECK_EQ(rep.mat, RT_MAT_SHORT);
    rt_map_plan(ovmf, NR_OVMF, buf, 15, LIMIT, 0, out, 16, &n, &rep);
    CHECK_EQ(rep.mat, RT_MAT_SHORT);
}

static void mapbs_maps_boot_services_too(struct unit_ctx *ctx)
{
    static const struct efimap_entry m[] = {
        { 0x100000, 4, WB, BSC, 0 },
        { 0x104000, 4, WB, CONV, 1 },
        { 0x108000, 4, WB | XP, BSD, 2 },
        { 0x10c000, 2, WB, BSD, 3 },
        { 0x200000, 4, WB | RT, DATA, 4 },
    };
    static const struct matd d[] = { { DATA, 0x200000, 4, RT | XP } };
    uint8_t buf[128];
    size_t len = mat_build(buf, 1, 40, d, 1);
    struct rt_map_range out[8];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(m, 5, NULL, 0, LIMIT, 0, out, 8, &n, &rep),
             RT_MAP_OK);
    CHECK_EQ(n, 1);
    CHECK_EQ(out[0].pa, 0x200000);
    CHECK_EQ(rep.nr_boot_services, 0);
    CHECK_EQ(rt_map_plan(m, 5, buf, len, LIMIT, RT_PLAN_MAPBS, out, 8, &n,
                         &rep), RT_MAP_OK);
    CHECK_EQ(rep.nr_boot_services, 3);
    CHECK_EQ(rep.nr_runtime, 1);
    CHECK_EQ(n, 4);
    CHECK_EQ(out[0].pa, 0x100000);
    CHECK_EQ(out[0].flags, W | X);
    CHECK_EQ(out[1].pa, 0x108000);
    CHECK_EQ(out[1].flags, W);
    CHECK_EQ(out[2].pa, 0x10c000);
    CHECK_EQ(out[2].flags, W | X);
    CHECK_EQ(out[3].flags, W | M);
    CHECK_EQ(rep.pages, 4 + 4 + 2 + 4);
    CHECK_EQ(rep.wx_pages, 6);
}

static void ranges_past_the_limit_are_cut(struct unit_ctx *ctx)
{
    static const struct efimap_entry m[] = {
        { LIMIT - 2 * PG, 4, WB | RT, DATA, 0 },
        { LIMIT + 4 * PG, 4, WB | RT, DATA, 1 },
        { 0xfffffffffffff000ULL, 1, WB | RT, CODE, 2 },
    };
    struct rt_map_range out[4];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(m, 3, NULL, 0, LIMIT, 0, out, 4, &n, &rep),
             RT_MAP_OK);
    CHECK_EQ(n, 1);
    CHECK_EQ(out[0].nr_pages, 2);
    CHECK_EQ(rep.nr_clipped, 3);
    CHECK_EQ(rep.nr_runtime, 3);
}

static void no_room_reports_the_need(struct unit_ctx *ctx)
{
    struct rt_map_range out[2];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, NULL, 0, LIMIT, 0, out, 2, &n,
                         &rep), RT_MAP_ERR_NO_ROOM);
    CHECK_EQ(n, 4);
    CHECK_EQ(out[1].pa, 0x1f4ec000);
}

static void bad_input_is_refused(struct unit_ctx *ctx)
{
    static const struct efimap_entry overlap[] = {
        { 0x1000, 4, RT, DATA, 0 }, { 0x2000, 4, RT, CODE, 1 },
    };
    struct rt_map_range out[4];
    struct rt_map_report rep;
    unsigned int n;

    CHECK_EQ(rt_map_plan(overlap, 2, NULL, 0, LIMIT, 0, out, 4, &n,
                         &rep),
             RT_MAP_ERR_MAP);
    CHECK_EQ(n, 0);
    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, NULL, 0, LIMIT + 1, 0, out, 4, &n,
                         &rep), RT_MAP_ERR_LIMIT);
    CHECK_EQ(rt_map_plan(ovmf, NR_OVMF, NULL, 0, 0, 0, out, 4, &n, &rep),
             RT_MAP_ERR_LIMIT);
    CHECK_EQ(rt_map_plan(NULL, 0, NULL, 0, LIMIT, 0, out, 4, &n, &rep),
             RT_MAP_OK);
    CHECK_EQ(n, 0);
}

static const struct unit_case cases[] = {
    { "no table: code and data RWX, MMIO uncached",
      no_table_code_and_data_rwx_mmio_uc },
    { "no table: data with EFI_MEMORY_XP is no-execute",
      no_table_data_with_xp_is_nx },
    { "table splits code into RX and RW NX",
      table_splits_code_into_rx_and_rw_nx },
    { "a gap the table leaves in code keeps the default",
      table_gap_in_code_keeps_the_default },
    { "a table entry with neither RO nor XP is RWX",
      table_entry_without_ro_or_xp_is_rwx },
    { "EFI_MEMORY_RP leaves pages unmapped",
      table_read_protect_leaves_pages_out },
    { "the table never adds pages", table_never_adds_pages },
    { "malformed tables are not used", malformed_tables_are_not_used },
    { "mapbs maps boot-services code and data too",
      mapbs_maps_boot_services_too },
    { "ranges past the limit are cut", ranges_past_the_limit_are_cut },
    { "no room reports the need", no_room_reports_the_need },
    { "bad input is refused", bad_input_is_refused },
};

UNIT_SUITE(rt_map, cases);
