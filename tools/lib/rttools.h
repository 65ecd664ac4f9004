/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The runtime-call tools xen-efivar and xen-time (docs/tools.md), written
 * once against a back end that issues XENPF_efi_runtime_call and prints
 * lines; the dom0 kernel's back end is tools/dom0/rtcall.c, the unit
 * tests add a fake firmware. No globals, no hardware access.
 */
#ifndef TOOLS_RTTOOLS_H
#define TOOLS_RTTOOLS_H

#include <public/platform.h>
#include <xen/types.h>

#define RTTOOLS_ATTR_DEFAULT    7   /* non-volatile, boot and runtime */

struct rttools_backend {
    void *ctx;
    /* platform_op(XENPF_efi_runtime_call) on *op, written back when the
     * result is 0; returns 0 or a negated Xen errno. Handles in *op point
     * into name and data below. */
    long (*rt_call)(void *ctx, struct xenpf_efi_runtime_call *op);
    /* Prints one line (no newline in it). */
    void (*line)(void *ctx, const char *line);
    /* Buffers the hypervisor may read and write. */
    uint16_t *name;
    size_t name_units;
    uint8_t *data;
    size_t data_bytes;
};

/*
 * xen-efivar list | read NAME [GUID] | write NAME GUID HEX [ATTR] |
 * delete NAME [GUID] | info [ATTR], and xen-time [set | wakeup-off]:
 * argv holds the words after the tool's name. Return 0, or 1 when the
 * arguments were not understood (a usage line is printed).
 */
int rttools_efivar(const struct rttools_backend *b, unsigned int argc,
                   char **argv);
int rttools_time(const struct rttools_backend *b, unsigned int argc,
                 char **argv);

/* GUID text (8-4-4-4-12) or "global" (also for NULL) into *g; false when
 * s is neither. */
bool rttools_parse_guid(struct xenpf_efi_guid *g, const char *s);

/* GetVariable of ASCII name into b->data, and SetVariable of size bytes
 * at data (b->data, or any address for a hostile case); *rt holds the
 * answer. Return the hypercall's result (-EINVAL: name too long for
 * b->name). */
long rttools_var_get(const struct rttools_backend *b, const char *name,
                     const struct xenpf_efi_guid *g,
                     struct xenpf_efi_runtime_call *rt);
long rttools_var_set(const struct rttools_backend *b, const char *name,
                     const struct xenpf_efi_guid *g, uint32_t attr,
                     const void *data, uint64_t size,
                     struct xenpf_efi_runtime_call *rt);

/* Walks GetNextVariableName, printing each variable when print; returns
 * the count, or -1 when the walk did not end with EFI_NOT_FOUND. */
long rttools_var_list(const struct rttools_backend *b, bool print);

/* "status=0x... (EFI_NAME)" into buf; returns buf. */
const char *rttools_status(char *buf, size_t size, uint64_t status);

/* A zeroed runtime call of function fn with misc. */
void rttools_init(struct xenpf_efi_runtime_call *rt, uint32_t fn,
                  uint32_t misc);

#endif /* TOOLS_RTTOOLS_H */
