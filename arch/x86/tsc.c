/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TSC's frequency: CPUID leaves 0x15/0x16 when given, otherwise one
 * calibration against PIT channel 2, the median of five 12 ms windows,
 * each measured between two readings of the PIT's count taken with the
 * TSC on both sides (the arithmetic is in arch/x86/lib/tsc.c).
 *
 * Why readings and not the moment OUT rises: a virtual CPU descheduled
 * when the count ends sees OUT high late, and the TSC counted on; under
 * a loaded host every window of the earlier shortest-of-five method came
 * out long, and dom0 was given a TSC of 7.3 GHz on a 2.1 GHz machine, so
 * its clock ran 3.5 times slow. A reading taken while descheduled only
 * widens its own bracket, and the narrowest of several is kept; a TSC
 * that jumps (a host that moves the virtual CPU between CPUs whose TSCs
 * differ) spoils one window, which the median ignores.
 */
#include <asm/io.h>
#include <asm/tsc.h>

#define PIT_CH2         0x42
#define PIT_MODE        0x43
#define PIT_PORT_B      0x61    /* bit 0: channel 2 gate, bit 5: its OUT */
#define PIT_LATCH_CH2   0x80    /* counter latch command, channel 2 */
#define PIT_CAL_TICKS   14318u  /* 12 ms */
#define PIT_CAL_WINDOWS 5
#define PIT_TRIES       5       /* readings per end of a window */

static void tsc_cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c)
{
    uint32_t d;

    __asm__ volatile ( "cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (d)
                       : "0" (leaf), "2" (0) );
}

/* Channel 2's count, the TSC read just before and just after. */
static void pit_read(struct tsc_sample *s)
{
    uint8_t lo, hi;

    s->tsc_before = rdtsc();
    outb(PIT_LATCH_CH2, PIT_MODE);
    lo = inb(PIT_CH2);
    hi = inb(PIT_CH2);
    s->tsc_after = rdtsc();
    s->ref = lo | (uint32_t)hi << 8;
}

/* The best bracketed of PIT_TRIES readings, in *out. */
static void pit_sample(struct tsc_sample *out)
{
    struct tsc_sample s[PIT_TRIES];

    for ( unsigned int i = 0; i < PIT_TRIES; i++ )
        pit_read(&s[i]);
    *out = *tsc_best_sample(s, PIT_TRIES);
}

/*
 * One window: channel 2 counts down from 0xffff (mode 0), a sample, a wait
 * until PIT_CAL_TICKS have passed, another sample. 0 when the PIT does not
 * count, or when the count ran out (OUT high) before the second sample:
 * then it may have wrapped.
 */
static uint32_t tsc_pit_window(void)
{
    struct tsc_sample a, b, now;
    unsigned long spins = 0;

    /* Channel 2, low then high byte, mode 0 (one-shot), full count. */
    outb(0xb0, PIT_MODE);
    outb(0xff, PIT_CH2);
    outb(0xff, PIT_CH2);
    pit_sample(&a);
    do
    {
        if ( ++spins > 10000000ul )
            return 0;                   /* no PIT there */
        pit_read(&now);
    } while ( ((a.ref - now.ref) & 0xffff) < PIT_CAL_TICKS &&
              !(inb(PIT_PORT_B) & 0x20) );
    pit_sample(&b);
    if ( inb(PIT_PORT_B) & 0x20 )
        return 0;
    return tsc_khz_from_samples(&a, &b, TSC_PIT_HZ, 0xffff, true);
}

/* The median of the windows that worked. */
static uint32_t tsc_calibrate_pit(void)
{
    uint8_t port_b = inb(PIT_PORT_B);
    uint32_t khz[PIT_CAL_WINDOWS];

    /* Gate on, speaker off. */
    outb((port_b & ~0x02) | 0x01, PIT_PORT_B);
    for ( unsigned int i = 0; i < PIT_CAL_WINDOWS; i++ )
        khz[i] = tsc_pit_window();
    outb(port_b, PIT_PORT_B);
    return tsc_median_khz(khz, PIT_CAL_WINDOWS);
}

/* See asm/tsc.h. */
uint32_t arch_tsc_khz(enum tsc_source *src)
{
    static uint32_t khz;
    static enum tsc_source source;
    static bool done;
    struct tsc_cpuid c = { 0 };
    uint32_t unused;

    if ( !done )
    {
        done = true;
        tsc_cpuid(0, &c.max_leaf, &unused, &unused);
        if ( c.max_leaf >= 0x15 )
            tsc_cpuid(0x15, &c.l15_eax, &c.l15_ebx, &c.l15_ecx);
        if ( c.max_leaf >= 0x16 )
            tsc_cpuid(0x16, &c.l16_eax, &unused, &unused);
        khz = tsc_khz_from_cpuid(&c, &source);
        if ( !khz && (khz = tsc_calibrate_pit()) )
            source = TSC_SRC_PIT;
    }
    *src = source;
    return khz;
}
