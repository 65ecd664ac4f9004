/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPU side of running dom0: syscall MSRs, the trap stack, the C half of
 * the hypercall entry, exceptions, syscalls and events reflected to dom0's
 * kernel (the bounce frame), and what happens when dom0 takes an exception
 * it has no handler for or asks to shut down: a report, then a clean
 * poweroff of the machine.
 */
#include <xen/console.h>
#include <xen/evtchn.h>
#include <xen/hypercall.h>
#include <xen/perfc.h>
#include <xen/pv_abi.h>
#include <xen/pvcpu.h>
#include <xen/setup.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/pv.h>
#include <asm/regs.h>
#include <asm/x86-defs.h>

#define MSR_STAR            0xc0000081
#define MSR_LSTAR           0xc0000082
#define MSR_CSTAR           0xc0000083
#define MSR_FMASK           0xc0000084
/* Cleared on syscall: TF, IF, DF, IOPL, NT, AC. */
#define SYSCALL_FMASK       0x47700
/* What dom0 may not carry back to ring 3: IF, IOPL, NT, VM, AC. */
#define GUEST_RFLAGS_DROP   0x64200
#define X86_CR0_EM          0x00000004
#define X86_CR0_TS          0x00000008
#define X86_CR4_OSXMMEXCPT  0x00000400
#define EXC_UD              6
#define EXC_NM              7
#define EXC_GP              13
#define EXC_PF              14

extern char pv_syscall_entry[], pv_stack_end[];

/*
 * The C half of pv_syscall_entry. From guest user mode it is a system
 * call for the guest kernel, bounced to its syscall callback. From guest
 * kernel mode it is a hypercall: iret (23) returns to the frame the guest
 * pushed; any other runs hypercall RAX with RDI, RSI, RDX, R10, R8 and
 * puts the result in RAX, with the RFLAGS dom0 gets back made safe (no
 * IF, no IOPL). Then pv_exit_to_guest: due timers, a return address that
 * is not canonical (dom0's #GP, as sysretq and iretq cannot go there) and
 * pending events. Returns non-zero when the way back must be iretq (RCX
 * and R11 to restore, or selectors other than the flat 64-bit ones).
 */
int pv_syscall(struct cpu_regs *r);

void pv_cpu_init(void)
{
    uint64_t cr0, cr4;

    /*
     * sysretq loads CS = base + 16 and SS = base + 8 (both | 3): with base
     * 0xe023 that is 0xe033 and 0xe02b, the selectors dom0 expects.
     */
    wrmsr(MSR_STAR, ((uint64_t)FLAT_RING3_CS32 << 48) |
                    ((uint64_t)__HYPERVISOR_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)(uintptr_t)pv_syscall_entry);
    wrmsr(MSR_CSTAR, 0);
    wrmsr(MSR_FMASK, SYSCALL_FMASK);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    arch_set_rsp0((uint64_t)(uintptr_t)pv_stack_end);
    pv_vcpu_init();

    /* A PV kernel may use SSE: FXSR and SIMD exceptions on, no emulation. */
    __asm__ volatile ( "mov %%cr0, %0" : "=r" (cr0) );
    cr0 = (cr0 | X86_CR0_MP) & ~(uint64_t)(X86_CR0_EM | X86_CR0_TS);
    __asm__ volatile ( "mov %0, %%cr0" :: "r" (cr0) );
    __asm__ volatile ( "mov %%cr4, %0" : "=r" (cr4) );
    cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    __asm__ volatile ( "mov %0, %%cr4" :: "r" (cr4) );
}

int pv_syscall(struct cpu_regs *r)
{
    uint64_t t0 = rdtsc(), nr = r->rax;

    pv_need_iret = false;
    if ( !dom0_vcpu.kernel_mode )
    {
        perfc_incr(user_syscalls);
        pv_user_syscall(r);
        nr = ~0ULL;
    }
    else if ( r->rax == __HYPERVISOR_iret )
        pv_do_iret(r);
    else
    {
        r->rax = (uint64_t)do_hypercall(r->rax, r->rdi, r->rsi, r->rdx,
                                        r->r10, r->r8);
        r->rflags = (r->rflags & ~(uint64_t)GUEST_RFLAGS_DROP) | 2;
    }
    pv_exit_to_guest(r);
    if ( nr != ~0ULL )
    {
        perfc_incra(hypercalls, nr);
        perfc_adda(hypercall_time, nr, rdtsc() - t0);
    }
    return pv_need_iret || r->cs != FLAT_RING3_CS64 ||
           r->ss != FLAT_RING3_DS;
}

static const char *shutdown_reason(unsigned int reason)
{
    switch ( reason )
    {
    case SHUTDOWN_poweroff: return "poweroff";
    case SHUTDOWN_reboot:   return "reboot";
    case SHUTDOWN_suspend:  return "suspend";
    case SHUTDOWN_crash:    return "crash";
    case SHUTDOWN_watchdog: return "watchdog";
    }
    return "unknown";
}

void arch_domain_shutdown(unsigned int reason)
{
    /* Back on the hypervisor's own tables: firmware calls need them. */
    write_cr3(dom0.idle_cr3);
    printk("dom0 shut down: reason %u (%s)%s\n", reason,
           shutdown_reason(reason),
           reason == SHUTDOWN_poweroff || reason == SHUTDOWN_reboot
           ? "" : "; powering off instead");
    boot_timeline_print(hv_info.bi);
    if ( reason == SHUTDOWN_reboot )
    {
        printk("Boot complete: rebooting\n");
        arch_reboot(hv_info.bi);
        panic("reboot failed");
    }
    printk("Boot complete: powering off\n");
    arch_poweroff(hv_info.bi);
    panic("poweroff failed");
}

void pv_guest_fault(const struct cpu_regs *r)
{
    uint64_t cr2 = read_cr2(), cr3 = read_cr3();

    write_cr3(dom0.idle_cr3);
    printk("dom0 exception %lu, error code %#lx, at %04lx:%016lx\n",
           (unsigned long)r->vector, (unsigned long)r->error_code,
           (unsigned long)r->cs, (unsigned long)r->rip);
    arch_regs_print("dom0 ", r, cr2, cr3);
    arch_domain_shutdown(SHUTDOWN_crash);
}

/* See asm/pv.h. */
void __noreturn pv_guest_crash(const char *why, const struct cpu_regs *r)
{
    printk("dom0 crashed: %s\n", why);
    pv_guest_fault(r);
}

bool pv_bounce(struct cpu_regs *r, uint64_t handler, bool mask_events,
               bool has_error_code, uint64_t error_code)
{
    struct pv_vcpu *v = &dom0_vcpu;
    struct pvcpu_bounce_in in = {
        .rip = r->rip, .cs = r->cs, .rflags = r->rflags, .rsp = r->rsp,
        .ss = r->ss, .rcx = r->rcx, .r11 = r->r11,
        .kernel_mode = v->kernel_mode, .kernel_sp = v->kernel_sp,
        .has_error_code = has_error_code, .error_code = error_code,
        .upcall_mask = v->vi->evtchn_upcall_mask,
    };
    struct pvcpu_bounce_out out;

    if ( !handler )
        return false;
    pvcpu_bounce_frame(&in, &out);
    if ( !v->kernel_mode )
        pv_toggle_guest_mode();
    if ( copy_to_guest(out.sp, out.words, out.nr_words * 8) )
        pv_guest_crash("cannot write an exception frame on its kernel stack",
                    r);
    if ( mask_events )
        v->vi->evtchn_upcall_mask = 1;
    r->rip = handler;
    r->cs = FLAT_KERNEL_CS;
    r->ss = FLAT_KERNEL_SS;
    r->rsp = out.sp;
    r->rflags &= ~(PVCPU_RF_TF | PVCPU_RF_VM | PVCPU_RF_RF | PVCPU_RF_NT |
                   PVCPU_RF_IF | PVCPU_RF_IOPL);
    r->rflags |= 2;
    return true;
}

void pv_exit_to_guest(struct cpu_regs *r)
{
    struct pv_vcpu *v = &dom0_vcpu;

    pv_timer_poll();
    if ( !pvcpu_canonical(r->rip) )
    {
        r->vector = EXC_GP;
        r->error_code = 0;
        if ( !pv_bounce(r, v->traps[EXC_GP].address,
                        v->traps[EXC_GP].flags & PVCPU_TI_MASK_EVENTS,
                        true, 0) )
            pv_guest_fault(r);
    }
    if ( v->vi->evtchn_upcall_pending && !v->vi->evtchn_upcall_mask &&
         pv_bounce(r, v->event_cb, true, false, 0) )
        perfc_incr(events_delivered);
}

void pv_user_syscall(struct cpu_regs *r)
{
    struct pv_vcpu *v = &dom0_vcpu;

    /* `syscall` left the return RIP in RCX and RFLAGS in R11. */
    r->rcx = r->rip;
    r->r11 = r->rflags;
    if ( v->syscall_cb )
    {
        r->rflags &= ~(uint64_t)0x400;      /* DF, as the CPU would */
        pv_bounce(r, v->syscall_cb, v->syscall_masks, false, 0);
        return;
    }
    /* No callback: #UD at the syscall instruction, as Xen does. */
    r->rip -= 2;
    r->vector = EXC_UD;
    if ( !pv_bounce(r, v->traps[EXC_UD].address,
                    v->traps[EXC_UD].flags & PVCPU_TI_MASK_EVENTS, false, 0) )
        pv_guest_fault(r);
}

void pv_guest_trap(struct cpu_regs *r)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t vec = r->vector;
    const struct trap_info *ti;

    if ( vec == EXC_NM )
    {
        __asm__ volatile ( "clts" );
        if ( !v->fpu_ts )
            goto out;               /* ours: the FPU is usable again */
        v->fpu_ts = false;
    }
    /* NMI, #DF and #MC are the machine's, never dom0's. */
    if ( vec >= 32 || vec == 2 || vec == 8 || vec == 18 )
        pv_guest_fault(r);
    if ( vec == EXC_PF )
        v->vi->arch.cr2 = read_cr2();
    ti = &v->traps[vec];
    if ( !pv_bounce(r, ti->address, ti->flags & PVCPU_TI_MASK_EVENTS,
                    (X86_EXC_ERRCODE_MASK >> vec) & 1, r->error_code) )
        pv_guest_fault(r);
    perfc_incra(exceptions_bounced, vec);
 out:
    pv_exit_to_guest(r);
}
