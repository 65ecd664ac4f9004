/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dom0-pvcpu self-test's entry points (tools/dom0/pvcpu.c): handlers
 * for the virtual IDT and the callbacks, the way into guest user mode and
 * back, and a piece of user-mode code.
 *
 * The hypervisor enters a handler with its 64-bit PV frame on the stack:
 * RCX, R11, the error code when the vector has one, then RIP, CS, RFLAGS,
 * RSP, SS. Each handler saves the other caller-saved registers, calls
 * pvcpu_event(vector, frame, has_error_code) with a struct pvcpu_stack
 * (pvcpu.c) that the C side may change, restores them, RCX and R11 from
 * the frame, and returns by the iret hypercall with pvcpu_iret_flags.
 */
#define IRET_HYPERCALL  23
#define USER_CS         0xe033
#define USER_SS         0xe02b

    .text
    .code64

.macro HANDLER name, vec, ec
    .globl pvcpu_entry_\name
    .type pvcpu_entry_\name, @function
pvcpu_entry_\name:
    push    %rax
    push    %rdx
    push    %rsi
    push    %rdi
    push    %r8
    push    %r9
    push    %r10
    push    %rbp
    mov     %rsp, %rbp
    mov     $\vec, %edi
    mov     %rbp, %rsi
    mov     $\ec, %edx
    and     $-16, %rsp
    call    pvcpu_event
    mov     %rbp, %rsp
    pop     %rbp
    pop     %r10
    pop     %r9
    pop     %r8
    pop     %rdi
    pop     %rsi
    pop     %rdx
    pop     %rax
    pop     %rcx
    pop     %r11
    .if \ec
    add     $8, %rsp
    .endif
    jmp     pvcpu_iret
    .size pvcpu_entry_\name, . - pvcpu_entry_\name
.endm

    HANDLER db, 1, 0
    HANDLER bp, 3, 0
    HANDLER ud, 6, 0
    HANDLER gp, 13, 1
    HANDLER pf, 14, 1
    HANDLER int80, 0x80, 0
    HANDLER event, 0x100, 0
    HANDLER syscall, 0x101, 0
    HANDLER syscall32, 0x102, 0

/* in: the iret frame (RIP, CS, RFLAGS, RSP, SS) at %rsp. */
    .type pvcpu_iret, @function
pvcpu_iret:
    pushq   pvcpu_iret_flags(%rip)
    push    %rcx
    push    %r11
    push    %rax
    movq    $0, pvcpu_iret_flags(%rip)
    mov     $IRET_HYPERCALL, %eax
    syscall
    ud2
    .size pvcpu_iret, . - pvcpu_iret

/*
 * void pvcpu_run_user(void (*code)(void), void *user_stack_top,
 *                     unsigned long cs):
 * enters guest user mode at code with code selector cs (0xe033, or the
 * 32-bit 0xe023); returns when a callback or a handler sends the kernel
 * back to pvcpu_user_return (pvcpu_kernel_rsp).
 */
    .globl pvcpu_run_user
    .type pvcpu_run_user, @function
pvcpu_run_user:
    push    %rbx
    push    %rbp
    push    %r12
    push    %r13
    push    %r14
    push    %r15
    mov     %rsp, pvcpu_kernel_rsp(%rip)
    pushq   $USER_SS
    push    %rsi                    /* RSP */
    pushq   $0x202                  /* RFLAGS: IF set, events unmasked */
    push    %rdx                    /* CS */
    push    %rdi                    /* RIP */
    xor     %eax, %eax
    xor     %ecx, %ecx
    xor     %r11d, %r11d
    jmp     pvcpu_iret
    .globl pvcpu_user_return
pvcpu_user_return:
    mov     pvcpu_kernel_rsp(%rip), %rsp
    pop     %r15
    pop     %r14
    pop     %r13
    pop     %r12
    pop     %rbp
    pop     %rbx
    ret
    .size pvcpu_run_user, . - pvcpu_run_user

/*
 * User-mode code: syscall 1 (ping, RDI 0x1234) must answer 0x5a5a in RAX;
 * a ud2 goes to the kernel's #UD handler and comes back; syscall 2 ends
 * with the ping's answer in RDI.
 */
    .globl pvcpu_user_code
    .type pvcpu_user_code, @function
pvcpu_user_code:
    mov     $1, %eax
    mov     $0x1234, %edi
    syscall
    mov     %rax, %rbx
    ud2
    mov     $2, %eax
    mov     %rbx, %rdi
    syscall
1:  jmp     1b
    .size pvcpu_user_code, . - pvcpu_user_code

/*
 * User-mode code copied to a page only the user L4 maps: cpuid behind
 * Xen's forced-emulation prefix (leaf 0x40000000), then syscall 2 with
 * EBX (the signature's first four bytes) in RDI. Position-independent.
 */
    .globl pvcpu_user_fep, pvcpu_user_fep_end
    .type pvcpu_user_fep, @function
pvcpu_user_fep:
    mov     $0x40000000, %eax
    xor     %ecx, %ecx
    xor     %ebx, %ebx
    ud2
    .ascii  "xen"
    cpuid
    mov     $2, %eax
    mov     %rbx, %rdi
    syscall
1:  jmp     1b
pvcpu_user_fep_end:
    .size pvcpu_user_fep, . - pvcpu_user_fep

    .bss
    .balign 8
    .globl pvcpu_iret_flags
pvcpu_iret_flags:
    .skip   8
    .globl pvcpu_kernel_rsp
pvcpu_kernel_rsp:
    .skip   8
