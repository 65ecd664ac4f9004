/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions taken by the hypervisor itself: every one is fatal for now.
 * One taken inside an EFI runtime call is the firmware's: it gets its own
 * one-line report and a clean poweroff (common/efi/runtime.c).
 * The report names the vector, shows all registers, CR2 and CR3 and a short
 * stack dump (only when the stack pointer lies in a stack we own, so that
 * reporting cannot fault again), then halts.
 */
#include <xen/console.h>
#include <xen/efi_rs.h>
#include <asm/bootmap.h>
#include <asm/io.h>
#include <asm/pv.h>
#include <asm/regs.h>

#define STACK_DUMP_WORDS    16

static const char *const exc_names[X86_EXC_NR_STUBS] = {
    "#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
    "#OF overflow", "#BR bound range", "#UD invalid opcode",
    "#NM device not available", "#DF double fault", "coprocessor overrun",
    "#TS invalid TSS", "#NP segment not present", "#SS stack fault",
    "#GP general protection", "#PF page fault", "reserved 15",
    "#MF x87 error", "#AC alignment check", "#MC machine check",
    "#XM SIMD error", "#VE virtualization", "#CP control protection",
};

static bool in_image(uint64_t va, uint64_t bytes)
{
    uint64_t lo = (uint64_t)(uintptr_t)__bss_start;
    uint64_t hi = (uint64_t)(uintptr_t)__bss_end;

    return va >= lo && va <= hi && bytes <= hi - va;
}

void do_trap(struct cpu_regs *r)
{
    const char *name = r->vector < X86_EXC_NR_STUBS && exc_names[r->vector]
                       ? exc_names[r->vector] : "reserved";

    /* From ring 3: dom0's, bounced to it or reported as its fault. */
    if ( (r->cs & 3) == 3 )
    {
        if ( !pv_emulate(r) )
            pv_guest_trap(r);
        return;                         /* emulated, bounced or fatal */
    }
    /*
     * Inside the firmware: its report, and a poweroff that avoids it. An
     * NMI or a machine check is not the firmware's doing: an NMI lets the
     * call go on, a machine check is fatal as anywhere else. A double
     * fault there is most often an overrun of the runtime stack into its
     * guard page; CR2 then names the page.
     */
    if ( efi_rs_in_call() )
    {
        if ( r->vector == X86_EXC_NMI )
        {
            efi_rs_nmi();
            return;
        }
        if ( r->vector == X86_EXC_MC )
            efi_rs_machine_check();
        else
            efi_rs_fault(r->vector, name, r->rip, r->error_code,
                         r->vector == X86_EXC_PF || r->vector == X86_EXC_DF
                         ? read_cr2() : 0);
    }
    printk("*** CPU exception %lu: %s, error code %#lx ***\n",
           (unsigned long)r->vector, name, (unsigned long)r->error_code);
    arch_regs_print("", r, read_cr2(), read_cr3());

    if ( in_image(r->rsp, STACK_DUMP_WORDS * 8) )
    {
        const uint64_t *sp = (const uint64_t *)(uintptr_t)r->rsp;

        printk("Stack at %016lx:\n", (unsigned long)r->rsp);
        for ( unsigned int i = 0; i < STACK_DUMP_WORDS; i += 4 )
            printk("  %016lx %016lx %016lx %016lx\n", (unsigned long)sp[i],
                   (unsigned long)sp[i + 1], (unsigned long)sp[i + 2],
                   (unsigned long)sp[i + 3]);
    }
    else
        printk("Stack at %016lx: outside the hypervisor's stacks, not "
               "dumped\n", (unsigned long)r->rsp);
    panic("fatal exception in the hypervisor");
}

void arch_halt(void)
{
    for ( ; ; )
        __asm__ volatile ( "cli; hlt" );
}
