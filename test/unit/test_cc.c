/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/cc.c: which CPUID and SEV_STATUS values make a
 * confidential guest, per the AMD APM (CPUID 0x8000001F, MSR 0xC0010131)
 * and the Intel TDX module spec (CPUID 0x21 "IntelTDX    ").
 */
#include <string.h>

#include <xen/cc.h>

#include "unit.h"

static struct cc_probe amd(uint64_t status)
{
    return (struct cc_probe){
        .max_basic = 0x10, .max_ext = 0x80000021,
        .mem_enc_eax = 0x1f, .have_sev_status = true, .sev_status = status,
    };
}

static struct cc_probe tdx(void)
{
    return (struct cc_probe){
        .max_basic = 0x23, .max_ext = 0x80000008, .tdx_ebx = CC_TDX_EBX,
        .tdx_edx = CC_TDX_EDX, .tdx_ecx = CC_TDX_ECX,
    };
}

static void sev_modes_are_told_apart(struct unit_ctx *ctx)
{
    struct cc_probe p;

    p = amd(0);
    CHECK_EQ(cc_classify(&p), CC_NONE);
    p = amd(1);
    CHECK_EQ(cc_classify(&p), CC_SEV);
    p = amd(3);
    CHECK_EQ(cc_classify(&p), CC_SEV_ES);
    p = amd(7);
    CHECK_EQ(cc_classify(&p), CC_SEV_SNP);
    /* Other SEV_STATUS bits (e.g. VMPL, debug swap) alone are not SEV. */
    p = amd(0xff0);
    CHECK_EQ(cc_classify(&p), CC_NONE);
}

static void sev_status_counts_only_when_cpuid_allows_it(struct unit_ctx *ctx)
{
    struct cc_probe p = amd(7);

    p.have_sev_status = false;
    CHECK_EQ(cc_classify(&p), CC_NONE);
    p = amd(7);
    p.mem_enc_eax = 0x1;        /* SME only */
    CHECK_EQ(cc_classify(&p), CC_NONE);
    p = amd(7);
    p.max_ext = 0x8000001e;
    CHECK_EQ(cc_classify(&p), CC_NONE);
}

static void tdx_needs_leaf_and_signature(struct unit_ctx *ctx)
{
    struct cc_probe p = tdx();

    CHECK_EQ(cc_classify(&p), CC_TDX);
    p.max_basic = 0x20;
    CHECK_EQ(cc_classify(&p), CC_NONE);
    p = tdx();
    p.tdx_ecx = 0;
    CHECK_EQ(cc_classify(&p), CC_NONE);
    p = (struct cc_probe){ 0 };
    CHECK_EQ(cc_classify(&p), CC_NONE);
}

static void names(struct unit_ctx *ctx)
{
    CHECK(!strcmp(cc_name(CC_NONE), "none"));
    CHECK(!strcmp(cc_name(CC_SEV), "SEV"));
    CHECK(!strcmp(cc_name(CC_SEV_ES), "SEV-ES"));
    CHECK(!strcmp(cc_name(CC_SEV_SNP), "SEV-SNP"));
    CHECK(!strcmp(cc_name(CC_TDX), "TDX"));
}

static const struct unit_case cc_cases[] = {
    { "sev_modes_are_told_apart", sev_modes_are_told_apart },
    { "sev_status_counts_only_when_cpuid_allows_it",
      sev_status_counts_only_when_cpuid_allows_it },
    { "tdx_needs_leaf_and_signature", tdx_needs_leaf_and_signature },
    { "names", names },
};
UNIT_SUITE(cc, cc_cases)
