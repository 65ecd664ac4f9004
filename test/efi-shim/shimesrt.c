/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ESRT the firmware test shim plants: header and entries derived from
 * the load options' seed, byte for byte as shimesrt.h documents, so a test
 * can compute the same table. See shimesrt.h.
 */
#include "shimesrt.h"

static void put32(uint8_t *p, uint32_t v)
{
    for ( unsigned int k = 0; k < 4; k++ )
        p[k] = (uint8_t)(v >> (8 * k));
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

size_t shimesrt_bytes(uint32_t nr)
{
    return SHIMESRT_HEADER_BYTES + (size_t)nr * SHIMESRT_ENTRY_BYTES;
}

uint64_t shimesrt_next(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

size_t shimesrt_offset(const struct shimopt_esrt *e)
{
    return e->place == SHIMOPT_ESRT_PAGE ? 0 : SHIMESRT_STRADDLE_OFFSET;
}

/* Entry i at p, from the next five outputs of *state. */
static void build_entry(uint8_t *p, uint32_t i, uint32_t h, uint64_t *state)
{
    uint64_t r0 = shimesrt_next(state), r1 = shimesrt_next(state);
    uint64_t r2 = shimesrt_next(state), r3 = shimesrt_next(state);
    uint64_t r4 = shimesrt_next(state);
    uint32_t fw_version = (uint32_t)(r2 >> 32);

    put64(p, r0);
    put64(p + 8, r1);
    put32(p, i ^ h);
    p[7] = (p[7] & 0x0f) | 0x40;
    p[8] = (p[8] & 0x3f) | 0x80;
    put32(p + 16, (uint32_t)(r2 % 4));
    put32(p + 20, fw_version);
    put32(p + 24, fw_version - (uint32_t)(r3 % ((uint64_t)fw_version + 1)));
    put32(p + 28, (uint32_t)(r3 >> 32) & 0xffff);
    put32(p + 32, (uint32_t)r4);
    put32(p + 36, (uint32_t)((r4 >> 32) % 9));
}

void shimesrt_build(void *buf, const struct shimopt_esrt *e)
{
    uint8_t *p = buf;
    uint64_t state = e->seed;
    uint32_t h = (uint32_t)shimesrt_next(&state);
    uint32_t count = e->count, max = e->max;
    uint64_t version = 1;

    switch ( e->corrupt )
    {
    case SHIMOPT_ESRT_COUNT_OVER_MAX:
        max = count - 1;
        break;
    case SHIMOPT_ESRT_ABSURD_COUNT:
        count = max = SHIMESRT_ABSURD_COUNT;
        break;
    case SHIMOPT_ESRT_VERSION:
        version = 2;
        break;
    default:
        break;
    }
    put32(p, count);
    put32(p + 4, max);
    put64(p + 8, version);
    for ( uint32_t i = 0; i < e->count; i++ )
        build_entry(p + shimesrt_bytes(i), i, h, &state);
    /* Class corruptions touch only FwClass, after every entry is built. */
    if ( e->corrupt == SHIMOPT_ESRT_DUP_CLASS && e->count >= 2 )
        for ( unsigned int k = 0; k < 16; k++ )
            p[shimesrt_bytes(e->count - 1) + k] = p[shimesrt_bytes(0) + k];
    if ( e->corrupt == SHIMOPT_ESRT_NIL_CLASS && e->count )
        for ( unsigned int k = 0; k < 16; k++ )
            p[shimesrt_bytes(0) + k] = 0;
}
