/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page attribute table (Intel SDM vol. 3, 12.12): the hypervisor
 * programs Xen's, and a PV dom0 reads that value back, because the
 * PAT, PCD and PWT bits of dom0's page-table entries select memory types
 * through the hardware's table.
 */
#ifndef ASM_X86_PAT_H
#define ASM_X86_PAT_H

#define MSR_PAT         0x00000277
/*
 * Xen's table, entries 0-7: WB, WT, UC-, UC, WC, WP, UC, UC. Entries 0-3
 * are the power-on ones, so mappings made before pat_init() keep their
 * types; 4 and 5 give a guest write combining and write protection.
 */
#define XEN_MSR_PAT     0x0000050100070406ULL

/* Programs XEN_MSR_PAT when the CPU has a PAT; says so at loglvl=info. */
void pat_init(void);

#endif
