/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ACPI tables that say where the hypervisor's devices are, for what
 * dom0 may map (lib/acpi_hw.c, pure): the HPET's registers (HPET table,
 * IA-PC HPET specification 1.0a, 3.2.4) and the PCI MMCONFIG windows
 * (MCFG table, PCI Firmware specification 3.0, 4.1.2). The caller maps
 * and checks the table (acpi_sdt_check).
 */
#ifndef XEN_ACPI_HW_H
#define XEN_ACPI_HW_H

#include <xen/acpi.h>
#include <xen/types.h>

struct acpi_hpet_info {
    uint64_t base_pa;           /* its registers (system memory) */
    uint8_t page_protect;       /* 0 none, 1: 4 KiB, 2: 64 KiB protected */
};

/*
 * Reads a HPET table of len bytes (its header's length). ACPI_ERR_SHORT
 * when it is shorter than 56 bytes, ACPI_ERR_NOT_FOUND when the base is
 * not in system memory or is 0.
 */
enum acpi_status acpi_hpet_parse(const void *hpet, size_t len,
                                 struct acpi_hpet_info *out);

/* One MMCONFIG window: bus b's function f lives at base_pa + (b << 20). */
struct acpi_mcfg_window {
    uint64_t base_pa;
    uint16_t segment;
    uint8_t start_bus, end_bus;
};

/*
 * Lists the windows of an MCFG table of len bytes: at most max into out,
 * *nr the number the table holds (16-byte entries after 44 bytes). A
 * window whose end bus is below its start bus is skipped.
 */
enum acpi_status acpi_mcfg_parse(const void *mcfg, size_t len,
                                 struct acpi_mcfg_window *out, size_t max,
                                 size_t *nr);

#endif /* XEN_ACPI_HW_H */
