/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall table of the 64-bit PV dom0: hypercall numbers to
 * handlers, common (xen/hypercall.h) and x86 (asm/hypercall.h). Unknown
 * numbers get Xen's -ENOSYS.
 */
#include <xen/pv_abi.h>
#include <asm/hypercall.h>

long do_hypercall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
                  uint64_t a4, uint64_t a5)
{
    switch ( nr )
    {
    case __HYPERVISOR_console_io:
        return do_console_io(a1, a2, a3);
    case __HYPERVISOR_sched_op:
        return do_sched_op(a1, a2);
    case __HYPERVISOR_xen_version:
        return do_xen_version(a1, a2);
    case __HYPERVISOR_memory_op:
        return do_memory_op(a1, a2);
    case __HYPERVISOR_platform_op:
        return do_platform_op(a1);
    case __HYPERVISOR_update_va_mapping:
        return do_update_va_mapping(a1, a2, a3);
    case __HYPERVISOR_mmu_update:
        return do_mmu_update(a1, a2, a3, a4);
    case __HYPERVISOR_mmuext_op:
        return do_mmuext_op(a1, a2, a3, a4);
    case __HYPERVISOR_multicall:
        return do_multicall(a1, a2);
    case __HYPERVISOR_vm_assist:
        return do_vm_assist(a1, a2);
    case __HYPERVISOR_set_trap_table:   return do_set_trap_table(a1);
    case __HYPERVISOR_set_gdt:          return do_set_gdt(a1, a2);
    case __HYPERVISOR_stack_switch:     return do_stack_switch(a1, a2);
    case __HYPERVISOR_set_callbacks:    return do_set_callbacks(a1, a2, a3);
    case __HYPERVISOR_fpu_taskswitch:   return do_fpu_taskswitch(a1);
    case __HYPERVISOR_update_descriptor: return do_update_descriptor(a1, a2);
    case __HYPERVISOR_set_timer_op:     return do_set_timer_op(a1);
    case __HYPERVISOR_vcpu_op:          return do_vcpu_op(a1, a2, a3);
    case __HYPERVISOR_set_segment_base: return do_set_segment_base(a1, a2);
    case __HYPERVISOR_callback_op:      return do_callback_op(a1, a2);
    case __HYPERVISOR_event_channel_op: return do_event_channel_op(a1, a2);
    case __HYPERVISOR_physdev_op:       return do_physdev_op(a1, a2);
    case __HYPERVISOR_grant_table_op:   return do_grant_table_op(a1, a2, a3);
    case __HYPERVISOR_arch_0:           return do_mca(a1);
    case __HYPERVISOR_set_debugreg:     return do_set_debugreg(a1, a2);
    case __HYPERVISOR_get_debugreg:     return do_get_debugreg(a1);
    case __HYPERVISOR_xenpmu_op:
        /* Xen 4.17 without vpmu= (its default) refuses every op. */
        return -XEN_EOPNOTSUPP;
    }
    return hypercall_unimplemented(nr, HYPERCALL_NO_SUBOP);
}

/* See xen/hypercall.h. */
long arch_do_multicall_call(uint64_t nr, const uint64_t args[6])
{
    return do_hypercall(nr, args[0], args[1], args[2], args[3], args[4]);
}
