/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stacks of EFI runtime calls (arch/x86/efi/rs_call.S). The UEFI
 * spec asks nothing of a runtime call's stack beyond its alignment;
 * Linux calls the firmware on a 16 KiB task stack, this is twice that,
 * with an unmapped guard page below it.
 */
#ifndef ASM_EFI_RS_STACK_H
#define ASM_EFI_RS_STACK_H

#define EFI_RS_STACK_BYTES          (32 * 1024)
#define EFI_RS_FAULT_STACK_BYTES    (16 * 1024)

#ifndef __ASSEMBLY__
#include <xen/types.h>

extern char efi_rs_stack_guard[], efi_rs_stack[], efi_rs_stack_top[];

/*
 * Calls fn (Microsoft x64 convention) with args[0..4] on the stack whose
 * top is stack_top; returns what fn returned.
 */
uint64_t efi_rs_call_on_stack(const void *fn, const uint64_t args[5],
                              void *stack_top);

/*
 * Moves to the fault path's own stack and calls fn(a1, a2, a3, a4, a5)
 * (System V); fn does not return.
 */
void __noreturn efi_rs_fault_on_stack(const void *fn, uint64_t a1,
                                      uint64_t a2, uint64_t a3, uint64_t a4,
                                      uint64_t a5);
#endif

#endif /* ASM_EFI_RS_STACK_H */
