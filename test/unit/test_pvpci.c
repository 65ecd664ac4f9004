/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pvpci.c: which configuration writes would
 * put a BAR on the hypervisor's memory or ports. The function is a fake
 * configuration space; the hypervisor owns [1 MiB, 1 GiB) of memory and
 * ports 0x3f8-0x3ff.
 */
#include <string.h>

#include <xen/pvpci.h>

#include "unit.h"

static uint32_t cfg[1024];

static uint32_t rd(void *ctx, unsigned int reg)
{
    return cfg[reg / 4];
}

static bool owns(void *ctx, uint64_t addr, bool io)
{
    if ( io )
        return addr >= 0x3f8 && addr <= 0x3ff;
    return addr >= 0x100000 && addr < 0x40000000;
}

static const struct pvpci_ops ops = { rd, owns, NULL };

static void setup(void)
{
    memset(cfg, 0, sizeof(cfg));
    cfg[0x10 / 4] = 0xfebf0000;         /* BAR0: 32-bit memory */
    cfg[0x14 / 4] = 0xc001;             /* BAR1: I/O at 0xc000 */
    cfg[0x18 / 4] = 0xfe000004;         /* BAR2-3: 64-bit memory */
    cfg[0x1c / 4] = 0x0;
    cfg[0x20 / 4] = 0xfd000000;         /* BAR4 */
}

static void memory_bar_onto_ram(struct unit_ctx *ctx)
{
    setup();
    CHECK(!pvpci_write_ok(&ops, 0, 0x10, 4, 0x00200000));
    CHECK(pvpci_write_ok(&ops, 0, 0x10, 4, 0xfebe0000));
    CHECK(pvpci_write_ok(&ops, 0, 0x10, 4, 0xffffffff));    /* sizing */
    /* A partial write: the upper 16 bits to 0x0020. */
    CHECK(!pvpci_write_ok(&ops, 0, 0x12, 2, 0x0020));
    CHECK(pvpci_write_ok(&ops, 0, 0x12, 2, 0xfebe));
    CHECK(pvpci_write_ok(&ops, 0, 0x04, 2, 0x0007));        /* command */
}

static void io_bar_onto_our_ports(struct unit_ctx *ctx)
{
    setup();
    CHECK(!pvpci_write_ok(&ops, 0, 0x14, 4, 0x3f9));
    CHECK(pvpci_write_ok(&ops, 0, 0x14, 4, 0xd001));
    CHECK(pvpci_write_ok(&ops, 0, 0x14, 4, 0xffffffff));
}

static void bar64_halves(struct unit_ctx *ctx)
{
    setup();
    /* Low half onto RAM while the high half is 0: refused. */
    CHECK(!pvpci_write_ok(&ops, 0, 0x18, 4, 0x00200004));
    /* With the high half set, the same low half is far above RAM. */
    cfg[0x1c / 4] = 0x1;
    CHECK(pvpci_write_ok(&ops, 0, 0x18, 4, 0x00200004));
    /* The high half brought back to 0 under a low half in RAM. */
    cfg[0x18 / 4] = 0x00200004;
    CHECK(!pvpci_write_ok(&ops, 0, 0x1c, 4, 0));
    CHECK(pvpci_write_ok(&ops, 0, 0x1c, 4, 0xffffffff));
    /* BAR4 follows the pair: it is a BAR of its own, 32-bit. */
    CHECK(!pvpci_write_ok(&ops, 0, 0x20, 4, 0x00300000));
}

static void rom_and_bridges(struct unit_ctx *ctx)
{
    setup();
    CHECK(pvpci_write_ok(&ops, 0, 0x30, 4, 0x00200000));    /* disabled */
    CHECK(!pvpci_write_ok(&ops, 0, 0x30, 4, 0x00200001));
    /* A bridge: two BARs, ROM at 0x38; 0x18 is its bus numbers. */
    CHECK(pvpci_write_ok(&ops, 1, 0x18, 4, 0x00200000));
    CHECK(!pvpci_write_ok(&ops, 1, 0x38, 4, 0x00200001));
    CHECK(pvpci_write_ok(&ops, 1, 0x30, 4, 0x00200001));
    CHECK(!pvpci_write_ok(&ops, 0x81, 0x10, 4, 0x00200000)); /* multi-fn */
    CHECK(pvpci_write_ok(&ops, 0x7f, 0x10, 4, 0x00200000)); /* unknown */
}

static void cf8_decode(struct unit_ctx *ctx)
{
    uint16_t bdf;
    unsigned int reg;

    CHECK(!pvpci_cf8_decode(0x0000fa24, 0, &bdf, &reg));
    CHECK(pvpci_cf8_decode(0x8000fa24, 2, &bdf, &reg));
    CHECK_EQ(bdf, 0xfa);
    CHECK_EQ(reg, 0x26);
    CHECK(pvpci_cf8_decode(0x80ffff27, 1, &bdf, &reg));
    CHECK_EQ(bdf, 0xffff);
    CHECK_EQ(reg, 0x25);
}

static const struct unit_case pvpci_cases[] = {
    { "memory_bar_onto_ram", memory_bar_onto_ram },
    { "io_bar_onto_our_ports", io_bar_onto_our_ports },
    { "bar64_halves", bar64_halves },
    { "rom_and_bridges", rom_and_bridges },
    { "cf8_decode", cf8_decode },
};

UNIT_SUITE(pvpci, pvpci_cases)
