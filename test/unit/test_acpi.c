/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/acpi.c. Tables are built here byte by byte with
 * correct checksums; the AML fragments are hand-assembled to the shapes
 * that iasl output of QEMU's and typical PC firmware's DSDTs takes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/acpi.h>

#include "unit.h"

static void put32(uint8_t *b, size_t off, uint32_t v)
{
    for ( int i = 0; i < 4; i++ )
        b[off + i] = v >> (8 * i);
}

static void put64(uint8_t *b, size_t off, uint64_t v)
{
    put32(b, off, v);
    put32(b, off + 4, v >> 32);
}

static uint8_t sum(const uint8_t *b, size_t n)
{
    uint8_t s = 0;

    while ( n-- )
        s += *b++;
    return s;
}

/* Fills an RSDP with valid checksums; len is 20 for revision 0. */
static void make_rsdp(uint8_t *b, uint8_t rev, uint32_t rsdt, uint64_t xsdt,
                      uint32_t length)
{
    memset(b, 0, length > 36 ? length : 36);
    memcpy(b, "RSD PTR ", 8);
    memcpy(b + 9, "XENTST", 6);
    b[15] = rev;
    put32(b, 16, rsdt);
    b[8] = -sum(b, 20);
    if ( rev >= 2 )
    {
        put32(b, 20, length);
        put64(b, 24, xsdt);
        b[32] = -sum(b, length);
    }
}

/* Writes a table header for length bytes and fixes the checksum. */
static void make_sdt(uint8_t *b, const char *sig, uint32_t length)
{
    memcpy(b, sig, 4);
    put32(b, 4, length);
    b[8] = 1;
    b[9] = 0;
    memcpy(b + 10, "XENTST", 6);
    b[9] = -sum(b, length);
}

/* Copies n bytes into an exact-size heap block so ASan sees over-reads. */
static uint8_t *exact_copy(const void *p, size_t n)
{
    uint8_t *c = malloc(n ? n : 1);

    memcpy(c, p, n);
    return c;
}

static void rsdp_v1_and_rev1(struct unit_ctx *ctx)
{
    uint8_t b[36];
    struct acpi_rsdp_info info;

    make_rsdp(b, 0, 0x7fe1234, 0, 20);
    CHECK_EQ(acpi_rsdp_parse(b, 20, &info), ACPI_OK);
    CHECK_EQ(info.revision, 0);
    CHECK_EQ(info.rsdt_pa, 0x7fe1234);
    CHECK_EQ(info.xsdt_pa, 0);

    /* Revision 1 was never defined; it is read as ACPI 1.0. */
    make_rsdp(b, 1, 0x1000, 0, 20);
    CHECK_EQ(acpi_rsdp_parse(b, 20, &info), ACPI_OK);
    CHECK_EQ(info.xsdt_pa, 0);
}

static void rsdp_v2(struct unit_ctx *ctx)
{
    uint8_t b[48];
    struct acpi_rsdp_info info;

    make_rsdp(b, 2, 0x7fe0000, 0x17fe00000ull, 36);
    CHECK_EQ(acpi_rsdp_parse(b, 36, &info), ACPI_OK);
    CHECK_EQ(info.revision, 2);
    CHECK_EQ(info.rsdt_pa, 0x7fe0000);
    CHECK_EQ(info.xsdt_pa, 0x17fe00000ull);

    /* A longer structure is covered by the extended checksum. */
    make_rsdp(b, 2, 0, 0x2000, 40);
    b[38] = 0x55;
    b[32] -= 0x55;
    CHECK_EQ(acpi_rsdp_parse(b, sizeof(b), &info), ACPI_OK);
    CHECK_EQ(info.rsdt_pa, 0);
}

static void rsdp_rejects(struct unit_ctx *ctx)
{
    uint8_t b[36];
    struct acpi_rsdp_info info;

    make_rsdp(b, 0, 0x1000, 0, 20);
    CHECK_EQ(acpi_rsdp_parse(b, 19, &info), ACPI_ERR_SHORT);
    b[7] = '_';
    CHECK_EQ(acpi_rsdp_parse(b, 20, &info), ACPI_ERR_SIGNATURE);

    make_rsdp(b, 0, 0x1000, 0, 20);
    b[16] ^= 1;
    CHECK_EQ(acpi_rsdp_parse(b, 20, &info), ACPI_ERR_CHECKSUM);

    /* The 20-byte sum is fine; only the extended checksum is off. */
    make_rsdp(b, 2, 0x1000, 0x2000, 36);
    b[33] = 1;
    CHECK_EQ(acpi_rsdp_parse(b, 36, &info), ACPI_ERR_CHECKSUM);

    make_rsdp(b, 2, 0x1000, 0x2000, 36);
    CHECK_EQ(acpi_rsdp_parse(b, 35, &info), ACPI_ERR_SHORT);
    make_rsdp(b, 2, 0x1000, 0x2000, 36);
    put32(b, 20, 35);
    b[8] = 0;
    b[8] = -sum(b, 20);
    CHECK_EQ(acpi_rsdp_parse(b, 36, &info), ACPI_ERR_LENGTH);
    put32(b, 20, 37);
    b[8] = 0;
    b[8] = -sum(b, 20);
    CHECK_EQ(acpi_rsdp_parse(b, 36, &info), ACPI_ERR_LENGTH);
}

static void sdt_check_cases(struct unit_ctx *ctx)
{
    uint8_t b[64] = { 0 };
    uint32_t tl = 0;

    make_sdt(b, "APIC", 44);
    CHECK_EQ(acpi_sdt_check(b, 64, "APIC", &tl), ACPI_OK);
    CHECK_EQ(tl, 44);
    CHECK_EQ(acpi_sdt_check(b, 44, NULL, NULL), ACPI_OK);
    CHECK_EQ(acpi_sdt_check(b, 64, "FACP", &tl), ACPI_ERR_SIGNATURE);
    CHECK_EQ(acpi_sdt_check(b, 35, "APIC", &tl), ACPI_ERR_SHORT);

    /* A header-only mapping still learns the full length. */
    tl = 0;
    CHECK_EQ(acpi_sdt_check(b, 36, "APIC", &tl), ACPI_ERR_LENGTH);
    CHECK_EQ(tl, 44);

    b[40] ^= 0x80;
    CHECK_EQ(acpi_sdt_check(b, 64, "APIC", &tl), ACPI_ERR_CHECKSUM);

    make_sdt(b, "SSDT", 35);
    CHECK_EQ(acpi_sdt_check(b, 64, NULL, &tl), ACPI_ERR_LENGTH);
}

static void rsdt_entries(struct unit_ctx *ctx)
{
    uint8_t b[64] = { 0 };
    paddr_t out[4] = { 0, 0, 0, 0xdead };
    size_t nr = 0;

    /* Three entries plus two stray bytes, which do not make a fourth. */
    put32(b, 36, 0x7fe1000);
    put32(b, 40, 0x7fe2000);
    put32(b, 44, 0xfffff000);
    make_sdt(b, "RSDT", 50);
    CHECK_EQ(acpi_sdt_entries(b, 50, false, out, 4, &nr), ACPI_OK);
    CHECK_EQ(nr, 3);
    CHECK_EQ(out[0], 0x7fe1000);
    CHECK_EQ(out[2], 0xfffff000);
    CHECK_EQ(out[3], 0xdead);

    /* A short out array still learns the full count. */
    out[1] = 0xbeef;
    CHECK_EQ(acpi_sdt_entries(b, 50, false, out, 1, &nr), ACPI_OK);
    CHECK_EQ(nr, 3);
    CHECK_EQ(out[1], 0xbeef);
    CHECK_EQ(acpi_sdt_entries(b, 50, false, NULL, 0, &nr), ACPI_OK);
    CHECK_EQ(nr, 3);

    CHECK_EQ(acpi_sdt_entries(b, 49, false, out, 4, &nr), ACPI_ERR_LENGTH);
    CHECK_EQ(acpi_sdt_entries(b, 20, false, out, 4, &nr), ACPI_ERR_SHORT);
}

static void xsdt_entries_unaligned(struct unit_ctx *ctx)
{
    uint8_t raw[1 + 36 + 16];
    uint8_t *b = raw + 1;
    uint8_t *copy;
    paddr_t out[2];
    size_t nr = 0;

    memset(raw, 0, sizeof(raw));
    put64(b, 36, 0x17fe10000ull);
    put64(b, 44, 0xfed00000ull);
    make_sdt(b, "XSDT", 52);
    copy = exact_copy(b, 52);
    CHECK_EQ(acpi_sdt_entries(b, 52, true, out, 2, &nr), ACPI_OK);
    CHECK_EQ(nr, 2);
    CHECK_EQ(out[0], 0x17fe10000ull);
    CHECK_EQ(out[1], 0xfed00000ull);
    CHECK_EQ(acpi_sdt_entries(copy, 52, true, out, 2, &nr), ACPI_OK);
    free(copy);
}

/* A full-size (ACPI 6.x) FADT with both port fields and X_ fields. */
static void make_fadt(uint8_t *b, uint32_t length, uint32_t flags)
{
    memset(b, 0, 276);
    put32(b, 40, 0x7fe0040);                /* DSDT */
    put32(b, 48, 0xb2);                     /* SMI_CMD */
    b[52] = 0xf1;                           /* ACPI_ENABLE */
    put32(b, 64, 0x604);                    /* PM1a_CNT_BLK */
    put32(b, 68, 0x0);                      /* PM1b_CNT_BLK */
    put32(b, 112, flags);
    b[116] = 1;                             /* RESET_REG: I/O 0xcf9 */
    b[117] = 8;
    put64(b, 120, 0xcf9);
    b[128] = 0x06;                          /* RESET_VALUE */
    put64(b, 140, 0x17fe00040ull);          /* X_DSDT */
    b[172] = 1;                             /* X_PM1a_CNT_BLK */
    b[173] = 16;
    put64(b, 176, 0xb004);
    b[244] = 0;                             /* SLEEP_CONTROL_REG: mem */
    b[245] = 8;
    put64(b, 248, 0xfe000000ull);
    make_sdt(b, "FACP", length);
}

static void fadt_full_prefers_x_fields(struct unit_ctx *ctx)
{
    uint8_t b[276];
    struct acpi_fadt_info f;

    make_fadt(b, 276, ACPI_FADT_RESET_REG_SUP);
    CHECK_EQ(acpi_fadt_parse(b, 276, &f), ACPI_OK);
    CHECK_EQ(f.dsdt_pa, 0x17fe00040ull);
    CHECK_EQ(f.smi_cmd, 0xb2);
    CHECK_EQ(f.acpi_enable, 0xf1);
    CHECK_EQ(f.pm1a_cnt_port, 0xb004);
    CHECK_EQ(f.pm1b_cnt_port, 0);
    CHECK(!f.hw_reduced);
    CHECK(f.reset_supported);
    CHECK_EQ(f.reset_space, ACPI_GAS_SPACE_IO);
    CHECK_EQ(f.reset_addr, 0xcf9);
    CHECK_EQ(f.reset_value, 6);
    CHECK_EQ(f.sleep_cnt_space, ACPI_GAS_SPACE_MEMORY);
    CHECK_EQ(f.sleep_cnt_addr, 0xfe000000ull);
}

static void fadt_x_fields_fall_back(struct unit_ctx *ctx)
{
    uint8_t b[276];
    struct acpi_fadt_info f;

    /* X_PM1a in memory space, X_DSDT zero: the 32-bit fields win. */
    make_fadt(b, 276, 0);
    b[172] = 0;
    put64(b, 140, 0);
    make_sdt(b, "FACP", 276);
    CHECK_EQ(acpi_fadt_parse(b, 276, &f), ACPI_OK);
    CHECK_EQ(f.pm1a_cnt_port, 0x604);
    CHECK_EQ(f.dsdt_pa, 0x7fe0040);

    /* An I/O "port" above 64 KiB is not one. */
    make_fadt(b, 276, 0);
    put64(b, 176, 0x10004);
    make_sdt(b, "FACP", 276);
    CHECK_EQ(acpi_fadt_parse(b, 276, &f), ACPI_OK);
    CHECK_EQ(f.pm1a_cnt_port, 0x604);
}

static void fadt_rev1_uses_32bit_fields(struct unit_ctx *ctx)
{
    uint8_t b[276];
    uint8_t *copy;
    struct acpi_fadt_info f;

    /* ACPI 1.0: 116 bytes; bytes beyond stay in the buffer but not used. */
    make_fadt(b, 116, ACPI_FADT_RESET_REG_SUP);
    copy = exact_copy(b, 116);
    CHECK_EQ(acpi_fadt_parse(copy, 116, &f), ACPI_OK);
    CHECK_EQ(f.dsdt_pa, 0x7fe0040);
    CHECK_EQ(f.pm1a_cnt_port, 0x604);
    CHECK(!f.reset_supported);
    CHECK_EQ(f.reset_addr, 0);
    CHECK_EQ(f.sleep_cnt_addr, 0);
    free(copy);

    /* RESET_VALUE ends at 129; one byte less drops the reset register. */
    make_fadt(b, 128, ACPI_FADT_RESET_REG_SUP);
    CHECK_EQ(acpi_fadt_parse(b, 128, &f), ACPI_OK);
    CHECK(!f.reset_supported);
    make_fadt(b, 129, ACPI_FADT_RESET_REG_SUP);
    CHECK_EQ(acpi_fadt_parse(b, 129, &f), ACPI_OK);
    CHECK(f.reset_supported);

    /* ACPI 5.0's 256-byte table lacks SLEEP_CONTROL_REG's last bytes. */
    make_fadt(b, 255, ACPI_FADT_HW_REDUCED_ACPI);
    CHECK_EQ(acpi_fadt_parse(b, 255, &f), ACPI_OK);
    CHECK(f.hw_reduced);
    CHECK_EQ(f.sleep_cnt_addr, 0);
    CHECK_EQ(f.pm1a_cnt_port, 0xb004);
}

static void fadt_rejects(struct unit_ctx *ctx)
{
    uint8_t b[276];
    struct acpi_fadt_info f;

    make_fadt(b, 276, 0);
    CHECK_EQ(acpi_fadt_parse(b, 35, &f), ACPI_ERR_SHORT);
    CHECK_EQ(acpi_fadt_parse(b, 275, &f), ACPI_ERR_LENGTH);
    make_fadt(b, 115, 0);
    CHECK_EQ(acpi_fadt_parse(b, 276, &f), ACPI_ERR_LENGTH);
    make_sdt(b, "FACS", 276);
    CHECK_EQ(acpi_fadt_parse(b, 276, &f), ACPI_ERR_SIGNATURE);

    /* Every cut of a valid table is refused without reading past it. */
    make_fadt(b, 276, 0);
    for ( size_t n = 0; n < 276; n++ )
    {
        uint8_t *copy = exact_copy(b, n);

        CHECK(acpi_fadt_parse(copy, n, &f) != ACPI_OK);
        free(copy);
    }
}

struct s5_case {
    const char *name;
    const uint8_t *aml;
    size_t len;
    enum acpi_status st;
    uint8_t a, b;
};

#define AML(...) (const uint8_t[]){ __VA_ARGS__ }, \
                 sizeof((const uint8_t[]){ __VA_ARGS__ })

/* The name _S5_ with NameOp, as the fragments below begin. */
#define NAME_S5     0x08, 0x5f, 0x53, 0x35, 0x5f

static const struct s5_case s5_cases[] = {
    /* QEMU (PIIX4/Q35): Name (_S5, Package (0x04) { 0, 0, 0, 0 }). */
    { "qemu", AML(NAME_S5, 0x12, 0x06, 0x04, 0x00, 0x00, 0x00, 0x00),
      ACPI_OK, 0, 0 },
    /* Typical Intel PC firmware: Package (0x04) { 0x07, Zero, ... }. */
    { "bios_byte_prefix",
      AML(NAME_S5, 0x12, 0x07, 0x04, 0x0a, 0x07, 0x00, 0x00, 0x00),
      ACPI_OK, 7, 0 },
    /* Root-prefixed name with both values as bytes (AMI style). */
    { "root_prefix",
      AML(0x08, 0x5c, 0x5f, 0x53, 0x35, 0x5f, 0x12, 0x08, 0x04,
          0x0a, 0x05, 0x0a, 0x05, 0x00, 0x00),
      ACPI_OK, 5, 5 },
    /* Two-byte PkgLength: lead 0x47 has one more byte, length 7. */
    { "pkglength_two_bytes",
      AML(NAME_S5, 0x12, 0x47, 0x00, 0x04, 0x0a, 0x05, 0x0a, 0x06),
      ACPI_OK, 5, 6 },
    /* Four-byte PkgLength still describing 7 bytes. */
    { "pkglength_four_bytes",
      AML(NAME_S5, 0x12, 0xc7, 0x00, 0x00, 0x00, 0x02, 0x01, 0x01),
      ACPI_OK, 1, 1 },
    { "word_and_dword_prefix",
      AML(NAME_S5, 0x12, 0x0a, 0x02, 0x0b, 0x03, 0x00,
          0x0c, 0x04, 0x00, 0x00, 0x00),
      ACPI_OK, 3, 4 },
    /* Only the low byte is SLP_TYP. */
    { "word_low_byte", AML(NAME_S5, 0x12, 0x05, 0x01, 0x0b, 0x05, 0x01),
      ACPI_OK, 5, 0 },
    { "one_element", AML(NAME_S5, 0x12, 0x04, 0x01, 0x0a, 0x03),
      ACPI_OK, 3, 0 },
    /* NumElements 2 but one initializer: the second reads as 0. */
    { "uninitialized_second", AML(NAME_S5, 0x12, 0x03, 0x02, 0x01),
      ACPI_OK, 1, 0 },
    /* Name (_S3, Package (0x01) { 0x05 }) comes first and is skipped. */
    { "after_other_aml",
      AML(0x08, 0x5f, 0x53, 0x33, 0x5f, 0x12, 0x04, 0x01, 0x0a, 0x05,
          NAME_S5, 0x12, 0x06, 0x04, 0x01, 0x01, 0x00, 0x00),
      ACPI_OK, 1, 1 },
    { "none", AML(0x08, 0x5f, 0x53, 0x34, 0x5f, 0x12, 0x03, 0x01, 0x00),
      ACPI_ERR_NOT_FOUND, 0, 0 },
    { "reference_not_definition", AML(0x70, 0x5f, 0x53, 0x35, 0x5f, 0x60),
      ACPI_ERR_NOT_FOUND, 0, 0 },
    { "empty", AML(0x00), ACPI_ERR_NOT_FOUND, 0, 0 },
    { "not_a_package", AML(NAME_S5, 0x0a, 0x05), ACPI_ERR_BAD_AML, 0, 0 },
    { "value_above_7", AML(NAME_S5, 0x12, 0x04, 0x01, 0x0a, 0x08),
      ACPI_ERR_BAD_AML, 0, 0 },
    { "second_above_7", AML(NAME_S5, 0x12, 0x05, 0x02, 0x00, 0x0a, 0xff),
      ACPI_ERR_BAD_AML, 0, 0 },
    { "string_element", AML(NAME_S5, 0x12, 0x05, 0x01, 0x0d, 0x41, 0x00),
      ACPI_ERR_BAD_AML, 0, 0 },
    { "no_elements", AML(NAME_S5, 0x12, 0x02, 0x00), ACPI_ERR_BAD_AML, 0, 0 },
    { "pkglength_too_small", AML(NAME_S5, 0x12, 0x01, 0x01, 0x00),
      ACPI_ERR_BAD_AML, 0, 0 },
    /* The DWord's bytes lie outside the package's own length. */
    { "element_past_package",
      AML(NAME_S5, 0x12, 0x04, 0x01, 0x0c, 0x05, 0x00, 0x00, 0x00),
      ACPI_ERR_BAD_AML, 0, 0 },
    { "package_past_end", AML(NAME_S5, 0x12, 0x06, 0x04, 0x00, 0x00),
      ACPI_ERR_SHORT, 0, 0 },
    { "cut_after_name", AML(NAME_S5), ACPI_ERR_SHORT, 0, 0 },
};

static void s5_table(struct unit_ctx *ctx)
{
    for ( size_t i = 0; i < ARRAY_SIZE(s5_cases); i++ )
    {
        const struct s5_case *c = &s5_cases[i];
        uint8_t *copy = exact_copy(c->aml, c->len);
        uint8_t a = 0xee, b = 0xee;
        enum acpi_status st = acpi_s5_find(copy, c->len, &a, &b);

        if ( !CHECK_EQ(st, c->st) ||
             (st == ACPI_OK && (!CHECK_EQ(a, c->a) || !CHECK_EQ(b, c->b))) )
            printf("    s5 case %s: %s, %u/%u\n", c->name,
                   acpi_strerror(st), a, b);
        if ( st != ACPI_OK )
            CHECK(a == 0xee && b == 0xee);
        free(copy);
    }
}

/*
 * Every valid fragment cut short at every offset is refused, reading only
 * the bytes it was given (the copies are exact-size heap blocks).
 */
static void s5_truncated_everywhere(struct unit_ctx *ctx)
{
    for ( size_t i = 0; i < ARRAY_SIZE(s5_cases); i++ )
    {
        const struct s5_case *c = &s5_cases[i];

        if ( c->st != ACPI_OK )
            continue;
        for ( size_t n = 0; n < c->len; n++ )
        {
            uint8_t *copy = exact_copy(c->aml, n);
            uint8_t a, b;

            if ( !CHECK(acpi_s5_find(copy, n, &a, &b) != ACPI_OK) )
                printf("    s5 case %s cut at %zu\n", c->name, n);
            free(copy);
        }
    }
}

static void s5_in_whole_dsdt(struct unit_ctx *ctx)
{
    static const uint8_t body[] = {
        NAME_S5, 0x12, 0x07, 0x04, 0x0a, 0x07, 0x00, 0x00, 0x00,
    };
    uint8_t dsdt[36 + sizeof(body)] = { 0 };
    uint8_t a, b;
    uint32_t tl;

    memcpy(dsdt + 36, body, sizeof(body));
    make_sdt(dsdt, "DSDT", sizeof(dsdt));
    CHECK_EQ(acpi_sdt_check(dsdt, sizeof(dsdt), "DSDT", &tl), ACPI_OK);
    CHECK_EQ(acpi_s5_find(dsdt, tl, &a, &b), ACPI_OK);
    CHECK_EQ(a, 7);
    CHECK_EQ(acpi_s5_find(dsdt + 36, tl - 36, &a, &b), ACPI_OK);
    CHECK_EQ(a, 7);
}

static void strerror_covers_every_status(struct unit_ctx *ctx)
{
    for ( int st = ACPI_OK; st <= ACPI_ERR_BAD_AML; st++ )
    {
        const char *s = acpi_strerror(st);

        CHECK(s && strcmp(s, "unknown ACPI error"));
        for ( int j = ACPI_OK; j < st; j++ )
            CHECK(strcmp(s, acpi_strerror(j)));
    }
    CHECK(!strcmp(acpi_strerror(99), "unknown ACPI error"));
}

static const struct unit_case acpi_cases[] = {
    { "rsdp_v1_and_rev1", rsdp_v1_and_rev1 },
    { "rsdp_v2", rsdp_v2 },
    { "rsdp_rejects", rsdp_rejects },
    { "sdt_check_cases", sdt_check_cases },
    { "rsdt_entries", rsdt_entries },
    { "xsdt_entries_unaligned", xsdt_entries_unaligned },
    { "fadt_full_prefers_x_fields", fadt_full_prefers_x_fields },
    { "fadt_x_fields_fall_back", fadt_x_fields_fall_back },
    { "fadt_rev1_uses_32bit_fields", fadt_rev1_uses_32bit_fields },
    { "fadt_rejects", fadt_rejects },
    { "s5_table", s5_table },
    { "s5_truncated_everywhere", s5_truncated_everywhere },
    { "s5_in_whole_dsdt", s5_in_whole_dsdt },
    { "strerror_covers_every_status", strerror_covers_every_status },
};
UNIT_SUITE(acpi, acpi_cases)
