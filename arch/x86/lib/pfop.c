/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Platform_op answers computed from machine registers, as Xen 4.17
 * computes them (include/xen/pfop.h). Pure: the caller reads the MSRs
 * and CPUID and copies to and from dom0.
 */
#include <public/errno.h>
#include <xen/pfop.h>

#define MTRR_PHYSMASK_VALID     (1ULL << 11)
#define MTRR_TYPE_BITS          0xffULL
#define PAGE_SHIFT              12
#define CPUID5_ECX_EXTENSIONS   (1U << 0)
#define CPUID5_ECX_INT_BREAK    (1U << 1)
#define MWAIT_LEAF              5

/*
 * Variable MTRR n as XENPF_read_memtype reports it: nothing for a free
 * one (mask's valid bit clear); else the base's frame and type, and the
 * size the mask implies for a power-of-two range. Xen widens the mask
 * with ones above the CPU's physical address width and takes the size
 * from the low 32 bits of the frame mask, so a range of 2^32 frames or
 * more reads as 0 frames there too.
 */
void pfop_mtrr_range(uint64_t phys_base, uint64_t phys_mask,
                     unsigned int paddr_bits, struct pfop_mtrr *out)
{
    uint64_t above = 0;
    uint64_t frames;

    out->mfn = out->nr_mfns = 0;
    out->type = 0;
    if ( !(phys_mask & MTRR_PHYSMASK_VALID) )
        return;
    if ( paddr_bits > PAGE_SHIFT && paddr_bits - PAGE_SHIFT < 64 )
        above = ~((1ULL << (paddr_bits - PAGE_SHIFT)) - 1);
    frames = above | (phys_mask >> PAGE_SHIFT);
    out->nr_mfns = (uint32_t)(0U - (uint32_t)frames);
    out->mfn = phys_base >> PAGE_SHIFT;
    out->type = phys_base & MTRR_TYPE_BITS;
}

/*
 * XEN_PM_PDC on a hypervisor that manages no processor power states
 * (Xen 4.17 with cpufreq=dom0-kernel cpuidle=0: no XEN_PROCESSOR_PM_*
 * bit): bits[] is the _PDC buffer {revision, count, capabilities}. The
 * revision must be 1 and the count non-zero, else -XEN_EINVAL. The
 * capability word keeps only its C-state, P-state, T-state and C1
 * throttling bits, and loses the native (FFH) C-state bits unless the
 * CPU has MONITOR/MWAIT with the extensions and break-on-interrupt.
 */
int pfop_pdc_bits(uint32_t bits[3], const struct pfop_cpu *cpu)
{
    const uint32_t keep = PFOP_PDC_C_C1_HALT | PFOP_PDC_C_C1_FFH |
                          PFOP_PDC_SMP_C2C3 | PFOP_PDC_SMP_C_SWCOORD |
                          PFOP_PDC_C_C2C3_FFH | PFOP_PDC_P_FFH |
                          PFOP_PDC_SMP_P_SWCOORD | PFOP_PDC_SMP_P_HWCOORD |
                          PFOP_PDC_T_FFH | PFOP_PDC_SMP_T_SWCOORD |
                          PFOP_PDC_SMP_C1PT;
    uint32_t ecx = 0;

    if ( bits[0] != PFOP_PDC_REVISION_ID || !bits[1] )
        return -XEN_EINVAL;
    bits[2] &= keep;
    if ( cpu->monitor && cpu->max_leaf >= MWAIT_LEAF )
        ecx = cpu->mwait_ecx;
    if ( !(ecx & CPUID5_ECX_EXTENSIONS) || !(ecx & CPUID5_ECX_INT_BREAK) )
        bits[2] &= ~(PFOP_PDC_C_C1_FFH | PFOP_PDC_C_C2C3_FFH);
    return 0;
}
