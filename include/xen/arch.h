/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The CPU and memory facts common/ needs, as hooks defined in a real .c
 * under arch/x86/ (arch/x86/hooks.c): calls go down, never through an
 * arch header (DESIGN.md, "Calls go down").
 */
#ifndef XEN_ARCH_H
#define XEN_ARCH_H

#include <xen/types.h>

/* A timestamp for the boot timeline: the TSC, in cycles. */
uint64_t arch_timestamp(void);

/* The physical address of the page table in use (CR3), for reports. */
uint64_t arch_current_pt_base(void);

/*
 * Whether [pa, pa + bytes) lies in the direct map every entry path sets up
 * before __start_xen (the low 4 GiB), so it can be read through
 * maddr_to_virt() before mm_init(); false when it wraps.
 */
bool arch_boot_directmap_covers(paddr_t pa, uint64_t bytes);

/* The hypervisor's virtual address of machine address pa (direct map). */
void *maddr_to_virt(paddr_t pa);

/* The hypervisor image's bounds, from xen.lds.S. */
extern char _start[], _end[];

#endif /* XEN_ARCH_H */
