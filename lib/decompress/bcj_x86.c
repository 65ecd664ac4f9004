/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 branch/call/jump (BCJ) filter of the .xz format, decoding side:
 * pure, no state beyond one buffer (see include/xen/bcj_x86.h).
 */
#include <xen/bcj_x86.h>
#include <xen/le.h>

#define BCJ_ONES    0x0101010101010101ULL
#define BCJ_HIGHS   0x8080808080808080ULL

/*
 * Whether any of the 8 bytes at p is E8 or E9 (call, jmp): those with
 * their low bit cleared equal E8, found by the has-a-zero-byte test.
 */
static bool bcj_candidate8(const uint8_t *p)
{
    uint64_t x = (le64(p) & ~BCJ_ONES) ^ (0xe8 * BCJ_ONES);

    return ((x - BCJ_ONES) & ~x & BCJ_HIGHS) != 0;
}

/* Top byte of a converted rel32 operand: within +-16 MiB. */
static bool bcj_top_ok(uint8_t b)
{
    return b == 0x00 || b == 0xff;
}

/* See xen/bcj_x86.h. */
void bcj_x86(uint8_t *buf, size_t size, uint32_t start)
{
    static const bool mask_ok[8] = { 1, 1, 1, 0, 1, 0, 0, 0 };
    static const uint8_t mask_byte[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };
    size_t i = 0, prev_end = 0;
    unsigned int mask = 0;

    if ( size < 5 )
        return;
    while ( i <= size - 5 )
    {
        size_t gap;
        uint8_t top;

        /*
         * Most bytes are neither E8 nor E9, and a byte that is not changes
         * no state: skip them eight at a time (a trip through the loop per
         * byte is most of the filter's time under QEMU's TCG).
         */
        if ( (buf[i] & 0xfe) != 0xe8 )
        {
            i++;
            while ( i + 8 <= size - 5 && !bcj_candidate8(buf + i) )
                i += 8;
            continue;
        }
        gap = i + 5 - prev_end;
        prev_end = i + 5;
        if ( gap > 5 )
            mask = 0;
        else
            while ( gap-- )
                mask = (mask & 0x77) << 1;
        top = buf[i + 4];
        if ( bcj_top_ok(top) && (mask >> 1) < 8 && mask_ok[mask >> 1] )
        {
            uint32_t v = le32(buf + i + 1), rel;

            for ( ; ; )
            {
                unsigned int b;

                rel = v - (start + (uint32_t)i + 5);
                if ( !mask )
                    break;
                b = mask_byte[mask >> 1];
                if ( !bcj_top_ok((uint8_t)(rel >> (24 - b * 8))) )
                    break;
                v = rel ^ ((1U << (32 - b * 8)) - 1);
            }
            rel = (rel & 0x00ffffff) | ((rel & 0x01000000) ? 0xff000000 : 0);
            buf[i + 1] = (uint8_t)rel;
            buf[i + 2] = (uint8_t)(rel >> 8);
            buf[i + 3] = (uint8_t)(rel >> 16);
            buf[i + 4] = (uint8_t)(rel >> 24);
            i += 5;
            mask = 0;
        }
        else
        {
            i++;
            mask |= 1;
            if ( bcj_top_ok(top) )
                mask |= 0x10;
        }
    }
}
