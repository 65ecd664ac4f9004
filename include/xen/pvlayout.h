/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arithmetic of a 64-bit PV dom0's start (arch/x86/lib/pvlayout.c): the
 * initial virtual layout of reference 6.1 and Xen's dom0_mem= syntax.
 * Pure: no globals, no printing.
 */
#ifndef XEN_PVLAYOUT_H
#define XEN_PVLAYOUT_H

#include <xen/types.h>

#define PVLAYOUT_PAGE       4096ULL
#define PVLAYOUT_ALIGN      (4ULL << 20)    /* the end is 4 MiB aligned */
#define PVLAYOUT_SPARE      (512ULL << 10)  /* with this much spare at least */

/* Where each part of the initial mapping starts; all 4 KiB aligned. */
struct pvlayout {
    uint64_t v_start;           /* the kernel's virtual base */
    uint64_t kern_end;          /* end of the kernel's segments */
    uint64_t mod_va, mod_len;   /* initrd (mod_va 0 when none) */
    uint64_t p2m_va;            /* nr_pages 8-byte machine frame numbers */
    uint64_t si_va;             /* start_info page */
    uint64_t pt_va, nr_pt;      /* bootstrap page tables, L4 first */
    uint64_t stack_va;          /* one stack page */
    uint64_t v_end;             /* end of the mapping */
};

/* Page-table pages that map [s, e) with 4 KiB pages, the L4 included. */
uint64_t pvlayout_tables(uint64_t s, uint64_t e);

/*
 * Lays out kernel [v_start, kern_end), an initrd of mod_len bytes, the
 * p2m list of nr_pages entries, start_info, as many page-table pages as
 * the whole mapping needs and a stack page, then rounds the end up to
 * 4 MiB with at least 512 KiB spare. False when v_start is not page
 * aligned, kern_end < v_start, the result wraps, or it is not wholly
 * below the non-canonical hole or wholly above the hypervisor's range
 * (0xffff800000000000-0xffff87ffffffffff).
 */
bool pvlayout_compute(struct pvlayout *l, uint64_t v_start,
                      uint64_t kern_end, uint64_t mod_len,
                      uint64_t nr_pages);

/*
 * Parses the value of Xen's dom0_mem= option (len bytes at v): comma
 * separated parts, each a size or "min:" or "max:" and a size; a size is
 * a number with a K, M, G, T or B suffix, KiB without one. Updates
 * *amount, *min and *max for the parts it understands; the first part it
 * does not is returned in *bad (NULL when all were understood), its
 * length in *bad_len.
 */
void pvlayout_dom0_mem(const char *v, size_t len, uint64_t *amount,
                       uint64_t *min, uint64_t *max, const char **bad,
                       size_t *bad_len);

#endif /* XEN_PVLAYOUT_H */
