/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception entry: one 16-byte stub per vector 0..31 gives every frame the
 * same shape (a zero error code where the CPU pushes none), then one common
 * path saves the general registers and calls do_trap(struct cpu_regs *).
 */
#include <asm/asm.h>
#include <asm/regs.h>

        .text
        .code64

FUNC(exception_stubs)
        vec = 0
        .rept X86_EXC_NR_STUBS
        .if ((X86_EXC_ERRCODE_MASK >> vec) & 1) == 0
        push    $0
        .endif
        push    $vec
        jmp     exception_common
        /* Each stub must fit its slot: 2 + 2 + 5 bytes at most. */
        .org    exception_stubs + (vec + 1) * X86_EXC_STUB_BYTES, 0xcc
        vec = vec + 1
        .endr
END(exception_stubs)

LOCAL_FUNC(exception_common)
        /* Push order is the reverse of struct cpu_regs. */
        SAVE_GPRS
        cld
        /* The CPU aligned %rsp to 16 before its 5 words; 22 words later
         * it is aligned again, as the call below needs. */
        mov     %rsp, %rdi
        call    do_trap
        RESTORE_GPRS
        add     $16, %rsp               /* vector and error code */
        iretq
END(exception_common)
