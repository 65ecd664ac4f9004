/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/memattr.c: the permissions each section of a
 * loaded image wants, the section table reader and its refusals, and the
 * "rwx" names.
 */
#include <string.h>

#include <efi/secboot.h>
#include <xen/memattr.h>
#include <xen/pe.h>

#include "unit.h"

#define IMG_BYTES   (8 * 4096)
#define LFANEW      0x80
#define OPT_BYTES   240
#define TABLE       (LFANEW + 4 + 20 + OPT_BYTES)

static uint8_t img[IMG_BYTES];

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)v);
    put16(p + 2, (uint16_t)(v >> 16));
}

/* Headers of a loaded image with nr sections, section i given below. */
static void make_image(unsigned int nr)
{
    memset(img, 0, sizeof(img));
    put16(img, PE_DOS_MAGIC);
    put32(img + 0x3c, LFANEW);
    put32(img + LFANEW, PE_SIGNATURE);
    put16(img + LFANEW + 4 + 2, (uint16_t)nr);
    put16(img + LFANEW + 4 + 16, OPT_BYTES);
}

static void set_section(unsigned int i, const char *name, uint32_t rva,
                        uint32_t vbytes, uint32_t ch)
{
    uint8_t *s = img + TABLE + 40 * i;

    memcpy(s, name, strlen(name) > 8 ? 8 : strlen(name));
    put32(s + 8, vbytes);
    put32(s + 12, rva);
    put32(s + 36, ch);
}

static void wants_follow_characteristics(struct unit_ctx *ctx)
{
    CHECK_EQ(memattr_want(PE_SCN_CNT_CODE | PE_SCN_MEM_EXECUTE |
                          PE_SCN_MEM_READ), EFI_MEMORY_RO);
    CHECK_EQ(memattr_want(PE_SCN_CNT_INIT_DATA | PE_SCN_MEM_READ),
             EFI_MEMORY_RO | EFI_MEMORY_XP);
    CHECK_EQ(memattr_want(PE_SCN_CNT_UNINIT_DATA | PE_SCN_MEM_READ |
                          PE_SCN_MEM_WRITE), EFI_MEMORY_XP);
}

static void reads_a_section_table(struct unit_ctx *ctx)
{
    struct memattr_section s[4];
    unsigned int nr;

    make_image(4);
    set_section(0, ".text", 0x1000, 0x1800, PE_SCN_MEM_EXECUTE |
                PE_SCN_MEM_READ);
    set_section(1, ".rodata", 0x3000, 0x10, PE_SCN_MEM_READ);
    set_section(2, ".empty", 0x4000, 0, PE_SCN_MEM_READ);
    set_section(3, ".longname", 0x4000, 0x4000, PE_SCN_MEM_READ |
                PE_SCN_MEM_WRITE);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr), MEMATTR_OK);
    CHECK_EQ(nr, 3);
    CHECK(!strcmp(s[0].name, ".text"));
    CHECK_EQ(s[0].rva, 0x1000);
    CHECK_EQ(s[0].bytes, 0x2000);
    CHECK_EQ(s[0].want, EFI_MEMORY_RO);
    CHECK_EQ(s[1].bytes, 0x1000);
    CHECK_EQ(s[1].want, EFI_MEMORY_RO | EFI_MEMORY_XP);
    CHECK(!strcmp(s[2].name, ".longnam"));
    CHECK_EQ(s[2].want, EFI_MEMORY_XP);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 2, &nr), MEMATTR_TOO_MANY);
}

static void refusals(struct unit_ctx *ctx)
{
    struct memattr_section s[4];
    unsigned int nr;

    make_image(1);
    set_section(0, ".text", 0x1000, 0x1000, PE_SCN_MEM_EXECUTE |
                PE_SCN_MEM_WRITE);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr),
             MEMATTR_SECTION_WX);
    set_section(0, ".text", 0x1800, 0x1000, PE_SCN_MEM_EXECUTE);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr),
             MEMATTR_BAD_SECTION);
    set_section(0, ".text", 0x7000, 0x1001, PE_SCN_MEM_EXECUTE);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr),
             MEMATTR_BAD_SECTION);
    set_section(0, ".text", 0xfffff000, 0x2000, PE_SCN_MEM_EXECUTE);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr),
             MEMATTR_BAD_SECTION);
    set_section(0, ".hdr", 0, 0x1000, PE_SCN_MEM_READ);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr),
             MEMATTR_BAD_SECTION);
    make_image(200);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr),
             MEMATTR_BAD_HEADERS);
    make_image(1);
    img[0] = 0;
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr),
             MEMATTR_BAD_HEADERS);
    make_image(1);
    put32(img + 0x3c, 0xfff0);
    CHECK_EQ(memattr_sections(img, IMG_BYTES, s, 4, &nr),
             MEMATTR_BAD_HEADERS);
    CHECK_EQ(memattr_sections(img, 100, s, 4, &nr), MEMATTR_BAD_HEADERS);
    for ( unsigned int i = 0; i < MEMATTR_NR_STATUS; i++ )
        CHECK(strcmp(memattr_strerror(i), "unknown memattr status"));
}

static void perms_names(struct unit_ctx *ctx)
{
    char b[4];

    CHECK(!strcmp(memattr_perms(0, b), "rwx"));
    CHECK(!strcmp(memattr_perms(EFI_MEMORY_RO, b), "r-x"));
    CHECK(!strcmp(memattr_perms(EFI_MEMORY_RO | EFI_MEMORY_XP, b), "r--"));
    CHECK(!strcmp(memattr_perms(EFI_MEMORY_XP, b), "rw-"));
    CHECK(!strcmp(memattr_perms(EFI_MEMORY_ACCESS_MASK, b), "---"));
}

static const struct unit_case memattr_cases[] = {
    { "wants_follow_characteristics", wants_follow_characteristics },
    { "reads_a_section_table", reads_a_section_table },
    { "refusals", refusals },
    { "perms_names", perms_names },
};
UNIT_SUITE(memattr, memattr_cases)
