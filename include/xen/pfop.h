/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Two platform_op answers that are pure arithmetic on the machine's
 * registers (arch/x86/lib/pfop.c): XENPF_read_memtype's view of a
 * variable-range MTRR, and XEN_PM_PDC's sanitizing of the _PDC
 * capability word dom0 is about to hand its firmware.
 */
#ifndef XEN_PFOP_H
#define XEN_PFOP_H

#include <stdbool.h>
#include <stdint.h>

/* XENPF_read_memtype's answer for one variable MTRR, in frames. */
struct pfop_mtrr {
    uint64_t mfn;           /* the range's first frame */
    uint64_t nr_mfns;       /* its size in frames; 0: the MTRR is free */
    uint32_t type;          /* MTRR memory type (UC 0, WC 1, WB 6...) */
};

void pfop_mtrr_range(uint64_t phys_base, uint64_t phys_mask,
                     unsigned int paddr_bits, struct pfop_mtrr *out);

/* ACPI "_PDC" bits (Intel's processor-vendor-specific ACPI). */
#define PFOP_PDC_REVISION_ID    1
#define PFOP_PDC_P_FFH          0x0001
#define PFOP_PDC_C_C1_HALT      0x0002
#define PFOP_PDC_T_FFH          0x0004
#define PFOP_PDC_SMP_C1PT       0x0008
#define PFOP_PDC_SMP_C2C3       0x0010
#define PFOP_PDC_SMP_P_SWCOORD  0x0020
#define PFOP_PDC_SMP_C_SWCOORD  0x0040
#define PFOP_PDC_SMP_T_SWCOORD  0x0080
#define PFOP_PDC_C_C1_FFH       0x0100
#define PFOP_PDC_C_C2C3_FFH     0x0200
#define PFOP_PDC_SMP_P_HWCOORD  0x0800

/* What the hypervisor's CPU offers that the _PDC answer depends on. */
struct pfop_cpu {
    bool monitor;           /* CPUID.1:ECX.MONITOR */
    uint32_t max_leaf;      /* CPUID.0:EAX */
    uint32_t mwait_ecx;     /* CPUID.5:ECX when max_leaf >= 5 */
};

int pfop_pdc_bits(uint32_t bits[3], const struct pfop_cpu *cpu);

#endif
