/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Text helpers of the dom0 runtime-call tools (xen-efivar, xen-time,
 * xen-capsule): EFI status names, GUIDs, times, hex data and UCS-2
 * names. Pure: callers pass buffers; the line formats built from these
 * are in docs/tools.md.
 */
#ifndef TOOLS_RTFMT_H
#define TOOLS_RTFMT_H

#include <public/platform.h>
#include <xen/types.h>

#define RTFMT_GUID_CHARS    37      /* 36 and the NUL */

/* EFI global variables (SecureBoot, BootOrder, ...), in memory order. */
extern const uint8_t rtfmt_global_guid[16];

/* "EFI_NOT_FOUND" for an EFI status, "EFI_?" for one it does not know. */
const char *rtfmt_status_name(uint64_t status);

/* The 16 in-memory GUID bytes as 8-4-4-4-12 lower-case hex into buf
 * (RTFMT_GUID_CHARS bytes); returns buf. */
char *rtfmt_guid(char *buf, const void *guid);

/* "YYYY-MM-DDTHH:MM:SS.NNNNNNNNN" into buf (at least 32 bytes). */
char *rtfmt_time(char *buf, size_t size, const struct xenpf_efi_time *t);

/*
 * Seconds since 1970-01-01 of an EFI time read as UTC (the timezone
 * field ignored); -1 when a field is out of range.
 */
int64_t rtfmt_time_epoch(const struct xenpf_efi_time *t);

/* Parses hex digits (even count, no prefix) into at most max bytes;
 * returns the byte count, or -1. */
long rtfmt_hex_parse(uint8_t *out, size_t max, const char *s);

/* Parses "0x..." or decimal into *v; false when s is not a number. */
bool rtfmt_num_parse(uint64_t *v, const char *s);

/* At most nr bytes as hex into buf (size bytes), "..." appended when
 * cut; returns buf. */
char *rtfmt_hex(char *buf, size_t size, const uint8_t *data, size_t nr);

/* ASCII s as a 0-terminated UCS-2 name into out (max units, 0
 * included); returns the units written, 0 included, or 0 if too long. */
size_t rtfmt_ucs2(uint16_t *out, size_t max, const char *s);

#endif /* TOOLS_RTFMT_H */
