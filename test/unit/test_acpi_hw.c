/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/acpi_hw.c: the HPET's base and page protection, the
 * MCFG windows. Tables are built here as QEMU's q35 firmware lays them
 * out (HPET at 0xfed00000, one MCFG window at 0xb0000000 for buses
 * 0-255).
 */
#include <string.h>

#include <xen/acpi_hw.h>

#include "unit.h"

static void put64(uint8_t *b, size_t off, uint64_t v)
{
    for ( unsigned int i = 0; i < 8; i++ )
        b[off + i] = v >> (8 * i);
}

static void hpet_base_and_protection(struct unit_ctx *ctx)
{
    uint8_t t[56];
    struct acpi_hpet_info h;

    memset(t, 0, sizeof(t));
    memcpy(t, "HPET", 4);
    put64(t, 44, 0xfed00000);
    t[55] = 0x12;                       /* OEM bits above the protection */
    CHECK_EQ(acpi_hpet_parse(t, sizeof(t), &h), ACPI_OK);
    CHECK_EQ(h.base_pa, 0xfed00000);
    CHECK_EQ(h.page_protect, 2);
    CHECK_EQ(acpi_hpet_parse(t, 55, &h), ACPI_ERR_SHORT);
    t[40] = 1;                          /* I/O space: not ours to read */
    CHECK_EQ(acpi_hpet_parse(t, sizeof(t), &h), ACPI_ERR_NOT_FOUND);
    t[40] = 0;
    put64(t, 44, 0);
    CHECK_EQ(acpi_hpet_parse(t, sizeof(t), &h), ACPI_ERR_NOT_FOUND);
}

static void mcfg_windows(struct unit_ctx *ctx)
{
    uint8_t t[44 + 3 * 16];
    struct acpi_mcfg_window w[2];
    size_t nr;

    memset(t, 0, sizeof(t));
    memcpy(t, "MCFG", 4);
    put64(t, 44, 0xb0000000);
    t[55] = 0xff;                       /* buses 0-255 */
    put64(t, 60, 0xe0000000);
    t[68] = 1;                          /* segment 1 */
    t[70] = 9;
    t[71] = 3;                          /* end below start: skipped */
    put64(t, 76, 0xf0000000);
    t[86] = 0x10;
    t[87] = 0x1f;
    CHECK_EQ(acpi_mcfg_parse(t, sizeof(t), w, 2, &nr), ACPI_OK);
    CHECK_EQ(nr, 2);
    CHECK_EQ(w[0].base_pa, 0xb0000000);
    CHECK_EQ(w[0].end_bus, 0xff);
    CHECK_EQ(w[1].base_pa, 0xf0000000);
    CHECK_EQ(w[1].start_bus, 0x10);
    /* Fewer slots than windows: the count still says how many. */
    CHECK_EQ(acpi_mcfg_parse(t, sizeof(t), w, 1, &nr), ACPI_OK);
    CHECK_EQ(nr, 2);
    /* A cut entry is not one. */
    CHECK_EQ(acpi_mcfg_parse(t, 44 + 15, w, 2, &nr), ACPI_OK);
    CHECK_EQ(nr, 0);
    CHECK_EQ(acpi_mcfg_parse(t, 43, w, 2, &nr), ACPI_ERR_SHORT);
}

static const struct unit_case acpi_hw_cases[] = {
    { "hpet_base_and_protection", hpet_base_and_protection },
    { "mcfg_windows", mcfg_windows },
};

UNIT_SUITE(acpi_hw, acpi_hw_cases)
