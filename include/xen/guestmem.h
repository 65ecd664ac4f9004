/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest virtual addresses, checked in software (arch/x86/lib/guestmem.c): a PV
 * guest's pointer is refused unless it is canonical, outside the range the
 * hypervisor reserves, does not wrap, and every page of it is mapped
 * present and user (and writable, for a copy to the guest) by the guest's
 * own 4-level page tables. The walk reads table entries and reaches data
 * frames through the caller's callbacks, so nothing here ever takes a
 * fault. Pure: no globals, no hardware access.
 */
#ifndef XEN_GUESTMEM_H
#define XEN_GUESTMEM_H

#include <xen/types.h>

/* The range Xen keeps for itself in every 64-bit PV guest (PML4 256-271). */
#define GUESTMEM_HV_START   0xffff800000000000ULL
#define GUESTMEM_HV_END     0xffff880000000000ULL

/* Largest single copy: hypercall arguments are small. */
#define GUESTMEM_MAX_COPY   (1ULL << 20)

enum guestmem_status {
    GUESTMEM_OK,
    GUESTMEM_ERR_NONCANONICAL,  /* an address outside the canonical halves */
    GUESTMEM_ERR_HYPERVISOR,    /* touches the hypervisor's range */
    GUESTMEM_ERR_WRAP,          /* the range passes 2^64 or a half's end */
    GUESTMEM_ERR_TOO_BIG,       /* longer than GUESTMEM_MAX_COPY */
    GUESTMEM_ERR_NOT_PRESENT,   /* a level of the walk is not present */
    GUESTMEM_ERR_NOT_USER,      /* a level lacks the user bit */
    GUESTMEM_ERR_READ_ONLY,     /* a write through a read-only mapping */
    GUESTMEM_ERR_RESERVED,      /* reserved bits set, or a bad large page */
    GUESTMEM_ERR_TABLE,         /* a table frame the caller cannot read */
    GUESTMEM_ERR_FRAME,         /* a data frame the caller may not touch */
    GUESTMEM_NR_STATUS
};

const char *guestmem_strerror(enum guestmem_status st);

struct guestmem_ops {
    /*
     * Entry idx (0..511) of the page-table page at table_pa into *pte;
     * false when that frame is not one the guest may use as a table.
     */
    bool (*read_pte)(void *ctx, uint64_t table_pa, unsigned int idx,
                     uint64_t *pte);
    /*
     * Host pointer to the 4 KiB data frame at frame_pa, or NULL when the
     * guest may not have the hypervisor touch it (for write: change it;
     * a page-table frame must be refused then).
     */
    void *(*frame)(void *ctx, uint64_t frame_pa, bool write);
};

/*
 * Checks [va, va + len) without walking: canonical, not wrapping, not in
 * the hypervisor's range, not above GUESTMEM_MAX_COPY. len 0 is fine.
 */
enum guestmem_status guestmem_check_range(uint64_t va, uint64_t len);

/*
 * Translates one guest virtual address through the 4-level tables rooted
 * at root_pa (4 KiB pages, 2 MiB and 1 GiB pages too), requiring present
 * and user at every level and, when write, writable at every level.
 * *pa is the physical address of va.
 */
enum guestmem_status guestmem_translate(const struct guestmem_ops *ops,
                                        void *ctx, uint64_t root_pa,
                                        uint64_t va, bool write,
                                        uint64_t *pa);

/*
 * Copies len bytes between the guest's [va, va + len) and buf (to_guest:
 * buf into the guest). Every page is checked before any byte moves, so a
 * failed copy changes nothing in the guest. Returns the first failure.
 */
enum guestmem_status guestmem_copy(const struct guestmem_ops *ops, void *ctx,
                                   uint64_t root_pa, uint64_t va, void *buf,
                                   size_t len, bool to_guest);

#endif /* XEN_GUESTMEM_H */
