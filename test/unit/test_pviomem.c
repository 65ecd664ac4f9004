/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pviomem.c: what dom0 may map of a machine
 * laid out like QEMU's q35 (RAM to 1 GiB, MMCONFIG at 0xb0000000, the
 * I/O APIC, HPET, local APIC and MSI window near 4 GiB) and which port
 * accesses touch the hypervisor's ports.
 */
#include <public/errno.h>
#include <xen/pviomem.h>

#include "unit.h"

static const struct e820entry map[] = {
    { 0x0, 0x9fc00, E820_RAM },
    { 0x9fc00, 0x400, E820_RESERVED },
    { 0xf0000, 0x10000, E820_RESERVED },
    { 0x100000, 0x3fd00000, E820_RAM },
    { 0x3fe00000, 0x100000, E820_RESERVED },         /* EFI runtime */
    { 0x3ff00000, 0x40000, E820_ACPI },
    { 0x3ff40000, 0x40000, E820_NVS },
    { 0x3ff80000, 0x80000, E820_UNUSABLE },
    { 0xb0000000, 0x10000000, E820_RESERVED },
};

static const struct pviomem_range kept[] = {
    { 0xb0000, 0xbffff, PVIOMEM_RO },        /* MMCONFIG */
    { 0xfec00, 0xfec00, PVIOMEM_RO },        /* I/O APIC */
    { 0xfed00, 0xfed00, PVIOMEM_RO },        /* HPET */
    { 0xfee00, 0xfeeff, PVIOMEM_DENY },      /* LAPIC, MSI */
};

static const struct efimap_entry efi[] = {
    { 0x3fe00000, 0x100, EFIMAP_ATTR_RUNTIME, EFIMAP_TYPE_RS_CODE, 0 },
};

static const struct pviomem_policy policy = {
    map, sizeof(map) / sizeof(map[0]), kept, sizeof(kept) / sizeof(kept[0]),
    1ULL << (39 - 12), efi, 1,
};

static void frames_by_kind(struct unit_ctx *ctx)
{

    CHECK_EQ(pviomem_access(&policy, 0x200), PVIOMEM_DENY);  /* RAM */
    CHECK_EQ(pviomem_access(&policy, 0x3ff00), PVIOMEM_RO);  /* ACPI */
    CHECK_EQ(pviomem_access(&policy, 0x3ff40), PVIOMEM_RW);  /* NVS */
    CHECK_EQ(pviomem_access(&policy, 0x3ff80), PVIOMEM_DENY);
    CHECK_EQ(pviomem_access(&policy, 0x3fe10), PVIOMEM_RO);  /* EFI */
    CHECK_EQ(pviomem_access(&policy, 0xb0000), PVIOMEM_RO);
    CHECK_EQ(pviomem_access(&policy, 0xc0000), PVIOMEM_RW);  /* hole */
    CHECK_EQ(pviomem_access(&policy, 0xfec00), PVIOMEM_RO);
    CHECK_EQ(pviomem_access(&policy, 0xfee00), PVIOMEM_DENY);
    CHECK_EQ(pviomem_access(&policy, 0xfeeff), PVIOMEM_DENY);
    CHECK_EQ(pviomem_access(&policy, 0xfef00), PVIOMEM_RW);
    /* Past the physical address width: nobody's. */
    CHECK_EQ(pviomem_access(&policy, 1ULL << 27), PVIOMEM_DENY);
}

static void low_megabyte(struct unit_ctx *ctx)
{

    CHECK_EQ(pviomem_access(&policy, 0x10), PVIOMEM_RO);
    CHECK_EQ(pviomem_access(&policy, 0xb8), PVIOMEM_RW);      /* VGA */
    CHECK_EQ(pviomem_access(&policy, 0xf0), PVIOMEM_RO);      /* ROM */
}

static void l1_rule(struct unit_ctx *ctx)
{
    CHECK_EQ(pviomem_l1e(&policy, 0xc0000, true), 0);
    CHECK_EQ(pviomem_l1e(&policy, 0xb0000, true), 1);   /* forced RO */
    CHECK_EQ(pviomem_l1e(&policy, 0xb0000, false), 0);
    CHECK_EQ(pviomem_l1e(&policy, 0xfee00, false), -XEN_EPERM);
    CHECK_EQ(pviomem_l1e(&policy, 0x200, false), -XEN_EPERM);
    /* ACPI tables read-only, NVS writable, EFI runtime read-only. */
    CHECK_EQ(pviomem_l1e(&policy, 0x3ff00, true), 1);
    CHECK_EQ(pviomem_l1e(&policy, 0x3ff40, true), 0);
    CHECK_EQ(pviomem_l1e(&policy, 0x3fe10, true), 1);
    CHECK_EQ(pviomem_l1e(&policy, 0x10, true), 1);
    CHECK_EQ(pviomem_l1e(&policy, 0xb8, true), 0);
}

static void ports_whole_width(struct unit_ctx *ctx)
{
    static const struct pviomem_ports ports[] = {
        { 0x20, 0x21 }, { 0x3f8, 0x3ff }, { 0x608, 0x60b },
    };

    CHECK(pviomem_port_denied(ports, 3, 0x21, 1));
    CHECK(!pviomem_port_denied(ports, 3, 0x22, 1));
    CHECK(!pviomem_port_denied(ports, 3, 0x3f7, 1));
    CHECK(pviomem_port_denied(ports, 3, 0x3f7, 2));     /* reaches 0x3f8 */
    CHECK(pviomem_port_denied(ports, 3, 0x3f5, 4));
    CHECK(!pviomem_port_denied(ports, 3, 0x3f4, 4));
    CHECK(pviomem_port_denied(ports, 3, 0x3ff, 4));
    CHECK(!pviomem_port_denied(ports, 3, 0x400, 4));
    CHECK(pviomem_port_denied(ports, 3, 0x606, 4));
    CHECK(!pviomem_port_denied(ports, 0, 0x21, 1));
}

/*
 * A firmware with 600 runtime descriptors, each between two reserved
 * pages the e820 gives dom0 to write: every runtime page stays read-only
 * memory, the last as the first (a fixed table of 64 ranges once let the
 * ones past it, and the device ranges after them, fall out).
 */
static void efi_runtime_any_number(struct unit_ctx *ctx)
{
    enum { NR = 1200, BASE = 0x40000000 };
    static struct efimap_entry efi[NR];
    static const struct e820entry big_e820[] = {
        { 0x100000, BASE - 0x100000, E820_RAM },
        { BASE, (uint64_t)NR << 12, E820_RESERVED },
    };
    static const struct pviomem_range lapic[] = {
        { 0xfee00, 0xfeeff, PVIOMEM_DENY },
    };
    struct pviomem_policy p = {
        big_e820, 2, lapic, 1, 1ULL << (39 - 12), efi, NR,
    };

    for ( unsigned int i = 0; i < NR; i++ )
    {
        bool rt = i % 2 == 0;

        efi[i] = (struct efimap_entry){
            .start_pa = BASE + ((uint64_t)i << 12), .nr_pages = 1,
            .attr = rt ? EFIMAP_ATTR_RUNTIME : 0,
            .type = rt ? (i % 4 ? EFIMAP_TYPE_RS_DATA : EFIMAP_TYPE_RS_CODE)
                       : EFIMAP_TYPE_RESERVED };
    }
    CHECK(efimap_is_normalized(efi, NR));
    for ( unsigned int i = 0; i < NR; i++ )
    {
        uint64_t mfn = (BASE >> 12) + i;

        if ( i % 2 == 0 )
        {
            CHECK_EQ(pviomem_access(&p, mfn), PVIOMEM_RO);
            CHECK_EQ(pviomem_l1e(&p, mfn, true), 1);
            CHECK_EQ(pviomem_l1e(&p, mfn, false), 0);
        }
        else
        {
            CHECK_EQ(pviomem_access(&p, mfn), PVIOMEM_RW);
        }
    }
    CHECK_EQ(pviomem_l1e(&p, 0xfee00, false), -XEN_EPERM);
    /* Runtime RAM in the map stays denied: the lowest access wins. */
    efi[0].start_pa = 0x200000;
    CHECK_EQ(pviomem_access(&p, 0x200), PVIOMEM_DENY);
    /* A BIOS boot: no map. */
    p.efi = NULL;
    CHECK_EQ(pviomem_access(&p, (BASE >> 12) + 2), PVIOMEM_RW);
}

static const struct unit_case pviomem_cases[] = {
    { "frames_by_kind", frames_by_kind },
    { "low_megabyte", low_megabyte },
    { "l1_rule", l1_rule },
    { "ports_whole_width", ports_whole_width },
    { "efi_runtime_any_number", efi_runtime_any_number },
};

UNIT_SUITE(pviomem, pviomem_cases)
