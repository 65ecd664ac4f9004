/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * event_channel_op (hypercall 32) for dom0: copies the argument in,
 * runs the operation of lib/evtchn.c on dom0's table and copies the
 * result back. Interdomain and PIRQ bindings, bind_vcpu, reset and the
 * FIFO ABI (init_control, expand_array, set_priority) are -ENOSYS.
 */
#include <xen/evtchn.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>

long do_event_channel_op(uint64_t cmd, uint64_t arg)
{
    struct evtchn_table *t = arch_dom0_evtchn();
    union {
        struct evtchn_alloc_unbound alloc;
        struct evtchn_bind_virq virq;
        struct evtchn_bind_ipi ipi;
        struct evtchn_status status;
        uint32_t port;
    } u;
    size_t size;
    int rc;

    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound: size = sizeof(u.alloc); break;
    case EVTCHNOP_bind_virq:     size = sizeof(u.virq); break;
    case EVTCHNOP_bind_ipi:      size = sizeof(u.ipi); break;
    case EVTCHNOP_status:        size = sizeof(u.status); break;
    case EVTCHNOP_close:
    case EVTCHNOP_send:
    case EVTCHNOP_unmask:        size = sizeof(u.port); break;
    default:
        return hypercall_unimplemented(__HYPERVISOR_event_channel_op, cmd);
    }
    if ( copy_from_guest(&u, arg, size) )
        return -XEN_EFAULT;
    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound: rc = evtchn_alloc_unbound(t, &u.alloc); break;
    case EVTCHNOP_bind_virq:     rc = evtchn_bind_virq(t, &u.virq); break;
    case EVTCHNOP_bind_ipi:      rc = evtchn_bind_ipi(t, &u.ipi); break;
    case EVTCHNOP_status:        rc = evtchn_status(t, &u.status); break;
    case EVTCHNOP_close:         return evtchn_close(t, u.port);
    case EVTCHNOP_send:          return evtchn_send(t, u.port);
    default:                     return evtchn_unmask(t, u.port);
    }
    if ( rc )
        return rc;
    return copy_to_guest(arg, &u, size) ? -XEN_EFAULT : 0;
}
