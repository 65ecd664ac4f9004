/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The logic of the dom0 firmware tools (xen-info, xen-esrt, xen-e820,
 * xen-efimap, xen-hostile), shared by every back end: the freestanding
 * dom0 kernel (tools/dom0/) and Linux userspace on libxencall
 * (tools/linux/), through the tools of tools/lib/fwtools.c.
 * Pure: callers pass the bytes the hypervisor returned; functions decide
 * and format into caller buffers of FWINFO_LINE_MAX bytes. The line
 * formats are documented in docs/tools.md and are stable: tests read them.
 */
#ifndef TOOLS_FWINFO_H
#define TOOLS_FWINFO_H

#include <xen/types.h>

#define FWINFO_LINE_MAX         256

/* Sizes of the firmware records (reference 7.4, 7.5, 3.1). */
#define FWINFO_CFG_ENTRY_BYTES  24      /* EFI_CONFIGURATION_TABLE on x64 */
#define FWINFO_ESRT_HDR_BYTES   16
#define FWINFO_ESRT_ENTRY_BYTES 40
#define FWINFO_E820_BYTES       20
/* Linux refuses an ESRT with more entries than this (reference 5). */
#define FWINFO_ESRT_LINUX_MAX   128
/*
 * xen-esrt prints at most this many entries: as many as the hypervisor
 * keeps (RETAIN_ESRT_MAX_ENTRIES), so a damaged count cannot make it
 * print gigabytes.
 */
#define FWINFO_ESRT_PRINT_MAX   4096

/* The ESRT's configuration-table GUID, in its in-memory byte order. */
extern const uint8_t fwinfo_esrt_guid[16];

/*
 * Linux 6.3+ under Xen uses a configuration table only if
 * XEN_FW_EFI_MEM_INFO reports its memory type as 0, 5, 6, 9 or 10
 * (reference 5). A failed MEM_INFO leaves type 0, which passes.
 */
bool fwinfo_linux_table_type_ok(uint32_t type);

/* Linux's ESRT check: RUNTIME attribute, or type 4, 6, 9 or 10. */
bool fwinfo_linux_esrt_mem_ok(uint32_t type, uint64_t attr);

/* Short name of an EFI memory type ("ACPIReclaim"), or "Unknown". */
const char *fwinfo_efi_type_name(uint32_t type);

/* Short name of an e820 type ("RAM", "Reserved", ...; "Unknown"). */
const char *fwinfo_e820_type_name(uint32_t type);

/* Name of a known configuration-table GUID ("ACPI20", "ESRT"), or "-". */
const char *fwinfo_cfg_guid_name(const void *guid);

/* Name of a Xen errno value given as a negative return code ("EFAULT"),
 * "OK" for 0 and "E?" for one it does not know. */
const char *fwinfo_errno_name(long rc);

/*
 * Verdict on an ESRT header against the room the hypervisor says the
 * table has (room_bytes: from the table to the end of its EFI memory
 * descriptor, as derived from XEN_FW_EFI_MEM_INFO).
 */
enum fwinfo_esrt_status {
    FWINFO_ESRT_OK,
    FWINFO_ESRT_NO_ROOM_HEADER,     /* room < 16 */
    FWINFO_ESRT_BAD_VERSION,        /* FwResourceVersion != 1 */
    FWINFO_ESRT_COUNT_OVER_MAX,     /* count > FwResourceCountMax */
    FWINFO_ESRT_TRUNCATED,          /* 16 + 40 * count > room */
};

struct fwinfo_esrt {
    uint32_t count;                 /* FwResourceCount */
    uint32_t count_max;             /* FwResourceCountMax */
    uint64_t version;               /* FwResourceVersion */
    uint64_t table_bytes;           /* 16 + 40 * count */
    uint32_t nr_whole;              /* entries lying wholly inside room */
    bool over_linux;                /* count > 128: a valid table all the
                                       same, which Linux refuses */
};

/*
 * Checks the 16 header bytes at hdr (any alignment; room_bytes >= 16 is
 * needed to read them, else FWINFO_ESRT_NO_ROOM_HEADER and *out is zero).
 * Fills *out; returns the first failed rule in the order of the enum.
 * Linux's limit of 128 entries is no rule of the table: over_linux says
 * whether it applies.
 */
enum fwinfo_esrt_status fwinfo_esrt_check(const void *hdr,
                                          uint64_t room_bytes,
                                          struct fwinfo_esrt *out);

/*
 * A short copy seen from inside: EDK2's pool allocator follows every
 * allocation with a tail whose first four bytes are "ptal". Xen 4.17
 * and 4.18 copy the ESRT into a pool allocation of 40 * count bytes, 16
 * short of the table, so that tail appears at table offset 40 * count,
 * inside the last entry. Returns true when the table at table (all
 * 16 + 40 * count bytes readable, count >= 1) shows it there.
 */
bool fwinfo_esrt_pool_tail_short(const void *table, uint32_t count);

/* The same seen from the table's last entry (40 bytes at last). */
bool fwinfo_esrt_last_entry_pool_tail(const void *last);

/*
 * Memory free once ExitBootServices has run (loader code and data,
 * boot-services code and data, conventional: UEFI 7.2): whatever a table
 * there held is gone once the pages are reused.
 */
bool fwinfo_efi_free_after_boot(uint32_t type);

/*
 * True when a table that failed its check (st) lies in memory of type
 * mem_type that nothing keeps (conventional memory or a loader's): then
 * its contents are gone, not malformed. Boot-services data is left out:
 * a hypervisor may keep it (Xen's mapbs), so a failure there is the
 * table's own.
 */
bool fwinfo_esrt_gone(enum fwinfo_esrt_status st, uint32_t mem_type);

/* "linux: refuses this table: count C exceeds its limit of 128" */
char *fwinfo_esrt_linux_line(char *buf, uint32_t count);

/* "gone: the table lies in NAME (type T), memory free after
 * ExitBootServices and reused since the firmware put the table there:
 * its contents are gone (WHY)" */
char *fwinfo_esrt_gone_line(char *buf, uint32_t mem_type, const char *why);

/* One sentence for a status ("table larger than its memory region"). */
const char *fwinfo_esrt_strerror(enum fwinfo_esrt_status st);

/*
 * Room from addr to the end of its descriptor, from the answer to a
 * Linux-style MEM_INFO query (reference 5: asked at addr rounded down to
 * 4 KiB with size 2^64 - 1 - that, answer size_bytes). 0 if the answer
 * does not reach past addr.
 */
uint64_t fwinfo_meminfo_room(uint64_t addr, uint64_t size_bytes);

/*
 * Lines (docs/tools.md). Each writes into buf (FWINFO_LINE_MAX bytes) and
 * returns buf.
 */
/* "config_table I: guid=G addr=0xA name=N" (entry: 24 raw bytes). */
char *fwinfo_cfg_line(char *buf, unsigned int index, const void *entry);
/* "e820 I: [0x%016llx, 0x%016llx) type=T NAME" (entry: 20 raw bytes). */
char *fwinfo_e820_line(char *buf, unsigned int index, const void *entry);
/* "efimap I: [0x%016llx, 0x%016llx) type=T NAME attr=0xA" from an EFI
 * memory descriptor (at least 40 raw bytes). */
char *fwinfo_efimap_line(char *buf, unsigned int index, const void *desc);
/* "mem_info addr=0xA: type=T NAME attr=0xA size=0xS" */
char *fwinfo_meminfo_line(char *buf, uint64_t addr, uint32_t type,
                          uint64_t attr, uint64_t size_bytes);
/* "hostile NAME: rc=RC (ENAME) expected=E1[|E2...] pass|FAIL"; the case
 * passes when rc is one of the nr_expected answers (0 for success, shown
 * as OK), nr_expected >= 1. */
char *fwinfo_hostile_line(char *buf, const char *name, long rc,
                          const long *expected, unsigned int nr_expected,
                          bool *pass);

/*
 * Copies the UCS-2 vendor string of at most nr_units units at ucs2 into
 * buf (size bytes) as ASCII, '?' for units above 0x7e or below 0x20;
 * stops at a 0 unit. Returns buf.
 */
char *fwinfo_ucs2_ascii(char *buf, size_t size, const void *ucs2,
                        size_t nr_units);

/*
 * Parses the 36 characters of a GUID written 8-4-4-4-12 in hex (either
 * case, as Linux's sysfs shows an ESRT entry's class) into its 16
 * in-memory bytes (the first three groups little-endian). Returns false,
 * leaving guid undefined, when s is not such a GUID.
 */
bool fwinfo_guid_parse(void *guid, const char *s);

#endif /* TOOLS_FWINFO_H */
