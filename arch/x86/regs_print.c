/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one register dump of an exception report, for the hypervisor's own
 * exceptions (arch/x86/traps.c) and dom0's fatal ones (pv/traps.c).
 */
#include <xen/console.h>
#include <asm/regs.h>

void arch_regs_print(const char *prefix, const struct cpu_regs *r,
                     uint64_t cr2, uint64_t cr3)
{
    printk("%sRIP: %04lx:%016lx CR3: %016lx\n", prefix,
           (unsigned long)r->cs, (unsigned long)r->rip, (unsigned long)cr3);
    printk("%sRFLAGS: %016lx CR2: %016lx RSP: %016lx\n", prefix,
           (unsigned long)r->rflags, (unsigned long)cr2,
           (unsigned long)r->rsp);
    printk("%sRAX: %016lx RBX: %016lx RCX: %016lx\n", prefix,
           (unsigned long)r->rax, (unsigned long)r->rbx,
           (unsigned long)r->rcx);
    printk("%sRDX: %016lx RSI: %016lx RDI: %016lx\n", prefix,
           (unsigned long)r->rdx, (unsigned long)r->rsi,
           (unsigned long)r->rdi);
    printk("%sRBP: %016lx R8:  %016lx R9:  %016lx\n", prefix,
           (unsigned long)r->rbp, (unsigned long)r->r8,
           (unsigned long)r->r9);
    printk("%sR10: %016lx R11: %016lx R12: %016lx\n", prefix,
           (unsigned long)r->r10, (unsigned long)r->r11,
           (unsigned long)r->r12);
    printk("%sR13: %016lx R14: %016lx R15: %016lx\n", prefix,
           (unsigned long)r->r13, (unsigned long)r->r14,
           (unsigned long)r->r15);
}
