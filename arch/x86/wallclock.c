/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware's time of day, for dom0's wallclock (as Xen's
 * get_cmos_time): EFI GetTime when the runtime services are there, else
 * the MC146818 CMOS clock on ports 0x70/0x71, read when no update is in
 * progress and twice until two reads agree. The EFI time zone is ignored,
 * as Xen does: firmware and the CMOS clock keep UTC on the machines we
 * boot. Decoding is lib/wallclock.c.
 */
#include <xen/efi_rs.h>
#include <xen/wallclock.h>
#include <public/platform.h>
#include <asm/io.h>
#include <asm/wallclock.h>

#define CMOS_INDEX          0x70
#define CMOS_DATA           0x71
#define CMOS_STATUS_A       0x0a
#define CMOS_STATUS_B       0x0b
#define CMOS_UIP            0x80
#define EFI_SUCCESS         0

/* An update takes at most 2 ms (244 us of UIP warning, then the update). */
#define CMOS_UIP_SPINS      100000
#define CMOS_READ_TRIES     3

static uint8_t cmos_read(uint8_t reg)
{
    outb(reg, CMOS_INDEX);
    return inb(CMOS_DATA);
}

static void cmos_read_all(struct wallclock_cmos *c)
{
    for ( unsigned int i = 0; i < CMOS_UIP_SPINS &&
          (cmos_read(CMOS_STATUS_A) & CMOS_UIP); i++ )
        __asm__ volatile ( "pause" );
    c->sec = cmos_read(0x00);
    c->min = cmos_read(0x02);
    c->hour = cmos_read(0x04);
    c->day = cmos_read(0x07);
    c->mon = cmos_read(0x08);
    c->year = cmos_read(0x09);
    c->century = 0;
    c->status_b = cmos_read(CMOS_STATUS_B);
}

static bool cmos_time(struct wallclock_tm *tm)
{
    struct wallclock_cmos a, b;

    cmos_read_all(&a);
    for ( unsigned int i = 0; i < CMOS_READ_TRIES; i++ )
    {
        cmos_read_all(&b);
        if ( a.sec == b.sec && a.min == b.min && a.hour == b.hour &&
             a.day == b.day && a.mon == b.mon && a.year == b.year )
            return wallclock_from_cmos(&b, tm);
        a = b;
    }
    return false;
}

/* See asm/wallclock.h. */
bool arch_wallclock_read(uint64_t *secs, uint32_t *nsecs, const char **src)
{
    static struct xenpf_efi_time t;     /* in the image, for the firmware */
    struct wallclock_tm tm;

    *nsecs = 0;
    if ( efi_rs_available() &&
         efi_rs_call(EFI_RS_GET_TIME, (uint64_t)(uintptr_t)&t, 0, 0, 0,
                     0) == EFI_SUCCESS )
    {
        tm = (struct wallclock_tm){ t.year, t.month, t.day, t.hour, t.min,
                                    t.sec };
        *src = "EFI GetTime";
        if ( wallclock_to_unix(&tm, secs) )
        {
            *nsecs = t.ns < 1000000000 ? t.ns : 0;
            return true;
        }
    }
    *src = "the CMOS clock";
    return cmos_time(&tm) && wallclock_to_unix(&tm, secs);
}
