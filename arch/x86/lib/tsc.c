/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TSC frequency arithmetic for the boot timeline (see xen/tsc.h). No
 * 128-bit division: the hypervisor links without a compiler runtime.
 */
#include <xen/tsc.h>

/* See xen/tsc.h. */
uint64_t tsc_muldiv(uint64_t a, uint32_t b, uint32_t c)
{
    uint64_t q, r, hi, lo;

    if ( !c )
        return UINT64_MAX;
    /* a = q * c + r with r < c, so r * b < 2^64 and the split is exact. */
    q = a / c;
    r = a % c;
    if ( b && q > UINT64_MAX / b )
        return UINT64_MAX;
    hi = q * b;
    lo = r * b / c;
    if ( hi > UINT64_MAX - lo )
        return UINT64_MAX;
    return hi + lo;
}

static uint32_t tsc_credible(uint64_t khz)
{
    return khz >= TSC_MIN_KHZ && khz <= TSC_MAX_KHZ ? (uint32_t)khz : 0;
}

/* See xen/tsc.h. */
uint32_t tsc_khz_from_leaf15(uint32_t eax, uint32_t ebx, uint32_t ecx)
{
    if ( !eax || !ebx || !ecx )
        return 0;
    /* ecx * ebx < 2^64: both are 32-bit. */
    return tsc_credible((uint64_t)ecx * ebx / eax / 1000);
}

/* See xen/tsc.h. */
uint32_t tsc_khz_from_leaf16(uint32_t eax)
{
    return tsc_credible((uint64_t)(eax & 0xffff) * 1000);
}

/* See xen/tsc.h. */
uint32_t tsc_khz_from_ticks(uint64_t tsc_delta, uint32_t ref_ticks,
                            uint32_t ref_hz)
{
    uint64_t hz;

    if ( !ref_ticks || !ref_hz )
        return 0;
    hz = tsc_muldiv(tsc_delta, ref_hz, ref_ticks);
    if ( hz == UINT64_MAX )
        return 0;
    return tsc_credible(hz / 1000);
}

/* See xen/tsc.h. */
uint32_t tsc_khz_from_cpuid(const struct tsc_cpuid *c, enum tsc_source *src)
{
    uint32_t khz;

    *src = TSC_SRC_NONE;
    if ( c->max_leaf >= 0x15 &&
         (khz = tsc_khz_from_leaf15(c->l15_eax, c->l15_ebx, c->l15_ecx)) )
    {
        *src = TSC_SRC_CPUID15;
        return khz;
    }
    if ( c->max_leaf >= 0x16 && (khz = tsc_khz_from_leaf16(c->l16_eax)) )
    {
        *src = TSC_SRC_CPUID16;
        return khz;
    }
    return 0;
}

/* See xen/tsc.h. */
uint64_t tsc_deadline_after(uint64_t tsc0, uint64_t ns, uint32_t khz)
{
    uint64_t d = tsc_muldiv(ns, khz, 1000000);

    if ( d == UINT64_MAX || d > UINT64_MAX - tsc0 - 2 )
        return UINT64_MAX;
    return tsc0 + d + 2;
}

/* See xen/tsc.h. */
const char *tsc_source_name(enum tsc_source src)
{
    switch ( src )
    {
    case TSC_SRC_CPUID15:   return "CPUID.15h";
    case TSC_SRC_CPUID16:   return "CPUID.16h";
    case TSC_SRC_PIT:       return "PIT";
    case TSC_SRC_PMTMR:     return "ACPI PM timer";
    case TSC_SRC_NONE:      break;
    }
    return "none";
}

/* See xen/tsc.h. */
uint64_t tsc_cycles_to_us(uint64_t delta, uint32_t khz)
{
    return khz ? tsc_muldiv(delta, 1000, khz) : delta;
}
