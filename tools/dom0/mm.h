/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Read-only windows onto machine memory for the dom0 kernel
 * (tools/dom0/mm.c). Dom0's page tables are read-only to it, as PV
 * requires, so each mapping is one update_va_mapping hypercall on a page of
 * a window inside the kernel's own .bss, whose L1 entries the hypervisor
 * built with the initial mapping.
 */
#ifndef DOM0_MM_H
#define DOM0_MM_H

#include <xen/types.h>

#include <public/xen.h>

#define MM_PAGE_BYTES       4096
#define MM_WINDOW_PAGES     8

/* PTE bits dom0 uses (x86 long mode): present, writable, user, accessed,
 * dirty. */
#define MM_PTE_P            0x001ULL
#define MM_PTE_RW           0x002ULL
#define MM_PTE_US           0x004ULL
#define MM_PTE_A            0x020ULL
#define MM_PTE_D            0x040ULL
/* The frame address bits of a page table entry. */
#define MM_PTE_ADDR         0x000ffffffffff000ULL
/* Where the hypervisor shows dom0 the M2P table, read-only (Xen's
 * RO_MPT_VIRT_START). */
#define MM_M2P_START        0xffff800000000000UL

/* Records start_info for the pseudo-physical to machine lookups. */
void mm_init(const struct start_info *si);

/*
 * Maps len bytes of machine memory from pa read-only into the window,
 * replacing what the window showed before. Returns the virtual address of
 * pa, or NULL with *rc set (the hypercall's error, or -XEN_ENOSPC when
 * the range needs more than MM_WINDOW_PAGES pages).
 */
const void *mm_map(uint64_t pa, size_t len, long *rc);

/* Gives the window back its own frames. */
void mm_unmap(void);

/* Machine frame behind a dom0 virtual address inside the kernel's initial
 * mapping (through the p2m list). */
uint64_t mm_virt_to_mfn(const void *va);

/*
 * The L1 entry that maps va in dom0's initial page tables (start_info's
 * pt_base), found through the M2P and the kernel's mapping of those
 * tables: its address there, with its machine address in *ma unless ma
 * is NULL. NULL when a table above it is not present.
 */
uint64_t *mm_l1e(unsigned long va, uint64_t *ma);

/* The value of that entry; 0 when there is none. */
uint64_t mm_l1e_value(unsigned long va);

/* Virtual address of window page i (for the hostile self-test). */
void *mm_window_page(unsigned int i);

#endif /* DOM0_MM_H */
