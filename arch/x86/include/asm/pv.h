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
#include <xen/types.h>

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
    uint32_t *tref;             /* pfn -> references to its table type */
    uint8_t *pinned;            /* pfn -> 1 while pinned */
    unsigned int nr_chunks;
    struct pv_chunk chunks[PV_MAX_CHUNKS];
    uint64_t l4_mfn;            /* the guest kernel's L4 (NEW_BASEPTR) */
    uint64_t user_l4_mfn;       /* its user L4, 0 for none */
    bool user_mode;             /* running on user_l4_mfn */
    uint64_t vm_assist;         /* VMASST_TYPE_* bits enabled */
    uint64_t idle_cr3;          /* the hypervisor's own L4 */
    uint64_t v_start, v_end;    /* the initial mapping */
};

extern struct pv_domain dom0;

/*
 * Builds dom0 from the first module and enters it at ring 3; returns only
 * when there is no usable dom0 (after printing why).
 */
void pv_dom0_start(struct boot_info *bi);

/* The pfn of a machine frame dom0 owns; false when it owns none there. */
bool pv_mfn_to_pfn(const struct pv_domain *d, uint64_t mfn, uint64_t *pfn);

/*
 * Page types and the machine-to-phys table once the builder has made the
 * initial tables (arch/x86/pv/mm.c): the initial L4 becomes pinned and the
 * base pointer, as Xen leaves it. False (after printing why) on failure.
 */
bool pv_mm_start(void);

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

/* Reports an exception dom0 took and powers off (arch/x86/pv/traps.c). */
void __noreturn pv_guest_fault(const struct cpu_regs *r);

/* Sets the stack the CPU loads on a ring 3 -> ring 0 change (desc.c). */
void arch_set_rsp0(uint64_t rsp);

#endif /* ASM_PV_H */
