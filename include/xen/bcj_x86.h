/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 BCJ filter of the .xz format (lib/decompress/bcj_x86.c), used by the
 * XZ decoder (lib/decompress/unxz.c) on a block's whole output.
 */
#ifndef XEN_BCJ_X86_H
#define XEN_BCJ_X86_H

#include <xen/types.h>

/*
 * Turns the absolute targets the encoder wrote into CALL (e8) and JMP
 * (e9) rel32 operands back into relative ones. start is the stream
 * offset of buf[0]. The filter skips a candidate when recent e8/e9 bytes
 * (the bits of mask, one per byte back) suggest it is inside another
 * instruction's operand; the last four bytes are never converted.
 */
void bcj_x86(uint8_t *buf, size_t size, uint32_t start);

#endif /* XEN_BCJ_X86_H */
