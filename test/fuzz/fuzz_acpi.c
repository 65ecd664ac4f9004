/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzer for lib/acpi.c. The whole input goes to every parser (the
 * exact-size buffer lets ASan catch any read past it). Invariants on
 * success: an RSDP below revision 2 has no XSDT; a checked table's length
 * lies within the input and its bytes sum to zero; an RSDT/XSDT reports
 * as many entries as its length holds, writes no more than asked and
 * reads them from the right place; a FADT is at least 116 bytes within
 * the input and its ports come from its own fields; \_S5 values are at
 * most 7. On failure the outputs the API leaves alone stay untouched.
 * \_S5 comes from the first package: the parser agrees with a model that
 * decodes the package after the first NameOp naming _S5_; a valid \_S5
 * put before the input wins whatever follows, and one put after an input
 * that has its own changes nothing (after one that has none, it is used).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/acpi.h>
#include <xen/acpi_madt.h>

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

/*
 * One constant element of a package ending at end (ACPI spec 20.2.3):
 * ZeroOp, OneOp or a Byte/Word/DWord prefix with its data. Its low byte.
 */
static bool model_element(const uint8_t *d, size_t end, size_t *pos,
                          uint8_t *v)
{
    static const uint8_t data_bytes[] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                          1, 2, 4 };
    uint8_t op = d[*pos];

    if ( op != 0 && op != 1 && (op < 0x0a || op > 0x0c) )
        return false;
    if ( *pos + 1 + data_bytes[op] > end )
        return false;
    *v = op <= 1 ? op : d[*pos + 1];
    *pos += 1 + data_bytes[op];
    return *v <= 7;
}

/*
 * The model: the first 08 [5c] "_S5_" in the input, then PackageOp 12,
 * PkgLength (ACPI spec 20.2.4), NumElements and up to two elements inside
 * the package; an element the package does not hold reads as 0.
 */
static bool model_s5(const uint8_t *d, size_t size, uint8_t *a, uint8_t *b)
{
    size_t i, pos, start, end, follow, len;

    for ( i = 0; i < size; i++ )
    {
        pos = i + 1 + (i + 1 < size && d[i + 1] == 0x5c);
        if ( d[i] == 0x08 && pos + 4 <= size && !memcmp(d + pos, "_S5_", 4) )
            break;
    }
    if ( i == size )
        return false;
    pos += 4;
    if ( pos + 2 > size || d[pos] != 0x12 )
        return false;
    start = ++pos;
    follow = d[pos] >> 6;
    if ( pos + 1 + follow > size )
        return false;
    len = follow ? d[pos] & 0x0f : d[pos] & 0x3f;
    for ( size_t k = 1; k <= follow; k++ )
        len |= (size_t)d[pos + k] << (8 * k - 4);
    pos += 1 + follow;
    end = start + len;
    if ( end < pos + 1 || end > size )
        return false;
    if ( !d[pos] || pos + 1 >= end )
        return false;
    pos++;
    *b = 0;
    if ( !model_element(d, end, &pos, a) )
        return false;
    if ( d[start + 1 + follow] > 1 && pos < end &&
         !model_element(d, end, &pos, b) )
        return false;
    return true;
}

/* A valid \_S5 package: Name(\_S5, Package(2) { 5, 6 }). */
static const uint8_t s5_other[] = {
    0x08, 0x5c, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0a, 0x05, 0x0a, 0x06,
};

static void fuzz_s5(const uint8_t *data, size_t size)
{
    uint8_t a = 0xee, b = 0xee, ma = 0xee, mb = 0xee, xa = 0, xb = 0;
    enum acpi_status st = acpi_s5_find(data, size, &a, &b);
    uint8_t *cat = malloc(size + sizeof(s5_other));
    enum acpi_status cst;

    if ( st == ACPI_OK )
    {
        if ( a > 7 || b > 7 )
            FAIL("s5 value above 7");
    }
    else if ( a != 0xee || b != 0xee )
        FAIL("s5 outputs written on failure");
    if ( model_s5(data, size, &ma, &mb) != (st == ACPI_OK) )
        FAIL("s5 accepted or refused against the model");
    if ( st == ACPI_OK && (a != ma || b != mb) )
        FAIL("s5 values differ from the model's");

    if ( !cat )
        abort();
    memcpy(cat, s5_other, sizeof(s5_other));
    memcpy(cat + sizeof(s5_other), data, size);
    if ( acpi_s5_find(cat, size + sizeof(s5_other), &xa, &xb) != ACPI_OK ||
         xa != 5 || xb != 6 )
        FAIL("s5 not taken from the first package");
    memcpy(cat, data, size);
    memcpy(cat + size, s5_other, sizeof(s5_other));
    cst = acpi_s5_find(cat, size + sizeof(s5_other), &xa, &xb);
    if ( st == ACPI_OK && (cst != ACPI_OK || xa != a || xb != b) )
        FAIL("a later s5 package changed the result");
    if ( st == ACPI_ERR_NOT_FOUND && (cst != ACPI_OK || xa != 5 || xb != 6) )
        FAIL("the only s5 package was not used");
    free(cat);
}

/* The MADT walk: stored entries within the arrays, lookups in range. */
static void fuzz_madt(const uint8_t *data, size_t size)
{
    struct acpi_madt_info m;
    uint32_t gsi;
    bool low, level;

    if ( acpi_madt_parse(data, size, &m) != ACPI_OK )
        return;
    if ( m.nr_ioapics > ACPI_MADT_MAX_IOAPICS ||
         m.nr_overrides > ACPI_MADT_MAX_OVERRIDES )
        FAIL("madt: more entries stored than the arrays hold");
    for ( unsigned int irq = 0; irq < 16; irq++ )
    {
        acpi_madt_isa_irq(&m, irq, &gsi, &low, &level);
        if ( gsi != irq )
        {
            bool found = false;

            for ( unsigned int i = 0; i < m.nr_overrides; i++ )
                found |= m.iso[i].irq == irq && m.iso[i].gsi == gsi;
            if ( !found )
                FAIL("madt: a GSI no override gave");
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_madt(data, size);
    fuzz_rsdp(data, size);
    fuzz_sdt(data, size);
    fuzz_entries(data, size, false);
    fuzz_entries(data, size, true);
    fuzz_fadt(data, size);
    fuzz_s5(data, size);
    return 0;
}
