/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CR4 from a known value on every entry path. The loader or firmware
 * leaves whatever it used (OVMF leaves PGE set, and so global TLB entries
 * that survive a CR3 switch); the hypervisor uses no global pages, no
 * PCIDs, no XSAVE state and no FSGSBASE instructions, so it starts from
 * the few bits it needs and later code adds its own (SSE for dom0, SMEP
 * and SMAP when offered).
 */
#include <xen/console.h>
#include <asm/regs.h>
#include <asm/x86-defs.h>

#define CR4_MCE             0x00000040UL
#define CR4_OSXMMEXCPT      0x00000400UL
#define CR4_LA57            0x00001000UL
#define CPUID1_EDX_MCE      (1U << 7)

/* See asm/regs.h. */
void arch_cr4_init(void)
{
    uint32_t a, b, c, d;
    uint64_t old, cr4;

    __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                       : "0" (1), "2" (0) );
    __asm__ volatile ( "mov %%cr4, %0" : "=r" (old) );
    /*
     * PAE for long mode, SSE state (every x86-64 CPU has FXSR), machine
     * checks reported as #MC rather than a shutdown. LA57 cannot change
     * while paging is on: it stays (the entry paths refuse 5 levels).
     */
    cr4 = X86_CR4_PAE | X86_CR4_OSFXSR | CR4_OSXMMEXCPT | (old & CR4_LA57);
    if ( d & CPUID1_EDX_MCE )
        cr4 |= CR4_MCE;
    __asm__ volatile ( "mov %0, %%cr4" :: "r" (cr4) : "memory" );
    printk(XENLOG_INFO "CR4 %#lx (the loader left %#lx)\n",
           (unsigned long)cr4, (unsigned long)old);
}
