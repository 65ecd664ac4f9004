/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XXH64; see include/xen/xxh64.h. Four accumulators take 32-byte
 * stripes, are merged, and the tail is mixed in 8, 4 and 1 byte steps
 * before the final avalanche. Fed piece by piece, a stripe split between
 * two pieces waits in the state's buffer.
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

/* Whole stripes from p; returns where they end. */
static const uint8_t *stripes(uint64_t *acc, const uint8_t *p, size_t n)
{
    uint64_t a0 = acc[0], a1 = acc[1], a2 = acc[2], a3 = acc[3];

    for ( ; n >= 32; n -= 32, p += 32 )
    {
        a0 = round64(a0, ld64(p));
        a1 = round64(a1, ld64(p + 8));
        a2 = round64(a2, ld64(p + 16));
        a3 = round64(a3, ld64(p + 24));
    }
    acc[0] = a0;
    acc[1] = a1;
    acc[2] = a2;
    acc[3] = a3;
    return p;
}

void xxh64_init(struct xxh64_state *s, uint64_t seed)
{
    s->acc[0] = seed + P1 + P2;
    s->acc[1] = seed + P2;
    s->acc[2] = seed;
    s->acc[3] = seed - P1;
    s->total = 0;
    s->seed = seed;
    s->buf_bytes = 0;
}

void xxh64_update(struct xxh64_state *s, const void *data, size_t bytes)
{
    const uint8_t *p = data, *end = p + bytes;

    s->total += bytes;
    if ( s->buf_bytes )
    {
        size_t take = 32 - s->buf_bytes;

        if ( take > bytes )
            take = bytes;
        __builtin_memcpy(s->buf + s->buf_bytes, p, take);
        s->buf_bytes += take;
        p += take;
        if ( s->buf_bytes < 32 )
            return;
        stripes(s->acc, s->buf, 32);
        s->buf_bytes = 0;
    }
    p = stripes(s->acc, p, end - p);
    __builtin_memcpy(s->buf, p, end - p);
    s->buf_bytes = end - p;
}

uint64_t xxh64_digest(const struct xxh64_state *s)
{
    const uint8_t *p = s->buf, *end = p + s->buf_bytes;
    uint64_t h;

    if ( s->total >= 32 )
    {
        h = rotl(s->acc[0], 1) + rotl(s->acc[1], 7) + rotl(s->acc[2], 12) +
            rotl(s->acc[3], 18);
        h = merge(h, s->acc[0]);
        h = merge(h, s->acc[1]);
        h = merge(h, s->acc[2]);
        h = merge(h, s->acc[3]);
    }
    else
        h = s->seed + P5;
    h += s->total;
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

uint64_t xxh64(const void *data, size_t bytes, uint64_t seed)
{
    struct xxh64_state s;

    xxh64_init(&s, seed);
    xxh64_update(&s, data, bytes);
    return xxh64_digest(&s);
}
