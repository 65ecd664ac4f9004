/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stacks EFI runtime calls run on (arch/x86/efi/rs_stack.c): one for
 * the firmware, with a guard page below it that no page table maps, and
 * one the fault path moves to before it reports and powers off.
 */
#include <asm/asm.h>
#include <asm/config.h>
#include <asm/efi_rs_stack.h>

        .text
        .code64

/*
 * in: %rdi the function, %rsi its five arguments (an array), %rdx the
 * stack top (16-byte aligned). Calls the function with the Microsoft x64
 * convention on that stack; out: %rax what it returned. %rbp holds the
 * caller's stack pointer across the call (callee-saved in both
 * conventions).
 */
FUNC(efi_rs_call_on_stack)
        push    %rbp
        mov     %rsp, %rbp
        mov     %rdx, %rsp
        /* 32 bytes of home space, the fifth argument, 16-byte aligned. */
        sub     $48, %rsp
        mov     32(%rsi), %rax
        mov     %rax, 32(%rsp)
        mov     %rdi, %r10
        mov     (%rsi), %rcx
        mov     8(%rsi), %rdx
        mov     16(%rsi), %r8
        mov     24(%rsi), %r9
        call    *%r10
        mov     %rbp, %rsp
        pop     %rbp
        ret
END(efi_rs_call_on_stack)

/*
 * in: %rdi the function (noreturn, System V), %rsi %rdx %rcx %r8 %r9 its
 * first five arguments; the fault path's way onto its own stack. The
 * frames it leaves behind are never returned to.
 */
FUNC(efi_rs_fault_on_stack)
        lea     efi_rs_fault_stack_top(%rip), %rsp
        xor     %ebp, %ebp
        mov     %rdi, %rax
        mov     %rsi, %rdi
        mov     %rdx, %rsi
        mov     %rcx, %rdx
        mov     %r8, %rcx
        mov     %r9, %r8
        call    *%rax
        ud2
END(efi_rs_fault_on_stack)

        .section .bss.page_aligned, "aw", @nobits

/* Unmapped once the runtime page tables are built: overflow faults. */
DATA(efi_rs_stack_guard, PAGE_SIZE)
        .skip   PAGE_SIZE
END(efi_rs_stack_guard)
DATA(efi_rs_stack, PAGE_SIZE)
        .skip   EFI_RS_STACK_BYTES
END(efi_rs_stack)
DATA(efi_rs_stack_top, 16)
END(efi_rs_stack_top)

DATA(efi_rs_fault_stack, PAGE_SIZE)
        .skip   EFI_RS_FAULT_STACK_BYTES
END(efi_rs_fault_stack)
DATA(efi_rs_fault_stack_top, 16)
END(efi_rs_fault_stack_top)
