/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/ptwr.c: the page-table writes a PV kernel
 * makes, decoded and applied to a copy of the entry. The instruction
 * bytes are those gcc emits for Linux's pte helpers (set_pte, xchg in
 * ptep_get_and_clear, lock andb in ptep_set_wrprotect, lock btr in
 * ptep_test_and_clear_young, lock cmpxchg).
 */
#include <xen/ptwr.h>

#include "unit.h"

#define RAX 0
#define RCX 1
#define RDX 2
#define RBX 3
#define CF  (1ULL << 0)
#define ZF  (1ULL << 6)

static void register_stores(struct unit_ctx *ctx)
{
    struct ptwr_insn op;
    const uint8_t rbp_to_rbx[] = { 0x48, 0x89, 0x2b };           /* (%rbx) */
    const uint8_t r8_disp8[] = { 0x4c, 0x89, 0x47, 0x08 };       /* 8(%rdi) */
    const uint8_t sib[] = { 0x48, 0x89, 0x34, 0xc7 };      /* (%rdi,%rax,8) */
    const uint8_t disp32[] = { 0x48, 0x89, 0x87, 0, 1, 0, 0 };
    const uint8_t mov32[] = { 0x89, 0x07 };                 /* %eax,(%rdi) */
    const uint8_t mov8[] = { 0x88, 0x27 };                  /* %ah,(%rdi) */

    CHECK_EQ(ptwr_decode(rbp_to_rbx, 3, &op), 3);
    CHECK(!op.src_imm);
    CHECK_EQ(op.kind, PTWR_MOV);
    CHECK_EQ(op.bytes, 8);
    CHECK_EQ(op.reg, 5);
    CHECK_EQ(ptwr_decode(r8_disp8, 4, &op), 4);
    CHECK_EQ(op.reg, 8);
    CHECK_EQ(ptwr_decode(sib, 4, &op), 4);
    CHECK_EQ(op.reg, 6);
    CHECK_EQ(ptwr_decode(disp32, 7, &op), 7);
    CHECK_EQ(op.reg, 0);
    CHECK_EQ(ptwr_decode(mov32, 2, &op), 2);
    CHECK_EQ(op.bytes, 4);
    CHECK_EQ(ptwr_decode(mov8, 2, &op), 2);
    CHECK_EQ(op.bytes, 1);
    CHECK(op.high_byte);
}

static void partial_stores_merge(struct unit_ctx *ctx)
{
    struct ptwr_insn op;
    struct ptwr_result res;
    uint64_t gpr[16] = { 0 };
    const uint8_t mov32[] = { 0x89, 0x07 };
    const uint8_t mov8_ah[] = { 0x88, 0x27 };
    const uint8_t movw_imm[] = { 0x66, 0xc7, 0x07, 0x34, 0x12 };

    gpr[RAX] = 0xaabbccdd11223344ULL;
    CHECK_EQ(ptwr_decode(mov32, 2, &op), 2);
    CHECK(ptwr_apply(&op, 4, 0x0000000500000067ULL, gpr, 0, &res));
    CHECK(res.write);
    CHECK_EQ(res.entry, 0x1122334400000067ULL);
    CHECK_EQ(res.reg, -1);
    CHECK(!ptwr_apply(&op, 5, 0, gpr, 0, &res));   /* crosses the entry */
    CHECK_EQ(ptwr_decode(mov8_ah, 2, &op), 2);
    CHECK(ptwr_apply(&op, 1, 0x1067ULL, gpr, 0, &res));
    CHECK_EQ(res.entry, 0x3367ULL);
    CHECK_EQ(ptwr_decode(movw_imm, 5, &op), 5);
    CHECK_EQ(op.bytes, 2);
    CHECK(ptwr_apply(&op, 2, ~0ULL, gpr, 0, &res));
    CHECK_EQ(res.entry, 0xffffffff1234ffffULL);
}

static void exchange(struct unit_ctx *ctx)
{
    struct ptwr_insn op;
    struct ptwr_result res;
    uint64_t gpr[16] = { 0 };
    const uint8_t xchg_rdx[] = { 0x48, 0x87, 0x10 };            /* (%rax) */

    CHECK_EQ(ptwr_decode(xchg_rdx, 3, &op), 3);
    CHECK_EQ(op.kind, PTWR_XCHG);
    CHECK(!op.src_imm);
    CHECK_EQ(op.reg, 2);
    CHECK(ptwr_apply(&op, 0, 0x8000000012345067ULL, gpr, 0x202, &res));
    CHECK(res.write);
    CHECK_EQ(res.entry, 0);
    CHECK_EQ(res.reg, RDX);
    CHECK_EQ(res.reg_val, 0x8000000012345067ULL);
    CHECK_EQ(res.rflags, 0x202);
}

static void immediate_stores(struct unit_ctx *ctx)
{
    struct ptwr_insn op;
    const uint8_t zero[] = { 0x48, 0xc7, 0x07, 0, 0, 0, 0 };
    const uint8_t neg[] = { 0x48, 0xc7, 0x07, 0xff, 0xff, 0xff, 0xff };

    CHECK_EQ(ptwr_decode(zero, 7, &op), 7);
    CHECK(op.src_imm);
    CHECK_EQ(op.imm, 0);
    CHECK_EQ(ptwr_decode(neg, 7, &op), 7);
    CHECK_EQ(op.imm, ~0ULL);
}

/* ptep_set_wrprotect: "ds; and $0xfd,(%r12)" (UP-patched lock). */
static void lock_and_clears_rw(struct unit_ctx *ctx)
{
    struct ptwr_insn op;
    struct ptwr_result res;
    uint64_t gpr[16] = { 0 };
    const uint8_t andb[] = { 0x3e, 0x41, 0x80, 0x24, 0x24, 0xfd };
    const uint8_t lock_andq[] = { 0xf0, 0x48, 0x83, 0x27, 0xfd };

    CHECK_EQ(ptwr_decode(andb, 6, &op), 6);
    CHECK_EQ(op.kind, PTWR_AND);
    CHECK_EQ(op.bytes, 1);
    CHECK(op.src_imm);
    CHECK(ptwr_apply(&op, 0, 0x80000000329f5867ULL, gpr, 0x246, &res));
    CHECK_EQ(res.entry, 0x80000000329f5865ULL);
    CHECK(!(res.rflags & ZF));
    CHECK_EQ(ptwr_decode(lock_andq, 5, &op), 5);
    CHECK_EQ(op.bytes, 8);
    CHECK(ptwr_apply(&op, 0, 0x8000000000001067ULL, gpr, 0, &res));
    CHECK_EQ(res.entry, 0x8000000000001065ULL);
}

/* ptep_test_and_clear_young: "lock btr $5,(%rdi)" gives the old bit in CF. */
static void lock_btr_accessed(struct unit_ctx *ctx)
{
    struct ptwr_insn op;
    struct ptwr_result res;
    uint64_t gpr[16] = { 0 };
    const uint8_t btr[] = { 0xf0, 0x48, 0x0f, 0xba, 0x37, 0x05 };
    const uint8_t bts_reg[] = { 0xf0, 0x48, 0x0f, 0xab, 0x0f };

    CHECK_EQ(ptwr_decode(btr, 6, &op), 6);
    CHECK_EQ(op.kind, PTWR_BTR);
    CHECK(ptwr_apply(&op, 0, 0x1067, gpr, 0, &res));
    CHECK_EQ(res.entry, 0x1047);
    CHECK(res.rflags & CF);
    CHECK(ptwr_apply(&op, 0, 0x1047, gpr, CF, &res));
    CHECK(!(res.rflags & CF));
    CHECK_EQ(ptwr_decode(bts_reg, 5, &op), 5);
    CHECK_EQ(op.kind, PTWR_BTS);
    gpr[RCX] = 1;
    CHECK(ptwr_apply(&op, 0, 0x1065, gpr, 0, &res));
    CHECK_EQ(res.entry, 0x1067);
    gpr[RCX] = 64;                  /* a bit of the next word: refused */
    CHECK(!ptwr_apply(&op, 0, 0x1065, gpr, 0, &res));
}

static void lock_cmpxchg(struct unit_ctx *ctx)
{
    struct ptwr_insn op;
    struct ptwr_result res;
    uint64_t gpr[16] = { 0 };
    const uint8_t cmpxchg[] = { 0xf0, 0x48, 0x0f, 0xb1, 0x13 };  /* rdx */

    CHECK_EQ(ptwr_decode(cmpxchg, 5, &op), 5);
    CHECK_EQ(op.kind, PTWR_CMPXCHG);
    gpr[RAX] = 0x1067;
    gpr[RDX] = 0x2067;
    CHECK(ptwr_apply(&op, 0, 0x1067, gpr, 0, &res));
    CHECK(res.write);
    CHECK_EQ(res.entry, 0x2067);
    CHECK(res.rflags & ZF);
    CHECK_EQ(res.reg, -1);
    gpr[RAX] = 0x1065;              /* no match: RAX gets the entry */
    CHECK(ptwr_apply(&op, 0, 0x1067, gpr, ZF, &res));
    CHECK(!res.write);
    CHECK_EQ(res.entry, 0x1067);
    CHECK(!(res.rflags & ZF));
    CHECK_EQ(res.reg, RAX);
    CHECK_EQ(res.reg_val, 0x1067);
}

static void refused(struct unit_ctx *ctx)
{
    struct ptwr_insn op;
    const uint8_t reg_dest[] = { 0x48, 0x89, 0xc3 };
    const uint8_t c7_not0[] = { 0x48, 0xc7, 0x0f, 0, 0, 0, 0 };
    const uint8_t cut_imm[] = { 0x48, 0xc7, 0x07, 0 };
    const uint8_t cut_disp[] = { 0x48, 0x89, 0x87, 0 };
    const uint8_t add[] = { 0x48, 0x01, 0x07 };
    const uint8_t bt_read[] = { 0x48, 0x0f, 0xba, 0x27, 0x05 };
    const uint8_t only_prefixes[] = { 0xf0, 0x3e, 0x66, 0xf0, 0x48 };

    CHECK_EQ(ptwr_decode(reg_dest, 3, &op), 0);
    CHECK_EQ(ptwr_decode(c7_not0, 7, &op), 0);
    CHECK_EQ(ptwr_decode(cut_imm, 4, &op), 0);
    CHECK_EQ(ptwr_decode(cut_disp, 4, &op), 0);
    CHECK_EQ(ptwr_decode(add, 3, &op), 0);
    CHECK_EQ(ptwr_decode(bt_read, 5, &op), 0);
    CHECK_EQ(ptwr_decode(only_prefixes, 5, &op), 0);
}

static const struct unit_case ptwr_cases[] = {
    { "register_stores", register_stores },
    { "partial_stores_merge", partial_stores_merge },
    { "immediate_stores", immediate_stores },
    { "exchange", exchange },
    { "lock_and_clears_rw", lock_and_clears_rw },
    { "lock_btr_accessed", lock_btr_accessed },
    { "lock_cmpxchg", lock_cmpxchg },
    { "refused", refused },
};

UNIT_SUITE(ptwr, ptwr_cases)
