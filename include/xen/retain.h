/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The retain registry (lib/efi/retain.c): which firmware configuration
 * tables are kept across ExitBootServices, how each one's size is read from
 * its header, how each is validated, and where each must live. Pure: no
 * firmware calls, no globals written, no printing; the EFI boot shell
 * (common/efi/boot.c) acts on the decisions.
 */
#ifndef XEN_RETAIN_H
#define XEN_RETAIN_H

#include <xen/types.h>
#include <xen/efimap.h>

/* One byte range the tables must not overlap (image, modules, MBI). */
struct retain_range {
    uint64_t start_pa;
    uint64_t end_pa;        /* exclusive; end_pa <= start_pa: empty */
};

enum retain_status {
    RETAIN_OK,
    RETAIN_ERR_NULL,            /* the table pointer is 0 */
    RETAIN_ERR_NOT_IN_MAP,      /* no map entry holds the table's start */
    RETAIN_ERR_MEM_TYPE,        /* its memory type is not acceptable */
    RETAIN_ERR_HEADER_CUT,      /* the header runs past acceptable memory */
    RETAIN_ERR_VERSION,         /* unknown table version */
    RETAIN_ERR_COUNT_ZERO,      /* an entry count of 0 where one is needed */
    RETAIN_ERR_COUNT_MAX,       /* count above the table's own maximum */
    RETAIN_ERR_COUNT_ABSURD,    /* count above the registry's bound */
    RETAIN_ERR_FIELD,           /* a header field out of range */
    RETAIN_ERR_TABLE_CUT,       /* the table runs past acceptable memory */
    RETAIN_ERR_OVERLAP,         /* overlaps the image, a module or the MBI */
    RETAIN_ERR_ENTRY,           /* an entry is malformed */
    RETAIN_ERR_REUSED,          /* the bytes are no table (absurd
                                   version), or fail a check in
                                   conventional memory or loader data:
                                   the pages were reused, the table is
                                   gone */
    RETAIN_NR_STATUS
};

const char *retain_strerror(enum retain_status st);

/* What the boot shell does with one table. */
enum retain_action {
    RETAIN_KEEP,                /* valid, already in memory dom0 can read */
    RETAIN_RELOCATE,            /* valid, copy into ACPI reclaim memory */
    RETAIN_REFUSE,              /* invalid: leave it out of what dom0 sees */
};

/* GUID as it sits in a configuration-table entry (16 bytes). */
struct retain_guid {
    uint32_t d1;
    uint16_t d2;
    uint16_t d3;
    uint8_t d4[8];
};
_Static_assert(sizeof(struct retain_guid) == 16, "retain_guid");

struct retain_kind {
    struct retain_guid guid;
    const char *name;           /* short, for one console line: "ESRT" */
    const char *option;         /* word for efi=retain=...: "esrt" */
    uint32_t header_bytes;      /* bytes needed to read the size */
    /*
     * From header_bytes at hdr, the table's exact size in bytes, or an
     * error. Overflow-safe.
     */
    enum retain_status (*size)(const void *hdr, uint64_t *bytes);
    /* The whole table, bytes long (as size() said): deeper checks. */
    enum retain_status (*validate)(const void *table, uint64_t bytes);
};

/* The registry, in the order tables are judged and printed. */
extern const struct retain_kind retain_kinds[];
extern const unsigned int retain_nr_kinds;

/* The kind for a GUID, or NULL when the table is not one we retain. */
const struct retain_kind *retain_kind_of(const struct retain_guid *guid);

/* The kind whose option word is name (name_len bytes), or NULL. */
const struct retain_kind *retain_kind_named(const char *name,
                                            size_t name_len);

struct retain_decision {
    enum retain_action action;
    enum retain_status why;     /* RETAIN_OK unless refused */
    uint32_t mem_type;          /* EFI type of the entry holding the start */
    uint64_t bytes;             /* size from the header once size() took it */
};

/*
 * Judges one table of kind k whose configuration-table pointer is table_pa.
 * map/nr is the normalized EFI memory map of this moment. The bytes at
 * table_pa are read through table_va, and only bytes that the map shows
 * inside acceptable entries are ever read (the caller guarantees those
 * are mapped at table_va). excl/nr_excl are ranges the table must not
 * overlap. The table must lie entirely inside one entry or several
 * touching entries, each of an acceptable type (boot-services data,
 * runtime data, ACPI reclaim, ACPI NVS; loader data and conventional
 * memory as firmware bugs); it is kept in place when the entry holding its
 * start is runtime data, ACPI reclaim or ACPI NVS and it does not run into
 * an entry of another type, and relocated otherwise. Overlap is checked
 * before validation (bytes inside the image are not the firmware's); the
 * order of all checks is in docs/retain.md. k must not be NULL. Fills *d
 * always.
 */
void retain_judge(const struct retain_kind *k, uint64_t table_pa,
                  const void *table_va, const struct efimap_entry *map,
                  unsigned int nr, const struct retain_range *excl,
                  unsigned int nr_excl, struct retain_decision *d);

/* What retain_esrt_classes() found. */
struct retain_esrt_classes {
    uint32_t nr_nil;            /* entries with the nil FwClass */
    uint32_t nr_repeated;       /* entries repeating an earlier FwClass */
    uint32_t first;             /* the first such entry, UINT32_MAX none */
    uint32_t same_as;           /* the entry it repeats; 0 when it is nil */
};

/*
 * Counts the entries of an ESRT (bytes at table: the header and whole
 * entries, as judged) whose FwClass is the nil GUID or repeats an
 * earlier entry's. Such a table breaks UEFI spec 23.4 but is kept, as
 * Linux and Xen keep it; the caller warns.
 */
void retain_esrt_classes(const void *table, uint64_t bytes,
                         struct retain_esrt_classes *c);

/* ESRT (reference 7.5). */
struct retain_esrt_header {
    uint32_t fw_resource_count;         /* 0 */
    uint32_t fw_resource_count_max;     /* 4 */
    uint64_t fw_resource_version;       /* 8 */
};
_Static_assert(sizeof(struct retain_esrt_header) == 16, "esrt header");

struct retain_esrt_entry {
    struct retain_guid fw_class;        /* 0 */
    uint32_t fw_type;                   /* 16 */
    uint32_t fw_version;                /* 20 */
    uint32_t lowest_supported_fw_version; /* 24 */
    uint32_t capsule_flags;             /* 28 */
    uint32_t last_attempt_version;      /* 32 */
    uint32_t last_attempt_status;       /* 36 */
};
_Static_assert(sizeof(struct retain_esrt_entry) == 40, "esrt entry");

/*
 * The ESRT entry count the registry accepts at most: far above any real
 * firmware (several hundred entries exist), far below what would make the
 * copy a denial of service.
 */
#define RETAIN_ESRT_MAX_ENTRIES     4096

/*
 * EFI memory attributes table (UEFI spec 4.6, EFI_MEMORY_ATTRIBUTES_TABLE),
 * followed by nr_entries EFI memory descriptors of desc_bytes each.
 */
struct retain_memattr_header {
    uint32_t version;                   /* 0: 1 or 2 */
    uint32_t nr_entries;                /* 4 */
    uint32_t desc_bytes;                /* 8 */
    uint32_t flags;                     /* 12: reserved in version 1 */
};
_Static_assert(sizeof(struct retain_memattr_header) == 16, "memattr header");

/*
 * Bounds on the memory attributes table: one entry per runtime image
 * section is a few dozen in practice.
 */
#define RETAIN_MEMATTR_MAX_ENTRIES      4096
#define RETAIN_MEMATTR_MAX_DESC_BYTES   4096

/* EFI RT properties table (UEFI spec 4.6, EFI_RT_PROPERTIES_TABLE). */
struct retain_rtprop {
    uint16_t version;                   /* 0: 1 */
    uint16_t length;                    /* 2: 8 in version 1 */
    uint32_t runtime_services_supported; /* 4 */
};
_Static_assert(sizeof(struct retain_rtprop) == 8, "rtprop");

#endif /* XEN_RETAIN_H */
