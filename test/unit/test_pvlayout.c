/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pvlayout.c: the initial layout of a PV dom0
 * (reference 6.1) and Xen's dom0_mem= syntax.
 */
#include <string.h>

#include <xen/pvlayout.h>

#include "unit.h"

#define KVA     0xffffffff80000000ULL
#define MiB     (1ULL << 20)

/* Every rule of reference 6.1 that a layout must keep. */
static void check_rules(struct unit_ctx *ctx, const struct pvlayout *l,
                        uint64_t nr_pages)
{
    CHECK(l->kern_end % PVLAYOUT_PAGE == 0);
    CHECK(l->p2m_va >= l->kern_end + l->mod_len);
    CHECK(l->si_va >= l->p2m_va + nr_pages * 8);
    CHECK_EQ(l->pt_va, l->si_va + PVLAYOUT_PAGE);
    CHECK_EQ(l->stack_va, l->pt_va + l->nr_pt * PVLAYOUT_PAGE);
    CHECK(l->v_end % PVLAYOUT_ALIGN == 0);
    CHECK(l->v_end - (l->stack_va + PVLAYOUT_PAGE) >= PVLAYOUT_SPARE);
    CHECK(l->nr_pt >= pvlayout_tables(l->v_start, l->v_end));
}

static void small_kernel_takes_4mib_and_5_tables(struct unit_ctx *ctx)
{
    struct pvlayout l;

    CHECK(pvlayout_compute(&l, KVA, KVA + 0x1e000, 0, 8192));
    check_rules(ctx, &l, 8192);
    CHECK_EQ(l.p2m_va, KVA + 0x1e000);
    CHECK_EQ(l.si_va, KVA + 0x1e000 + 0x10000);
    CHECK_EQ(l.v_end, KVA + 4 * MiB);
    CHECK_EQ(l.nr_pt, 5);               /* L4, L3, L2, two L1 */
    CHECK_EQ(l.mod_va, 0);
}

static void initrd_follows_the_kernel(struct unit_ctx *ctx)
{
    struct pvlayout l;

    CHECK(pvlayout_compute(&l, KVA, KVA + 0x1e001, 70001, 16384));
    check_rules(ctx, &l, 16384);
    CHECK_EQ(l.mod_va, KVA + 0x1f000);
    CHECK_EQ(l.p2m_va, KVA + 0x1f000 + 0x12000);
}

static void spare_pushes_the_end_to_the_next_4mib(struct unit_ctx *ctx)
{
    struct pvlayout l;

    /* The stack page would end 400 KiB before the 4 MiB boundary. */
    CHECK(pvlayout_compute(&l, KVA, KVA + 4 * MiB - 400 * 1024 -
                           7 * PVLAYOUT_PAGE - 8192, 0, 1024));
    check_rules(ctx, &l, 1024);
    CHECK_EQ(l.v_end, KVA + 8 * MiB);
}

static void large_kernels_across_1gib(struct unit_ctx *ctx)
{
    struct pvlayout l;
    uint64_t base = 0xffffffffbfe00000ULL;   /* 2 MiB below 1 GiB edge */

    CHECK(pvlayout_compute(&l, base, base + 40 * MiB, 20 * MiB, 1 << 18));
    check_rules(ctx, &l, 1 << 18);
    /* Two L2 tables now, and enough L1s for every 2 MiB. */
    CHECK(l.nr_pt >= 1 + 1 + 2 + (l.v_end - base) / (2 * MiB));
    CHECK_EQ(pvlayout_tables(base, base + 4 * MiB), 1 + 1 + 2 + 2);
}

static void refused_layouts(struct unit_ctx *ctx)
{
    struct pvlayout l;

    /* Wraps past 2^64. */
    CHECK(!pvlayout_compute(&l, 0xffffffffffc00000ULL,
                            0xffffffffffc01000ULL, 0, 1024));
    /* Inside the hypervisor's range, or reaching into it. */
    CHECK(!pvlayout_compute(&l, 0xffff800000000000ULL,
                            0xffff800000100000ULL, 0, 1024));
    CHECK(!pvlayout_compute(&l, 0xffff87ffffe00000ULL,
                            0xffff87ffffe01000ULL, 0, 1024));
    /* Crossing the non-canonical hole; ending right at it is fine. */
    CHECK(!pvlayout_compute(&l, 0x00007fffffe00000ULL,
                            0x00007ffffff80000ULL, 0, 1024));
    CHECK(pvlayout_compute(&l, 0x00007fffffe00000ULL,
                           0x00007fffffe01000ULL, 0, 1024));
    CHECK_EQ(l.v_end, 0x0000800000000000ULL);
    /* Unaligned base, inverted kernel. */
    CHECK(!pvlayout_compute(&l, KVA + 1, KVA + 0x1000, 0, 1024));
    CHECK(!pvlayout_compute(&l, KVA, KVA - 1, 0, 1024));
    /* Low-half kernels are fine. */
    CHECK(pvlayout_compute(&l, 0x400000, 0x500000, 0, 1024));
    check_rules(ctx, &l, 1024);
}

static void dom0_mem_syntax(struct unit_ctx *ctx)
{
    uint64_t amount = 1, lo = 0, hi = ~0ULL;
    const char *bad;
    size_t bad_len;

#define MEM(s) pvlayout_dom0_mem(s, strlen(s), &amount, &lo, &hi, &bad, \
                                 &bad_len)
    MEM("64M");
    CHECK_EQ(amount, 64 * MiB);
    CHECK(!bad);
    MEM("524288");
    CHECK_EQ(amount, 512 * MiB);        /* no suffix: KiB */
    MEM("4096B");
    CHECK_EQ(amount, 4096);
    MEM("min:32M,max:1G,100M");
    CHECK_EQ(lo, 32 * MiB);
    CHECK_EQ(hi, 1024 * MiB);
    CHECK_EQ(amount, 100 * MiB);
    CHECK(!bad);
    MEM("max:2G,lots,64M");
    CHECK_EQ(hi, 2048 * MiB);
    CHECK_EQ(amount, 64 * MiB);
    CHECK(bad && bad_len == 4 && !strncmp(bad, "lots", 4));
    MEM("B");
    CHECK(bad);
#undef MEM
}

static const struct unit_case pvlayout_cases[] = {
    { "small_kernel_takes_4mib_and_5_tables",
      small_kernel_takes_4mib_and_5_tables },
    { "initrd_follows_the_kernel", initrd_follows_the_kernel },
    { "spare_pushes_the_end_to_the_next_4mib",
      spare_pushes_the_end_to_the_next_4mib },
    { "large_kernels_across_1gib", large_kernels_across_1gib },
    { "refused_layouts", refused_layouts },
    { "dom0_mem_syntax", dom0_mem_syntax },
};

UNIT_SUITE(pvlayout, pvlayout_cases)
