/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for PE32+ base relocations and the xen.efi header check
 * (lib/boot/pe_reloc.c). The relocation tables and the small PE image are
 * built here from the PE/COFF specification's layouts, shaped like what
 * GNU ld emits for an EFI application: .text RX, .data RW, .reloc R.
 */
#include <stdio.h>
#include <string.h>

#include <xen/pe.h>

#include "unit.h"

#define ENTRY(type, off)    ((uint16_t)((type) << 12 | (off)))

struct table {
    uint8_t b[1024];
    size_t n;
};

/* Appends a block for page_rva holding nr entries. */
static void add_block(struct table *t, uint32_t page_rva,
                      const uint16_t *e, size_t nr)
{
    uint32_t bytes = 8 + 2 * nr;

    memcpy(t->b + t->n, &page_rva, 4);
    memcpy(t->b + t->n + 4, &bytes, 4);
    memcpy(t->b + t->n + 8, e, 2 * nr);
    t->n += bytes;
}

static void fill_pattern(uint8_t *p, size_t n)
{
    uint32_t x = 0x12345678;

    for ( size_t i = 0; i < n; i++ )
    {
        x = x * 1103515245 + 12345;
        p[i] = x >> 16;
    }
}

static void apply_then_inverse_restores_image(struct unit_ctx *ctx)
{
    static uint8_t image[0x4000], orig[sizeof(image)];
    static const uint16_t b0[] = {
        ENTRY(PE_REL_DIR64, 0x000), ENTRY(PE_REL_DIR64, 0x008),
        ENTRY(PE_REL_HIGHLOW, 0x010), ENTRY(PE_REL_DIR64, 0x7fd),
    };
    static const uint16_t b1[] = {
        ENTRY(PE_REL_DIR64, 0x123), ENTRY(PE_REL_DIR64, 0xff8),
        ENTRY(PE_REL_ABSOLUTE, 0),
    };
    struct table t = { .n = 0 };
    unsigned int bad;
    const int64_t deltas[] = { 0x1000, -0x200000, INT64_MIN, 1 };

    add_block(&t, 0x1000, b0, ARRAY_SIZE(b0));
    add_block(&t, 0x3000, b1, ARRAY_SIZE(b1));
    fill_pattern(image, sizeof(image));
    memcpy(orig, image, sizeof(image));
    for ( size_t i = 0; i < ARRAY_SIZE(deltas); i++ )
    {
        CHECK_EQ(pe_reloc_apply(image, sizeof(image), t.b, t.n, deltas[i],
                                &bad), PE_OK);
        CHECK(memcmp(image, orig, sizeof(image)));
        CHECK_EQ(pe_reloc_apply(image, sizeof(image), t.b, t.n,
                                (int64_t)(0 - (uint64_t)deltas[i]), &bad),
                 PE_OK);
        CHECK(!memcmp(image, orig, sizeof(image)));
    }
}

static void dir64_adds_delta_and_touches_nothing_else(struct unit_ctx *ctx)
{
    uint8_t image[0x2000] = { 0 };
    static const uint16_t e[] = { ENTRY(PE_REL_DIR64, 0xff8) };
    struct table t = { .n = 0 };
    uint64_t v = 0xffff82d040001234ULL, got;
    unsigned int bad;

    add_block(&t, 0x1000, e, 1);
    /* The last 8 bytes of the image: the field ends exactly at its end. */
    memcpy(image + 0x1ff8, &v, 8);
    CHECK_EQ(pe_reloc_apply(image, sizeof(image), t.b, t.n,
                            -(int64_t)0xffff82d000000000LL, &bad), PE_OK);
    memcpy(&got, image + 0x1ff8, 8);
    CHECK_EQ(got, 0x40001234);
    for ( size_t i = 0; i < 0x1ff8; i++ )
        if ( image[i] )
            CHECK(!"byte outside the field changed");
}

static void highlow_adds_low_32_bits(struct unit_ctx *ctx)
{
    uint8_t image[0x1000];
    static const uint16_t e[] = { ENTRY(PE_REL_HIGHLOW, 0x100) };
    struct table t = { .n = 0 };
    uint32_t v = 0xfffffff0, got;
    unsigned int bad;

    memset(image, 0xaa, sizeof(image));
    add_block(&t, 0, e, 1);
    memcpy(image + 0x100, &v, 4);
    CHECK_EQ(pe_reloc_apply(image, sizeof(image), t.b, t.n, 0x100000020LL,
                            &bad), PE_OK);
    memcpy(&got, image + 0x100, 4);
    CHECK_EQ(got, 0x10);
    CHECK(image[0xff] == 0xaa && image[0x104] == 0xaa);
}

static void field_past_image_is_refused(struct unit_ctx *ctx)
{
    uint8_t image[0x2000] = { 0 };
    static const uint16_t ok_then_bad[] = {
        ENTRY(PE_REL_DIR64, 0x000), ENTRY(PE_REL_DIR64, 0xff9),
    };
    static const uint16_t hl[] = { ENTRY(PE_REL_HIGHLOW, 0xffd) };
    struct table t = { .n = 0 };
    unsigned int bad;

    add_block(&t, 0x1000, ok_then_bad, 2);
    CHECK_EQ(pe_reloc_apply(image, sizeof(image), t.b, t.n, 5, &bad),
             PE_RELOC_OUTSIDE_IMAGE);
    CHECK_EQ(bad, 10);
    /* Checked before anything is written: the good first field too. */
    CHECK_EQ(image[0x1000], 0);

    t.n = 0;
    add_block(&t, 0x1000, hl, 1);
    CHECK_EQ(pe_reloc_count(t.b, t.n, 0x2000, NULL, &bad),
             PE_RELOC_OUTSIDE_IMAGE);
    CHECK_EQ(pe_reloc_count(t.b, t.n, 0x2001, NULL, &bad), PE_OK);
    /* A page RVA near 4 GiB must not wrap into the image. */
    t.n = 0;
    add_block(&t, 0xfffff000, hl, 1);
    CHECK_EQ(pe_reloc_count(t.b, t.n, SIZE_MAX, NULL, &bad), PE_OK);
    CHECK_EQ(pe_reloc_count(t.b, t.n, 0xffffffff, NULL, &bad),
             PE_RELOC_OUTSIDE_IMAGE);
}

static void table_inside_image_may_not_be_fixed_up(struct unit_ctx *ctx)
{
    static uint8_t image[0x3000];
    static const uint16_t e[] = {
        ENTRY(PE_REL_DIR64, 0x0), ENTRY(PE_REL_DIR64, 0xff8),
    };
    struct table t = { .n = 0 };
    uint8_t *inside = image + 0x2000;
    unsigned int bad;

    add_block(&t, 0x1000, e, 2);
    memcpy(inside, t.b, t.n);
    CHECK_EQ(pe_reloc_apply(image, sizeof(image), inside, t.n, 8, &bad),
             PE_OK);
    /* A field on the table's own header would rewrite it. */
    memset(image, 0, sizeof(image));
    add_block(&t, 0x2000, e, 1);
    memcpy(inside, t.b, t.n);
    CHECK_EQ(pe_reloc_apply(image, sizeof(image), inside, t.n, 8, &bad),
             PE_RELOC_HITS_TABLE);
    CHECK_EQ(bad, 20);
    CHECK(!memcmp(inside, t.b, t.n));
    /* Table starting before the image and reaching into it. */
    t.n = 0;
    add_block(&t, 0, e, 1);
    memcpy(inside, t.b, t.n);
    CHECK_EQ(pe_reloc_apply(inside + 8, 0x100, inside, t.n, 8, &bad),
             PE_RELOC_HITS_TABLE);
    CHECK_EQ(pe_reloc_apply(inside + 10, 0x100, inside, t.n, 8, &bad),
             PE_OK);
}

static void bad_block_sizes_are_refused(struct unit_ctx *ctx)
{
    static const struct {
        uint32_t size;
        size_t table_bytes;
        enum pe_status st;
    } cases[] = {
        { 0, 16, PE_RELOC_BLOCK_ZERO },
        { 4, 16, PE_RELOC_BLOCK_SMALL },
        { 11, 16, PE_RELOC_BLOCK_ODD },
        { 18, 16, PE_RELOC_BLOCK_OVERRUN },
        { 16, 7, PE_RELOC_SHORT_HEADER },
    };

    for ( size_t i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        uint8_t t[32] = { 0 };
        unsigned int bad = 99;

        /* A good block first, so the bad offset is not trivially 0. */
        t[4] = 8;
        memcpy(t + 8 + 4, &cases[i].size, 4);
        CHECK_EQ(pe_reloc_count(t, 8 + cases[i].table_bytes, 0x1000, NULL,
                                &bad), cases[i].st);
        CHECK_EQ(bad, 8);
    }
}

static void unknown_types_are_refused(struct unit_ctx *ctx)
{
    static const unsigned int types[] = { 1, 2, 4, 5, 9, 11, 15 };

    for ( size_t i = 0; i < ARRAY_SIZE(types); i++ )
    {
        uint16_t e[] = { ENTRY(PE_REL_ABSOLUTE, 0), ENTRY(types[i], 0x10) };
        struct table t = { .n = 0 };
        unsigned int bad;

        add_block(&t, 0, e, 2);
        CHECK_EQ(pe_reloc_count(t.b, t.n, 0x1000, NULL, &bad),
                 PE_RELOC_BAD_TYPE);
        CHECK_EQ(bad, 10);
    }
}

static void overlapping_or_unsorted_fields_are_refused(struct unit_ctx *ctx)
{
    static const uint16_t dup[] = {
        ENTRY(PE_REL_DIR64, 0x10), ENTRY(PE_REL_DIR64, 0x10),
    };
    static const uint16_t overlap[] = {
        ENTRY(PE_REL_DIR64, 0x10), ENTRY(PE_REL_HIGHLOW, 0x14),
    };
    static const uint16_t later[] = { ENTRY(PE_REL_DIR64, 0x20) };
    static const uint16_t earlier[] = { ENTRY(PE_REL_DIR64, 0x10) };
    struct table t = { .n = 0 };
    unsigned int bad;

    add_block(&t, 0, dup, 2);
    CHECK_EQ(pe_reloc_count(t.b, t.n, 0x1000, NULL, &bad),
             PE_RELOC_UNSORTED);
    t.n = 0;
    add_block(&t, 0, overlap, 2);
    CHECK_EQ(pe_reloc_count(t.b, t.n, 0x1000, NULL, &bad),
             PE_RELOC_UNSORTED);
    t.n = 0;
    add_block(&t, 0x1000, later, 1);
    add_block(&t, 0x1000, earlier, 1);
    CHECK_EQ(pe_reloc_count(t.b, t.n, 0x2000, NULL, &bad),
             PE_RELOC_UNSORTED);
    CHECK_EQ(bad, 18);
}

static void count_reports_each_type(struct unit_ctx *ctx)
{
    static const uint16_t e[] = {
        ENTRY(PE_REL_DIR64, 0), ENTRY(PE_REL_HIGHLOW, 8),
        ENTRY(PE_REL_DIR64, 16), ENTRY(PE_REL_ABSOLUTE, 0),
    };
    struct table t = { .n = 0 };
    struct pe_reloc_counts c;
    unsigned int bad;

    CHECK_EQ(pe_reloc_count(t.b, 0, 0, &c, &bad), PE_OK);
    CHECK(c.nr_blocks == 0 && c.nr_dir64 == 0);
    add_block(&t, 0, e, 4);
    add_block(&t, 0x1000, e, 4);
    CHECK_EQ(pe_reloc_count(t.b, t.n, 0x2000, &c, &bad), PE_OK);
    CHECK_EQ(c.nr_blocks, 2);
    CHECK_EQ(c.nr_dir64, 4);
    CHECK_EQ(c.nr_highlow, 2);
    CHECK_EQ(c.nr_absolute, 2);
}

/*
 * A minimal xen.efi-like file: headers in 0x200 bytes, .text (RX) at RVA
 * 0x1000, .data (RW) at 0x2000, .reloc (R) at 0x3000, 0x200 file bytes
 * each, SizeOfImage 0x4000, two DIR64 fixups in .data.
 */
#define F_LFANEW    0x40
#define F_OPT       (F_LFANEW + 4 + 20)
#define F_SECTIONS  (F_OPT + 240)
#define F_BYTES     0x800

static void put_section(uint8_t *f, unsigned int i, const char *name,
                        uint32_t rva, uint32_t raw, uint32_t flags)
{
    struct pe_section s = {
        .virtual_bytes = 0x100, .rva = rva, .raw_bytes = 0x200,
        .raw_offset = raw, .characteristics = flags,
    };

    memcpy(s.name, name, strlen(name));
    memcpy(f + F_SECTIONS + i * sizeof(s), &s, sizeof(s));
}

static void make_image(uint8_t *f)
{
    struct pe_file_header fh = {
        .machine = PE_MACHINE_AMD64, .nr_sections = 3,
        .opt_header_bytes = sizeof(struct pe_opt_header64),
    };
    struct pe_opt_header64 oh = {
        .magic = PE_OPT_MAGIC_PE32PLUS, .entry_rva = 0x1010,
        .image_base = 0xffff82d040000000ULL, .section_align = 0x1000,
        .file_align = 0x200, .image_bytes = 0x4000, .headers_bytes = 0x200,
        .subsystem = PE_SUBSYSTEM_EFI_APP,
        .dll_characteristics = PE_DLL_NX_COMPAT | PE_DLL_DYNAMIC_BASE,
        .nr_dirs = PE_NR_DIRS,
    };
    uint32_t lfanew = F_LFANEW, sig = PE_SIGNATURE, page = 0x2000, bytes = 12;
    uint16_t e[2] = { ENTRY(PE_REL_DIR64, 0), ENTRY(PE_REL_DIR64, 8) };

    memset(f, 0, F_BYTES);
    f[0] = 'M';
    f[1] = 'Z';
    memcpy(f + 0x3c, &lfanew, 4);
    memcpy(f + F_LFANEW, &sig, 4);
    oh.dirs[PE_DIR_BASERELOC].rva = 0x3000;
    oh.dirs[PE_DIR_BASERELOC].size = 12;
    memcpy(f + F_LFANEW + 4, &fh, sizeof(fh));
    memcpy(f + F_OPT, &oh, sizeof(oh));
    put_section(f, 0, ".text", 0x1000, 0x200,
                PE_SCN_CNT_CODE | PE_SCN_MEM_EXECUTE | PE_SCN_MEM_READ);
    put_section(f, 1, ".data", 0x2000, 0x400, PE_SCN_CNT_INIT_DATA |
                PE_SCN_MEM_READ | PE_SCN_MEM_WRITE);
    put_section(f, 2, ".reloc", 0x3000, 0x600, PE_SCN_CNT_INIT_DATA |
                PE_SCN_MEM_READ | PE_SCN_MEM_DISCARDABLE);
    memcpy(f + 0x600, &page, 4);
    memcpy(f + 0x604, &bytes, 4);
    memcpy(f + 0x608, e, sizeof(e));
}

static void synthetic_image_passes_check(struct unit_ctx *ctx)
{
    static uint8_t f[F_BYTES];
    struct pe_image_info info;

    make_image(f);
    CHECK_EQ(pe_check_image(f, sizeof(f), &info), PE_OK);
    CHECK(info.nx_compat);
    CHECK_EQ(info.image_bytes, 0x4000);
    CHECK_EQ(info.nr_sections, 3);
    CHECK_EQ(info.reloc_file_offset, 0x600);
    CHECK_EQ(info.relocs.nr_dir64, 2);
    CHECK_EQ(info.section_table_offset, F_SECTIONS);

    /* Every shorter file fails cleanly. */
    for ( size_t n = 0; n < sizeof(f); n++ )
        CHECK(pe_check_image(f, n, &info) != PE_OK);
}

/* Writes v (bytes wide) at off of a fresh image; returns the check. */
static enum pe_status check_with(uint8_t *f, size_t off, uint64_t v,
                                 size_t bytes, struct pe_image_info *info)
{
    make_image(f);
    memcpy(f + off, &v, bytes);
    return pe_check_image(f, F_BYTES, info);
}

#define OPT(field)  (F_OPT + offsetof(struct pe_opt_header64, field))
#define SEC(i, field) \
    (F_SECTIONS + (i) * 40 + offsetof(struct pe_section, field))

static void each_header_fault_has_its_status(struct unit_ctx *ctx)
{
    static uint8_t f[F_BYTES];
    static const struct {
        size_t off;
        uint64_t v;
        size_t bytes;
        enum pe_status st;
    } cases[] = {
        { 0, 'Z', 1, PE_BAD_DOS_MAGIC },
        { 0x3c, F_BYTES - 8, 4, PE_BAD_LFANEW },
        { 0x3c, 0x10, 4, PE_BAD_LFANEW },
        { F_LFANEW, 0x4551, 4, PE_BAD_SIGNATURE },
        { F_LFANEW + 4, 0x14c, 2, PE_BAD_MACHINE },
        { F_LFANEW + 4 + 16, 100, 2, PE_OPT_TOO_SMALL },
        { F_LFANEW + 4 + 16, 0xf000, 2, PE_TRUNCATED_OPT },
        { OPT(magic), 0x10b, 2, PE_BAD_OPT_MAGIC },
        { OPT(nr_dirs), 17, 4, PE_BAD_NR_DIRS },
        { OPT(subsystem), 11, 2, PE_BAD_SUBSYSTEM },
        { OPT(section_align), 0x200000, 4, PE_BAD_SECTION_ALIGN },
        { OPT(file_align), 0x300, 4, PE_BAD_FILE_ALIGN },
        { OPT(image_base), 0x10000800, 8, PE_BAD_IMAGE_BASE },
        { OPT(image_bytes), 0x4100, 4, PE_BAD_IMAGE_SIZE },
        { OPT(headers_bytes), 0x1000, 4, PE_BAD_HEADERS_SIZE },
        { OPT(headers_bytes), 0x180, 4, PE_TRUNCATED_SECTIONS },
        { F_LFANEW + 4 + 2, 0, 2, PE_NO_SECTIONS },
        { SEC(1, rva), 0x2200, 4, PE_SECTION_UNALIGNED },
        { SEC(1, rva), 0x1000, 4, PE_SECTION_OVERLAP },
        { SEC(0, rva), 0, 4, PE_SECTION_OVERLAP },
        { SEC(2, virtual_bytes), 0x1001, 4, PE_SECTION_OUTSIDE_IMAGE },
        { SEC(2, raw_offset), 0x601, 4, PE_SECTION_OUTSIDE_FILE },
        { SEC(1, characteristics), 0xe0000040, 4, PE_SECTION_WX },
        { OPT(entry_rva), 0x2000, 4, PE_BAD_ENTRY },
        { OPT(entry_rva), 0x1100, 4, PE_BAD_ENTRY },
        { OPT(dirs[PE_DIR_BASERELOC].size), 0, 4, PE_NO_RELOC_DIR },
        { OPT(nr_dirs), 5, 4, PE_NO_RELOC_DIR },
        { OPT(dirs[PE_DIR_BASERELOC].rva), 0x2ff8, 4,
          PE_RELOC_DIR_NOT_IN_FILE },
        { OPT(dirs[PE_DIR_BASERELOC].size), 0x300, 4,
          PE_RELOC_DIR_NOT_IN_FILE },
        { 0x604, 0, 4, PE_RELOC_BLOCK_ZERO },
        { 0x600, 0x3000, 4, PE_RELOC_HITS_TABLE },
        { 0x600, 0x3ffc, 4, PE_RELOC_OUTSIDE_IMAGE },
        /* Fixups the firmware would write into code or read-only data. */
        { 0x600, 0x1000, 4, PE_RELOC_TARGET_NOT_RW },
        { SEC(1, characteristics), 0x40000040, 4, PE_RELOC_TARGET_NOT_RW },
        { SEC(1, characteristics), 0xa0000020, 4, PE_SECTION_WX },
        { 0x600, 0x2100, 4, PE_RELOC_TARGET_NOT_RW },
    };
    struct pe_image_info info;

    for ( size_t i = 0; i < ARRAY_SIZE(cases); i++ )
        if ( !CHECK_EQ(check_with(f, cases[i].off, cases[i].v,
                                  cases[i].bytes, &info), cases[i].st) )
            printf("    in case %zu\n", i);
    CHECK_EQ(check_with(f, SEC(1, characteristics), 0xe0000040, 4, &info),
             PE_SECTION_WX);
    CHECK_EQ(info.bad_section, 1);
    CHECK_EQ(check_with(f, 0x608, 0x1000, 2, &info), PE_RELOC_BAD_TYPE);
    CHECK_EQ(info.reloc_bad_offset, 8);
}

static void relocation_in_code_names_its_section(struct unit_ctx *ctx)
{
    static uint8_t f[F_BYTES];
    struct pe_image_info info;

    /* The block moved to .text's page: the first entry is refused. */
    CHECK_EQ(check_with(f, 0x600, 0x1000, 4, &info), PE_RELOC_TARGET_NOT_RW);
    CHECK_EQ(info.bad_section, 0);
    CHECK_EQ(info.reloc_bad_offset, 8);
    /* In no section at all (past .data's 0x100 bytes). */
    CHECK_EQ(check_with(f, 0x600, 0x20f8, 4, &info), PE_RELOC_TARGET_NOT_RW);
    CHECK_EQ(info.bad_section, 3);
    CHECK_EQ(info.reloc_bad_offset, 10);
    /* A field straddling the end of .data's span (the second one). */
    CHECK_EQ(check_with(f, 0x600, 0x20f4, 4, &info), PE_RELOC_TARGET_NOT_RW);
    CHECK_EQ(info.reloc_bad_offset, 10);
}

static void file_layout_has_no_stray_bytes(struct unit_ctx *ctx)
{
    static uint8_t f[F_BYTES + 0x100];
    struct pe_image_info info;

    make_image(f);
    CHECK_EQ(pe_check_image(f, F_BYTES, &info), PE_OK);
    CHECK_EQ(pe_check_file_layout(f, F_BYTES, &info), PE_OK);
    /* Bytes after the last section (a symbol table, say). */
    CHECK_EQ(pe_check_image(f, F_BYTES + 8, &info), PE_OK);
    CHECK_EQ(pe_check_file_layout(f, F_BYTES + 8, &info), PE_FILE_TRAILING);
    /* A hole between .data and .reloc. */
    CHECK_EQ(check_with(f, SEC(1, raw_bytes), 0x100, 4, &info), PE_OK);
    CHECK_EQ(pe_check_file_layout(f, F_BYTES, &info), PE_FILE_GAP);
    /* A hole between the headers and .text. */
    make_image(f);
    memset(f + SEC(0, raw_offset), 0, 4);
    f[SEC(0, raw_offset) + 1] = 0x1;
    f[SEC(0, raw_bytes)] = 0;
    f[SEC(0, raw_bytes) + 1] = 0x1;
    CHECK_EQ(pe_check_image(f, F_BYTES, &info), PE_OK);
    CHECK_EQ(pe_check_file_layout(f, F_BYTES, &info), PE_FILE_GAP);
}

static void certificate_table_must_end_the_file(struct unit_ctx *ctx)
{
    static const struct {
        uint32_t off, bytes;
        size_t len;
        enum pe_status st;
    } cases[] = {
        { F_BYTES, 0x100, F_BYTES + 0x100, PE_OK },
        { F_BYTES, 0x80, F_BYTES + 0x100, PE_BAD_CERT_TABLE },
        { F_BYTES + 8, 0xf8, F_BYTES + 0x100, PE_BAD_CERT_TABLE },
        { F_BYTES - 8, 0x108, F_BYTES + 0x100, PE_BAD_CERT_TABLE },
        { F_BYTES + 4, 0xfc, F_BYTES + 0x100, PE_BAD_CERT_TABLE },
    };
    static uint8_t f[F_BYTES + 0x100];
    struct pe_image_info info;

    for ( size_t i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        make_image(f);
        memcpy(f + OPT(dirs[PE_DIR_SECURITY].rva), &cases[i].off, 4);
        memcpy(f + OPT(dirs[PE_DIR_SECURITY].size), &cases[i].bytes, 4);
        CHECK_EQ(pe_check_image(f, cases[i].len, &info), PE_OK);
        CHECK_EQ(info.cert_offset, cases[i].off);
        if ( !CHECK_EQ(pe_check_file_layout(f, cases[i].len, &info),
                       cases[i].st) )
            printf("    in case %zu\n", i);
    }
}

static void checksum_sums_words_and_skips_its_field(struct unit_ctx *ctx)
{
    static const uint8_t ones[6] = { 0xff, 0xff, 0xff, 0xff, 1, 0 };
    static const uint8_t odd[3] = { 1, 2, 3 };
    static uint8_t f[F_BYTES];
    struct pe_image_info info;
    uint32_t sum;

    CHECK_EQ(pe_checksum(ones, sizeof(ones), 100), 7);
    CHECK_EQ(pe_checksum(odd, sizeof(odd), 100), 0x207);
    /* The field itself does not count, wherever it starts. */
    CHECK_EQ(pe_checksum(ones, sizeof(ones), 0), 1 + 6);
    CHECK_EQ(pe_checksum(ones, sizeof(ones), 1), 0xff + 6);
    make_image(f);
    CHECK_EQ(pe_check_image(f, sizeof(f), &info), PE_OK);
    CHECK_EQ(info.checksum_offset, OPT(checksum));
    sum = pe_checksum(f, sizeof(f), info.checksum_offset);
    memcpy(f + OPT(checksum), &sum, 4);
    CHECK_EQ(pe_check_image(f, sizeof(f), &info), PE_OK);
    CHECK_EQ(info.checksum, sum);
    CHECK_EQ(pe_checksum(f, sizeof(f), info.checksum_offset), sum);
}

static void nx_compat_is_reported_not_required(struct unit_ctx *ctx)
{
    static uint8_t f[F_BYTES];
    struct pe_image_info info;

    CHECK_EQ(check_with(f, OPT(dll_characteristics), PE_DLL_DYNAMIC_BASE, 2,
                        &info), PE_OK);
    CHECK(!info.nx_compat);
    CHECK_EQ(pe_check_image(NULL, 0, &info), PE_TRUNCATED_DOS);
}

static void strerror_covers_every_status(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i < PE_NR_STATUS; i++ )
        CHECK(strcmp(pe_strerror(i), "unknown pe status"));
}

static const struct unit_case pe_reloc_cases[] = {
    { "apply_then_inverse_restores_image",
      apply_then_inverse_restores_image },
    { "dir64_adds_delta_and_touches_nothing_else",
      dir64_adds_delta_and_touches_nothing_else },
    { "highlow_adds_low_32_bits", highlow_adds_low_32_bits },
    { "field_past_image_is_refused", field_past_image_is_refused },
    { "table_inside_image_may_not_be_fixed_up",
      table_inside_image_may_not_be_fixed_up },
    { "bad_block_sizes_are_refused", bad_block_sizes_are_refused },
    { "unknown_types_are_refused", unknown_types_are_refused },
    { "overlapping_or_unsorted_fields_are_refused",
      overlapping_or_unsorted_fields_are_refused },
    { "count_reports_each_type", count_reports_each_type },
    { "synthetic_image_passes_check", synthetic_image_passes_check },
    { "each_header_fault_has_its_status", each_header_fault_has_its_status },
    { "relocation_in_code_names_its_section",
      relocation_in_code_names_its_section },
    { "file_layout_has_no_stray_bytes", file_layout_has_no_stray_bytes },
    { "certificate_table_must_end_the_file",
      certificate_table_must_end_the_file },
    { "checksum_sums_words_and_skips_its_field",
      checksum_sums_words_and_skips_its_field },
    { "nx_compat_is_reported_not_required",
      nx_compat_is_reported_not_required },
    { "strerror_covers_every_status", strerror_covers_every_status },
};
UNIT_SUITE(pe_reloc, pe_reloc_cases)
