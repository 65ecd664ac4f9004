/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The TSC's frequency: CPUID leaves 0x15/0x16 when given, otherwise one
 * calibration against PIT channel 2 in one-shot mode, the shortest of five
 * 10 ms windows (the arithmetic is in arch/x86/lib/tsc.c).
 */
#include <asm/io.h>
#include <asm/tsc.h>

#define PIT_CH2         0x42
#define PIT_MODE        0x43
#define PIT_PORT_B      0x61    /* bit 0: channel 2 gate, bit 5: its OUT */
#define PIT_CAL_TICKS   11932u  /* 10 ms */
#define PIT_CAL_WINDOWS 5

static void tsc_cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c)
{
    uint32_t d;

    __asm__ volatile ( "cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (d)
                       : "0" (leaf), "2" (0) );
}

/* TSC cycles in one PIT_CAL_TICKS window; 0 if OUT never rises. */
static uint64_t tsc_pit_window(void)
{
    uint64_t t0;
    unsigned long spins = 0;

    /* Channel 2, low then high byte, mode 0: OUT rises at terminal count. */
    outb(0xb0, PIT_MODE);
    outb(PIT_CAL_TICKS & 0xff, PIT_CH2);
    outb(PIT_CAL_TICKS >> 8, PIT_CH2);
    t0 = rdtsc();
    while ( !(inb(PIT_PORT_B) & 0x20) )
        if ( ++spins > 100000000ul )
            return 0;
    return rdtsc() - t0;
}

/*
 * The shortest of PIT_CAL_WINDOWS windows: a window can only be made
 * longer (an SMI, or a virtual CPU descheduled), never shorter.
 */
static uint32_t tsc_calibrate_pit(void)
{
    uint8_t port_b = inb(PIT_PORT_B);
    uint64_t best = 0, d;

    /* Gate on, speaker off. */
    outb((port_b & ~0x02) | 0x01, PIT_PORT_B);
    for ( unsigned int i = 0; i < PIT_CAL_WINDOWS; i++ )
    {
        if ( !(d = tsc_pit_window()) )
            break;      /* no PIT: OUT never rose */
        if ( !best || d < best )
            best = d;
    }
    outb(port_b, PIT_PORT_B);
    return best ? tsc_khz_from_ticks(best, PIT_CAL_TICKS, TSC_PIT_HZ) : 0;
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
