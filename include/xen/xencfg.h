/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xen.cfg configuration file of a directly booted xen.efi
 * (lib/boot/xencfg.c), in Xen's format (docs/misc/efi.pandoc):
 *
 *   [global]
 *   default=normal          # picks the section when none is given
 *   [normal]
 *   options=console=com1    # the hypervisor command line
 *   kernel=vmlinuz root=/dev/sda1
 *   ramdisk=initrd.img
 *
 * Rules kept here, stricter than Xen where Xen silently misreads a file:
 * - Every byte must be printable ASCII, a blank (space or tab), CR or LF;
 *   anything else (non-ASCII, NUL, other control bytes) is an error. CR is
 *   only allowed at the end of a line, so CRLF files work.
 * - `#` starts a comment anywhere on a line, `;` only as the first
 *   non-blank character. Leading and trailing blanks are ignored.
 * - `[name]` starts a section; the name holds no blanks; only blanks or a
 *   comment may follow the `]`.
 * - Every other non-empty line is `key=value`; blanks around the key and
 *   after the `=` are ignored. A line without `=`, with an empty key or a
 *   key containing blanks or brackets is an error.
 * - The first section of a name counts, and the first key in it: later
 *   duplicates are ignored, as in Xen. Keys are case-sensitive.
 * - A missing newline after the last line is fine (Xen drops that line).
 *
 * Every lookup validates the whole file, so a malformed line is reported
 * wherever it is, whatever is looked up. Pure: no globals, nothing printed,
 * results point into the caller's buffer.
 */
#ifndef XEN_XENCFG_H
#define XEN_XENCFG_H

#include <xen/types.h>

enum xencfg_status {
    XENCFG_OK,
    XENCFG_NO_KEY,              /* key absent from the searched part */
    XENCFG_NO_SECTION,          /* the section asked for does not exist */
    XENCFG_NO_DEFAULT_SECTION,  /* [global] default= names no section */
    XENCFG_NON_ASCII,           /* a byte >= 0x80 */
    XENCFG_CONTROL_CHAR,        /* NUL, a stray CR or another control byte */
    XENCFG_NO_EQUALS,           /* a line is neither [section] nor key= */
    XENCFG_EMPTY_KEY,           /* `=value` */
    XENCFG_BAD_KEY,             /* a blank or bracket inside the key */
    XENCFG_UNTERMINATED_SECTION, /* `[name` without `]` */
    XENCFG_EMPTY_SECTION_NAME,  /* `[]` */
    XENCFG_BAD_SECTION_NAME,    /* a blank or `[` inside the brackets */
    XENCFG_SECTION_JUNK,        /* text after the `]` */
    XENCFG_NAMES_END,           /* no more config file names to try */
    XENCFG_BAD_IMAGE_NAME,      /* image name empty or not printable ASCII */
    XENCFG_NAME_TOO_LONG,       /* candidate name does not fit the buffer */
    XENCFG_NR_STATUS
};

/* Warnings from xencfg_check(): lines Xen would ignore silently. */
struct xencfg_warnings {
    unsigned int nr_unknown_keys;       /* key no hypervisor code reads */
    unsigned int first_unknown_line;    /* 1-based; 0 when none */
    unsigned int nr_misplaced_keys;     /* chain= or default= outside */
    unsigned int first_misplaced_line;  /* [global]; 0 when none */
};

/* The text for a status, for the one place that prints it. */
const char *xencfg_strerror(enum xencfg_status st);

/*
 * Validates len bytes of buf as a whole. On an error *bad_line (1-based)
 * names the first bad line; on XENCFG_OK it is 0. warn may be NULL.
 */
enum xencfg_status xencfg_check(const char *buf, size_t len,
                                unsigned int *bad_line,
                                struct xencfg_warnings *warn);

/*
 * Looks key up (a NUL-terminated name such as "kernel") in the first
 * section called section/section_len, or, when section is NULL, at the
 * first place in the whole file where it occurs, in any section or before
 * the first one. Keys valid in a section or in [global] (ucode=, xsm=,
 * video=) are looked up twice by the caller; chain= and default= with
 * section "global". On XENCFG_OK *val points into buf (leading and trailing
 * blanks and any comment removed, possibly empty) and is not NUL-terminated.
 * On an error from validation *bad_line is set, otherwise it is 0.
 */
enum xencfg_status xencfg_get(const char *buf, size_t len,
                              const char *section, size_t section_len,
                              const char *key, const char **val,
                              size_t *val_len, unsigned int *bad_line);

/*
 * Chooses the section to use: cmdline_section (from the load options) when
 * it is non-empty, else the value of [global] default= when that is
 * non-empty, else none (*section NULL, *section_len 0: whole-file lookups).
 * A named section that does not exist is XENCFG_NO_SECTION or, when it came
 * from default=, XENCFG_NO_DEFAULT_SECTION. On XENCFG_OK a chosen *section
 * points at its name in a `[...]` line of buf.
 */
enum xencfg_status xencfg_select(const char *buf, size_t len,
                                 const char *cmdline_section,
                                 size_t cmdline_section_len,
                                 const char **section, size_t *section_len,
                                 unsigned int *bad_line);

/*
 * Splits a value at its first blank run, as kernel= needs it: the file
 * name, then the rest (the dom0 command line, possibly empty). Both point
 * into val. Never fails.
 */
void xencfg_split_word(const char *val, size_t val_len,
                       const char **word, size_t *word_len,
                       const char **rest, size_t *rest_len);

/*
 * Config file names to try for an image file name, in Xen's order: the
 * image's name with its extension changed to .cfg, then the name cut at
 * its last '.', '-' or '_' again and again: xen-4.2-unstable.efi gives
 * xen-4.2-unstable.cfg, xen-4.2.cfg, xen-4.cfg, xen.cfg. A leading path
 * (up to the last '\' or '/') is dropped: the names are relative to the
 * image's directory. The iterator points into the caller's string.
 */
struct xencfg_names {
    const char *base;       /* the image's base name */
    size_t stem_len;        /* bytes of base used by the next name */
    bool done;
};

/* XENCFG_BAD_IMAGE_NAME when no name can be made from the image name. */
enum xencfg_status xencfg_names_init(struct xencfg_names *it,
                                     const char *image, size_t image_len);

/*
 * Writes the next name, NUL-terminated, into out (out_size bytes) and its
 * length to *out_len. XENCFG_NAMES_END after the last one;
 * XENCFG_NAME_TOO_LONG leaves the iterator where it was.
 */
enum xencfg_status xencfg_names_next(struct xencfg_names *it, char *out,
                                     size_t out_size, size_t *out_len);

#endif /* XEN_XENCFG_H */
