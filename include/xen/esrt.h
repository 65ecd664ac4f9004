/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One documented line format for the ESRT (lib/efi/esrt.c), shared by the
 * hypervisor's dump, the firmware test shim's "planted" lines and the dom0
 * tool xen-esrt, so that tests compare what each of them saw byte for
 * byte. Pure.
 *
 *   esrt header: count=C max=M version=V
 *   esrt entry I: class=GUID fw_type=T fw_version=0x... \
 *       lowest_supported_fw_version=0x... capsule_flags=0x... \
 *       last_attempt_version=0x... last_attempt_status=S
 *
 * (one line; GUID in the canonical 8-4-4-4-12 lower-case form, T and S
 * decimal, the others hex with 0x and no padding, 0 as 0x0). The caller
 * adds its own prefix ("(XEN) ", "SHIM: ", "(d0) ").
 */
#ifndef XEN_ESRT_H
#define XEN_ESRT_H

#include <xen/types.h>

/* Longest line the functions below write, with its NUL. */
#define ESRT_LINE_MAX   256

/*
 * Writes the header line for the 16 header bytes at hdr into buf (at least
 * ESRT_LINE_MAX bytes). Returns buf.
 */
char *esrt_header_line(char *buf, const void *hdr);

/*
 * Writes the line of entry index for the 40 entry bytes at entry (any
 * alignment) into buf (at least ESRT_LINE_MAX bytes). Returns buf.
 */
char *esrt_entry_line(char *buf, unsigned int index, const void *entry);

/* Writes a 16-byte EFI GUID at guid as 8-4-4-4-12 into buf (37 bytes). */
char *esrt_guid_string(char *buf, const void *guid);

#endif /* XEN_ESRT_H */
