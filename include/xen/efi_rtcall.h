/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENPF_efi_runtime_call for dom0 (common/efi/runtime_op.c) and the arch
 * hooks it needs (arch/x86/efi/rtcall_mem.c, arch/x86/efi/rt_pt.c):
 * hypervisor frames for capsule copies, dom0's pseudo-physical memory as
 * a capsule's scatter-gather list names it, and the 1:1 mapping of the
 * copies for the firmware.
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
 * A capsule update is pending (UpdateCapsule accepted a capsule with
 * CAPSULE_FLAGS_PERSIST_ACROSS_RESET): true with the reset type the
 * firmware's QueryCapsuleCapabilities asked for, which the next reset
 * must use (efi_reset_system()).
 */
bool efi_capsule_pending(uint32_t *reset_type);

/*
 * Zeroed, physically contiguous hypervisor memory of at least bytes,
 * below 4 GiB (so a runtime call can be handed its address), or NULL.
 * Freed with arch_rtcall_free(va, the same bytes). arch_rtcall_pa() is
 * the physical address of such memory.
 */
void *arch_rtcall_alloc(uint64_t bytes);
void arch_rtcall_free(void *va, uint64_t bytes);
uint64_t arch_rtcall_pa(const void *va);

/*
 * dom0's pseudo-physical memory (its p2m), as Linux names capsule blocks
 * and lists (page_to_phys): arch_dom0_gpa_owner() says whether the page
 * holding gpa is dom0's (EFIRT_OWNER_DOM0) or beyond its memory
 * (EFIRT_OWNER_OUTSIDE); arch_dom0_gpa_read() copies len bytes from gpa,
 * page by page through the p2m, once the caller found them dom0's.
 */
enum efirt_owner arch_dom0_gpa_owner(uint64_t gpa);
bool arch_dom0_gpa_read(uint64_t gpa, void *dst, size_t len);

/*
 * Maps [pa, pa + bytes) of hypervisor memory 1:1, read-write and not
 * executable, in the runtime page tables (the firmware reads a capsule's
 * scatter-gather list and blocks by physical address), or removes that
 * mapping again. false: no memory for the tables.
 */
bool arch_efi_rs_map_extra(uint64_t pa, uint64_t bytes);
void arch_efi_rs_unmap_extra(uint64_t pa, uint64_t bytes);

#endif /* XEN_EFI_RTCALL_H */
