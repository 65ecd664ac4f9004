/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ways into and out of the PV dom0 at ring 3.
 *
 * In: `syscall` from 64-bit code (LSTAR: hypercalls from guest kernel
 * mode, system calls from its user mode), `syscall` from a 32-bit code
 * segment (CSTAR: reflected to dom0's syscall32 callback), and exceptions
 * and interrupts (arch/x86/entry.S). All of them leave dom0's registers
 * as a struct cpu_regs (asm/regs.h) at the top of pv_stack: the CPU loads
 * TSS.rsp0 = pv_stack_end on an exception or interrupt from ring 3, the
 * syscall entries load it themselves (no swapgs: one CPU, a fixed stack).
 * dom0 runs with RFLAGS.IF set; the hypervisor runs with it clear (FMASK,
 * interrupt gates) except in the `sti; hlt` of a blocked dom0.
 *
 * Out: pv_return, and nothing else. pv_exit_to_guest() delivers events,
 * checks everything the CPU would fault on at ring 0 (selectors, RIP
 * against CS) and turns it into dom0's exception or crash, then the
 * return is sysretq (when the way in was syscall and RCX/R11 are dead)
 * or iretq. A fault on either instruction is caught by do_trap as a
 * crash of dom0, never a hypervisor panic.
 */
#include <asm/asm.h>
#include <asm/regs.h>
#include <asm/x86-defs.h>

#define PV_SYSCALL_VECTOR   0x100
#define PV_SYSCALL32_VECTOR 0x101
#define PV_START_RFLAGS     0x202       /* IF set, the reserved bit 1 */

        .text
        .code64

/*
 * in: %rdi RIP, %rsi RSP, %rdx RSI for the guest; on the hypervisor's
 * boot stack, which is left for good. Builds dom0's first frame at the
 * top of pv_stack (every other register 0) and leaves by pv_return.
 */
FUNC(pv_enter_guest)
        lea     pv_stack_end(%rip), %rsp
        pushq   $FLAT_RING3_DS          /* SS */
        push    %rsi                    /* RSP */
        pushq   $PV_START_RFLAGS        /* RFLAGS */
        pushq   $FLAT_RING3_CS64        /* CS */
        push    %rdi                    /* RIP */
        pushq   $0                      /* error code */
        pushq   $0                      /* vector */
        xor     %eax, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %fs
        mov     %eax, %gs
        .rept   15
        pushq   $0
        .endr
        mov     %rdx, REGS_RSI(%rsp)
        xor     %esi, %esi
        jmp     pv_return
END(pv_enter_guest)

/*
 * in: %rcx guest RIP, %r11 guest RFLAGS, %rsp guest RSP; IF, TF, DF, AC
 * clear (FMASK). %rax hypercall number, %rdi %rsi %rdx %r10 %r8
 * arguments. pv_syscall() answers whether sysretq may return.
 */
/*
 * The body of both syscall entries: a struct cpu_regs frame on the PV
 * stack with code selector cs and vector vec, then pv_syscall() and the
 * one way back (pv_return).
 */
.macro SYSCALL_FRAME cs, vec
        mov     %rsp, pv_guest_rsp(%rip)
        lea     pv_stack_end(%rip), %rsp
        pushq   $FLAT_RING3_DS          /* SS */
        pushq   pv_guest_rsp(%rip)      /* RSP */
        push    %r11                    /* RFLAGS */
        pushq   $\cs                    /* CS */
        push    %rcx                    /* RIP */
        pushq   $0                      /* error code */
        pushq   $\vec                   /* vector */
        SAVE_GPRS
        cld
        /* in: %rdi struct cpu_regs *; 22 words pushed, %rsp aligned. */
        mov     %rsp, %rdi
        call    pv_syscall
        mov     %eax, %esi
        jmp     pv_return
.endm

FUNC(pv_syscall_entry)
        SYSCALL_FRAME FLAT_RING3_CS64, PV_SYSCALL_VECTOR
END(pv_syscall_entry)

/*
 * `syscall` from a 32-bit code segment (compatibility mode): the same
 * registers, %rcx the 32-bit return address. Without this entry the CPU
 * would jump to CSTAR's 0 at ring 0 on dom0's stack.
 */
FUNC(pv_cstar_entry)
        SYSCALL_FRAME FLAT_RING3_CS32, PV_SYSCALL32_VECTOR
END(pv_cstar_entry)

/*
 * The one way out to dom0. in: %rsp dom0's struct cpu_regs at the top of
 * pv_stack, IF clear; %esi non-zero when the return may be sysretq (the
 * way in was syscall: RCX and R11 hold nothing dom0 expects back).
 */
FUNC(pv_return)
        mov     %rsp, %rdi
        call    pv_exit_to_guest
        /* %al: 1 sysretq (RIP canonical, flat 64-bit CS and SS), 0 iretq. */
        test    %al, %al
        RESTORE_GPRS
        lea     16(%rsp), %rsp          /* vector and error code */
        jz      pv_return_iretq
        mov     (%rsp), %rcx            /* RIP */
        mov     16(%rsp), %r11          /* RFLAGS */
        mov     24(%rsp), %rsp          /* RSP */
        .globl  pv_return_sysretq
        .hidden pv_return_sysretq
pv_return_sysretq:
        sysretq
        .globl  pv_return_iretq
        .hidden pv_return_iretq
pv_return_iretq:
        iretq
END(pv_return)

        .bss
LOCAL_DATA(pv_guest_rsp, 8)
        .skip   8
END(pv_guest_rsp)
DATA(pv_stack, 16)
        .skip   16384
END(pv_stack)
DATA(pv_stack_end, 16)
END(pv_stack_end)
