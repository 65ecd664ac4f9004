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

#endif /* XEN_CRC32_H */
