/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct boot_info: everything the three entry paths (multiboot2 on BIOS,
 * multiboot2 on UEFI, xen.efi) learned from the loader and firmware, in one
 * normalized form. Strings, the e820 map and the RSDP are copied in; the
 * EFI memory map, which may be of any size, stays where it is, in memory
 * the hypervisor keeps (the multiboot2 information, or pages allocated for
 * it before ExitBootServices), so nothing in it points into loader memory
 * that may later be reused.
 */
#ifndef XEN_BOOTINFO_H
#define XEN_BOOTINFO_H

#include <xen/types.h>
#include <xen/e820.h>

#define BOOT_CMDLINE_MAX        1024
#define BOOT_LOADER_NAME_MAX    64
#define BOOT_MAX_MODULES        16
#define BOOT_MODULE_CMDLINE_MAX 512
#define BOOT_RSDP_MAX           64
#define BOOT_MAX_RETAINED       8

enum boot_entry {
    BOOT_ENTRY_MB2_BIOS,    /* multiboot2, 32-bit entry, no boot services */
    BOOT_ENTRY_MB2_EFI,     /* multiboot2, EFI amd64 entry, boot services on */
    BOOT_ENTRY_EFI,         /* xen.efi started by the firmware */
};

/* Boot phases stamped with the TSC, printed as a timeline. */
enum boot_phase {
    BOOT_PHASE_ENTRY,
    BOOT_PHASE_LINKED,      /* first C code at the linked address */
    BOOT_PHASE_EXIT_BS,     /* ExitBootServices returned */
    BOOT_PHASE_START_XEN,
    BOOT_PHASE_CONSOLE,
    BOOT_PHASE_DOM0,        /* dom0 build starts */
    BOOT_PHASE_DOM0_BUILT,  /* dom0 built, start_info filled */
    BOOT_PHASE_DOM0_ENTRY,  /* just before the iretq to dom0's first insn */
    BOOT_NR_PHASES
};

struct boot_module {
    paddr_t start_pa;
    uint64_t size_bytes;
    char cmdline[BOOT_MODULE_CMDLINE_MAX];
};

/*
 * One configuration table the retain registry judged before
 * ExitBootServices (common/efi/retain_boot.c); later code, the hypercall
 * layer included, answers from these records.
 */
struct boot_retained {
    uint8_t guid[16];
    uint8_t kind;               /* index in retain_kinds[] */
    uint8_t action;             /* enum retain_action */
    uint8_t why;                /* enum retain_status: why it was refused */
    uint32_t fw_type;           /* EFI type where the firmware had it */
    paddr_t fw_pa;              /* the firmware's pointer */
    paddr_t pa;                 /* where it is now; 0 when refused */
    uint64_t bytes;             /* its size from its header; 0 if unread */
    uint32_t crc32;             /* of its bytes when judged */
};

struct boot_info {
    enum boot_entry entry;
    paddr_t load_base_pa;           /* where the image's first byte sits */
    paddr_t mbi_pa;                 /* multiboot2 info, 0 on xen.efi */
    uint32_t mbi_bytes;

    char cmdline[BOOT_CMDLINE_MAX];
    char loader_name[BOOT_LOADER_NAME_MAX];

    unsigned int nr_modules;
    struct boot_module modules[BOOT_MAX_MODULES];

    /* Basic memory (multiboot2 tag 4), in KiB; 0 when not given. */
    uint32_t mem_lower_kib;
    uint32_t mem_upper_kib;

    /* Firmware memory map in e820 form, as handed over (not sanitized). */
    unsigned int nr_e820;
    struct e820entry e820[E820_MAX];

    /* ACPI RSDP copied from the loader (multiboot2 tags 14/15). */
    uint32_t rsdp_bytes;
    uint8_t rsdp[BOOT_RSDP_MAX];

    /* EFI: firmware pointers and, when known, the raw EFI memory map. */
    bool efi_bs_active;             /* multiboot2 tag 18 seen */
    bool efi32_seen;                /* an IA-32 EFI tag (11 or 19) was seen */
    paddr_t efi_systab_pa;
    uint64_t efi_image_handle;
    uint32_t efi_desc_bytes;
    uint32_t efi_desc_version;
    /*
     * The raw map, of any size, where the hypervisor reads it after the
     * switch: on the EFI paths in pages of the firmware's allocated for
     * it before ExitBootServices (efi_map_store_pa, efi_map_store_bytes,
     * with room for the map (efi_map_room_bytes) then for its normalized
     * form; mm_init() keeps them); from a loader's tag 17, inside the
     * multiboot2 information (store 0).
     */
    const uint8_t *efi_map;
    uint64_t efi_map_bytes;
    paddr_t efi_map_store_pa;
    uint64_t efi_map_store_bytes;
    uint64_t efi_map_room_bytes;

    uint64_t tsc[BOOT_NR_PHASES];

    /*
     * Multiboot2 tag 21: where the loader says it placed a relocatable
     * image. Kept apart from load_base_pa (which the entry code measures)
     * so the two can be cross-checked.
     */
    bool have_mb2_load_base;
    paddr_t mb2_load_base_pa;

    /* Keep boot-services memory out of RAM (xen.efi /mapbs, efi=mapbs). */
    bool efi_mapbs;

    /* Configuration tables judged for retention, in table order. */
    unsigned int nr_retained;
    struct boot_retained retained[BOOT_MAX_RETAINED];

    /* ExitBootServices calls it took (1 unless the map key went stale). */
    unsigned int efi_ebs_tries;
};

#endif /* XEN_BOOTINFO_H */
