/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/retain.c, the retain registry. Tables are
 * built here from the layouts in reference 7.5 and the UEFI spec's
 * EFI_MEMORY_ATTRIBUTES_TABLE and EFI_RT_PROPERTIES_TABLE; the ESRT entry
 * values are made up, each FwClass distinct. Every judgement hands
 * retain_judge() a heap buffer of exactly the bytes the map allows from
 * the table's address on (computed here, by a rule written again), so
 * ASan reports any read past them.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/retain.h>

#include "unit.h"

#define PG          4096ULL
#define MB          0x100000ULL
#define TOP         0xffffffffffffffffULL
#define BS          EFIMAP_TYPE_BS_DATA
#define RS          EFIMAP_TYPE_RS_DATA
#define RECLAIM     EFIMAP_TYPE_ACPI_RECLAIM
#define NVS         EFIMAP_TYPE_ACPI_NVS
#define LOADER      EFIMAP_TYPE_LOADER_DATA
#define CONV        EFIMAP_TYPE_CONVENTIONAL

enum { ESRT, MEMATTR, RTPROP };

/* The documented acceptable types, restated. */
static bool ok_type(uint32_t t)
{
    return t == 2 || t == 4 || t == 6 || t == 7 || t == 9 || t == 10;
}

/* Bytes the map lets the registry read from pa on (0: none). */
static uint64_t readable(const struct efimap_entry *m, unsigned int nr,
                         uint64_t pa)
{
    unsigned int i = 0;
    uint64_t last;

    while ( i < nr && !(pa >= m[i].start_pa &&
                        pa - m[i].start_pa < m[i].nr_pages * PG) )
        i++;
    if ( !pa || i == nr || !ok_type(m[i].type) )
        return 0;
    last = m[i].start_pa + m[i].nr_pages * PG - 1;
    while ( i + 1 < nr && last != TOP && m[i + 1].start_pa == last + 1 &&
            ok_type(m[i + 1].type) )
    {
        i++;
        last = m[i].start_pa + m[i].nr_pages * PG - 1;
    }
    return last - pa + 1;
}

/*
 * Judges len bytes of tbl placed at pa, from a buffer of exactly the
 * readable size (the table cut short or padded with 0xa5 to fit it).
 */
static struct retain_decision judge_x(int kind, const struct efimap_entry *m,
                                      unsigned int nr, uint64_t pa,
                                      const void *tbl, size_t len,
                                      const struct retain_range *x,
                                      unsigned int nr_x)
{
    uint64_t room = readable(m, nr, pa);
    uint8_t *buf = malloc(room);
    struct retain_decision d;

    memset(buf, 0xa5, room);
    memcpy(buf, tbl, len < room ? len : room);
    memset(&d, 0x5a, sizeof(d));
    retain_judge(&retain_kinds[kind], pa, buf, m, nr, x, nr_x, &d);
    free(buf);
    return d;
}

static struct retain_decision judge(int kind, const struct efimap_entry *m,
                                    unsigned int nr, uint64_t pa,
                                    const void *tbl, size_t len)
{
    return judge_x(kind, m, nr, pa, tbl, len, NULL, 0);
}

/* ESRT with count entries (and the given header fields) in buf. */
static size_t esrt(uint8_t *buf, uint32_t count, uint32_t max,
                   uint64_t version, uint32_t nr_written)
{
    struct retain_esrt_header h = { count, max, version };

    memcpy(buf, &h, sizeof(h));
    for ( uint32_t i = 0; i < nr_written; i++ )
    {
        struct retain_esrt_entry e = {
            .fw_class = { 0x5eed0000 + i, 0x1234, 0x4567,
                          { 0x89, 0xab, 0xcd, 0xef, 0, 1, 2, (uint8_t)i } },
            .fw_type = i % 4, .fw_version = 0x10000 + i,
            .lowest_supported_fw_version = 1, .capsule_flags = 0x8000,
            .last_attempt_version = 0x10000 + i, .last_attempt_status = 0,
        };

        memcpy(buf + 16 + 40 * i, &e, sizeof(e));
    }
    return 16 + 40 * (size_t)nr_written;
}

static uint8_t *esrt_alloc(uint32_t count, size_t *len)
{
    uint8_t *b = malloc(16 + 40 * (size_t)count);

    *len = esrt(b, count, count, 1, count);
    return b;
}

/* A valid 3-entry ESRT: 136 bytes. */
static uint8_t esrt3[136];

static void make_esrt3(void)
{
    esrt(esrt3, 3, 8, 1, 3);
}

#define E(s, p, t) { .start_pa = (s), .nr_pages = (p), .type = (t) }

static void registry_order_guids_and_names(struct unit_ctx *ctx)
{
    static const struct retain_guid unknown = { 0xb122a263, 0x3661, 0x4f68,
        { 0x99, 0x29, 0x78, 0xf8, 0xb0, 0xd6, 0x21, 0x81 } };

    CHECK_EQ(retain_nr_kinds, 3);
    CHECK(!strcmp(retain_kinds[ESRT].option, "esrt"));
    CHECK(!strcmp(retain_kinds[MEMATTR].option, "memattr"));
    CHECK(!strcmp(retain_kinds[RTPROP].option, "rtprop"));
    CHECK_EQ(retain_kinds[ESRT].guid.d1, 0xb122a263);
    CHECK_EQ(retain_kinds[ESRT].guid.d4[7], 0x80);
    CHECK_EQ(retain_kinds[MEMATTR].guid.d1, 0xdcfa911d);
    CHECK_EQ(retain_kinds[MEMATTR].guid.d4[0], 0xa2);
    CHECK_EQ(retain_kinds[RTPROP].guid.d1, 0xeb66918a);
    CHECK_EQ(retain_kinds[RTPROP].guid.d4[7], 0xe9);
    for ( unsigned int i = 0; i < retain_nr_kinds; i++ )
    {
        const struct retain_kind *k = &retain_kinds[i];

        CHECK(retain_kind_of(&k->guid) == k);
        CHECK(retain_kind_named(k->option, strlen(k->option)) == k);
        CHECK(k->name && *k->name && k->size && k->validate);
    }
    CHECK(!retain_kind_of(&unknown));
    /* The length decides, not a NUL: "esrtx" cut to 4 is "esrt". */
    CHECK(retain_kind_named("esrtx", 4) == &retain_kinds[ESRT]);
    CHECK(!retain_kind_named("esr", 3));
    CHECK(!retain_kind_named("esrtx", 5));
    CHECK(!retain_kind_named("ESRT", 4));
    CHECK(!retain_kind_named("", 0));
}

static void strerror_has_one_string_per_status(struct unit_ctx *ctx)
{
    for ( int i = 0; i < RETAIN_NR_STATUS; i++ )
    {
        const char *s = retain_strerror(i);

        CHECK(s && *s && strcmp(s, "unknown retain status"));
        for ( int j = 0; j < i; j++ )
            CHECK(strcmp(s, retain_strerror(j)));
    }
    CHECK(!strcmp(retain_strerror(RETAIN_NR_STATUS),
                  "unknown retain status"));
    CHECK(!strcmp(retain_strerror(-1), "unknown retain status"));
}

/* One placement: the table alone in one entry of type t. */
static struct retain_decision esrt_in(uint32_t t)
{
    struct efimap_entry m[] = { E(MB, 1, CONV), E(MB + PG, 2, t),
                                E(MB + 3 * PG, 1, EFIMAP_TYPE_RS_CODE) };

    make_esrt3();
    return judge(ESRT, m, 3, MB + PG + 0x18, esrt3, sizeof(esrt3));
}

static void check_accepted(struct unit_ctx *ctx, struct retain_decision d,
                           enum retain_action a, uint32_t t, uint64_t bytes)
{
    CHECK_EQ(d.action, a);
    CHECK_EQ(d.why, RETAIN_OK);
    CHECK_EQ(d.mem_type, t);
    CHECK_EQ(d.bytes, bytes);
}

static void check_refused(struct unit_ctx *ctx, struct retain_decision d,
                          enum retain_status why)
{
    CHECK_EQ(d.action, RETAIN_REFUSE);
    CHECK_EQ(d.why, why);
}

static void esrt_in_bs_data_is_relocated(struct unit_ctx *ctx)
{
    check_accepted(ctx, esrt_in(BS), RETAIN_RELOCATE, BS, 136);
}

static void esrt_in_rs_data_is_kept(struct unit_ctx *ctx)
{
    check_accepted(ctx, esrt_in(RS), RETAIN_KEEP, RS, 136);
}

static void esrt_in_acpi_reclaim_is_kept(struct unit_ctx *ctx)
{
    check_accepted(ctx, esrt_in(RECLAIM), RETAIN_KEEP, RECLAIM, 136);
}

static void esrt_in_acpi_nvs_is_kept(struct unit_ctx *ctx)
{
    check_accepted(ctx, esrt_in(NVS), RETAIN_KEEP, NVS, 136);
}

static void esrt_in_loader_data_is_relocated(struct unit_ctx *ctx)
{
    check_accepted(ctx, esrt_in(LOADER), RETAIN_RELOCATE, LOADER, 136);
}

static void esrt_in_conventional_is_relocated(struct unit_ctx *ctx)
{
    check_accepted(ctx, esrt_in(CONV), RETAIN_RELOCATE, CONV, 136);
}

static void esrt_in_every_other_type_is_refused(struct unit_ctx *ctx)
{
    static const uint32_t bad[] = { 0, 1, 3, 5, 8, 11, 12, 13, 14, 15, 16,
                                    0x70000000, 0x80000001 };

    for ( unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        struct retain_decision d = esrt_in(bad[i]);

        check_refused(ctx, d, RETAIN_ERR_MEM_TYPE);
        CHECK_EQ(d.mem_type, bad[i]);
        CHECK_EQ(d.bytes, 0);
    }
}

static void esrt_straddling_two_touching_acceptable_entries(
    struct unit_ctx *ctx)
{
    static const struct { uint32_t a, b; enum retain_action want; } c[] = {
        { BS, CONV, RETAIN_RELOCATE },
        { RS, RECLAIM, RETAIN_KEEP },
        { RECLAIM, NVS, RETAIN_KEEP },
        { RS, BS, RETAIN_RELOCATE },        /* runs into memory freed */
        { BS, RS, RETAIN_RELOCATE },
        { LOADER, RECLAIM, RETAIN_RELOCATE },
    };

    make_esrt3();
    for ( unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++ )
    {
        /* Equal types with different attributes stay two entries. */
        struct efimap_entry m[] = { E(MB, 1, c[i].a), E(MB + PG, 1, c[i].b) };

        m[1].attr = 1;
        check_accepted(ctx, judge(ESRT, m, 2, MB + PG - 56, esrt3, 136),
                       c[i].want, c[i].a, 136);
    }
}

static void esrt_ending_on_an_entry_boundary_is_kept(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RS), E(MB + PG, 1, BS) };

    make_esrt3();
    /* The last byte is the RS entry's last: the BS entry is not touched. */
    check_accepted(ctx, judge(ESRT, m, 2, MB + PG - 136, esrt3, 136),
                   RETAIN_KEEP, RS, 136);
}

static void esrt_straddling_into_an_unacceptable_type_is_cut(
    struct unit_ctx *ctx)
{
    static const uint32_t bad[] = { EFIMAP_TYPE_RS_CODE, EFIMAP_TYPE_BS_CODE,
                                    EFIMAP_TYPE_RESERVED,
                                    EFIMAP_TYPE_UNACCEPTED };

    make_esrt3();
    for ( unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        struct efimap_entry m[] = { E(MB, 1, BS), E(MB + PG, 1, bad[i]) };

        check_refused(ctx, judge(ESRT, m, 2, MB + PG - 56, esrt3, 136),
                      RETAIN_ERR_TABLE_CUT);
    }
}

static void esrt_straddling_a_hole_is_cut(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RS), E(MB + 2 * PG, 1, RS) };

    make_esrt3();
    check_refused(ctx, judge(ESRT, m, 2, MB + PG - 56, esrt3, 136),
                  RETAIN_ERR_TABLE_CUT);
}

static void header_cut_by_the_map_end(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, BS) };
    struct retain_decision d;

    make_esrt3();
    for ( uint64_t left = 1; left < 16; left++ )
    {
        d = judge(ESRT, m, 1, MB + PG - left, esrt3, 136);
        check_refused(ctx, d, RETAIN_ERR_HEADER_CUT);
        CHECK_EQ(d.mem_type, BS);
    }
    /* Cut by an unacceptable neighbour instead of the end. */
    struct efimap_entry n[] = { E(MB, 1, BS), E(MB + PG, 1, 0) };

    check_refused(ctx, judge(ESRT, n, 2, MB + PG - 8, esrt3, 136),
                  RETAIN_ERR_HEADER_CUT);
}

static void table_cut_by_the_map_end(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, BS) };
    struct retain_decision d;

    make_esrt3();
    d = judge(ESRT, m, 1, MB + PG - 135, esrt3, 136);
    check_refused(ctx, d, RETAIN_ERR_TABLE_CUT);
    CHECK_EQ(d.bytes, 136);
    d = judge(ESRT, m, 1, MB + PG - 16, esrt3, 136);
    check_refused(ctx, d, RETAIN_ERR_TABLE_CUT);
}

static void esrt_filling_the_region_exactly_is_accepted(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, BS) };

    make_esrt3();
    check_accepted(ctx, judge(ESRT, m, 1, MB + PG - 136, esrt3, 136),
                   RETAIN_RELOCATE, BS, 136);
}

/*
 * A small version other than 1 is a table of another version; 0, or a
 * value no version could have, means the bytes are not a table: its
 * memory was reused or cleared (0xafaf... is what the shim's
 * esrt-type=reused leaves).
 */
static void esrt_wrong_version_is_refused(struct unit_ctx *ctx)
{
    static const struct { uint64_t v; enum retain_status why; } c[] = {
        { 2, RETAIN_ERR_VERSION }, { 0xffff, RETAIN_ERR_VERSION },
        { 0, RETAIN_ERR_REUSED }, { 0x10000, RETAIN_ERR_REUSED },
        { (1ULL << 32) | 1, RETAIN_ERR_REUSED },
        { 0xafafafafafafafafULL, RETAIN_ERR_REUSED },
        { TOP, RETAIN_ERR_REUSED },
    };
    struct efimap_entry m[] = { E(MB, 1, BS) };
    uint8_t t[136];

    for ( unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++ )
    {
        struct retain_decision d;

        esrt(t, 3, 3, c[i].v, 3);
        d = judge(ESRT, m, 1, MB, t, sizeof(t));
        check_refused(ctx, d, c[i].why);
        CHECK_EQ(d.mem_type, BS);
        CHECK_EQ(d.bytes, 0);
    }
}

static void esrt_count_zero_is_refused(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RS) };
    uint8_t t[16];

    esrt(t, 0, 4, 1, 0);
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 16), RETAIN_ERR_COUNT_ZERO);
}

static void esrt_count_above_its_max_is_refused(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RS) };
    uint8_t t[136];

    esrt(t, 3, 2, 1, 3);
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_ERR_COUNT_MAX);
    esrt(t, 3, 0, 1, 3);
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_ERR_COUNT_MAX);
}

/*
 * In conventional memory (free memory, a firmware bug) or loader data a
 * table that fails a check on its contents was overwritten: the reason
 * says so (the boot shell adds the memory type). A valid one there is
 * still relocated, and an overlap with the image keeps its own, more
 * precise reason.
 */
static void esrt_reused_conventional_memory_says_gone(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, CONV) };
    struct retain_range img = { MB + 0x800, MB + 0x900 };
    uint8_t t[136];
    const char *why;

    esrt(t, 3, 3, 2, 3);
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_ERR_REUSED);
    esrt(t, 3, 2, 1, 3);
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_ERR_REUSED);
    esrt(t, 200, 200, 1, 3);
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_ERR_REUSED);
    memset(t, 0xaf, sizeof(t));
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_ERR_REUSED);
    esrt(t, 3, 3, 1, 3);
    check_accepted(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_RELOCATE,
                   CONV, 136);
    check_refused(ctx, judge_x(ESRT, m, 1, MB + 0x880, t, 136, &img, 1),
                  RETAIN_ERR_OVERLAP);
    /* Loader data likewise: what a loader took, often freed pages. */
    m[0].type = LOADER;
    esrt(t, 3, 3, 2, 3);
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_ERR_REUSED);
    CHECK_EQ(judge(ESRT, m, 1, MB, t, 136).mem_type, LOADER);
    /* The same bytes in boot-services data keep their own reasons. */
    m[0].type = BS;
    check_refused(ctx, judge(ESRT, m, 1, MB, t, 136), RETAIN_ERR_VERSION);
    why = retain_strerror(RETAIN_ERR_REUSED);
    CHECK(strstr(why, "reused"));
    CHECK(strstr(why, "contents are gone"));
    CHECK(!strstr(why, "version"));
}

/* 40 * 0x06666667 is 2^32 + 24: a 32-bit product would say 40 bytes. */
static void esrt_count_times_40_overflow_is_refused(struct unit_ctx *ctx)
{
    static const uint32_t counts[] = { 0x06666667, 0x0ccccccd, 0xffffffff,
                                       0x80000000 };
    struct efimap_entry m[] = { E(MB, 16, BS) };
    uint8_t t[56];

    for ( unsigned int i = 0; i < sizeof(counts) / sizeof(counts[0]); i++ )
    {
        struct retain_decision d;

        esrt(t, counts[i], 0xffffffff, 1, 1);
        d = judge(ESRT, m, 1, MB, t, sizeof(t));
        check_refused(ctx, d, RETAIN_ERR_COUNT_ABSURD);
        CHECK_EQ(d.bytes, 0);
    }
}

static void esrt_4096_entries_accepted_4097_refused(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 48, BS) };
    size_t len;
    uint8_t *t = esrt_alloc(4097, &len);

    esrt(t, 4096, 4096, 1, 4096);
    check_accepted(ctx, judge(ESRT, m, 1, MB, t, 16 + 40 * 4096),
                   RETAIN_RELOCATE, BS, 16 + 40 * 4096);
    esrt(t, 4097, 4097, 1, 4097);
    check_refused(ctx, judge(ESRT, m, 1, MB, t, len),
                  RETAIN_ERR_COUNT_ABSURD);
    free(t);
}

static void esrt_500_entries_accepted(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 4, BS), E(MB + 4 * PG, 4, CONV) };
    size_t len;
    uint8_t *t = esrt_alloc(500, &len);

    CHECK_EQ(len, 20016);
    /* Across two entries, ending 1 byte before the map's end. */
    check_accepted(ctx, judge(ESRT, m, 2, MB + 8 * PG - len - 1, t, len),
                   RETAIN_RELOCATE, BS, 20016);
    check_accepted(ctx, judge(ESRT, m, 2, MB + 0x123, t, len),
                   RETAIN_RELOCATE, BS, 20016);
    free(t);
}

static void esrt_duplicate_or_nil_fw_class_is_kept(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RS) };
    struct retain_esrt_classes c;
    uint8_t t[136];

    esrt(t, 3, 3, 1, 3);
    retain_esrt_classes(t, sizeof(t), &c);
    CHECK_EQ(c.first, UINT32_MAX);
    CHECK_EQ(c.nr_nil + c.nr_repeated, 0);
    memcpy(t + 16 + 80, t + 16, 16);           /* entry 2 = entry 0 */
    check_accepted(ctx, judge(ESRT, m, 1, MB, t, sizeof(t)), RETAIN_KEEP, RS,
                   136);
    retain_esrt_classes(t, sizeof(t), &c);
    CHECK_EQ(c.nr_repeated, 1);
    CHECK_EQ(c.nr_nil, 0);
    CHECK_EQ(c.first, 2);
    CHECK_EQ(c.same_as, 0);
    memset(t + 16 + 40, 0, 16);                /* entry 1 nil too */
    check_accepted(ctx, judge(ESRT, m, 1, MB, t, sizeof(t)), RETAIN_KEEP, RS,
                   136);
    retain_esrt_classes(t, sizeof(t), &c);
    CHECK_EQ(c.nr_nil, 1);
    CHECK_EQ(c.nr_repeated, 1);
    CHECK_EQ(c.first, 1);
    /* Differing only in the last byte is two classes. */
    esrt(t, 3, 3, 1, 3);
    memcpy(t + 16 + 40, t + 16, 15);
    retain_esrt_classes(t, sizeof(t), &c);
    CHECK_EQ(c.first, UINT32_MAX);
    /* Two nil classes: the second is nil, not a repeat. */
    memset(t + 16, 0, 16);
    memset(t + 16 + 40, 0, 16);
    retain_esrt_classes(t, sizeof(t), &c);
    CHECK_EQ(c.nr_nil, 2);
    CHECK_EQ(c.nr_repeated, 0);
    CHECK_EQ(c.first, 0);
}

static void esrt_unknown_fw_type_and_status_are_accepted(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RS) };
    uint32_t v = 77;
    uint8_t t[136];

    esrt(t, 3, 3, 1, 3);
    memcpy(t + 16 + 16, &v, 4);
    v = 0x4001;
    memcpy(t + 16 + 36, &v, 4);
    check_accepted(ctx, judge(ESRT, m, 1, MB, t, sizeof(t)), RETAIN_KEEP, RS,
                   136);
}

static void overlap_with_an_excluded_range_is_refused(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 4, BS) };
    uint64_t pa = MB + 0x800;
    struct retain_range x[3] = {
        { 0x200000, 0x400000 },                /* elsewhere */
        { 0, 0 },                               /* empty: ignored */
    };

    make_esrt3();
    /* Touching on either side is no overlap. */
    x[2] = (struct retain_range){ pa - 0x100, pa };
    check_accepted(ctx, judge_x(ESRT, m, 1, pa, esrt3, 136, x, 3),
                   RETAIN_RELOCATE, BS, 136);
    x[2] = (struct retain_range){ pa + 136, pa + 0x1000 };
    check_accepted(ctx, judge_x(ESRT, m, 1, pa, esrt3, 136, x, 3),
                   RETAIN_RELOCATE, BS, 136);
    /* The last byte, the first byte, the header, a range inside. */
    x[2] = (struct retain_range){ pa + 135, pa + 0x1000 };
    check_refused(ctx, judge_x(ESRT, m, 1, pa, esrt3, 136, x, 3),
                  RETAIN_ERR_OVERLAP);
    x[2] = (struct retain_range){ pa - 0x100, pa + 1 };
    check_refused(ctx, judge_x(ESRT, m, 1, pa, esrt3, 136, x, 3),
                  RETAIN_ERR_OVERLAP);
    x[2] = (struct retain_range){ pa + 8, pa + 9 };
    check_refused(ctx, judge_x(ESRT, m, 1, pa, esrt3, 136, x, 3),
                  RETAIN_ERR_OVERLAP);
    x[2] = (struct retain_range){ pa + 60, pa + 70 };
    check_refused(ctx, judge_x(ESRT, m, 1, pa, esrt3, 136, x, 3),
                  RETAIN_ERR_OVERLAP);
    x[2] = (struct retain_range){ 0, TOP };
    check_refused(ctx, judge_x(ESRT, m, 1, pa, esrt3, 136, x, 3),
                  RETAIN_ERR_OVERLAP);
}

static void addresses_near_2_64_are_safe(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(TOP - 2 * PG + 1, 1, BS),
                                E(TOP - PG + 1, 1, RECLAIM) };
    struct retain_decision d;

    make_esrt3();
    /* Ending at the very last byte of the address space. */
    check_accepted(ctx, judge(ESRT, m, 2, TOP - 135, esrt3, 136),
                   RETAIN_KEEP, RECLAIM, 136);
    check_accepted(ctx, judge(ESRT, m, 2, TOP - PG - 55, esrt3, 136),
                   RETAIN_RELOCATE, BS, 136);
    d = judge(ESRT, m, 2, TOP - 134, esrt3, 136);
    check_refused(ctx, d, RETAIN_ERR_TABLE_CUT);
    CHECK_EQ(d.bytes, 136);
    check_refused(ctx, judge(ESRT, m, 2, TOP, esrt3, 136),
                  RETAIN_ERR_HEADER_CUT);
    check_refused(ctx, judge(ESRT, m, 2, TOP - 14, esrt3, 136),
                  RETAIN_ERR_HEADER_CUT);
    check_refused(ctx, judge(ESRT, m, 2, TOP - 2 * PG, esrt3, 136),
                  RETAIN_ERR_NOT_IN_MAP);
    /* An excluded range ending at the top of the address space. */
    struct retain_range x = { TOP - 0x1000, TOP };

    check_refused(ctx, judge_x(ESRT, m, 2, TOP - 135, esrt3, 136, &x, 1),
                  RETAIN_ERR_OVERLAP);
}

static void null_and_unmapped_addresses_are_refused(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(0, 1, BS), E(MB, 1, BS) };
    struct retain_decision d;

    make_esrt3();
    d = judge(ESRT, m, 2, 0, esrt3, 136);
    check_refused(ctx, d, RETAIN_ERR_NULL);
    CHECK_EQ(d.mem_type, 0);
    check_refused(ctx, judge(ESRT, m, 2, MB - 8, esrt3, 136),
                  RETAIN_ERR_NOT_IN_MAP);
    check_refused(ctx, judge(ESRT, m, 2, MB + PG, esrt3, 136),
                  RETAIN_ERR_NOT_IN_MAP);
    check_refused(ctx, judge(ESRT, NULL, 0, MB, esrt3, 136),
                  RETAIN_ERR_NOT_IN_MAP);
    /* Page 0 is in the map: only the pointer value 0 is refused. */
    check_accepted(ctx, judge(ESRT, m, 2, 8, esrt3, 136), RETAIN_RELOCATE,
                   BS, 136);
}

/* A memory attributes table of n entries of desc bytes in buf. */
static size_t memattr(uint8_t *buf, uint32_t version, uint32_t n,
                      uint32_t desc, uint32_t nr_written)
{
    struct retain_memattr_header h = { version, n, desc, 0 };

    memcpy(buf, &h, sizeof(h));
    for ( uint32_t i = 0; i < nr_written; i++ )
    {
        struct efimap_fw_desc e = {
            .type = i % 2 ? RS : EFIMAP_TYPE_RS_CODE,
            .phys_start = 0x7c000000 + i * 0x3000ULL, .nr_pages = 2,
            .attr = EFIMAP_ATTR_RUNTIME |
                    (i % 2 ? EFIMAP_ATTR_XP : EFIMAP_ATTR_RO),
        };

        memset(buf + 16 + i * desc, 0xee, desc);
        memcpy(buf + 16 + i * desc, &e, sizeof(e));
    }
    return 16 + (size_t)desc * nr_written;
}

static void memattr_valid_tables_are_accepted(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, BS), E(MB + PG, 1, RS) };
    uint8_t t[16 + 6 * 48];

    memattr(t, 1, 6, 40, 6);
    check_accepted(ctx, judge(MEMATTR, m, 2, MB + 0x40, t, 256),
                   RETAIN_RELOCATE, BS, 256);
    memattr(t, 2, 6, 48, 6);
    check_accepted(ctx, judge(MEMATTR, m, 2, MB + PG, t, sizeof(t)),
                   RETAIN_KEEP, RS, sizeof(t));
    /* One entry reaching exactly 2^64. */
    struct efimap_fw_desc e = { .type = RS, .phys_start = TOP - PG + 1,
                                .nr_pages = 1 };

    memattr(t, 1, 1, 40, 0);
    memcpy(t + 16, &e, sizeof(e));
    check_accepted(ctx, judge(MEMATTR, m, 2, MB + PG, t, 56), RETAIN_KEEP,
                   RS, 56);
}

static void memattr_bad_headers_are_refused(struct unit_ctx *ctx)
{
    static const struct {
        uint32_t version, n, desc;
        enum retain_status why;
    } c[] = {
        { 0, 2, 48, RETAIN_ERR_VERSION }, { 3, 2, 48, RETAIN_ERR_VERSION },
        { 1, 0, 48, RETAIN_ERR_COUNT_ZERO },
        { 1, 4097, 48, RETAIN_ERR_COUNT_ABSURD },
        { 1, 0xffffffff, 0xfffffff8, RETAIN_ERR_COUNT_ABSURD },
        { 1, 2, 32, RETAIN_ERR_FIELD }, { 1, 2, 44, RETAIN_ERR_FIELD },
        { 1, 2, 0, RETAIN_ERR_FIELD }, { 2, 2, 4104, RETAIN_ERR_FIELD },
        { 2, 2, 0xfffffff8, RETAIN_ERR_FIELD },
    };
    struct efimap_entry m[] = { E(MB, 4, RS) };
    uint8_t t[16 + 2 * 48];

    for ( unsigned int i = 0; i < sizeof(c) / sizeof(c[0]); i++ )
    {
        struct retain_decision d;

        memattr(t, c[i].version, c[i].n, 48, 2);
        memcpy(t + 8, &c[i].desc, 4);
        d = judge(MEMATTR, m, 1, MB, t, sizeof(t));
        check_refused(ctx, d, c[i].why);
        CHECK_EQ(d.bytes, 0);
    }
}

static void memattr_4096_entries_of_4096_bytes_are_sized(struct unit_ctx *ctx)
{
    const struct retain_kind *k = &retain_kinds[MEMATTR];
    struct retain_memattr_header h = { 2, 4096, 4096, 0 };
    uint64_t bytes = 0;

    CHECK_EQ(k->size(&h, &bytes), RETAIN_OK);
    CHECK_EQ(bytes, 16 + 4096ULL * 4096);
}

static void memattr_bad_entries_are_refused(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RS) };
    struct efimap_fw_desc *e;
    uint8_t t[16 + 4 * 40];

    for ( unsigned int i = 0; i < 10; i++ )
    {
        memattr(t, 1, 4, 40, 4);
        e = (struct efimap_fw_desc *)(t + 16);
        switch ( i )
        {
        case 0: e[1].type = CONV; break;
        case 1: e[2].type = BS; break;
        case 2: e[3].phys_start += 0x800; break;
        case 3: e[0].nr_pages = 0; break;
        case 4: e[3].phys_start = TOP - PG + 1; e[3].nr_pages = 2; break;
        case 5: e[0].phys_start = 0; e[0].nr_pages = (1ULL << 52) + 1; break;
        case 6: e[2].phys_start = e[1].phys_start; break;      /* equal */
        case 7: e[1].nr_pages = 4; break;                      /* overlap */
        case 8: e[3].phys_start = 0x1000; break;               /* unsorted */
        case 9: e[0].nr_pages = TOP; break;
        }
        check_refused(ctx, judge(MEMATTR, m, 1, MB, t, sizeof(t)),
                      RETAIN_ERR_ENTRY);
    }
    /* Touching entries are fine. */
    memattr(t, 1, 4, 40, 4);
    e = (struct efimap_fw_desc *)(t + 16);
    e[1].nr_pages = 3;
    check_accepted(ctx, judge(MEMATTR, m, 1, MB, t, sizeof(t)), RETAIN_KEEP,
                   RS, sizeof(t));
}

static void memattr_header_and_table_cut(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RECLAIM) };
    uint8_t t[16 + 4 * 40];

    memattr(t, 1, 4, 40, 4);
    check_refused(ctx, judge(MEMATTR, m, 1, MB + PG - 12, t, sizeof(t)),
                  RETAIN_ERR_HEADER_CUT);
    check_refused(ctx, judge(MEMATTR, m, 1, MB + PG - 175, t, sizeof(t)),
                  RETAIN_ERR_TABLE_CUT);
    check_accepted(ctx, judge(MEMATTR, m, 1, MB + PG - 176, t, sizeof(t)),
                   RETAIN_KEEP, RECLAIM, 176);
}

static void rtprop_valid_and_invalid(struct unit_ctx *ctx)
{
    struct efimap_entry m[] = { E(MB, 1, RS), E(MB + PG, 1, BS) };
    struct retain_rtprop p = { 1, 8, 0x3fff };
    struct retain_decision d;

    check_accepted(ctx, judge(RTPROP, m, 2, MB + 0x10, &p, 8), RETAIN_KEEP,
                   RS, 8);
    check_accepted(ctx, judge(RTPROP, m, 2, MB + PG - 4, &p, 8),
                   RETAIN_RELOCATE, RS, 8);
    check_accepted(ctx, judge(RTPROP, m, 2, MB + 2 * PG - 8, &p, 8),
                   RETAIN_RELOCATE, BS, 8);
    /* Unknown service bits are a later spec's, not an error. */
    p.runtime_services_supported = 0xffffffff;
    check_accepted(ctx, judge(RTPROP, m, 2, MB, &p, 8), RETAIN_KEEP, RS, 8);
    check_refused(ctx, judge(RTPROP, m, 2, MB + 2 * PG - 3, &p, 8),
                  RETAIN_ERR_HEADER_CUT);
    d = judge(RTPROP, m, 2, MB + 2 * PG - 4, &p, 8);
    check_refused(ctx, d, RETAIN_ERR_TABLE_CUT);
    CHECK_EQ(d.bytes, 8);
    p.version = 2;
    check_refused(ctx, judge(RTPROP, m, 2, MB, &p, 8), RETAIN_ERR_VERSION);
    p.version = 0;
    check_refused(ctx, judge(RTPROP, m, 2, MB, &p, 8), RETAIN_ERR_VERSION);
    p.version = 1;
    p.length = 16;
    check_refused(ctx, judge(RTPROP, m, 2, MB, &p, 8), RETAIN_ERR_FIELD);
    p.length = 4;
    check_refused(ctx, judge(RTPROP, m, 2, MB, &p, 8), RETAIN_ERR_FIELD);
}

/* The size functions read exactly header_bytes, at any alignment. */
static void size_reads_only_the_header(struct unit_ctx *ctx)
{
    uint8_t esrt_h[17], ma_h[17], rt_h[5];
    struct retain_esrt_header eh = { 2, 2, 1 };
    struct retain_memattr_header mh = { 1, 3, 48, 0 };
    struct retain_rtprop rp = { 1, 8, 0 };
    const void *h[3] = { esrt_h + 1, ma_h + 1, rt_h + 1 };
    uint64_t want[3] = { 96, 160, 8 };

    memcpy(esrt_h + 1, &eh, 16);
    memcpy(ma_h + 1, &mh, 16);
    memcpy(rt_h + 1, &rp, 4);
    CHECK_EQ(retain_kinds[ESRT].header_bytes, 16);
    CHECK_EQ(retain_kinds[MEMATTR].header_bytes, 16);
    CHECK_EQ(retain_kinds[RTPROP].header_bytes, 4);
    for ( int i = 0; i < 3; i++ )
    {
        uint32_t n = retain_kinds[i].header_bytes;
        uint8_t *copy = malloc(n);
        uint64_t bytes = 0;

        memcpy(copy, h[i], n);
        CHECK_EQ(retain_kinds[i].size(copy, &bytes), RETAIN_OK);
        CHECK_EQ(bytes, want[i]);
        CHECK_EQ(retain_kinds[i].size(h[i], &bytes), RETAIN_OK);
        free(copy);
    }
}

static const struct unit_case retain_cases[] = {
    { "registry_order_guids_and_names", registry_order_guids_and_names },
    { "strerror_has_one_string_per_status",
      strerror_has_one_string_per_status },
    { "esrt_in_bs_data_is_relocated", esrt_in_bs_data_is_relocated },
    { "esrt_in_rs_data_is_kept", esrt_in_rs_data_is_kept },
    { "esrt_in_acpi_reclaim_is_kept", esrt_in_acpi_reclaim_is_kept },
    { "esrt_in_acpi_nvs_is_kept", esrt_in_acpi_nvs_is_kept },
    { "esrt_in_loader_data_is_relocated", esrt_in_loader_data_is_relocated },
    { "esrt_in_conventional_is_relocated",
      esrt_in_conventional_is_relocated },
    { "esrt_in_every_other_type_is_refused",
      esrt_in_every_other_type_is_refused },
    { "esrt_straddling_two_touching_acceptable_entries",
      esrt_straddling_two_touching_acceptable_entries },
    { "esrt_ending_on_an_entry_boundary_is_kept",
      esrt_ending_on_an_entry_boundary_is_kept },
    { "esrt_straddling_into_an_unacceptable_type_is_cut",
      esrt_straddling_into_an_unacceptable_type_is_cut },
    { "esrt_straddling_a_hole_is_cut", esrt_straddling_a_hole_is_cut },
    { "header_cut_by_the_map_end", header_cut_by_the_map_end },
    { "table_cut_by_the_map_end", table_cut_by_the_map_end },
    { "esrt_filling_the_region_exactly_is_accepted",
      esrt_filling_the_region_exactly_is_accepted },
    { "esrt_wrong_version_is_refused", esrt_wrong_version_is_refused },
    { "esrt_count_zero_is_refused", esrt_count_zero_is_refused },
    { "esrt_count_above_its_max_is_refused",
      esrt_count_above_its_max_is_refused },
    { "esrt_reused_conventional_memory_says_gone",
      esrt_reused_conventional_memory_says_gone },
    { "esrt_count_times_40_overflow_is_refused",
      esrt_count_times_40_overflow_is_refused },
    { "esrt_4096_entries_accepted_4097_refused",
      esrt_4096_entries_accepted_4097_refused },
    { "esrt_500_entries_accepted", esrt_500_entries_accepted },
    { "esrt_duplicate_or_nil_fw_class_is_kept",
      esrt_duplicate_or_nil_fw_class_is_kept },
    { "esrt_unknown_fw_type_and_status_are_accepted",
      esrt_unknown_fw_type_and_status_are_accepted },
    { "overlap_with_an_excluded_range_is_refused",
      overlap_with_an_excluded_range_is_refused },
    { "addresses_near_2_64_are_safe", addresses_near_2_64_are_safe },
    { "null_and_unmapped_addresses_are_refused",
      null_and_unmapped_addresses_are_refused },
    { "memattr_valid_tables_are_accepted",
      memattr_valid_tables_are_accepted },
    { "memattr_bad_headers_are_refused", memattr_bad_headers_are_refused },
    { "memattr_4096_entries_of_4096_bytes_are_sized",
      memattr_4096_entries_of_4096_bytes_are_sized },
    { "memattr_bad_entries_are_refused", memattr_bad_entries_are_refused },
    { "memattr_header_and_table_cut", memattr_header_and_table_cut },
    { "rtprop_valid_and_invalid", rtprop_valid_and_invalid },
    { "size_reads_only_the_header", size_reads_only_the_header },
};

UNIT_SUITE(retain, retain_cases)
