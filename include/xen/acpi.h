/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure parsing of the few ACPI tables the hypervisor needs to power the
 * machine off (common/acpi.c): the RSDP, the RSDT/XSDT, the FADT and the
 * \_S5 package in the DSDT. Every function takes a pointer and the number
 * of bytes readable there and never reads past them. The caller maps
 * physical memory; these functions only look at bytes.
 */
#ifndef XEN_ACPI_H
#define XEN_ACPI_H

#include <xen/types.h>

enum acpi_status {
    ACPI_OK,
    ACPI_ERR_SHORT,         /* fewer bytes than the structure needs */
    ACPI_ERR_SIGNATURE,     /* wrong signature */
    ACPI_ERR_CHECKSUM,      /* bytes do not sum to zero */
    ACPI_ERR_LENGTH,        /* length field too small or beyond the bytes */
    ACPI_ERR_REVISION,      /* unsupported revision */
    ACPI_ERR_NOT_FOUND,     /* no such table or object */
    ACPI_ERR_BAD_AML,       /* \_S5 found but its package is malformed */
};

const char *acpi_strerror(enum acpi_status st);

struct acpi_rsdp_info {
    uint8_t revision;
    paddr_t rsdt_pa;        /* 0 if none */
    paddr_t xsdt_pa;        /* 0 if none (revision 0, or zero in table) */
};

/* ACPI spec 5.2.5: validates a v1 (20 bytes) or v2+ RSDP. */
enum acpi_status acpi_rsdp_parse(const void *p, size_t len,
                                 struct acpi_rsdp_info *out);

/*
 * ACPI spec 5.2.6: checks a system description table header: signature
 * (when sig is non-NULL, 4 chars), length (>= 36 and <= len) and checksum
 * over the whole table. *table_len receives the header's length.
 */
enum acpi_status acpi_sdt_check(const void *p, size_t len, const char *sig,
                                uint32_t *table_len);

/*
 * Lists the table addresses in an already checked RSDT (4-byte entries) or
 * XSDT (8-byte entries, possibly unaligned). Writes at most max to out;
 * *nr receives the number present in the table.
 */
enum acpi_status acpi_sdt_entries(const void *sdt, size_t len, bool xsdt,
                                  paddr_t *out, size_t max, size_t *nr);

/* What poweroff needs from the FADT (ACPI spec 5.2.9). */
struct acpi_fadt_info {
    paddr_t dsdt_pa;            /* X_DSDT when present and non-zero */
    uint32_t smi_cmd;           /* 0: no SMI command port */
    uint8_t acpi_enable;
    uint32_t pm1a_cnt_port;     /* I/O port; 0 if none */
    uint32_t pm1b_cnt_port;
    bool hw_reduced;            /* HW_REDUCED_ACPI flag */
    uint8_t sleep_cnt_space;    /* HW-reduced sleep control register */
    paddr_t sleep_cnt_addr;
    uint8_t reset_space;        /* reset register (flags RESET_REG_SUP) */
    paddr_t reset_addr;
    uint8_t reset_value;
    bool reset_supported;
};

/* Parses a checked FADT ("FACP") of len bytes; older short FADTs allowed. */
enum acpi_status acpi_fadt_parse(const void *fadt, size_t len,
                                 struct acpi_fadt_info *out);

/*
 * Finds the \_S5 object in AML (the DSDT body after its 36-byte header, or
 * the whole table: both work) and returns its first two package elements,
 * the SLP_TYPa and SLP_TYPb values.
 */
enum acpi_status acpi_s5_find(const void *aml, size_t len, uint8_t *slp_typa,
                              uint8_t *slp_typb);

#endif /* XEN_ACPI_H */
