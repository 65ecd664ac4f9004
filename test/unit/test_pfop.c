/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pfop.c: XENPF_read_memtype's view of
 * variable MTRRs (register values as OVMF programs QEMU's q35: a 2 GiB
 * write-back range at 0 and the 32-bit PCI hole uncached) and Xen's
 * _PDC answer on a hypervisor that manages no processor power states.
 */
#include <xen/pfop.h>
#include <public/errno.h>

#include "unit.h"

#define VALID   0x800ULL

static void free_mtrr_reads_zero(struct unit_ctx *ctx)
{
    struct pfop_mtrr r = { 1, 2, 3 };

    pfop_mtrr_range(0x80000006ULL, 0xff80000000ULL, 40, &r);
    CHECK_EQ(r.mfn, 0);
    CHECK_EQ(r.nr_mfns, 0);
    CHECK_EQ(r.type, 0);
}

static void ranges_in_frames(struct unit_ctx *ctx)
{
    struct pfop_mtrr r;

    pfop_mtrr_range(0x6, 0xff80000000ULL | VALID, 40, &r);    /* WB */
    CHECK_EQ(r.mfn, 0);
    CHECK_EQ(r.nr_mfns, 0x80000);
    CHECK_EQ(r.type, 6);
    pfop_mtrr_range(0x80000000ULL, 0xff80000000ULL | VALID, 40, &r);
    CHECK_EQ(r.mfn, 0x80000);
    CHECK_EQ(r.nr_mfns, 0x80000);
    CHECK_EQ(r.type, 0);
    /* 4 GiB write-combining at 4 GiB, 46 address bits. */
    pfop_mtrr_range(0x100000001ULL, 0x3fff00000000ULL | VALID, 46, &r);
    CHECK_EQ(r.mfn, 0x100000);
    CHECK_EQ(r.nr_mfns, 0x100000);
    CHECK_EQ(r.type, 1);
}

static void size_from_low_32_bits(struct unit_ctx *ctx)
{
    struct pfop_mtrr r;

    /* 2^32 frames (16 TiB): Xen's 32-bit negation reads it as 0. */
    pfop_mtrr_range(0x6, 0x300000000000ULL | VALID, 46, &r);
    CHECK_EQ(r.nr_mfns, 0);
    CHECK_EQ(r.type, 6);
}

static void odd_address_widths(struct unit_ctx *ctx)
{
    struct pfop_mtrr r;

    /* No widening at all: the mask alone, never a shift out of range. */
    pfop_mtrr_range(0x6, 0xfffff80000000ULL | VALID, 0, &r);
    CHECK_EQ(r.nr_mfns, 0x80000);
    pfop_mtrr_range(0x6, 0xfffff80000000ULL | VALID, 12, &r);
    CHECK_EQ(r.nr_mfns, 0x80000);
    pfop_mtrr_range(0x6, 0xfffff80000000ULL | VALID, 80, &r);
    CHECK_EQ(r.nr_mfns, 0x80000);
}

static void pdc_header_checked(struct unit_ctx *ctx)
{
    struct pfop_cpu cpu = { false, 0xd, 0 };
    uint32_t bits[3] = { 0, 1, 0xffffffff };

    CHECK_EQ(pfop_pdc_bits(bits, &cpu), -XEN_EINVAL);
    CHECK_EQ(bits[2], 0xffffffff);
    bits[0] = 1;
    bits[1] = 0;
    CHECK_EQ(pfop_pdc_bits(bits, &cpu), -XEN_EINVAL);
    CHECK_EQ(bits[2], 0xffffffff);
}

static void pdc_keeps_power_bits(struct unit_ctx *ctx)
{
    struct pfop_cpu cpu = { false, 0xd, 3 };
    uint32_t bits[3] = { 1, 1, 0xffffffff };

    /* No MONITOR: the FFH C-state bits go, the other C/P/T bits stay. */
    CHECK_EQ(pfop_pdc_bits(bits, &cpu), 0);
    CHECK_EQ(bits[2], 0x8ff);
    cpu.monitor = true;
    bits[2] = 0xffffffff;
    CHECK_EQ(pfop_pdc_bits(bits, &cpu), 0);
    CHECK_EQ(bits[2], 0xbff);
    bits[2] = 0x31b;
    CHECK_EQ(pfop_pdc_bits(bits, &cpu), 0);
    CHECK_EQ(bits[2], 0x31b);
}

static void pdc_needs_mwait_break(struct unit_ctx *ctx)
{
    struct pfop_cpu cpu = { true, 0xd, 1 };
    uint32_t bits[3] = { 1, 1, 0x300 };

    CHECK_EQ(pfop_pdc_bits(bits, &cpu), 0);     /* no interrupt break */
    CHECK_EQ(bits[2], 0);
    cpu.mwait_ecx = 3;
    cpu.max_leaf = 4;                           /* no MWAIT leaf */
    bits[2] = 0x300;
    CHECK_EQ(pfop_pdc_bits(bits, &cpu), 0);
    CHECK_EQ(bits[2], 0);
}

static const struct unit_case pfop_cases[] = {
    { "free_mtrr_reads_zero", free_mtrr_reads_zero },
    { "ranges_in_frames", ranges_in_frames },
    { "size_from_low_32_bits", size_from_low_32_bits },
    { "odd_address_widths", odd_address_widths },
    { "pdc_header_checked", pdc_header_checked },
    { "pdc_keeps_power_bits", pdc_keeps_power_bits },
    { "pdc_needs_mwait_break", pdc_needs_mwait_break },
};

UNIT_SUITE(pfop, pfop_cases)
