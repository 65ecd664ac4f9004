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
    uint16_t *wcount;           /* pfn -> writable mappings of it */
    unsigned int nr_chunks;
    struct pv_chunk chunks[PV_MAX_CHUNKS];
    uint64_t l4_mfn;            /* the guest's L4 */
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

/* Syscall MSRs, the trap stack, then iretq to ring 3 (arch/x86/pv/entry.S). */
void pv_cpu_init(void);
void __noreturn pv_enter_guest(uint64_t rip, uint64_t rsp, uint64_t rsi);

/* Reports an exception dom0 took and powers off (arch/x86/pv/traps.c). */
struct cpu_regs;
void __noreturn pv_guest_fault(const struct cpu_regs *r);

/* Sets the stack the CPU loads on a ring 3 -> ring 0 change (desc.c). */
void arch_set_rsp0(uint64_t rsp);

#endif /* ASM_PV_H */
