/* SPDX-License-Identifier: MIT */
/*
 * memory_op (hypercall 12): reservations and memory maps. Numbers and
 * layouts are Xen's (xen/include/public/memory.h). A PV dom0 reads the host
 * e820 with XENMEM_machine_memory_map; a domU reads its own pseudo-physical
 * map with XENMEM_memory_map. Both fill the buffer with 20-byte e820
 * records (struct xen_e820_entry below).
 */
#ifndef PUBLIC_MEMORY_H
#define PUBLIC_MEMORY_H

#include "xen.h"

#define XENMEM_increase_reservation         0
#define XENMEM_decrease_reservation         1
#define XENMEM_maximum_ram_page             2
#define XENMEM_current_reservation          3
#define XENMEM_maximum_reservation          4
#define XENMEM_machphys_mfn_list            5
#define XENMEM_populate_physmap             6
#define XENMEM_add_to_physmap               7
#define XENMEM_memory_map                   9
#define XENMEM_machine_memory_map           10
#define XENMEM_exchange                     11
#define XENMEM_machphys_mapping             12
#define XENMEM_set_memory_map               13
#define XENMEM_maximum_gpfn                 14
#define XENMEM_remove_from_physmap          15
#define XENMEM_set_pod_target               16
#define XENMEM_get_pod_target               17
#define XENMEM_get_sharing_freed_pages      18
#define XENMEM_get_sharing_shared_pages     19
#define XENMEM_paging_op                    20
#define XENMEM_access_op                    21
#define XENMEM_sharing_op                   22
#define XENMEM_add_to_physmap_batch         23
#define XENMEM_claim_pages                  24
#define XENMEM_machphys_compat_mfn_list     25
#define XENMEM_get_vnumainfo                26
#define XENMEM_reserved_device_memory_map   27
#define XENMEM_acquire_resource             28

/*
 * e820 record types. Xen's public headers leave the record to the BIOS
 * definition and name no types; these names are ours.
 */
#define XEN_E820_RAM                1
#define XEN_E820_RESERVED           2
#define XEN_E820_ACPI               3
#define XEN_E820_NVS                4
#define XEN_E820_UNUSABLE           5

#ifndef __ASSEMBLY__

/*
 * Xen memory.h: argument of XENMEM_memory_map and
 * XENMEM_machine_memory_map.
 */
struct xen_memory_map {
    unsigned int nr_entries;            /* 0: in: capacity; out: count */
    XEN_GUEST_HANDLE(void) buffer;      /* 8: xen_e820_entry records */
};
typedef struct xen_memory_map xen_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_map_t);
_Static_assert(sizeof(struct xen_memory_map) == 16, "xen_memory_map");
_Static_assert(offsetof(struct xen_memory_map, buffer) == 8,
               "xen_memory_map.buffer");

/* Xen memory.h: argument of XENMEM_set_memory_map. */
struct xen_foreign_memory_map {
    domid_t domid;                      /* 0 */
    struct xen_memory_map map;          /* 8 */
};
typedef struct xen_foreign_memory_map xen_foreign_memory_map_t;
DEFINE_XEN_GUEST_HANDLE(xen_foreign_memory_map_t);
_Static_assert(sizeof(struct xen_foreign_memory_map) == 24,
               "xen_foreign_memory_map");
_Static_assert(offsetof(struct xen_foreign_memory_map, map) == 8,
               "xen_foreign_memory_map.map");

/*
 * ACPI spec, "System Address Map Interfaces": one record of the buffer
 * above, packed (20 bytes, records follow each other without padding).
 */
struct xen_e820_entry {
    uint64_t addr;                      /* 0 */
    uint64_t size;                      /* 8 */
    uint32_t type;                      /* 16: XEN_E820_* */
} __attribute__((__packed__));
_Static_assert(sizeof(struct xen_e820_entry) == 20, "xen_e820_entry");

/* Xen memory.h: the allocation flags of a reservation's mem_flags. */
#define XENMEMF_address_bits(x)     (x)
#define XENMEMF_get_address_bits(x) ((x) & 0xffu)

/*
 * Xen memory.h: a list of extents (2^extent_order frames each), the
 * argument of the reservation sub-ops and both halves of an exchange.
 */
struct xen_memory_reservation {
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;   /* 0: extent bases */
    xen_ulong_t nr_extents;             /* 8 */
    unsigned int extent_order;          /* 16 */
    unsigned int mem_flags;             /* 20: XENMEMF_* */
    domid_t domid;                      /* 24 */
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);
_Static_assert(sizeof(struct xen_memory_reservation) == 32,
               "xen_memory_reservation");

/*
 * Xen memory.h: argument of XENMEM_exchange. For a PV guest in lists
 * machine frames it gives up, out the pseudo-physical frames the new
 * extents are for; the new machine frames are written back into out, and
 * nr_exchanged counts the in extents done.
 */
struct xen_memory_exchange {
    struct xen_memory_reservation in;   /* 0 */
    struct xen_memory_reservation out;  /* 32 */
    xen_ulong_t nr_exchanged;           /* 64 */
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);
_Static_assert(sizeof(struct xen_memory_exchange) == 72,
               "xen_memory_exchange");

/*
 * Xen memory.h: argument of XENMEM_machphys_mfn_list: the machine frames
 * holding the machine-to-phys table, one per 2 MiB of it.
 */
struct xen_machphys_mfn_list {
    unsigned int max_extents;           /* 0: in: capacity */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;   /* 8 */
    unsigned int nr_extents;            /* 16: out: frames written */
};
typedef struct xen_machphys_mfn_list xen_machphys_mfn_list_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mfn_list_t);
_Static_assert(sizeof(struct xen_machphys_mfn_list) == 24,
               "xen_machphys_mfn_list");
_Static_assert(offsetof(struct xen_machphys_mfn_list, extent_start) == 8,
               "xen_machphys_mfn_list.extent_start");
_Static_assert(offsetof(struct xen_machphys_mfn_list, nr_extents) == 16,
               "xen_machphys_mfn_list.nr_extents");

/*
 * Xen memory.h: result of XENMEM_machphys_mapping: where the read-only
 * machine-to-phys table is mapped in the guest, and the last frame it
 * covers.
 */
struct xen_machphys_mapping {
    xen_ulong_t v_start, v_end;         /* 0, 8 */
    xen_ulong_t max_mfn;                /* 16 */
};
typedef struct xen_machphys_mapping xen_machphys_mapping_t;
DEFINE_XEN_GUEST_HANDLE(xen_machphys_mapping_t);
_Static_assert(sizeof(struct xen_machphys_mapping) == 24,
               "xen_machphys_mapping");
_Static_assert(offsetof(struct xen_machphys_mapping, max_mfn) == 16,
               "xen_machphys_mapping.max_mfn");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_MEMORY_H */
