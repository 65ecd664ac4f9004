/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * UEFI device paths (UEFI spec 10.3), as far as the boot needs them: the
 * file path an image was loaded from (lib/efi/devpath.c). Pure: a pointer
 * and the bytes readable there; the firmware's path is untrusted input.
 */
#ifndef XEN_DEVPATH_H
#define XEN_DEVPATH_H

#include <xen/types.h>

/* UEFI spec 10.3.1: every node opens with type, subtype, u16 length. */
#define DEVPATH_NODE_HEAD       4
#define DEVPATH_TYPE_MEDIA      4
#define DEVPATH_SUBTYPE_FILE    4
#define DEVPATH_TYPE_END        0x7f
#define DEVPATH_SUBTYPE_END_ALL 0xff
/* No sane path has more nodes than this. */
#define DEVPATH_MAX_NODES       64

enum devpath_status {
    DEVPATH_OK,
    DEVPATH_SHORT,          /* a node or its head passes the readable bytes */
    DEVPATH_BAD_LENGTH,     /* a node shorter than its 4-byte head */
    DEVPATH_NO_END,         /* no end node within DEVPATH_MAX_NODES */
    DEVPATH_NO_FILE,        /* no file-path node, or only empty ones */
    DEVPATH_ODD_NAME,       /* a file-path name of an odd byte count */
    DEVPATH_NON_ASCII,      /* a name character outside printable ASCII */
    DEVPATH_TOO_LONG,       /* the joined path does not fit out */
};

const char *devpath_strerror(enum devpath_status st);

/*
 * Joins the names of the file-path media nodes of the device path at dp
 * (dp_bytes readable) into out (out_bytes, NUL-terminated on success):
 * firmware may split a path over several nodes, which are joined with one
 * '\' between them. Each name ends at its NUL or at its node's end. Other
 * nodes (the device part) are skipped. The walk stops at the first end
 * node (end of instance or of the whole path).
 */
enum devpath_status devpath_file_path(const void *dp, size_t dp_bytes,
                                      char *out, size_t out_bytes);

struct efimap_entry;

/*
 * How many bytes may be read at pa, where firmware handed us a device
 * path (it gives no length): up to the end of the entry of the normalized
 * EFI map (map, nr entries, from efimap_normalize()) that holds pa, and at
 * most cap. 0 when no entry holds pa. Pass the result to
 * devpath_file_path(), so a path without an end node is refused
 * (DEVPATH_SHORT) instead of read past the firmware's allocation.
 */
size_t devpath_readable_bytes(const struct efimap_entry *map,
                              unsigned int nr, uint64_t pa, size_t cap);

#endif /* XEN_DEVPATH_H */
