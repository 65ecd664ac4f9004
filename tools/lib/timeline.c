/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-timeline: the boot timeline by hypercall (see timeline.h). Two
 * calls: a null handle for the count, then a buffer of that many records;
 * the records are checked (names terminated, times never decreasing)
 * before they are called good.
 */
#include <public/errno.h>
#include <xen/fmt.h>
#include <xen/string.h>

#include "fwinfo.h"
#include "fwtools.h"
#include "timeline.h"

static void out(const struct timeline_backend *b, const char *fmt, ...)
    __printf(2, 3);

static void out(const struct timeline_backend *b, const char *fmt, ...)
{
    char line[FWTOOLS_LINE_MAX];
    va_list ap;

    va_start(ap, fmt);
    fmt_vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    b->line(b->ctx, line);
}

/* One XENPF_get_boot_timeline call into *t, stamps at s (room n). */
static long timeline_call(const struct timeline_backend *b,
                          struct xenpf_boot_timeline *t,
                          struct xenpf_boot_stamp *s, uint32_t n)
{
    struct xen_platform_op op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XENPF_get_boot_timeline;
    op.interface_version = XENPF_INTERFACE_VERSION;
    set_xen_guest_handle(op.u.boot_timeline.stamps, s);
    op.u.boot_timeline.nr_stamps = n;
    rc = b->platform_op(b->ctx, &op);
    *t = op.u.boot_timeline;
    return rc;
}

/* True when the n bytes at s hold a NUL. */
static bool terminated(const char *s, size_t n)
{
    for ( size_t i = 0; i < n; i++ )
        if ( !s[i] )
            return true;
    return false;
}

/* See timeline.h. */
int timeline_run(const struct timeline_backend *b)
{
    struct xenpf_boot_stamp s[TIMELINE_MAX_STAMPS];
    struct xenpf_boot_timeline t;
    uint32_t n;
    long rc;

    rc = timeline_call(b, &t, NULL, 0);
    if ( rc )
    {
        out(b, "xen-timeline: not available from this hypervisor: rc=%ld "
            "(%s)", rc, fwinfo_errno_name(rc));
        return rc == -XEN_ENOSYS ? FWTOOLS_EXIT_NONE : FWTOOLS_EXIT_ERROR;
    }
    n = t.nr_stamps;
    if ( n > TIMELINE_MAX_STAMPS )
    {
        out(b, "xen-timeline: %u stamps, more than the %u this tool reads",
            n, TIMELINE_MAX_STAMPS);
        n = TIMELINE_MAX_STAMPS;
    }
    memset(s, 0, sizeof(s));
    rc = timeline_call(b, &t, s, n);
    if ( rc )
    {
        out(b, "xen-timeline: stamps: error rc=%ld (%s)", rc,
            fwinfo_errno_name(rc));
        return FWTOOLS_EXIT_ERROR;
    }
    if ( t.nr_stamps < n )
        n = t.nr_stamps;
    if ( !terminated(t.tsc_source, sizeof(t.tsc_source)) )
        t.tsc_source[sizeof(t.tsc_source) - 1] = '\0';
    if ( t.tsc_khz )
        out(b, "xen-timeline: TSC %u kHz from %s, %u stamps, us since the "
            "first", t.tsc_khz, t.tsc_source, n);
    else
        out(b, "xen-timeline: TSC frequency unknown (%s), %u stamps, TSC "
            "cycles since the first", t.tsc_source, n);
    for ( uint32_t i = 0; i < n; i++ )
    {
        if ( !terminated(s[i].name, sizeof(s[i].name)) )
        {
            out(b, "xen-timeline: result=malformed name at stamp %u", i);
            return FWTOOLS_EXIT_INVALID;
        }
        out(b, "xen-timeline: stamp %u: %s %llu", i, s[i].name,
            (unsigned long long)s[i].us);
    }
    for ( uint32_t i = 1; i < n; i++ )
        if ( s[i].us < s[i - 1].us )
        {
            out(b, "xen-timeline: result=out-of-order at stamp %u", i);
            return FWTOOLS_EXIT_INVALID;
        }
    out(b, "xen-timeline: result=ok stamps=%u", n);
    return FWTOOLS_EXIT_OK;
}
