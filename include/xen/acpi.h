/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure parsing of the few ACPI tables the hypervisor needs to power the
 * machine off (lib/acpi.c): the RSDP, the RSDT/XSDT, the FADT and the
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

/*
 * Table layouts. The parser reads fields at these offsets one byte at a
 * time, so it never depends on the alignment of the caller's mapping; the
 * structs exist to keep the offsets in one checked place.
 */

/* ACPI spec 5.2.3.2: Generic Address Structure. */
struct acpi_gas {
    uint8_t space_id;           /* 0: ACPI_GAS_SPACE_* */
    uint8_t bit_width;          /* 1 */
    uint8_t bit_offset;         /* 2 */
    uint8_t access_size;        /* 3 */
    uint64_t address;           /* 4: unaligned in the spec */
} __packed;
_Static_assert(sizeof(struct acpi_gas) == 12, "acpi_gas");
_Static_assert(offsetof(struct acpi_gas, address) == 4, "acpi_gas.address");

#define ACPI_GAS_SPACE_MEMORY   0
#define ACPI_GAS_SPACE_IO       1

/*
 * ACPI spec 5.2.5.3: Root System Description Pointer. Packed because its
 * 36 bytes end mid-way through the 8-byte alignment of xsdt_pa.
 */
struct acpi_rsdp {
    char signature[8];          /* 0: "RSD PTR " */
    uint8_t checksum;           /* 8: over the first 20 bytes */
    char oem_id[6];             /* 9 */
    uint8_t revision;           /* 15: 0 for ACPI 1.0, 2 since */
    uint32_t rsdt_pa;           /* 16 */
    uint32_t length;            /* 20: revision 2+ from here on */
    uint64_t xsdt_pa;           /* 24 */
    uint8_t ext_checksum;       /* 32: over length bytes */
    uint8_t reserved[3];        /* 33 */
} __packed;
_Static_assert(sizeof(struct acpi_rsdp) == 36, "acpi_rsdp");
_Static_assert(offsetof(struct acpi_rsdp, revision) == 15, "rsdp.revision");
_Static_assert(offsetof(struct acpi_rsdp, rsdt_pa) == 16, "rsdp.rsdt_pa");
_Static_assert(offsetof(struct acpi_rsdp, length) == 20, "rsdp.length");
_Static_assert(offsetof(struct acpi_rsdp, xsdt_pa) == 24, "rsdp.xsdt_pa");
_Static_assert(offsetof(struct acpi_rsdp, ext_checksum) == 32,
               "rsdp.ext_checksum");

#define ACPI_RSDP_V1_BYTES  20  /* what the ACPI 1.0 checksum covers */

/* ACPI spec 5.2.6: System Description Table header. */
struct acpi_sdt_header {
    char signature[4];          /* 0 */
    uint32_t length;            /* 4: whole table, header included */
    uint8_t revision;           /* 8 */
    uint8_t checksum;           /* 9: over length bytes */
    char oem_id[6];             /* 10 */
    char oem_table_id[8];       /* 16 */
    uint32_t oem_revision;      /* 24 */
    uint32_t creator_id;        /* 28 */
    uint32_t creator_revision;  /* 32 */
};
_Static_assert(sizeof(struct acpi_sdt_header) == 36, "acpi_sdt_header");
_Static_assert(offsetof(struct acpi_sdt_header, length) == 4, "sdt.length");
_Static_assert(offsetof(struct acpi_sdt_header, checksum) == 9,
               "sdt.checksum");

/*
 * ACPI spec 5.2.9 (6.5 layout): Fixed ACPI Description Table. ACPI 1.0
 * tables end after flags (116 bytes); later revisions grow at the end, so
 * a field counts only when the table's length covers it.
 */
struct acpi_fadt {
    struct acpi_sdt_header hdr; /* 0 */
    uint32_t firmware_ctrl;     /* 36 */
    uint32_t dsdt;              /* 40 */
    uint8_t reserved0;          /* 44 */
    uint8_t pm_profile;         /* 45 */
    uint16_t sci_int;           /* 46 */
    uint32_t smi_cmd;           /* 48 */
    uint8_t acpi_enable;        /* 52 */
    uint8_t acpi_disable;       /* 53 */
    uint8_t s4bios_req;         /* 54 */
    uint8_t pstate_cnt;         /* 55 */
    uint32_t pm1a_evt_blk;      /* 56 */
    uint32_t pm1b_evt_blk;      /* 60 */
    uint32_t pm1a_cnt_blk;      /* 64 */
    uint32_t pm1b_cnt_blk;      /* 68 */
    uint32_t pm2_cnt_blk;       /* 72 */
    uint32_t pm_tmr_blk;        /* 76 */
    uint32_t gpe0_blk;          /* 80 */
    uint32_t gpe1_blk;          /* 84 */
    uint8_t pm1_evt_len;        /* 88 */
    uint8_t pm1_cnt_len;        /* 89 */
    uint8_t pm2_cnt_len;        /* 90 */
    uint8_t pm_tmr_len;         /* 91 */
    uint8_t gpe0_blk_len;       /* 92 */
    uint8_t gpe1_blk_len;       /* 93 */
    uint8_t gpe1_base;          /* 94 */
    uint8_t cst_cnt;            /* 95 */
    uint16_t p_lvl2_lat;        /* 96 */
    uint16_t p_lvl3_lat;        /* 98 */
    uint16_t flush_size;        /* 100 */
    uint16_t flush_stride;      /* 102 */
    uint8_t duty_offset;        /* 104 */
    uint8_t duty_width;         /* 105 */
    uint8_t day_alrm;           /* 106 */
    uint8_t mon_alrm;           /* 107 */
    uint8_t century;            /* 108 */
    uint16_t iapc_boot_arch;    /* 109: unaligned */
    uint8_t reserved1;          /* 111 */
    uint32_t flags;             /* 112: ACPI_FADT_* */
    struct acpi_gas reset_reg;  /* 116 */
    uint8_t reset_value;        /* 128 */
    uint16_t arm_boot_arch;     /* 129: unaligned */
    uint8_t minor_version;      /* 131 */
    uint64_t x_firmware_ctrl;   /* 132: unaligned */
    uint64_t x_dsdt;            /* 140: unaligned */
    struct acpi_gas x_pm1a_evt_blk;     /* 148 */
    struct acpi_gas x_pm1b_evt_blk;     /* 160 */
    struct acpi_gas x_pm1a_cnt_blk;     /* 172 */
    struct acpi_gas x_pm1b_cnt_blk;     /* 184 */
    struct acpi_gas x_pm2_cnt_blk;      /* 196 */
    struct acpi_gas x_pm_tmr_blk;       /* 208 */
    struct acpi_gas x_gpe0_blk;         /* 220 */
    struct acpi_gas x_gpe1_blk;         /* 232 */
    struct acpi_gas sleep_control_reg;  /* 244 */
    struct acpi_gas sleep_status_reg;   /* 256 */
    uint64_t hypervisor_vendor_id;      /* 268: unaligned */
} __packed;
_Static_assert(sizeof(struct acpi_fadt) == 276, "acpi_fadt");
_Static_assert(offsetof(struct acpi_fadt, dsdt) == 40, "fadt.dsdt");
_Static_assert(offsetof(struct acpi_fadt, smi_cmd) == 48, "fadt.smi_cmd");
_Static_assert(offsetof(struct acpi_fadt, acpi_enable) == 52,
               "fadt.acpi_enable");
_Static_assert(offsetof(struct acpi_fadt, pm1a_cnt_blk) == 64,
               "fadt.pm1a_cnt_blk");
_Static_assert(offsetof(struct acpi_fadt, pm1b_cnt_blk) == 68,
               "fadt.pm1b_cnt_blk");
_Static_assert(offsetof(struct acpi_fadt, flags) == 112, "fadt.flags");
_Static_assert(offsetof(struct acpi_fadt, reset_reg) == 116,
               "fadt.reset_reg");
_Static_assert(offsetof(struct acpi_fadt, reset_value) == 128,
               "fadt.reset_value");
_Static_assert(offsetof(struct acpi_fadt, x_dsdt) == 140, "fadt.x_dsdt");
_Static_assert(offsetof(struct acpi_fadt, x_pm1a_cnt_blk) == 172,
               "fadt.x_pm1a_cnt_blk");
_Static_assert(offsetof(struct acpi_fadt, x_pm1b_cnt_blk) == 184,
               "fadt.x_pm1b_cnt_blk");
_Static_assert(offsetof(struct acpi_fadt, sleep_control_reg) == 244,
               "fadt.sleep_control_reg");

#define ACPI_FADT_V1_BYTES          116 /* ACPI 1.0 FADT, up to flags */
#define ACPI_FADT_RESET_REG_SUP     (1u << 10)
#define ACPI_FADT_HW_REDUCED_ACPI   (1u << 20)

#endif /* XEN_ACPI_H */
