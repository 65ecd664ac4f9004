/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SMEP and SMAP (Intel SDM vol. 3, 4.6): ring 0 never executes, and never
 * reads or writes, a user page, so a hypervisor bug cannot be steered
 * into dom0's memory (a PV kernel's pages are all user pages: it runs at
 * ring 3). The hypervisor reaches guest memory only through the direct
 * map (arch/x86/pv/guest_copy.c walks dom0's tables in software), so no
 * code needs stac; ring 0 only has to drop an AC that dom0 left set
 * (ENTRY_CLAC in arch/x86/entry.S, FMASK for syscall).
 */
#include <xen/console.h>
#include <asm/smap.h>

#define X86_CR4_SMEP        (1UL << 20)
#define X86_CR4_SMAP        (1UL << 21)
#define CPUID7_EBX_SMEP     (1U << 7)
#define CPUID7_EBX_SMAP     (1U << 20)

/* Read by the entry stubs: clac only when the CPU has it. */
bool cpu_smap_on;

/* See asm/smap.h. */
void smap_init(void)
{
    uint32_t a, b = 0, c, d, max;
    uint64_t cr4;

    __asm__ volatile ( "cpuid" : "=a" (max), "=b" (b), "=c" (c), "=d" (d)
                       : "0" (0), "2" (0) );
    if ( max >= 7 )
        __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                           : "0" (7), "2" (0) );
    else
        b = 0;
    __asm__ volatile ( "mov %%cr4, %0" : "=r" (cr4) );
    if ( b & CPUID7_EBX_SMEP )
        cr4 |= X86_CR4_SMEP;
    if ( b & CPUID7_EBX_SMAP )
    {
        /* AC clear before SMAP applies: nothing here expects user pages. */
        __asm__ volatile ( "clac" ::: "memory" );
        cr4 |= X86_CR4_SMAP;
        cpu_smap_on = true;
    }
    __asm__ volatile ( "mov %0, %%cr4" :: "r" (cr4) : "memory" );
    printk(XENLOG_INFO "SMEP %s, SMAP %s\n", b & CPUID7_EBX_SMEP ? "on" :
           "not offered by the CPU", b & CPUID7_EBX_SMAP ? "on" :
           "not offered by the CPU");
}
