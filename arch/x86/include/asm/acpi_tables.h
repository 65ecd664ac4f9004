/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding ACPI tables (arch/x86/acpi_power.c). */
#ifndef ASM_ACPI_TABLES_H
#define ASM_ACPI_TABLES_H

#include <xen/bootinfo.h>
#include <xen/types.h>

/*
 * The checked table with signature sig (4 characters) through the RSDP
 * the loader passed or the BIOS areas, and its length in *len; NULL when
 * there is none or it fails its checks. Tables below 4 GiB only.
 */
const void *arch_acpi_find_table(const struct boot_info *bi, const char *sig,
                                 uint32_t *len);

#endif /* ASM_ACPI_TABLES_H */
