/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzer for arch/x86/lib/ptwr.c, the decoder and applier of the writes a
 * PV kernel makes to its page tables (guest bytes the hypervisor reads
 * after a fault). Input: 16 instruction bytes, the fault's byte offset in
 * the entry, the old entry, RAX, the operand register and RFLAGS.
 * Invariants: the length is within the bytes and 15; applying never
 * touches bytes of the entry outside [off, off + size); a refused apply
 * leaves the result unused; only the status flags change; a
 * cmpxchg that does not match writes nothing; the register written is
 * the decoded one (or RAX for cmpxchg).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/ptwr.h>

#define FLAGS_ARITH 0x8d5ULL

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;

    for ( unsigned int i = 0; i < 8; i++ )
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ptwr_insn op;
    struct ptwr_result res;
    uint64_t gpr[16] = { 0 }, old, rflags, mask;
    unsigned int len, off;

    if ( size < 16 + 1 + 8 * 4 )
        return 0;
    len = ptwr_decode(data, 16, &op);
    if ( !len )
        return 0;
    if ( len != op.len || len > 15 || op.bytes == 0 || op.bytes > 8 ||
         (op.bytes & (op.bytes - 1)) || op.reg > 15 )
        abort();
    off = data[16] % 8;
    old = get64(data + 17);
    gpr[0] = get64(data + 25);
    gpr[op.reg] = get64(data + 33);
    rflags = get64(data + 41) & 0x3f7fd7;
    if ( !ptwr_apply(&op, off, old, gpr, rflags, &res) )
        return 0;
    if ( off + op.bytes > 8 )
        abort();                        /* crossing the entry accepted */
    mask = op.bytes == 8 ? ~0ULL : ((1ULL << (8 * op.bytes)) - 1) << (8 * off);
    if ( (res.entry & ~mask) != (old & ~mask) )
        abort();                        /* a byte outside the operand */
    if ( (res.rflags & ~FLAGS_ARITH) != (rflags & ~FLAGS_ARITH) )
        abort();
    if ( !res.write && (op.kind != PTWR_CMPXCHG || res.entry != old ||
                        res.reg != 0) )
        abort();
    if ( res.reg >= 0 && res.reg != 0 &&
         res.reg != (op.high_byte ? op.reg - 4 : op.reg) )
        abort();
    return 0;
}
