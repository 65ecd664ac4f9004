/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pvsoftint.c: which vector an `int N` #GP
 * names, Xen's DPL rule for delivering it, and the refused #GP's code.
 */
#include <xen/pvsoftint.h>

#include "unit.h"

static void vector_from_the_instruction(struct unit_ctx *ctx)
{
    const uint8_t int80[] = { 0xcd, 0x80 };
    const uint8_t other[] = { 0x0f, 0x0b };

    /* QEMU TCG 7.2 reports 0x802 for `int $0x80`: the immediate wins. */
    CHECK_EQ(pvsoftint_vector(0x802, int80, 2), 0x80);
    CHECK_EQ(pvsoftint_vector(0x402, int80, 2), 0x80);
    /* No readable instruction, or another one: the error code's gate. */
    CHECK_EQ(pvsoftint_vector(0x402, int80, 1), 0x80);
    CHECK_EQ(pvsoftint_vector(0x40a, int80, 0), 0x81);
    CHECK_EQ(pvsoftint_vector(0x40a, other, 2), 0x81);
    CHECK_EQ(pvsoftint_vector(0x802, NULL, 0), 0);  /* cut to 8 bits */
}

static void dpl_rule(struct unit_ctx *ctx)
{
    /* The guest kernel is ring 1, its user space ring 3. */
    CHECK(!pvsoftint_permitted(0, true));
    CHECK(pvsoftint_permitted(1, true));
    CHECK(pvsoftint_permitted(3 | 4, true));
    CHECK(!pvsoftint_permitted(1, false));
    CHECK(!pvsoftint_permitted(2 | 4, false));
    CHECK(pvsoftint_permitted(3, false));
}

static void refused_error_code(struct unit_ctx *ctx)
{
    CHECK_EQ(pvsoftint_error_code(0x80), 0x402);
    CHECK_EQ(pvsoftint_error_code(0xff), 0x7fa);
    CHECK_EQ(pvsoftint_error_code(0x100), 0x2);
}

static const struct unit_case pvsoftint_cases[] = {
    { "vector_from_the_instruction", vector_from_the_instruction },
    { "dpl_rule", dpl_rule },
    { "refused_error_code", refused_error_code },
};

UNIT_SUITE(pvsoftint, pvsoftint_cases)
