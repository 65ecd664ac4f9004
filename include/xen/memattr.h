/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page permissions each section of a loaded PE image wants under the
 * firmware's page tables, in the attribute bits of the EFI memory
 * attribute protocol (include/efi/secboot.h), and their short names for
 * the console (lib/efi/memattr.c). Pure: the caller reads the image
 * and calls the protocol.
 */
#ifndef XEN_MEMATTR_H
#define XEN_MEMATTR_H

#include <xen/types.h>

/* Sections memattr_sections() reports at most. */
#define MEMATTR_MAX_SECTIONS    16

struct memattr_section {
    char name[9];               /* NUL-terminated */
    uint32_t rva;               /* page aligned */
    uint32_t bytes;             /* VirtualSize rounded up to pages */
    uint64_t want;              /* EFI_MEMORY_RO and/or EFI_MEMORY_XP */
};

enum memattr_status {
    MEMATTR_OK,
    MEMATTR_BAD_HEADERS,        /* no PE32+ headers inside the image */
    MEMATTR_TOO_MANY,           /* more than max sections */
    MEMATTR_BAD_SECTION,        /* unaligned, or past the image's end */
    MEMATTR_SECTION_WX,         /* both writable and executable */
    MEMATTR_NR_STATUS
};

const char *memattr_strerror(enum memattr_status st);

/*
 * The wanted attributes of a section of these PE characteristics: code
 * read-only and executable; other read-only data neither writable nor
 * executable; writable data not executable.
 */
uint64_t memattr_want(uint32_t characteristics);

/*
 * Reads the section table of the loaded image at image (image_bytes
 * bytes, sections at their RVA) into out[], at most max, skipping
 * sections of size 0; *nr is how many were written.
 */
enum memattr_status memattr_sections(const void *image, size_t image_bytes,
                                     struct memattr_section *out,
                                     unsigned int max, unsigned int *nr);

/*
 * "rwx" with "-" for what attrs take away (RP: r, RO: w, XP: x), into
 * buf (at least 4 bytes); returns buf.
 */
const char *memattr_perms(uint64_t attrs, char *buf);

#endif /* XEN_MEMATTR_H */
