/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls of the PV dom0 as common/ sees them: the common handlers
 * (console_io in common/console.c, sched_op in common/sched.c, xen_version
 * in common/kernel.c, memory_op, multicall, event_channel_op,
 * platform_op), the arch hooks they call, and the checked guest copies
 * every guest pointer goes through. The dispatcher and the x86 PV
 * handlers are arch/x86/pv/'s (asm/hypercall.h).
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/bootinfo.h>
#include <xen/e820.h>
#include <xen/types.h>

/*
 * For a hypercall (nr) or sub-op (sub; HYPERCALL_NO_SUBOP for the whole
 * hypercall) this hypervisor does not implement: prints one line naming
 * it (the 1st, 10th, 100th, ... time; common/unimplemented.c) and returns
 * -XEN_ENOSYS, Xen's answer to a call it does not know.
 */
#define HYPERCALL_NO_SUBOP  (~0ULL)
long hypercall_unimplemented(unsigned int nr, uint64_t sub);

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf);
long do_sched_op(uint64_t cmd, uint64_t arg);
long do_xen_version(uint64_t cmd, uint64_t arg);
long do_memory_op(uint64_t cmd, uint64_t arg);
long do_platform_op(uint64_t arg);

/*
 * The platform_op commands of the machine's side (arch/x86/pv/platform.c):
 * settime32/64, enter_acpi_sleep, get_cpuinfo. op is the copied-in
 * argument at guest address arg; returns 0 or a negated Xen errno
 * (hypercall_unimplemented for a command nobody handles).
 */
struct xen_platform_op;
long arch_platform_op(uint64_t arg, struct xen_platform_op *op);

/*
 * Checked copies between the current guest's virtual memory and the
 * hypervisor (arch/x86/pv/guest_copy.c): 0, or -XEN_EFAULT when any byte
 * of the guest range is non-canonical, in the hypervisor's range,
 * unmapped, not user, not writable (to the guest) or not the guest's
 * frame. Never faults.
 */
int copy_from_guest(void *dst, uint64_t gva, size_t len);
int copy_to_guest(uint64_t gva, const void *src, size_t len);

/*
 * The x86 memory_op sub-ops (arch/x86/pv/m2p.c): maximum_ram_page,
 * machphys_mapping, machphys_mfn_list; -XEN_ENOSYS for any other cmd.
 */
long arch_memory_op(uint64_t cmd, uint64_t arg);

/*
 * multicall (common/multicall.c): runs nr entries of the guest array at
 * calls through the dispatcher (arch_do_multicall_call), each result
 * written back into its entry.
 */
long do_multicall(uint64_t calls, uint64_t nr);

/*
 * The arch side of a multicall entry: runs hypercall nr of the current
 * guest through the dispatcher and returns its result (arch/x86/pv/
 * hypercall.c).
 */
long arch_do_multicall_call(uint64_t nr, const uint64_t args[6]);

/*
 * What sched_op (common/sched.c) asks of the arch side for dom0's one
 * vCPU: block until an event is pending (SCHEDOP_block, events unmasked
 * first), poll a set of ports (SCHEDOP_poll, arg: the guest's struct
 * sched_poll); both return 0 or a negated Xen errno.
 */
long arch_vcpu_block(void);
long arch_vcpu_poll(uint64_t arg);

/*
 * XENPF_settime32/64 (common/platform_op.c): secs and nsecs were UTC at
 * dom0's system time system_time; dom0's wallclock moves there (arch/x86/
 * pv/wallclock.c). Returns 0.
 */
long arch_platform_settime(uint64_t secs, uint32_t nsecs,
                           uint64_t system_time);

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
    const struct e820entry *host_e820;      /* sanitized host map */
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
void __noreturn arch_domain_shutdown(unsigned int reason);

#endif /* XEN_HYPERCALL_H */
