/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's timers and waits: the single-shot and periodic timers that raise
 * VIRQ_TIMER, set_timer_op, and sched_op block and poll.
 *
 * There are no interrupts: timers are looked at whenever the hypervisor
 * is entered (hypercall, exception) and while dom0 blocks or polls, and
 * a due VIRQ_TIMER is raised then.
 */
#include <xen/console.h>
#include <xen/evtchn.h>
#include <xen/pv_abi.h>
#include <public/vcpu.h>
#include <asm/hypercall.h>
#include <asm/pv.h>

#define POLL_MAX_PORTS      128

/* Raises VIRQ_TIMER when the single-shot or the periodic timer is due. */
/* See asm/pv.h. */
void pv_timer_poll(void)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t now = pv_now_ns();

    if ( v->timer_deadline && now >= v->timer_deadline )
    {
        v->timer_deadline = 0;
        evtchn_send_virq(&v->evtchn, VIRQ_TIMER);
    }
    if ( v->periodic_ns && now >= v->periodic_next )
    {
        v->periodic_next = now + v->periodic_ns;
        evtchn_send_virq(&v->evtchn, VIRQ_TIMER);
    }
}

/* Whether a timer can ever end a wait: armed, and VIRQ_TIMER bound. */
static bool timer_can_wake(void)
{
    const struct pv_vcpu *v = &dom0_vcpu;

    return v->evtchn.virq_port[VIRQ_TIMER] &&
           (v->timer_deadline || v->periodic_ns);
}

long do_set_timer_op(uint64_t timeout)
{
    dom0_vcpu.timer_deadline = timeout;
    return 0;
}

long arch_vcpu_block(void)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t start = pv_now_ns();

    v->vi->evtchn_upcall_mask = 0;
    for ( ; ; )
    {
        pv_timer_poll();
        if ( v->vi->evtchn_upcall_pending )
            break;
        if ( !timer_can_wake() )
        {
            printk("WARNING: dom0 blocked with no timer and no event; "
                   "not blocking\n");
            break;
        }
        __asm__ volatile ( "pause" );
    }
    v->blocked_ns += pv_now_ns() - start;
    pv_runstate_update();
    return 0;
}

long arch_vcpu_poll(uint64_t arg)
{
    struct pv_vcpu *v = &dom0_vcpu;
    struct sched_poll p;
    uint32_t ports[POLL_MAX_PORTS];

    if ( copy_from_guest(&p, arg, sizeof(p)) )
        return -XEN_EFAULT;
    if ( p.nr_ports > POLL_MAX_PORTS )
        return -XEN_EINVAL;
    if ( p.nr_ports &&
         copy_from_guest(ports, guest_handle_va(p.ports),
                         p.nr_ports * sizeof(ports[0])) )
        return -XEN_EFAULT;
    for ( unsigned int i = 0; i < p.nr_ports; i++ )
        if ( ports[i] >= EVTCHN_NR_PORTS )
            return -XEN_EINVAL;
    for ( ; ; )
    {
        pv_timer_poll();
        for ( unsigned int i = 0; i < p.nr_ports; i++ )
            if ( evtchn_is_pending(&v->evtchn, ports[i]) )
                return 0;
        if ( p.timeout && pv_now_ns() >= p.timeout )
            return 0;
        if ( !p.timeout && !timer_can_wake() )
        {
            printk("WARNING: dom0 polled with no timeout and no timer; "
                   "not blocking\n");
            return 0;
        }
        __asm__ volatile ( "pause" );
    }
}
