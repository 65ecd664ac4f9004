/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Little-endian loads from untrusted bytes at any alignment, for the pure
 * parsers (firmware tables, PE and ELF images, load options). Inline: the
 * pre-switch objects use them too, and these hold no addresses.
 */
#ifndef XEN_LE_H
#define XEN_LE_H

#include <xen/types.h>

static inline uint16_t le16(const void *p)
{
    const uint8_t *b = p;

    return (uint16_t)(b[0] | b[1] << 8);
}

static inline uint32_t le32(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)le16(b) | (uint32_t)le16(b + 2) << 16;
}

static inline uint64_t le64(const void *p)
{
    const uint8_t *b = p;

    return (uint64_t)le32(b) | (uint64_t)le32(b + 4) << 32;
}

#endif /* XEN_LE_H */
