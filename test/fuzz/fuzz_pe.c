/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for PE32+ checking and base relocation (lib/boot/pe_reloc.c).
 * Each input is used three ways:
 * - as a PE file for pe_check_image(); when it passes, the image is
 *   "loaded" (headers and sections copied to their RVAs) and its own
 *   relocation table, read from inside the loaded image, must apply and
 *   then un-apply to the identical bytes; it is W^X, down to the page
 *   (no section, and no page two sections share, is both writable and
 *   executable), and its entry point lies inside an executable section;
 * - as {s64 delta, u16 image size, table...} for pe_reloc_apply() on a
 *   separate image framed by guard bytes: no byte outside the image ever
 *   changes; on success applying -delta restores the image exactly; on an
 *   error nothing changed and pe_reloc_count() agrees on status and offset;
 * - as one buffer that is both image and table (from a chosen offset):
 *   the same restore-or-untouched rule.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/pe.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )
#define GUARD       32
#define LOAD_MAX    (4u << 20)

static int64_t get_delta(const uint8_t *data, size_t size)
{
    uint64_t d = 0x0000123456789000ULL;

    if ( size >= 8 )
        memcpy(&d, data, 8);
    return (int64_t)d;
}

/* Applies delta then -delta to image; checks the result either way. */
static void round_trip(uint8_t *image, size_t image_bytes,
                       const uint8_t *table, size_t table_bytes,
                       int64_t delta, bool table_separate)
{
    uint8_t *orig = malloc(image_bytes + 1);
    unsigned int bad = 0, bad2 = 0;
    struct pe_reloc_counts c;
    enum pe_status st, st2;

    ENSURE(orig);
    memcpy(orig, image, image_bytes);
    st = pe_reloc_apply(image, image_bytes, table, table_bytes, delta, &bad);
    ENSURE((unsigned int)st < PE_NR_STATUS);
    if ( st == PE_OK )
    {
        st = pe_reloc_apply(image, image_bytes, table, table_bytes,
                            (int64_t)(0 - (uint64_t)delta), &bad);
        ENSURE(st == PE_OK);
    }
    else
        ENSURE(bad < table_bytes || table_bytes == 0);
    ENSURE(!memcmp(orig, image, image_bytes));
    if ( table_separate )
    {
        st2 = pe_reloc_count(table, table_bytes, image_bytes, &c, &bad2);
        ENSURE(st2 == st && (st == PE_OK || bad2 == bad));
    }
    free(orig);
}

static void raw_tables(const uint8_t *data, size_t size)
{
    size_t image_bytes = size >= 10 ? (data[8] | data[9] << 8) : 64;
    size_t skip = size >= 10 ? 10 : size;
    uint8_t *frame = malloc(image_bytes + 2 * GUARD);
    uint8_t *copy = malloc(size + 1);

    ENSURE(frame && copy);
    for ( size_t i = 0; i < image_bytes + 2 * GUARD; i++ )
        frame[i] = (uint8_t)(i * 7 + 3);
    round_trip(frame + GUARD, image_bytes, data + skip, size - skip,
               get_delta(data, size), true);
    for ( size_t i = 0; i < GUARD; i++ )
    {
        ENSURE(frame[i] == (uint8_t)(i * 7 + 3));
        ENSURE(frame[GUARD + image_bytes + i] ==
               (uint8_t)((GUARD + image_bytes + i) * 7 + 3));
    }

    /* The whole input as an image holding its own table. */
    memcpy(copy, data, size);
    round_trip(copy, size, copy + skip, size - skip, get_delta(data, size),
               false);
    free(frame);
    free(copy);
}

static void get_section(const uint8_t *f, const struct pe_image_info *info,
                        unsigned int i, struct pe_section *s)
{
    memcpy(s, f + info->section_table_offset + i * sizeof(*s), sizeof(*s));
}

/* Copies headers and sections to their RVAs, as a loader would. */
static uint8_t *load(const uint8_t *f, const struct pe_image_info *info)
{
    uint8_t *img = calloc(1, info->image_bytes);

    ENSURE(img);
    memcpy(img, f, info->headers_bytes);
    for ( unsigned int i = 0; i < info->nr_sections; i++ )
    {
        struct pe_section s;
        uint32_t span, n;

        get_section(f, info, i, &s);
        span = s.virtual_bytes ? s.virtual_bytes : s.raw_bytes;
        n = span < s.raw_bytes ? span : s.raw_bytes;
        ENSURE((uint64_t)s.rva + n <= info->image_bytes);
        memcpy(img + s.rva, f + s.raw_offset, n);
    }
    return img;
}

/* The pages [*first, *last) the section covers once loaded. */
static void section_pages(const struct pe_section *s, uint64_t *first,
                          uint64_t *last)
{
    uint64_t span = s->virtual_bytes ? s->virtual_bytes : s->raw_bytes;

    *first = s->rva / PE_PAGE_BYTES;
    *last = ((uint64_t)s->rva + span + PE_PAGE_BYTES - 1) / PE_PAGE_BYTES;
}

/* An accepted image: W^X per section and per page, entry executable. */
static void check_wx_entry(const uint8_t *f, const struct pe_image_info *info)
{
    const uint32_t w = PE_SCN_MEM_WRITE, x = PE_SCN_MEM_EXECUTE;
    bool entry_ok = false;

    ENSURE(info->entry_rva >= info->headers_bytes);
    for ( unsigned int i = 0; i < info->nr_sections; i++ )
    {
        struct pe_section s, t;
        uint64_t first, last, t_first, t_last;
        uint64_t span;

        get_section(f, info, i, &s);
        ENSURE((s.characteristics & (w | x)) != (w | x));
        span = s.virtual_bytes ? s.virtual_bytes : s.raw_bytes;
        if ( (s.characteristics & x) && info->entry_rva >= s.rva &&
             info->entry_rva < s.rva + span )
            entry_ok = true;
        section_pages(&s, &first, &last);
        for ( unsigned int j = 0; j < info->nr_sections; j++ )
        {
            get_section(f, info, j, &t);
            section_pages(&t, &t_first, &t_last);
            if ( j != i && (s.characteristics & w) &&
                 (t.characteristics & x) )
                ENSURE(t_last <= first || last <= t_first);
        }
    }
    ENSURE(entry_ok);
}

static void pe_file(const uint8_t *data, size_t size)
{
    struct pe_image_info info;
    struct pe_reloc_counts c;
    unsigned int bad;
    enum pe_status st;
    uint8_t *img;

    st = pe_check_image(data, size, &info);
    ENSURE((unsigned int)st < PE_NR_STATUS);
    if ( st != PE_OK )
        return;
    ENSURE(info.image_bytes % PE_PAGE_BYTES == 0);
    ENSURE(info.nr_sections > 0);
    ENSURE(info.nx_compat ==
           !!(info.dll_characteristics & PE_DLL_NX_COMPAT));
    ENSURE((uint64_t)info.reloc_file_offset + info.reloc_bytes <= size);
    ENSURE((uint64_t)info.reloc_rva + info.reloc_bytes <= info.image_bytes);
    ENSURE(pe_reloc_count(data + info.reloc_file_offset, info.reloc_bytes,
                          info.image_bytes, &c, &bad) == PE_OK);
    ENSURE(!memcmp(&c, &info.relocs, sizeof(c)));
    check_wx_entry(data, &info);
    st = pe_check_file_layout(data, size, &info);
    ENSURE(st == PE_OK || st == PE_FILE_GAP || st == PE_FILE_TRAILING ||
           st == PE_BAD_CERT_TABLE);
    ENSURE(info.checksum_offset + 4 <= info.section_table_offset);
    (void)pe_checksum(data, size, info.checksum_offset);
    if ( info.image_bytes > LOAD_MAX )
        return;

    img = load(data, &info);
    ENSURE(!memcmp(img + info.reloc_rva, data + info.reloc_file_offset,
                   info.reloc_bytes));
    ENSURE(pe_reloc_apply(img, info.image_bytes, img + info.reloc_rva,
                          info.reloc_bytes, get_delta(data, size), &bad) ==
           PE_OK);
    round_trip(img, info.image_bytes, img + info.reloc_rva, info.reloc_bytes,
               get_delta(data, size), false);
    free(img);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    pe_file(data, size);
    raw_tables(data, size);
    return 0;
}
