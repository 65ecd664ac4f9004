/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writable page tables for a PV kernel: decoding and applying the write
 * that faulted on one of its (read-only mapped) L1 tables, so the
 * hypervisor can redo it as a validated page-table update, as Xen's ptwr
 * emulation does. Pure (arch/x86/lib/ptwr.c).
 *
 * The forms are those a PV Linux uses on live page tables, each with any
 * memory addressing form, the lock, segment and operand-size prefixes
 * and REX: mov (88, 89, c6 /0, c7 /0), xchg (86, 87), cmpxchg (0f b0,
 * 0f b1), and, or, xor (08, 09, 20, 21, 30, 31, 80, 81, 83 with /1, /4,
 * /6), bts, btr, btc (0f ab, 0f b3, 0f bb, 0f ba /5-/7), 1 to 8 bytes
 * wide, inside one 8-byte entry.
 */
#ifndef XEN_PTWR_H
#define XEN_PTWR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ptwr_kind {
    PTWR_MOV,
    PTWR_XCHG,
    PTWR_CMPXCHG,
    PTWR_AND,
    PTWR_OR,
    PTWR_XOR,
    PTWR_BTS,
    PTWR_BTR,
    PTWR_BTC,
};

struct ptwr_insn {
    uint8_t len;            /* instruction length */
    uint8_t bytes;          /* operand size: 1, 2, 4 or 8 */
    uint8_t kind;           /* enum ptwr_kind */
    bool src_imm;           /* the source is imm, else register reg */
    bool high_byte;         /* byte register 4-7 without REX: AH..BH */
    uint8_t reg;            /* ModRM reg with REX.R */
    uint64_t imm;           /* the immediate, sign-extended */
};

/* What applying an instruction to an entry gives. */
struct ptwr_result {
    uint64_t entry;         /* the entry's new value */
    bool write;             /* false: a cmpxchg that did not match */
    int reg;                /* general register written (0-15), or -1 */
    uint64_t reg_val;       /* its new value */
    uint64_t rflags;        /* the new RFLAGS */
};

/*
 * Decodes the instruction at insn (n bytes readable). Returns its length,
 * or 0 when it is none of the forms above.
 */
unsigned int ptwr_decode(const uint8_t *insn, size_t n,
                         struct ptwr_insn *op);

/*
 * Applies op to the 8-byte entry old, whose byte off (0-7) is the first
 * byte of the operand, with the general registers gpr (x86 order: RAX,
 * RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8-R15) and rflags. Fills *res;
 * changes nothing else. Returns false when the operand does not lie
 * inside the entry or a register bit offset leaves the operand.
 */
bool ptwr_apply(const struct ptwr_insn *op, unsigned int off, uint64_t old,
                const uint64_t gpr[16], uint64_t rflags,
                struct ptwr_result *res);

#endif
