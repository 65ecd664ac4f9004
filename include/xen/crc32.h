/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xedb88320), the checksum
 * zlib.crc32() and cksum-style tools compute: the hypervisor prints it for
 * modules and retained tables so tests can compare against the files.
 */
#ifndef XEN_CRC32_H
#define XEN_CRC32_H

#include <xen/types.h>

/*
 * Continues a CRC-32 over bytes at p; start with crc 0. Pure: reads only
 * the bytes given.
 */
uint32_t crc32_update(uint32_t crc, const void *p, size_t bytes);

/*
 * The same eight bytes a step with CRC32_SLICES tables of 256 entries
 * (8 KiB), for checking whole decoded images: crc32_table_build() fills
 * them, crc32_table_update() reads them and gives what crc32_update()
 * gives.
 */
#define CRC32_SLICES 8
void crc32_table_build(uint32_t t[CRC32_SLICES][256]);
uint32_t crc32_table_update(const uint32_t t[CRC32_SLICES][256], uint32_t crc,
                            const void *p, size_t bytes);

#endif /* XEN_CRC32_H */
