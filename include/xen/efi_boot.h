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
 * Judges each registered configuration table (common/efi/retain.c) and
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
 * key (up to EFI_EBS_MAX_TRIES calls) with only GetMemoryMap in between. On success the boot-services
 * pointer is cleared and ConOut leaves the console. Returns EFI_SUCCESS or
 * the error (boot services are then still usable to report it).
 */
efi_status_t efi_exit_boot_services(struct boot_info *bi);

/*
 * Normalises bi's raw EFI memory map, prints it, and derives bi's e820 map
 * from it (boot-services memory stays reserved under mapbs). Returns false
 * when the map is unusable, after printing why.
 */
bool efi_memmap_setup(struct boot_info *bi, bool mapbs);

/*
 * Normalises a raw EFI map into storage of common/efi/memmap.c (valid until
 * the next call); NULL after printing why not.
 */
struct efimap_report;
struct efimap_entry;
const struct efimap_entry *efi_memmap_normalise(const void *map,
                                                size_t map_bytes,
                                                size_t desc_bytes,
                                                unsigned int *nr,
                                                struct efimap_report *rep);

/*
 * After efi_memmap_setup(): the normalised map of ExitBootServices, kept
 * for the rest of the hypervisor's life; NULL before, or without one.
 */
const struct efimap_entry *efi_memmap_get(unsigned int *nr);

/* Boot services only: the current map, normalised; NULL on failure. */
const struct efimap_entry *efi_memmap_snapshot(unsigned int *nr);

/* Prints an EFI status as Xen does: a name or a hex value. */
const char *efi_status_str(efi_status_t s, char *buf, size_t len);

#endif /* XEN_EFI_BOOT_H */
