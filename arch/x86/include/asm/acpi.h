/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware's ACPI tables as the hypervisor reads them (arch/x86/
 * acpi_power.c), for dom0's platform and physdev calls.
 */
#ifndef ASM_ACPI_H
#define ASM_ACPI_H

#include <xen/acpi.h>
#include <xen/bootinfo.h>

/*
 * The checked table with signature sig (4 characters) listed by the
 * RSDT/XSDT, *len its length; NULL when there is none or it is bad. Only
 * tables below 4 GiB are reached.
 */
const void *arch_acpi_table(const struct boot_info *bi, const char *sig,
                            uint32_t *len);

/* The FADT's poweroff fields; false when there is no usable FADT. */
bool arch_acpi_fadt(const struct boot_info *bi, struct acpi_fadt_info *fadt);

#endif
