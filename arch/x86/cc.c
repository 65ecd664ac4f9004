/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The probe behind cc_classify() (include/xen/cc.h): CPUID leaves and,
 * only when CPUID reports SEV support (so the MSR exists), SEV_STATUS.
 * Runs at the load address before the EFI switch.
 */
#include <xen/cc.h>
#include <asm/io.h>

static void cc_cpuid(uint32_t leaf, uint32_t *a, uint32_t *b, uint32_t *c,
                     uint32_t *d)
{
    __asm__ volatile ( "cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                       : "a" (leaf), "c" (0) );
}

void arch_cc_probe(struct cc_probe *p)
{
    uint32_t a, b, c, d;

    *p = (struct cc_probe){ 0 };
    cc_cpuid(0, &p->max_basic, &b, &c, &d);
    if ( p->max_basic >= CC_CPUID_TDX )
        cc_cpuid(CC_CPUID_TDX, &a, &p->tdx_ebx, &p->tdx_ecx, &p->tdx_edx);
    cc_cpuid(0x80000000U, &p->max_ext, &b, &c, &d);
    if ( p->max_ext < CC_CPUID_AMD_MEM_ENC )
        return;
    cc_cpuid(CC_CPUID_AMD_MEM_ENC, &p->mem_enc_eax, &b, &c, &d);
    if ( p->mem_enc_eax & CC_AMD_SEV )
    {
        p->sev_status = rdmsr(CC_MSR_SEV_STATUS);
        p->have_sev_status = true;
    }
}

/*
 * The one ERR line of a refusal, per kind, as literals (no pointer table:
 * this runs before the switch). The EFI entry prints the UCS-2 form on
 * the firmware console, the multiboot2 EFI entry the ASCII form on COM1.
 */
const char *arch_cc_refusal(enum cc_kind k)
{
    switch ( k )
    {
    case CC_SEV:
        return "ERR: AMD SEV guest detected: confidential guests are not "
               "supported (untested); not booting";
    case CC_SEV_ES:
        return "ERR: AMD SEV-ES guest detected: confidential guests are not "
               "supported (untested); not booting";
    case CC_SEV_SNP:
        return "ERR: AMD SEV-SNP guest detected: confidential guests are not "
               "supported (untested); not booting";
    case CC_TDX:
        return "ERR: Intel TDX guest detected: confidential guests are not "
               "supported (untested); not booting";
    case CC_NONE:
        break;
    }
    return NULL;
}

const uint16_t *arch_cc_refusal16(enum cc_kind k)
{
    switch ( k )
    {
    case CC_SEV:
        return u"ERR: AMD SEV guest detected: confidential guests are not "
               u"supported (untested); not booting\r\n";
    case CC_SEV_ES:
        return u"ERR: AMD SEV-ES guest detected: confidential guests are not "
               u"supported (untested); not booting\r\n";
    case CC_SEV_SNP:
        return u"ERR: AMD SEV-SNP guest detected: confidential guests are "
               u"not supported (untested); not booting\r\n";
    case CC_TDX:
        return u"ERR: Intel TDX guest detected: confidential guests are not "
               u"supported (untested); not booting\r\n";
    case CC_NONE:
        break;
    }
    return NULL;
}
