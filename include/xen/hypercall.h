/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls of the PV dom0: the dispatcher (common/hypercall.c), the
 * common handlers, the arch hooks they call (arch/x86/pv/) and the checked
 * guest copies every guest pointer goes through.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/bootinfo.h>
#include <xen/e820.h>
#include <xen/types.h>

/*
 * Runs hypercall nr with up to five arguments (RDI, RSI, RDX, R10, R8) and
 * returns its result: >= 0, or a negated Xen errno (-ENOSYS when unknown).
 */
long do_hypercall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
                  uint64_t a4, uint64_t a5);

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf);
long do_sched_op(uint64_t cmd, uint64_t arg);
long do_xen_version(uint64_t cmd, uint64_t arg);
long do_memory_op(uint64_t cmd, uint64_t arg);
long do_platform_op(uint64_t arg);

/*
 * Checked copies between the current guest's virtual memory and the
 * hypervisor (arch/x86/pv/guest_copy.c): 0, or -XEN_EFAULT when any byte
 * of the guest range is non-canonical, in the hypervisor's range,
 * unmapped, not user, not writable (to the guest) or not the guest's
 * frame. Never faults.
 */
int copy_from_guest(void *dst, uint64_t gva, size_t len);
int copy_to_guest(uint64_t gva, const void *src, size_t len);

/* Guest page-table updates (arch/x86/pv/mm.c). */
long pv_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags);
/* Redoes a faulting guest-kernel store to one of its L1 tables. */
bool pv_ptwr_write(uint64_t va, uint64_t val);
long pv_mmu_update(uint64_t reqs, uint64_t count, uint64_t done_ptr,
                   uint64_t domid);
long pv_mmuext_op(uint64_t ops, uint64_t count, uint64_t done_ptr,
                  uint64_t domid);
long pv_vm_assist(uint64_t cmd, uint64_t type);

/*
 * The x86 memory_op sub-ops (arch/x86/pv/m2p.c): maximum_ram_page,
 * machphys_mapping, machphys_mfn_list; -XEN_ENOSYS for any other cmd.
 */
long arch_memory_op(uint64_t cmd, uint64_t arg);

/*
 * multicall (common/multicall.c): runs nr entries of the guest array at
 * calls through do_hypercall, each result written back into its entry.
 */
long do_multicall(uint64_t calls, uint64_t nr);

/*
 * The 64-bit PV CPU interface (arch/x86/pv/cpu.c): the virtual IDT,
 * callbacks, kernel stack, FPU switch, segment bases, descriptors, vCPU
 * operations, timers, blocking and polling. iret (23) is handled by the
 * syscall entry itself (pv_syscall), as it needs the guest's frame.
 */
long pv_set_trap_table(uint64_t traps);
long pv_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall);
long pv_callback_op(uint64_t cmd, uint64_t arg);
long pv_stack_switch(uint64_t ss, uint64_t sp);
long pv_fpu_taskswitch(uint64_t set);
long pv_set_segment_base(uint64_t which, uint64_t base);
long pv_set_gdt(uint64_t frame_list, uint64_t entries);
long pv_update_descriptor(uint64_t ma, uint64_t desc);
long pv_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg);
long pv_set_timer_op(uint64_t timeout);
long pv_sched_block(void);
/* physdev_op: PHYSDEVOP_set_iopl only; other sub-ops -ENOSYS. */
long pv_physdev_op(uint64_t cmd, uint64_t arg);
long pv_sched_poll(uint64_t arg);

/* event_channel_op (common/event_channel.c). */
long do_event_channel_op(uint64_t cmd, uint64_t arg);

/*
 * The hypervisor's view of len bytes of firmware memory at pa (below the
 * always-mapped low 4 GiB), or NULL when it cannot reach them.
 */
const void *arch_fw_ptr(uint64_t pa, size_t len);

/* What the handlers need to know about the machine and dom0. */
struct hv_info {
    const struct boot_info *bi;
    const struct e820entry *host_e820;      /* sanitised host map */
    unsigned int host_e820_nr;
    uint64_t dom0_nr_pages;                 /* dom0's pseudo-physical RAM */
    uint64_t dom0_shared_info_pa;           /* dom0 may map it writable */
};
extern struct hv_info hv_info;

/*
 * Ends the boot on dom0's behalf: prints why, then for SHUTDOWN_reboot
 * "Boot complete: rebooting" and resets the machine (arch_reboot), for
 * any other reason "Boot complete: powering off" and powers it off.
 * reason is a SHUTDOWN_* value or, for an exception in dom0,
 * SHUTDOWN_crash.
 */
void __noreturn pv_shutdown(unsigned int reason);

#endif /* XEN_HYPERCALL_H */
