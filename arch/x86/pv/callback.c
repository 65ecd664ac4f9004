/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where dom0's kernel wants to be entered: the virtual IDT
 * (set_trap_table) and the event, failsafe and syscall callbacks
 * (callback_op, set_callbacks).
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/pvcpu.h>
#include <xen/string.h>
#include <public/callback.h>
#include <asm/hypercall.h>
#include <asm/pv.h>

/*
 * Entries one set_trap_table call reads before giving up: one per vector.
 * Xen has no bound but preempts the walk with a continuation; without
 * continuations here, a list that never ends (one page mapped at
 * countless addresses) would hold the CPU for hours, so the walk stops.
 */
#define TRAP_TABLE_MAX_ENTRIES  256     /* then the terminating entry */

long do_set_trap_table(uint64_t traps)
{
    struct pv_vcpu *v = &dom0_vcpu;

    if ( !traps )
    {
        memset(v->traps, 0, sizeof(v->traps));
        return 0;
    }
    for ( unsigned int n = 0; ; n++, traps += sizeof(struct trap_info) )
    {
        struct trap_info in, out;
        int rc;

        if ( copy_from_guest(&in, traps, sizeof(in)) )
            return -XEN_EFAULT;
        rc = pvcpu_trap_entry(&in, &out);
        if ( rc < 0 )
            return rc;
        if ( rc > 0 )
            return 0;
        if ( n == TRAP_TABLE_MAX_ENTRIES )
            return -XEN_E2BIG;          /* the 256 set so far are kept */
        v->traps[out.vector] = out;
    }
}

static long callback_register(const struct callback_register *cb)
{
    struct pv_vcpu *v = &dom0_vcpu;
    bool mask = cb->flags & CALLBACKF_mask_events;

    if ( !pvcpu_canonical(cb->address) )
        return -XEN_EINVAL;
    switch ( cb->type )
    {
    case CALLBACKTYPE_event:
        v->event_cb = cb->address;
        return 0;
    case CALLBACKTYPE_failsafe:
        v->failsafe_cb = cb->address;
        v->failsafe_masks = mask;
        return 0;
    case CALLBACKTYPE_syscall:
        v->syscall_cb = cb->address;
        v->syscall_masks = mask;
        return 0;
    case CALLBACKTYPE_syscall32:    /* a 32-bit segment's syscall (CSTAR) */
        v->syscall32_cb = cb->address;
        return 0;
    case CALLBACKTYPE_sysenter:     /* recorded; sysenter is not enabled */
        v->sysenter_cb = cb->address;
        return 0;
    case CALLBACKTYPE_nmi:          /* recorded; no NMI reaches dom0 */
        v->nmi_cb = cb->address;
        return 0;
    }
    return -XEN_ENOSYS;
}

long do_callback_op(uint64_t cmd, uint64_t arg)
{
    struct callback_register reg;
    struct callback_unregister unreg;

    switch ( cmd )
    {
    case CALLBACKOP_register:
        if ( copy_from_guest(&reg, arg, sizeof(reg)) )
            return -XEN_EFAULT;
        return callback_register(&reg);
    case CALLBACKOP_unregister:
        if ( copy_from_guest(&unreg, arg, sizeof(unreg)) )
            return -XEN_EFAULT;
        switch ( unreg.type )
        {
        case CALLBACKTYPE_event:
        case CALLBACKTYPE_failsafe:
        case CALLBACKTYPE_syscall:
        case CALLBACKTYPE_syscall32:
        case CALLBACKTYPE_sysenter:
            return -XEN_EINVAL;
        case CALLBACKTYPE_nmi:
            dom0_vcpu.nmi_cb = 0;
            return 0;
        }
        return -XEN_ENOSYS;
    }
    return hypercall_unimplemented(__HYPERVISOR_callback_op, cmd);
}

long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall)
{
    struct callback_register ev = { CALLBACKTYPE_event, 0, event };
    struct callback_register fs = { CALLBACKTYPE_failsafe,
                                    CALLBACKF_mask_events, failsafe };
    struct callback_register sc = { CALLBACKTYPE_syscall,
                                    CALLBACKF_mask_events, syscall };

    callback_register(&ev);
    callback_register(&fs);
    callback_register(&sc);
    return 0;
}
