/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/acpi_madt.c. The table is the shape QEMU's q35
 * machine builds ("APIC", OEM BOCHS BXPC): one local APIC, one I/O APIC at
 * 0xfec00000 for GSIs 0-23, overrides for IRQ 0 (to GSI 2) and for the
 * PCI-routed IRQs 5, 9, 10 and 11 (level, active high), a local APIC NMI.
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

static const struct unit_case acpi_madt_cases[] = {
    { "q35_table", q35_table },
    { "overrides_low_and_lapic_address", overrides_low_and_lapic_address },
    { "bad_lengths_refused", bad_lengths_refused },
    { "many_ioapics_kept_to_the_array", many_ioapics_kept_to_the_array },
};

UNIT_SUITE(acpi_madt, acpi_madt_cases)
