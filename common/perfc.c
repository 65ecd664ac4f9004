/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The performance counters' values (see xen/perfc.h), their report at
 * dom0's shutdown when the command line says `perfc`, and sysctl
 * (hypercall 35) with the one command it answers, XEN_SYSCTL_perfc_op,
 * in Xen's layout: query copies out the descriptions and the values,
 * reset does the same and then zeroes every counter, and both return
 * the counts in nr_counters and nr_vals. As in Xen, with a null desc
 * handle only the counts are returned, and otherwise the caller's
 * buffers must hold them all (xenperf asks for the counts first).
 */
#include <public/errno.h>
#include <xen/arch.h>
#include <xen/cmdline.h>
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/perfc.h>
#include <xen/pv_abi.h>
#include <xen/string.h>

uint64_t perfc_vals[PERFC_NR_VALS];
static bool perfc_at_shutdown;

/* See xen/perfc.h. */
void perfc_init(const char *cmdline)
{
    struct cmdline_iter it;
    struct cmdline_word w;

    cmdline_iter_init(&it, cmdline, strlen(cmdline));
    while ( cmdline_next(&it, &w) )
    {
        bool on;

        if ( !cmdline_name_is(&w, "perfc") )
            continue;
        if ( cmdline_bool(&w, &on) )
            printk("WARNING: perfc=%.*s not understood\n",
                   (int)w.value_len, w.value);
        else
            perfc_at_shutdown = on;
    }
}

/* See xen/perfc.h. */
void perfc_print(bool force)
{
    struct perfc_cursor cur = { 0 };
    uint32_t khz;
    char line[PERFC_LINE_WIDTH + 1];

    if ( !force && !perfc_at_shutdown )
        return;
    khz = arch_timestamp_khz();
    if ( khz )
        printk("Performance counters (since boot or the last reset; "
               "times in us at %u kHz):\n", khz);
    else
        printk("Performance counters (since boot or the last reset; "
               "TSC frequency unknown, times in kilocycles):\n");
    while ( perfc_next_line(perfc_vals, khz, &cur, line, sizeof(line)) )
        printk(" %s\n", line);
}

/* See xen/perfc.h. */
void perfc_reset(void)
{
    memset(perfc_vals, 0, sizeof(perfc_vals));
}

/* XEN_SYSCTL_perfc_op: copies out, then resets on request. */
static long perfc_op(struct xen_sysctl_perfc_op *pc)
{
    static struct xen_sysctl_perfc_desc desc[PERFC_NR_COUNTERS];
    static uint32_t vals[PERFC_NR_VALS];
    long rc = 0;

    if ( pc->cmd != XEN_SYSCTL_PERFCOP_query &&
         pc->cmd != XEN_SYSCTL_PERFCOP_reset )
        rc = -XEN_EINVAL;
    else if ( guest_handle_va(pc->desc) )
    {
        perfc_fill_desc(desc);
        perfc_fill_vals(perfc_vals, arch_timestamp_khz(), vals);
        if ( copy_to_guest(guest_handle_va(pc->desc), desc, sizeof(desc)) ||
             copy_to_guest(guest_handle_va(pc->val), vals, sizeof(vals)) )
            rc = -XEN_EFAULT;
    }
    /* Xen resets whether or not the copy worked. */
    if ( pc->cmd == XEN_SYSCTL_PERFCOP_reset )
        perfc_reset();
    pc->nr_counters = PERFC_NR_COUNTERS;
    pc->nr_vals = PERFC_NR_VALS;
    return rc;
}

/* See xen/perfc.h. */
long do_sysctl(uint64_t arg)
{
    struct xen_sysctl op;
    long rc;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -XEN_EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -XEN_EACCES;
    switch ( op.cmd )
    {
    case XEN_SYSCTL_perfc_op:
        rc = perfc_op(&op.u.perfc_op);
        break;
    default:
        return -XEN_ENOSYS;
    }
    /* As Xen: the structure goes back, with the counts, even on error. */
    if ( copy_to_guest(arg, &op, sizeof(op)) )
        return -XEN_EFAULT;
    return rc;
}
