/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/efimap.c. Raw maps are built here with the
 * descriptor size under test; bytes past the 40 the spec defines are
 * filled with 0xa5 so that a parser reading them would be caught.
 */
#include <string.h>

#include <xen/efimap.h>

#include "unit.h"

#define PG EFIMAP_PAGE_BYTES
#define WB_ALL (EFIMAP_ATTR_UC | EFIMAP_ATTR_WC | EFIMAP_ATTR_WT | \
                EFIMAP_ATTR_WB)
#define RT_WB (WB_ALL | EFIMAP_ATTR_RUNTIME)

static unsigned char raw[64 * 1024];
static unsigned char scratch[64 * 1024];

/* A descriptor as a test writes it: type, start, pages, attributes. */
struct d {
    uint32_t type;
    uint64_t start;
    uint64_t pages;
    uint64_t attr;
};

static size_t build(const struct d *d, unsigned int n, size_t desc_bytes)
{
    memset(raw, 0xa5, n * desc_bytes);
    for ( unsigned int i = 0; i < n; i++ )
    {
        struct efimap_fw_desc fw = {
            .type = d[i].type, .pad = 0xdeadbeef,
            .phys_start = d[i].start, .virt_start = 0xbaaad00000000000ULL,
            .nr_pages = d[i].pages, .attr = d[i].attr,
        };

        memcpy(raw + i * desc_bytes, &fw, sizeof(fw));
    }
    return n * desc_bytes;
}

static enum efimap_status norm(const struct d *d, unsigned int n,
                               size_t desc_bytes, unsigned int flags,
                               struct efimap_entry *out, unsigned int max,
                               unsigned int *nr, struct efimap_report *rep)
{
    size_t bytes = build(d, n, desc_bytes);

    return efimap_normalize(raw, bytes, desc_bytes, flags, out, max, nr,
                            scratch, sizeof(scratch), rep);
}

static bool is(const struct efimap_entry *e, uint32_t type, uint64_t start,
               uint64_t pages, uint64_t attr)
{
    return e->type == type && e->start_pa == start && e->nr_pages == pages &&
           e->attr == attr;
}

/*
 * Shaped after the map OVMF (q35, 2 GiB below 4 GiB plus 1 GiB above)
 * shows in the UEFI shell's `memmap`: boot-services code at page 0, the
 * legacy hole, OVMF's early NVS areas at 8 MiB, runtime code and data with
 * the RUNTIME attribute, ACPI tables at the top of low RAM, the PCIe ECAM
 * window and the flash device below 4 GiB as UC MMIO for runtime variable
 * services. 23 descriptors.
 */
static const struct d ovmf[] = {
    { EFIMAP_TYPE_BS_CODE,      0x0,            0x1,     WB_ALL },
    { EFIMAP_TYPE_CONVENTIONAL, 0x1000,         0x9f,    WB_ALL },
    { EFIMAP_TYPE_CONVENTIONAL, 0x100000,       0x700,   WB_ALL },
    { EFIMAP_TYPE_ACPI_NVS,     0x800000,       0x8,     WB_ALL },
    { EFIMAP_TYPE_CONVENTIONAL, 0x808000,       0x8,     WB_ALL },
    { EFIMAP_TYPE_ACPI_NVS,     0x810000,       0xf0,    WB_ALL },
    { EFIMAP_TYPE_BS_DATA,      0x900000,       0xb00,   WB_ALL },
    { EFIMAP_TYPE_CONVENTIONAL, 0x1400000,      0x7a1e5, WB_ALL },
    { EFIMAP_TYPE_BS_DATA,      0x7b5e5000,     0x20,    WB_ALL },
    { EFIMAP_TYPE_LOADER_CODE,  0x7b605000,     0x1a0,   WB_ALL },
    { EFIMAP_TYPE_CONVENTIONAL, 0x7b7a5000,     0x1000,  WB_ALL },
    { EFIMAP_TYPE_BS_CODE,      0x7c7a5000,     0x45b,   WB_ALL },
    { EFIMAP_TYPE_RS_DATA,      0x7cc00000,     0x100,   RT_WB },
    { EFIMAP_TYPE_RS_CODE,      0x7cd00000,     0x100,   RT_WB },
    { EFIMAP_TYPE_RESERVED,     0x7ce00000,     0x200,   WB_ALL },
    { EFIMAP_TYPE_BS_DATA,      0x7d000000,     0x2b6f,  WB_ALL },
    { EFIMAP_TYPE_ACPI_RECLAIM, 0x7fb6f000,     0x10,    WB_ALL },
    { EFIMAP_TYPE_ACPI_NVS,     0x7fb7f000,     0x80,    WB_ALL },
    { EFIMAP_TYPE_BS_DATA,      0x7fbff000,     0x3e1,   WB_ALL },
    { EFIMAP_TYPE_RESERVED,     0x7ffe0000,     0x20,    0 },
    { EFIMAP_TYPE_RESERVED,     0xb0000000,     0x10000, EFIMAP_ATTR_UC },
    { EFIMAP_TYPE_MMIO,         0xffc00000,     0x400,
      EFIMAP_ATTR_UC | EFIMAP_ATTR_RUNTIME },
    { EFIMAP_TYPE_CONVENTIONAL, 0x100000000ULL, 0x40000, WB_ALL },
};
#define NR_OVMF ARRAY_SIZE(ovmf)

static void ovmf_map_with_48_byte_descriptors(struct unit_ctx *ctx)
{
    struct efimap_entry out[32];
    struct efimap_report rep;
    unsigned int nr;

    CHECK_EQ(norm(ovmf, NR_OVMF, 48, 0, out, 32, &nr, &rep), EFIMAP_OK);
    CHECK_EQ(rep.nr_fw, NR_OVMF);
    CHECK_EQ(rep.nr_overlaps, 0);
    CHECK_EQ(rep.bad, EFIMAP_OK);
    /* No two neighbours in the fixture share type and attributes. */
    CHECK_EQ(nr, NR_OVMF);
    CHECK(efimap_is_normalized(out, nr));
    CHECK(is(&out[21], EFIMAP_TYPE_MMIO, 0xffc00000, 0x400,
             EFIMAP_ATTR_UC | EFIMAP_ATTR_RUNTIME));
    CHECK_EQ(out[21].fw_index, 21);
}

static void ovmf_map_converts_to_xens_e820(struct unit_ctx *ctx)
{
    static const struct e820entry want[] = {
        { 0x0, 0xa0000, E820_RAM },
        { 0x100000, 0x700000, E820_RAM },
        { 0x800000, 0x8000, E820_NVS },
        { 0x808000, 0x8000, E820_RAM },
        { 0x810000, 0xf0000, E820_NVS },
        { 0x900000, 0x7c300000, E820_RAM },
        { 0x7cc00000, 0x400000, E820_RESERVED },
        { 0x7d000000, 0x2b6f000, E820_RAM },
        { 0x7fb6f000, 0x10000, E820_ACPI },
        { 0x7fb7f000, 0x80000, E820_NVS },
        { 0x7fbff000, 0x3e1000, E820_RAM },
        { 0x7ffe0000, 0x20000, E820_RESERVED },
        { 0xb0000000, 0x10000000, E820_RESERVED },
        { 0xffc00000, 0x400000, E820_RESERVED },
        { 0x100000000ULL, 0x40000000, E820_RAM },
    };
    struct efimap_entry map[32];
    struct e820entry e820[32];
    struct efimap_report rep;
    unsigned int nr, nr_e820;
    uint64_t ram = 0, bs = 0;

    CHECK_EQ(norm(ovmf, NR_OVMF, 48, 0, map, 32, &nr, &rep), EFIMAP_OK);
    CHECK_EQ(efimap_to_e820(map, nr, 0, e820, 32, &nr_e820), EFIMAP_OK);
    CHECK_EQ(nr_e820, ARRAY_SIZE(want));
    CHECK(!memcmp(e820, want, sizeof(want)));
    CHECK(e820_is_sanitized(e820, nr_e820));

    /* mapbs takes exactly the boot-services pages out of RAM. */
    for ( unsigned int i = 0; i < NR_OVMF; i++ )
    {
        uint32_t t = ovmf[i].type;

        if ( t == EFIMAP_TYPE_BS_CODE || t == EFIMAP_TYPE_BS_DATA )
            bs += ovmf[i].pages * PG;
        if ( t == EFIMAP_TYPE_BS_CODE || t == EFIMAP_TYPE_BS_DATA ||
             t == EFIMAP_TYPE_CONVENTIONAL || t == EFIMAP_TYPE_LOADER_CODE )
            ram += ovmf[i].pages * PG;
    }
    CHECK_EQ(e820_total_bytes(e820, nr_e820, E820_RAM), ram);
    CHECK_EQ(efimap_to_e820(map, nr, EFIMAP_E820_MAPBS, e820, 32, &nr_e820),
             EFIMAP_OK);
    CHECK_EQ(e820_total_bytes(e820, nr_e820, E820_RAM), ram - bs);
    CHECK(e820_is_sanitized(e820, nr_e820));
    CHECK_EQ(e820[0].type, E820_RESERVED);
    CHECK_EQ(e820[0].size, PG);
}

static void shuffled_ovmf_map_normalizes_the_same(struct unit_ctx *ctx)
{
    struct d shuffled[NR_OVMF];
    struct efimap_entry a[32], b[32];
    struct efimap_report rep;
    unsigned int nr_a, nr_b;

    CHECK_EQ(norm(ovmf, NR_OVMF, 40, 0, a, 32, &nr_a, &rep), EFIMAP_OK);
    /* A fixed permutation: 7 is coprime with 23. */
    for ( unsigned int i = 0; i < NR_OVMF; i++ )
        shuffled[i] = ovmf[(i * 7) % NR_OVMF];
    CHECK_EQ(norm(shuffled, NR_OVMF, 40, 0, b, 32, &nr_b, &rep), EFIMAP_OK);
    CHECK_EQ(nr_a, nr_b);
    for ( unsigned int i = 0; i < nr_a; i++ )
        CHECK(is(&b[i], a[i].type, a[i].start_pa, a[i].nr_pages, a[i].attr));
}

static void huge_descriptor_size_is_stepped(struct unit_ctx *ctx)
{
    const struct d in[] = {
        { EFIMAP_TYPE_CONVENTIONAL, 0x200000, 0x10, WB_ALL },
        { EFIMAP_TYPE_ACPI_NVS, 0x100000, 0x10, WB_ALL },
    };
    struct efimap_entry out[4];
    struct efimap_report rep;
    unsigned int nr;

    CHECK_EQ(norm(in, 2, 4096, 0, out, 4, &nr, &rep), EFIMAP_OK);
    CHECK_EQ(nr, 2);
    CHECK(is(&out[0], EFIMAP_TYPE_ACPI_NVS, 0x100000, 0x10, WB_ALL));
    CHECK_EQ(out[0].fw_index, 1);
    CHECK(is(&out[1], EFIMAP_TYPE_CONVENTIONAL, 0x200000, 0x10, WB_ALL));
}

static void bad_sizes_are_rejected(struct unit_ctx *ctx)
{
    struct efimap_entry out[4];
    struct efimap_report rep;
    unsigned int nr;

    CHECK_EQ(efimap_normalize(raw, 32 * 4, 32, 0, out, 4, &nr, scratch,
                              sizeof(scratch), &rep),
             EFIMAP_ERR_DESC_SIZE_SMALL);
    CHECK_EQ(efimap_normalize(raw, 44 * 2, 44, 0, out, 4, &nr, scratch,
                              sizeof(scratch), &rep),
             EFIMAP_ERR_DESC_SIZE_ALIGN);
    /* Truncated: one whole descriptor and part of a second. */
    CHECK_EQ(efimap_normalize(raw, 48 + 40, 48, 0, out, 4, &nr, scratch,
                              sizeof(scratch), &rep),
             EFIMAP_ERR_MAP_TRUNCATED);
    CHECK_EQ(efimap_normalize(raw, 0, 48, 0, out, 4, &nr, NULL, 0, &rep),
             EFIMAP_OK);
    CHECK_EQ(nr, 0);
    CHECK_EQ(efimap_count(48 * 3, 48), 3);
    CHECK_EQ(efimap_count(48 * 3 + 8, 48), 0);
    CHECK_EQ(efimap_count(36 * 3, 36), 0);
}

static void short_scratch_is_refused(struct unit_ctx *ctx)
{
    size_t bytes = build(ovmf, 3, 48);
    struct efimap_entry out[4];
    struct efimap_report rep;
    unsigned int nr;

    CHECK_EQ(efimap_normalize(raw, bytes, 48, 0, out, 4, &nr, scratch,
                              efimap_scratch_bytes(3) - 1, &rep),
             EFIMAP_ERR_SCRATCH);
    CHECK_EQ(efimap_normalize(raw, bytes, 48, 0, out, 4, &nr, scratch + 3,
                              efimap_scratch_bytes(3), &rep), EFIMAP_OK);
}

/* Each per-descriptor failure has its own status and names its index. */
static void bad_descriptors_are_named(struct unit_ctx *ctx)
{
    struct d in[] = {
        { EFIMAP_TYPE_CONVENTIONAL, 0x100000, 0x10, WB_ALL },
        { EFIMAP_TYPE_CONVENTIONAL, 0x200000, 0x10, WB_ALL },
        { EFIMAP_TYPE_CONVENTIONAL, 0x300000, 0x10, WB_ALL },
    };
    static const struct {
        struct d bad;
        enum efimap_status st;
    } cases[] = {
        { { EFIMAP_TYPE_BS_DATA, 0x400000, 0, WB_ALL },
          EFIMAP_ERR_ZERO_PAGES },
        { { EFIMAP_TYPE_BS_DATA, 0x400800, 1, WB_ALL },
          EFIMAP_ERR_UNALIGNED },
        { { EFIMAP_TYPE_BS_DATA, UINT64_MAX - 0xfff, 2, WB_ALL },
          EFIMAP_ERR_ADDR_OVERFLOW },
        { { EFIMAP_TYPE_BS_DATA, 0, (1ULL << 52) + 1, WB_ALL },
          EFIMAP_ERR_ADDR_OVERFLOW },
        { { EFIMAP_TYPE_BS_DATA, 0x1000, UINT64_MAX, WB_ALL },
          EFIMAP_ERR_ADDR_OVERFLOW },
    };
    struct efimap_entry out[4];
    struct efimap_report rep;
    unsigned int nr;

    for ( unsigned int i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        in[1] = cases[i].bad;
        CHECK_EQ(norm(in, 3, 48, 0, out, 4, &nr, &rep), cases[i].st);
        CHECK_EQ(rep.bad, cases[i].st);
        CHECK_EQ(rep.bad_index, 1);
        CHECK_EQ(nr, 0);

        /* Skipping keeps the good ones and still names the bad one. */
        CHECK_EQ(norm(in, 3, 48, EFIMAP_F_SKIP_BAD, out, 4, &nr, &rep),
                 EFIMAP_OK);
        CHECK_EQ(nr, 2);
        CHECK_EQ(rep.nr_skipped, 1);
        CHECK_EQ(rep.bad, cases[i].st);
        CHECK_EQ(rep.bad_index, 1);
    }
}

static void maximal_addresses_are_kept(struct unit_ctx *ctx)
{
    const struct d in[] = {
        { EFIMAP_TYPE_RESERVED, UINT64_MAX - 0xfff, 1, 0 },
        { EFIMAP_TYPE_CONVENTIONAL, 0, (1ULL << 52) - 1, WB_ALL },
    };
    struct efimap_entry out[4];
    struct e820entry e820[4];
    struct efimap_report rep;
    unsigned int nr, nr_e820;
    uint64_t size = 0x2000, attr;
    uint32_t type;

    CHECK_EQ(norm(in, 2, 40, 0, out, 4, &nr, &rep), EFIMAP_OK);
    CHECK_EQ(nr, 2);
    CHECK(is(&out[1], EFIMAP_TYPE_RESERVED, UINT64_MAX - 0xfff, 1, 0));
    CHECK_EQ(efimap_mem_info(out, nr, UINT64_MAX - 0xf, &size, &attr, &type),
             EFIMAP_OK);
    CHECK_EQ(size, 0x10);
    CHECK_EQ(type, EFIMAP_TYPE_RESERVED);
    CHECK_EQ(efimap_to_e820(out, nr, 0, e820, 4, &nr_e820), EFIMAP_OK);
    CHECK_EQ(nr_e820, 2);
    CHECK_EQ(e820[1].addr + (e820[1].size - 1), UINT64_MAX);
}

/* One descriptor of 2^64 bytes: valid EFI, needs two e820 entries. */
static void whole_address_space_descriptor(struct unit_ctx *ctx)
{
    const struct d in[] = {
        { EFIMAP_TYPE_CONVENTIONAL, 0, 1ULL << 52, WB_ALL },
    };
    struct efimap_entry out[2];
    struct e820entry e820[2];
    struct efimap_report rep;
    unsigned int nr, nr_e820;
    uint64_t size = UINT64_MAX, attr;
    uint32_t type;

    CHECK_EQ(norm(in, 1, 40, 0, out, 2, &nr, &rep), EFIMAP_OK);
    CHECK_EQ(nr, 1);
    CHECK_EQ(efimap_mem_info(out, nr, 0, &size, &attr, &type), EFIMAP_OK);
    CHECK_EQ(size, UINT64_MAX);
    CHECK_EQ(efimap_to_e820(out, nr, 0, e820, 2, &nr_e820), EFIMAP_OK);
    CHECK_EQ(nr_e820, 2);
    CHECK_EQ(e820[1].addr, UINT64_MAX - PG + 1);
    CHECK_EQ(e820[1].size, PG);
    /* The full total is 2^64 bytes, which saturates. */
    CHECK_EQ(e820_total_bytes(e820, 2, E820_RAM), UINT64_MAX);
    CHECK(e820_is_sanitized(e820, nr_e820));
}

static void overlaps_keep_the_stricter_type(struct unit_ctx *ctx)
{
    const struct d in[] = {
        { EFIMAP_TYPE_CONVENTIONAL, 0x100000, 0x100, WB_ALL },
        { EFIMAP_TYPE_BS_DATA, 0x180000, 0x10, WB_ALL },
        { EFIMAP_TYPE_ACPI_NVS, 0x1f0000, 0x20, WB_ALL },
    };
    struct efimap_entry out[8];
    struct efimap_report rep;
    unsigned int nr;

    CHECK_EQ(norm(in, 3, 48, 0, out, 8, &nr, &rep), EFIMAP_OK);
    CHECK_EQ(nr, 4);
    CHECK(is(&out[0], EFIMAP_TYPE_CONVENTIONAL, 0x100000, 0x80, WB_ALL));
    CHECK(is(&out[1], EFIMAP_TYPE_BS_DATA, 0x180000, 0x10, WB_ALL));
    CHECK(is(&out[2], EFIMAP_TYPE_CONVENTIONAL, 0x190000, 0x60, WB_ALL));
    CHECK(is(&out[3], EFIMAP_TYPE_ACPI_NVS, 0x1f0000, 0x20, WB_ALL));
    CHECK_EQ(out[2].fw_index, 0);
    CHECK_EQ(rep.nr_overlaps, 2);
    CHECK_EQ(rep.overlap, EFIMAP_OVERLAP_RANK);
    CHECK_EQ(rep.overlap_winner, 1);
    CHECK_EQ(rep.overlap_loser, 0);
}

static void overlap_reasons_are_told_apart(struct unit_ctx *ctx)
{
    static const struct {
        uint32_t t0, t1;
        uint64_t a0, a1;
        enum efimap_overlap why;
        unsigned int winner;
    } cases[] = {
        { EFIMAP_TYPE_MMIO, EFIMAP_TYPE_RESERVED, 0, 0,
          EFIMAP_OVERLAP_TYPE, 0 },
        { 0x80000001U, EFIMAP_TYPE_MMIO, 0, 0, EFIMAP_OVERLAP_TYPE, 0 },
        { EFIMAP_TYPE_RS_DATA, EFIMAP_TYPE_RS_DATA, WB_ALL, RT_WB,
          EFIMAP_OVERLAP_ATTR, 1 },
        { EFIMAP_TYPE_CONVENTIONAL, EFIMAP_TYPE_CONVENTIONAL, WB_ALL, WB_ALL,
          EFIMAP_OVERLAP_DUPLICATE, 0 },
        { EFIMAP_TYPE_CONVENTIONAL, EFIMAP_TYPE_UNACCEPTED, WB_ALL, WB_ALL,
          EFIMAP_OVERLAP_RANK, 1 },
        { EFIMAP_TYPE_UNUSABLE, EFIMAP_TYPE_ACPI_NVS, WB_ALL, WB_ALL,
          EFIMAP_OVERLAP_RANK, 0 },
    };

    for ( unsigned int i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        const struct d in[] = {
            { cases[i].t0, 0x1000, 4, cases[i].a0 },
            { cases[i].t1, 0x2000, 4, cases[i].a1 },
        };
        struct efimap_entry out[4];
        struct efimap_report rep;
        unsigned int nr, at, w = cases[i].winner;

        CHECK_EQ(norm(in, 2, 40, 0, out, 4, &nr, &rep), EFIMAP_OK);
        CHECK_EQ(rep.overlap, cases[i].why);
        CHECK_EQ(rep.overlap_winner, w);
        CHECK_EQ(rep.overlap_loser, 1 - w);
        /* The winner owns the shared pages 0x2000..0x4fff. */
        CHECK_EQ(efimap_find(out, nr, 0x2000, &at), EFIMAP_OK);
                CHECK_EQ(out[at].type, w ? cases[i].t1 : cases[i].t0);
        CHECK_EQ(out[at].attr, w ? cases[i].a1 : cases[i].a0);
        CHECK(efimap_is_normalized(out, nr));
    }
}

static void neighbours_merge_only_when_equal(struct unit_ctx *ctx)
{
    const struct d in[] = {
        { EFIMAP_TYPE_CONVENTIONAL, 0x3000, 1, WB_ALL },
        { EFIMAP_TYPE_CONVENTIONAL, 0x1000, 2, WB_ALL },
        { EFIMAP_TYPE_CONVENTIONAL, 0x4000, 1, EFIMAP_ATTR_WB },
        { EFIMAP_TYPE_CONVENTIONAL, 0x6000, 1, EFIMAP_ATTR_WB },
    };
    struct efimap_entry out[8];
    struct efimap_report rep;
    unsigned int nr;

    CHECK_EQ(norm(in, 4, 40, 0, out, 8, &nr, &rep), EFIMAP_OK);
    CHECK_EQ(nr, 3);
    CHECK(is(&out[0], EFIMAP_TYPE_CONVENTIONAL, 0x1000, 3, WB_ALL));
    CHECK_EQ(out[0].fw_index, 1);
    CHECK(is(&out[1], EFIMAP_TYPE_CONVENTIONAL, 0x4000, 1, EFIMAP_ATTR_WB));
    CHECK(is(&out[2], EFIMAP_TYPE_CONVENTIONAL, 0x6000, 1, EFIMAP_ATTR_WB));
}

static void small_output_reports_the_need(struct unit_ctx *ctx)
{
    struct efimap_entry out[NR_OVMF];
    struct e820entry e820[4];
    struct efimap_report rep;
    unsigned int nr, nr_e820;

    CHECK_EQ(norm(ovmf, NR_OVMF, 48, 0, out, 5, &nr, &rep),
             EFIMAP_ERR_NO_ROOM);
    CHECK_EQ(nr, NR_OVMF);
    CHECK_EQ(norm(ovmf, NR_OVMF, 48, 0, out, NR_OVMF, &nr, &rep), EFIMAP_OK);
    CHECK_EQ(efimap_to_e820(out, nr, 0, e820, 4, &nr_e820),
             EFIMAP_ERR_NO_ROOM);
    CHECK_EQ(nr_e820, 15);
}

static void e820_needs_a_normalized_map(struct unit_ctx *ctx)
{
    const struct efimap_entry bad[] = {
        { 0x2000, 1, WB_ALL, EFIMAP_TYPE_CONVENTIONAL, 0 },
        { 0x1000, 1, WB_ALL, EFIMAP_TYPE_CONVENTIONAL, 1 },
    };
    struct e820entry e820[4];
    unsigned int nr_e820;

    CHECK_EQ(efimap_to_e820(bad, 2, 0, e820, 4, &nr_e820),
             EFIMAP_ERR_NOT_NORMALIZED);
}

/* Reference 3.1, row by row, plus type 15 in both modes. */
static void e820_types_follow_xen(struct unit_ctx *ctx)
{
    const uint64_t rt = EFIMAP_ATTR_RUNTIME;
    const unsigned int bs = EFIMAP_E820_MAPBS, ua = EFIMAP_E820_UNACCEPTED_RAM;

    for ( uint32_t t = 1; t <= 7; t++ )
    {
        if ( t == 5 || t == 6 )
            continue;
        CHECK_EQ(efimap_e820_type(t, WB_ALL, 0), E820_RAM);
        CHECK_EQ(efimap_e820_type(t, WB_ALL | rt, 0), E820_RESERVED);
        CHECK_EQ(efimap_e820_type(t, EFIMAP_ATTR_UC, 0), E820_UNUSABLE);
    }
    CHECK_EQ(efimap_e820_type(3, WB_ALL, bs), E820_RESERVED);
    CHECK_EQ(efimap_e820_type(4, WB_ALL, bs), E820_RESERVED);
    CHECK_EQ(efimap_e820_type(7, WB_ALL, bs), E820_RAM);
    CHECK_EQ(efimap_e820_type(8, WB_ALL, 0), E820_UNUSABLE);
    CHECK_EQ(efimap_e820_type(9, WB_ALL, 0), E820_ACPI);
    CHECK_EQ(efimap_e820_type(10, WB_ALL, 0), E820_NVS);
    for ( uint32_t t = 0; t < 20; t++ )
        if ( t == 0 || t == 5 || t == 6 || (t >= 11 && t != 15) )
            CHECK_EQ(efimap_e820_type(t, WB_ALL, bs | ua), E820_RESERVED);
    CHECK_EQ(efimap_e820_type(0x80000000U, WB_ALL, 0), E820_RESERVED);
    CHECK_EQ(efimap_e820_type(15, WB_ALL, 0), E820_RESERVED);
    CHECK_EQ(efimap_e820_type(15, WB_ALL, bs), E820_RESERVED);
    CHECK_EQ(efimap_e820_type(15, WB_ALL, ua), E820_RAM);
}

/* XEN_FW_EFI_MEM_INFO semantics (reference 4.4). */
static void mem_info_cuts_size_like_xen(struct unit_ctx *ctx)
{
    struct efimap_entry map[32];
    struct efimap_report rep;
    unsigned int nr;
    uint64_t size, attr = 0x1234;
    uint32_t type = 99;

    CHECK_EQ(norm(ovmf, NR_OVMF, 48, 0, map, 32, &nr, &rep), EFIMAP_OK);

    /* Inside, fits: size kept. The address is never moved. */
    size = 0x1000;
    CHECK_EQ(efimap_mem_info(map, nr, 0x7cd00010, &size, &attr, &type),
             EFIMAP_OK);
    CHECK_EQ(size, 0x1000);
    CHECK_EQ(type, EFIMAP_TYPE_RS_CODE);
    CHECK_EQ(attr, RT_WB);
    /* Ends exactly at the end: kept. */
    size = 0x7ce00000 - 0x7cd00010;
    CHECK_EQ(efimap_mem_info(map, nr, 0x7cd00010, &size, &attr, &type),
             EFIMAP_OK);
    CHECK_EQ(size, 0x7ce00000 - 0x7cd00010);
    /* One byte past: cut back to the end. */
    size++;
    CHECK_EQ(efimap_mem_info(map, nr, 0x7cd00010, &size, &attr, &type),
             EFIMAP_OK);
    CHECK_EQ(size, 0x7ce00000 - 0x7cd00010);
    /* Wrapping: cut back too. */
    size = UINT64_MAX;
    CHECK_EQ(efimap_mem_info(map, nr, 0xffc00123, &size, &attr, &type),
             EFIMAP_OK);
    CHECK_EQ(size, 0x100000000ULL - 0xffc00123);
    CHECK_EQ(type, EFIMAP_TYPE_MMIO);
    /* Zero size stays zero. */
    size = 0;
    CHECK_EQ(efimap_mem_info(map, nr, 0x0, &size, &attr, &type), EFIMAP_OK);
    CHECK_EQ(size, 0);
    CHECK_EQ(type, EFIMAP_TYPE_BS_CODE);
    /* In the legacy hole and past the end: not found, outputs untouched. */
    size = 0x55;
    type = 99;
    CHECK_EQ(efimap_mem_info(map, nr, 0xa0000, &size, &attr, &type),
             EFIMAP_ERR_NOT_FOUND);
    CHECK_EQ(efimap_mem_info(map, nr, 0x140000000ULL, &size, &attr, &type),
             EFIMAP_ERR_NOT_FOUND);
    CHECK_EQ(size, 0x55);
    CHECK_EQ(type, 99);
    CHECK_EQ(efimap_mem_info(map, 0, 0, &size, &attr, &type),
             EFIMAP_ERR_NOT_FOUND);
}

static void find_agrees_with_a_linear_scan(struct unit_ctx *ctx)
{
    struct efimap_entry map[32];
    struct efimap_report rep;
    unsigned int nr;

    CHECK_EQ(norm(ovmf, NR_OVMF, 48, 0, map, 32, &nr, &rep), EFIMAP_OK);
    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t end = map[i].start_pa + map[i].nr_pages * PG;
        uint64_t probes[] = { map[i].start_pa, map[i].start_pa - 1, end - 1,
                              end };

        for ( unsigned int k = 0; k < 4; k++ )
        {
            unsigned int got, want = nr;

            for ( unsigned int j = 0; j < nr; j++ )
                if ( probes[k] >= map[j].start_pa &&
                     probes[k] - map[j].start_pa < map[j].nr_pages * PG )
                    want = j;
            if ( efimap_find(map, nr, probes[k], &got) != EFIMAP_OK )
                got = nr;
            CHECK_EQ(got, want);
        }
    }
}

static void names_and_attribute_strings(struct unit_ctx *ctx)
{
    char buf[64];

    CHECK_EQ(strcmp(efimap_type_name(7), "Conventional"), 0);
    CHECK_EQ(strcmp(efimap_type_name(15), "Unaccepted"), 0);
    CHECK_EQ(strcmp(efimap_type_name(16), "unknown"), 0);
    CHECK_EQ(strcmp(efimap_type_name(0x70000001U), "OEM"), 0);
    CHECK_EQ(strcmp(efimap_type_name(0xffffffffU), "OSV"), 0);

    CHECK_EQ(efimap_attr_string(RT_WB, buf, sizeof(buf)), 19);
    CHECK_EQ(strcmp(buf, "UC|WC|WT|WB|RUNTIME"), 0);
    CHECK_EQ(efimap_attr_string(0, buf, sizeof(buf)), 4);
    CHECK_EQ(strcmp(buf, "none"), 0);
    efimap_attr_string(EFIMAP_ATTR_XP | (1ULL << 40) | (1ULL << 5), buf,
                       sizeof(buf));
    CHECK_EQ(strcmp(buf, "XP|0x10000000020"), 0);
    /* Cut short but terminated; the full length is still returned. */
    CHECK_EQ(efimap_attr_string(RT_WB, buf, 6), 19);
    CHECK_EQ(strcmp(buf, "UC|WC"), 0);
    CHECK_EQ(efimap_attr_string(RT_WB, NULL, 0), 19);

    for ( int st = EFIMAP_OK; st <= EFIMAP_ERR_NOT_FOUND; st++ )
        CHECK(strcmp(efimap_strerror(st), "unknown efimap status"));
    for ( int w = EFIMAP_OVERLAP_NONE; w <= EFIMAP_OVERLAP_DUPLICATE; w++ )
        CHECK(strcmp(efimap_overlap_name(w), "unknown overlap"));
}

static const struct unit_case efimap_cases[] = {
    { "ovmf_map_with_48_byte_descriptors",
      ovmf_map_with_48_byte_descriptors },
    { "ovmf_map_converts_to_xens_e820", ovmf_map_converts_to_xens_e820 },
    { "shuffled_ovmf_map_normalizes_the_same",
      shuffled_ovmf_map_normalizes_the_same },
    { "huge_descriptor_size_is_stepped", huge_descriptor_size_is_stepped },
    { "bad_sizes_are_rejected", bad_sizes_are_rejected },
    { "short_scratch_is_refused", short_scratch_is_refused },
    { "bad_descriptors_are_named", bad_descriptors_are_named },
    { "maximal_addresses_are_kept", maximal_addresses_are_kept },
    { "whole_address_space_descriptor", whole_address_space_descriptor },
    { "overlaps_keep_the_stricter_type", overlaps_keep_the_stricter_type },
    { "overlap_reasons_are_told_apart", overlap_reasons_are_told_apart },
    { "neighbours_merge_only_when_equal", neighbours_merge_only_when_equal },
    { "small_output_reports_the_need", small_output_reports_the_need },
    { "e820_needs_a_normalized_map", e820_needs_a_normalized_map },
    { "e820_types_follow_xen", e820_types_follow_xen },
    { "mem_info_cuts_size_like_xen", mem_info_cuts_size_like_xen },
    { "find_agrees_with_a_linear_scan", find_agrees_with_a_linear_scan },
    { "names_and_attribute_strings", names_and_attribute_strings },
};

UNIT_SUITE(efimap, efimap_cases)
