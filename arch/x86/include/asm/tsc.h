/* SPDX-License-Identifier: GPL-2.0-only */
/* The TSC's frequency on this machine (arch/x86/tsc.c). */
#ifndef ASM_TSC_H
#define ASM_TSC_H

#include <xen/tsc.h>

/*
 * The TSC frequency in kHz and its source: CPUID when it reports one,
 * otherwise calibrated once against PIT channel 2 (about 50 ms, only on
 * the first call). 0 and TSC_SRC_NONE when nothing works.
 */
uint32_t arch_tsc_khz(enum tsc_source *src);

#endif /* ASM_TSC_H */
