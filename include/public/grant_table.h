/* SPDX-License-Identifier: MIT */
/*
 * grant_table_op (hypercall 20): the sub-ops a PV dom0 uses to set up its
 * own grant table. Numbers and layouts are Xen's
 * (xen/include/public/grant_table.h).
 */
#ifndef PUBLIC_GRANT_TABLE_H
#define PUBLIC_GRANT_TABLE_H

#include "xen.h"

#define GNTTABOP_map_grant_ref          0
#define GNTTABOP_unmap_grant_ref        1
#define GNTTABOP_setup_table            2
#define GNTTABOP_dump_table             3
#define GNTTABOP_transfer               4
#define GNTTABOP_copy                   5
#define GNTTABOP_query_size             6
#define GNTTABOP_unmap_and_replace      7
#define GNTTABOP_set_version            8
#define GNTTABOP_get_status_frames      9
#define GNTTABOP_get_version            10
#define GNTTABOP_swap_grant_ref         11
#define GNTTABOP_cache_flush            12

/* The status a sub-op leaves in its argument (the call itself gives 0). */
#define GNTST_okay                      (0)
#define GNTST_general_error             (-1)
#define GNTST_bad_domain                (-2)
#define GNTST_bad_gntref                (-3)
#define GNTST_bad_handle                (-4)
#define GNTST_bad_virt_addr             (-5)
#define GNTST_bad_dev_addr              (-6)
#define GNTST_no_device_space           (-7)
#define GNTST_permission_denied         (-8)
#define GNTST_bad_page                  (-9)
#define GNTST_bad_copy_arg              (-10)
#define GNTST_address_too_big           (-11)
#define GNTST_eagain                    (-12)
#define GNTST_no_space                  (-13)

/* GNTTABOP_setup_table: the machine frames of at least nr_frames. */
struct gnttab_setup_table {
    domid_t dom;                            /* 0: in */
    uint32_t nr_frames;                     /* 4: in */
    int16_t status;                         /* 8: out: GNTST_* */
    XEN_GUEST_HANDLE(xen_pfn_t) frame_list; /* 16: out */
};
typedef struct gnttab_setup_table gnttab_setup_table_t;
_Static_assert(sizeof(struct gnttab_setup_table) == 24, "gnttab_setup_table");

/* GNTTABOP_query_size: the table's current and largest size in frames. */
struct gnttab_query_size {
    domid_t dom;                /* 0: in */
    uint32_t nr_frames;         /* 4: out */
    uint32_t max_nr_frames;     /* 8: out */
    int16_t status;             /* 12: out: GNTST_* */
};
typedef struct gnttab_query_size gnttab_query_size_t;
_Static_assert(sizeof(struct gnttab_query_size) == 16, "gnttab_query_size");

/* GNTTABOP_set_version and GNTTABOP_get_version. */
struct gnttab_set_version {
    uint32_t version;           /* 0: in: 1 or 2 */
};
typedef struct gnttab_set_version gnttab_set_version_t;

struct gnttab_get_version {
    domid_t dom;                /* 0: in */
    uint16_t pad;               /* 2 */
    uint32_t version;           /* 4: out */
};
typedef struct gnttab_get_version gnttab_get_version_t;
_Static_assert(sizeof(struct gnttab_get_version) == 8, "gnttab_get_version");

#endif
