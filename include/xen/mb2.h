/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multiboot2: the header we place in our image and the boot information
 * block (MBI) a loader hands us (lib/boot/mb2.c walks it). Numbers and
 * layouts follow GRUB's Multiboot2 Specification 2.0; where GRUB, the only
 * producer we meet, writes something else than the text, that is noted.
 *
 * head.S includes this file for the numbers, so everything that is not a
 * plain #define sits under __ASSEMBLY__. Numbers carry no integer suffix
 * for the same reason.
 */
#ifndef XEN_MB2_H
#define XEN_MB2_H

/* Spec 3.3: EAX (RAX on the EFI amd64 entry) holds this on entry. */
#define MB2_BOOTLOADER_MAGIC        0x36D76289

/* Spec 3.1.1: header magic, placement and architecture. */
#define MB2_HEADER_MAGIC            0xE85250D6
#define MB2_HEADER_ALIGN            8
#define MB2_HEADER_SEARCH_BYTES     32768
#define MB2_ARCH_I386               0
#define MB2_ARCH_MIPS32             4

/*
 * The four header words must sum to zero modulo 2^32. Written as a
 * positive value below 2^32 so that `.long` in assembly takes it without a
 * truncation warning.
 */
#define MB2_HEADER_CHECKSUM(len_bytes) \
    (0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (len_bytes)))

/* Spec 3.1.3: header tag types and flags. */
#define MB2_HDR_TAG_END             0
#define MB2_HDR_TAG_INFO_REQUEST    1
#define MB2_HDR_TAG_ADDRESS         2
#define MB2_HDR_TAG_ENTRY           3
#define MB2_HDR_TAG_CONSOLE_FLAGS   4
#define MB2_HDR_TAG_FRAMEBUFFER     5
#define MB2_HDR_TAG_MODULE_ALIGN    6
#define MB2_HDR_TAG_EFI_BS          7
#define MB2_HDR_TAG_EFI32_ENTRY     8
#define MB2_HDR_TAG_EFI64_ENTRY     9
#define MB2_HDR_TAG_RELOCATABLE     10

#define MB2_HDR_TAG_OPTIONAL        1   /* flags bit 0: loader may ignore */

/* Body of MB2_HDR_TAG_CONSOLE_FLAGS. */
#define MB2_CONSOLE_REQUIRED        0x1
#define MB2_CONSOLE_EGA_TEXT        0x2

/* Placement preference of MB2_HDR_TAG_RELOCATABLE. */
#define MB2_RELOC_PREFER_NONE       0
#define MB2_RELOC_PREFER_LOWEST     1
#define MB2_RELOC_PREFER_HIGHEST    2

/* Spec 3.6: boot information tag types. */
#define MB2_TAG_END                 0
#define MB2_TAG_CMDLINE             1
#define MB2_TAG_LOADER_NAME         2
#define MB2_TAG_MODULE              3
#define MB2_TAG_BASIC_MEMINFO       4
#define MB2_TAG_BOOTDEV             5
#define MB2_TAG_MMAP                6
#define MB2_TAG_VBE                 7
#define MB2_TAG_FRAMEBUFFER         8
#define MB2_TAG_ELF_SECTIONS        9
#define MB2_TAG_APM                 10
#define MB2_TAG_EFI32_SYSTAB        11
#define MB2_TAG_EFI64_SYSTAB        12
#define MB2_TAG_SMBIOS              13
#define MB2_TAG_ACPI_OLD            14
#define MB2_TAG_ACPI_NEW            15
#define MB2_TAG_NETWORK             16
#define MB2_TAG_EFI_MMAP            17
#define MB2_TAG_EFI_BS              18
#define MB2_TAG_EFI32_IH            19
#define MB2_TAG_EFI64_IH            20
#define MB2_TAG_LOAD_BASE           21

/* Both the MBI and every tag in it start on this boundary. */
#define MB2_TAG_ALIGN               8

/* Spec 3.6.8: memory map entry types (the same numbers as e820). */
#define MB2_MEMORY_AVAILABLE        1
#define MB2_MEMORY_RESERVED         2
#define MB2_MEMORY_ACPI_RECLAIMABLE 3
#define MB2_MEMORY_NVS              4
#define MB2_MEMORY_BADRAM           5

/* Framebuffer kinds of MB2_TAG_FRAMEBUFFER. */
#define MB2_FB_INDEXED              0
#define MB2_FB_RGB                  1
#define MB2_FB_EGA_TEXT             2

/* RSDP lengths (ACPI spec 5.2.5.3): v1 copy in tag 14, v2 in tag 15. */
#define MB2_RSDP_V1_BYTES           20
#define MB2_RSDP_V2_BYTES           36

#ifndef __ASSEMBLY__

#include <xen/types.h>
#include <xen/bootinfo.h>

/* ---- Header inside the OS image (spec 3.1) ---------------------------- */

/* Spec 3.1.2: the fixed header words; tags follow at offset 16. */
struct mb2_header {
    uint32_t magic;             /* 0 */
    uint32_t architecture;      /* 4 */
    uint32_t header_length;     /* 8: tags included */
    uint32_t checksum;          /* 12 */
};
_Static_assert(sizeof(struct mb2_header) == 16, "mb2_header");
_Static_assert(offsetof(struct mb2_header, checksum) == 12, "mb2_header");

/* Spec 3.1.3: common head of every header tag. */
struct mb2_hdr_tag {
    uint16_t type;              /* 0 */
    uint16_t flags;             /* 2: MB2_HDR_TAG_OPTIONAL */
    uint32_t size;              /* 4: head included, padding excluded */
};
_Static_assert(sizeof(struct mb2_hdr_tag) == 8, "mb2_hdr_tag");

/* Spec 3.1.4: information request, one MB2_TAG_* per word. */
struct mb2_hdr_tag_info_request {
    struct mb2_hdr_tag head;    /* 0 */
    uint32_t requests[];        /* 8 */
};
_Static_assert(sizeof(struct mb2_hdr_tag_info_request) == 8, "info_request");

/* Spec 3.1.5: a.out-style load addresses. */
struct mb2_hdr_tag_address {
    struct mb2_hdr_tag head;    /* 0 */
    uint32_t header_addr;       /* 8 */
    uint32_t load_addr;         /* 12 */
    uint32_t load_end_addr;     /* 16 */
    uint32_t bss_end_addr;      /* 20 */
};
_Static_assert(sizeof(struct mb2_hdr_tag_address) == 24, "hdr_address");

/* Spec 3.1.6-3.1.8: entry address; types 3, 8 and 9 share this shape. */
struct mb2_hdr_tag_entry {
    struct mb2_hdr_tag head;    /* 0 */
    uint32_t entry_addr;        /* 8 */
};
_Static_assert(sizeof(struct mb2_hdr_tag_entry) == 12, "hdr_entry");

/* Spec 3.1.9: console flags. */
struct mb2_hdr_tag_console_flags {
    struct mb2_hdr_tag head;    /* 0 */
    uint32_t console_flags;     /* 8: MB2_CONSOLE_* */
};
_Static_assert(sizeof(struct mb2_hdr_tag_console_flags) == 12, "hdr_console");

/* Spec 3.1.10: preferred framebuffer mode, 0 meaning no preference. */
struct mb2_hdr_tag_framebuffer {
    struct mb2_hdr_tag head;    /* 0 */
    uint32_t width;             /* 8 */
    uint32_t height;            /* 12 */
    uint32_t depth;             /* 16 */
};
_Static_assert(sizeof(struct mb2_hdr_tag_framebuffer) == 20, "hdr_fb");

/* Spec 3.1.14: relocatable image. */
struct mb2_hdr_tag_relocatable {
    struct mb2_hdr_tag head;    /* 0 */
    uint32_t min_addr;          /* 8 */
    uint32_t max_addr;          /* 12 */
    uint32_t align;             /* 16 */
    uint32_t preference;        /* 20: MB2_RELOC_PREFER_* */
};
_Static_assert(sizeof(struct mb2_hdr_tag_relocatable) == 24, "hdr_reloc");

/* ---- Boot information (spec 3.6) -------------------------------------- */

/* Spec 3.6.1: fixed part at the start of the MBI. */
struct mb2_info_head {
    uint32_t total_size;        /* 0: whole block, end tag included */
    uint32_t reserved;          /* 4 */
};
_Static_assert(sizeof(struct mb2_info_head) == 8, "mb2_info_head");

/* Spec 3.6.2: common head of every information tag. */
struct mb2_tag {
    uint32_t type;              /* 0 */
    uint32_t size;              /* 4: head plus payload, padding excluded */
};
_Static_assert(sizeof(struct mb2_tag) == 8, "mb2_tag");

/* Spec 3.6.3, 3.6.4: command line and loader name, NUL-terminated. */
struct mb2_tag_string {
    struct mb2_tag head;        /* 0 */
    char string[];              /* 8 */
};
_Static_assert(sizeof(struct mb2_tag_string) == 8, "mb2_tag_string");

/* Spec 3.6.6: one boot module; mod_end is exclusive in GRUB's output. */
struct mb2_tag_module {
    struct mb2_tag head;        /* 0 */
    uint32_t mod_start;         /* 8 */
    uint32_t mod_end;           /* 12 */
    char cmdline[];             /* 16: NUL-terminated */
};
_Static_assert(sizeof(struct mb2_tag_module) == 16, "mb2_tag_module");
_Static_assert(offsetof(struct mb2_tag_module, mod_end) == 12, "module");

/* Spec 3.6.7: basic lower/upper memory, in KiB. */
struct mb2_tag_basic_meminfo {
    struct mb2_tag head;        /* 0 */
    uint32_t mem_lower_kib;     /* 8 */
    uint32_t mem_upper_kib;     /* 12 */
};
_Static_assert(sizeof(struct mb2_tag_basic_meminfo) == 16, "meminfo");

/* Spec 3.6.5: BIOS boot device. */
struct mb2_tag_bootdev {
    struct mb2_tag head;        /* 0 */
    uint32_t biosdev;           /* 8 */
    uint32_t partition;         /* 12 */
    uint32_t sub_partition;     /* 16 */
};
_Static_assert(sizeof(struct mb2_tag_bootdev) == 20, "mb2_tag_bootdev");

/* Spec 3.6.8: memory map; entries are entry_size apart. */
struct mb2_tag_mmap {
    struct mb2_tag head;        /* 0 */
    uint32_t entry_size;        /* 8: multiple of 8, at least 24 */
    uint32_t entry_version;     /* 12: 0 */
    uint8_t entries[];          /* 16 */
};
_Static_assert(sizeof(struct mb2_tag_mmap) == 16, "mb2_tag_mmap");

/* Spec 3.6.8: one memory map entry as of entry_version 0. */
struct mb2_mmap_entry {
    uint64_t base_addr;         /* 0 */
    uint64_t length;            /* 8 */
    uint32_t type;              /* 16: MB2_MEMORY_* */
    uint32_t reserved;          /* 20 */
};
_Static_assert(sizeof(struct mb2_mmap_entry) == 24, "mb2_mmap_entry");
_Static_assert(offsetof(struct mb2_mmap_entry, type) == 16, "mmap_entry");

/* Spec 3.6.9: VBE controller and mode information, copied raw. */
struct mb2_tag_vbe {
    struct mb2_tag head;        /* 0 */
    uint16_t vbe_mode;          /* 8 */
    uint16_t vbe_interface_seg; /* 10 */
    uint16_t vbe_interface_off; /* 12 */
    uint16_t vbe_interface_len; /* 14 */
    uint8_t control_info[512];  /* 16 */
    uint8_t mode_info[256];     /* 528 */
};
_Static_assert(sizeof(struct mb2_tag_vbe) == 784, "mb2_tag_vbe");

/*
 * Spec 3.6.10: framebuffer. The text gives `reserved` one byte; GRUB and
 * Xen write two, so the colour information starts at offset 32.
 */
struct mb2_tag_framebuffer {
    struct mb2_tag head;        /* 0 */
    uint64_t addr;              /* 8 */
    uint32_t pitch;             /* 16 */
    uint32_t width;             /* 20 */
    uint32_t height;            /* 24 */
    uint8_t bpp;                /* 28 */
    uint8_t kind;               /* 29: MB2_FB_* */
    uint16_t reserved;          /* 30 */
    uint8_t color_info[];       /* 32 */
};
_Static_assert(sizeof(struct mb2_tag_framebuffer) == 32, "mb2_tag_fb");
_Static_assert(offsetof(struct mb2_tag_framebuffer, kind) == 29, "fb");

/*
 * Spec 3.6.11: ELF section headers. The text gives u16 num, entsize and
 * shndx plus a u16 reserved; GRUB writes three u32 words, which is the
 * layout below. We do not read this tag.
 */
struct mb2_tag_elf_sections {
    struct mb2_tag head;        /* 0 */
    uint32_t num;               /* 8 */
    uint32_t entsize;           /* 12 */
    uint32_t shndx;             /* 16 */
    uint8_t sections[];         /* 20 */
};
_Static_assert(sizeof(struct mb2_tag_elf_sections) == 20, "elf_sections");

/* Spec 3.6.12: APM table. */
struct mb2_tag_apm {
    struct mb2_tag head;        /* 0 */
    uint16_t version;           /* 8 */
    uint16_t cseg;              /* 10 */
    uint32_t offset;            /* 12 */
    uint16_t cseg_16;           /* 16 */
    uint16_t dseg;              /* 18 */
    uint16_t flags;             /* 20 */
    uint16_t cseg_len;          /* 22 */
    uint16_t cseg_16_len;       /* 24 */
    uint16_t dseg_len;          /* 26 */
};
_Static_assert(sizeof(struct mb2_tag_apm) == 28, "mb2_tag_apm");

/* Spec 3.6.13: IA-32 EFI system table pointer. */
struct mb2_tag_efi32_systab {
    struct mb2_tag head;        /* 0 */
    uint32_t pointer;           /* 8 */
};
_Static_assert(sizeof(struct mb2_tag_efi32_systab) == 12, "efi32_systab");

/* Spec 3.6.14: x64 EFI system table pointer. */
struct mb2_tag_efi64_systab {
    struct mb2_tag head;        /* 0 */
    uint64_t pointer;           /* 8 */
};
_Static_assert(sizeof(struct mb2_tag_efi64_systab) == 16, "efi64_systab");

/* Spec 3.6.15: SMBIOS tables. */
struct mb2_tag_smbios {
    struct mb2_tag head;        /* 0 */
    uint8_t major;              /* 8 */
    uint8_t minor;              /* 9 */
    uint8_t reserved[6];        /* 10 */
    uint8_t tables[];           /* 16 */
};
_Static_assert(sizeof(struct mb2_tag_smbios) == 16, "mb2_tag_smbios");

/* Spec 3.6.16, 3.6.17: raw copy of the RSDP, v1 (tag 14) or v2 (15). */
struct mb2_tag_rsdp {
    struct mb2_tag head;        /* 0 */
    uint8_t rsdp[];             /* 8 */
};
_Static_assert(sizeof(struct mb2_tag_rsdp) == 8, "mb2_tag_rsdp");

/* Spec 3.6.18: networking, the DHCP ACK packet. */
struct mb2_tag_network {
    struct mb2_tag head;        /* 0 */
    uint8_t dhcpack[];          /* 8 */
};
_Static_assert(sizeof(struct mb2_tag_network) == 8, "mb2_tag_network");

/* Spec 3.6.19: EFI memory map as GetMemoryMap() returned it. */
struct mb2_tag_efi_mmap {
    struct mb2_tag head;        /* 0 */
    uint32_t descr_size;        /* 8 */
    uint32_t descr_vers;        /* 12 */
    uint8_t efi_mmap[];         /* 16 */
};
_Static_assert(sizeof(struct mb2_tag_efi_mmap) == 16, "mb2_tag_efi_mmap");

/* Spec 3.6.21: IA-32 EFI image handle. */
struct mb2_tag_efi32_ih {
    struct mb2_tag head;        /* 0 */
    uint32_t pointer;           /* 8 */
};
_Static_assert(sizeof(struct mb2_tag_efi32_ih) == 12, "mb2_tag_efi32_ih");

/* Spec 3.6.22: x64 EFI image handle. */
struct mb2_tag_efi64_ih {
    struct mb2_tag head;        /* 0 */
    uint64_t pointer;           /* 8 */
};
_Static_assert(sizeof(struct mb2_tag_efi64_ih) == 16, "mb2_tag_efi64_ih");

/* Spec 3.6.23: physical load base of a relocatable image. */
struct mb2_tag_load_base {
    struct mb2_tag head;        /* 0 */
    uint32_t load_base_addr;    /* 8 */
};
_Static_assert(sizeof(struct mb2_tag_load_base) == 12, "mb2_tag_load_base");

/* ---- Parser (lib/boot/mb2.c) -------------------------------------------- */

/* Why mb2_parse() refused a block; one value per distinct failure. */
enum mb2_status {
    MB2_OK,
    MB2_INFO_SHORT,             /* fewer than 8 readable bytes */
    MB2_TOTAL_TOO_SMALL,        /* total_size below 16 */
    MB2_TOTAL_OVER_LEN,         /* total_size beyond the readable bytes */
    MB2_TAG_TOO_SMALL,          /* a tag's size below 8 */
    MB2_TAG_OVERRUN,            /* a tag reaches past total_size */
    MB2_NO_END_TAG,             /* the walk ran out before an end tag */
    MB2_BAD_END_TAG,            /* type 0 with a size other than 8 */
    MB2_TAG_BODY_SHORT,         /* smaller than the tag's fixed fields */
    MB2_DUPLICATE_TAG,          /* a single-instance tag seen twice */
    MB2_STRING_UNTERMINATED,    /* no NUL inside the tag */
    MB2_STRING_TOO_LONG,        /* string longer than our buffer */
    MB2_TOO_MANY_MODULES,       /* more than BOOT_MAX_MODULES */
    MB2_MODULE_END_BEFORE_START,
    MB2_MMAP_ENTRY_SIZE,        /* below 24 or not a multiple of 8 */
    MB2_MMAP_PARTIAL_ENTRY,     /* body not a whole number of entries */
    MB2_MMAP_TOO_MANY,          /* more than E820_MAX entries */
    MB2_RSDP_TOO_BIG,           /* RSDP copy above BOOT_RSDP_MAX */
    MB2_EFI_DESC_SIZE,          /* below 40 or not a multiple of 8 */
    MB2_EFI_MAP_PARTIAL,        /* body not a whole number of descriptors */
    MB2_SYSTAB_NONE,            /* no tag 12, or a zero pointer */
    MB2_SYSTAB_ALIGN,           /* system table not 8-byte aligned */
    MB2_SYSTAB_NON_CANONICAL,   /* not wholly below 2^47 (1:1 mapped) */
    MB2_SYSTAB_OUTSIDE_MAP,     /* not inside one EFI map descriptor */
    MB2_SYSTAB_SIGNATURE,       /* no "IBI SYST" there (caller's check) */
};

/* Fixed English text for a status; never NULL. */
const char *mb2_strerror(enum mb2_status st);

/*
 * Walks a multiboot2 info block of info_len readable bytes; fills *out.
 * See lib/boot/mb2.c for what is accepted and which fields are left alone.
 */
enum mb2_status mb2_parse(const void *info, size_t info_len,
                          struct boot_info *out);

/*
 * Lowest address above the canonical lower half of 48-bit paging: the
 * firmware's 1:1 map, which the EFI entry runs under, lies below it.
 */
#define MB2_CANONICAL_LOW_END       (1ULL << 47)

/*
 * Whether the EFI system table that tag 12 names (bi->efi_systab_pa, from
 * mb2_parse()) may be read, table_bytes long, before the switch, under the
 * firmware's page tables: non-zero, 8-byte aligned, wholly in the
 * canonical lower half, and, when the block carried an EFI memory map
 * (tag 17), wholly inside one of its descriptors. Reads only *bi; the
 * caller then checks the signature (MB2_SYSTAB_SIGNATURE).
 */
enum mb2_status mb2_systab_check(const struct boot_info *bi,
                                 uint64_t table_bytes);

#endif /* !__ASSEMBLY__ */

#endif /* XEN_MB2_H */
