/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware test shim's Secure Boot stand-ins (shimsec.c): a memory
 * attribute protocol (memattr=1), with strict mapping of images started
 * later (memattr=2), shim's lock protocol (shimlock=accept|refuse) and
 * shim's MokSBStateRT variable (moksbstate=B). Lines, in this order:
 *
 *   SHIM: MokSBStateRT %u set
 *   SHIM: shim-lock protocol installed: accept|refuse
 *   SHIM: memory attribute protocol installed (%u page-table pages at ...)
 *   SHIM: StartImage wrapped: images started later are mapped strictly
 *   SHIM: memattr strict image at 0x%016x: .text r-x, .rodata r--, ...
 *   SHIM: memattr get|set|clear 0x%016x +0x%x attrs 0x%x: ok|failed
 *         (call N)
 *   SHIM: shim-lock verify N: 0x%016x bytes %u crc32 %08x: accepted|refused
 *   SHIM: memattr image at 0x%016x returned: attributes restored
 *
 * The get/set/clear lines are the image's own calls through the protocol
 * (N counts them; get shows the attributes found); the strict mapping by
 * the StartImage wrapper (memattr=2 only) makes none.
 */
#ifndef SHIMSEC_H
#define SHIMSEC_H

#include <efi/efi.h>

#include "shimopt.h"

/* Installs what o asks for; prints one line per thing installed. */
efi_status_t shimsec_setup(struct efi_system_table *st,
                           const struct shimopt *o);

#endif /* SHIMSEC_H */
