/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Port I/O of a PV dom0 kernel (pure): the one-port in/out forms (E4-E7
 * with an 8-bit port, EC-EF with the port in DX), an operand-size prefix
 * 66 for 16 bits, and the IOPL rule. String forms are not decoded.
 */
#include <xen/pvio.h>

/*
 * Decodes the in/out at insn (n bytes readable) into op. Returns the
 * instruction length, or 0 when it is not a one-port in/out.
 */
unsigned int pvio_decode(const uint8_t *insn, size_t n, uint64_t rdx,
                         struct pvio_op *op)
{
    unsigned int i = 0;
    bool opsize = false;
    uint8_t b;

    while ( i < n && i < 4 && insn[i] == 0x66 )
    {
        opsize = true;
        i++;
    }
    if ( i >= n )
        return 0;
    b = insn[i++];
    if ( (b & 0xf4) != 0xe4 )
        return 0;
    if ( !(b & 0x08) )
    {
        if ( i >= n )
            return 0;
        op->port = insn[i++];
    }
    else
        op->port = (uint16_t)rdx;
    op->bytes = !(b & 1) ? 1 : opsize ? 2 : 4;
    op->out = b & 2;
    op->len = i;
    return i;
}

/*
 * Xen's rule: a 64-bit PV guest kernel counts as ring 1, its user space
 * as ring 3; port access needs a virtual IOPL at least that high.
 */
bool pvio_iopl_allows(unsigned int iopl, bool kernel_mode)
{
    return iopl >= (kernel_mode ? 1U : 3U);
}

/*
 * RAX after an in of bytes bytes that read val: 8 and 16-bit reads keep
 * the rest of RAX, a 32-bit read zero-extends as the CPU does.
 */
uint64_t pvio_merge_in(uint64_t rax, unsigned int bytes, uint32_t val)
{
    if ( bytes == 1 )
        return (rax & ~0xffULL) | (val & 0xff);
    if ( bytes == 2 )
        return (rax & ~0xffffULL) | (val & 0xffff);
    return val;
}
