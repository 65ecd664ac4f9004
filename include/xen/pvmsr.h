/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MSRs a PV guest kernel reads and writes that Xen answers itself
 * rather than with #GP (pure, arch/x86/lib/pvmsr.c): the page attribute
 * table (Xen's own value, which the hypervisor loads) and the virtual
 * machine-check registers (vMCE: MCG_CAP with two banks, MCG_STATUS,
 * MCG_CTL, the banks' CTL/STATUS/ADDR/MISC and, on Intel, CTL2).
 */
#ifndef XEN_PVMSR_H
#define XEN_PVMSR_H

#include <xen/types.h>

#define MSR_IA32_CR_PAT         0x00000277
/* Xen's PAT: WB, WT, UC-, UC, WC, WP, UC, UC (asm/processor.h there). */
#define PVMSR_XEN_PAT           0x0000050100070406ULL

#define PVMSR_MC_BANKS          2       /* Xen's GUEST_MC_BANK_NUM */

struct pvmsr_vmce {
    bool intel;                 /* Intel's MCG_CAP (SER, TES, CMCI) */
    uint64_t mcg_status;
    uint64_t status[PVMSR_MC_BANKS], addr[PVMSR_MC_BANKS],
             misc[PVMSR_MC_BANKS], ctl2[PVMSR_MC_BANKS];
};

enum pvmsr_result {
    PVMSR_NOT_OURS,             /* not one of these MSRs */
    PVMSR_DONE,
    PVMSR_GP,                   /* Xen raises #GP */
};

/* A vCPU's vMCE state at start (Xen's vmce_init_vcpu). */
void pvmsr_vmce_init(struct pvmsr_vmce *v, bool intel);

/* rdmsr of msr: *val set when PVMSR_DONE. */
enum pvmsr_result pvmsr_read(const struct pvmsr_vmce *v, uint32_t msr,
                             uint64_t *val);

/* wrmsr of msr with val. */
enum pvmsr_result pvmsr_write(struct pvmsr_vmce *v, uint32_t msr,
                              uint64_t val);

#endif
