/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-clock: does dom0's system time (its vcpu_time_info: the TSC scaled
 * by the multiplier the hypervisor computed from its TSC frequency) run at
 * the rate of a clock the hypervisor does not drive? The CMOS real-time
 * clock's seconds (ports 0x70/0x71, under the virtual IOPL) tick once a
 * second; over RTC_SECONDS of them, system time must advance as much, to
 * within the polling and the ticks' own jitter. A TSC calibrated wrong
 * (once 7.3 GHz for a 2.1 GHz TSC, on a loaded host) makes every sleep of
 * a Linux dom0 last that much longer in real time.
 *
 * Lines: "xen-clock: N RTC seconds took M us of system time (ratio R/1000)".
 */
#include <public/arch-x86_64.h>
#include <public/physdev.h>
#include <public/xen.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "shinfo.h"

#define RTC_INDEX       0x70
#define RTC_DATA        0x71
#define RTC_SECONDS     0x00
#define RTC_STATUS_A    0x0a
#define RTC_UIP         0x80        /* an update is in progress */
#define RTC_SECONDS_N   3
#define RTC_SPINS       200000000UL

static uint8_t rtc_read(uint8_t reg)
{
    uint8_t v;

    asm volatile ( "outb %b0, %1" :: "a" (reg), "i" (RTC_INDEX) );
    asm volatile ( "inb %1, %b0" : "=a" (v) : "i" (RTC_DATA) );
    return v;
}

/* The seconds register, read outside an update. */
static uint8_t rtc_seconds(void)
{
    while ( rtc_read(RTC_STATUS_A) & RTC_UIP )
        asm volatile ( "pause" );
    return rtc_read(RTC_SECONDS);
}

/* Waits for the RTC's seconds to change; false after RTC_SPINS reads. */
static bool rtc_tick(uint8_t *sec)
{
    for ( unsigned long i = 0; i < RTC_SPINS; i++ )
    {
        uint8_t s = rtc_seconds();

        if ( s != *sec )
        {
            *sec = s;
            return true;
        }
    }
    return false;
}

/* See dom0.h. */
void clock_run(const struct start_info *si)
{
    struct physdev_set_iopl iopl = { .iopl = 1 };
    uint64_t t0, t1;
    uint8_t sec;
    long rc;

    if ( !shinfo_map(si, "xen-clock") )
        return;

    rc = hypercall_raw(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl,
                       (unsigned long)&iopl, 0, 0, 0);
    if ( rc )
    {
        console_line("xen-clock: set_iopl: rc=%ld", rc);
        shinfo_unmap();
        return;
    }
    sec = rtc_seconds();
    if ( !rtc_tick(&sec) )
    {
        console_line("xen-clock: the RTC does not tick");
        shinfo_unmap();
        return;
    }
    t0 = shinfo_system_ns();
    for ( unsigned int i = 0; i < RTC_SECONDS_N; i++ )
        if ( !rtc_tick(&sec) )
        {
            console_line("xen-clock: the RTC stopped ticking");
            shinfo_unmap();
            return;
        }
    t1 = shinfo_system_ns();
    shinfo_unmap();
    console_line("xen-clock: %u RTC seconds took %llu us of system time "
                 "(ratio %llu/1000)", RTC_SECONDS_N,
                 (unsigned long long)((t1 - t0) / 1000),
                 (unsigned long long)((t1 - t0) /
                                      (RTC_SECONDS_N * 1000000ULL)));
}
