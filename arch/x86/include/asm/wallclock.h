/* SPDX-License-Identifier: GPL-2.0-only */
/* The firmware's clock (arch/x86/wallclock.c). */
#ifndef ASM_WALLCLOCK_H
#define ASM_WALLCLOCK_H

#include <xen/types.h>

/*
 * Reads the firmware's time of day as seconds since the Unix epoch (UTC,
 * as the firmware keeps it): EFI GetTime when runtime services exist,
 * else the CMOS real-time clock. *src names the source. False when
 * neither gave a believable time.
 */
bool arch_wallclock_read(uint64_t *secs, uint32_t *nsecs, const char **src);

#endif /* ASM_WALLCLOCK_H */
