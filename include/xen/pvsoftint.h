/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `int N` from a 64-bit PV guest (arch/x86/lib/pvsoftint.c, pure). Every
 * IDT gate but #BP and #OF has DPL 0, so `int N` at ring 3 raises #GP
 * with the IDT bit and the gate in the error code; the hypervisor then
 * delivers vector N through the guest's trap table when the entry's DPL
 * allows the guest's privilege (Xen's permit_softint), else the #GP.
 */
#ifndef XEN_PVSOFTINT_H
#define XEN_PVSOFTINT_H

#include <xen/types.h>

/* #GP error code bits: an IDT gate (bit 1), not an external event. */
#define PVSOFTINT_EC_MASK   0x3
#define PVSOFTINT_EC_IDT    0x2

/*
 * The vector of the `int N` at insn (n bytes readable) behind a #GP with
 * error_code: the instruction's immediate when it is `CD ib`, else the
 * gate in the error code. The instruction wins because some CPU models
 * (QEMU's TCG before 8.0) put vector * 16 in a long-mode error code.
 */
unsigned int pvsoftint_vector(uint64_t error_code, const uint8_t *insn,
                              size_t n);

/*
 * Whether a trap-table entry with flags (DPL in bits 0-1) may be reached
 * by `int N`: the guest kernel counts as ring 1, its user space as ring 3.
 */
bool pvsoftint_permitted(unsigned int flags, bool kernel_mode);

/* The error code of the #GP for a refused `int N`: the gate, IDT bit. */
uint64_t pvsoftint_error_code(unsigned int vector);

#endif /* XEN_PVSOFTINT_H */
