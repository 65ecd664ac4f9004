/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's timers and waits: the single-shot and periodic timers that raise
 * VIRQ_TIMER, set_timer_op, and sched_op block and poll.
 *
 * The local APIC timer (arch/x86/apic.c) is the hypervisor's one
 * one-shot timer: it is armed for the earliest deadline that can raise
 * something (a dom0 timer, with VIRQ_TIMER bound), so nothing ticks when
 * nothing is due. Its interrupt raises VIRQ_TIMER whatever dom0 is doing
 * (spinning without hypercalls too); the way back to dom0 delivers it. A
 * blocked or polling dom0 waits with interrupts enabled in `hlt`.
 */
#include <xen/console.h>
#include <xen/evtchn.h>
#include <xen/pv_abi.h>
#include <public/vcpu.h>
#include <asm/apic.h>
#include <asm/hypercall.h>
#include <asm/pv.h>

#define POLL_MAX_PORTS      128
#define HUGE_TIMEOUT_NS     100000000ULL    /* Xen's MILLISECS(100) */

/* How often the console UART is polled when its line cannot be routed. */
#define CONSOLE_POLL_NS     20000000ULL

/* The TSC deadline the APIC timer is armed for; 0: not armed. */
static uint64_t armed_tsc;
/* Console polling: on, and its next time (system time). */
static bool console_poll;
static uint64_t console_poll_next;

/* See asm/pv.h. */
void pv_timer_console_poll(void)
{
    console_poll = true;
    console_poll_next = pv_now_ns() + CONSOLE_POLL_NS;
}

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
        /* A late tick is not repeated: the next one is a period away. */
        v->periodic_next = now + v->periodic_ns;
        evtchn_send_virq(&v->evtchn, VIRQ_TIMER);
    }
}

/* The earliest dom0 deadline (system time) that raises anything; 0: none. */
static uint64_t next_dom0_deadline(void)
{
    const struct pv_vcpu *v = &dom0_vcpu;
    uint64_t next = 0;

    if ( !v->evtchn.virq_port[VIRQ_TIMER] )
        return 0;
    if ( v->timer_deadline )
        next = v->timer_deadline;
    if ( v->periodic_ns && (!next || v->periodic_next < next) )
        next = v->periodic_next;
    return next;
}

/* The earliest deadline of all, the console's poll included; 0: none. */
static uint64_t next_deadline(void)
{
    uint64_t next = next_dom0_deadline();

    if ( console_poll && (!next || console_poll_next < next) )
        next = console_poll_next;
    return next;
}

/* See asm/pv.h. */
void pv_timer_reprogram(void)
{
    uint64_t next = next_deadline(), tsc = next ? pv_ns_to_tsc(next) : 0;

    if ( tsc == armed_tsc )
        return;
    armed_tsc = tsc;
    apic_timer_arm(tsc);
}

/* See asm/pv.h. */
void pv_timer_interrupt(void)
{
    /* Fired (or stopped early in one-shot mode): arm again below. */
    armed_tsc = 0;
    pv_timer_poll();
    /*
     * The UART is read on every tick too (one port read when it is empty):
     * an edge-triggered line left high by a burst longer than one
     * interrupt takes is never lost for good.
     */
    console_rx_interrupt();
    if ( console_poll && pv_now_ns() >= console_poll_next )
        console_poll_next = pv_now_ns() + CONSOLE_POLL_NS;
    pv_timer_reprogram();
}

/* Whether anything can end a wait: a timer that raises, or the console. */
static bool can_wake(void)
{
    const struct pv_vcpu *v = &dom0_vcpu;

    return next_dom0_deadline() || v->evtchn.virq_port[VIRQ_CONSOLE];
}

/*
 * Waits for an interrupt with interrupts enabled, dom0's deadlines armed
 * and, when extra_tsc is not 0, that TSC deadline too (a poll's timeout).
 * sti's one-instruction shadow makes `sti; hlt` race-free: an interrupt
 * that became pending before it wakes the hlt.
 */
static void wait_for_interrupt(uint64_t extra_tsc)
{
    pv_timer_reprogram();
    if ( extra_tsc && (!armed_tsc || extra_tsc < armed_tsc) )
    {
        armed_tsc = extra_tsc;
        apic_timer_arm(extra_tsc);
    }
    if ( apic_timer_ok() )
        __asm__ volatile ( "sti; hlt; cli" ::: "memory" );
    else
        __asm__ volatile ( "pause" );
}

/*
 * As Xen: 0 stops the single-shot timer; a timeout with bit 63 set, or
 * more than 2^50 ns (13 days) ahead, is Linux's jiffies wrapping and
 * fires in 100 ms instead (Xen's middle ground between at once and
 * never); anything else is the deadline.
 */
long do_set_timer_op(uint64_t timeout)
{
    uint64_t now = pv_now_ns();

    if ( timeout && ((int64_t)timeout < 0 ||
                     (timeout > now && (timeout - now) >> 50)) )
        timeout = now + HUGE_TIMEOUT_NS;
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
        if ( !can_wake() )
        {
            printk("WARNING: dom0 blocked with no timer and no event; "
                   "not blocking\n");
            break;
        }
        wait_for_interrupt(0);
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
        if ( !p.timeout && !can_wake() )
        {
            printk("WARNING: dom0 polled with no timeout and no timer; "
                   "not blocking\n");
            return 0;
        }
        wait_for_interrupt(p.timeout ? pv_ns_to_tsc(p.timeout) : 0);
    }
}
