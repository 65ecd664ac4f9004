/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/efimap_hv.c: the XEN_FW_EFI_MEMORY_MAP answer, the
 * firmware map with the hypervisor's own pages reserved.
 */
#include <stdint.h>
#include <string.h>
#include <xen/efimap_hv.h>
#include "unit.h"

#define PG          4096ULL
#define DESC        48          /* a firmware desc_size past the 40 bytes */

struct rec {
    uint32_t type;
    uint32_t pad;
    uint64_t phys;
    uint64_t virt;
    uint64_t pages;
    uint64_t attr;
    uint64_t extra;
};
_Static_assert(sizeof(struct rec) == DESC, "rec");

static struct rec mk(uint32_t type, uint64_t phys, uint64_t pages,
                     uint64_t attr)
{
    return (struct rec){ .type = type, .phys = phys, .pages = pages,
                         .attr = attr, .extra = 0x1122334455667788ULL };
}

static void untouched_without_owned_ranges(struct unit_ctx *ctx)
{
    struct rec in[3] = { mk(7, 0, 16, 0xf), mk(6, 16 * PG, 4, 1ULL << 63),
                         mk(0, 20 * PG, 2, 0) };
    struct rec out[8];
    size_t used;

    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, NULL, 0, out,
                             sizeof(out), &used), EFIMAP_HV_OK);
    CHECK_EQ(used, sizeof(in));
    CHECK(!memcmp(in, out, sizeof(in)));
}

static void owned_middle_splits_in_three(struct unit_ctx *ctx)
{
    struct rec in[1] = { mk(7, 0x100000, 256, 0xf) };
    struct efimap_hv_range own[1] = { { 0x110000 + 5, 0x120000 - 7 } };
    struct rec out[8];
    size_t used;

    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, own, 1, out,
                             sizeof(out), &used), EFIMAP_HV_OK);
    CHECK_EQ(used, 3 * DESC);
    CHECK_EQ(out[0].type, 7);
    CHECK_EQ(out[0].phys, 0x100000);
    CHECK_EQ(out[0].pages, 16);
    CHECK_EQ(out[1].type, EFIMAP_HV_RESERVED_TYPE);
    CHECK_EQ(out[1].phys, 0x110000);
    CHECK_EQ(out[1].pages, 16);
    CHECK_EQ(out[1].attr, 0xf);
    CHECK_EQ(out[1].extra, 0x1122334455667788ULL);
    CHECK_EQ(out[2].type, 7);
    CHECK_EQ(out[2].phys, 0x120000);
    CHECK_EQ(out[2].pages, 256 - 32);
}

static void owned_range_spanning_records(struct unit_ctx *ctx)
{
    /* Loader data then conventional; the image straddles both. */
    struct rec in[2] = { mk(2, 0x200000, 16, 0xf),
                         mk(7, 0x210000, 16, 0xf) };
    struct efimap_hv_range own[2] = { { 0x208000, 0x214000 },
                                      { 0x214000, 0x220000 } };
    struct rec out[8];
    size_t used;

    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, own, 2, out,
                             sizeof(out), &used), EFIMAP_HV_OK);
    CHECK_EQ(used, 3 * DESC);
    CHECK_EQ(out[0].type, 2);
    CHECK_EQ(out[0].pages, 8);
    CHECK_EQ(out[1].type, 0);
    CHECK_EQ(out[1].phys, 0x208000);
    CHECK_EQ(out[1].pages, 8);
    /* Touching owned ranges give one reserved record, not two. */
    CHECK_EQ(out[2].type, 0);
    CHECK_EQ(out[2].phys, 0x210000);
    CHECK_EQ(out[2].pages, 16);
}

static void touching_ranges_in_any_order_merge(struct unit_ctx *ctx)
{
    struct rec in[1] = { mk(7, 0x100000, 16, 0xf) };
    struct efimap_hv_range own[3] = { { 0x104000, 0x105000 },
                                      { 0x103000, 0x104000 },
                                      { 0x102000, 0x103000 } };
    struct rec out[8];
    size_t used;

    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, own, 3, out,
                             sizeof(out), &used), EFIMAP_HV_OK);
    CHECK_EQ(used, 3 * DESC);
    CHECK_EQ(out[1].type, 0);
    CHECK_EQ(out[1].phys, 0x102000);
    CHECK_EQ(out[1].pages, 3);
    CHECK_EQ(out[2].phys, 0x105000);
    CHECK_EQ(out[2].pages, 11);
}

static void non_ram_records_are_kept(struct unit_ctx *ctx)
{
    struct rec in[2] = { mk(9, 0x300000, 4, 0xf),
                         mk(5, 0x304000, 4, 0xf | 1ULL << 63) };
    struct efimap_hv_range own[1] = { { 0x300000, 0x308000 } };
    struct rec out[8];
    size_t used;

    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, own, 1, out,
                             sizeof(out), &used), EFIMAP_HV_OK);
    CHECK_EQ(used, sizeof(in));
    CHECK(!memcmp(in, out, sizeof(in)));
}

static void virt_start_follows_the_split(struct unit_ctx *ctx)
{
    struct rec in[1] = { mk(4, 0x400000, 8, 0xf) };
    struct efimap_hv_range own[1] = { { 0x402000, 0x403000 } };
    struct rec out[8];
    size_t used;

    in[0].virt = 0xffff000000400000ULL;
    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, own, 1, out,
                             sizeof(out), &used), EFIMAP_HV_OK);
    CHECK_EQ(used, 3 * DESC);
    CHECK_EQ(out[1].virt, 0xffff000000402000ULL);
    CHECK_EQ(out[2].virt, 0xffff000000403000ULL);
    CHECK_EQ(out[2].pages, 5);
}

static void whole_record_owned_and_edges(struct unit_ctx *ctx)
{
    struct rec in[1] = { mk(1, 0x500000, 4, 0xf) };
    struct efimap_hv_range own[3] = { { 0x4ff000, 0x501000 },
                                      { 0x503fff, 0x600000 },
                                      { 9, 9 } };
    struct rec out[8];
    size_t used;

    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, own, 3, out,
                             sizeof(out), &used), EFIMAP_HV_OK);
    CHECK_EQ(used, 3 * DESC);
    CHECK_EQ(out[0].type, 0);
    CHECK_EQ(out[0].pages, 1);
    CHECK_EQ(out[1].type, 1);
    CHECK_EQ(out[1].phys, 0x501000);
    CHECK_EQ(out[1].pages, 2);
    CHECK_EQ(out[2].type, 0);
    CHECK_EQ(out[2].phys, 0x503000);
    CHECK_EQ(out[2].pages, 1);
}

static void too_small_output_reports_the_need(struct unit_ctx *ctx)
{
    struct rec in[1] = { mk(7, 0, 64, 0xf) };
    struct efimap_hv_range own[1] = { { 16 * PG, 32 * PG } };
    struct rec out[2];
    size_t used;

    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, own, 1, out,
                             sizeof(out), &used), EFIMAP_HV_ERR_NO_ROOM);
    CHECK_EQ(used, 3 * DESC);
}

static void bad_sizes_and_odd_records(struct unit_ctx *ctx)
{
    struct rec in[3] = { mk(7, 0x1000, 0, 0), mk(7, 0x1234, 1, 0),
                         mk(7, 0xfffffffffffff000ULL, 2, 0) };
    struct efimap_hv_range own[1] = { { 0, UINT64_MAX } };
    struct rec out[8];
    size_t used;

    CHECK_EQ(efimap_hv_build(in, sizeof(in), 36, own, 1, out,
                             sizeof(out), &used), EFIMAP_HV_ERR_DESC_SIZE);
    CHECK_EQ(efimap_hv_build(in, sizeof(in), 44, own, 1, out,
                             sizeof(out), &used), EFIMAP_HV_ERR_DESC_SIZE);
    CHECK_EQ(efimap_hv_build(in, sizeof(in) - 8, DESC, own, 1, out,
                             sizeof(out), &used), EFIMAP_HV_ERR_TRUNCATED);
    /* Empty, unaligned and wrapping records are copied as they are. */
    CHECK_EQ(efimap_hv_build(in, sizeof(in), DESC, own, 1, out,
                             sizeof(out), &used), EFIMAP_HV_OK);
    CHECK_EQ(used, sizeof(in));
    CHECK(!memcmp(in, out, sizeof(in)));
}

static const struct unit_case efimap_hv_cases[] = {
    { "untouched_without_owned_ranges", untouched_without_owned_ranges },
    { "owned_middle_splits_in_three", owned_middle_splits_in_three },
    { "owned_range_spanning_records", owned_range_spanning_records },
    { "touching_ranges_in_any_order_merge",
      touching_ranges_in_any_order_merge },
    { "non_ram_records_are_kept", non_ram_records_are_kept },
    { "virt_start_follows_the_split", virt_start_follows_the_split },
    { "whole_record_owned_and_edges", whole_record_owned_and_edges },
    { "too_small_output_reports_the_need",
      too_small_output_reports_the_need },
    { "bad_sizes_and_odd_records", bad_sizes_and_odd_records },
};

UNIT_SUITE(efimap_hv, efimap_hv_cases)
