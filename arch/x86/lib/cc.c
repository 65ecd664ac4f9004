/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Classification of confidential-computing guests from CPUID and MSR
 * values: see include/xen/cc.h. Pure; runs before the EFI switch, so it
 * keeps no tables of pointers.
 */
#include <xen/cc.h>

enum cc_kind cc_classify(const struct cc_probe *p)
{
    if ( p->max_basic >= CC_CPUID_TDX && p->tdx_ebx == CC_TDX_EBX &&
         p->tdx_edx == CC_TDX_EDX && p->tdx_ecx == CC_TDX_ECX )
        return CC_TDX;
    if ( p->max_ext < CC_CPUID_AMD_MEM_ENC ||
         !(p->mem_enc_eax & CC_AMD_SEV) || !p->have_sev_status )
        return CC_NONE;
    if ( p->sev_status & CC_SEV_STATUS_SNP )
        return CC_SEV_SNP;
    if ( p->sev_status & CC_SEV_STATUS_ES )
        return CC_SEV_ES;
    if ( p->sev_status & CC_SEV_STATUS_SEV )
        return CC_SEV;
    return CC_NONE;
}

const char *cc_name(enum cc_kind k)
{
    switch ( k )
    {
    case CC_SEV:        return "SEV";
    case CC_SEV_ES:     return "SEV-ES";
    case CC_SEV_SNP:    return "SEV-SNP";
    case CC_TDX:        return "TDX";
    case CC_NONE:       break;
    }
    return "none";
}
