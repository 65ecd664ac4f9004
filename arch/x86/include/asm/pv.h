/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one PV domain (dom0) as the hypervisor keeps it: its frames, its
 * pseudo-physical to machine map (the hypervisor's own copy; the guest's
 * mfn_list is only a courtesy copy), which of its frames are page tables
 * and how often each is mapped writable.
 */
#ifndef ASM_PV_H
#define ASM_PV_H

#include <xen/bootinfo.h>
#include <xen/evtchn.h>
#include <xen/types.h>
#include <public/arch-x86_64.h>

#define PV_MAX_CHUNKS   1024

/* Machine frames [mfn, mfn + nr) hold pseudo-physical [pfn, pfn + nr). */
struct pv_chunk {
    uint64_t mfn, pfn, nr;
};

struct pv_domain {
    uint64_t nr_pages;
    uint64_t *p2m;              /* pfn -> mfn */
    uint8_t *pt_level;          /* pfn -> 0, or 1..4: a page table */
    uint32_t *wcount;           /* pfn -> writable mappings of it */
    uint32_t *mcount;           /* pfn -> mappings of it in typed L1s */
    uint32_t *owner;            /* mfn -> pfn + 1 of dom0's frames, else 0 */
    uint64_t owner_nr;          /* entries of owner: the host's max_page */
    uint32_t *tref;             /* pfn -> references to its table type */
    uint8_t *pinned;            /* pfn -> 1 while pinned */
    unsigned int nr_chunks;
    struct pv_chunk chunks[PV_MAX_CHUNKS];
    uint64_t l4_mfn;            /* the guest kernel's L4 (NEW_BASEPTR) */
    uint64_t user_l4_mfn;       /* its user L4 (NEW_USER_BASEPTR), 0: none */
    uint64_t vm_assist;         /* VMASST_TYPE_* bits enabled */
    uint64_t idle_cr3;          /* the hypervisor's own L4 */
    uint64_t v_start, v_end;    /* the initial mapping */
};

extern struct pv_domain dom0;

/* GDT frames a PV guest may give (Xen: 16; 14 hold descriptors here). */
#define PV_GDT_MAX_FRAMES   16

/*
 * dom0's one vCPU (arch/x86/pv/vcpu.c). A 64-bit PV kernel and its user
 * space both run at ring 3: kernel_mode says which of the two the guest
 * is in. Only pv_toggle_guest_mode() changes it: to kernel mode on a
 * bounce from user mode (exception, event, syscall), to user mode on an
 * iret hypercall whose CS has RPL 3.
 */
struct pv_vcpu {
    bool kernel_mode;
    struct trap_info traps[256];    /* set_trap_table */
    uint64_t kernel_ss, kernel_sp;  /* stack_switch */
    uint64_t event_cb, failsafe_cb, syscall_cb, syscall32_cb,
             sysenter_cb, nmi_cb;
    bool failsafe_masks, syscall_masks;
    bool fpu_ts;                    /* fpu_taskswitch(1) pending */
    unsigned int iopl;              /* PHYSDEVOP_set_iopl, 0-3 */
    struct vcpu_info *vi;           /* where vcpu_info lives now */
    bool vi_registered;
    uint64_t runstate_va;           /* 0: none */
    uint64_t timer_deadline;        /* singleshot, system time; 0 off */
    uint64_t periodic_ns, periodic_next;
    uint64_t blocked_ns;
    unsigned int gdt_ents;
    uint64_t gdt_frames[PV_GDT_MAX_FRAMES];
    struct evtchn_table evtchn;
};

extern struct pv_vcpu dom0_vcpu;

/*
 * Switches dom0 between guest kernel and user mode: flips kernel_mode,
 * swaps the GS bases (swapgs) and loads the L4 of the new mode (the user
 * L4 when one is registered, else the kernel's). MMUEXT_NEW_USER_BASEPTR
 * sets dom0.user_l4_mfn; MMUEXT_NEW_BASEPTR sets dom0.l4_mfn; each
 * reloads CR3 through pv_load_guest_cr3() for the current mode.
 */
void pv_toggle_guest_mode(void);

/* dom0's system time in ns (the scale its vcpu_time_info carries). */
uint64_t pv_now_ns(void);

/*
 * The TSC value at which dom0's system time reaches ns (never before);
 * UINT64_MAX when that is beyond the TSC's range.
 */
uint64_t pv_ns_to_tsc(uint64_t ns);

/*
 * Moves vcpu_info.time to a fresh (TSC, system time) pair on the same
 * scale, version odd while it changes (vcpu.c).
 */
void pv_time_refresh(void);

/*
 * dom0's wallclock (wallclock.c): shared_info's wc_sec, wc_sec_hi and
 * wc_nsec are the UTC time at system time 0. pv_wallclock_init() reads
 * the firmware's clock once at dom0's start; pv_settime() is Xen's
 * do_settime (XENPF_settime32/64): secs and nsecs were the time at
 * system time system_time.
 */
void pv_wallclock_init(void);
void pv_settime(uint64_t secs, uint32_t nsecs, uint64_t system_time);

/*
 * Builds dom0 from the first module and enters it at ring 3; returns only
 * when there is no usable dom0 (after printing why).
 */
void pv_dom0_start(struct boot_info *bi);

/* XENMEM_exchange (memory_exchange.c). */
long pv_memory_exchange(uint64_t arg);

/* Is mfn a frame of dom0's that physdev_op holds (its EOI bitmap)? */
bool pv_physdev_frame(uint64_t mfn);

/* One past the highest RAM frame of the host map: Xen's max_page. */
uint64_t pv_host_max_page(void);

/* The pfn of a machine frame dom0 owns; false when it owns none there. */
bool pv_mfn_to_pfn(const struct pv_domain *d, uint64_t mfn, uint64_t *pfn);

/*
 * Page types and the machine-to-phys table once the builder has made the
 * initial tables (arch/x86/pv/mm.c): the initial L4 becomes pinned and the
 * base pointer, as Xen leaves it. False (after printing why) on failure.
 */
bool pv_mm_start(void);

/*
 * A writable-type reference the hypervisor holds on a frame of dom0's it
 * keeps writing (a registered vcpu_info), as Xen's PGT_writable_page
 * reference: while held, the frame can never become a page table. 0 and
 * *pfn set, or -XEN_EINVAL (not dom0's, a table, count at its limit).
 */
long pv_get_writable(uint64_t mfn, uint64_t *pfn);

/* The hypervisor's L4 slots of a guest L4 (with the read-only M2P). */
void pv_fill_hv_slots(uint64_t *l4);

/*
 * Loads the guest kernel's L4 (user false) or its user L4 (true; the
 * kernel's when it set none) into CR3, for the kernel/user switches of a
 * 64-bit PV guest on syscall, sysret and iret.
 */
void pv_load_guest_cr3(bool user);

/* The read-only machine-to-phys table (arch/x86/pv/m2p.c). */
bool pv_m2p_init(void);
void pv_m2p_set(uint64_t mfn, uint64_t pfn);
uint64_t pv_m2p_l4e(void);

/* Syscall MSRs, the trap stack, then iretq to ring 3 (arch/x86/pv/entry.S). */
void pv_cpu_init(void);
void __noreturn pv_enter_guest(uint64_t rip, uint64_t rsp, uint64_t rsi);

/*
 * Emulates the privileged instruction behind dom0's #GP or #UD when it is
 * one a PV kernel may use (arch/x86/pv/emul.c); true when r was advanced.
 */
struct cpu_regs;
bool pv_emulate(struct cpu_regs *r);

/*
 * dom0's `int N` (a #GP naming an IDT gate): bounced to its trap-table
 * entry N when that entry's DPL allows (true), else the error code is
 * made the gate's and the #GP stays dom0's (false; softint.c).
 */
bool pv_softint(struct cpu_regs *r);

/*
 * An exception dom0 took (CS RPL 3): bounced to the handler of its trap
 * table, or, when it has none, reported and fatal (arch/x86/pv/traps.c).
 */
void pv_guest_trap(struct cpu_regs *r);

/* Reports an exception dom0 took and powers off (arch/x86/pv/traps.c). */
void __noreturn pv_guest_fault(const struct cpu_regs *r);

/* dom0's vCPU state at its start (vcpu.c). */
void pv_vcpu_init(void);

/*
 * Bounces dom0 to handler with Xen's exception frame on its kernel stack
 * (switching to guest kernel mode first); false when handler is 0
 * (traps.c).
 */
bool pv_bounce(struct cpu_regs *r, uint64_t handler, bool mask_events,
               bool has_error_code, uint64_t error_code);

/*
 * The C half of pv_return (entry.S), on every way out to dom0: due
 * timers raised and the timer re-armed, a return the CPU would fault on
 * at ring 0 made dom0's exception (or its crash), pending events
 * delivered, RFLAGS made safe (IF set, IOPL and VM clear). Returns true
 * when the way out may be sysretq: may_sysret (the way in was syscall),
 * a canonical RIP and the flat 64-bit CS and SS.
 */
bool pv_exit_to_guest(struct cpu_regs *r, bool may_sysret);

/*
 * The C half of the syscall entries (entry.S): a hypercall, the iret
 * hypercall, or a system call of dom0's user mode or of a 32-bit code
 * segment bounced to the matching callback. Returns whether sysretq may
 * return (RCX and R11 do not need restoring).
 */
bool pv_syscall(struct cpu_regs *r);

/*
 * A fault taken at ring 0 on pv_return's sysretq or iretq (which the
 * checks of pv_exit_to_guest should make impossible): dom0 crashes with
 * the registers it was being returned to (traps.c).
 */
void __noreturn pv_return_faulted(const struct cpu_regs *r);
extern char pv_return_iretq[], pv_return_sysretq[];

/* The top of the stack dom0's frame lives on (entry.S). */
extern char pv_stack_end[];

/* dom0's registers while the hypervisor runs for it (the top of pv_stack). */
struct cpu_regs *pv_guest_regs(void);

/* A `syscall` from guest user mode: to the syscall callback (traps.c). */
void pv_user_syscall(struct cpu_regs *r);
/* Prints "dom0 crashed: WHY", then dom0's fault report (traps.c). */
void __noreturn pv_guest_crash(const char *why, const struct cpu_regs *r);

/*
 * The iret hypercall on the frame at dom0's RSP (iret.c); returns true
 * when RCX and R11 come from the frame (the way out must be iretq).
 */
bool pv_do_iret(struct cpu_regs *r);

/* Raises VIRQ_TIMER when a timer of dom0's is due (time.c). */
void pv_timer_poll(void);

/*
 * Arms the APIC timer for dom0's earliest deadline that can raise an event
 * (nothing when VIRQ_TIMER is unbound); only touches the hardware when the
 * deadline changed (time.c).
 */
void pv_timer_reprogram(void);

/* The APIC timer's interrupt: due timers raised, the next one armed. */
void pv_timer_interrupt(void);

/* Polls the console UART from the timer from now on (time.c). */
void pv_timer_console_poll(void);

/* Writes dom0's registered runstate area, if any (vcpu.c). */
void pv_runstate_update(void);

/*
 * The descriptor of a selector in the live GDT, 0 beyond it or for an LDT
 * selector (descriptor_tables.c).
 */
uint64_t pv_selector_desc(uint64_t sel);

/* A frame dom0 owns that is not one of its page tables; *pfn is set. */
bool pv_plain_frame(uint64_t mfn, uint64_t *pfn);
/* The machine's MADT, read once (platform.c); NULL when unreadable. */
struct acpi_madt_info;
const struct acpi_madt_info *pv_machine_madt(void);

/* Is mfn one of the frames of dom0's live GDT (set_gdt)? */
bool pv_gdt_frame(uint64_t mfn);

/* The live GDT: one descriptor, or a guest one set (desc.c). */
uint64_t arch_gdt_entry(unsigned int idx);
void arch_gdt_set_guest(unsigned int idx, uint64_t desc);

/* Sets the stack the CPU loads on a ring 3 -> ring 0 change (desc.c). */
void arch_set_rsp0(uint64_t rsp);

#endif /* ASM_PV_H */
