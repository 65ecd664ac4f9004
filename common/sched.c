/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sched_op (hypercall 29) for dom0's one vCPU: yield, shutdown, and
 * blocking and polling through the arch side (arch_vcpu_block,
 * arch_vcpu_poll); other sub-ops -ENOSYS.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>

long do_sched_op(uint64_t cmd, uint64_t arg)
{
    struct sched_shutdown s;

    switch ( cmd )
    {
    case SCHEDOP_yield:
        return 0;
    case SCHEDOP_shutdown:
        if ( copy_from_guest(&s, arg, sizeof(s)) )
            return -XEN_EFAULT;
        console_guest_flush();
        arch_domain_shutdown(s.reason);
    case SCHEDOP_block:
        return arch_vcpu_block();
    case SCHEDOP_poll:
        return arch_vcpu_poll(arg);
    }
    return hypercall_unimplemented(__HYPERVISOR_sched_op, cmd);
}
