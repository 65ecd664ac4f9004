/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-wallclock: dom0's time of day as a PV kernel computes it, the
 * wallclock in shared_info (the UTC time at system time 0) plus the
 * system time of its vcpu_info (the TSC scaled), printed as
 * "xen-wallclock: now SECS.NSECS UTC ..." for a test to compare with the
 * host's clock; then XENPF_settime64 moves it by an hour and back, and a
 * non-zero mbz is refused.
 */
#include <public/arch-x86_64.h>
#include <public/errno.h>
#include <public/platform.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"

#define NS_PER_S        1000000000ULL
#define SETTIME_SHIFT_S 3600ULL

static uint8_t si_page[MM_PAGE_BYTES] __attribute__((__aligned__(4096)));
static volatile struct shared_info *si;

/* System time in ns from vcpu_info 0's record, retried while it changes. */
static uint64_t system_ns(void)
{
    volatile struct vcpu_time_info *t = &si->vcpu_info[0].time;
    uint32_t v, lo, hi;
    uint64_t d, ns;

    do
    {
        v = t->version;
        asm volatile ( "" ::: "memory" );
        asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
        d = (((uint64_t)hi << 32) | lo) - t->tsc_timestamp;
        d = t->tsc_shift < 0 ? d >> -t->tsc_shift : d << t->tsc_shift;
        ns = t->system_time +
             (uint64_t)(((unsigned __int128)d * t->tsc_to_system_mul) >> 32);
        asm volatile ( "" ::: "memory" );
    } while ( (v & 1) || v != t->version );
    return ns;
}

/* The wallclock base (ns since 1970 at system time 0), retried likewise. */
static uint64_t wallclock_ns(uint32_t *version)
{
    uint32_t v;
    uint64_t ns;

    do
    {
        v = si->wc_version;
        asm volatile ( "" ::: "memory" );
        ns = (((uint64_t)si->wc_sec_hi << 32) | si->wc_sec) * NS_PER_S +
             si->wc_nsec;
        asm volatile ( "" ::: "memory" );
    } while ( (v & 1) || v != si->wc_version );
    *version = v;
    return ns;
}

static long settime64(uint64_t secs, uint32_t nsecs, uint64_t system_time,
                      uint32_t mbz)
{
    struct xen_platform_op op = { 0 };

    op.cmd = XENPF_settime64;
    op.interface_version = XENPF_INTERFACE_VERSION;
    op.u.settime64.secs = secs;
    op.u.settime64.nsecs = nsecs;
    op.u.settime64.mbz = mbz;
    op.u.settime64.system_time = system_time;
    return hypercall_platform_op(&op);
}

void wallclock_run(const struct start_info *info)
{
    uint64_t sys, wc, now, now2, moved;
    uint32_t ver;
    long rc;

    rc = hypercall_update_va_mapping((unsigned long)si_page,
                                     info->shared_info | MM_PTE_P |
                                     MM_PTE_RW | MM_PTE_US | MM_PTE_A |
                                     MM_PTE_D, UVMF_INVLPG);
    if ( rc )
    {
        console_line("xen-wallclock: cannot map shared_info: rc=%ld", rc);
        return;
    }
    si = (volatile struct shared_info *)si_page;
    sys = system_ns();
    wc = wallclock_ns(&ver);
    now = wc + sys;
    console_line("xen-wallclock: now %llu.%09llu UTC (wallclock %llu.%09llu "
                 "version %u, system time %llu.%09llu)",
                 (unsigned long long)(now / NS_PER_S),
                 (unsigned long long)(now % NS_PER_S),
                 (unsigned long long)(wc / NS_PER_S),
                 (unsigned long long)(wc % NS_PER_S), ver,
                 (unsigned long long)(sys / NS_PER_S),
                 (unsigned long long)(sys % NS_PER_S));

    /* An hour ahead, read back, then back again. */
    sys = system_ns();
    now = wallclock_ns(&ver) + sys;
    rc = settime64(now / NS_PER_S + SETTIME_SHIFT_S,
                   (uint32_t)(now % NS_PER_S), sys, 0);
    now2 = wallclock_ns(&ver) + system_ns();
    moved = (now2 - now) / NS_PER_S;
    console_line("xen-wallclock: settime64 +%llu s: rc=%ld, moved %llu s",
                 (unsigned long long)SETTIME_SHIFT_S, rc,
                 (unsigned long long)moved);
    sys = system_ns();
    now2 = wallclock_ns(&ver) + sys - SETTIME_SHIFT_S * NS_PER_S;
    rc = settime64(now2 / NS_PER_S, (uint32_t)(now2 % NS_PER_S), sys, 0);
    console_line("xen-wallclock: settime64 back: rc=%ld", rc);
    console_line("xen-wallclock: settime64 mbz=1: rc=%ld (expected %d)",
                 settime64(0, 0, 0, 1), -XEN_EINVAL);
    hypercall_update_va_mapping((unsigned long)si_page,
                                mm_virt_to_mfn(si_page) * MM_PAGE_BYTES |
                                MM_PTE_P | MM_PTE_RW | MM_PTE_US |
                                MM_PTE_A | MM_PTE_D, UVMF_INVLPG);
}
