/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Exceptions taken by the hypervisor itself: every one is fatal, except
 * an NMI (noted) and a #DB single-step trap on the first instruction of a
 * syscall entry (dom0 set TF before `syscall`; FMASK clears it, the trap
 * is dropped, as Xen does). A fault on pv_return's sysretq or iretq is
 * dom0's crash, not the hypervisor's. One taken inside an EFI runtime
 * call is the firmware's: it gets its own one-line report and a clean
 * poweroff (common/efi/rs_call.c).
 * The report names the vector, shows all registers, CR2 and CR3 and a short
 * stack dump (only when the stack pointer lies in a stack we own, so that
 * reporting cannot fault again), then halts.
 */
#include <xen/console.h>
#include <xen/efi_rs.h>
#include <xen/perfc.h>
#include <asm/bootmap.h>
#include <asm/io.h>
#include <asm/pv.h>
#include <asm/regs.h>

#define STACK_DUMP_WORDS    16
#define EXC_DB              1
#define EXC_NMI             2

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

extern char pv_syscall_entry[], pv_cstar_entry[];

void do_trap(struct cpu_regs *r)
{
    static unsigned int nmi_seen;
    const char *name = r->vector < X86_EXC_NR_STUBS && exc_names[r->vector]
                       ? exc_names[r->vector] : "reserved";

    /* From ring 3: dom0's, bounced to it or reported as its fault. */
    if ( (r->cs & 3) == 3 )
    {
        uint64_t t0 = rdtsc(), vec = r->vector;

        perfc_incra(exceptions, vec);
        if ( !pv_emulate(r) )
            pv_guest_trap(r);
        perfc_adda(exception_time, vec, rdtsc() - t0);
        return;                         /* emulated, bounced or fatal */
    }
    /*
     * An NMI is not the firmware's doing even inside it: the call goes on
     * (a machine check there is fatal as anywhere else, a double fault
     * most often the runtime stack overrunning its guard page: CR2 then
     * names the page).
     */
    if ( r->vector == EXC_NMI )
    {
        if ( efi_rs_in_call() )
            efi_rs_nmi();
        else if ( !nmi_seen++ )
            printk("WARNING: NMI in the hypervisor (port 0x61: %#x)\n",
                   inb(0x61));
        return;
    }
    if ( r->vector == EXC_DB && (r->rip == (uint64_t)(uintptr_t)
                                 pv_syscall_entry ||
                                 r->rip == (uint64_t)(uintptr_t)
                                 pv_cstar_entry) )
        return;
    if ( r->rip == (uint64_t)(uintptr_t)pv_return_iretq ||
         r->rip == (uint64_t)(uintptr_t)pv_return_sysretq )
    {
        printk("dom0 exception %lu, error code %#lx, on the way back to "
               "it\n", (unsigned long)r->vector,
               (unsigned long)r->error_code);
        pv_return_faulted(r);
    }
    /* Inside the firmware: its report, and a poweroff that avoids it. */
    if ( efi_rs_in_call() )
    {
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
