/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ESRT the firmware test shim plants (shimesrt.c), and its poison
 * pattern. Pure: writes only the caller's buffer; built into efishim.efi
 * and, by the host compiler, into the unit tests and fuzzers.
 *
 * Entry values come from SplitMix64 (state += 0x9e3779b97f4a7c15; z =
 * state; z = (z ^ z >> 30) * 0xbf58476d1ce4e5b9; z = (z ^ z >> 27) *
 * 0x94d049bb133111eb; out = z ^ z >> 31) started at state = seed. The
 * first output, h, belongs to the table; then five outputs r0..r4 per
 * entry i, in entry order:
 *
 *   fw_class bytes 0..7 = r0, bytes 8..15 = r1 (little endian), then
 *     bytes 0..3 = (u32)i ^ (u32)h (so classes are unique), byte 7 =
 *     (byte 7 & 0x0f) | 0x40 and byte 8 = (byte 8 & 0x3f) | 0x80 (a
 *     version-4 GUID)
 *   fw_type = r2 % 4, fw_version = r2 >> 32
 *   lowest_supported_fw_version = fw_version - r3 % (fw_version + 1)
 *   capsule_flags = (r3 >> 32) & 0xffff
 *   last_attempt_version = (u32)r4, last_attempt_status = (r4 >> 32) % 9
 *
 * The header is count = N, max = esrt-max (default N), version = 1,
 * unless corrupted: count-over-max sets max = N - 1, absurd-count sets
 * count = max = 0x10000000, version sets version = 2. The entries laid
 * out are always N; dup-class then copies entry 0's FwClass into the last
 * entry, nil-class zeroes entry 0's FwClass.
 *
 * Poison: every 8-byte word at physical address pa holds
 * SHIMESRT_POISON_TAG | pa.
 */
#ifndef SHIMESRT_H
#define SHIMESRT_H

#include <xen/types.h>

#include "shimopt.h"

#define SHIMESRT_HEADER_BYTES   16
#define SHIMESRT_ENTRY_BYTES    40
#define SHIMESRT_ABSURD_COUNT   0x10000000U
/* Where esrt-corrupt=outside-map points: far above any test's RAM. */
#define SHIMESRT_OUTSIDE_PA     0x00007ffffffff000ULL
/* Offset in its first page of a table that straddles (24 bytes there). */
#define SHIMESRT_STRADDLE_OFFSET 0xfe8U
#define SHIMESRT_POISON_TAG     0xbad0000000000000ULL

/* Bytes of a table of nr entries. */
size_t shimesrt_bytes(uint32_t nr);

/* One SplitMix64 step: advances *state, returns the output. */
uint64_t shimesrt_next(uint64_t *state);

/*
 * Writes the table e asks for (shimesrt_bytes(e->count) bytes) at buf,
 * any alignment.
 */
void shimesrt_build(void *buf, const struct shimopt_esrt *e);

/* Offset of the table in its first page for e's placement. */
size_t shimesrt_offset(const struct shimopt_esrt *e);

/* The poison word for the 8 bytes at pa. */
static inline uint64_t shimesrt_poison_word(uint64_t pa)
{
    return SHIMESRT_POISON_TAG | pa;
}

#endif /* SHIMESRT_H */
