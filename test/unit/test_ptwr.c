/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/ptwr.c: the page-table stores a PV kernel makes.
 */
#include <xen/ptwr.h>

#include "unit.h"

static void register_stores(struct unit_ctx *ctx)
{
    struct ptwr_store st;
    const uint8_t rbp_to_rbx[] = { 0x48, 0x89, 0x2b };           /* (%rbx) */
    const uint8_t r8_disp8[] = { 0x4c, 0x89, 0x47, 0x08 };       /* 8(%rdi) */
    const uint8_t sib[] = { 0x48, 0x89, 0x34, 0xc7 };      /* (%rdi,%rax,8) */
    const uint8_t disp32[] = { 0x48, 0x89, 0x87, 0, 1, 0, 0 };

    CHECK_EQ(ptwr_decode_store(rbp_to_rbx, 3, &st), 3);
    CHECK(!st.imm);
    CHECK_EQ(st.reg, 5);
    CHECK_EQ(ptwr_decode_store(r8_disp8, 4, &st), 4);
    CHECK_EQ(st.reg, 8);
    CHECK_EQ(ptwr_decode_store(sib, 4, &st), 4);
    CHECK_EQ(st.reg, 6);
    CHECK_EQ(ptwr_decode_store(disp32, 7, &st), 7);
    CHECK_EQ(st.reg, 0);
}

static void exchange(struct unit_ctx *ctx)
{
    struct ptwr_store st;
    const uint8_t xchg_rdx[] = { 0x48, 0x87, 0x10 };            /* (%rax) */

    CHECK_EQ(ptwr_decode_store(xchg_rdx, 3, &st), 3);
    CHECK(st.xchg);
    CHECK(!st.imm);
    CHECK_EQ(st.reg, 2);
}

static void immediate_stores(struct unit_ctx *ctx)
{
    struct ptwr_store st;
    const uint8_t zero[] = { 0x48, 0xc7, 0x07, 0, 0, 0, 0 };
    const uint8_t neg[] = { 0x48, 0xc7, 0x07, 0xff, 0xff, 0xff, 0xff };

    CHECK_EQ(ptwr_decode_store(zero, 7, &st), 7);
    CHECK(st.imm);
    CHECK_EQ(st.imm_val, 0);
    CHECK_EQ(ptwr_decode_store(neg, 7, &st), 7);
    CHECK_EQ(st.imm_val, ~0ULL);
}

static void refused(struct unit_ctx *ctx)
{
    struct ptwr_store st;
    const uint8_t no_rexw[] = { 0x89, 0x2b, 0x90 };
    const uint8_t reg_dest[] = { 0x48, 0x89, 0xc3 };
    const uint8_t c7_not0[] = { 0x48, 0xc7, 0x0f, 0, 0, 0, 0 };
    const uint8_t cut_imm[] = { 0x48, 0xc7, 0x07, 0 };
    const uint8_t cut_disp[] = { 0x48, 0x89, 0x87, 0 };

    CHECK_EQ(ptwr_decode_store(no_rexw, 3, &st), 0);
    CHECK_EQ(ptwr_decode_store(reg_dest, 3, &st), 0);
    CHECK_EQ(ptwr_decode_store(c7_not0, 7, &st), 0);
    CHECK_EQ(ptwr_decode_store(cut_imm, 4, &st), 0);
    CHECK_EQ(ptwr_decode_store(cut_disp, 4, &st), 0);
}

static const struct unit_case ptwr_cases[] = {
    { "register_stores", register_stores },
    { "immediate_stores", immediate_stores },
    { "exchange", exchange },
    { "refused", refused },
};

UNIT_SUITE(ptwr, ptwr_cases)
