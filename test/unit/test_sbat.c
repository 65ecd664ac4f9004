/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/boot/sbat.c: the .sbat CSV text shim and GRUB define,
 * the project's own arch/x86/efi/sbat.csv, and each refusal.
 */
#include <stdio.h>
#include <string.h>

#include <xen/sbat.h>

#include "unit.h"

#define HDR SBAT_HEADER_LINE "\n"

static enum sbat_status check_str(const char *s, struct sbat_info *info)
{
    return sbat_check(s, strlen(s), info);
}

static void project_sbat_file_parses(struct unit_ctx *ctx)
{
    static char buf[4096];
    struct sbat_info info;
    FILE *f = fopen("arch/x86/efi/sbat.csv", "rb");
    size_t n;

    if ( !CHECK(f != NULL) )
        return;
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    CHECK_EQ(sbat_check(buf, n, &info), SBAT_OK);
    CHECK(info.nr_components >= 1);
    CHECK(info.first_generation >= 1);
}

static void good_text_and_padding_pass(struct unit_ctx *ctx)
{
    static const char padded[] = HDR "a,2,V,p,1.0,https://x\n\0\0\0";
    struct sbat_info info;

    CHECK_EQ(check_str(HDR "a,1,V,p,1.0,https://x\nb,12,V,q,2,u\n", &info),
             SBAT_OK);
    CHECK_EQ(info.nr_components, 2);
    CHECK_EQ(info.first_generation, 1);
    CHECK_EQ(sbat_check(padded, sizeof(padded), &info), SBAT_OK);
    CHECK_EQ(info.first_generation, 2);
    CHECK_EQ(check_str(HDR "a,4294967295,V,p,1,u\n", &info), SBAT_OK);
}

static void each_fault_has_its_status(struct unit_ctx *ctx)
{
    static const struct {
        const char *text;
        enum sbat_status st;
        unsigned int line;
    } cases[] = {
        { "", SBAT_EMPTY, 0 },
        { "sbat,1,SBAT Version,sbat,1,https://example\n"
          "a,1,V,p,1,u\n", SBAT_BAD_HEADER, 1 },
        { "sbat,2,SBAT Version,sbat,1,"
          "https://github.com/rhboot/shim/blob/main/SBAT.md\n",
          SBAT_BAD_HEADER, 1 },
        { HDR, SBAT_NO_COMPONENT, 0 },
        { HDR "a,1,V,p,1,u", SBAT_NO_NEWLINE, 2 },
        { HDR "a,1,V,p,1\n", SBAT_BAD_FIELDS, 2 },
        { HDR "a,1,V,p,1,u,extra\n", SBAT_BAD_FIELDS, 2 },
        { HDR "a,1,,p,1,u\n", SBAT_BAD_FIELDS, 2 },
        { HDR "a,1,V,p,1,\n", SBAT_BAD_FIELDS, 2 },
        { HDR "a,0,V,p,1,u\n", SBAT_BAD_GENERATION, 2 },
        { HDR "a,01,V,p,1,u\n", SBAT_BAD_GENERATION, 2 },
        { HDR "a,1x,V,p,1,u\n", SBAT_BAD_GENERATION, 2 },
        { HDR "a,4294967296,V,p,1,u\n", SBAT_BAD_GENERATION, 2 },
        { HDR "a,1,\"V\",p,1,u\n", SBAT_BAD_CHAR, 2 },
        { HDR "a,1,V,p,1,u\r\n", SBAT_BAD_CHAR, 2 },
        { HDR "a,1,V\xc3\xa9,p,1,u\n", SBAT_BAD_CHAR, 2 },
        { HDR "\n", SBAT_BAD_FIELDS, 2 },
    };
    struct sbat_info info;

    for ( size_t i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        if ( !CHECK_EQ(check_str(cases[i].text, &info), cases[i].st) ||
             !CHECK_EQ(info.bad_line, cases[i].line) )
            printf("    in case %zu\n", i);
    }
}

static void bytes_after_the_nul_must_be_nul(struct unit_ctx *ctx)
{
    static const char junk[] = HDR "a,1,V,p,1,u\n\0x";
    struct sbat_info info;

    CHECK_EQ(sbat_check(junk, sizeof(junk) - 1, &info), SBAT_JUNK_AFTER_NUL);
    CHECK_EQ(sbat_check(junk, sizeof(junk) - 2, &info), SBAT_OK);
}

static void strerror_covers_every_status(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i < SBAT_NR_STATUS; i++ )
        CHECK(strcmp(sbat_strerror(i), "unknown sbat status"));
}

static const struct unit_case sbat_cases[] = {
    { "project_sbat_file_parses", project_sbat_file_parses },
    { "good_text_and_padding_pass", good_text_and_padding_pass },
    { "each_fault_has_its_status", each_fault_has_its_status },
    { "bytes_after_the_nul_must_be_nul", bytes_after_the_nul_must_be_nul },
    { "strerror_covers_every_status", strerror_covers_every_status },
};
UNIT_SUITE(sbat, sbat_cases)
