/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0-pvcpu: a self-test of the 64-bit PV CPU interface, run as dom0's
 * kernel would use it. Registers a trap table and takes #BP, #UD and #PF
 * through it (checking the frame and that iret restores RCX and R11);
 * enters guest user mode, whose syscall reaches the syscall callback and
 * whose #UD reaches the kernel's handler; binds VIRQ_TIMER and an IPI and
 * receives them through the event callback; then throws bad arguments at
 * the hypercalls and checks Xen's errors. Ends with
 * "pvcpu: N passed, M failed".
 */
#include <public/arch-x86_64.h>
#include <public/callback.h>
#include <public/errno.h>
#include <public/event_channel.h>
#include <public/sched.h>
#include <public/vcpu.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"
#include "pvcpu.h"

#define KERNEL_CS_RPL0      0xe030
#define USER_CS             0xe033
#define FLAT_SS             0xe02b
#define NONCANONICAL        0x8000000000000000UL
#define UNMAPPED_LOW        0x1000UL
#define VEC_EVENT           0x100
#define VEC_SYSCALL         0x101
#define VEC_SYSCALL32       0x102
#define PAGE_BYTES          4096

/* What a handler in pvcpu_entry.S finds at its %rbp. */
struct pvcpu_stack {
    uint64_t rbp, r10, r9, r8, rdi, rsi, rdx, rax;
    uint64_t frame[];           /* RCX, R11, [error code], RIP, CS, ... */
};

void pvcpu_event(uint64_t vec, struct pvcpu_stack *s, uint64_t has_ec);
void pvcpu_entry_db(void);
void pvcpu_entry_bp(void);
void pvcpu_entry_ud(void);
void pvcpu_entry_gp(void);
void pvcpu_entry_pf(void);
void pvcpu_entry_int80(void);
void pvcpu_entry_event(void);
void pvcpu_entry_syscall(void);
void pvcpu_entry_syscall32(void);
void pvcpu_user_code(void);
extern const uint8_t pvcpu_user_fep[], pvcpu_user_fep_end[];
extern uint64_t pvcpu_iret_flags;

volatile struct pvcpu_seen pvcpu_seen;
volatile struct pvcpu_redirect pvcpu_redirect;
#define seen pvcpu_seen
static volatile uint64_t pf_resume;
static volatile unsigned int events, timer_events, ipi_events;
static volatile uint32_t timer_port, ipi_port;
static volatile uint64_t user_ping, user_answer, user_syscall_cs;
static volatile unsigned int user_ud;
static struct shared_info *si;
static struct vcpu_info *vi;
static uint8_t si_page[PAGE_BYTES] __attribute__((__aligned__(PAGE_BYTES)));
static uint8_t scratch[PAGE_BYTES] __attribute__((__aligned__(PAGE_BYTES)));
static uint64_t gdt_page[PAGE_BYTES / 8]
    __attribute__((__aligned__(PAGE_BYTES)));
static uint8_t vi_page[PAGE_BYTES] __attribute__((__aligned__(PAGE_BYTES)));
static volatile uint64_t ud_new_cs;
/* Set while a test expects #GP (skip the 2-byte instruction) or #UD. */
static volatile bool gp_skip, user_ud_exits;
/* Pages for the tables the hostile cases build: see test_tables. */
static uint64_t pt_pages[9][PAGE_BYTES / 8]
    __attribute__((__aligned__(PAGE_BYTES)));
static uint8_t user_stack[PAGE_BYTES] __attribute__((__aligned__(16)));
static uint8_t trap_stack[2 * PAGE_BYTES] __attribute__((__aligned__(16)));
static unsigned int passed, failed;

/* See pvcpu.h. */
void pvcpu_check(const char *what, bool ok)
{
    console_line("pvcpu: %s: %s", what, ok ? "ok" : "FAIL");
    if ( ok )
        passed++;
    else
        failed++;
}

/* See pvcpu.h. */
void pvcpu_expect(const char *what, long rc, long want)
{
    console_line("pvcpu: %s: rc=%ld expected %ld: %s", what, rc, want,
                 rc == want ? "ok" : "FAIL");
    if ( rc == want )
        passed++;
    else
        failed++;
}

#define check pvcpu_check
#define expect pvcpu_expect

/* See pvcpu.h. */
long pvcpu_hc(unsigned long nr, unsigned long a1, unsigned long a2,
              unsigned long a3)
{
    return hypercall_raw(nr, a1, a2, a3, 0, 0);
}
#define hc pvcpu_hc

static void take_events(void)
{
    uint64_t sel = __atomic_exchange_n(&vi->evtchn_pending_sel, 0,
                                       __ATOMIC_SEQ_CST);

    vi->evtchn_upcall_pending = 0;
    for ( unsigned int w = 0; w < 64; w++ )
    {
        uint64_t bits;

        if ( !(sel >> w & 1) )
            continue;
        bits = si->evtchn_pending[w] & ~si->evtchn_mask[w];
        si->evtchn_pending[w] &= ~bits;
        for ( unsigned int b = 0; b < 64; b++ )
        {
            uint32_t port = w * 64 + b;

            if ( !(bits >> b & 1) )
                continue;
            events++;
            if ( port == timer_port )
                timer_events++;
            if ( port == ipi_port )
                ipi_events++;
        }
    }
}

void pvcpu_event(uint64_t vec, struct pvcpu_stack *s, uint64_t has_ec)
{
    uint64_t *f = s->frame;
    uint64_t *iret = f + 2 + (has_ec ? 1 : 0);  /* RIP, CS, RFLAGS, ... */

    if ( vec == VEC_EVENT )
    {
        take_events();
        return;
    }
    if ( vec == VEC_SYSCALL32 )
    {
        /* A 32-bit code segment's syscall: back to the kernel at once. */
        seen.vec = vec;
        seen.rcx = f[0];
        seen.r11 = f[1];
        seen.rip = iret[0];
        seen.cs = iret[1];
        seen.count++;
        iret[0] = (uint64_t)pvcpu_user_return;
        iret[1] = KERNEL_CS_RPL0;
        return;
    }
    if ( vec == VEC_SYSCALL )
    {
        user_syscall_cs = iret[1];
        if ( s->rax == 1 )
        {
            /* Back to user mode as from a syscall: RAX the answer. */
            user_ping = s->rdi;
            s->rax = 0x5a5a;
            pvcpu_iret_flags = VGCF_in_syscall;
            return;
        }
        /* Exit: the kernel resumes after pvcpu_run_user. */
        user_answer = s->rdi;
        iret[0] = (uint64_t)pvcpu_user_return;
        iret[1] = KERNEL_CS_RPL0;
        return;
    }
    seen.vec = vec;
    seen.rcx = f[0];
    seen.r11 = f[1];
    seen.ec = has_ec ? f[2] : 0;
    seen.rip = iret[0];
    seen.cs = iret[1];
    seen.rflags = iret[2];
    seen.rsp = iret[3];
    seen.ss = iret[4];
    seen.cr2 = vi->arch.cr2;
    seen.count++;
    if ( vec == 1 )
    {
        iret[2] &= ~0x100ULL;               /* TF: one step is enough */
        return;
    }
    if ( vec == 13 && gp_skip )
        iret[0] += 2;                       /* over the int N */
    /* A case of pvexit.c leaves the faulting context for a safe one. */
    if ( pvcpu_redirect.to_kernel && (iret[1] & 3) == 3 )
    {
        pvcpu_redirect.to_kernel = false;
        iret[0] = (uint64_t)pvcpu_user_return;
        iret[1] = KERNEL_CS_RPL0;
        return;
    }
    if ( vec == 6 && user_ud_exits && (iret[1] & 3) == 3 )
    {
        /* The user code cannot go on: back to the kernel. */
        iret[0] = (uint64_t)pvcpu_user_return;
        iret[1] = KERNEL_CS_RPL0;
        return;
    }
    if ( pvcpu_redirect.rip )
    {
        iret[0] = pvcpu_redirect.rip;
        iret[3] = pvcpu_redirect.rsp;
        pvcpu_redirect.rip = 0;
        return;
    }
    if ( vec == 6 )
    {
        iret[0] += 2;                       /* over the ud2 */
        if ( ud_new_cs )
            iret[1] = ud_new_cs;
        if ( (iret[1] & 3) == 3 )
            user_ud++;
    }
    if ( vec == 14 )
        iret[0] = pf_resume;
}

static uint64_t now_ns(void)
{
    const struct vcpu_time_info *t = &vi->time;
    uint32_t lo, hi;
    uint64_t d;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    d = (((uint64_t)hi << 32) | lo) - t->tsc_timestamp;
    d = t->tsc_shift < 0 ? d >> -t->tsc_shift : d << t->tsc_shift;
    return t->system_time +
           (uint64_t)(((unsigned __int128)d * t->tsc_to_system_mul) >> 32);
}

static void test_traps(void)
{
    struct trap_info table[] = {
        { 1, 0, KERNEL_CS_RPL0, (unsigned long)pvcpu_entry_db },
        { 3, 3, KERNEL_CS_RPL0, (unsigned long)pvcpu_entry_bp },
        { 6, 0, KERNEL_CS_RPL0, (unsigned long)pvcpu_entry_ud },
        { 13, 0, KERNEL_CS_RPL0, (unsigned long)pvcpu_entry_gp },
        { 14, 4, KERNEL_CS_RPL0, (unsigned long)pvcpu_entry_pf },
        { 0, 0, 0, 0 },
    };
    uint64_t rcx, r11, sp;

    expect("set_trap_table", hc(__HYPERVISOR_set_trap_table,
                                (unsigned long)table, 0, 0), 0);

    asm volatile ( "mov $0x1111, %%ecx\n\t"
                   "mov $0x2222, %%r11d\n\t"
                   "mov %%rsp, %2\n\t"
                   "int3\n\t"
                   "mov %%rcx, %0\n\t"
                   "mov %%r11, %1"
                   : "=&r" (rcx), "=&r" (r11), "=&r" (sp)
                   :: "rcx", "r11", "memory" );
    console_line("pvcpu: #BP frame rip=%p cs=%llx rflags=%llx rsp=%p ss=%llx "
                 "rcx=%llx r11=%llx", (void *)seen.rip,
                 (unsigned long long)seen.cs,
                 (unsigned long long)seen.rflags, (void *)seen.rsp,
                 (unsigned long long)seen.ss, (unsigned long long)seen.rcx,
                 (unsigned long long)seen.r11);
    check("#BP reached the handler with the kernel's frame",
          seen.count == 1 && seen.vec == 3 &&
          (seen.cs & 0xffff) == KERNEL_CS_RPL0 &&
          seen.ss == FLAT_SS && seen.rsp == sp && seen.rcx == 0x1111 &&
          seen.r11 == 0x2222);
    check("iret restored RCX and R11", rcx == 0x1111 && r11 == 0x2222);

    asm volatile ( "ud2" ::: "memory" );
    check("#UD reached the handler and resumed after ud2",
          seen.count == 2 && seen.vec == 6 &&
          (seen.cs & 0xffff) == KERNEL_CS_RPL0);

    asm volatile ( "lea 1f(%%rip), %%rax\n\t"
                   "mov %%rax, %0\n\t"
                   "mov (%1), %%eax\n"
                   "1:"
                   : "=m" (pf_resume) : "r" (UNMAPPED_LOW)
                   : "rax", "memory" );
    console_line("pvcpu: #PF error code %#llx cr2 %p",
                 (unsigned long long)seen.ec, (void *)seen.cr2);
    check("#PF reached the handler with error code 4 and CR2",
          seen.count == 3 && seen.vec == 14 && seen.ec == 4 &&
          seen.cr2 == UNMAPPED_LOW);
}

static void test_user(void)
{
    expect("stack_switch", hc(__HYPERVISOR_stack_switch, FLAT_SS,
                              (unsigned long)(trap_stack +
                                              sizeof(trap_stack)), 0), 0);
    pvcpu_run_user(pvcpu_user_code, user_stack + sizeof(user_stack),
                   USER_CS);
    console_line("pvcpu: user mode: ping %#llx answer %#llx syscall cs %llx",
                 (unsigned long long)user_ping,
                 (unsigned long long)user_answer,
                 (unsigned long long)user_syscall_cs);
    check("user-mode syscall reached the syscall callback",
          user_ping == 0x1234 && (user_syscall_cs & 0xffff) == USER_CS);
    check("iret (VGCF_in_syscall) returned RAX to user mode",
          user_answer == 0x5a5a);
    check("user-mode #UD reached the kernel's handler", user_ud == 1 &&
          (seen.cs & 0xffff) == USER_CS);
}

static void test_events(void)
{
    struct evtchn_bind_virq bv = { VIRQ_TIMER, 0, 0 };
    struct evtchn_bind_ipi bi = { 0, 0 };
    struct vcpu_set_singleshot_timer ss;
    struct sched_poll poll;
    uint32_t port;
    uint64_t t0;
    long rc;

    expect("stop_periodic_timer", hc(__HYPERVISOR_vcpu_op,
                                     VCPUOP_stop_periodic_timer, 0, 0), 0);
    expect("bind_virq VIRQ_TIMER", hc(__HYPERVISOR_event_channel_op,
                                      EVTCHNOP_bind_virq,
                                      (unsigned long)&bv, 0), 0);
    timer_port = bv.port;
    t0 = now_ns();
    expect("set_timer_op", hc(__HYPERVISOR_set_timer_op, t0 + 2000000, 0,
                              0), 0);
    /* The timer's interrupt may beat the block: then it has arrived. */
    rc = 0;
    while ( !timer_events && !rc )
        rc = hc(__HYPERVISOR_sched_op, SCHEDOP_block, 0, 0);
    expect("sched_op block", rc, 0);
    console_line("pvcpu: timer port %u, events %u, after %llu us",
                 timer_port, timer_events,
                 (unsigned long long)(now_ns() - t0) / 1000);
    check("VIRQ_TIMER reached the event callback after block",
          timer_events == 1 && now_ns() - t0 >= 2000000);

    expect("bind_ipi", hc(__HYPERVISOR_event_channel_op, EVTCHNOP_bind_ipi,
                          (unsigned long)&bi, 0), 0);
    ipi_port = bi.port;
    port = ipi_port;
    expect("send ipi", hc(__HYPERVISOR_event_channel_op, EVTCHNOP_send,
                          (unsigned long)&port, 0), 0);
    check("IPI delivered on return from send", ipi_events == 1);

    /* Masked events: poll sees the timer port pending. */
    vi->evtchn_upcall_mask = 1;
    ss.timeout_abs_ns = now_ns() + 1000000;
    ss.flags = VCPU_SSHOTTMR_future;
    expect("set_singleshot_timer", hc(__HYPERVISOR_vcpu_op,
                                      VCPUOP_set_singleshot_timer, 0,
                                      (unsigned long)&ss), 0);
    port = timer_port;
    set_xen_guest_handle(poll.ports, &port);
    poll.nr_ports = 1;
    poll.timeout = now_ns() + 1000000000ULL;
    expect("sched_op poll", hc(__HYPERVISOR_sched_op, SCHEDOP_poll,
                               (unsigned long)&poll, 0), 0);
    check("poll returned with the timer port pending",
          (si->evtchn_pending[port / 64] >> (port % 64)) & 1);
    vi->evtchn_upcall_mask = 0;
    /* Unmasking: the pending event arrives at the next hypercall. */
    expect("unmask", hc(__HYPERVISOR_event_channel_op, EVTCHNOP_unmask,
                        (unsigned long)&port, 0), 0);
    check("pending timer event delivered once unmasked", timer_events == 2);
}

/* Spins without a hypercall until ns of system time have passed. */
static void spin_ns(uint64_t ns)
{
    uint64_t t0 = now_ns();

    while ( now_ns() - t0 < ns )
        asm volatile ( "pause" ::: "memory" );
}

/*
 * The hypervisor's timer interrupt raises VIRQ_TIMER while dom0 spins
 * without making a hypercall: a periodic timer of 10 ms gives up to 100
 * upcalls in a second, a single-shot timer exactly one.
 */
static void test_timer_spin(void)
{
    struct vcpu_set_periodic_timer per = { 10000000 };
    struct vcpu_set_singleshot_timer ss;
    unsigned int before, n;
    uint64_t flags;

    asm volatile ( "pushf; pop %0" : "=r" (flags) );
    check("dom0 runs with RFLAGS.IF set", flags & 0x200);
    vi->evtchn_upcall_mask = 0;
    before = timer_events;
    expect("set_periodic_timer 10 ms", hc(__HYPERVISOR_vcpu_op,
                                          VCPUOP_set_periodic_timer, 0,
                                          (unsigned long)&per), 0);
    spin_ns(1000000000ULL);
    n = timer_events - before;
    expect("stop_periodic_timer", hc(__HYPERVISOR_vcpu_op,
                                     VCPUOP_stop_periodic_timer, 0, 0), 0);
    console_line("pvcpu: spinning 1 s without hypercalls: %u periodic timer "
                 "upcalls", n);
    /*
     * 100 on an idle machine; under TCG on a loaded host each tick comes
     * late and the next is a period after it, so fewer. None without
     * the timer interrupt.
     */
    check("periodic VIRQ_TIMER while spinning (20-150 in 1 s)",
          n >= 20 && n <= 150);

    before = timer_events;
    ss.timeout_abs_ns = now_ns() + 50000000ULL;
    ss.flags = VCPU_SSHOTTMR_future;
    expect("set_singleshot_timer 50 ms", hc(__HYPERVISOR_vcpu_op,
                                            VCPUOP_set_singleshot_timer, 0,
                                            (unsigned long)&ss), 0);
    spin_ns(200000000ULL);
    n = timer_events - before;
    console_line("pvcpu: spinning 200 ms: %u single-shot timer upcalls", n);
    check("one single-shot VIRQ_TIMER while spinning", n == 1);

    /*
     * A single-shot deadline at the end of time never fires (unit case
     * tsc/deadline_after: it must not wrap into the past either).
     */
    before = timer_events;
    ss.timeout_abs_ns = 0x7fffffffffffffffULL;
    ss.flags = 0;
    expect("set_singleshot_timer at the end of time",
           hc(__HYPERVISOR_vcpu_op, VCPUOP_set_singleshot_timer, 0,
              (unsigned long)&ss), 0);
    spin_ns(150000000ULL);
    n = timer_events - before;
    expect("stop_singleshot_timer", hc(__HYPERVISOR_vcpu_op,
                                       VCPUOP_stop_singleshot_timer, 0, 0),
           0);
    check("a single-shot deadline at the end of time never fires", n == 0);

    /* set_timer_op that far ahead is Linux's wrapped jiffies: 100 ms. */
    before = timer_events;
    expect("set_timer_op 2^63 - 1", hc(__HYPERVISOR_set_timer_op,
                                       0x7fffffffffffffffULL, 0, 0), 0);
    spin_ns(300000000ULL);
    n = timer_events - before;
    console_line("pvcpu: set_timer_op 2^63 - 1: %u upcalls in 300 ms", n);
    check("set_timer_op far ahead fires after 100 ms, as Xen", n == 1);
}

/* Page-table entry of dom0's own frame at va, writable or not. */
static long remap(void *va, bool writable)
{
    return hypercall_update_va_mapping((unsigned long)va,
                                       mm_virt_to_mfn(va) * PAGE_BYTES |
                                       MM_PTE_P | MM_PTE_US | MM_PTE_A |
                                       (writable ? MM_PTE_RW | MM_PTE_D
                                                 : 0), UVMF_INVLPG);
}

/*
 * A GDT of dom0's own, as Linux builds it (kernel CS 0x10 and DS 0x18 at
 * DPL 0): set_gdt fixes the DPL, iret may then return to CS 0x13, and
 * update_descriptor changes a live entry. A frame CS of RPL 3 would mean
 * a return to guest user mode.
 */
static void test_gdt(void)
{
    uint64_t frames[1] = { mm_virt_to_mfn(gdt_page) };
    uint16_t cs;

    gdt_page[2] = 0x00af9b000000ffffULL;    /* 0x10: 64-bit code, DPL 0 */
    gdt_page[3] = 0x00cf93000000ffffULL;    /* 0x18: data, DPL 0 */
    expect("map the GDT frame read-only", remap(gdt_page, false), 0);
    expect("set_gdt", hc(__HYPERVISOR_set_gdt, (unsigned long)frames, 4, 0),
           0);
    /* RPL 0 in the frame: stay in kernel mode (the CPU gets RPL 3). */
    ud_new_cs = 0x10;
    asm volatile ( "ud2\n\t"
                   "mov %%cs, %0" : "=r" (cs) :: "memory" );
    ud_new_cs = 0;
    console_line("pvcpu: after iret to selector 0x13: CS 0x%x", cs);
    check("iret to a set_gdt code selector (DPL fixed to 3)", cs == 0x13);
    expect("update_descriptor in the live GDT",
           hc(__HYPERVISOR_update_descriptor,
              frames[0] * PAGE_BYTES + 4 * 8, 0x00cff3000000ffffULL, 0), 0);
    expect("set_segment_base GS_USER_SEL 0x23",
           hc(__HYPERVISOR_set_segment_base, SEGBASE_GS_USER_SEL, 0x23, 0),
           0);
    /* The sysretq of every hypercall since went back to CS 0xe033. */
    expect("set_gdt empty", hc(__HYPERVISOR_set_gdt, (unsigned long)frames,
                               0, 0), 0);
    expect("map the GDT frame writable again", remap(gdt_page, true), 0);
}

/*
 * Hostile: the hypervisor keeps writing the registered vcpu_info (pending
 * bits, CR2), so its frame must never become a page table, even once
 * dom0 has dropped its own writable mapping (a page table there would let
 * those writes forge entries). Xen holds a writable-type reference: pin
 * and link as a table are -EINVAL.
 */
static void test_vcpu_info_frame_stays_data(void)
{
    struct mmuext_op op = { MMUEXT_PIN_L1_TABLE,
                            { mm_virt_to_mfn(vi_page) }, { 0 } };
    long rc;

    expect("map the vcpu_info frame read-only", remap(vi_page, false), 0);
    rc = hypercall_raw(__HYPERVISOR_mmuext_op, (unsigned long)&op, 1, 0,
                       DOMID_SELF, 0);
    if ( rc == 0 )
    {
        /* Undo at once: the hypervisor would write into a page table. */
        op.cmd = MMUEXT_UNPIN_TABLE;
        hypercall_raw(__HYPERVISOR_mmuext_op, (unsigned long)&op, 1, 0,
                      DOMID_SELF, 0);
    }
    expect("pin the registered vcpu_info frame as an L1", rc, -XEN_EINVAL);
    expect("map the vcpu_info frame writable again", remap(vi_page, true),
           0);
}

/* vcpu_info moved to a page of dom0's: contents kept, all pending once. */
static void test_vcpu_info(void)
{
    struct vcpu_register_vcpu_info r = { mm_virt_to_mfn(vi_page), 64, 0 };
    struct vcpu_info *nvi = (struct vcpu_info *)(vi_page + 64);
    unsigned int before = events;

    vi->evtchn_upcall_mask = 1;
    expect("register_vcpu_info", hc(__HYPERVISOR_vcpu_op,
                                    VCPUOP_register_vcpu_info, 0,
                                    (unsigned long)&r), 0);
    expect("register_vcpu_info again", hc(__HYPERVISOR_vcpu_op,
                                          VCPUOP_register_vcpu_info, 0,
                                          (unsigned long)&r), -XEN_EINVAL);
    check("registered vcpu_info has the time scale and all pending",
          nvi->time.tsc_to_system_mul == vi->time.tsc_to_system_mul &&
          nvi->evtchn_upcall_pending == 1 &&
          nvi->evtchn_pending_sel == ~0ULL && nvi->evtchn_upcall_mask == 1);
    vi = nvi;
    vi->evtchn_upcall_mask = 0;
    expect("vcpu_op is_up (upcall on return)",
           hc(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0), 1);
    check("upcall through the registered vcpu_info",
          vi->evtchn_upcall_pending == 0 && events >= before);
    vi->evtchn_upcall_mask = 1;
    test_vcpu_info_frame_stays_data();
}

static void test_hostile(void)
{
    struct trap_info bad[] = { { 6, 0, KERNEL_CS_RPL0, NONCANONICAL },
                               { 0, 0, 0, 0 } };
    struct callback_register cb = { 99, 0, (unsigned long)pvcpu_entry_ud };
    struct callback_unregister ucb = { CALLBACKTYPE_event, 0 };
    struct evtchn_bind_virq bv = { NR_VIRQS, 0, 0 };
    struct evtchn_status st = { DOMID_SELF, 0, 0, 0, { { 0 } } };
    struct evtchn_alloc_unbound au = { DOMID_SELF, 0, 0 };
    struct vcpu_set_periodic_timer per = { 1000 };
    struct vcpu_set_singleshot_timer ss = { 1, VCPU_SSHOTTMR_future };
    struct vcpu_register_vcpu_info rvi = { 0, PAGE_BYTES - 8, 0 };
    struct sched_poll poll = { { 0 }, 200, 0 };
    uint64_t frames[1], sfn = mm_virt_to_mfn(scratch);
    uint64_t *desc = (uint64_t *)scratch;
    uint32_t port;

    expect("set_trap_table non-canonical handler",
           hc(__HYPERVISOR_set_trap_table, (unsigned long)bad, 0, 0),
           -XEN_EINVAL);
    expect("set_trap_table unmapped list",
           hc(__HYPERVISOR_set_trap_table, UNMAPPED_LOW, 0, 0),
           -XEN_EFAULT);
    expect("update_descriptor misaligned",
           hc(__HYPERVISOR_update_descriptor, sfn * PAGE_BYTES + 4, 0, 0),
           -XEN_EINVAL);
    expect("update_descriptor call gate",
           hc(__HYPERVISOR_update_descriptor, sfn * PAGE_BYTES + 8,
              0x0000ec000000e033ULL, 0), -XEN_EINVAL);
    expect("update_descriptor foreign frame",
           hc(__HYPERVISOR_update_descriptor, 0x1000, 0, 0), -XEN_EINVAL);
    expect("update_descriptor DPL 0 code segment",
           hc(__HYPERVISOR_update_descriptor, sfn * PAGE_BYTES + 16,
              0x00af9b000000ffffULL, 0), 0);
    check("DPL 0 code segment stored with DPL 3",
          desc[2] == 0x00affb000000ffffULL);
    expect("set_gdt too many entries",
           hc(__HYPERVISOR_set_gdt, (unsigned long)frames, 8192, 0),
           -XEN_EINVAL);
    frames[0] = sfn;
    expect("set_gdt writable frame",
           hc(__HYPERVISOR_set_gdt, (unsigned long)frames, 16, 0),
           -XEN_EINVAL);
    expect("set_gdt unmapped list",
           hc(__HYPERVISOR_set_gdt, UNMAPPED_LOW, 16, 0), -XEN_EFAULT);
    expect("set_segment_base FS non-canonical",
           hc(__HYPERVISOR_set_segment_base, SEGBASE_FS, NONCANONICAL, 0),
           -XEN_EINVAL);
    expect("set_segment_base unknown", hc(__HYPERVISOR_set_segment_base,
                                          99, 0, 0), -XEN_EINVAL);
    expect("set_segment_base GS_USER_SEL bad selector (null loaded)",
           hc(__HYPERVISOR_set_segment_base, SEGBASE_GS_USER_SEL, 0xe00b,
              0), 0);
    expect("set_segment_base FS", hc(__HYPERVISOR_set_segment_base,
                                     SEGBASE_FS, 0x12345000, 0), 0);
    expect("callback_op unknown type", hc(__HYPERVISOR_callback_op,
                                          CALLBACKOP_register,
                                          (unsigned long)&cb, 0),
           -XEN_ENOSYS);
    cb.type = CALLBACKTYPE_syscall;
    cb.address = NONCANONICAL;
    expect("callback_op non-canonical", hc(__HYPERVISOR_callback_op,
                                           CALLBACKOP_register,
                                           (unsigned long)&cb, 0),
           -XEN_EINVAL);
    expect("callback_op unregister event", hc(__HYPERVISOR_callback_op,
                                              CALLBACKOP_unregister,
                                              (unsigned long)&ucb, 0),
           -XEN_EINVAL);
    expect("vcpu_op is_up 0", hc(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0),
           1);
    expect("vcpu_op is_up 1", hc(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 1, 0),
           -XEN_ENOENT);
    expect("vcpu_op periodic 1 us", hc(__HYPERVISOR_vcpu_op,
                                       VCPUOP_set_periodic_timer, 0,
                                       (unsigned long)&per), -XEN_EINVAL);
    /* Above Xen's STIME_DELTA_MAX the next tick would wrap around. */
    per.period_ns = (~0ULL >> 2) + 1;
    expect("vcpu_op periodic 2^62 ns", hc(__HYPERVISOR_vcpu_op,
                                          VCPUOP_set_periodic_timer, 0,
                                          (unsigned long)&per), -XEN_EINVAL);
    expect("vcpu_op singleshot in the past", hc(__HYPERVISOR_vcpu_op,
                                                VCPUOP_set_singleshot_timer,
                                                0, (unsigned long)&ss),
           -XEN_ETIME);
    rvi.mfn = sfn;
    expect("vcpu_op register_vcpu_info offset", hc(__HYPERVISOR_vcpu_op,
                                                   VCPUOP_register_vcpu_info,
                                                   0, (unsigned long)&rvi),
           -XEN_EINVAL);
    expect("bind_virq NR_VIRQS", hc(__HYPERVISOR_event_channel_op,
                                    EVTCHNOP_bind_virq, (unsigned long)&bv,
                                    0), -XEN_EINVAL);
    bv.virq = VIRQ_TIMER;
    expect("bind_virq VIRQ_TIMER twice", hc(__HYPERVISOR_event_channel_op,
                                            EVTCHNOP_bind_virq,
                                            (unsigned long)&bv, 0),
           -XEN_EEXIST);
    bv.virq = VIRQ_DEBUG;
    bv.vcpu = 1;
    expect("bind_virq vCPU 1", hc(__HYPERVISOR_event_channel_op,
                                  EVTCHNOP_bind_virq, (unsigned long)&bv, 0),
           -XEN_ENOENT);
    bv.virq = VIRQ_CONSOLE;
    expect("bind_virq global on vCPU 1", hc(__HYPERVISOR_event_channel_op,
                                            EVTCHNOP_bind_virq,
                                            (unsigned long)&bv, 0),
           -XEN_EINVAL);
    port = 4000;
    expect("close free port", hc(__HYPERVISOR_event_channel_op,
                                 EVTCHNOP_close, (unsigned long)&port, 0),
           -XEN_EINVAL);
    port = timer_port;
    expect("send on a VIRQ port", hc(__HYPERVISOR_event_channel_op,
                                     EVTCHNOP_send, (unsigned long)&port, 0),
           -XEN_EINVAL);
    expect("alloc_unbound", hc(__HYPERVISOR_event_channel_op,
                               EVTCHNOP_alloc_unbound, (unsigned long)&au,
                               0), 0);
    st.port = au.port;
    expect("status", hc(__HYPERVISOR_event_channel_op, EVTCHNOP_status,
                        (unsigned long)&st, 0), 0);
    check("status of an unbound port", st.status == EVTCHNSTAT_unbound);
    port = au.port;
    expect("close", hc(__HYPERVISOR_event_channel_op, EVTCHNOP_close,
                       (unsigned long)&port, 0), 0);
    st.dom = 5;
    expect("status of another domain", hc(__HYPERVISOR_event_channel_op,
                                          EVTCHNOP_status,
                                          (unsigned long)&st, 0),
           -XEN_ESRCH);
    expect("sched_op poll 200 ports", hc(__HYPERVISOR_sched_op, SCHEDOP_poll,
                                         (unsigned long)&poll, 0),
           -XEN_EINVAL);
    expect("fpu_taskswitch", hc(__HYPERVISOR_fpu_taskswitch, 0, 0, 0), 0);
}

/*
 * `int N` goes through the trap table when the entry's DPL allows the
 * guest kernel (ring 1), else it is #GP with the gate and the IDT bit in
 * the error code ((N << 3) | 2), as on Xen.
 */
static void test_softint(void)
{
    struct trap_info table[] = {
        { 0x80, 1, KERNEL_CS_RPL0, (unsigned long)pvcpu_entry_int80 },
        { 0x82, 0, KERNEL_CS_RPL0, (unsigned long)pvcpu_entry_int80 },
        { 0, 0, 0, 0 },
    };
    uint64_t after;

    expect("set_trap_table int 0x80 (DPL 1), 0x82 (DPL 0)",
           hc(__HYPERVISOR_set_trap_table, (unsigned long)table, 0, 0), 0);
    gp_skip = true;
    asm volatile ( "int $0x80\n\t"
                   "1: lea 1b(%%rip), %0" : "=r" (after) :: "memory" );
    check("int $0x80 reached its trap-table entry after the instruction",
          seen.vec == 0x80 && seen.rip == after &&
          (seen.cs & 0xffff) == KERNEL_CS_RPL0);
    asm volatile ( "int $0x81" ::: "memory" );
    console_line("pvcpu: int $0x81: vector %llu error code %#llx",
                 (unsigned long long)seen.vec,
                 (unsigned long long)seen.ec);
    check("int $0x81 (no entry) is #GP with error code 0x40a",
          seen.vec == 13 && seen.ec == 0x40a);
    asm volatile ( "int $0x82" ::: "memory" );
    check("int $0x82 (entry of DPL 0) is #GP with error code 0x412",
          seen.vec == 13 && seen.ec == 0x412);
    gp_skip = false;
}

/* The machine address of the L4 dom0 runs on (mov from CR3). */
static uint64_t current_l4_ma(void)
{
    uint64_t cr3;

    asm volatile ( "mov %%cr3, %0" : "=r" (cr3) );
    return cr3 & ~0xfffULL;
}

static long mmuext_mfn(unsigned int cmd, uint64_t mfn)
{
    struct mmuext_op op = { cmd, { mfn }, { 0 } };

    return hypercall_raw(__HYPERVISOR_mmuext_op, (unsigned long)&op, 1, 0,
                         DOMID_SELF, 0);
}

static long set_l4_slot(uint64_t l4_ma, unsigned int slot, uint64_t val)
{
    struct mmu_update u = { l4_ma + slot * 8, val };
    unsigned int done;

    return hypercall_mmu_update(&u, 1, &done, DOMID_SELF);
}

/* An entry naming page p of dom0's (present, user, plus flags). */
static uint64_t pt_entry(const void *p, uint64_t flags)
{
    return mm_virt_to_mfn(p) * PAGE_BYTES | MM_PTE_P | MM_PTE_US | flags;
}

#define ALIAS_SLOT      2               /* L4 slots dom0 leaves empty */
#define USER_SLOT       3

/*
 * Hostile: a trap table that never ends. One page of 256 entries, none
 * the terminator, is mapped at every address of a 512 GiB L4 slot (one
 * L1, L2 and L3 whose every entry names the same page or table): without
 * a bound the hypervisor would walk 2^43 entries. Xen preempts the walk;
 * here it stops after 256 entries with -E2BIG.
 */
static void test_endless_trap_table(void)
{
    struct trap_info *e = (struct trap_info *)pt_pages[0];
    uint64_t l4 = current_l4_ma();

    for ( unsigned int i = 0; i < PAGE_BYTES / sizeof(*e); i++ )
        e[i] = (struct trap_info){ 0x40 + (i & 0x3f), 0, KERNEL_CS_RPL0,
                                   (unsigned long)pvcpu_entry_bp };
    for ( unsigned int i = 0; i < PAGE_BYTES / 8; i++ )
    {
        pt_pages[1][i] = pt_entry(pt_pages[0], 0);
        pt_pages[2][i] = pt_entry(pt_pages[1], 0);
        pt_pages[3][i] = pt_entry(pt_pages[2], 0);
    }
    for ( unsigned int i = 1; i <= 3; i++ )
        remap(pt_pages[i], false);
    expect("link a 512 GiB alias of one trap-table page",
           set_l4_slot(l4, ALIAS_SLOT, pt_entry(pt_pages[3], MM_PTE_RW)),
           0);
    expect("set_trap_table that never ends",
           hc(__HYPERVISOR_set_trap_table, (unsigned long)ALIAS_SLOT << 39,
              0, 0), -XEN_E2BIG);
    expect("unlink the alias", set_l4_slot(l4, ALIAS_SLOT, 0), 0);
    for ( unsigned int i = 1; i <= 3; i++ )
        remap(pt_pages[i], true);
}

/*
 * Hostile: user-mode instruction bytes come through the user L4. A user
 * L4 (a copy of the kernel's plus one slot) maps a page of user code
 * that the kernel's L4 does not map at all; that code uses Xen's
 * forced-emulation cpuid, which the hypervisor must read through the L4
 * of the mode that faulted.
 */
static void test_user_l4_fetch(void)
{
    uint64_t *u4 = pt_pages[4], *u3 = pt_pages[5], *u2 = pt_pages[6];
    uint64_t *u1 = pt_pages[7];
    uint8_t *code = (uint8_t *)pt_pages[8];
    const uint64_t *k4;
    long rc;

    k4 = mm_map(current_l4_ma(), PAGE_BYTES, &rc);
    expect("map the kernel L4", rc, 0);
    if ( !k4 )
        return;
    for ( unsigned int i = 0; i < PAGE_BYTES / 8; i++ )
        u4[i] = (i >= 256 && i < 272) ? 0 : k4[i];
    mm_unmap();
    memset(u3, 0, PAGE_BYTES);
    memset(u2, 0, PAGE_BYTES);
    memset(u1, 0, PAGE_BYTES);
    memcpy(code, pvcpu_user_fep, pvcpu_user_fep_end - pvcpu_user_fep);
    u4[USER_SLOT] = pt_entry(u3, MM_PTE_RW);
    u3[0] = pt_entry(u2, MM_PTE_RW);
    u2[0] = pt_entry(u1, MM_PTE_RW);
    u1[0] = pt_entry(code, 0);
    for ( unsigned int i = 4; i <= 7; i++ )
        remap(pt_pages[i], false);
    expect("pin the user L4", mmuext_mfn(MMUEXT_PIN_L4_TABLE,
                                         mm_virt_to_mfn(u4)), 0);
    expect("new_user_baseptr", mmuext_mfn(MMUEXT_NEW_USER_BASEPTR,
                                          mm_virt_to_mfn(u4)), 0);
    user_answer = 0;
    user_ud_exits = true;
    pvcpu_run_user((void (*)(void))((unsigned long)USER_SLOT << 39),
                   user_stack + sizeof(user_stack), USER_CS);
    user_ud_exits = false;
    console_line("pvcpu: user code only in the user L4: cpuid ebx %#llx",
                 (unsigned long long)user_answer);
    check("forced-emulation cpuid read through the user L4",
          user_answer == 0x566e6558);        /* "XenV" */
    expect("new_user_baseptr none", mmuext_mfn(MMUEXT_NEW_USER_BASEPTR, 0),
           0);
    expect("unpin the user L4", mmuext_mfn(MMUEXT_UNPIN_TABLE,
                                           mm_virt_to_mfn(u4)), 0);
    for ( unsigned int i = 4; i <= 7; i++ )
        remap(pt_pages[i], true);
}

void pvcpu_run(const struct start_info *si_info)
{
    struct callback_register cb[] = {
        { CALLBACKTYPE_event, 0, (unsigned long)pvcpu_entry_event },
        { CALLBACKTYPE_syscall, CALLBACKF_mask_events,
          (unsigned long)pvcpu_entry_syscall },
    };
    long rc;

    rc = hypercall_update_va_mapping((unsigned long)si_page,
                                     si_info->shared_info | MM_PTE_P |
                                     MM_PTE_RW | MM_PTE_US | MM_PTE_A |
                                     MM_PTE_D, UVMF_INVLPG);
    expect("map shared_info", rc, 0);
    if ( rc )
        return;
    si = (struct shared_info *)si_page;
    vi = &si->vcpu_info[0];
    check("events masked at start", vi->evtchn_upcall_mask == 1);
    for ( unsigned int i = 0; i < 2; i++ )
        expect("callback_op register", hc(__HYPERVISOR_callback_op,
                                          CALLBACKOP_register,
                                          (unsigned long)&cb[i], 0), 0);
    test_traps();
    test_user();
    test_softint();
    test_endless_trap_table();
    test_user_l4_fetch();
    test_events();
    test_timer_spin();
    test_gdt();
    test_hostile();
    pvexit_run(si_info, trap_stack + sizeof(trap_stack));
    test_vcpu_info();
    vi->evtchn_upcall_mask = 1;
    hypercall_update_va_mapping((unsigned long)si_page,
                                mm_virt_to_mfn(si_page) * PAGE_BYTES |
                                MM_PTE_P | MM_PTE_RW | MM_PTE_US |
                                MM_PTE_A | MM_PTE_D, UVMF_INVLPG);
    console_line("pvcpu: %u passed, %u failed", passed, failed);
}
