/* SPDX-License-Identifier: GPL-2.0-only */
/* `int N` from a 64-bit PV guest: rules in include/xen/pvsoftint.h. */
#include <xen/pvsoftint.h>

#define OPC_INT_IB      0xcd

unsigned int pvsoftint_vector(uint64_t error_code, const uint8_t *insn,
                              size_t n)
{
    if ( n >= 2 && insn[0] == OPC_INT_IB )
        return insn[1];
    return (error_code >> 3) & 0xff;
}

bool pvsoftint_permitted(unsigned int flags, bool kernel_mode)
{
    return (flags & 3) >= (kernel_mode ? 1U : 3U);
}

uint64_t pvsoftint_error_code(unsigned int vector)
{
    return ((uint64_t)(vector & 0xff) << 3) | PVSOFTINT_EC_IDT;
}
