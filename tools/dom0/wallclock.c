/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-wallclock: dom0's time of day as a PV kernel computes it, the
 * wallclock in shared_info (the UTC time at system time 0) plus the
 * system time of its vcpu_info (the TSC scaled), printed as
 * "xen-wallclock: now SECS.NSECS UTC ..." for a test to compare with the
 * host's clock; then XENPF_settime64 moves it by an hour and back, and a
 * non-zero mbz is refused.
 */
#include <public/errno.h>
#include <public/platform.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"
#include "shinfo.h"

#define NS_PER_S        1000000000ULL
#define SETTIME_SHIFT_S 3600ULL

static volatile struct shared_info *si;

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

    si = shinfo_map(info, "xen-wallclock");
    if ( !si )
        return;
    sys = shinfo_system_ns();
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
    sys = shinfo_system_ns();
    now = wallclock_ns(&ver) + sys;
    rc = settime64(now / NS_PER_S + SETTIME_SHIFT_S,
                   (uint32_t)(now % NS_PER_S), sys, 0);
    now2 = wallclock_ns(&ver) + shinfo_system_ns();
    moved = (now2 - now) / NS_PER_S;
    console_line("xen-wallclock: settime64 +%llu s: rc=%ld, moved %llu s",
                 (unsigned long long)SETTIME_SHIFT_S, rc,
                 (unsigned long long)moved);
    sys = shinfo_system_ns();
    now2 = wallclock_ns(&ver) + sys - SETTIME_SHIFT_S * NS_PER_S;
    rc = settime64(now2 / NS_PER_S, (uint32_t)(now2 % NS_PER_S), sys, 0);
    console_line("xen-wallclock: settime64 back: rc=%ld", rc);
    console_line("xen-wallclock: settime64 mbz=1: rc=%ld (expected %d)",
                 settime64(0, 0, 0, 1), -XEN_EINVAL);
    shinfo_unmap();
}
