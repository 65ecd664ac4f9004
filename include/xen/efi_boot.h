/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot-services phase shared by both EFI entry paths (common/efi/),
 * and the EFI memory map handling every path uses once a map is known.
 */
#ifndef XEN_EFI_BOOT_H
#define XEN_EFI_BOOT_H

#include <efi/efi.h>
#include <xen/bootinfo.h>

/* Firmware pointers for the boot-services phase; bs is NULL after EBS. */
struct efi_fw {
    efi_handle_t image;
    struct efi_system_table *st;
    struct efi_boot_services *bs;
    struct efi_runtime_services *rt;
};
extern struct efi_fw efi_fw;

/*
 * Set by efi_boot_init(): the SecureBoot variable is 1 (and shim's
 * MokSBStateRT is not a volatile 1; a non-volatile one is ignored).
 * Options that would weaken a Secure Boot chain are refused when it is
 * set.
 */
extern bool efi_secure_boot;

/*
 * As Xen does: when shim's lock protocol is present, the dom0 kernel (the
 * first module) is verified through it before anything reads it, whatever
 * the Secure Boot state, on both EFI paths (xen.efi and multiboot2 with
 * boot services). A refusal prints one ERR line and returns its status;
 * without the protocol it returns success (with a WARNING line under
 * Secure Boot: nothing verifies the kernel then).
 */
efi_status_t efi_verify_dom0(const struct boot_module *m);

/*
 * Records the firmware pointers, adds ConOut to the console and names the
 * firmware as the loader in bi.
 */
void efi_boot_init(efi_handle_t image, struct efi_system_table *st,
                   struct boot_info *bi);

/* Reports and records the configuration tables (RSDP into bi). */
void efi_tables_scan(struct boot_info *bi);

/*
 * Judges each registered configuration table (lib/efi/retain.c) and
 * keeps, relocates into ACPI reclaim memory, or removes it, as the efi=
 * and efi-retain= options of bi->cmdline allow; records and prints each
 * decision in bi. Boot services only, after the modules are loaded.
 */
void efi_retain_tables(struct boot_info *bi);

/*
 * After ExitBootServices, with the direct map up: reads each kept table
 * back, compares its checksum with the one judged, and prints the ESRT.
 */
void efi_retained_report(const struct boot_info *bi);

/*
 * Final memory map into bi, then ExitBootServices, retried on a stale
 * key (up to 8 calls) with only GetMemoryMap in between. The map's buffer
 * is sized from a first GetMemoryMap plus slack and allocated before the
 * first call; nothing is allocated or printed between the calls, and a
 * descriptor version other than 1 is refused. On success the
 * boot-services pointer is cleared, ConOut leaves the console and bi
 * holds the map (bi->efi_map, in pages mm_init() keeps). Returns the
 * error, with boot services still usable to report it, only when no
 * ExitBootServices call was made. Once one was, the UEFI spec allows no
 * boot service but the memory services (UEFI 2.10, 7.4): a final failure
 * then uses none but GetMemoryMap, prints one ERR line on the
 * hypervisor's own serial port and halts, never returning to the
 * firmware.
 */
efi_status_t efi_exit_boot_services(struct boot_info *bi);

/*
 * Normalizes bi's raw EFI memory map, prints it, and derives bi's e820 map
 * from it (boot-services memory stays reserved under mapbs). Returns false
 * when the map is unusable, after printing why.
 */
bool efi_memmap_setup(struct boot_info *bi, bool mapbs);

/*
 * Normalizes a raw EFI map into room (room_bytes, entries then scratch),
 * or, when room is NULL, into storage of common/efi/memmap.c for maps
 * that came without room (a loader's multiboot2 tag 17), valid until the
 * next such call; NULL after printing why not.
 */
struct efimap_report;
struct efimap_entry;
const struct efimap_entry *efi_memmap_normalize(const void *map,
                                                size_t map_bytes,
                                                size_t desc_bytes,
                                                void *room, size_t room_bytes,
                                                unsigned int *nr,
                                                struct efimap_report *rep);

/*
 * After efi_memmap_setup(): the normalized map of ExitBootServices, kept
 * for the rest of the hypervisor's life; NULL before, or without one.
 */
const struct efimap_entry *efi_memmap_get(unsigned int *nr);

/*
 * Boot services only: the current map, normalized, whatever its size (in
 * a buffer of common/efi/mapbuf.c, valid until the next call); NULL on
 * failure. efi_memmap_snapshot_free() gives the buffer back.
 */
const struct efimap_entry *efi_memmap_snapshot(unsigned int *nr);
void efi_memmap_snapshot_free(void);

/*
 * A buffer for the firmware's map (common/efi/mapbuf.c), boot services
 * only: pages of EfiLoaderData below 4 GiB at pa, bytes long; the raw map
 * goes in its first room bytes, its normalized form after them.
 */
struct efi_map_store {
    paddr_t pa;
    uint64_t bytes;
    uint64_t room;
    uint64_t map_bytes;         /* what the last fill wrote */
    uint64_t key;
    uint64_t desc_bytes;
    uint32_t desc_version;
};

/* GetMemoryMap's size answer: the bytes it needs now, its descriptors. */
efi_status_t efi_map_size(uint64_t *map_bytes, uint64_t *desc_bytes,
                          uint32_t *desc_version);

/*
 * Allocates a store for a map of map_bytes (from efi_map_size()) plus
 * slack for the allocations still to come (a quarter more descriptors,
 * 32 at least), and the room to normalize it.
 */
efi_status_t efi_map_store_alloc(struct efi_map_store *st,
                                 uint64_t map_bytes, uint64_t desc_bytes);
void efi_map_store_free(struct efi_map_store *st);

/* GetMemoryMap into the store, and nothing else (no allocation). */
efi_status_t efi_map_store_fill(struct efi_map_store *st);

/* The filled map (at raw, the store's address) normalized in its room. */
const struct efimap_entry *efi_map_store_normalize(
    const struct efi_map_store *st, const void *raw, unsigned int *nr);

/* Prints an EFI status as Xen does: a name or a hex value. */
const char *efi_status_str(efi_status_t s, char *buf, size_t len);

#endif /* XEN_EFI_BOOT_H */
