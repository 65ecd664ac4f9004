/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exception and interrupt entry: one 16-byte stub per vector gives every
 * frame the same shape (a zero error code where the CPU pushes none), then
 * one common path per kind saves the general registers and calls do_trap
 * or do_irq with a struct cpu_regs.
 *
 * What came from ring 3 is dom0's: its frame is moved to the top of
 * pv_stack first when it arrived on an IST stack (NMI, #DF, #MC, #DB), so
 * dom0's registers are always found there, and the return to dom0 goes
 * through pv_return (arch/x86/pv/entry.S), the one checked way out.
 * What came from ring 0 (the hypervisor's own `sti; hlt`, or a fault in
 * the hypervisor, which do_trap reports) returns by a plain iretq.
 */
#include <asm/asm.h>
#include <asm/regs.h>

        .text
        .code64

/*
 * With SMAP on, ring 0 must not inherit dom0's RFLAGS.AC: interrupt and
 * exception gates keep it (syscall clears it through FMASK).
 */
.macro ENTRY_CLAC
        testb   $1, cpu_smap_on(%rip)
        jz      .Lno_clac\@
        clac
.Lno_clac\@:
.endm

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

FUNC(irq_stubs)
        vec = X86_IRQ_FIRST_VECTOR
        .rept X86_IRQ_NR_STUBS
        push    $0
        push    $vec
        jmp     irq_common
        /* 2 + 5 + 5 bytes at most. */
        .org    irq_stubs + (vec - X86_IRQ_FIRST_VECTOR + 1) * \
                X86_EXC_STUB_BYTES, 0xcc
        vec = vec + 1
        .endr
END(irq_stubs)

/*
 * in: the CPU's frame, error code and vector on the stack. Saves the
 * general registers (push order is the reverse of struct cpu_regs) and
 * moves a frame from ring 3 that arrived on an IST stack to the top of
 * pv_stack, where dom0's frame always lives (nothing of the hypervisor's
 * is live there while dom0 runs).
 */
.macro ENTRY_SAVE
        SAVE_GPRS
        cld
        ENTRY_CLAC
        testb   $3, REGS_CS(%rsp)
        jz      .Lsaved\@
        lea     pv_stack_end - REGS_SIZE(%rip), %rdi
        cmp     %rdi, %rsp
        je      .Lsaved\@
        mov     %rsp, %rsi
        mov     $REGS_SIZE / 8, %ecx
        rep movsq
        lea     pv_stack_end - REGS_SIZE(%rip), %rsp
.Lsaved\@:
.endm

LOCAL_FUNC(exception_common)
        ENTRY_SAVE
        /* The CPU aligned %rsp to 16 before its 5 words; 22 words later
         * it is aligned again, as the call below needs. */
        mov     %rsp, %rdi
        call    do_trap
        jmp     ret_from_intr
END(exception_common)

LOCAL_FUNC(irq_common)
        ENTRY_SAVE
        mov     %rsp, %rdi
        call    do_irq
        /* Fall through. */
ret_from_intr:
        testb   $3, REGS_CS(%rsp)
        jz      .Lto_hypervisor
        /* in: %esi 0: no sysretq (every register must come back). */
        xor     %esi, %esi
        jmp     pv_return
.Lto_hypervisor:
        RESTORE_GPRS
        add     $16, %rsp               /* vector and error code */
        iretq
END(irq_common)
