/* SPDX-License-Identifier: GPL-2.0-only */
/* SMEP and SMAP for the hypervisor (arch/x86/smap.c). */
#ifndef ASM_SMAP_H
#define ASM_SMAP_H

#include <xen/types.h>

/* True once CR4.SMAP is set (the entry stubs then clac). */
extern bool cpu_smap_on;

/*
 * Sets CR4.SMEP and CR4.SMAP when CPUID leaf 7 offers them, and prints one
 * line saying which are on. Runs once the boot no longer calls firmware
 * boot services (which may run with user pages in their tables).
 */
void smap_init(void);

#endif /* ASM_SMAP_H */
