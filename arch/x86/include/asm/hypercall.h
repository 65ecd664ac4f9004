/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 PV side of the hypercall ABI: the dispatcher (arch/x86/pv/
 * hypercall.c) and the handlers of the 64-bit PV interface that live in
 * arch/x86/pv/. The common handlers are declared in xen/hypercall.h.
 */
#ifndef ASM_HYPERCALL_H
#define ASM_HYPERCALL_H

#include <xen/hypercall.h>

/*
 * Runs hypercall nr with up to five arguments (RDI, RSI, RDX, R10, R8) and
 * returns its result: >= 0, or a negated Xen errno (-ENOSYS when unknown).
 */
long do_hypercall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
                  uint64_t a4, uint64_t a5);

/* Guest page-table updates (arch/x86/pv/mm.c). */
long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags);
/* Redoes a faulting guest-kernel store to one of its L1 tables. */
bool pv_ptwr_write(uint64_t va, uint64_t val);
long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t done_ptr,
                   uint64_t domid);
long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t done_ptr,
                  uint64_t domid);
long do_vm_assist(uint64_t cmd, uint64_t type);

/*
 * The 64-bit PV CPU interface (arch/x86/pv/: callback.c, vcpu.c, time.c,
 * descriptor_tables.c, physdev.c): the virtual IDT,
 * callbacks, kernel stack, FPU switch, segment bases, descriptors, vCPU
 * operations, timers, blocking and polling. iret (23) is handled by the
 * syscall entry itself (pv_syscall), as it needs the guest's frame.
 */
long do_set_trap_table(uint64_t traps);
long do_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall);
long do_callback_op(uint64_t cmd, uint64_t arg);
long do_stack_switch(uint64_t ss, uint64_t sp);
long do_fpu_taskswitch(uint64_t set);
long do_set_segment_base(uint64_t which, uint64_t base);
long do_set_gdt(uint64_t frame_list, uint64_t entries);
long do_update_descriptor(uint64_t ma, uint64_t desc);
long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg);
long do_set_timer_op(uint64_t timeout);
/*
 * grant_table_op (arch/x86/pv/grant_table.c): dom0's own grant table; and
 * whether mfn is one of its frames (dom0 may map them writable).
 */
long do_grant_table_op(uint64_t cmd, uint64_t arg, uint64_t count);
bool grant_table_frame(uint64_t mfn);
/* mca (48, arch/x86/pv/mca.c): XEN_MC_physcpuinfo for the one CPU. */
long do_mca(uint64_t arg);
/* Debug registers, kept with Xen's checks (arch/x86/pv/debugreg.c). */
long do_set_debugreg(uint64_t reg, uint64_t value);
long do_get_debugreg(uint64_t reg);
/* physdev_op: PHYSDEVOP_set_iopl only; other sub-ops -ENOSYS. */
long do_physdev_op(uint64_t cmd, uint64_t arg);

#endif /* ASM_HYPERCALL_H */
