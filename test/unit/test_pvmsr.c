/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pvmsr.c: the PAT and vMCE registers with
 * the values Xen 4.17 gives a PV guest (what Linux reads in pat_init and
 * mcheck_cpu_init).
 */
#include <xen/pvmsr.h>

#include "unit.h"

static void pat_is_xens(struct unit_ctx *ctx)
{
    struct pvmsr_vmce v;
    uint64_t val;

    pvmsr_vmce_init(&v, true);
    CHECK_EQ(pvmsr_read(&v, MSR_IA32_CR_PAT, &val), PVMSR_DONE);
    CHECK_EQ(val, 0x050100070406ULL);
    CHECK_EQ(pvmsr_write(&v, MSR_IA32_CR_PAT, 0), PVMSR_DONE);
    CHECK_EQ(pvmsr_read(&v, MSR_IA32_CR_PAT, &val), PVMSR_DONE);
    CHECK_EQ(val, 0x050100070406ULL);
}

static void mcg_cap_two_banks(struct unit_ctx *ctx)
{
    struct pvmsr_vmce v;
    uint64_t val;

    pvmsr_vmce_init(&v, true);
    CHECK_EQ(pvmsr_read(&v, 0x179, &val), PVMSR_DONE);
    CHECK_EQ(val, 2 | (1ULL << 10) | (1ULL << 11) | (1ULL << 24));
    pvmsr_vmce_init(&v, false);
    CHECK_EQ(pvmsr_read(&v, 0x179, &val), PVMSR_DONE);
    CHECK_EQ(val, 2);
    CHECK_EQ(pvmsr_read(&v, 0x17b, &val), PVMSR_DONE);
    CHECK_EQ(val, 0);
    CHECK_EQ(pvmsr_read(&v, 0x280, &val), PVMSR_NOT_OURS); /* no CTL2 */
}

static void banks(struct unit_ctx *ctx)
{
    struct pvmsr_vmce v;
    uint64_t val;

    pvmsr_vmce_init(&v, true);
    CHECK_EQ(pvmsr_read(&v, 0x400, &val), PVMSR_DONE);     /* MC0_CTL */
    CHECK_EQ(val, ~0ULL);
    CHECK_EQ(pvmsr_read(&v, 0x405, &val), PVMSR_DONE);     /* MC1_STATUS */
    CHECK_EQ(val, 0);
    CHECK_EQ(pvmsr_write(&v, 0x405, 0), PVMSR_DONE);
    CHECK_EQ(pvmsr_write(&v, 0x405, 1), PVMSR_GP);
    CHECK_EQ(pvmsr_write(&v, 0x404, 0x1234), PVMSR_DONE);  /* CTL ignored */
    CHECK_EQ(pvmsr_read(&v, 0x404, &val), PVMSR_DONE);
    CHECK_EQ(val, ~0ULL);
    CHECK_EQ(pvmsr_read(&v, 0x408, &val), PVMSR_NOT_OURS); /* bank 2 */
    CHECK_EQ(pvmsr_write(&v, 0x17a, 5), PVMSR_DONE);
    CHECK_EQ(pvmsr_read(&v, 0x17a, &val), PVMSR_DONE);
    CHECK_EQ(val, 5);
    CHECK_EQ(pvmsr_read(&v, 0x10, &val), PVMSR_NOT_OURS);
}

static const struct unit_case pvmsr_cases[] = {
    { "pat_is_xens", pat_is_xens },
    { "mcg_cap_two_banks", mcg_cap_two_banks },
    { "banks", banks },
};

UNIT_SUITE(pvmsr, pvmsr_cases)
