/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot timeline as records (lib/boot_timeline.c, pure): the names
 * of the boot phases and the stamps taken, in microseconds since the
 * first, shared by the hypervisor's "Boot timeline" lines and by
 * XENPF_get_boot_timeline (arch/x86/boot_timeline.c), so both give the
 * same values.
 */
#ifndef XEN_BOOT_TIMELINE_H
#define XEN_BOOT_TIMELINE_H

#include <public/platform.h>
#include <xen/bootinfo.h>
#include <xen/types.h>

/* The name of a phase ("entry", ..., "dom0 entry"); "?" out of range. */
const char *boot_timeline_name(unsigned int phase);

/*
 * The stamps taken (non-zero entries of tsc[BOOT_NR_PHASES]) in phase
 * order, which is the order they are taken on every path: writes at most
 * room records to out (out may be NULL when room is 0), each with its
 * name and its time since the smallest stamp (tsc_cycles_to_us at khz).
 * Returns how many stamps were taken, which may exceed room.
 */
unsigned int boot_timeline_fill(const uint64_t *tsc, uint32_t khz,
                                struct xenpf_boot_stamp *out,
                                unsigned int room);

/*
 * XENPF_get_boot_timeline for the platform_op at guest address arg, whose
 * copy is *op (arch/x86/boot_timeline.c). Returns 0 or a negative errno.
 */
long arch_boot_timeline_op(uint64_t arg, struct xen_platform_op *op);

#endif /* XEN_BOOT_TIMELINE_H */
