/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzer for common/acpi.c. The whole input goes to every parser (the
 * exact-size buffer lets ASan catch any read past it). Invariants on
 * success: an RSDP below revision 2 has no XSDT; a checked table's length
 * lies within the input and its bytes sum to zero; an RSDT/XSDT reports
 * as many entries as its length holds, writes no more than asked and
 * reads them from the right place; a FADT is at least 116 bytes within
 * the input and its ports come from its own fields; \_S5 values are at
 * most 7. On failure the outputs the API leaves alone stay untouched.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/acpi.h>

#define FAIL(why)                                                       \
    do {                                                                \
        fprintf(stderr, "acpi invariant: %s\n", why);                   \
        abort();                                                        \
    } while ( 0 )

#define CANARY 0x5a5a5a5a5a5a5a5aull

static uint64_t le(const uint8_t *b, size_t n)
{
    uint64_t v = 0;

    while ( n-- )
        v = v << 8 | b[n];
    return v;
}

static void fuzz_rsdp(const uint8_t *data, size_t size)
{
    struct acpi_rsdp_info info;

    if ( acpi_rsdp_parse(data, size, &info) != ACPI_OK )
        return;
    if ( size < 20 || memcmp(data, "RSD PTR ", 8) )
        FAIL("rsdp accepted without signature");
    if ( info.revision < 2 && info.xsdt_pa )
        FAIL("rsdp v1 with an xsdt");
    if ( info.rsdt_pa != le(data + 16, 4) )
        FAIL("rsdp rsdt address");
}

static void fuzz_sdt(const uint8_t *data, size_t size)
{
    uint32_t tl = 0, tl2 = 0;
    enum acpi_status st = acpi_sdt_check(data, size, NULL, &tl);
    uint8_t sum = 0;

    if ( size >= 4 &&
         acpi_sdt_check(data, size, (const char *)data, &tl2) != st )
        FAIL("sdt result depends on a matching signature");
    if ( st != ACPI_OK )
        return;
    if ( tl < 36 || tl > size )
        FAIL("sdt length outside the input");
    for ( size_t i = 0; i < tl; i++ )
        sum += data[i];
    if ( sum )
        FAIL("sdt checksum accepted without summing to zero");
}

static void fuzz_entries(const uint8_t *data, size_t size, bool xsdt)
{
    size_t esize = xsdt ? 8 : 4, max = size ? data[size - 1] % 8 : 0, nr;
    paddr_t out[9];

    for ( size_t i = 0; i < 9; i++ )
        out[i] = CANARY;
    if ( acpi_sdt_entries(data, size, xsdt, out, max, &nr) != ACPI_OK )
    {
        if ( out[0] != CANARY )
            FAIL("entries written on failure");
        return;
    }
    if ( size < 36 || le(data + 4, 4) > size ||
         nr != (le(data + 4, 4) - 36) / esize )
        FAIL("entry count does not match the length");
    for ( size_t i = 0; i < 9; i++ )
    {
        bool written = i < nr && i < max;

        if ( !written && out[i] != CANARY )
            FAIL("entry written past max or count");
        if ( written && out[i] != le(data + 36 + i * esize, esize) )
            FAIL("entry value");
    }
}

static void fuzz_fadt(const uint8_t *data, size_t size)
{
    struct acpi_fadt_info f;
    size_t tl;

    if ( acpi_fadt_parse(data, size, &f) != ACPI_OK )
        return;
    tl = size >= 8 ? le(data + 4, 4) : 0;
    if ( tl < 116 || tl > size || memcmp(data, "FACP", 4) )
        FAIL("fadt accepted with a bad length or signature");
    if ( f.pm1a_cnt_port != le(data + 64, 4) &&
         (f.pm1a_cnt_port > 0xffff || tl < 184) )
        FAIL("pm1a port from nowhere");
    if ( f.pm1b_cnt_port != le(data + 68, 4) &&
         (f.pm1b_cnt_port > 0xffff || tl < 196) )
        FAIL("pm1b port from nowhere");
    if ( f.reset_supported && tl < 129 )
        FAIL("reset register beyond the table");
    if ( f.sleep_cnt_addr && tl < 256 )
        FAIL("sleep control register beyond the table");
    if ( f.dsdt_pa != le(data + 40, 4) &&
         (tl < 148 || f.dsdt_pa != le(data + 140, 8)) )
        FAIL("dsdt address from nowhere");
}

static void fuzz_s5(const uint8_t *data, size_t size)
{
    uint8_t a = 0xee, b = 0xee;

    if ( acpi_s5_find(data, size, &a, &b) == ACPI_OK )
    {
        if ( a > 7 || b > 7 )
            FAIL("s5 value above 7");
    }
    else if ( a != 0xee || b != 0xee )
        FAIL("s5 outputs written on failure");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_rsdp(data, size);
    fuzz_sdt(data, size);
    fuzz_entries(data, size, false);
    fuzz_entries(data, size, true);
    fuzz_fadt(data, size);
    fuzz_s5(data, size);
    return 0;
}
