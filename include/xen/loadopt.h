/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The load options of a directly booted xen.efi (lib/efi/loadopt.c): the
 * LoadOptions/LoadOptionsSize bytes of the EFI_LOADED_IMAGE_PROTOCOL,
 * turned into the config file name, the section, switches and the text
 * that is appended to the hypervisor's command line.
 *
 * The bytes come in one of two forms (reference 2.5):
 * - a UCS-2 string, as the EFI shell passes it, whose first word is the
 *   image's own name (skipped); Xen's convention, so a boot entry holding
 *   plain text must begin with a dummy word too;
 * - a whole EFI_LOAD_OPTION (UEFI spec 3.1.3), as some firmware passes it:
 *   the string is its OptionalData and has no image name.
 * Units above 0x7e and control units other than blanks are refused, not
 * replaced: a replaced character in a file name would open the wrong file.
 * Words are separated by blanks (space, tab, CR, LF); there is no quoting.
 * A word starting with '/' or '-' is a switch: basevideo, mapbs, cfg=FILE
 * or cfg FILE, help or ?. Other switches are counted as warnings. A word
 * without such a prefix names the config section; the last one wins, as in
 * Xen, and earlier ones are counted. Everything after a `--` word is the
 * hypervisor's extra command line. Pure: no globals, nothing printed.
 */
#ifndef XEN_LOADOPT_H
#define XEN_LOADOPT_H

#include <xen/types.h>

/*
 * UEFI spec 3.1.3: the fixed head of an EFI_LOAD_OPTION. A NUL-terminated
 * UCS-2 Description follows at byte 6 (so 2-byte aligned at best), then
 * FilePathList, then OptionalData up to the end of the load option.
 */
struct loadopt_efi_head {
    uint32_t attributes;            /* 0 */
    uint16_t file_path_list_bytes;  /* 4 */
} __packed;
_Static_assert(sizeof(struct loadopt_efi_head) == 6, "loadopt_efi_head");
_Static_assert(offsetof(struct loadopt_efi_head, file_path_list_bytes) == 4,
               "file_path_list_bytes");

/* UEFI spec 3.1.3: Attributes bits; all others are reserved. */
#define LOADOPT_ATTR_ACTIVE             0x00000001U
#define LOADOPT_ATTR_FORCE_RECONNECT    0x00000002U
#define LOADOPT_ATTR_HIDDEN             0x00000008U
#define LOADOPT_ATTR_CATEGORY           0x00001F00U

/* UEFI spec 10.3.1: the node that ends a whole device path. */
#define LOADOPT_DP_END_TYPE             0x7f
#define LOADOPT_DP_END_ENTIRE           0xff

/* Bytes of each output buffer, terminating NUL included. */
#define LOADOPT_CFG_MAX             256
#define LOADOPT_SECTION_MAX         128
#define LOADOPT_ARGS_MAX            1024
#define LOADOPT_WORD_MAX            32

enum loadopt_status {
    LOADOPT_OK,
    LOADOPT_NULL_BUFFER,        /* NULL pointer with a non-zero size */
    LOADOPT_ODD_SIZE,           /* unterminated text ends in half a unit */
    LOADOPT_NON_ASCII,          /* a UCS-2 unit outside printable ASCII */
    LOADOPT_CFG_MISSING,        /* `-cfg` last or followed by `--` */
    LOADOPT_CFG_EMPTY,          /* `-cfg=` with nothing after it */
    LOADOPT_CFG_TOO_LONG,
    LOADOPT_SECTION_TOO_LONG,
    LOADOPT_ARGS_TOO_LONG,
    LOADOPT_NR_STATUS
};

enum loadopt_form {
    LOADOPT_FORM_EMPTY,         /* no bytes, or an empty string */
    LOADOPT_FORM_SHELL,         /* plain UCS-2, image name first */
    LOADOPT_FORM_LOAD_OPTION,   /* EFI_LOAD_OPTION, OptionalData parsed */
};

/* Every string is NUL-terminated printable ASCII; "" when not given. */
struct loadopt {
    enum loadopt_form form;
    bool mapbs;
    bool basevideo;
    bool help;
    bool has_args;                      /* a `--` word was seen */
    char cfg[LOADOPT_CFG_MAX];
    char section[LOADOPT_SECTION_MAX];
    char args[LOADOPT_ARGS_MAX];        /* blanks in it turned to spaces */
    unsigned int nr_unknown;            /* unknown switches */
    char first_unknown[LOADOPT_WORD_MAX]; /* cut to fit: for messages */
    unsigned int nr_extra_sections;     /* section words overridden */
    size_t text_offset;                 /* where the parsed string starts */
    size_t bad_offset;                  /* byte offset of the failure */
};

/* The text for a status, for the one place that prints it. */
const char *loadopt_strerror(enum loadopt_status st);

/*
 * Parses opts_bytes bytes at opts (either may be 0/NULL) into *out, which
 * the caller owns and which is fully overwritten. The form is detected as
 * described at loadopt_is_load_option(). The text ends at its first NUL
 * unit or at the end of the bytes; a missing NUL is fine. On an error
 * out->bad_offset is the byte offset in opts of the unit or word at fault,
 * out->form says LOADOPT_FORM_LOAD_OPTION if that was detected, and the
 * other fields are unspecified.
 */
enum loadopt_status loadopt_parse(const void *opts, size_t opts_bytes,
                                  struct loadopt *out);

/*
 * True when the bytes are a whole EFI_LOAD_OPTION; *optional_offset is then
 * where its OptionalData starts. The test, which a UCS-2 string of
 * printable characters cannot pass: the Attributes hold no reserved bits
 * (the first character would have to be a control character and the second
 * NUL), the Description's NUL lies inside the bytes, and the FilePathList
 * that follows fits them exactly as a chain of device path nodes of at
 * least 4 bytes each, the last of which ends the entire path.
 */
bool loadopt_is_load_option(const uint8_t *p, size_t bytes,
                            size_t *optional_offset);

#endif /* XEN_LOADOPT_H */
