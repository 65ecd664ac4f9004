/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Confidential-computing guests (AMD SEV, SEV-ES, SEV-SNP; Intel TDX),
 * told apart from what CPUID and the SEV_STATUS MSR report. This boot
 * component supports none of them: under SEV its page tables would need
 * the encryption bit, under SEV-ES and SEV-SNP every CPUID and port access
 * after the firmware's #VC handler is gone raises #VC, and under TDX the
 * same with #VE. The entry points detect them and refuse to boot with one
 * ERR line. The detection itself has not run on such a platform.
 *
 * AMD APM vol. 2, 15.34: CPUID 0x8000001F EAX bit 1 SEV, bit 3 SEV-ES,
 * bit 4 SEV-SNP supported; MSR 0xC0010131 (SEV_STATUS) bit 0 SEV, bit 1
 * SEV-ES, bit 2 SEV-SNP active in this guest. Intel TDX module spec:
 * CPUID leaf 0x21 subleaf 0 returns "IntelTDX    " in EBX, EDX, ECX.
 */
#ifndef XEN_CC_H
#define XEN_CC_H

#include <xen/types.h>

#define CC_CPUID_AMD_MEM_ENC    0x8000001fU
#define CC_CPUID_TDX            0x21U
#define CC_MSR_SEV_STATUS       0xc0010131U

#define CC_AMD_SEV              (1U << 1)   /* 0x8000001F EAX */
#define CC_SEV_STATUS_SEV       (1ULL << 0)
#define CC_SEV_STATUS_ES        (1ULL << 1)
#define CC_SEV_STATUS_SNP       (1ULL << 2)

/* "IntelTDX    " as CPUID 0x21 returns it. */
#define CC_TDX_EBX              0x65746e49U     /* "Inte" */
#define CC_TDX_EDX              0x5844546cU     /* "lTDX" */
#define CC_TDX_ECX              0x20202020U     /* "    " */

/* What the arch side read; fields it could not read stay 0 / false. */
struct cc_probe {
    uint32_t max_basic;         /* CPUID 0 EAX */
    uint32_t max_ext;           /* CPUID 0x80000000 EAX */
    uint32_t mem_enc_eax;       /* CPUID 0x8000001F EAX */
    bool have_sev_status;       /* SEV_STATUS was read */
    uint64_t sev_status;
    uint32_t tdx_ebx, tdx_edx, tdx_ecx;   /* CPUID 0x21.0 */
};

enum cc_kind {
    CC_NONE,
    CC_SEV,
    CC_SEV_ES,
    CC_SEV_SNP,
    CC_TDX,
};

/*
 * The kind of confidential guest the probe shows, the strongest SEV mode
 * when several SEV_STATUS bits are set. A leaf beyond the reported
 * maximum is ignored, whatever its fields hold.
 */
enum cc_kind cc_classify(const struct cc_probe *p);

/* "SEV", "SEV-ES", "SEV-SNP", "TDX" or "none". */
const char *cc_name(enum cc_kind k);

/*
 * Fills *p from CPUID and, when CPUID reports SEV support, SEV_STATUS
 * (arch/x86/cc.c). Safe at the load address under the firmware's page
 * tables: no globals, no stored pointers.
 */
void arch_cc_probe(struct cc_probe *p);

/*
 * The refusal line for a kind other than CC_NONE (NULL for CC_NONE):
 * ASCII without a line end, or UCS-2 with CR LF for ConOut.
 */
const char *arch_cc_refusal(enum cc_kind k);
const uint16_t *arch_cc_refusal16(enum cc_kind k);

#endif /* XEN_CC_H */
