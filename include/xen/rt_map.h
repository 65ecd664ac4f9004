/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The plan of the EFI runtime page tables (lib/efi/rt_map.c): from the
 * normalized EFI memory map and, when the firmware gave one, the memory
 * attributes table, the list of physical ranges to map 1:1 and how. Pure:
 * the caller owns every buffer; the arch shell (arch/x86/efi/rt_pt.c)
 * turns the plan into page-table entries.
 */
#ifndef XEN_RT_MAP_H
#define XEN_RT_MAP_H

#include <xen/types.h>
#include <xen/efimap.h>

/* Permission and cache bits of one planned range. */
#define RT_MAP_W        (1U << 0)   /* writable */
#define RT_MAP_X        (1U << 1)   /* executable */
#define RT_MAP_UC       (1U << 2)   /* uncached: MMIO, or no WB capability */
#define RT_MAP_MAT      (1U << 3)   /* permissions from the attributes table */

/* What rt_map_plan() maps besides runtime entries. */
#define RT_PLAN_MAPBS   (1U << 0)   /* boot-services code and data too */

struct rt_map_range {
    uint64_t pa;            /* 4 KiB aligned; mapped at the same address */
    uint64_t nr_pages;      /* never 0; pa + pages * 4 KiB <= limit */
    uint32_t flags;         /* RT_MAP_* */
};

enum rt_map_status {
    RT_MAP_OK,
    RT_MAP_ERR_MAP,         /* the map is not normalized */
    RT_MAP_ERR_LIMIT,       /* limit not page aligned, or 0 */
    RT_MAP_ERR_NO_ROOM,     /* out too small; *nr_out is the need */
};

/* Why the memory attributes table was not used (RT_MAT_OK: it was). */
enum rt_mat_status {
    RT_MAT_OK,
    RT_MAT_NONE,            /* no table given */
    RT_MAT_SHORT,           /* fewer bytes than its header says */
    RT_MAT_VERSION,         /* version neither 1 nor 2 */
    RT_MAT_DESC_SIZE,       /* descriptor size below 40 or not 8-aligned */
    RT_MAT_ENTRY_TYPE,      /* an entry neither runtime code nor data */
    RT_MAT_ENTRY_RANGE,     /* unaligned, empty or past 2^64 */
    RT_MAT_ENTRY_ORDER,     /* entries not ascending, or overlapping */
};

const char *rt_map_strerror(enum rt_map_status st);
const char *rt_mat_strerror(enum rt_mat_status st);

/* What the plan found, for the caller's summary line. */
struct rt_map_report {
    enum rt_mat_status mat;     /* whether the table was used, and why not */
    unsigned int nr_runtime;    /* runtime entries in the map */
    unsigned int nr_boot_services; /* boot-services entries (RT_PLAN_MAPBS) */
    unsigned int nr_clipped;    /* entries cut or dropped at the limit */
    unsigned int nr_mat_outside; /* table entries not inside runtime code
                                    or data of the map (ignored) */
    unsigned int nr_mat_wx;     /* table entries with neither RO nor XP */
    uint64_t pages;             /* pages planned */
    uint64_t wx_pages;          /* of which writable and executable */
};

/*
 * Plans the 1:1 mapping of every entry of map (nr entries, normalized as
 * efimap_normalize() leaves it) that carries EFI_MEMORY_RUNTIME, and with
 * RT_PLAN_MAPBS in flags every boot-services code and data entry (Xen's
 * /mapbs: firmware that still touches them after ExitBootServices), below
 * limit_pa (the end of the lower half of the address space; anything at
 * or above it is cut off and counted in rep->nr_clipped).
 *
 * mat/mat_bytes is the memory attributes table (UEFI spec 4.6: header,
 * then descriptors of its own size), or NULL/0. When it is well formed,
 * the parts of runtime code and data entries it describes take its
 * permissions, as the spec defines them: EFI_MEMORY_RO drops write,
 * EFI_MEMORY_XP drops execute, EFI_MEMORY_RP leaves the pages unmapped,
 * and an entry with neither RO nor XP (memory the firmware cannot
 * protect) is read-write-execute (rep->nr_mat_wx counts such entries). A
 * malformed table is not used at all (rep->mat says why). Where the table
 * says nothing, runtime code is RWX; without a table, runtime data and
 * boot-services code and data are RWX unless the map gives them
 * EFI_MEMORY_XP (then RW and no-execute), as Xen maps them; everything
 * else is RW and no-execute. MMIO types, and memory without the WB
 * capability, are RT_MAP_UC. The table never adds a page the map does
 * not mark runtime.
 *
 * out receives up to max_out ranges, ascending, disjoint, touching ranges
 * of equal flags merged. On RT_MAP_OK and RT_MAP_ERR_NO_ROOM *nr_out is the
 * number of ranges the plan has. rep is always filled.
 */
enum rt_map_status rt_map_plan(const struct efimap_entry *map,
                               unsigned int nr, const void *mat,
                               size_t mat_bytes, uint64_t limit_pa,
                               unsigned int flags,
                               struct rt_map_range *out, unsigned int max_out,
                               unsigned int *nr_out,
                               struct rt_map_report *rep);

#endif /* XEN_RT_MAP_H */
