/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENPF_efi_runtime_call for dom0 (common/efi/runtime_op.c) and the arch
 * hooks it needs (arch/x86/efi/rtcall_mem.c): hypervisor frames for capsule
 * copies, and who owns a machine frame named by a capsule's
 * scatter-gather list.
 */
#ifndef XEN_EFI_RTCALL_H
#define XEN_EFI_RTCALL_H

#include <public/platform.h>
#include <xen/efirt.h>
#include <xen/types.h>

/*
 * Runs one runtime call for dom0 on *op (already copied from the guest;
 * the caller copies it back when 0 is returned). rt_revision: the
 * runtime services header revision, 0 when there are no runtime
 * services (then -EOPNOTSUPP). Returns 0 (the EFI status is in
 * op->status) or a negated Xen errno; docs/hypercalls.md lists them.
 */
long efi_runtime_op(struct xenpf_efi_runtime_call *op, uint32_t rt_revision);

/*
 * Zeroed, physically contiguous hypervisor memory of at least bytes,
 * below 4 GiB (so a runtime call can be handed its address), or NULL.
 * Freed with arch_rtcall_free(va, the same bytes).
 */
void *arch_rtcall_alloc(uint64_t bytes);
void arch_rtcall_free(void *va, uint64_t bytes);

/* Whose the machine frame holding pa is (dom0's by the rules of
 * arch/x86/pv/mm.c: a frame of its p2m). */
enum efirt_owner arch_frame_owner(uint64_t pa);

/* Copies len bytes of machine memory at pa, which the caller has found
 * to be dom0's; false when it cannot. */
bool arch_dom0_read(uint64_t pa, void *dst, size_t len);

#endif /* XEN_EFI_RTCALL_H */
