/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The frame arch/x86/entry.S builds on an exception: general registers in
 * the reverse of their push order, then vector and error code (pushed by
 * the stub), then what the CPU pushed.
 */
#ifndef ASM_REGS_H
#define ASM_REGS_H

/* Exception vectors whose entry pushes an error code (Intel SDM 6.13). */
#define X86_EXC_ERRCODE_MASK    0x60227d00

#define X86_EXC_NR_STUBS        32
#define X86_EXC_STUB_BYTES      16

/* Vectors the exception handler tells apart (Intel SDM 6.3.1). */
#define X86_EXC_NMI             2
#define X86_EXC_DF              8
#define X86_EXC_PF              14
#define X86_EXC_MC              18

/* Interrupt vectors 32-255 have stubs of the same size (arch/x86/irq.c). */
#define X86_IRQ_FIRST_VECTOR    32
#define X86_IRQ_NR_STUBS        (256 - X86_IRQ_FIRST_VECTOR)

/* Byte offsets in struct cpu_regs, for assembly (checked below). */
#define REGS_RSI                80
#define REGS_RCX                96
#define REGS_R11                32
#define REGS_VECTOR             120
#define REGS_RIP                136
#define REGS_CS                 144
#define REGS_RFLAGS             152
#define REGS_RSP                160
#define REGS_SS                 168
#define REGS_SIZE               176

#ifndef __ASSEMBLY__
#include <xen/types.h>

struct cpu_regs {
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;  /* 0 .. 56 */
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;     /* 64 .. 112 */
    uint64_t vector;                                /* 120 */
    uint64_t error_code;                            /* 128 */
    uint64_t rip, cs, rflags, rsp, ss;              /* 136 .. 168 */
};
_Static_assert(sizeof(struct cpu_regs) == REGS_SIZE, "cpu_regs");
_Static_assert(__builtin_offsetof(struct cpu_regs, rsi) == REGS_RSI, "rsi");
_Static_assert(__builtin_offsetof(struct cpu_regs, rcx) == REGS_RCX, "rcx");
_Static_assert(__builtin_offsetof(struct cpu_regs, r11) == REGS_R11, "r11");
_Static_assert(__builtin_offsetof(struct cpu_regs, vector) == REGS_VECTOR,
               "vector");
_Static_assert(__builtin_offsetof(struct cpu_regs, rip) == REGS_RIP, "rip");
_Static_assert(__builtin_offsetof(struct cpu_regs, cs) == REGS_CS, "cs");
_Static_assert(__builtin_offsetof(struct cpu_regs, rflags) == REGS_RFLAGS,
               "rflags");
_Static_assert(__builtin_offsetof(struct cpu_regs, rsp) == REGS_RSP, "rsp");
_Static_assert(__builtin_offsetof(struct cpu_regs, ss) == REGS_SS, "ss");

void do_trap(struct cpu_regs *regs);

/*
 * An interrupt (vector 32-255), taken in dom0 or in the hypervisor's
 * `sti; hlt` (arch/x86/irq.c).
 */
void do_irq(struct cpu_regs *regs);

/*
 * Prints the registers of r, CR2 and CR3 on seven lines, each starting
 * with prefix: "RIP: CS:RIP CR3:", "RFLAGS: … CR2: … RSP:", then RAX RBX
 * RCX, RDX RSI RDI, RBP R8 R9, R10 R11 R12, R13 R14 R15 (regs_print.c).
 */
void arch_regs_print(const char *prefix, const struct cpu_regs *r,
                     uint64_t cr2, uint64_t cr3);

/* Loads the hypervisor's GDT, TSS and IDT on this CPU. */
void arch_cpu_init(void);

/*
 * Sets CR4 to the hypervisor's own value whatever the loader left (no
 * global pages, PCIDs, XSAVE or FSGSBASE), and logs both (cr4.c).
 */
void arch_cr4_init(void);
#else /* __ASSEMBLY__ */

/*
 * The general registers in the reverse order of struct cpu_regs, so that
 * after the CPU's (or the entry's own) frame and the vector/error words
 * %rsp points at a struct cpu_regs; and the way back.
 */
.macro SAVE_GPRS
        push    %rax
        push    %rbx
        push    %rcx
        push    %rdx
        push    %rsi
        push    %rdi
        push    %rbp
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %r12
        push    %r13
        push    %r14
        push    %r15
.endm

.macro RESTORE_GPRS
        pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rbp
        pop     %rdi
        pop     %rsi
        pop     %rdx
        pop     %rcx
        pop     %rbx
        pop     %rax
.endm

#endif /* __ASSEMBLY__ */

#endif /* ASM_REGS_H */
