/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EFI memory map core (lib/efi/efimap.c): validates the firmware's raw
 * GetMemoryMap() output, normalizes it into a sorted, non-overlapping,
 * merged array of compact entries, looks addresses up in it and converts it
 * to e820. Pure: the caller owns every buffer.
 */
#ifndef XEN_EFIMAP_H
#define XEN_EFIMAP_H

#include <xen/types.h>
#include <xen/e820.h>

#define EFIMAP_PAGE_SHIFT       12
#define EFIMAP_PAGE_BYTES       (1ULL << EFIMAP_PAGE_SHIFT)

/* UEFI spec, EFI_MEMORY_TYPE (reference 7.1). */
#define EFIMAP_TYPE_RESERVED            0
#define EFIMAP_TYPE_LOADER_CODE         1
#define EFIMAP_TYPE_LOADER_DATA         2
#define EFIMAP_TYPE_BS_CODE             3
#define EFIMAP_TYPE_BS_DATA             4
#define EFIMAP_TYPE_RS_CODE             5
#define EFIMAP_TYPE_RS_DATA             6
#define EFIMAP_TYPE_CONVENTIONAL        7
#define EFIMAP_TYPE_UNUSABLE            8
#define EFIMAP_TYPE_ACPI_RECLAIM        9
#define EFIMAP_TYPE_ACPI_NVS            10
#define EFIMAP_TYPE_MMIO                11
#define EFIMAP_TYPE_MMIO_PORT           12
#define EFIMAP_TYPE_PAL_CODE            13
#define EFIMAP_TYPE_PERSISTENT          14
#define EFIMAP_TYPE_UNACCEPTED          15  /* UEFI 2.9 */
#define EFIMAP_NR_TYPES                 16
#define EFIMAP_TYPE_OEM_FIRST           0x70000000U
#define EFIMAP_TYPE_OSV_FIRST           0x80000000U

/* UEFI spec, memory attribute bits (reference 7.2). */
#define EFIMAP_ATTR_UC                  (1ULL << 0)
#define EFIMAP_ATTR_WC                  (1ULL << 1)
#define EFIMAP_ATTR_WT                  (1ULL << 2)
#define EFIMAP_ATTR_WB                  (1ULL << 3)
#define EFIMAP_ATTR_UCE                 (1ULL << 4)
#define EFIMAP_ATTR_WP                  (1ULL << 12)
#define EFIMAP_ATTR_RP                  (1ULL << 13)
#define EFIMAP_ATTR_XP                  (1ULL << 14)
#define EFIMAP_ATTR_NV                  (1ULL << 15)
#define EFIMAP_ATTR_MORE_RELIABLE       (1ULL << 16)
#define EFIMAP_ATTR_RO                  (1ULL << 17)
#define EFIMAP_ATTR_SP                  (1ULL << 18)
#define EFIMAP_ATTR_CPU_CRYPTO          (1ULL << 19)
#define EFIMAP_ATTR_HOT_PLUGGABLE       (1ULL << 20)
#define EFIMAP_ATTR_ISA_MASK            0x0FFFF00000000000ULL
#define EFIMAP_ATTR_ISA_VALID           (1ULL << 62)
#define EFIMAP_ATTR_RUNTIME             (1ULL << 63)

/*
 * UEFI spec, EFI_MEMORY_DESCRIPTOR version 1 (reference 7.3). Firmware may
 * report a larger DescriptorSize; the map is stepped by that, never by
 * sizeof this struct.
 */
struct efimap_fw_desc {
    uint32_t type;          /* 0 */
    uint32_t pad;           /* 4 */
    uint64_t phys_start;    /* 8 */
    uint64_t virt_start;    /* 16 */
    uint64_t nr_pages;      /* 24: 4 KiB pages */
    uint64_t attr;          /* 32 */
};
_Static_assert(sizeof(struct efimap_fw_desc) == 40, "efimap_fw_desc");
_Static_assert(__builtin_offsetof(struct efimap_fw_desc, type) == 0, "type");
_Static_assert(__builtin_offsetof(struct efimap_fw_desc, phys_start) == 8,
               "phys_start");
_Static_assert(__builtin_offsetof(struct efimap_fw_desc, virt_start) == 16,
               "virt_start");
_Static_assert(__builtin_offsetof(struct efimap_fw_desc, nr_pages) == 24,
               "nr_pages");
_Static_assert(__builtin_offsetof(struct efimap_fw_desc, attr) == 32, "attr");

/* The compact form a normalized map is made of. */
struct efimap_entry {
    uint64_t start_pa;      /* 4 KiB aligned */
    uint64_t nr_pages;      /* never 0; start + pages * 4 KiB <= 2^64 */
    uint64_t attr;
    uint32_t type;
    uint32_t fw_index;      /* firmware descriptor this began as */
};

enum efimap_status {
    EFIMAP_OK,
    EFIMAP_ERR_DESC_SIZE_SMALL,     /* descriptor size below 40 bytes */
    EFIMAP_ERR_DESC_SIZE_ALIGN,     /* descriptor size not a multiple of 8 */
    EFIMAP_ERR_MAP_TRUNCATED,       /* map size not a multiple of it */
    EFIMAP_ERR_TOO_MANY,            /* more descriptors than UINT32_MAX */
    EFIMAP_ERR_ZERO_PAGES,          /* a descriptor with no pages */
    EFIMAP_ERR_UNALIGNED,           /* a start not 4 KiB aligned */
    EFIMAP_ERR_ADDR_OVERFLOW,       /* start + pages * 4 KiB passes 2^64 */
    EFIMAP_ERR_SCRATCH,             /* scratch below efimap_scratch_bytes() */
    EFIMAP_ERR_NO_ROOM,             /* output too small; *nr_out the need */
    EFIMAP_ERR_NOT_NORMALIZED,      /* input map not sorted and disjoint */
    EFIMAP_ERR_NOT_FOUND,           /* no entry holds the address (-ESRCH) */
};

const char *efimap_strerror(enum efimap_status st);

/*
 * How an overlap between two descriptors was settled. The winner of every
 * byte is decided by comparing (rank, type, attributes), larger wins, with
 * the ranks, weakest first:
 *
 *   0 conventional (7)
 *   1 boot services code/data (3, 4)
 *   2 loader code/data (1, 2)
 *   3 unaccepted (15): touching it unaccepted kills a TDX or SEV-SNP guest,
 *     while accepting memory that already is accepted is harmless
 *   4 persistent (14)
 *   5 ACPI reclaim (9)
 *   6 reserved (0), MMIO (11, 12), PAL code (13), OEM, OSV and unknown
 *   7 runtime services code/data (5, 6): must stay mapped for runtime calls
 *   8 ACPI NVS (10)
 *   9 unusable (8)
 *
 * This mirrors the e820 order (unusable > NVS > reserved > ACPI > RAM): no
 * byte any descriptor keeps from the OS ends up as free memory. Between
 * equal types the larger attribute value wins, so a descriptor carrying
 * RUNTIME (bit 63) keeps its runtime mapping. The result depends on the set
 * of descriptors only, not their order.
 */
enum efimap_overlap {
    EFIMAP_OVERLAP_NONE,
    EFIMAP_OVERLAP_RANK,            /* different types: higher rank kept */
    EFIMAP_OVERLAP_TYPE,            /* equal rank: larger type value kept */
    EFIMAP_OVERLAP_ATTR,            /* equal type: larger attributes kept */
    EFIMAP_OVERLAP_DUPLICATE,       /* equal type and attributes */
};

const char *efimap_overlap_name(enum efimap_overlap why);

/* Ask efimap_normalize() to drop bad descriptors instead of failing. */
#define EFIMAP_F_SKIP_BAD       (1U << 0)

/* What efimap_normalize() found, for the caller's one-line messages. */
struct efimap_report {
    unsigned int nr_fw;             /* descriptors in the firmware map */
    enum efimap_status bad;         /* first per-descriptor failure, or OK */
    unsigned int bad_index;         /* its firmware index */
    unsigned int nr_skipped;        /* dropped under EFIMAP_F_SKIP_BAD */
    unsigned int nr_overlaps;       /* descriptors starting inside another */
    enum efimap_overlap overlap;    /* the lowest-addressed overlap, if any */
    unsigned int overlap_winner;    /* its firmware indices */
    unsigned int overlap_loser;
};

/* Scratch bytes efimap_normalize() needs for a map of nr_fw descriptors. */
size_t efimap_scratch_bytes(unsigned int nr_fw);

/* Descriptors in a map of map_bytes; 0 when the sizes are not valid. */
unsigned int efimap_count(size_t map_bytes, size_t desc_bytes);

/*
 * Normalizes the firmware map (map_bytes at map, stepped by desc_bytes)
 * into out (room for max_out entries): sorted by address, disjoint (overlaps
 * settled as described above), touching entries of equal type and
 * attributes merged. desc_bytes must be at least 40 and a multiple of 8 and
 * map_bytes a multiple of desc_bytes. A descriptor with zero pages, an
 * unaligned start, or an end past 2^64 fails the call with its own status,
 * its index in rep->bad_index; with EFIMAP_F_SKIP_BAD it is dropped
 * instead and the first such one is still reported. scratch (any
 * alignment, efimap_scratch_bytes(count) bytes) is used only during the
 * call. On EFIMAP_OK and EFIMAP_ERR_NO_ROOM, *nr_out is the size of the
 * normalized map. O(n log n) time, no recursion. rep is always filled.
 */
enum efimap_status efimap_normalize(const void *map, size_t map_bytes,
                                    size_t desc_bytes, unsigned int flags,
                                    struct efimap_entry *out,
                                    unsigned int max_out,
                                    unsigned int *nr_out,
                                    void *scratch, size_t scratch_bytes,
                                    struct efimap_report *rep);

/* True when map is sorted, disjoint, merged and free of empty entries. */
bool efimap_is_normalized(const struct efimap_entry *map, unsigned int nr);

/*
 * Index of the entry of a normalized map that holds addr, in O(log n), or
 * EFIMAP_ERR_NOT_FOUND.
 */
enum efimap_status efimap_find(const struct efimap_entry *map,
                               unsigned int nr, uint64_t addr,
                               unsigned int *index);

/*
 * XEN_FW_EFI_MEM_INFO (reference 4.4) over a normalized map: finds the
 * entry holding addr and returns its type and attributes; addr itself is
 * not changed; *size is cut back to (entry end - addr) when addr + *size
 * passes the end of the entry or wraps. EFIMAP_ERR_NOT_FOUND (the caller
 * returns -ESRCH) leaves the outputs alone.
 */
enum efimap_status efimap_mem_info(const struct efimap_entry *map,
                                   unsigned int nr, uint64_t addr,
                                   uint64_t *size, uint64_t *attr,
                                   uint32_t *type);

/* Keep boot-services code and data out of RAM (Xen's `mapbs`). */
#define EFIMAP_E820_MAPBS               (1U << 0)
/* The caller tracks unaccepted memory: type 15 becomes RAM. */
#define EFIMAP_E820_UNACCEPTED_RAM      (1U << 1)

/* The e820 type an entry becomes (reference 3.1) under the flags above. */
uint32_t efimap_e820_type(uint32_t type, uint64_t attr, unsigned int flags);

/*
 * Converts a normalized map into e820 form in out (room for max_out),
 * merging touching entries of one e820 type. The result is sanitized. On
 * EFIMAP_OK and EFIMAP_ERR_NO_ROOM *nr_out is the number of entries needed.
 */
enum efimap_status efimap_to_e820(const struct efimap_entry *map,
                                  unsigned int nr, unsigned int flags,
                                  struct e820entry *out, unsigned int max_out,
                                  unsigned int *nr_out);

/* Name of an EFI memory type for printing ("Conventional", "OEM", ...). */
const char *efimap_type_name(uint32_t type);

/*
 * Writes the attributes as short names joined by '|' ("UC|WC|WT|WB|RUNTIME"),
 * unknown bits as one hex number, "none" for 0, into buf (buf_bytes, always
 * NUL-terminated when buf_bytes > 0, cut short when too small). Returns
 * the length the full string has, without the NUL.
 */
size_t efimap_attr_string(uint64_t attr, char *buf, size_t buf_bytes);

#endif /* XEN_EFIMAP_H */
