/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dom0 firmware tools themselves (xen-info, xen-esrt, xen-e820,
 * xen-efimap): what each asks the hypervisor, what it checks and what it
 * prints, written once against a small back end that issues the
 * hypercalls, reads machine memory and prints lines. Two back ends exist:
 * the freestanding dom0 kernel (tools/dom0/tools.c) and Linux userspace on
 * libxencall (tools/linux/main.c); the unit tests add a third that replays
 * recorded answers. No globals, no hardware access: everything goes
 * through the back end. Line formats: docs/tools.md.
 */
#ifndef TOOLS_FWTOOLS_H
#define TOOLS_FWTOOLS_H

#include <public/memory.h>
#include <public/platform.h>
#include <xen/types.h>

/* Longest line handed to fwtools_backend.line, NUL included. */
#define FWTOOLS_LINE_MAX        320

/* Exit codes of the tools (docs/tools.md). */
#define FWTOOLS_EXIT_OK         0   /* answer printed, nothing wrong */
#define FWTOOLS_EXIT_INVALID    1   /* the data is damaged (ESRT invalid
                                     * or copied short) */
#define FWTOOLS_EXIT_NONE       2   /* nothing to show (no ESRT, no EFI,
                                     * sub-op absent) */
#define FWTOOLS_EXIT_ERROR      3   /* a hypercall or memory read failed */
#define FWTOOLS_EXIT_USAGE      64  /* bad command line (Linux only) */

struct fwtools_backend {
    void *ctx;
    /* platform_op(XENPF_firmware_info, XEN_FW_EFI_INFO, index) with *info
     * as the in/out union; handles in it point into buf_alloc buffers.
     * Returns 0 or a negative errno. */
    long (*efi_info)(void *ctx, unsigned int index,
                     union xenpf_efi_info *info);
    /* memory_op(XENMEM_machine_memory_map) with *map in/out. */
    long (*machine_memory_map)(void *ctx, struct xen_memory_map *map);
    /* A zeroed buffer the hypervisor may write (NULL if none), and its
     * release. */
    void *(*buf_alloc)(void *ctx, size_t size);
    void (*buf_free)(void *ctx, void *buf, size_t size);
    /* A read-only view of size bytes of machine memory at pa, valid until
     * unmap; NULL with *rc (negative errno) on failure. At most one view
     * is open at a time; size is at most 8 KiB. */
    const void *(*map)(void *ctx, uint64_t pa, size_t size, long *rc);
    void (*unmap)(void *ctx, const void *view, size_t size);
    /* Prints one line (no newline in it). */
    void (*line)(void *ctx, const char *line);
    /* Optional (NULL: skipped): the ESRT the running kernel exposes
     * (Linux's /sys/firmware/efi/esrt) rebuilt as raw table bytes, at most
     * size. Returns the byte count, -ENOENT (as -XEN_ENOENT) when the
     * kernel has none, or another negative errno. */
    long (*kernel_esrt)(void *ctx, void *buf, size_t size);
    /* Optional (NULL: "error rc=RC (ENAME)" only): a sentence on why a map
     * failed, e.g. the kernel option that forbids it, or NULL. */
    const char *(*map_hint)(void *ctx, long rc);
};

/*
 * The tools. Each prints its lines through b->line, every line starting
 * "TOOL: ", and returns one of the FWTOOLS_EXIT_* codes.
 */
int fwtools_info(const struct fwtools_backend *b);
int fwtools_esrt(const struct fwtools_backend *b);
int fwtools_e820(const struct fwtools_backend *b);
int fwtools_efimap(const struct fwtools_backend *b);

/*
 * Finds the configuration table with the 16-byte guid through
 * XEN_FW_EFI_CONFIG_TABLE and the array in memory. Returns 0 and its
 * address in *pa, -XEN_ENOENT when no entry has the GUID, or the error
 * of the hypercall or of the read.
 */
long fwtools_find_config_table(const struct fwtools_backend *b,
                               const void *guid, uint64_t *pa);

#endif /* TOOLS_FWTOOLS_H */
