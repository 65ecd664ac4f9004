/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The MSRs of a PV guest kernel that Xen answers itself (xen/pvmsr.h),
 * with Xen 4.17's values and rules: its vMCE (cpu/mcheck/vmce.c there)
 * and its PAT. Pure: the state is the caller's.
 */
#include <xen/pvmsr.h>

#define MSR_IA32_MCG_CAP        0x00000179
#define MSR_IA32_MCG_STATUS     0x0000017a
#define MSR_IA32_MCG_CTL        0x0000017b
#define MSR_IA32_MC0_CTL        0x00000400
#define MSR_IA32_MC0_CTL2       0x00000280
#define MCG_CTL_P               (1ULL << 8)
#define MCG_CMCI_P              (1ULL << 10)
#define MCG_TES_P               (1ULL << 11)
#define MCG_SER_P               (1ULL << 24)

/* See xen/pvmsr.h. */
void pvmsr_vmce_init(struct pvmsr_vmce *v, bool intel)
{
    *v = (struct pvmsr_vmce){ .intel = intel };
}

static uint64_t mcg_cap(const struct pvmsr_vmce *v)
{
    return PVMSR_MC_BANKS |
           (v->intel ? MCG_SER_P | MCG_TES_P | MCG_CMCI_P : 0);
}

/* The bank and register (0 CTL, 1 STATUS, 2 ADDR, 3 MISC) of msr. */
static bool bank_msr(uint32_t msr, unsigned int *bank, unsigned int *reg)
{
    if ( msr < MSR_IA32_MC0_CTL ||
         msr >= MSR_IA32_MC0_CTL + 4 * PVMSR_MC_BANKS )
        return false;
    *bank = (msr - MSR_IA32_MC0_CTL) / 4;
    *reg = (msr - MSR_IA32_MC0_CTL) % 4;
    return true;
}

/* See xen/pvmsr.h. */
enum pvmsr_result pvmsr_read(const struct pvmsr_vmce *v, uint32_t msr,
                             uint64_t *val)
{
    unsigned int bank, reg;

    *val = 0;
    switch ( msr )
    {
    case MSR_IA32_CR_PAT:
        *val = PVMSR_XEN_PAT;
        return PVMSR_DONE;
    case MSR_IA32_MCG_CAP:
        *val = mcg_cap(v);
        return PVMSR_DONE;
    case MSR_IA32_MCG_STATUS:
        *val = v->mcg_status;
        return PVMSR_DONE;
    case MSR_IA32_MCG_CTL:
        /* All ones when MCG_CTL_P (never, for Xen's guests), else 0. */
        *val = (mcg_cap(v) & MCG_CTL_P) ? ~0ULL : 0;
        return PVMSR_DONE;
    }
    if ( v->intel && msr >= MSR_IA32_MC0_CTL2 &&
         msr < MSR_IA32_MC0_CTL2 + PVMSR_MC_BANKS )
    {
        *val = v->ctl2[msr - MSR_IA32_MC0_CTL2];
        return PVMSR_DONE;
    }
    if ( !bank_msr(msr, &bank, &reg) )
        return PVMSR_NOT_OURS;
    *val = reg == 0 ? ~0ULL : reg == 1 ? v->status[bank] :
           reg == 2 ? v->addr[bank] : v->misc[bank];
    return PVMSR_DONE;
}

/* See xen/pvmsr.h. */
enum pvmsr_result pvmsr_write(struct pvmsr_vmce *v, uint32_t msr,
                              uint64_t val)
{
    unsigned int bank, reg;

    switch ( msr )
    {
    case MSR_IA32_CR_PAT:           /* Xen drops a PV guest's PAT write */
    case MSR_IA32_MCG_CAP:          /* read-only: the write changes nothing */
    case MSR_IA32_MCG_CTL:
        return PVMSR_DONE;
    case MSR_IA32_MCG_STATUS:
        v->mcg_status = val;
        return PVMSR_DONE;
    }
    if ( v->intel && msr >= MSR_IA32_MC0_CTL2 &&
         msr < MSR_IA32_MC0_CTL2 + PVMSR_MC_BANKS )
    {
        v->ctl2[msr - MSR_IA32_MC0_CTL2] = val;
        return PVMSR_DONE;
    }
    if ( !bank_msr(msr, &bank, &reg) )
        return PVMSR_NOT_OURS;
    if ( reg == 0 )
        return PVMSR_DONE;          /* CTL: ignored, stays all ones */
    if ( val )
        return PVMSR_GP;            /* only 0 may be written */
    if ( reg == 1 )
        v->status[bank] = 0;
    else if ( reg == 2 )
        v->addr[bank] = 0;
    else
        v->misc[bank] = 0;
    return PVMSR_DONE;
}
