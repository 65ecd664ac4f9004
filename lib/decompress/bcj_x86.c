/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 branch/call/jump (BCJ) filter of the .xz format, decoding side:
 * pure, no state beyond one buffer (see include/xen/bcj_x86.h).
 */
#include <xen/bcj_x86.h>
#include <xen/le.h>

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

        if ( (buf[i] & 0xfe) != 0xe8 )
        {
            i++;
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
