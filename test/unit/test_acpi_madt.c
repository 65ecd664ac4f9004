/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/acpi_madt.c. The table is the shape QEMU's q35
 * machine builds ("APIC", OEM BOCHS BXPC): one local APIC, one I/O APIC at
 * 0xfec00000 for GSIs 0-23, overrides for IRQ 0 (to GSI 2) and for the
 * PCI-routed IRQs 5, 9, 10 and 11 (level, active high), a local APIC NMI;
 * then the same built entry by entry with an x2APIC added, and hostile
 * lengths.
 */
#include <string.h>

#include <xen/acpi_madt.h>

#include "unit.h"

static const uint8_t q35_entries[] = {
    0, 8, 0, 0, 1, 0, 0, 0,                     /* local APIC 0, enabled */
    1, 12, 0, 0, 0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0,    /* I/O APIC 0 */
    2, 10, 0, 0, 2, 0, 0, 0, 0, 0,              /* IRQ 0 -> GSI 2 */
    2, 10, 0, 5, 5, 0, 0, 0, 0x0d, 0,           /* IRQ 5 level high */
    2, 10, 0, 9, 9, 0, 0, 0, 0x0d, 0,           /* IRQ 9 level high */
    2, 10, 0, 10, 10, 0, 0, 0, 0x0d, 0,
    2, 10, 0, 11, 11, 0, 0, 0, 0x0d, 0,
    4, 6, 0xff, 0, 0, 1,                        /* local APIC NMI, LINT1 */
};

/* The table with its 44 fixed bytes; returns its length. */
static size_t make_madt(uint8_t *b, const uint8_t *entries, size_t n)
{
    memset(b, 0, 44);
    memcpy(b, "APIC", 4);
    b[36] = 0x00;
    b[37] = 0x00;
    b[38] = 0xe0;
    b[39] = 0xfe;                               /* 0xfee00000 */
    b[40] = 1;                                  /* PCAT_COMPAT */
    memcpy(b + 44, entries, n);
    b[4] = (uint8_t)(44 + n);
    return 44 + n;
}

static void q35_table(struct unit_ctx *ctx)
{
    uint8_t b[256];
    size_t len = make_madt(b, q35_entries, sizeof(q35_entries));
    struct acpi_madt_info m;
    uint32_t gsi;
    bool low, level;

    CHECK_EQ(acpi_madt_parse(b, len, &m), ACPI_OK);
    CHECK_EQ(m.lapic_addr, 0xfee00000u);
    CHECK(m.pcat_compat);
    CHECK_EQ(m.nr_ioapics, 1);
    CHECK_EQ(m.ioapic[0].addr, 0xfec00000u);
    CHECK_EQ(m.ioapic[0].gsi_base, 0);
    CHECK_EQ(m.nr_overrides, 5);
    acpi_madt_isa_irq(&m, 4, &gsi, &low, &level);   /* COM1: no override */
    CHECK_EQ(gsi, 4);
    CHECK(!low && !level);
    acpi_madt_isa_irq(&m, 0, &gsi, &low, &level);
    CHECK_EQ(gsi, 2);
    CHECK(!low && !level);
    acpi_madt_isa_irq(&m, 9, &gsi, &low, &level);
    CHECK_EQ(gsi, 9);
    CHECK(!low && level);
}

static void overrides_low_and_lapic_address(struct unit_ctx *ctx)
{
    static const uint8_t e[] = {
        2, 10, 0, 3, 0x13, 0, 0, 0, 0x0f, 0,    /* IRQ 3 level low, GSI 19 */
        2, 10, 1, 4, 0x14, 0, 0, 0, 0x0f, 0,    /* bus 1: not ISA, skipped */
        5, 12, 0, 0, 0, 0, 0xe0, 0xfe, 1, 0, 0, 0,  /* LAPIC at 1:fee00000 */
    };
    uint8_t b[128];
    size_t len = make_madt(b, e, sizeof(e));
    struct acpi_madt_info m;
    uint32_t gsi;
    bool low, level;

    CHECK_EQ(acpi_madt_parse(b, len, &m), ACPI_OK);
    CHECK_EQ(m.lapic_addr, 0x1fee00000ULL);
    CHECK_EQ(m.nr_overrides, 1);
    acpi_madt_isa_irq(&m, 3, &gsi, &low, &level);
    CHECK_EQ(gsi, 0x13);
    CHECK(low && level);
    acpi_madt_isa_irq(&m, 4, &gsi, &low, &level);
    CHECK_EQ(gsi, 4);
}

static void bad_lengths_refused(struct unit_ctx *ctx)
{
    static const uint8_t zero_len[] = { 1, 0, 0, 0 };
    static const uint8_t past_end[] = { 1, 12, 0, 0, 0, 0 };
    static const uint8_t short_ioapic[] = { 1, 8, 0, 0, 0, 0, 0, 0 };
    static const uint8_t one_byte[] = { 1 };
    uint8_t b[128] = { 0 };
    struct acpi_madt_info m;

    CHECK_EQ(acpi_madt_parse(b, 43, &m), ACPI_ERR_SHORT);
    CHECK_EQ(acpi_madt_parse(b, make_madt(b, zero_len, sizeof(zero_len)),
                             &m), ACPI_ERR_LENGTH);
    CHECK_EQ(acpi_madt_parse(b, make_madt(b, past_end, sizeof(past_end)),
                             &m), ACPI_ERR_LENGTH);
    CHECK_EQ(acpi_madt_parse(b, make_madt(b, short_ioapic,
                                          sizeof(short_ioapic)), &m),
             ACPI_ERR_LENGTH);
    CHECK_EQ(acpi_madt_parse(b, make_madt(b, one_byte, sizeof(one_byte)),
                             &m), ACPI_ERR_LENGTH);
}

static void many_ioapics_kept_to_the_array(struct unit_ctx *ctx)
{
    uint8_t e[12 * (ACPI_MADT_MAX_IOAPICS + 2)], b[256];
    struct acpi_madt_info m;

    for ( unsigned int i = 0; i < ACPI_MADT_MAX_IOAPICS + 2; i++ )
    {
        uint8_t *p = e + 12 * i;

        memset(p, 0, 12);
        p[0] = 1;
        p[1] = 12;
        p[2] = i;
        p[8] = 24 * i;
    }
    CHECK_EQ(acpi_madt_parse(b, make_madt(b, e, sizeof(e)), &m), ACPI_OK);
    CHECK_EQ(m.nr_ioapics, ACPI_MADT_MAX_IOAPICS);
    CHECK_EQ(m.ioapic[ACPI_MADT_MAX_IOAPICS - 1].gsi_base,
             24 * (ACPI_MADT_MAX_IOAPICS - 1));
}

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
    CHECK_EQ(m.nr_overrides, 2);
    CHECK_EQ(m.iso[0].irq, 0);
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

static void many_cpus_kept_to_the_array(struct unit_ctx *ctx)
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
    CHECK_EQ(m.nr_cpus, ACPI_MADT_MAX_CPUS);
    CHECK_EQ(m.cpu[ACPI_MADT_MAX_CPUS - 1].apic_id, ACPI_MADT_MAX_CPUS - 1);
}

static const struct unit_case acpi_madt_cases[] = {
    { "q35_table", q35_table },
    { "overrides_low_and_lapic_address", overrides_low_and_lapic_address },
    { "bad_lengths_refused", bad_lengths_refused },
    { "many_ioapics_kept_to_the_array", many_ioapics_kept_to_the_array },
    { "q35_layout_with_x2apic", q35_layout },
    { "bad_lengths_stop", bad_lengths_stop },
    { "many_cpus_kept_to_the_array", many_cpus_kept_to_the_array },
};

UNIT_SUITE(acpi_madt, acpi_madt_cases)
