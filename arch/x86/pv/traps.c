/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPU side of running dom0: syscall MSRs, the trap stack, the C half of
 * the syscall entries, exceptions, syscalls and events reflected to dom0's
 * kernel (the bounce frame), the checked way out to dom0 (pv_exit_to_guest,
 * the C half of pv_return), and what happens when dom0 takes an exception
 * it has no handler for or asks to shut down: a report, then a clean
 * poweroff of the machine.
 */
#include <xen/console.h>
#include <xen/evtchn.h>
#include <xen/fmt.h>
#include <xen/hypercall.h>
#include <xen/perfc.h>
#include <xen/pv_abi.h>
#include <xen/pvcpu.h>
#include <xen/pvmsr.h>
#include <xen/setup.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/pv.h>
#include <asm/regs.h>
#include <asm/smap.h>
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
#define EXC_NMI             2
#define EXC_UD              6
#define EXC_NM              7
#define EXC_GP              13
#define EXC_PF              14
#define PF_EC_USER          0x4

#define PV_SYSCALL32_VECTOR 0x101
/* Tries of the way out: a fault bounced, then an event, then the check. */
#define EXIT_MAX_ROUNDS     4
#define EXIT_FAULT_REPORTS  10

extern char pv_syscall_entry[], pv_cstar_entry[];

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
    wrmsr(MSR_CSTAR, (uint64_t)(uintptr_t)pv_cstar_entry);
    wrmsr(MSR_FMASK, SYSCALL_FMASK);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    /*
     * Xen's PAT (entries 0-3 as at reset, then WC, WP, UC, UC): dom0 reads
     * it by rdmsr and picks write-combining for its framebuffers by it.
     */
    wrmsr(MSR_IA32_CR_PAT, PVMSR_XEN_PAT);
    arch_set_rsp0((uint64_t)(uintptr_t)pv_stack_end);
    pv_vcpu_init();
    arch_irq_init(hv_info.bi);
    smap_init();

    /* A PV kernel may use SSE: FXSR and SIMD exceptions on, no emulation. */
    __asm__ volatile ( "mov %%cr0, %0" : "=r" (cr0) );
    cr0 = (cr0 | X86_CR0_MP) & ~(uint64_t)(X86_CR0_EM | X86_CR0_TS);
    __asm__ volatile ( "mov %0, %%cr0" :: "r" (cr0) );
    __asm__ volatile ( "mov %%cr4, %0" : "=r" (cr4) );
    cr4 |= X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
    __asm__ volatile ( "mov %0, %%cr4" :: "r" (cr4) );
}

/* See asm/pv.h. */
bool pv_syscall(struct cpu_regs *r)
{
    uint64_t t0 = rdtsc(), nr = r->rax;
    bool sysret = true;

    /* A 32-bit code segment's syscall is never a hypercall (Xen). */
    if ( r->vector == PV_SYSCALL32_VECTOR || !dom0_vcpu.kernel_mode )
    {
        perfc_incr(user_syscalls);
        pv_user_syscall(r);
        return true;
    }
    if ( r->rax == __HYPERVISOR_iret )
        sysret = !pv_do_iret(r);
    else
    {
        r->rax = (uint64_t)do_hypercall(r->rax, r->rdi, r->rsi, r->rdx,
                                        r->r10, r->r8);
        r->rflags = (r->rflags & ~(uint64_t)GUEST_RFLAGS_DROP) | 2;
    }
    perfc_incra(hypercalls, nr);
    perfc_adda(hypercall_time, nr, rdtsc() - t0);
    return sysret;
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

/* See asm/pv.h. */
struct cpu_regs *pv_guest_regs(void)
{
    /* pv_stack_end is a label: go through its address, not the array. */
    return (struct cpu_regs *)((uintptr_t)pv_stack_end -
                               sizeof(struct cpu_regs));
}

/*
 * The fault the CPU would raise instead of returning to r, delivered to
 * dom0 through its trap table with r as the interrupted context (as Xen
 * 4.17 turns a faulting iretq into the guest's fault); without a handler,
 * dom0 crashes with the reason.
 */
static void exit_fault(struct cpu_regs *r, const struct pvcpu_exit_fault *f)
{
    static unsigned int nr_reported;
    const struct trap_info *ti = &dom0_vcpu.traps[f->vector];
    char why[96];

    /* A few lines for whoever debugs the guest; a guest cannot flood. */
    if ( nr_reported < EXIT_FAULT_REPORTS )
    {
        nr_reported++;
        printk(XENLOG_INFO "dom0's return to %04lx:%016lx would fault at "
               "ring 0 (%s): dom0's exception %u, error code %#x\n",
               (unsigned long)(r->cs & 0xffff), (unsigned long)r->rip,
               f->why, f->vector, f->error_code);
    }
    r->vector = f->vector;
    r->error_code = f->error_code;
    if ( pv_bounce(r, ti->address, ti->flags & PVCPU_TI_MASK_EVENTS, true,
                   f->error_code) )
        return;
    fmt_snprintf(why, sizeof(why), "its return to %04lx:%016lx would "
                 "fault (%s)", (unsigned long)(r->cs & 0xffff),
                 (unsigned long)r->rip, f->why);
    pv_guest_crash(why, r);
}

/* See asm/pv.h. */
bool pv_exit_to_guest(struct cpu_regs *r, bool may_sysret)
{
    struct pv_vcpu *v = &dom0_vcpu;
    struct pvcpu_exit_fault f;

    pv_timer_poll();
    for ( unsigned int round = 0; ; round++ )
    {
        struct pvcpu_exit_in in = {
            .rip = r->rip, .cs = r->cs, .ss = r->ss,
            .cs_desc = pv_selector_desc(r->cs),
            .ss_desc = pv_selector_desc(r->ss),
        };

        /* IF is dom0's always; its virtual IF is evtchn_upcall_mask. */
        r->rflags = (r->rflags & PVCPU_RF_GUEST) | PVCPU_RF_IF | 2;
        if ( round == EXIT_MAX_ROUNDS )
            pv_guest_crash("no usable context to return to", r);
        if ( !pvcpu_exit_check(&in, &f) )
        {
            exit_fault(r, &f);
            may_sysret = true;          /* bounced: RCX/R11 are in the frame */
            continue;
        }
        if ( v->vi->evtchn_upcall_pending && !v->vi->evtchn_upcall_mask &&
             pv_bounce(r, v->event_cb, true, false, 0) )
        {
            perfc_incr(events_delivered);
            may_sysret = true;
            continue;
        }
        break;
    }
    pv_timer_reprogram();
    return may_sysret && r->cs == FLAT_RING3_CS64 && r->ss == FLAT_RING3_DS;
}

/* See asm/pv.h. */
void pv_return_faulted(const struct cpu_regs *r)
{
    struct cpu_regs g = *r;
    const uint64_t *frame = (const uint64_t *)(uintptr_t)r->rsp;

    /*
     * r is the hypervisor's fault frame: the general registers are
     * already dom0's. iretq faulted with its frame still at RSP; sysretq
     * with RIP and RFLAGS in RCX and R11 and dom0's RSP loaded.
     */
    if ( r->rip == (uint64_t)(uintptr_t)pv_return_iretq )
    {
        g.rip = frame[0];
        g.cs = frame[1];
        g.rflags = frame[2];
        g.rsp = frame[3];
        g.ss = frame[4];
    }
    else
    {
        g.rip = r->rcx;
        g.cs = FLAT_RING3_CS64;
        g.rflags = r->r11;
        g.ss = FLAT_RING3_DS;
    }
    pv_guest_crash("the return to it faulted at ring 0", &g);
}

void pv_user_syscall(struct cpu_regs *r)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t cb = r->vector == PV_SYSCALL32_VECTOR ? v->syscall32_cb
                                                    : v->syscall_cb;

    /* `syscall` left the return RIP in RCX and RFLAGS in R11. */
    r->rcx = r->rip;
    r->r11 = r->rflags;
    if ( cb )
    {
        r->rflags &= ~(uint64_t)0x400;      /* DF, as the CPU would */
        /* Xen's one VGCF_syscall_disables_events covers both. */
        pv_bounce(r, cb, v->syscall_masks, false, 0);
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
    static unsigned int nmi_seen;
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t vec = r->vector, ec = r->error_code;
    const struct trap_info *ti;

    if ( vec == EXC_NM )
    {
        __asm__ volatile ( "clts" );
        if ( !v->fpu_ts )
            goto out;               /* ours: the FPU is usable again */
        v->fpu_ts = false;
    }
    /* An NMI is the machine's: noted, dom0 goes on. */
    if ( vec == EXC_NMI )
    {
        if ( !nmi_seen++ )
            printk("WARNING: NMI while dom0 ran (port 0x61: %#x)\n",
                   inb(0x61));
        return;
    }
    /* #DF and #MC are the machine's, never dom0's. */
    if ( vec >= 32 || vec == 8 || vec == 18 )
        pv_guest_fault(r);
    if ( vec == EXC_PF )
    {
        v->vi->arch.cr2 = read_cr2();
        /*
         * Both halves of a PV guest run at ring 3, so the CPU always sets
         * the user bit: as Xen does, dom0 is told guest user mode instead,
         * and so is the report of a fault dom0 has no handler for.
         */
        ec = (ec & ~PF_EC_USER) | (v->kernel_mode ? 0 : PF_EC_USER);
        r->error_code = ec;
    }
    ti = &v->traps[vec];
    if ( !pv_bounce(r, ti->address, ti->flags & PVCPU_TI_MASK_EVENTS,
                    (X86_EXC_ERRCODE_MASK >> vec) & 1, ec) )
        pv_guest_fault(r);
    perfc_incra(exceptions_bounced, vec);
 out:
    return;
}
