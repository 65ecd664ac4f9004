/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * event_channel_op (hypercall 32) for dom0: copies the argument in,
 * runs the operation of lib/evtchn.c on dom0's table and copies the
 * result back. PIRQ bindings check dom0's pirqs (arch_dom0_pirqs, whose
 * numbering is lib/pirq.c's). set_priority is -ENOSYS, Xen's answer under
 * the 2-level ABI. The FIFO ABI is not offered (the 2-level one is):
 * init_control checks its arguments as Xen does and then answers
 * -EOPNOTSUPP, expand_array -EOPNOTSUPP (Xen's answer before a control
 * block exists); Linux then stays with the 2-level ABI. Interdomain
 * bindings and reset are not implemented.
 */
#include <xen/evtchn.h>
#include <xen/hypercall.h>
#include <xen/pirq.h>
#include <xen/pv_abi.h>

/* bind_pirq: Xen's checks on the pirq, then a port for it. */
static int bind_pirq(struct evtchn_table *t, struct evtchn_bind_pirq *b)
{
    struct pirq_table *p = arch_dom0_pirqs();
    int rc = pirq_bind_check(p, b->pirq);

    if ( rc || (rc = evtchn_bind_pirq(t, b)) )
        return rc;
    pirq_set_port(p, b->pirq, (uint16_t)b->port);
    return 0;
}

/* close: a pirq's port also leaves its pirq. */
static int close_port(struct evtchn_table *t, uint32_t port)
{
    int pirq, rc = evtchn_close_pirq(t, port, &pirq);

    if ( !rc && pirq >= 0 )
        pirq_set_port(arch_dom0_pirqs(), pirq, 0);
    return rc;
}

/* Size of Xen's struct evtchn_fifo_control_block (event_channel.h). */
#define FIFO_CONTROL_BLOCK_BYTES    72

/* EVTCHNOP_init_control: Xen's errors for bad arguments, then no FIFO. */
static long init_control(uint64_t arg)
{
    struct evtchn_init_control ic;

    if ( copy_from_guest(&ic, arg, sizeof(ic)) )
        return -XEN_EFAULT;
    if ( ic.vcpu != 0 )
        return -XEN_ENOENT;
    if ( ic.offset > 4096 - FIFO_CONTROL_BLOCK_BYTES ||
         (ic.offset & 7) || !arch_dom0_frame_writable(ic.control_gfn) )
        return -XEN_EINVAL;
    return -XEN_EOPNOTSUPP;
}

long do_event_channel_op(uint64_t cmd, uint64_t arg)
{
    struct evtchn_table *t = arch_dom0_evtchn();
    union {
        struct evtchn_alloc_unbound alloc;
        struct evtchn_bind_virq virq;
        struct evtchn_bind_ipi ipi;
        struct evtchn_status status;
        struct evtchn_bind_pirq pirq;
        struct evtchn_bind_vcpu vcpu;
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
    case EVTCHNOP_bind_pirq:     size = sizeof(u.pirq); break;
    case EVTCHNOP_bind_vcpu:     size = sizeof(u.vcpu); break;
    case EVTCHNOP_set_priority:  return -XEN_ENOSYS;
    case EVTCHNOP_close:
    case EVTCHNOP_send:
    case EVTCHNOP_unmask:        size = sizeof(u.port); break;
    case EVTCHNOP_init_control:  return init_control(arg);
    case EVTCHNOP_expand_array:  return -XEN_EOPNOTSUPP;
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
    case EVTCHNOP_bind_pirq:     rc = bind_pirq(t, &u.pirq); break;
    case EVTCHNOP_bind_vcpu:     return evtchn_bind_vcpu(t, &u.vcpu);
    case EVTCHNOP_close:         return close_port(t, u.port);
    case EVTCHNOP_send:          return evtchn_send(t, u.port);
    default:                     return evtchn_unmask(t, u.port);
    }
    if ( rc )
        return rc;
    return copy_to_guest(arg, &u, size) ? -XEN_EFAULT : 0;
}
