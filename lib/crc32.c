/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * CRC-32 four bits at a time: a 64-byte table keeps the code small and
 * free of start-up state, at a speed (about 2 table steps a byte) that
 * checks an 8 MiB module in a few tens of milliseconds. Decoders that
 * check tens of megabytes use the sliced tables below, built into their
 * work area: eight independent lookups per eight bytes.
 */
#include <xen/crc32.h>
#include <xen/le.h>

#define CRC32_POLY 0xedb88320U

static const uint32_t crc32_nibble[16] = {
    0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac,
    0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
    0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
};

uint32_t crc32_update(uint32_t crc, const void *p, size_t bytes)
{
    const uint8_t *b = p;

    crc = ~crc;
    for ( size_t i = 0; i < bytes; i++ )
    {
        crc ^= b[i];
        crc = (crc >> 4) ^ crc32_nibble[crc & 15];
        crc = (crc >> 4) ^ crc32_nibble[crc & 15];
    }
    return ~crc;
}

/*
 * t[0][b] is the CRC register after byte b alone; t[k][b] is t[0][b]
 * carried on over k more zero bytes, so a byte k places before the end
 * of an eight-byte step is looked up in t[k].
 */
void crc32_table_build(uint32_t t[CRC32_SLICES][256])
{
    for ( unsigned int b = 0; b < 256; b++ )
    {
        uint32_t c = b;

        for ( unsigned int i = 0; i < 8; i++ )
            c = (c >> 1) ^ (CRC32_POLY & (0U - (c & 1)));
        t[0][b] = c;
    }
    for ( unsigned int k = 1; k < CRC32_SLICES; k++ )
        for ( unsigned int b = 0; b < 256; b++ )
            t[k][b] = (t[k - 1][b] >> 8) ^ t[0][t[k - 1][b] & 0xff];
}

uint32_t crc32_table_update(const uint32_t t[CRC32_SLICES][256], uint32_t crc,
                            const void *p, size_t bytes)
{
    const uint8_t *b = p;
    size_t i = 0;

    crc = ~crc;
    for ( ; i + 8 <= bytes; i += 8 )
    {
        uint32_t lo = crc ^ le32(b + i), hi = le32(b + i + 4);

        crc = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^
              t[5][(lo >> 16) & 0xff] ^ t[4][lo >> 24] ^
              t[3][hi & 0xff] ^ t[2][(hi >> 8) & 0xff] ^
              t[1][(hi >> 16) & 0xff] ^ t[0][hi >> 24];
    }
    for ( ; i < bytes; i++ )
        crc = (crc >> 8) ^ t[0][(crc ^ b[i]) & 0xff];
    return ~crc;
}
