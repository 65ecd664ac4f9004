/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XXH64 in one call over a whole buffer; see include/xen/xxh64.h. Four
 * accumulators take 32-byte stripes, are merged, and the tail is mixed
 * in 8, 4 and 1 byte steps before the final avalanche.
 */
#include <xen/xxh64.h>

#define P1  0x9e3779b185ebca87ULL
#define P2  0xc2b2ae3d27d4eb4fULL
#define P3  0x165667b19e3779f9ULL
#define P4  0x85ebca77c2b2ae63ULL
#define P5  0x27d4eb2f165667c5ULL

static inline uint64_t rotl(uint64_t x, unsigned int r)
{
    return (x << r) | (x >> (64 - r));
}

static inline uint64_t ld64(const uint8_t *p)
{
    uint64_t v;

    __builtin_memcpy(&v, p, 8);
    return v;                   /* x86 is little-endian */
}

static inline uint32_t ld32(const uint8_t *p)
{
    uint32_t v;

    __builtin_memcpy(&v, p, 4);
    return v;
}

static inline uint64_t round64(uint64_t acc, uint64_t lane)
{
    return rotl(acc + lane * P2, 31) * P1;
}

static inline uint64_t merge(uint64_t acc, uint64_t v)
{
    return (acc ^ round64(0, v)) * P1 + P4;
}

uint64_t xxh64(const void *data, size_t bytes, uint64_t seed)
{
    const uint8_t *p = data, *end = p + bytes;
    uint64_t h;

    if ( bytes >= 32 )
    {
        uint64_t v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed,
                 v4 = seed - P1;

        for ( ; end - p >= 32; p += 32 )
        {
            v1 = round64(v1, ld64(p));
            v2 = round64(v2, ld64(p + 8));
            v3 = round64(v3, ld64(p + 16));
            v4 = round64(v4, ld64(p + 24));
        }
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
        h = merge(h, v1);
        h = merge(h, v2);
        h = merge(h, v3);
        h = merge(h, v4);
    }
    else
        h = seed + P5;
    h += bytes;
    for ( ; end - p >= 8; p += 8 )
        h = rotl(h ^ round64(0, ld64(p)), 27) * P1 + P4;
    if ( end - p >= 4 )
    {
        h = rotl(h ^ (ld32(p) * P1), 23) * P2 + P3;
        p += 4;
    }
    for ( ; p < end; p++ )
        h = rotl(h ^ (*p * P5), 11) * P1;
    h ^= h >> 33;
    h *= P2;
    h ^= h >> 29;
    h *= P3;
    h ^= h >> 32;
    return h;
}
