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

/* A reading whose bracket was widened is not the one kept. */
static void best_sample_is_the_narrowest(struct unit_ctx *ctx)
{
    const struct tsc_sample s[] = {
        { 1000, 1900, 7 },      /* descheduled during the reading */
        { 2000, 2040, 6 },
        { 3000, 3050, 5 },
        { 4100, 4000, 4 },      /* out of order: never chosen */
    };

    CHECK(tsc_best_sample(s, 4) == &s[1]);
    CHECK(tsc_best_sample(s, 1) == &s[0]);
    CHECK(tsc_best_sample(&s[3], 1) == NULL);
    CHECK(tsc_best_sample(s, 0) == NULL);
}

static void samples_give_the_frequency(struct unit_ctx *ctx)
{
    /* 12 ms of PIT at 2.1 GHz, counting down, brackets of 100 cycles. */
    struct tsc_sample a = { 1000000, 1000100, 60000 };
    struct tsc_sample b = { 1000000 + 25199990, 1000000 + 25200090,
                            60000 - 14318 };
    uint32_t k;

    k = tsc_khz_from_samples(&a, &b, TSC_PIT_HZ, 0xffff, true);
    CHECK(k >= 2099000 && k <= 2101000);
    /* A descheduled wait between the samples changes nothing. */
    b.ref = 60000 - 2 * 14318;
    b.tsc_before = 1000000 + 2 * 25199990;
    b.tsc_after = b.tsc_before + 100;
    k = tsc_khz_from_samples(&a, &b, TSC_PIT_HZ, 0xffff, true);
    CHECK(k >= 2099000 && k <= 2101000);
    /* An up-counter that wrapped once (the 24-bit PM timer). */
    a.ref = 0xfffff0;
    b.ref = 0x000010;
    b.tsc_before = a.tsc_before + 2100 * 32 / 3;    /* 32 ticks at 3.58 MHz */
    b.tsc_after = b.tsc_before + 100;
    CHECK(tsc_khz_from_samples(&a, &b, TSC_PMTMR_HZ, 0xffffff, false) > 0);
    /* No movement, or time going backwards: nothing. */
    b.ref = a.ref;
    CHECK_EQ(tsc_khz_from_samples(&a, &b, TSC_PMTMR_HZ, 0xffffff, false), 0);
    b.ref = a.ref - 100;
    b.tsc_before = a.tsc_before - 5000;
    b.tsc_after = b.tsc_before + 10;
    CHECK_EQ(tsc_khz_from_samples(&a, &b, TSC_PIT_HZ, 0xffff, true), 0);
}

/* One window spoiled either way, and failed windows, leave the median. */
static void median_ignores_outliers(struct unit_ctx *ctx)
{
    uint32_t w1[] = { 2096000, 7314920, 2096100, 2095900, 2096050 };
    uint32_t w2[] = { 0, 2096000, 0, 900000, 2096100 };
    uint32_t w3[] = { 0, 0, 0 };
    uint32_t w4[] = { 5 };

    CHECK_EQ(tsc_median_khz(w1, 5), 2096050);
    CHECK_EQ(tsc_median_khz(w2, 5), 2096000);
    CHECK_EQ(tsc_median_khz(w3, 3), 0);
    CHECK_EQ(tsc_median_khz(w4, 1), 5);
    CHECK_EQ(tsc_median_khz(w4, 0), 0);
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
    { "best_sample_is_the_narrowest", best_sample_is_the_narrowest },
    { "samples_give_the_frequency", samples_give_the_frequency },
    { "median_ignores_outliers", median_ignores_outliers },
    { "source_choice", source_choice },
    { "cycles_to_us", cycles_to_us },
};

UNIT_SUITE(tsc, tsc_cases)
