/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-perfc: the hypervisor's performance counters through sysctl
 * XEN_SYSCTL_perfc_op, read the way Xen's xenperf reads them (the counts
 * first, then the descriptions and values into buffers that hold them).
 * Then a reset: the query right after it must see exactly one hypercall,
 * the reset's own sysctl (counted when it returns, after the reset). Then
 * Xen's answers to a wrong interface version (-EACCES), an unknown sysctl
 * (-ENOSYS), an unknown perfc command (-EINVAL, counts still returned)
 * and a buffer dom0 cannot write (-EFAULT). perfc_last_line(), just
 * before dom0 shuts down, says how many hypercalls dom0 made since the
 * reset, so that a test can compare them with the hypervisor's report.
 */
#include <public/sysctl.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "lib.h"

#define PERFC_MAX_COUNTERS  64
#define PERFC_MAX_VALS      1024
/* Below the kernel's mapping: nothing is mapped there. */
#define PERFC_BAD_VA        0x1000UL

static struct xen_sysctl_perfc_desc desc[PERFC_MAX_COUNTERS];
static uint32_t vals[PERFC_MAX_VALS];
static bool perfc_ran;
static unsigned long perfc_base;    /* hypercall_count before the reset */

/* One perfc_op; the answer's counts in *op. */
static long perfc_call(uint32_t version, uint32_t cmd, uint32_t perfc_cmd,
                       void *d, void *v, struct xen_sysctl_perfc_op *out)
{
    struct xen_sysctl op = {
        .cmd = cmd, .interface_version = version,
        .u.perfc_op = { .cmd = perfc_cmd },
    };
    long rc;

    set_xen_guest_handle(op.u.perfc_op.desc, d);
    set_xen_guest_handle(op.u.perfc_op.val, v);
    rc = hypercall_sysctl(&op);
    *out = op.u.perfc_op;
    return rc;
}

/* The first value of the counter named name, and how many it has. */
static const uint32_t *counter(const char *name, unsigned int nr_counters,
                               uint32_t *nr)
{
    unsigned int off = 0;

    for ( unsigned int i = 0; i < nr_counters; i++ )
    {
        if ( lib_word_is(desc[i].name, lib_strlen(desc[i].name), name) )
        {
            *nr = desc[i].nr_vals;
            return &vals[off];
        }
        off += desc[i].nr_vals;
    }
    *nr = 0;
    return NULL;
}

static unsigned long total(const uint32_t *v, uint32_t nr)
{
    unsigned long t = 0;

    for ( uint32_t i = 0; v && i < nr; i++ )
        t += v[i];
    return t;
}

/* Counts, then everything; false (after saying why) on failure. */
static bool query(uint32_t cmd, struct xen_sysctl_perfc_op *r)
{
    long rc = perfc_call(XEN_SYSCTL_INTERFACE_VERSION, XEN_SYSCTL_perfc_op,
                         cmd, NULL, NULL, r);

    if ( rc || r->nr_counters > PERFC_MAX_COUNTERS ||
         r->nr_vals > PERFC_MAX_VALS || r->nr_vals < r->nr_counters )
    {
        console_line("xen-perfc: counts: rc=%ld nr_counters=%u nr_vals=%u",
                     rc, r->nr_counters, r->nr_vals);
        return false;
    }
    rc = perfc_call(XEN_SYSCTL_INTERFACE_VERSION, XEN_SYSCTL_perfc_op, cmd,
                    desc, vals, r);
    if ( rc )
    {
        console_line("xen-perfc: query: rc=%ld", rc);
        return false;
    }
    return true;
}

/* Xen's error answers; one line each. */
static void errors(void)
{
    struct xen_sysctl_perfc_op r;
    long rc;

    rc = perfc_call(XEN_SYSCTL_INTERFACE_VERSION - 1, XEN_SYSCTL_perfc_op,
                    XEN_SYSCTL_PERFCOP_query, NULL, NULL, &r);
    console_line("xen-perfc: interface version 0x%x: rc=%ld",
                 XEN_SYSCTL_INTERFACE_VERSION - 1, rc);
    rc = perfc_call(XEN_SYSCTL_INTERFACE_VERSION, 7,
                    XEN_SYSCTL_PERFCOP_query, NULL, NULL, &r);
    console_line("xen-perfc: sysctl 7: rc=%ld", rc);
    r.nr_counters = 0;
    rc = perfc_call(XEN_SYSCTL_INTERFACE_VERSION, XEN_SYSCTL_perfc_op, 9,
                    NULL, NULL, &r);
    console_line("xen-perfc: perfc cmd 9: rc=%ld nr_counters=%u", rc,
                 r.nr_counters);
    rc = perfc_call(XEN_SYSCTL_INTERFACE_VERSION, XEN_SYSCTL_perfc_op,
                    XEN_SYSCTL_PERFCOP_query, (void *)PERFC_BAD_VA, vals, &r);
    console_line("xen-perfc: unmapped desc buffer: rc=%ld", rc);
}

/* See dom0.h. */
bool perfc_total(const char *name, unsigned long *t)
{
    struct xen_sysctl_perfc_op r;
    const uint32_t *v;
    uint32_t nr;

    if ( !query(XEN_SYSCTL_PERFCOP_query, &r) ||
         !(v = counter(name, r.nr_counters, &nr)) )
        return false;
    *t = total(v, nr);
    return true;
}

/* See dom0.h. */
void perfc_run(const struct start_info *si)
{
    struct xen_sysctl_perfc_op r;
    const uint32_t *h;
    uint32_t nr;
    long rc;

    if ( !query(XEN_SYSCTL_PERFCOP_query, &r) )
        return;
    console_line("xen-perfc: %u counters, %u values", r.nr_counters,
                 r.nr_vals);
    for ( unsigned int i = 0, off = 0; i < r.nr_counters; i++ )
    {
        unsigned long t = total(&vals[off], desc[i].nr_vals);

        if ( t )
            console_line("xen-perfc: %s: %lu", desc[i].name, t);
        off += desc[i].nr_vals;
    }
    h = counter("hypercalls", r.nr_counters, &nr);
    if ( !h || nr <= __HYPERVISOR_sysctl )
    {
        console_line("xen-perfc: no hypercalls counter");
        return;
    }
    /*
     * The reset, then straight away one query into the buffers sized
     * above: the reset's own sysctl is all it may see.
     */
    perfc_base = hypercall_count;
    perfc_ran = true;
    rc = perfc_call(XEN_SYSCTL_INTERFACE_VERSION, XEN_SYSCTL_perfc_op,
                    XEN_SYSCTL_PERFCOP_reset, desc, vals, &r);
    if ( !rc )
        rc = perfc_call(XEN_SYSCTL_INTERFACE_VERSION, XEN_SYSCTL_perfc_op,
                        XEN_SYSCTL_PERFCOP_query, desc, vals, &r);
    if ( rc )
    {
        console_line("xen-perfc: reset and query: rc=%ld", rc);
        return;
    }
    h = counter("hypercalls", r.nr_counters, &nr);
    console_line("xen-perfc: after the reset: hypercalls %lu, sysctl %u",
                 total(h, nr), h[__HYPERVISOR_sysctl]);
    errors();
}

/* See dom0.h. */
void perfc_last_line(void)
{
    if ( perfc_ran )
        console_line("xen-perfc: dom0 made %lu hypercalls since the reset",
                     hypercall_count - perfc_base);
}
