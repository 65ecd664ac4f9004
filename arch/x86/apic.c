/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot CPU's interrupt controllers (asm/apic.h). Register layout:
 * Intel SDM vol. 3, "Advanced Programmable Interrupt Controller" (xAPIC
 * MMIO offsets; an x2APIC register is MSR 0x800 + offset / 16) and the
 * 8259A data sheet (ICW1-4, OCW1-3).
 */
#include <xen/console.h>
#include <xen/tsc.h>
#include <asm/apic.h>
#include <asm/fixmap.h>
#include <asm/io.h>
#include <asm/tsc.h>

#define MSR_APIC_BASE       0x1b
#define APIC_BASE_EXTD      (1ULL << 10)
#define APIC_BASE_EN        (1ULL << 11)
#define APIC_BASE_ADDR      0x000ffffffffff000ULL
#define MSR_TSC_DEADLINE    0x6e0
#define MSR_X2APIC_FIRST    0x800

#define APIC_ID             0x020
#define APIC_TPR            0x080
#define APIC_EOI            0x0b0
#define APIC_SVR            0x0f0
#define APIC_ESR            0x280
#define APIC_LVT_TIMER      0x320
#define APIC_LVT_LINT0      0x350
#define APIC_LVT_ERROR      0x370
#define APIC_TMICT          0x380
#define APIC_TMCCT          0x390
#define APIC_TDCR           0x3e0

#define SVR_ENABLE          0x100
#define LVT_MASKED          0x10000
#define LVT_TIMER_TSC_DL    0x40000
#define TDCR_DIV_1          0xb

#define CPUID1_ECX_X2APIC   (1U << 21)
#define CPUID1_ECX_TSC_DL   (1U << 24)

#define PIC1_CMD            0x20
#define PIC1_DATA           0x21
#define PIC2_CMD            0xa0
#define PIC2_DATA           0xa1
#define PIC_EOI             0x20
#define PIC_READ_ISR        0x0b

/* Calibration window for one-shot mode, in microseconds of the TSC. */
#define APIC_CAL_US         2000

static volatile uint32_t *apic_mmio;
static bool x2apic, tsc_deadline, timer_ok;
static uint32_t tsc_khz, apic_khz;

static uint32_t apic_read(unsigned int reg)
{
    if ( x2apic )
        return (uint32_t)rdmsr(MSR_X2APIC_FIRST + (reg >> 4));
    return apic_mmio[reg / 4];
}

static void apic_write(unsigned int reg, uint32_t v)
{
    if ( x2apic )
        wrmsr(MSR_X2APIC_FIRST + (reg >> 4), v);
    else
        apic_mmio[reg / 4] = v;
}

static void cpuid1(uint32_t *ecx)
{
    uint32_t a, b, d;

    __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (*ecx), "=d" (d)
                       : "0" (1), "2" (0) );
}

/*
 * 8259A: ICW1-4 move the two PICs to vectors 0x20-0x2f (cascade on line
 * 2, 8086 mode), so a spurious line 7 or 15 never lands on an exception
 * vector; then every line is masked. The I/O APIC delivers instead.
 */
static void pic_mask_all(void)
{
    outb(0x11, PIC1_CMD);
    outb(0x11, PIC2_CMD);
    outb(APIC_VEC_PIC_BASE, PIC1_DATA);
    outb(APIC_VEC_PIC_BASE + 8, PIC2_DATA);
    outb(0x04, PIC1_DATA);
    outb(0x02, PIC2_DATA);
    outb(0x01, PIC1_DATA);
    outb(0x01, PIC2_DATA);
    outb(0xff, PIC1_DATA);
    outb(0xff, PIC2_DATA);
}

/* See asm/apic.h. */
void apic_pic_spurious(unsigned int irq)
{
    uint8_t isr;

    if ( irq >= 8 )
    {
        outb(PIC_READ_ISR, PIC2_CMD);
        isr = inb(PIC2_CMD);
        if ( isr & (1U << (irq - 8)) )
            outb(PIC_EOI, PIC2_CMD);
        /* The cascade line is in service on the master when it was real. */
        outb(PIC_READ_ISR, PIC1_CMD);
        if ( inb(PIC1_CMD) & 0x04 )
            outb(PIC_EOI, PIC1_CMD);
    }
    else
    {
        outb(PIC_READ_ISR, PIC1_CMD);
        isr = inb(PIC1_CMD);
        if ( isr & (1U << irq) )
            outb(PIC_EOI, PIC1_CMD);
    }
    outb(0xff, PIC1_DATA);
    outb(0xff, PIC2_DATA);
}

/* APIC timer ticks per ms, measured over APIC_CAL_US of the TSC. */
static uint32_t apic_calibrate(void)
{
    uint64_t t0, t1, khz, window = (uint64_t)tsc_khz * APIC_CAL_US / 1000;
    uint32_t c0, c1;

    apic_write(APIC_TDCR, TDCR_DIV_1);
    apic_write(APIC_LVT_TIMER, LVT_MASKED | APIC_VEC_TIMER);
    apic_write(APIC_TMICT, 0xffffffff);
    t0 = rdtsc();
    c0 = apic_read(APIC_TMCCT);
    do
        __asm__ volatile ( "pause" );
    while ( rdtsc() - t0 < window );
    c1 = apic_read(APIC_TMCCT);
    t1 = rdtsc();
    apic_write(APIC_TMICT, 0);
    if ( c1 >= c0 || t1 <= t0 || t1 - t0 > 0xffffffff )
        return 0;
    khz = tsc_muldiv(c0 - c1, tsc_khz, (uint32_t)(t1 - t0));
    return khz >= TSC_MIN_KHZ && khz <= TSC_MAX_KHZ ? (uint32_t)khz : 0;
}

void apic_init(void)
{
    enum tsc_source src;
    uint64_t base = rdmsr(MSR_APIC_BASE);
    uint32_t ecx;

    pic_mask_all();
    cpuid1(&ecx);
    tsc_khz = arch_tsc_khz(&src);
    if ( ecx & CPUID1_ECX_X2APIC )
    {
        /* xAPIC must be on before x2APIC mode may be entered. */
        if ( !(base & APIC_BASE_EN) )
            wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN | APIC_BASE_EXTD);
        x2apic = true;
    }
    else
    {
        if ( base & APIC_BASE_EXTD )
            panic("local APIC in x2APIC mode on a CPU without x2APIC");
        wrmsr(MSR_APIC_BASE, base | APIC_BASE_EN);
        apic_mmio = fixmap_map_uc(base & APIC_BASE_ADDR);
        if ( !apic_mmio )
            panic("no fixmap slot for the local APIC");
    }

    apic_write(APIC_TPR, 0);
    apic_write(APIC_SVR, SVR_ENABLE | APIC_VEC_SPURIOUS);
    /* LINT0 carried the 8259s in virtual-wire mode: they are masked. */
    apic_write(APIC_LVT_LINT0, LVT_MASKED);
    apic_write(APIC_LVT_ERROR, APIC_VEC_ERROR);
    apic_error_ack();

    tsc_deadline = (ecx & CPUID1_ECX_TSC_DL) && tsc_khz;
    if ( tsc_deadline )
    {
        apic_write(APIC_LVT_TIMER, LVT_TIMER_TSC_DL | APIC_VEC_TIMER);
        /* SDM 10.5.4.1: the mode switch must be seen before the MSR. */
        __asm__ volatile ( "mfence" ::: "memory" );
        wrmsr(MSR_TSC_DEADLINE, 0);
        timer_ok = true;
    }
    else if ( tsc_khz && (apic_khz = apic_calibrate()) )
    {
        apic_write(APIC_LVT_TIMER, APIC_VEC_TIMER);
        timer_ok = true;
    }

    printk(XENLOG_INFO "APIC: %s (id %u), timer %s", x2apic ? "x2APIC" :
           "xAPIC", apic_id(), !timer_ok ? "unusable (TSC frequency "
           "unknown)" : tsc_deadline ? "TSC-deadline" : "one-shot");
    if ( timer_ok && !tsc_deadline )
        printk(XENLOG_INFO " at %u kHz (calibrated against the TSC)",
               apic_khz);
    printk(XENLOG_INFO "; 8259 PICs masked\n");
}

/* See asm/apic.h. */
bool apic_timer_ok(void)
{
    return timer_ok;
}

/* See asm/apic.h. */
void apic_eoi(void)
{
    apic_write(APIC_EOI, 0);
}

/* See asm/apic.h. */
uint32_t apic_id(void)
{
    uint32_t id = apic_read(APIC_ID);

    return x2apic ? id : id >> 24;
}

/* See asm/apic.h. */
uint32_t apic_error_ack(void)
{
    /* The status latches on a write (SDM 10.5.3). */
    apic_write(APIC_ESR, 0);
    return apic_read(APIC_ESR);
}

/* See asm/apic.h. */
void apic_timer_arm(uint64_t tsc)
{
    uint64_t now, ticks;

    if ( !timer_ok )
        return;
    if ( tsc_deadline )
    {
        wrmsr(MSR_TSC_DEADLINE, tsc);
        return;
    }
    if ( !tsc )
    {
        apic_write(APIC_TMICT, 0);
        return;
    }
    now = rdtsc();
    ticks = tsc > now ? tsc_muldiv(tsc - now, apic_khz, tsc_khz) + 1 : 1;
    apic_write(APIC_TMICT, ticks > 0xffffffff ? 0xffffffff : (uint32_t)ticks);
}
