/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pvcpu.c: descriptor and selector rules, trap
 * table entries, the bounced exception frame, the iret hypercall's
 * result and the system-time scale.
 */
#include <string.h>

#include <public/errno.h>
#include <xen/pvcpu.h>

#include "unit.h"

#define CODE64_DPL0     0x00af9b000000ffffULL
#define CODE64_DPL3     0x00affb000000ffffULL
#define CODE32_DPL3     0x00cffb000000ffffULL
#define DATA_DPL3       0x00cff3000000ffffULL
#define DATA_DPL0       0x00cf93000000ffffULL
#define CALL_GATE       0x0000ec000000e033ULL
#define TSS_DESC        0x0000890000000067ULL

static void descriptors_dpl_fixed_system_refused(struct unit_ctx *ctx)
{
    uint64_t d;

    d = CODE64_DPL0;
    CHECK_EQ(pvcpu_check_descriptor(&d), 0);
    CHECK_EQ(d, CODE64_DPL3);
    d = DATA_DPL0;
    CHECK_EQ(pvcpu_check_descriptor(&d), 0);
    CHECK_EQ(d, DATA_DPL3);
    d = CALL_GATE;
    CHECK_EQ(pvcpu_check_descriptor(&d), -XEN_EINVAL);
    d = TSS_DESC;
    CHECK_EQ(pvcpu_check_descriptor(&d), -XEN_EINVAL);
    /* Not present: anything goes, unchanged. */
    d = CALL_GATE & ~(1ULL << 47);
    CHECK_EQ(pvcpu_check_descriptor(&d), 0);
    CHECK_EQ(d, CALL_GATE & ~(1ULL << 47));
}

static void selectors_for_cs_and_ss(struct unit_ctx *ctx)
{
    CHECK(pvcpu_selector_ok(0xe033, CODE64_DPL3, true, false));
    CHECK(pvcpu_selector_ok(0xe023, CODE32_DPL3, true, false));
    CHECK(!pvcpu_selector_ok(0xe033, CODE64_DPL0, true, false));
    CHECK(!pvcpu_selector_ok(0xe030, CODE64_DPL3, true, false));
    CHECK(!pvcpu_selector_ok(0xe037, CODE64_DPL3, true, false));
    CHECK(!pvcpu_selector_ok(0xe02b, DATA_DPL3, true, false));
    CHECK(!pvcpu_selector_ok(0, 0, true, false));
    CHECK(pvcpu_selector_ok(0xe02b, DATA_DPL3, false, true));
    CHECK(!pvcpu_selector_ok(0xe033, CODE64_DPL3, false, true));
    CHECK(!pvcpu_selector_ok(0, 0, false, true));
    CHECK(!pvcpu_selector_ok(0xe02b, DATA_DPL3 & ~(1ULL << 47), false,
                             true));
    CHECK(pvcpu_selector_ok(0, 0, false, false));
    CHECK(pvcpu_selector_ok(3, 0, false, false));
    CHECK(pvcpu_selector_ok(0xe033, CODE64_DPL3, false, false));
}

static void trap_entries(struct unit_ctx *ctx)
{
    struct trap_info in = { 14, 4, 0xe030, 0xffffffff80001000UL }, out;

    CHECK_EQ(pvcpu_trap_entry(&in, &out), 0);
    CHECK_EQ(out.cs, 0xe033);
    CHECK_EQ(out.vector, 14);
    CHECK_EQ(out.flags, 4);
    in.address = 0x8000000000000000UL;
    CHECK_EQ(pvcpu_trap_entry(&in, &out), -XEN_EINVAL);
    in.address = 0;
    CHECK_EQ(pvcpu_trap_entry(&in, &out), 1);
}

static void bounce_from_kernel_mode(struct unit_ctx *ctx)
{
    struct pvcpu_bounce_in in = {
        .rip = 0xffffffff80002000, .cs = 0xe033, .rflags = 0x3246,
        .rsp = 0xffffffff8000ca58, .ss = 0xe02b, .rcx = 0x11, .r11 = 0x22,
        .kernel_mode = true, .kernel_sp = 0x1234, .has_error_code = true,
        .error_code = 4, .upcall_mask = 1,
    };
    struct pvcpu_bounce_out out;

    pvcpu_bounce_frame(&in, &out);
    CHECK_EQ(out.nr_words, 8);
    CHECK_EQ(out.sp, 0xffffffff8000ca50 - 64);
    CHECK_EQ(out.words[0], 0x11);
    CHECK_EQ(out.words[1], 0x22);
    CHECK_EQ(out.words[2], 4);
    CHECK_EQ(out.words[3], 0xffffffff80002000);
    CHECK_EQ(out.words[4], 0x10000e030ULL);   /* RPL 0, mask in 32-39 */
    CHECK_EQ(out.words[5], 0x0046);           /* IOPL cleared, IF: masked */
    CHECK_EQ(out.words[6], 0xffffffff8000ca58);
    CHECK_EQ(out.words[7], 0xe02b);
}

static void bounce_from_user_mode(struct unit_ctx *ctx)
{
    struct pvcpu_bounce_in in = {
        .rip = 0x400000, .cs = 0xe033, .rflags = 0x202, .rsp = 0x7fff0000,
        .ss = 0xe02b, .kernel_mode = false,
        .kernel_sp = 0xffffffff80010008, .upcall_mask = 0,
    };
    struct pvcpu_bounce_out out;

    pvcpu_bounce_frame(&in, &out);
    CHECK_EQ(out.nr_words, 7);
    CHECK_EQ(out.sp, 0xffffffff80010000 - 56);
    CHECK_EQ(out.words[3], 0xe033);           /* user CS kept */
    CHECK_EQ(out.words[4], 0x202);            /* IF: events unmasked */
    CHECK_EQ(out.words[5], 0x7fff0000);
}

static void iret_context(struct unit_ctx *ctx)
{
    struct iret_context ic = {
        .rax = 1, .r11 = 2, .rcx = 3, .flags = 0, .rip = 0x400000,
        .cs = 0xe033, .rflags = 0x3202 | (1ULL << 17) | (1ULL << 40),
        .rsp = 0x7fff0000, .ss = 0xe02b,
    };
    struct pvcpu_iret_out o;

    pvcpu_iret(&ic, &o);
    CHECK(o.to_user);
    CHECK(o.restore_rcx_r11);
    CHECK_EQ(o.upcall_mask, 0);
    CHECK_EQ(o.rflags, 0x2);                  /* no IF, IOPL, VM, high */
    ic.cs = 0xe030;
    ic.flags = VGCF_in_syscall;
    ic.rflags = 0x46;
    pvcpu_iret(&ic, &o);
    CHECK(!o.to_user);
    CHECK(!o.restore_rcx_r11);
    CHECK_EQ(o.cs, 0xe033);
    CHECK_EQ(o.upcall_mask, 1);
}

static void time_scale_matches_frequency(struct unit_ctx *ctx)
{
    static const uint32_t khz[] = { 1, 1000, 2596258, 1000000, 1000001,
                                    3999999, 5000000, 0xffffffffu };

    for ( unsigned int i = 0; i < sizeof(khz) / sizeof(khz[0]); i++ )
    {
        uint32_t mul;
        int8_t shift;
        uint64_t ticks = (uint64_t)khz[i] * 1000;   /* one second */
        uint64_t ns;

        pvcpu_time_scale(khz[i], &mul, &shift);
        CHECK(mul >= 0x80000000u);
        ns = pvcpu_scale_delta(ticks, mul, shift);
        CHECK(ns <= 1000000000ULL && ns >= 1000000000ULL - 2);
    }
}

/* One exit check; returns its answer, *f the fault. */
static bool exit_check(uint64_t rip, uint64_t cs, uint64_t cs_desc,
                       uint64_t ss, uint64_t ss_desc,
                       struct pvcpu_exit_fault *f)
{
    struct pvcpu_exit_in in = { rip, cs, ss, cs_desc, ss_desc };

    return pvcpu_exit_check(&in, f);
}

static void exit_check_flat_segments(struct unit_ctx *ctx)
{
    struct pvcpu_exit_fault f;

    CHECK(exit_check(0xffffffff80001000ULL, 0xe033, CODE64_DPL3, 0xe02b,
                     DATA_DPL3, &f));
    CHECK(exit_check(0x00007ffffffffff0ULL, 0xe033, CODE64_DPL3, 0xe02b,
                     DATA_DPL3, &f));
    CHECK(exit_check(0xfffff000ULL, 0xe023, CODE32_DPL3, 0xe02b, DATA_DPL3,
                     &f));
    /* The frame's upper CS bits (the saved upcall mask) do not count. */
    CHECK(exit_check(0x1000, 0x1000000e033ULL, CODE64_DPL3, 0xe02b,
                     DATA_DPL3, &f));
}

static void exit_check_rip(struct unit_ctx *ctx)
{
    struct pvcpu_exit_fault f;

    /* After a forced-emulation cpuid ending at the canonical boundary. */
    CHECK(!exit_check(0x0000800000000000ULL, 0xe033, CODE64_DPL3, 0xe02b,
                      DATA_DPL3, &f));
    CHECK_EQ(f.vector, PVCPU_EXC_GP);
    CHECK_EQ(f.error_code, 0);
    /* 32-bit CS with a 4 GiB limit: one past the limit faults. */
    CHECK(!exit_check(0x100000000ULL, 0xe023, CODE32_DPL3, 0xe02b,
                      DATA_DPL3, &f));
    CHECK_EQ(f.vector, PVCPU_EXC_GP);
    CHECK_EQ(f.error_code, 0);
    /* Byte granularity, limit 0xfff: 0xfff fits, 0x1000 does not. */
    CHECK(exit_check(0xfff, 0xe023, 0x0040fb0000000fffULL, 0xe02b,
                     DATA_DPL3, &f));
    CHECK(!exit_check(0x1000, 0xe023, 0x0040fb0000000fffULL, 0xe02b,
                      DATA_DPL3, &f));
    /* A 16-bit CS (D clear) has its limit too. */
    CHECK(!exit_check(0x10000, 0xe023, 0x0000fb000000ffffULL, 0xe02b,
                      DATA_DPL3, &f));
}

static void exit_check_selectors(struct unit_ctx *ctx)
{
    struct pvcpu_exit_fault f;

    CHECK(!exit_check(0x1000, 0xe030, CODE64_DPL3, 0xe02b, DATA_DPL3, &f));
    CHECK_EQ(f.vector, PVCPU_EXC_GP);
    CHECK_EQ(f.error_code, 0xe030);
    CHECK(!exit_check(0x1000, 3, 0, 0xe02b, DATA_DPL3, &f));
    CHECK_EQ(f.error_code, 0);
    CHECK(!exit_check(0x1000, 0xe037, CODE64_DPL3, 0xe02b, DATA_DPL3, &f));
    CHECK_EQ(f.error_code, 0xe034);
    CHECK(!exit_check(0x1000, 0xe033, CODE64_DPL0, 0xe02b, DATA_DPL3, &f));
    CHECK(!exit_check(0x1000, 0xe02b, DATA_DPL3, 0xe02b, DATA_DPL3, &f));
    /* L and D both set is not a code segment the CPU loads. */
    CHECK(!exit_check(0x1000, 0xe033, CODE64_DPL3 | (1ULL << 54), 0xe02b,
                      DATA_DPL3, &f));
    CHECK(!exit_check(0x1000, 0xe033, CODE64_DPL3 & ~(1ULL << 47), 0xe02b,
                      DATA_DPL3, &f));
    CHECK_EQ(f.vector, PVCPU_EXC_NP);
    CHECK_EQ(f.error_code, 0xe030);
    CHECK(!exit_check(0x1000, 0xe033, CODE64_DPL3, 3, 0, &f));
    CHECK_EQ(f.vector, PVCPU_EXC_GP);
    CHECK(!exit_check(0x1000, 0xe033, CODE64_DPL3, 0xe033, CODE64_DPL3,
                      &f));
    CHECK_EQ(f.error_code, 0xe030);
    CHECK(!exit_check(0x1000, 0xe033, CODE64_DPL3, 0xe02b,
                      DATA_DPL3 & ~(1ULL << 47), &f));
    CHECK_EQ(f.vector, PVCPU_EXC_SS);
    CHECK_EQ(f.error_code, 0xe028);
}

static const struct unit_case pvcpu_cases[] = {
    { "exit_check_flat_segments", exit_check_flat_segments },
    { "exit_check_rip", exit_check_rip },
    { "exit_check_selectors", exit_check_selectors },
    { "descriptors_dpl_fixed_system_refused",
      descriptors_dpl_fixed_system_refused },
    { "selectors_for_cs_and_ss", selectors_for_cs_and_ss },
    { "trap_entries", trap_entries },
    { "bounce_from_kernel_mode", bounce_from_kernel_mode },
    { "bounce_from_user_mode", bounce_from_user_mode },
    { "iret_context", iret_context },
    { "time_scale_matches_frequency", time_scale_matches_frequency },
};

UNIT_SUITE(pvcpu, pvcpu_cases)
