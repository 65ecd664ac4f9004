/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's one vCPU as a 64-bit PV kernel sees it: its state (struct
 * pv_vcpu), the time scale of its vcpu_info, guest kernel/user mode, the
 * kernel stack, lazy FPU switching, segment bases, its runstate and
 * vcpu_info areas, and vcpu_op. Timers, blocking and polling are in
 * time.c, exception and event delivery in traps.c, iret in iret.c.
 */
#include <xen/console.h>
#include <xen/evtchn.h>
#include <xen/pv_abi.h>
#include <xen/pvcpu.h>
#include <xen/pvpt.h>
#include <xen/string.h>
#include <xen/tsc.h>
#include <public/vcpu.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/tsc.h>
#include <asm/x86-defs.h>

#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SHADOW_GS_BASE  0xc0000102
#define CR0_TS              0x00000008ULL
#define PERIODIC_DEFAULT_NS 10000000ULL     /* Xen's 10 ms */
#define PERIODIC_MIN_NS     1000000ULL      /* 1 ms */
#define PERIODIC_MAX_NS     (~0ULL >> 2)    /* Xen's STIME_DELTA_MAX */

struct pv_vcpu dom0_vcpu;

static uint64_t tsc0;
static uint32_t tsc_mul, tsc_khz;
static int8_t tsc_shift;
/* The pair vcpu_info.time carries: system time sys_stamp at TSC tsc_stamp. */
static uint64_t tsc_stamp, sys_stamp;

uint64_t pv_now_ns(void)
{
    return pvcpu_scale_delta(rdtsc() - tsc0, tsc_mul, tsc_shift);
}

/* See asm/pv.h. */
uint64_t pv_ns_to_tsc(uint64_t ns)
{
    return tsc_deadline_after(tsc0, ns, tsc_khz);
}

static struct shared_info *shared_info(void)
{
    return __va(hv_info.dom0_shared_info_pa);
}

/* Odd version while the record changes: a reader retries (Xen's ABI). */
static void set_time_info(struct vcpu_info *vi)
{
    vi->time.version++;
    __asm__ volatile ( "" ::: "memory" );
    vi->time.tsc_timestamp = tsc_stamp;
    vi->time.system_time = sys_stamp;
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
    tsc_stamp = tsc0;
    sys_stamp = 0;
    tsc_khz = khz ? khz : 1000000;
    pvcpu_time_scale(tsc_khz, &tsc_mul, &tsc_shift);
    set_time_info(v->vi);
    v->periodic_ns = PERIODIC_DEFAULT_NS;
    v->periodic_next = PERIODIC_DEFAULT_NS;
    evtchn_init(&v->evtchn, si, v->vi);
    pv_wallclock_init();
}

/* See asm/pv.h. */
void pv_time_refresh(void)
{
    tsc_stamp = rdtsc();
    sys_stamp = pvcpu_scale_delta(tsc_stamp - tsc0, tsc_mul, tsc_shift);
    set_time_info(dom0_vcpu.vi);
}

void pv_toggle_guest_mode(void)
{
    struct pv_vcpu *v = &dom0_vcpu;

    v->kernel_mode = !v->kernel_mode;
    __asm__ volatile ( "swapgs" ::: "memory" );
    pv_load_guest_cr3(!v->kernel_mode);
}

long do_stack_switch(uint64_t ss, uint64_t sp)
{
    dom0_vcpu.kernel_ss = (ss & 3) ? ss : ss | 3;
    dom0_vcpu.kernel_sp = sp;
    return 0;
}

long do_fpu_taskswitch(uint64_t set)
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

long do_set_segment_base(uint64_t which, uint64_t base)
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
        if ( !pvcpu_selector_ok(sel, pv_selector_desc(sel), false, false) )
            sel = 0;
        __asm__ volatile ( "swapgs\n\t"
                           "mov %0, %%gs\n\t"
                           "swapgs" :: "r" (sel) : "memory" );
        return 0;
    }
    return -XEN_EINVAL;
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

/* See asm/pv.h. */
void pv_runstate_update(void)
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

    /*
     * The hypervisor writes vcpu_info for as long as dom0 runs (pending
     * bits, CR2 on a #PF, time): the frame keeps a writable-type reference
     * from now on, so it can never be typed as a page table (Xen takes
     * the same reference and there is no unregistering).
     */
    if ( r->offset > PAGE_SIZE - sizeof(struct vcpu_info) ||
         v->vi_registered || pv_get_writable(r->mfn, &pfn) )
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

long do_vcpu_op(uint64_t cmd, uint64_t vcpuid, uint64_t arg)
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
        arch_domain_shutdown(SHUTDOWN_crash);
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
        pv_runstate_update();
        return 0;
    case VCPUOP_set_periodic_timer:
        if ( copy_from_guest(&u.per, arg, sizeof(u.per)) )
            return -XEN_EFAULT;
        if ( u.per.period_ns < PERIODIC_MIN_NS ||
             u.per.period_ns > PERIODIC_MAX_NS )
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
        /*
         * Xen's system time is signed: a deadline with bit 63 set is in
         * the past and fires at once (1, as 0 means none here).
         */
        v->timer_deadline = u.ss.timeout_abs_ns &&
                            (int64_t)u.ss.timeout_abs_ns > 0
                            ? u.ss.timeout_abs_ns : 1;
        return 0;
    case VCPUOP_stop_singleshot_timer:
        v->timer_deadline = 0;
        return 0;
    case VCPUOP_register_vcpu_info:
        if ( copy_from_guest(&u.vi, arg, sizeof(u.vi)) )
            return -XEN_EFAULT;
        return register_vcpu_info(&u.vi);
    }
    return hypercall_unimplemented(__HYPERVISOR_vcpu_op, cmd);
}

/* See xen/evtchn.h. */
bool arch_dom0_frame_writable(uint64_t gfn)
{
    uint64_t pfn;

    return pv_plain_frame(gfn, &pfn) && dom0.wcount[pfn] < PVPT_WCOUNT_MAX;
}

/* See xen/evtchn.h. */
struct evtchn_table *arch_dom0_evtchn(void)
{
    return &dom0_vcpu.evtchn;
}
