/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Port I/O of a PV dom0 kernel: decoding the in/out instruction that
 * raised #GP, and Xen's rule for which guest privilege level the virtual
 * IOPL (PHYSDEVOP_set_iopl) lets touch ports.
 */
#ifndef XEN_PVIO_H
#define XEN_PVIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pvio_op {
    uint16_t port;
    uint8_t bytes;          /* 1, 2 or 4 */
    bool out;               /* out: the value comes from eax */
    uint8_t len;            /* instruction length */
};

unsigned int pvio_decode(const uint8_t *insn, size_t n, uint64_t rdx,
                         struct pvio_op *op);
bool pvio_iopl_allows(unsigned int iopl, bool kernel_mode);
uint64_t pvio_merge_in(uint64_t rax, unsigned int bytes, uint32_t val);

#endif
