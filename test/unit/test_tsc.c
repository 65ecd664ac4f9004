/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/tsc.c: the CPUID ratio arithmetic, overflow safety
 * of the conversions and the choice of the frequency's source.
 */
#include <string.h>

#include <xen/tsc.h>

#include "unit.h"

static void leaf15_ratio_math(struct unit_ctx *ctx)
{
    /* A 24 MHz crystal times 188/2: 2.256 GHz. */
    CHECK_EQ(tsc_khz_from_leaf15(2, 188, 24000000), 2256000);
    /* A 25 MHz crystal times 216/2. */
    CHECK_EQ(tsc_khz_from_leaf15(2, 216, 25000000), 2700000);
    /* Any field zero: not given. */
    CHECK_EQ(tsc_khz_from_leaf15(0, 188, 24000000), 0);
    CHECK_EQ(tsc_khz_from_leaf15(2, 0, 24000000), 0);
    CHECK_EQ(tsc_khz_from_leaf15(2, 188, 0), 0);
    /* Largest fields: the product fits, the result is not credible. */
    CHECK_EQ(tsc_khz_from_leaf15(1, UINT32_MAX, UINT32_MAX), 0);
    CHECK_EQ(tsc_khz_from_leaf15(UINT32_MAX, 1, 1), 0);
}

static void leaf16_base_mhz(struct unit_ctx *ctx)
{
    CHECK_EQ(tsc_khz_from_leaf16(2100), 2100000);
    CHECK_EQ(tsc_khz_from_leaf16(0), 0);
    /* Only bits 15:0 count. */
    CHECK_EQ(tsc_khz_from_leaf16(0xffff0000u | 3000), 3000000);
}

static void muldiv_is_exact_and_saturates(struct unit_ctx *ctx)
{
    CHECK_EQ(tsc_muldiv(10, 3, 4), 7);
    CHECK_EQ(tsc_muldiv(UINT64_MAX, 1, 1), UINT64_MAX);
    CHECK_EQ(tsc_muldiv(UINT64_MAX, 2, 3), UINT64_MAX / 3 * 2);
    CHECK_EQ(tsc_muldiv(UINT64_MAX, 3, 2), UINT64_MAX);
    CHECK_EQ(tsc_muldiv(1, 1, 0), UINT64_MAX);
    CHECK_EQ(tsc_muldiv(123456789012345ull, 1000, 3000000),
             123456789012345ull / 3000);
    /* A product above 2^64 whose quotient fits. */
    CHECK_EQ(tsc_muldiv(1ull << 62, 1u << 31, 1u << 30), 1ull << 63);
}

static void calibration_math(struct unit_ctx *ctx)
{
    /* 10 ms of PIT (11932 ticks) at 3 GHz: 30 000 000 cycles. */
    CHECK_EQ(tsc_khz_from_ticks(30000000ull, 11932, TSC_PIT_HZ) / 1000,
             2999);
    CHECK_EQ(tsc_khz_from_ticks(3000000000ull, TSC_PIT_HZ, TSC_PIT_HZ),
             3000000);
    /* Half a second of PM timer, rounded down to whole ticks. */
    CHECK_EQ(tsc_khz_from_ticks(3000000000ull, TSC_PMTMR_HZ / 2,
                                TSC_PMTMR_HZ), 6000001);
    /* No reference ticks, a frozen TSC, an absurd one: no frequency. */
    CHECK_EQ(tsc_khz_from_ticks(3000000000ull, 0, TSC_PIT_HZ), 0);
    CHECK_EQ(tsc_khz_from_ticks(0, 11932, TSC_PIT_HZ), 0);
    CHECK_EQ(tsc_khz_from_ticks(UINT64_MAX, 1, TSC_PIT_HZ), 0);
}

static void source_choice(struct unit_ctx *ctx)
{
    struct tsc_cpuid c = { .max_leaf = 0x16, .l15_eax = 2, .l15_ebx = 188,
                           .l15_ecx = 24000000, .l16_eax = 2200 };
    enum tsc_source src;

    CHECK_EQ(tsc_khz_from_cpuid(&c, &src), 2256000);
    CHECK_EQ(src, TSC_SRC_CPUID15);
    /* Leaf 0x15 without a crystal frequency: leaf 0x16. */
    c.l15_ecx = 0;
    CHECK_EQ(tsc_khz_from_cpuid(&c, &src), 2200000);
    CHECK_EQ(src, TSC_SRC_CPUID16);
    /* Leaf 0x16 beyond the maximum leaf is not read. */
    c.max_leaf = 0x15;
    CHECK_EQ(tsc_khz_from_cpuid(&c, &src), 0);
    CHECK_EQ(src, TSC_SRC_NONE);
    /* Nothing given (QEMU's default CPU): calibrate. */
    c = (struct tsc_cpuid){ .max_leaf = 0xd };
    CHECK_EQ(tsc_khz_from_cpuid(&c, &src), 0);
    CHECK_EQ(src, TSC_SRC_NONE);
    c = (struct tsc_cpuid){ .max_leaf = 0x16 };
    CHECK_EQ(tsc_khz_from_cpuid(&c, &src), 0);
    CHECK_EQ(src, TSC_SRC_NONE);
    CHECK(!strcmp(tsc_source_name(TSC_SRC_PIT), "PIT"));
    CHECK(!strcmp(tsc_source_name((enum tsc_source)99), "none"));
}

static void cycles_to_us(struct unit_ctx *ctx)
{
    CHECK_EQ(tsc_cycles_to_us(3000000, 3000000), 1000);
    CHECK_EQ(tsc_cycles_to_us(2999, 3000000), 0);
    CHECK_EQ(tsc_cycles_to_us(UINT64_MAX, 1000), UINT64_MAX);
    /* Unknown frequency: cycles. */
    CHECK_EQ(tsc_cycles_to_us(12345, 0), 12345);
}

/*
 * A dom0 deadline as a TSC value for the APIC timer: exact for ordinary
 * deadlines, never before the time, and never wrapped into the past for
 * one at the end of time (set_timer_op(0x7fff...)): that would arm the
 * timer to fire at once, again and again.
 */
static void deadline_after(struct unit_ctx *ctx)
{
    const uint64_t tsc0 = 5000000000ULL;

    CHECK_EQ(tsc_deadline_after(tsc0, 1000000, 2000000), tsc0 + 2000000 + 2);
    CHECK_EQ(tsc_deadline_after(tsc0, 0, 2105604), tsc0 + 2);
    CHECK_EQ(tsc_deadline_after(tsc0, 0x7fffffffffffffffULL, 2105604),
             UINT64_MAX);
    CHECK_EQ(tsc_deadline_after(tsc0, UINT64_MAX, 2000000), UINT64_MAX);
    /* Just fits, then just does not. */
    CHECK_EQ(tsc_deadline_after(UINT64_MAX - 1002, 1000, 1000000),
             UINT64_MAX);
    CHECK_EQ(tsc_deadline_after(UINT64_MAX - 1003, 1000, 1000000),
             UINT64_MAX - 1);
}

static const struct unit_case tsc_cases[] = {
    { "deadline_after", deadline_after },
    { "leaf15_ratio_math", leaf15_ratio_math },
    { "leaf16_base_mhz", leaf16_base_mhz },
    { "muldiv_is_exact_and_saturates", muldiv_is_exact_and_saturates },
    { "calibration_math", calibration_math },
    { "source_choice", source_choice },
    { "cycles_to_us", cycles_to_us },
};

UNIT_SUITE(tsc, tsc_cases)
