/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Ring 3 entry into the PV dom0 and the hypercall entry by `syscall`.
 *
 * One CPU, interrupts never enabled in the hypervisor: dom0 runs with
 * RFLAGS.IF clear (it cannot set it at CPL 3 with IOPL 0), so the only
 * ways back are `syscall` and exceptions. Both arrive on pv_stack: the CPU
 * loads it from TSS.rsp0 for an exception from ring 3; the syscall entry
 * loads it itself (no swapgs: the stack is fixed). Both build a struct
 * cpu_regs frame (asm/regs.h).
 */
#include <asm/asm.h>
#include <asm/regs.h>
#include <asm/x86-defs.h>

#define PV_SYSCALL_VECTOR   0x100

        .text
        .code64

/* in: %rdi RIP, %rsi RSP, %rdx RSI for the guest. Does not return. */
FUNC(pv_enter_guest)
        pushq   $FLAT_RING3_DS          /* SS */
        pushq   %rsi                    /* RSP */
        pushq   $2                      /* RFLAGS: IF clear (see above) */
        pushq   $FLAT_RING3_CS64        /* CS */
        pushq   %rdi                    /* RIP */
        mov     %rdx, %rsi
        xor     %eax, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %fs
        mov     %eax, %gs
        xor     %ebx, %ebx
        xor     %ecx, %ecx
        xor     %edx, %edx
        xor     %edi, %edi
        xor     %ebp, %ebp
        xor     %r8d, %r8d
        xor     %r9d, %r9d
        xor     %r10d, %r10d
        xor     %r11d, %r11d
        xor     %r12d, %r12d
        xor     %r13d, %r13d
        xor     %r14d, %r14d
        xor     %r15d, %r15d
        iretq
END(pv_enter_guest)

/*
 * in: %rcx guest RIP, %r11 guest RFLAGS, %rsp guest RSP; IF clear (FMASK).
 * %rax hypercall number, %rdi %rsi %rdx %r10 %r8 arguments.
 */
FUNC(pv_syscall_entry)
        mov     %rsp, pv_guest_rsp(%rip)
        lea     pv_stack_end(%rip), %rsp
        pushq   $FLAT_RING3_DS          /* SS */
        pushq   pv_guest_rsp(%rip)      /* RSP */
        push    %r11                    /* RFLAGS */
        pushq   $FLAT_RING3_CS64        /* CS */
        push    %rcx                    /* RIP */
        pushq   $0                      /* error code */
        pushq   $PV_SYSCALL_VECTOR      /* vector */
        SAVE_GPRS
        cld
        /* in: %rdi struct cpu_regs *; 22 words pushed, %rsp aligned. */
        mov     %rsp, %rdi
        call    pv_syscall
        test    %eax, %eax
        jnz     .Lfull
        RESTORE_GPRS
        add     $16, %rsp               /* vector and error code */
        /* sysretq faults at CPL 0 on a non-canonical RCX: iretq then. */
        mov     (%rsp), %rcx
        mov     %rcx, %r11
        sar     $47, %r11
        add     $1, %r11
        cmp     $1, %r11
        ja      .Liret
        mov     16(%rsp), %r11          /* RFLAGS, IF and IOPL cleared */
        mov     24(%rsp), %rsp
        sysretq
.Liret:
        iretq
.Lfull:
        /* Every register from the frame (the iret hypercall's RCX, R11). */
        RESTORE_GPRS
        add     $16, %rsp
        iretq
END(pv_syscall_entry)

        .bss
LOCAL_DATA(pv_guest_rsp, 8)
        .skip   8
END(pv_guest_rsp)
DATA(pv_stack, 16)
        .skip   16384
END(pv_stack)
DATA(pv_stack_end, 16)
END(pv_stack_end)
