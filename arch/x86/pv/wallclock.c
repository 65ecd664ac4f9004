/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's wallclock in shared_info (asm/pv.h), as Xen keeps it: the UTC
 * time at system time 0, from the firmware's clock at dom0's start, and
 * from dom0 itself through XENPF_settime32/64 (Linux's settimeofday and
 * its eleven-minute sync). The hypervisor never writes the firmware's
 * clock; dom0 does that itself.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <asm/io.h>
#include <asm/pv.h>
#include <asm/wallclock.h>

#define NS_PER_S        1000000000ULL

/* See asm/pv.h. */
void pv_settime(uint64_t secs, uint32_t nsecs, uint64_t system_time)
{
    struct shared_info *si = __va(hv_info.dom0_shared_info_pa);
    uint64_t wc = secs * NS_PER_S + nsecs - system_time;
    uint64_t wc_sec = wc / NS_PER_S;

    /* Odd version while the fields change: a reader retries (Xen's ABI). */
    si->wc_version++;
    __asm__ volatile ( "" ::: "memory" );
    si->wc_sec = (uint32_t)wc_sec;
    si->wc_sec_hi = (uint32_t)(wc_sec >> 32);
    si->wc_nsec = (uint32_t)(wc % NS_PER_S);
    __asm__ volatile ( "" ::: "memory" );
    si->wc_version++;
    pv_time_refresh();
}

/* See asm/pv.h. */
void pv_wallclock_init(void)
{
    uint64_t secs, now;
    uint32_t nsecs;
    const char *src;

    if ( !arch_wallclock_read(&secs, &nsecs, &src) )
    {
        printk("WARNING: no time of day from %s; dom0's wallclock starts "
               "at 1970\n", src);
        return;
    }
    now = pv_now_ns();
    pv_settime(secs, nsecs, now);
    printk(XENLOG_INFO "Wallclock: %lu s since 1970 (UTC) from %s\n",
           (unsigned long)secs, src);
}

/* See xen/hypercall.h. */
long arch_platform_settime(uint64_t secs, uint32_t nsecs,
                           uint64_t system_time)
{
    pv_settime(secs, nsecs, system_time);
    return 0;
}
