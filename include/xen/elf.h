/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF64 kernel images (lib/boot/elf.c): validates an x86-64 executable,
 * lists its loadable segments, reads Xen's ELF notes (reference 6.3) and
 * copies the image into a caller's buffer. Pure: the image is untrusted
 * input and every offset and size is checked before use.
 */
#ifndef XEN_ELF_H
#define XEN_ELF_H

#include <xen/types.h>

#define ELF_MAX_SEGMENTS        16

/* Xen ELF note types (namespace "Xen"; reference 6.3). */
#define ELF_XEN_NOTE_INFO               0
#define ELF_XEN_NOTE_ENTRY              1
#define ELF_XEN_NOTE_HYPERCALL_PAGE     2
#define ELF_XEN_NOTE_VIRT_BASE          3
#define ELF_XEN_NOTE_PADDR_OFFSET       4
#define ELF_XEN_NOTE_XEN_VERSION        5
#define ELF_XEN_NOTE_GUEST_OS           6
#define ELF_XEN_NOTE_GUEST_VERSION      7
#define ELF_XEN_NOTE_LOADER             8
#define ELF_XEN_NOTE_PAE_MODE           9
#define ELF_XEN_NOTE_FEATURES           10
#define ELF_XEN_NOTE_BSD_SYMTAB         11
#define ELF_XEN_NOTE_HV_START_LOW       12
#define ELF_XEN_NOTE_L1_MFN_VALID       13
#define ELF_XEN_NOTE_SUSPEND_CANCEL     14
#define ELF_XEN_NOTE_INIT_P2M           15
#define ELF_XEN_NOTE_MOD_START_PFN      16
#define ELF_XEN_NOTE_SUPPORTED_FEATURES 17
#define ELF_XEN_NOTE_PHYS32_ENTRY       18

/* Feature bits (reference 6.3) the builder looks at. */
#define ELF_XEN_FEAT_WRITABLE_PAGE_TABLES   0
#define ELF_XEN_FEAT_AUTO_TRANSLATED        2
#define ELF_XEN_FEAT_DOM0                   11

enum elf_status {
    ELF_OK,
    ELF_ERR_SHORT,              /* shorter than an ELF header */
    ELF_ERR_MAGIC,              /* not ELF */
    ELF_ERR_CLASS,              /* not 64-bit little-endian x86-64 */
    ELF_ERR_TYPE,               /* not an executable (ET_EXEC) */
    ELF_ERR_PHDRS,              /* program headers outside the file */
    ELF_ERR_SEGMENT,            /* a segment's bytes outside the file */
    ELF_ERR_SEG_SIZE,           /* file size above memory size */
    ELF_ERR_SEG_OVERLAP,        /* two segments share virtual bytes */
    ELF_ERR_SEG_WRAP,           /* a segment reaches 2^64 */
    ELF_ERR_TOO_MANY,           /* more than ELF_MAX_SEGMENTS to load */
    ELF_ERR_NO_SEGMENTS,        /* nothing to load */
    ELF_ERR_NOTE,               /* a malformed note */
    ELF_ERR_ENTRY,              /* entry outside the loaded segments */
    ELF_ERR_NO_ROOM,            /* destination too small */
    ELF_NR_STATUS
};

const char *elf_strerror(enum elf_status st);

/*
 * vaddr is where the segment goes in the guest's address space, by Xen's
 * rule: p_paddr + VIRT_BASE - PADDR_OFFSET (each 0 without its note).
 */
struct elf_segment {
    uint64_t vaddr;
    uint64_t file_offset;
    uint64_t file_bytes;
    uint64_t mem_bytes;
    uint32_t flags;             /* PF_X 1, PF_W 2, PF_R 4 */
};

/*
 * What the Xen notes said; has_* tells which notes were present, except
 * has_mod_start_pfn, which is set only when MOD_START_PFN is non-zero.
 */
struct elf_xen_notes {
    bool has_entry, has_virt_base, has_hypercall_page, has_init_p2m;
    bool has_hv_start_low, has_paddr_offset, has_features;
    bool has_supported_features, has_mod_start_pfn, has_pae_mode;
    uint64_t entry;
    uint64_t virt_base;
    uint64_t hypercall_page;
    uint64_t init_p2m;
    uint64_t hv_start_low;
    uint64_t paddr_offset;
    uint32_t features_required;     /* FEATURES: bits named with '!' ... */
    uint32_t features_supported;    /* ... and all bits named */
    uint32_t supported_features;    /* SUPPORTED_FEATURES, numeric */
    char guest_os[16];
    char xen_version[16];
    char loader[16];
};

struct elf_image {
    uint64_t entry;             /* the ENTRY note, else e_entry */
    uint64_t vstart;            /* lowest segment address */
    uint64_t vend;              /* end of the highest segment */
    unsigned int nr_segments;
    struct elf_segment seg[ELF_MAX_SEGMENTS];
    struct elf_xen_notes notes;
};

/*
 * Validates the ELF64 image at img (img_bytes) and describes it in *out:
 * PT_LOAD segments (sorted by address, non-empty, inside the file,
 * disjoint; empty ones dropped), and the Xen notes from PT_NOTE segments
 * (string notes NUL-terminated and cut to fit; numeric notes of 4 or 8
 * bytes; FEATURES parsed as '|'-separated names with '!' marking required
 * ones, unknown names skipped; unknown note types skipped; PADDR_OFFSET
 * without VIRT_BASE refused, as Xen does). The entry must lie in an
 * executable segment. *out is zeroed first and meaningful only on ELF_OK.
 */
enum elf_status elf_parse(const void *img, size_t img_bytes,
                          struct elf_image *out);

/*
 * Copies the segments of a parsed image into dst, which stands for the
 * virtual range [dst_va, dst_va + dst_bytes): file bytes copied, the rest
 * of each segment zeroed; bytes between segments are left alone. Every
 * segment must fit and lie inside img, else nothing is written.
 */
enum elf_status elf_load(const void *img, size_t img_bytes,
                         const struct elf_image *im, void *dst,
                         uint64_t dst_va, size_t dst_bytes);

#endif /* XEN_ELF_H */
