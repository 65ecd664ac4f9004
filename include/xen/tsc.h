/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TSC's frequency for the boot timeline: from CPUID leaf 0x15 (crystal
 * clock times a ratio) or leaf 0x16 (base MHz) when the CPU reports them,
 * otherwise from one calibration against a reference timer (PIT channel 2
 * or the ACPI PM timer). Pure arithmetic; arch/x86/tsc.c reads the
 * hardware.
 */
#ifndef XEN_TSC_H
#define XEN_TSC_H

#include <xen/types.h>

#define TSC_PIT_HZ      1193182u    /* i8254 input clock */
#define TSC_PMTMR_HZ    3579545u    /* ACPI PM timer */

/* Below 1 MHz or above 100 GHz a reported TSC frequency is not believed. */
#define TSC_MIN_KHZ     1000u
#define TSC_MAX_KHZ     100000000u

enum tsc_source {
    TSC_SRC_NONE,
    TSC_SRC_CPUID15,
    TSC_SRC_CPUID16,
    TSC_SRC_PIT,
    TSC_SRC_PMTMR,
};

/* What CPUID says, as read by the caller (zero where a leaf is absent). */
struct tsc_cpuid {
    uint32_t max_leaf;      /* CPUID.0:EAX */
    uint32_t l15_eax;       /* denominator of the TSC/crystal ratio */
    uint32_t l15_ebx;       /* numerator */
    uint32_t l15_ecx;       /* crystal clock in Hz, 0 if not given */
    uint32_t l16_eax;       /* base frequency in MHz, bits 15:0 */
};

/*
 * a * b / c rounded down, without overflowing in between; UINT64_MAX when
 * c is 0 or the result does not fit in 64 bits.
 */
uint64_t tsc_muldiv(uint64_t a, uint32_t b, uint32_t c);

/* The frequency leaf 0x15 gives, in kHz; 0 when any field is 0. */
uint32_t tsc_khz_from_leaf15(uint32_t eax, uint32_t ebx, uint32_t ecx);

/* The frequency leaf 0x16 gives, in kHz; 0 when the field is 0. */
uint32_t tsc_khz_from_leaf16(uint32_t eax);

/*
 * The frequency of a TSC that advanced tsc_delta cycles while a reference
 * clock of ref_hz advanced ref_ticks, in kHz; 0 if not credible.
 */
uint32_t tsc_khz_from_ticks(uint64_t tsc_delta, uint32_t ref_ticks,
                            uint32_t ref_hz);

/*
 * The frequency CPUID gives (leaf 0x15 first, then 0x16) and its source
 * in *src; 0 and TSC_SRC_NONE when the caller must calibrate.
 */
uint32_t tsc_khz_from_cpuid(const struct tsc_cpuid *c, enum tsc_source *src);

/*
 * The TSC value at which ns nanoseconds have passed since TSC value tsc0,
 * on a TSC of khz kHz, rounded up by two cycles (so a clock that rounds
 * down never reads short of ns there); UINT64_MAX when that lies beyond
 * the TSC's range (a deadline that must never fire, not one that wraps
 * into the past and fires at once).
 */
uint64_t tsc_deadline_after(uint64_t tsc0, uint64_t ns, uint32_t khz);

/* A short name for a source ("CPUID.15h", "PIT", ...). */
const char *tsc_source_name(enum tsc_source src);

/*
 * Microseconds in delta cycles at khz; delta itself (cycles) when khz is
 * 0, saturating at UINT64_MAX.
 */
uint64_t tsc_cycles_to_us(uint64_t delta, uint32_t khz);

#endif /* XEN_TSC_H */
