/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PE32+ (PE/COFF) structures for xen.efi, and the pure checks and
 * base-relocation arithmetic on them (lib/boot/pe_reloc.c). Layouts from the
 * Microsoft PE/COFF specification; the section and DllCharacteristics
 * rules from the UEFI signing requirements (reference 7.8). All fields are
 * little-endian. The same code serves the hypervisor (re-applying its own
 * relocations for the linked address) and a host post-link check tool.
 */
#ifndef XEN_PE_H
#define XEN_PE_H

#include <xen/types.h>

#define PE_DOS_MAGIC            0x5a4d      /* "MZ" */
#define PE_SIGNATURE            0x00004550  /* "PE\0\0" */
#define PE_MACHINE_AMD64        0x8664
#define PE_OPT_MAGIC_PE32PLUS   0x020b
#define PE_SUBSYSTEM_EFI_APP    10
#define PE_PAGE_BYTES           4096

/* PE/COFF spec 3.4.3: DllCharacteristics. */
#define PE_DLL_HIGH_ENTROPY_VA  0x0020
#define PE_DLL_DYNAMIC_BASE     0x0040
#define PE_DLL_FORCE_INTEGRITY  0x0080
#define PE_DLL_NX_COMPAT        0x0100

/* PE/COFF spec 4.1: section Characteristics. */
#define PE_SCN_CNT_CODE         0x00000020U
#define PE_SCN_CNT_INIT_DATA    0x00000040U
#define PE_SCN_CNT_UNINIT_DATA  0x00000080U
#define PE_SCN_MEM_DISCARDABLE  0x02000000U
#define PE_SCN_MEM_EXECUTE      0x20000000U
#define PE_SCN_MEM_READ         0x40000000U
#define PE_SCN_MEM_WRITE        0x80000000U

/* PE/COFF spec 3.4.3: data directory indexes. */
#define PE_DIR_EXPORT           0
#define PE_DIR_IMPORT           1
#define PE_DIR_RESOURCE         2
#define PE_DIR_EXCEPTION        3
#define PE_DIR_SECURITY         4
#define PE_DIR_BASERELOC        5
#define PE_NR_DIRS              16

/* PE/COFF spec 6.6.2: base relocation types (top 4 bits of an entry). */
#define PE_REL_ABSOLUTE         0       /* padding, skipped */
#define PE_REL_HIGHLOW          3       /* 32-bit field */
#define PE_REL_DIR64            10      /* 64-bit field */
#define PE_REL_TYPE(e)          ((unsigned int)(e) >> 12)
#define PE_REL_OFFSET(e)        ((unsigned int)(e) & 0xfff)

/* PE/COFF spec 2: the MS-DOS stub header; only two fields matter. */
struct pe_dos_header {
    uint16_t e_magic;           /* 0: "MZ" */
    uint16_t e_unused[29];      /* 2: DOS loader fields */
    uint32_t e_lfanew;          /* 60: file offset of the PE signature */
};
_Static_assert(sizeof(struct pe_dos_header) == 64, "pe_dos_header");
_Static_assert(offsetof(struct pe_dos_header, e_lfanew) == 0x3c, "e_lfanew");

/* PE/COFF spec 3.3: COFF file header, after the 4-byte signature. */
struct pe_file_header {
    uint16_t machine;           /* 0 */
    uint16_t nr_sections;       /* 2 */
    uint32_t timestamp;         /* 4 */
    uint32_t symtab_offset;     /* 8 */
    uint32_t nr_symbols;        /* 12 */
    uint16_t opt_header_bytes;  /* 16 */
    uint16_t characteristics;   /* 18 */
};
_Static_assert(sizeof(struct pe_file_header) == 20, "pe_file_header");
_Static_assert(offsetof(struct pe_file_header, opt_header_bytes) == 16,
               "opt_header_bytes");

/* PE/COFF spec 3.4.3: one data directory. */
struct pe_data_dir {
    uint32_t rva;               /* 0 */
    uint32_t size;              /* 4 */
};
_Static_assert(sizeof(struct pe_data_dir) == 8, "pe_data_dir");

/* PE/COFF spec 3.4: optional header, PE32+ form, all 16 directories. */
struct pe_opt_header64 {
    uint16_t magic;             /* 0: 0x20b */
    uint8_t linker_major;       /* 2 */
    uint8_t linker_minor;       /* 3 */
    uint32_t code_bytes;        /* 4 */
    uint32_t init_data_bytes;   /* 8 */
    uint32_t uninit_data_bytes; /* 12 */
    uint32_t entry_rva;         /* 16 */
    uint32_t code_base_rva;     /* 20 */
    uint64_t image_base;        /* 24 */
    uint32_t section_align;     /* 32 */
    uint32_t file_align;        /* 36 */
    uint16_t os_major;          /* 40 */
    uint16_t os_minor;          /* 42 */
    uint16_t image_major;       /* 44 */
    uint16_t image_minor;       /* 46 */
    uint16_t subsystem_major;   /* 48 */
    uint16_t subsystem_minor;   /* 50 */
    uint32_t win32_version;     /* 52 */
    uint32_t image_bytes;       /* 56: SizeOfImage */
    uint32_t headers_bytes;     /* 60: SizeOfHeaders */
    uint32_t checksum;          /* 64 */
    uint16_t subsystem;         /* 68 */
    uint16_t dll_characteristics; /* 70 */
    uint64_t stack_reserve;     /* 72 */
    uint64_t stack_commit;      /* 80 */
    uint64_t heap_reserve;      /* 88 */
    uint64_t heap_commit;       /* 96 */
    uint32_t loader_flags;      /* 104 */
    uint32_t nr_dirs;           /* 108: NumberOfRvaAndSizes */
    struct pe_data_dir dirs[PE_NR_DIRS]; /* 112 */
};
_Static_assert(sizeof(struct pe_opt_header64) == 240, "pe_opt_header64");
_Static_assert(offsetof(struct pe_opt_header64, image_base) == 24,
               "image_base");
_Static_assert(offsetof(struct pe_opt_header64, section_align) == 32,
               "section_align");
_Static_assert(offsetof(struct pe_opt_header64, image_bytes) == 56,
               "image_bytes");
_Static_assert(offsetof(struct pe_opt_header64, subsystem) == 68,
               "subsystem");
_Static_assert(offsetof(struct pe_opt_header64, dll_characteristics) == 70,
               "dll_characteristics");
_Static_assert(offsetof(struct pe_opt_header64, nr_dirs) == 108, "nr_dirs");
_Static_assert(offsetof(struct pe_opt_header64, dirs) == 112, "dirs");

/* PE/COFF spec 4: one section header. */
struct pe_section {
    char name[8];               /* 0: not NUL-terminated when 8 long */
    uint32_t virtual_bytes;     /* 8: VirtualSize */
    uint32_t rva;               /* 12: VirtualAddress */
    uint32_t raw_bytes;         /* 16: SizeOfRawData */
    uint32_t raw_offset;        /* 20: PointerToRawData */
    uint32_t reloc_offset;      /* 24: object files only */
    uint32_t lineno_offset;     /* 28 */
    uint16_t nr_relocs;         /* 32 */
    uint16_t nr_linenos;        /* 34 */
    uint32_t characteristics;   /* 36 */
};
_Static_assert(sizeof(struct pe_section) == 40, "pe_section");
_Static_assert(offsetof(struct pe_section, characteristics) == 36,
               "section characteristics");

/* PE/COFF spec 6.6.1: base relocation block header; u16 entries follow. */
struct pe_reloc_block {
    uint32_t page_rva;          /* 0 */
    uint32_t block_bytes;       /* 4: header included */
};
_Static_assert(sizeof(struct pe_reloc_block) == 8, "pe_reloc_block");

enum pe_status {
    PE_OK,
    /* Relocation table walk. */
    PE_RELOC_TABLE_TOO_BIG,     /* table of 4 GiB or more */
    PE_RELOC_SHORT_HEADER,      /* fewer than 8 bytes left for a header */
    PE_RELOC_BLOCK_ZERO,        /* block size 0 */
    PE_RELOC_BLOCK_SMALL,       /* block size below its header */
    PE_RELOC_BLOCK_ODD,         /* block size not a multiple of 2 */
    PE_RELOC_BLOCK_OVERRUN,     /* block goes past the table */
    PE_RELOC_BAD_TYPE,          /* type other than 0, 3 or 10 */
    PE_RELOC_OUTSIDE_IMAGE,     /* field reaches past the image */
    PE_RELOC_UNSORTED,          /* field overlaps or precedes the last */
    PE_RELOC_HITS_TABLE,        /* field inside the table itself */
    /* Image header check. */
    PE_TRUNCATED_DOS,
    PE_BAD_DOS_MAGIC,
    PE_BAD_LFANEW,              /* PE headers not inside the file */
    PE_BAD_SIGNATURE,
    PE_BAD_MACHINE,
    PE_OPT_TOO_SMALL,           /* optional header misses fields we read */
    PE_TRUNCATED_OPT,           /* optional header past the file */
    PE_BAD_OPT_MAGIC,
    PE_BAD_NR_DIRS,             /* directories past the optional header */
    PE_BAD_SUBSYSTEM,
    PE_BAD_SECTION_ALIGN,       /* not 4 KiB */
    PE_BAD_FILE_ALIGN,          /* zero, not a power of 2, or too big */
    PE_BAD_IMAGE_BASE,          /* not section aligned */
    PE_BAD_IMAGE_SIZE,          /* SizeOfImage not section aligned */
    PE_BAD_HEADERS_SIZE,        /* SizeOfHeaders past file or image */
    PE_NO_SECTIONS,
    PE_TRUNCATED_SECTIONS,      /* section table past SizeOfHeaders */
    PE_SECTION_UNALIGNED,       /* section RVA not section aligned */
    PE_SECTION_OVERLAP,         /* overlaps headers or the previous one */
    PE_SECTION_OUTSIDE_IMAGE,
    PE_SECTION_OUTSIDE_FILE,    /* raw data past the end of the file */
    PE_SECTION_WX,              /* both writable and executable */
    PE_BAD_ENTRY,               /* entry not in an executable section */
    PE_NO_RELOC_DIR,            /* no base relocation directory */
    PE_RELOC_DIR_NOT_IN_FILE,   /* not inside one section's raw data */
    PE_RELOC_TARGET_NOT_RW,     /* fixup outside writable non-exec data */
    /* File layout for signing (pe_check_file_layout). */
    PE_FILE_GAP,                /* bytes between headers and sections */
    PE_FILE_TRAILING,           /* bytes after the last section */
    PE_BAD_CERT_TABLE,          /* certificate table not at the end */
    PE_NR_STATUS
};

/* What a relocation table holds, by type. */
struct pe_reloc_counts {
    unsigned int nr_blocks;
    unsigned int nr_absolute;
    unsigned int nr_highlow;
    unsigned int nr_dir64;
};

/* What pe_check_image() learned; valid up to the point of failure. */
struct pe_image_info {
    uint64_t image_base;
    uint32_t image_bytes;
    uint32_t headers_bytes;
    uint32_t entry_rva;
    uint16_t dll_characteristics;
    bool nx_compat;
    unsigned int nr_sections;
    uint32_t section_table_offset;  /* file offset */
    unsigned int bad_section;       /* index, for PE_SECTION_* errors */
    uint32_t reloc_rva;
    uint32_t reloc_bytes;
    uint32_t reloc_file_offset;
    unsigned int reloc_bad_offset;  /* into the table, PE_RELOC_* errors */
    struct pe_reloc_counts relocs;
    uint32_t checksum;              /* CheckSum as stored */
    uint32_t checksum_offset;       /* file offset of CheckSum */
    uint32_t cert_offset;           /* security directory: file offset */
    uint32_t cert_bytes;            /* 0: the file is not signed */
};

/* The text for a status, for the one place that prints it. */
const char *pe_strerror(enum pe_status st);

/*
 * Walks reloc_bytes bytes of base relocation blocks at relocs without
 * writing anything, checking every header and entry for an image of
 * image_bytes bytes: block sizes at least 8, even and inside the table;
 * types ABSOLUTE, HIGHLOW or DIR64; every field inside the image and each
 * starting at or after the end of the previous one (linkers emit them
 * sorted; a duplicate would be applied twice). counts may be NULL. On an
 * error *bad_offset is the byte offset in the table of the bad header or
 * entry.
 */
enum pe_status pe_reloc_count(const void *relocs, size_t reloc_bytes,
                              size_t image_bytes,
                              struct pe_reloc_counts *counts,
                              unsigned int *bad_offset);

/*
 * Adds delta to every field the table names in image (image_bytes bytes,
 * any alignment): DIR64 fields get all 64 bits, HIGHLOW fields the low 32
 * bits of delta, modulo 2^32 (a 32-bit absolute address cannot move by
 * more; a linked-high image should hold none). The table is checked with
 * pe_reloc_count() first, so on an error nothing has been written. Applying
 * -delta afterwards restores the image exactly. The table may lie inside
 * the image (PE_RELOC_HITS_TABLE if a field falls into it).
 */
enum pe_status pe_reloc_apply(void *image, size_t image_bytes,
                              const void *relocs, size_t reloc_bytes,
                              int64_t delta, unsigned int *bad_offset);

/*
 * Validates len bytes of file as a PE32+ EFI application as xen.efi must
 * be: MZ, PE signature, AMD64, PE32+, EFI application subsystem, 4 KiB
 * section alignment, sections sorted, aligned, inside image and file, none
 * both writable and executable, entry point in an executable section, and
 * a base relocation directory inside one section whose table passes
 * pe_reloc_count() and names no field inside itself. Every field a
 * relocation names must lie inside a section that is writable and not
 * executable (PE_RELOC_TARGET_NOT_RW, with out->bad_section the section
 * index or nr_sections when none holds it): firmware that maps sections
 * with their permissions could not apply it otherwise. Fills *out as far
 * as it got; NX_COMPAT is reported in out->nx_compat, not required.
 */
enum pe_status pe_check_image(const void *file, size_t len,
                              struct pe_image_info *out);

/*
 * The layout a signature hash covers without special cases, for a file
 * that pe_check_image() accepted (info is its result): the headers, then
 * every section's raw data in section order, each starting where the
 * previous ended, and nothing after the last one but, in a signed file,
 * the certificate table the security directory names (8-byte aligned, at
 * most 7 bytes of padding before it, ending the file).
 */
enum pe_status pe_check_file_layout(const void *file, size_t len,
                                    const struct pe_image_info *info);

/*
 * The PE header checksum of len bytes of file: the 16-bit one's-complement
 * style sum of the file with the 4 bytes at checksum_offset taken as zero,
 * folded to 16 bits, plus len.
 */
uint32_t pe_checksum(const void *file, size_t len, size_t checksum_offset);

#endif /* XEN_PE_H */
