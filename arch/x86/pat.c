/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PAT as Xen sets it, after ExitBootServices on the EFI paths (the
 * firmware runs with its own until then) and before dom0 exists.
 */
#include <xen/console.h>
#include <asm/io.h>
#include <asm/pat.h>

#define CPUID1_EDX_PAT  (1U << 16)

/* See asm/pat.h. */
void pat_init(void)
{
    uint32_t a = 1, b, c = 0, d;

    __asm__ volatile ( "cpuid" : "+a" (a), "=b" (b), "+c" (c), "=d" (d) );
    if ( !(d & CPUID1_EDX_PAT) )
    {
        printk(XENLOG_INFO "PAT: not offered by the CPU\n");
        return;
    }
    wrmsr(MSR_PAT, XEN_MSR_PAT);
    printk(XENLOG_INFO "PAT: %#llx (WB WT UC- UC WC WP UC UC, as Xen)\n",
           (unsigned long long)rdmsr(MSR_PAT));
}
