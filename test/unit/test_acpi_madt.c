/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/acpi_madt.c. The table is built here byte by byte
 * in the layout of QEMU's q35 MADT (one CPU, one I/O APIC at 0xfec00000,
 * the ISA overrides), plus an x2APIC entry and hostile lengths.
 */
#include <string.h>

#include <xen/acpi_madt.h>

#include "unit.h"

static size_t put(uint8_t *b, size_t off, const uint8_t *e, size_t n)
{
    memcpy(b + off, e, n);
    return off + n;
}

/* A MADT header (checksum not set: the parser does not check it). */
static size_t header(uint8_t *b)
{
    memset(b, 0, 44);
    memcpy(b, "APIC", 4);
    b[36] = 0x00; b[37] = 0x00; b[38] = 0xe0; b[39] = 0xfe;
    return 44;
}

static void q35_layout(struct unit_ctx *ctx)
{
    uint8_t b[256];
    const uint8_t lapic[] = { 0, 8, 0x01, 0x00, 1, 0, 0, 0 };
    const uint8_t ioapic[] = { 1, 12, 0, 0, 0, 0, 0xc0, 0xfe, 0, 0, 0, 0 };
    const uint8_t iso0[] = { 2, 10, 0, 0, 2, 0, 0, 0, 0, 0 };
    const uint8_t iso9[] = { 2, 10, 0, 9, 9, 0, 0, 0, 0x0d, 0 };
    const uint8_t nmi[] = { 4, 6, 0xff, 0, 0, 1 };
    const uint8_t x2[] = { 9, 16, 0, 0, 0x00, 0x01, 0, 0, 1, 0, 0, 0,
                           7, 0, 0, 0 };
    struct acpi_madt_info m;
    size_t n = header(b);

    n = put(b, n, lapic, sizeof(lapic));
    n = put(b, n, ioapic, sizeof(ioapic));
    n = put(b, n, iso0, sizeof(iso0));
    n = put(b, n, iso9, sizeof(iso9));
    n = put(b, n, nmi, sizeof(nmi));
    n = put(b, n, x2, sizeof(x2));
    CHECK_EQ(acpi_madt_parse(b, n, &m), ACPI_OK);
    CHECK_EQ(m.lapic_addr, 0xfee00000);
    CHECK_EQ(m.nr_cpus, 2);
    CHECK_EQ(m.cpu[0].apic_id, 0);
    CHECK_EQ(m.cpu[0].uid, 1);
    CHECK(m.cpu[0].enabled);
    CHECK_EQ(m.cpu[1].apic_id, 0x100);
    CHECK_EQ(m.cpu[1].uid, 7);
    CHECK_EQ(m.nr_ioapics, 1);
    CHECK_EQ(m.ioapic[0].addr, 0xfec00000);
    CHECK_EQ(m.ioapic[0].gsi_base, 0);
    CHECK_EQ(m.nr_isos, 2);
    CHECK_EQ(m.iso[0].bus_irq, 0);
    CHECK_EQ(m.iso[0].gsi, 2);
    CHECK_EQ(m.iso[1].gsi, 9);
    CHECK_EQ(m.iso[1].flags, 0x0d);
}

static void bad_lengths_stop(struct unit_ctx *ctx)
{
    uint8_t b[128];
    const uint8_t lapic[] = { 0, 8, 0, 3, 1, 0, 0, 0 };
    const uint8_t short_ioapic[] = { 1, 8, 0, 0, 0, 0, 0xc0, 0xfe };
    const uint8_t zero_len[] = { 7, 0 };
    struct acpi_madt_info m;
    size_t n = header(b), n2;

    n = put(b, n, lapic, sizeof(lapic));
    n2 = put(b, n, short_ioapic, sizeof(short_ioapic));
    CHECK_EQ(acpi_madt_parse(b, n2, &m), ACPI_ERR_LENGTH);
    CHECK_EQ(m.nr_cpus, 1);             /* what came before is kept */
    CHECK_EQ(m.cpu[0].apic_id, 3);
    CHECK_EQ(m.nr_ioapics, 0);
    n2 = put(b, n, zero_len, sizeof(zero_len));
    CHECK_EQ(acpi_madt_parse(b, n2, &m), ACPI_ERR_LENGTH);
    CHECK_EQ(acpi_madt_parse(b, n + 1, &m), ACPI_ERR_LENGTH);
    CHECK_EQ(acpi_madt_parse(b, n - 1, &m), ACPI_ERR_LENGTH);
    CHECK_EQ(acpi_madt_parse(b, 40, &m), ACPI_ERR_SHORT);
    b[0] = 'X';
    CHECK_EQ(acpi_madt_parse(b, n, &m), ACPI_ERR_SIGNATURE);
}

static void many_cpus_counted(struct unit_ctx *ctx)
{
    static uint8_t b[44 + 8 * (ACPI_MADT_MAX_CPUS + 3)];
    struct acpi_madt_info m;
    size_t n = header(b);

    for ( unsigned int i = 0; i < ACPI_MADT_MAX_CPUS + 3; i++ )
    {
        const uint8_t lapic[] = { 0, 8, (uint8_t)i, (uint8_t)i, 1, 0, 0, 0 };

        n = put(b, n, lapic, sizeof(lapic));
    }
    CHECK_EQ(acpi_madt_parse(b, n, &m), ACPI_OK);
    CHECK_EQ(m.nr_cpus, ACPI_MADT_MAX_CPUS + 3);
    CHECK_EQ(m.cpu[ACPI_MADT_MAX_CPUS - 1].apic_id, ACPI_MADT_MAX_CPUS - 1);
}

static const struct unit_case acpi_madt_cases[] = {
    { "q35_layout", q35_layout },
    { "bad_lengths_stop", bad_lengths_stop },
    { "many_cpus_counted", many_cpus_counted },
};

UNIT_SUITE(acpi_madt, acpi_madt_cases)
