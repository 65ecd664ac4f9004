/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's one vCPU as a 64-bit PV kernel sees it: the virtual IDT and the
 * exception frames bounced to it, the iret hypercall, callbacks, guest
 * kernel/user mode, the kernel stack, lazy FPU switching, segment bases,
 * GDT descriptors, vcpu_op, timers, and blocking until an event.
 *
 * There are no interrupts: timers are looked at whenever the hypervisor
 * is entered (hypercall, exception) and while dom0 blocks or polls, and
 * a due VIRQ_TIMER is raised then. Pending events are delivered to the
 * event callback on every return to dom0 when its vcpu_info does not
 * mask them.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/pvcpu.h>
#include <xen/string.h>
#include <public/callback.h>
#include <public/event_channel.h>
#include <public/physdev.h>
#include <public/vcpu.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/regs.h>
#include <asm/tsc.h>
#include <asm/x86-defs.h>

#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SHADOW_GS_BASE  0xc0000102
#define CR0_TS              0x00000008ULL
#define PERIODIC_DEFAULT_NS 10000000ULL     /* Xen's 10 ms */
#define PERIODIC_MIN_NS     1000000ULL      /* 1 ms */
#define POLL_MAX_PORTS      128
#define GDT_GUEST_ENTRIES   (FIRST_RESERVED_GDT_BYTE / 8)
#define DESCS_PER_PAGE      (PAGE_SIZE / 8)
#define EXC_NM              7
#define EXC_GP              13
#define EXC_PF              14
#define EXC_UD              6

struct pv_vcpu dom0_vcpu;
bool pv_need_iret;

static uint64_t tsc0;
static uint32_t tsc_mul;
static int8_t tsc_shift;
static uint64_t gdt_buf[PV_GDT_MAX_FRAMES * DESCS_PER_PAGE];

uint64_t pv_now_ns(void)
{
    return pvcpu_scale_delta(rdtsc() - tsc0, tsc_mul, tsc_shift);
}

static struct shared_info *shared_info(void)
{
    return __va(hv_info.dom0_shared_info_pa);
}

static void set_time_info(struct vcpu_info *vi)
{
    vi->time.version++;
    __asm__ volatile ( "" ::: "memory" );
    vi->time.tsc_timestamp = tsc0;
    vi->time.system_time = 0;
    vi->time.tsc_to_system_mul = tsc_mul;
    vi->time.tsc_shift = tsc_shift;
    __asm__ volatile ( "" ::: "memory" );
    vi->time.version++;
}

void pv_vcpu_init(void)
{
    struct pv_vcpu *v = &dom0_vcpu;
    struct shared_info *si = shared_info();
    enum tsc_source src;
    uint32_t khz = arch_tsc_khz(&src);

    memset(v, 0, sizeof(*v));
    v->kernel_mode = true;
    v->kernel_ss = FLAT_KERNEL_SS;
    v->vi = &si->vcpu_info[0];
    /* As Xen builds a dom0: events masked until the kernel unmasks. */
    for ( unsigned int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++ )
        si->vcpu_info[i].evtchn_upcall_mask = 1;
    tsc0 = rdtsc();
    pvcpu_time_scale(khz ? khz : 1000000, &tsc_mul, &tsc_shift);
    set_time_info(v->vi);
    v->periodic_ns = PERIODIC_DEFAULT_NS;
    v->periodic_next = PERIODIC_DEFAULT_NS;
    evtchn_init(&v->evtchn, si, v->vi);
}

void pv_toggle_guest_mode(void)
{
    struct pv_vcpu *v = &dom0_vcpu;

    v->kernel_mode = !v->kernel_mode;
    __asm__ volatile ( "swapgs" ::: "memory" );
    pv_load_guest_cr3(!v->kernel_mode);
}

/* Raises VIRQ_TIMER when the single-shot or the periodic timer is due. */
static void timer_poll(void)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t now = pv_now_ns();

    if ( v->timer_deadline && now >= v->timer_deadline )
    {
        v->timer_deadline = 0;
        evtchn_send_virq(&v->evtchn, VIRQ_TIMER);
    }
    if ( v->periodic_ns && now >= v->periodic_next )
    {
        v->periodic_next = now + v->periodic_ns;
        evtchn_send_virq(&v->evtchn, VIRQ_TIMER);
    }
}

/* Whether a timer can ever end a wait: armed, and VIRQ_TIMER bound. */
static bool timer_can_wake(void)
{
    const struct pv_vcpu *v = &dom0_vcpu;

    return v->evtchn.virq_port[VIRQ_TIMER] &&
           (v->timer_deadline || v->periodic_ns);
}

static void __noreturn guest_crash(const char *why, const struct cpu_regs *r)
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
        guest_crash("cannot write an exception frame on its kernel stack",
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

    timer_poll();
    if ( !pvcpu_canonical(r->rip) )
    {
        r->vector = EXC_GP;
        r->error_code = 0;
        if ( !pv_bounce(r, v->traps[EXC_GP].address,
                        v->traps[EXC_GP].flags & PVCPU_TI_MASK_EVENTS,
                        true, 0) )
            pv_guest_fault(r);
    }
    if ( v->vi->evtchn_upcall_pending && !v->vi->evtchn_upcall_mask )
        pv_bounce(r, v->event_cb, true, false, 0);
}

/* The selector's descriptor in the live GDT (0 beyond it or for an LDT). */
static uint64_t selector_desc(uint64_t sel)
{
    return (sel & 4) ? 0 : arch_gdt_entry((sel & 0xffff) >> 3);
}

void pv_do_iret(struct cpu_regs *r)
{
    struct pv_vcpu *v = &dom0_vcpu;
    struct iret_context ic;
    struct pvcpu_iret_out o;

    if ( copy_from_guest(&ic, r->rsp, sizeof(ic)) )
        guest_crash("iret frame unreadable", r);
    pvcpu_iret(&ic, &o);
    if ( !pvcpu_selector_ok(o.cs, selector_desc(o.cs), true, false) ||
         !pvcpu_selector_ok(o.ss, selector_desc(o.ss), false, true) )
        guest_crash("iret to an unusable CS or SS", r);
    if ( o.to_user && v->kernel_mode )
        pv_toggle_guest_mode();
    r->rip = o.rip;
    r->cs = o.cs;
    r->rflags = o.rflags;
    r->rsp = o.rsp;
    r->ss = o.ss;
    if ( o.restore_rcx_r11 )
    {
        r->rcx = ic.rcx;
        r->r11 = ic.r11;
        pv_need_iret = true;
    }
    v->vi->evtchn_upcall_mask = o.upcall_mask;
    r->rax = ic.rax;
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
 out:
    pv_exit_to_guest(r);
}

long pv_set_trap_table(uint64_t traps)
{
    struct pv_vcpu *v = &dom0_vcpu;

    if ( !traps )
    {
        memset(v->traps, 0, sizeof(v->traps));
        return 0;
    }
    for ( ; ; traps += sizeof(struct trap_info) )
    {
        struct trap_info in, out;
        int rc;

        if ( copy_from_guest(&in, traps, sizeof(in)) )
            return -XEN_EFAULT;
        rc = pvcpu_trap_entry(&in, &out);
        if ( rc < 0 )
            return rc;
        if ( rc > 0 )
            return 0;
        v->traps[out.vector] = out;
    }
}

static long callback_register(const struct callback_register *cb)
{
    struct pv_vcpu *v = &dom0_vcpu;
    bool mask = cb->flags & CALLBACKF_mask_events;

    if ( !pvcpu_canonical(cb->address) )
        return -XEN_EINVAL;
    switch ( cb->type )
    {
    case CALLBACKTYPE_event:
        v->event_cb = cb->address;
        return 0;
    case CALLBACKTYPE_failsafe:
        v->failsafe_cb = cb->address;
        v->failsafe_masks = mask;
        return 0;
    case CALLBACKTYPE_syscall:
        v->syscall_cb = cb->address;
        v->syscall_masks = mask;
        return 0;
    case CALLBACKTYPE_syscall32:    /* recorded; never used (no 32-bit) */
        v->syscall32_cb = cb->address;
        return 0;
    case CALLBACKTYPE_sysenter:     /* recorded; sysenter is not enabled */
        v->sysenter_cb = cb->address;
        return 0;
    case CALLBACKTYPE_nmi:          /* recorded; no NMI reaches dom0 */
        v->nmi_cb = cb->address;
        return 0;
    }
    return -XEN_ENOSYS;
}

long pv_callback_op(uint64_t cmd, uint64_t arg)
{
    struct callback_register reg;
    struct callback_unregister unreg;

    switch ( cmd )
    {
    case CALLBACKOP_register:
        if ( copy_from_guest(&reg, arg, sizeof(reg)) )
            return -XEN_EFAULT;
        return callback_register(&reg);
    case CALLBACKOP_unregister:
        if ( copy_from_guest(&unreg, arg, sizeof(unreg)) )
            return -XEN_EFAULT;
        switch ( unreg.type )
        {
        case CALLBACKTYPE_event:
        case CALLBACKTYPE_failsafe:
        case CALLBACKTYPE_syscall:
        case CALLBACKTYPE_syscall32:
        case CALLBACKTYPE_sysenter:
            return -XEN_EINVAL;
        case CALLBACKTYPE_nmi:
            dom0_vcpu.nmi_cb = 0;
            return 0;
        }
        return -XEN_ENOSYS;
    }
    return -XEN_ENOSYS;
}

long pv_set_callbacks(uint64_t event, uint64_t failsafe, uint64_t syscall)
{
    struct callback_register ev = { CALLBACKTYPE_event, 0, event };
    struct callback_register fs = { CALLBACKTYPE_failsafe,
                                    CALLBACKF_mask_events, failsafe };
    struct callback_register sc = { CALLBACKTYPE_syscall,
                                    CALLBACKF_mask_events, syscall };

    callback_register(&ev);
    callback_register(&fs);
    callback_register(&sc);
    return 0;
}

long pv_stack_switch(uint64_t ss, uint64_t sp)
{
    dom0_vcpu.kernel_ss = (ss & 3) ? ss : ss | 3;
    dom0_vcpu.kernel_sp = sp;
    return 0;
}

long pv_fpu_taskswitch(uint64_t set)
{
    uint64_t cr0;

    __asm__ volatile ( "mov %%cr0, %0" : "=r" (cr0) );
    if ( set )
        __asm__ volatile ( "mov %0, %%cr0" :: "r" (cr0 | CR0_TS) );
    else
        __asm__ volatile ( "clts" );
    dom0_vcpu.fpu_ts = set;
    return 0;
}

long pv_set_segment_base(uint64_t which, uint64_t base)
{
    uint16_t sel;

    switch ( which )
    {
    case SEGBASE_FS:
    case SEGBASE_GS_USER:
    case SEGBASE_GS_KERNEL:
        if ( !pvcpu_canonical(base) )
            return -XEN_EINVAL;
        wrmsr(which == SEGBASE_FS ? MSR_FS_BASE :
              which == SEGBASE_GS_USER ? MSR_SHADOW_GS_BASE : MSR_GS_BASE,
              base);
        return 0;
    case SEGBASE_GS_USER_SEL:
        /* A selector that would fault is replaced by the null one. */
        sel = base & 0xffff;
        if ( !pvcpu_selector_ok(sel, selector_desc(sel), false, false) )
            sel = 0;
        __asm__ volatile ( "swapgs\n\t"
                           "mov %0, %%gs\n\t"
                           "swapgs" :: "r" (sel) : "memory" );
        return 0;
    }
    return -XEN_EINVAL;
}

/* A frame dom0 owns that is not one of its page tables. */
static bool plain_dom0_frame(uint64_t mfn, uint64_t *pfn)
{
    return pv_mfn_to_pfn(&dom0, mfn, pfn) && !dom0.pt_level[*pfn];
}

long pv_set_gdt(uint64_t frame_list, uint64_t entries)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t frames[PV_GDT_MAX_FRAMES], pfn;
    unsigned int nr;

    if ( entries > GDT_GUEST_ENTRIES )
        return -XEN_EINVAL;
    nr = (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE;
    if ( nr && copy_from_guest(frames, frame_list, nr * sizeof(frames[0])) )
        return -XEN_EFAULT;
    for ( unsigned int i = 0; i < nr; i++ )
    {
        /* Like Xen: no writable mapping of a GDT frame may exist. */
        if ( !plain_dom0_frame(frames[i], &pfn) || dom0.wcount[pfn] )
            return -XEN_EINVAL;
        memcpy(&gdt_buf[i * DESCS_PER_PAGE], __va(frames[i] << PAGE_SHIFT),
               PAGE_SIZE);
    }
    for ( unsigned int i = 0; i < entries; i++ )
        if ( pvcpu_check_descriptor(&gdt_buf[i]) )
            return -XEN_EINVAL;
    for ( unsigned int i = 0; i < GDT_GUEST_ENTRIES; i++ )
        arch_gdt_set_guest(i, i < entries ? gdt_buf[i] : 0);
    memset(v->gdt_frames, 0, sizeof(v->gdt_frames));
    memcpy(v->gdt_frames, frames, nr * sizeof(frames[0]));
    v->gdt_ents = entries;
    return 0;
}

long pv_update_descriptor(uint64_t ma, uint64_t desc)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t mfn = ma >> PAGE_SHIFT, pfn;
    unsigned int idx = (ma & (PAGE_SIZE - 1)) / 8;

    if ( (ma & 7) || !plain_dom0_frame(mfn, &pfn) ||
         pvcpu_check_descriptor(&desc) )
        return -XEN_EINVAL;
    *(uint64_t *)__va(ma) = desc;
    for ( unsigned int i = 0; i < PV_GDT_MAX_FRAMES; i++ )
        if ( v->gdt_frames[i] == mfn &&
             i * DESCS_PER_PAGE + idx < v->gdt_ents )
            arch_gdt_set_guest(i * DESCS_PER_PAGE + idx, desc);
    return 0;
}

static void runstate_fill(struct vcpu_runstate_info *rs)
{
    uint64_t now = pv_now_ns();

    memset(rs, 0, sizeof(*rs));
    rs->state = RUNSTATE_running;
    rs->state_entry_time = now;
    rs->time[RUNSTATE_blocked] = dom0_vcpu.blocked_ns;
    rs->time[RUNSTATE_running] = now - dom0_vcpu.blocked_ns;
}

static void runstate_update(void)
{
    struct vcpu_runstate_info rs;

    if ( !dom0_vcpu.runstate_va )
        return;
    runstate_fill(&rs);
    copy_to_guest(dom0_vcpu.runstate_va, &rs, sizeof(rs));
}

static long register_vcpu_info(const struct vcpu_register_vcpu_info *r)
{
    struct pv_vcpu *v = &dom0_vcpu;
    struct vcpu_info *vi;
    uint64_t pfn;

    if ( r->offset > PAGE_SIZE - sizeof(struct vcpu_info) ||
         v->vi_registered || !plain_dom0_frame(r->mfn, &pfn) )
        return -XEN_EINVAL;
    vi = (struct vcpu_info *)((uint8_t *)__va(r->mfn << PAGE_SHIFT) +
                              r->offset);
    memcpy(vi, v->vi, sizeof(*vi));
    /* Everything pending once: nothing raised before is lost. */
    vi->evtchn_upcall_pending = 1;
    vi->evtchn_pending_sel = ~0ULL;
    v->vi = vi;
    v->vi_registered = true;
    v->evtchn.vi = vi;
    set_time_info(vi);
    return 0;
}

long pv_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg)
{
    struct pv_vcpu *v = &dom0_vcpu;
    union {
        struct vcpu_runstate_info rs;
        struct vcpu_register_runstate_memory_area area;
        struct vcpu_set_periodic_timer per;
        struct vcpu_set_singleshot_timer ss;
        struct vcpu_register_vcpu_info vi;
    } u;

    if ( vcpuid != 0 )
        return -XEN_ENOENT;
    switch ( cmd )
    {
    case VCPUOP_is_up:
        return 1;
    case VCPUOP_down:
        /*
         * Xen parks the vCPU; with dom0's only one parked nothing can run
         * again (Linux does this in its halt loop after an early panic).
         */
        printk("dom0 took its only vCPU down; stopping it\n");
        pv_shutdown(SHUTDOWN_crash);
    case VCPUOP_get_runstate_info:
        runstate_fill(&u.rs);
        return copy_to_guest(arg, &u.rs, sizeof(u.rs)) ? -XEN_EFAULT : 0;
    case VCPUOP_register_runstate_memory_area:
        if ( copy_from_guest(&u.area, arg, sizeof(u.area)) )
            return -XEN_EFAULT;
        if ( !pvcpu_canonical(u.area.addr.p) ||
             (u.area.addr.p >= __HYPERVISOR_VIRT_START &&
              u.area.addr.p < __HYPERVISOR_VIRT_END) )
            return -XEN_EFAULT;
        v->runstate_va = u.area.addr.p;
        runstate_update();
        return 0;
    case VCPUOP_set_periodic_timer:
        if ( copy_from_guest(&u.per, arg, sizeof(u.per)) )
            return -XEN_EFAULT;
        if ( u.per.period_ns < PERIODIC_MIN_NS )
            return -XEN_EINVAL;
        v->periodic_ns = u.per.period_ns;
        v->periodic_next = pv_now_ns() + u.per.period_ns;
        return 0;
    case VCPUOP_stop_periodic_timer:
        v->periodic_ns = 0;
        return 0;
    case VCPUOP_set_singleshot_timer:
        if ( copy_from_guest(&u.ss, arg, sizeof(u.ss)) )
            return -XEN_EFAULT;
        if ( (u.ss.flags & VCPU_SSHOTTMR_future) &&
             u.ss.timeout_abs_ns < pv_now_ns() )
            return -XEN_ETIME;
        v->timer_deadline = u.ss.timeout_abs_ns ? u.ss.timeout_abs_ns : 1;
        return 0;
    case VCPUOP_stop_singleshot_timer:
        v->timer_deadline = 0;
        return 0;
    case VCPUOP_register_vcpu_info:
        if ( copy_from_guest(&u.vi, arg, sizeof(u.vi)) )
            return -XEN_EFAULT;
        return register_vcpu_info(&u.vi);
    }
    return -XEN_ENOSYS;
}

long pv_physdev_op(uint64_t cmd, uint64_t arg)
{
    struct physdev_set_iopl iopl;

    switch ( cmd )
    {
    case PHYSDEVOP_set_iopl:
        if ( copy_from_guest(&iopl, arg, sizeof(iopl)) )
            return -XEN_EFAULT;
        if ( iopl.iopl > 3 )
            return -XEN_EINVAL;
        dom0_vcpu.iopl = iopl.iopl;
        return 0;
    }
    return -XEN_ENOSYS;
}

long pv_set_timer_op(uint64_t timeout)
{
    dom0_vcpu.timer_deadline = timeout;
    return 0;
}

long pv_sched_block(void)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t start = pv_now_ns();

    v->vi->evtchn_upcall_mask = 0;
    for ( ; ; )
    {
        timer_poll();
        if ( v->vi->evtchn_upcall_pending )
            break;
        if ( !timer_can_wake() )
        {
            printk("WARNING: dom0 blocked with no timer and no event; "
                   "not blocking\n");
            break;
        }
        __asm__ volatile ( "pause" );
    }
    v->blocked_ns += pv_now_ns() - start;
    runstate_update();
    return 0;
}

long pv_sched_poll(uint64_t arg)
{
    struct pv_vcpu *v = &dom0_vcpu;
    struct sched_poll p;
    uint32_t ports[POLL_MAX_PORTS];

    if ( copy_from_guest(&p, arg, sizeof(p)) )
        return -XEN_EFAULT;
    if ( p.nr_ports > POLL_MAX_PORTS )
        return -XEN_EINVAL;
    if ( p.nr_ports &&
         copy_from_guest(ports, guest_handle_va(p.ports),
                         p.nr_ports * sizeof(ports[0])) )
        return -XEN_EFAULT;
    for ( unsigned int i = 0; i < p.nr_ports; i++ )
        if ( ports[i] >= EVTCHN_NR_PORTS )
            return -XEN_EINVAL;
    for ( ; ; )
    {
        timer_poll();
        for ( unsigned int i = 0; i < p.nr_ports; i++ )
            if ( evtchn_is_pending(&v->evtchn, ports[i]) )
                return 0;
        if ( p.timeout && pv_now_ns() >= p.timeout )
            return 0;
        if ( !p.timeout && !timer_can_wake() )
        {
            printk("WARNING: dom0 polled with no timeout and no timer; "
                   "not blocking\n");
            return 0;
        }
        __asm__ volatile ( "pause" );
    }
}
