/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for efimap_hv_build() (lib/efi/efimap_hv.c), the answer to
 * XEN_FW_EFI_MEMORY_MAP. Input: h[0] bits 0-1 pick the descriptor size
 * (40, 48, 56, 64; bit 2 set: h[1] is the raw size instead), bit 3 packs
 * the map into a 64 MiB window so that owned ranges hit it often; h[2]
 * the number of owned ranges (low 4 bits); then the owned ranges, two u32
 * each (byte addresses, times 16 when packed, else times 4096 plus the
 * low bits as they come); the rest is the map, raw descriptors, or, when
 * packed, 8-byte compact ones (type byte, spare byte, u16 start page,
 * u16 pages, u16 attribute bits).
 *
 * Invariants: a size the function refuses is one the rules refuse; the
 * byte count it reports does not depend on the room given, a short room
 * says NO_ROOM and an exact one gives the same bytes; each input record
 * reappears verbatim when it is not a RAM type or is odd (no pages,
 * unaligned, wrapping), else as consecutive pieces covering exactly its
 * pages in order, each keeping all other bytes, of type 0 exactly where a
 * page is owned (by this file's own rounding), the original type
 * elsewhere, and no two neighbouring pieces of one kind.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/efimap_hv.h>

#define MAX_OWNED   16
#define MAX_RECS    64
#define PG          4096ULL

static uint64_t g64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

static uint32_t g32(const uint8_t *p)
{
    uint32_t v;

    memcpy(&v, p, 4);
    return v;
}

static bool ram_type(uint32_t t)
{
    return t == 1 || t == 2 || t == 3 || t == 4 || t == 7;
}

static struct efimap_hv_range owned[MAX_OWNED];
static unsigned int nr_owned;

/* Is the page at p owned? Ranges rounded out to pages, capped below 2^64. */
static bool owned_page(uint64_t p)
{
    for ( unsigned int i = 0; i < nr_owned; i++ )
    {
        uint64_t s = owned[i].start - owned[i].start % PG, e;

        if ( owned[i].end <= owned[i].start )
            continue;
        if ( owned[i].end > UINT64_MAX - (PG - 1) )
            e = UINT64_MAX - (PG - 1);
        else
            e = owned[i].end + (PG - 1) - (owned[i].end + (PG - 1)) % PG;
        if ( p >= s && p < e )
            return true;
    }
    return false;
}

/* Bytes of a and b equal outside type (0-3), phys (8-15), virt, pages. */
static bool same_rest(const uint8_t *a, const uint8_t *b, size_t n)
{
    return !memcmp(a + 4, b + 4, 4) && !memcmp(a + 32, b + 32, n - 32);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t desc, map_bytes = 0, used, used2, o;
    uint8_t *map, *out, *out2;
    bool packed;
    enum efimap_hv_status st;

    if ( size < 3 )
        return 0;
    packed = data[0] & 8;
    desc = data[0] & 4 ? data[1] : 40 + 8 * (data[0] & 3);
    nr_owned = data[2] & 15;
    data += 3;
    size -= 3;
    if ( size < nr_owned * 8 )
        return 0;
    for ( unsigned int i = 0; i < nr_owned; i++ )
    {
        uint64_t a = g32(data + 8 * i), b = g32(data + 8 * i + 4);

        owned[i].start = packed ? a * 16 : a * PG + (a & 0xfff);
        owned[i].end = packed ? b * 16 : b * PG + (b & 0xfff);
    }
    data += nr_owned * 8;
    size -= nr_owned * 8;

    map = calloc(1, MAX_RECS * 256 + 1);
    if ( !map )
        abort();
    if ( packed && desc >= 40 )
    {
        for ( ; size >= 8 && map_bytes + desc <= MAX_RECS * desc;
              data += 8, size -= 8, map_bytes += desc )
        {
            uint8_t *r = map + map_bytes;
            uint64_t v;

            r[0] = data[0] & 15;
            v = (uint64_t)(data[2] | data[3] << 8) * PG;
            memcpy(r + 8, &v, 8);
            v = data[4] | data[5] << 8;
            memcpy(r + 24, &v, 8);
            v = data[6] | data[7] << 8 | (uint64_t)data[1] << 56;
            memcpy(r + 32, &v, 8);
            memset(r + 40, data[1], desc - 40);
        }
    }
    else
    {
        map_bytes = MIN(size, (size_t)MAX_RECS * 256);
        memcpy(map, data, map_bytes);
    }

    out = malloc(MAX_RECS * 256 * (2 * MAX_OWNED + 1) + 1);
    out2 = malloc(MAX_RECS * 256 * (2 * MAX_OWNED + 1) + 1);
    if ( !out || !out2 )
        abort();
    st = efimap_hv_build(map, map_bytes, desc, owned, nr_owned, out,
                         MAX_RECS * 256 * (2 * MAX_OWNED + 1), &used);
    if ( desc < 40 || desc % 8 )
    {
        if ( st != EFIMAP_HV_ERR_DESC_SIZE )
            abort();
        goto done;
    }
    if ( map_bytes % desc )
    {
        if ( st != EFIMAP_HV_ERR_TRUNCATED )
            abort();
        goto done;
    }
    if ( st != EFIMAP_HV_OK || used % desc )
        abort();

    o = 0;
    for ( size_t off = 0; off < map_bytes; off += desc )
    {
        const uint8_t *r = map + off;
        uint32_t type = g32(r);
        uint64_t start = g64(r + 8), pages = g64(r + 24), end, cur;
        int prev = -1;

        if ( !ram_type(type) || !pages || start % PG ||
             pages > UINT64_MAX / PG || UINT64_MAX - start < pages * PG - 1 ||
             start + pages * PG == 0 )
        {
            if ( o + desc > used || memcmp(out + o, r, desc) )
                abort();
            o += desc;
            continue;
        }
        end = start + pages * PG;
        for ( cur = start; cur < end; o += desc )
        {
            const uint8_t *p = out + o;
            uint64_t ps = g64(p + 8), pn = g64(p + 24), pe, x;
            uint64_t v = g64(r + 16), pv = g64(p + 16);
            int kind;

            if ( o + desc > used || ps != cur || !pn || pn > (end - cur) / PG ||
                 !same_rest(p, r, desc) )
                abort();
            pe = ps + pn * PG;
            if ( pv != (v ? v + (ps - start) : 0) )
                abort();
            kind = owned_page(ps);
            if ( g32(p) != (kind ? 0 : type) || kind == prev )
                abort();
            /* Ownership is constant inside the piece. */
            for ( unsigned int i = 0; i < nr_owned; i++ )
            {
                uint64_t b[2] = { owned[i].start, owned[i].end };

                for ( int j = 0; j < 2; j++ )
                {
                    x = b[j] - b[j] % PG;
                    if ( x > ps && x < pe && owned_page(x) != kind )
                        abort();
                    if ( x + PG > ps && x + PG < pe &&
                         owned_page(x + PG) != kind )
                        abort();
                }
            }
            if ( owned_page(pe - PG) != kind )
                abort();
            prev = kind;
            cur = pe;
        }
    }
    if ( o != used )
        abort();

    /* The count does not depend on the room; exact room, same bytes. */
    if ( used )
    {
        if ( efimap_hv_build(map, map_bytes, desc, owned, nr_owned, out2,
                             used - 1, &used2) != EFIMAP_HV_ERR_NO_ROOM ||
             used2 != used )
            abort();
    }
    if ( efimap_hv_build(map, map_bytes, desc, owned, nr_owned, out2, used,
                         &used2) != EFIMAP_HV_OK || used2 != used ||
         memcmp(out, out2, used) )
        abort();
done:
    free(map);
    free(out);
    free(out2);
    return 0;
}
