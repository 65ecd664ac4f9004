/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stacks EFI runtime calls run on (asm/efi_rs_stack.h). The firmware
 * runs on a stack of its own, not on whatever stack the caller had (the
 * boot stack, or dom0's hypercall stack), with a guard page below it that
 * neither the hypervisor's page tables nor the runtime ones map: firmware
 * that overruns it faults at once (a double fault, on its own IST stack)
 * and is reported, instead of silently writing hypervisor memory. The
 * fault path then moves to a third stack for the report and the
 * poweroff, since the one it arrived on may be the overrun one or the
 * small IST stack.
 */
#include <xen/console.h>
#include <xen/efi_rs.h>
#include <asm/bootmap.h>
#include <asm/config.h>
#include <asm/efi_rs_stack.h>
#include <asm/io.h>
#include <asm/page.h>

/* See xen/efi_rs.h. */
uint64_t arch_efi_rs_call(const void *fn, const uint64_t args[5])
{
    return efi_rs_call_on_stack(fn, args, efi_rs_stack_top);
}

/* See xen/efi_rs.h. */
void arch_efi_rs_fault_exit(efi_rs_fault_fn *fn, unsigned int vector,
                            const char *name, uint64_t rip,
                            uint64_t error_code, uint64_t fault_addr)
{
    efi_rs_fault_on_stack((const void *)fn, vector, (uintptr_t)name, rip,
                          error_code, fault_addr);
}

/* See xen/efi_rs.h. */
void arch_efi_rs_stack_init(void)
{
    uint64_t va = (uint64_t)(uintptr_t)efi_rs_stack_guard;
    uint64_t *pte = &l1_xen[(va - XEN_IMG_START) >> PAGE_SHIFT];

    /*
     * The image is mapped in 4 KiB pages through l1_xen, which every L4
     * the hypervisor runs on shares (the runtime L4 copies the slot).
     */
    *pte = 0;
    __asm__ volatile ( "invlpg (%0)" :: "r" (va) : "memory" );
    printk(XENLOG_INFO "EFI runtime calls: stack [%p, %p), guard page at %p "
           "unmapped\n", (void *)efi_rs_stack, (void *)efi_rs_stack_top,
           (void *)efi_rs_stack_guard);
}
