/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TSC's frequency: CPUID leaves 0x15/0x16 when given, otherwise one
 * calibration against PIT channel 2 counting down: the TSC and the PIT's
 * count read together at both ends of a 10 ms window, the median of three
 * windows (the arithmetic is in arch/x86/lib/tsc.c). Reading both clocks
 * together, rather than waiting for the PIT's output to rise, makes a
 * virtual CPU that is descheduled in the middle of a window harmless: the
 * old way measured such a window long (37% too fast a TSC on a loaded
 * QEMU host), and dom0's clock ran slow by as much.
 */
#include <asm/io.h>
#include <asm/tsc.h>

#define PIT_CH2         0x42
#define PIT_MODE        0x43
#define PIT_LATCH_CH2   0x80    /* counter latch command, channel 2 */
#define PIT_PORT_B      0x61    /* bit 0: channel 2 gate */
#define PIT_CAL_TICKS   11932u  /* 10 ms */
#define PIT_CAL_WINDOWS 3
#define PIT_CAL_PAIRS   3

static void tsc_cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c)
{
    uint32_t d;

    __asm__ volatile ( "cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (d)
                       : "0" (leaf), "2" (0) );
}

/*
 * One reading of PIT channel 2's count with the TSC around it; the TSC
 * value taken is the middle of the two. Returns how many cycles the
 * reading took: the uncertainty of the pair.
 */
static uint64_t pit_pair(uint64_t *tsc, uint16_t *count)
{
    uint64_t t0 = rdtsc(), t1;
    uint8_t lo, hi;

    outb(PIT_LATCH_CH2, PIT_MODE);
    lo = inb(PIT_CH2);
    hi = inb(PIT_CH2);
    t1 = rdtsc();
    *tsc = t0 + (t1 - t0) / 2;
    *count = lo | (uint16_t)hi << 8;
    return t1 - t0;
}

/* The tightest of PIT_CAL_PAIRS readings. */
static void pit_best_pair(uint64_t *tsc, uint16_t *count)
{
    uint64_t best = UINT64_MAX, t = 0, d;
    uint16_t c = 0;

    for ( unsigned int i = 0; i < PIT_CAL_PAIRS; i++ )
        if ( (d = pit_pair(&t, &c)) < best )
        {
            best = d;
            *tsc = t;
            *count = c;
        }
}

/*
 * TSC cycles per PIT_CAL_TICKS from two (TSC, count) pairs that far
 * apart, channel 2 counting down from 0xffff in mode 0; 0 when the count
 * never moved or wrapped (no PIT, or a pause past 55 ms). Both clocks run
 * on whatever happens between the pairs, so a vCPU that is descheduled
 * there costs nothing; only a pause inside one reading does, and the
 * tightest of several readings is kept.
 */
static uint64_t tsc_pit_window(void)
{
    uint64_t t0 = 0, t1 = 0;
    uint16_t c0 = 0, c1 = 0, prev;
    unsigned long spins = 0;

    /* Channel 2, low then high byte, mode 0, from the top. */
    outb(0xb0, PIT_MODE);
    outb(0xff, PIT_CH2);
    outb(0xff, PIT_CH2);
    /*
     * The count is loaded on the PIT's next clock, and until then the old
     * one reads back: wait until the count is near the top.
     */
    do
        pit_pair(&t1, &c1);
    while ( c1 < 0xf000 && ++spins < 100000000ul );
    spins = 0;
    pit_best_pair(&t0, &c0);
    prev = c0;
    do
    {
        pit_pair(&t1, &c1);
        if ( c1 > prev || ++spins > 100000000ul )
            return 0;               /* wrapped, or the PIT never counts */
        prev = c1;
    } while ( (uint16_t)(c0 - c1) < PIT_CAL_TICKS );
    pit_best_pair(&t1, &c1);
    if ( c1 > prev || c1 >= c0 )
        return 0;
    return tsc_muldiv(t1 - t0, PIT_CAL_TICKS, c0 - c1);
}

/*
 * The median of PIT_CAL_WINDOWS windows (of at most twice as many tries:
 * a pause past 55 ms spoils one): a window is off only when one of its
 * tightest readings was interrupted, and not two of three are.
 */
static uint32_t tsc_calibrate_pit(void)
{
    uint8_t port_b = inb(PIT_PORT_B);
    uint64_t w[PIT_CAL_WINDOWS], t;
    unsigned int n = 0;

    /* Gate on, speaker off. */
    outb((port_b & ~0x02) | 0x01, PIT_PORT_B);
    for ( unsigned int i = 0; i < 2 * PIT_CAL_WINDOWS && n < PIT_CAL_WINDOWS;
          i++ )
        if ( (t = tsc_pit_window()) )
            w[n++] = t;
    outb(port_b, PIT_PORT_B);
    if ( !n )
        return 0;
    for ( unsigned int i = 0; i < n; i++ )
        for ( unsigned int j = i + 1; j < n; j++ )
            if ( w[j] < w[i] )
            {
                t = w[i];
                w[i] = w[j];
                w[j] = t;
            }
    return tsc_khz_from_ticks(w[n / 2], PIT_CAL_TICKS, TSC_PIT_HZ);
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
