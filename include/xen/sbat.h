/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SBAT (UEFI Secure Boot Advanced Targeting) metadata: the CSV text of an
 * image's .sbat section, as shim and GRUB define it (shim's SBAT.md). One
 * record a line, six fields: component name, generation, vendor name,
 * vendor package name, vendor version, vendor URL. The first record names
 * the format itself. A revocation raises the minimum generation of a
 * component; an image whose generation is lower is refused by shim.
 */
#ifndef XEN_SBAT_H
#define XEN_SBAT_H

#include <xen/types.h>

/* The first line of every .sbat section: format version 1. */
#define SBAT_HEADER_LINE \
    "sbat,1,SBAT Version,sbat,1," \
    "https://github.com/rhboot/shim/blob/main/SBAT.md"
#define SBAT_NR_FIELDS  6

enum sbat_status {
    SBAT_OK,
    SBAT_EMPTY,                 /* no text before the first NUL */
    SBAT_BAD_HEADER,            /* first line is not SBAT_HEADER_LINE */
    SBAT_NO_NEWLINE,            /* a line without its final '\n' */
    SBAT_BAD_CHAR,              /* control, non-ASCII or '"' in a field */
    SBAT_BAD_FIELDS,            /* not six fields, or an empty one */
    SBAT_BAD_GENERATION,        /* not a decimal number from 1 */
    SBAT_NO_COMPONENT,          /* nothing but the header line */
    SBAT_JUNK_AFTER_NUL,        /* non-NUL byte after the text's end */
    SBAT_NR_STATUS
};

/* What sbat_check() learned. */
struct sbat_info {
    unsigned int nr_components;     /* records after the header line */
    unsigned int bad_line;          /* 1-based, for errors on a line */
    uint32_t first_generation;      /* generation of the first component */
};

/* The text for a status, for the one place that prints it. */
const char *sbat_strerror(enum sbat_status st);

/*
 * Checks len bytes of a .sbat section: text up to the first NUL (or len),
 * only NULs after it; every line ends in '\n' and holds six non-empty
 * comma-separated fields of printable ASCII without '"'; the second field
 * is a decimal generation of 1 or more without leading zeros (at most
 * 4294967295); the first line is SBAT_HEADER_LINE and at least one
 * component follows it.
 */
enum sbat_status sbat_check(const void *text, size_t len,
                            struct sbat_info *out);

#endif /* XEN_SBAT_H */
