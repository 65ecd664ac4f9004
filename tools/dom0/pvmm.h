/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-pvmm (tools/dom0/pvmm.c): the memory-management hypercalls of a
 * Linux PV kernel, checked case by case, hostile cases included.
 */
#ifndef DOM0_PVMM_H
#define DOM0_PVMM_H

#include <public/xen.h>

/* Runs every case; prints one line each and "pvmm: N passed, N failed". */
void pvmm_run(const struct start_info *si);

#endif /* DOM0_PVMM_H */
