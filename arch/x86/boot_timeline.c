/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENPF_get_boot_timeline (ours, include/public/platform.h): hands dom0
 * the boot timeline up to its own first instruction, the same records the
 * hypervisor prints at the end of the boot, with the TSC's frequency and
 * where it came from. Called from do_platform_op (common/platform_op.c).
 */
#include <xen/boot_timeline.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/string.h>
#include <xen/tsc.h>
#include <asm/tsc.h>

/* See xen/boot_timeline.h. */
long arch_boot_timeline_op(uint64_t arg, struct xen_platform_op *op)
{
    struct xenpf_boot_timeline *t = &op->u.boot_timeline;
    struct xenpf_boot_stamp stamps[BOOT_NR_PHASES];
    uint64_t buf = guest_handle_va(t->stamps);
    uint32_t room = t->nr_stamps;
    enum tsc_source src;
    const char *name;
    unsigned int n;
    long rc = 0;

    if ( t->pad )
        return -XEN_EINVAL;
    t->tsc_khz = arch_tsc_khz(&src);
    name = t->tsc_khz ? tsc_source_name(src) : "none";
    memset(t->tsc_source, 0, sizeof(t->tsc_source));
    memcpy(t->tsc_source, name, MIN(strlen(name), sizeof(t->tsc_source) - 1));
    n = boot_timeline_fill(hv_info.bi->tsc, t->tsc_khz, stamps,
                           BOOT_NR_PHASES);
    t->nr_stamps = n;
    if ( buf && room < n )
        rc = -XEN_ENOBUFS;
    else if ( buf && copy_to_guest(buf, stamps, n * sizeof(stamps[0])) )
        return -XEN_EFAULT;
    /* As for firmware_info, only the union goes back. */
    if ( copy_to_guest(arg + offsetof(struct xen_platform_op, u), &op->u,
                       sizeof(*t)) )
        return -XEN_EFAULT;
    return rc;
}
