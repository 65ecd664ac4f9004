/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Writable page tables for a PV kernel: decoding the 8-byte store that
 * faulted on one of its (read-only mapped) L1 tables, so the hypervisor
 * can redo it as a validated page-table update, as Xen's ptwr emulation.
 */
#ifndef XEN_PTWR_H
#define XEN_PTWR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ptwr_store {
    uint8_t len;            /* instruction length */
    bool imm;               /* the value is imm, else general register reg */
    bool xchg;              /* reg also receives the old entry */
    uint8_t reg;            /* 0-15, ModRM reg with REX.R */
    uint64_t imm_val;       /* sign-extended imm32 */
};

unsigned int ptwr_decode_store(const uint8_t *insn, size_t n,
                               struct ptwr_store *st);

#endif
