/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pvio.c: in/out decoding, the IOPL rule and how an
 * in merges into RAX.
 */
#include <xen/pvio.h>

#include "unit.h"

static void decodes_forms(struct unit_ctx *ctx)
{
    struct pvio_op op;
    const uint8_t out_dx_l[] = { 0xef };
    const uint8_t in_dx_w[] = { 0x66, 0xed };
    const uint8_t in_imm_b[] = { 0xe4, 0x61 };
    const uint8_t out_imm_l[] = { 0xe7, 0x80 };

    CHECK_EQ(pvio_decode(out_dx_l, 1, 0xcf8, &op), 1);
    CHECK_EQ(op.port, 0xcf8);
    CHECK_EQ(op.bytes, 4);
    CHECK(op.out);
    CHECK_EQ(pvio_decode(in_dx_w, 2, 0x10cfc, &op), 2);
    CHECK_EQ(op.port, 0xcfc);
    CHECK_EQ(op.bytes, 2);
    CHECK(!op.out);
    CHECK_EQ(pvio_decode(in_imm_b, 2, 0, &op), 2);
    CHECK_EQ(op.port, 0x61);
    CHECK_EQ(op.bytes, 1);
    CHECK_EQ(pvio_decode(out_imm_l, 2, 0, &op), 2);
    CHECK_EQ(op.port, 0x80);
    CHECK(op.out);
}

static void refuses_others(struct unit_ctx *ctx)
{
    struct pvio_op op;
    const uint8_t outs[] = { 0x6e };
    const uint8_t wrmsr[] = { 0x0f, 0x30 };
    const uint8_t cut[] = { 0xe6 };
    const uint8_t prefixes[] = { 0x66, 0x66, 0x66, 0x66, 0x66, 0xec };

    CHECK_EQ(pvio_decode(outs, 1, 0, &op), 0);
    CHECK_EQ(pvio_decode(wrmsr, 2, 0, &op), 0);
    CHECK_EQ(pvio_decode(cut, 1, 0, &op), 0);
    CHECK_EQ(pvio_decode(prefixes, 6, 0, &op), 0);
    CHECK_EQ(pvio_decode(prefixes, 0, 0, &op), 0);
}

static void iopl_rule(struct unit_ctx *ctx)
{
    CHECK(!pvio_iopl_allows(0, true));
    CHECK(pvio_iopl_allows(1, true));
    CHECK(!pvio_iopl_allows(1, false));
    CHECK(!pvio_iopl_allows(2, false));
    CHECK(pvio_iopl_allows(3, false));
}

static void merge_in(struct unit_ctx *ctx)
{
    CHECK_EQ(pvio_merge_in(0x1122334455667788ULL, 1, 0xab),
             0x11223344556677abULL);
    CHECK_EQ(pvio_merge_in(0x1122334455667788ULL, 2, 0xabcd),
             0x112233445566abcdULL);
    CHECK_EQ(pvio_merge_in(0x1122334455667788ULL, 4, 0xdeadbeef),
             0xdeadbeefULL);
}

static const struct unit_case pvio_cases[] = {
    { "decodes_forms", decodes_forms },
    { "refuses_others", refuses_others },
    { "iopl_rule", iopl_rule },
    { "merge_in", merge_in },
};

UNIT_SUITE(pvio, pvio_cases)
