/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzes the firmware test shim's memory-map rewrite (shimmap_retype())
 * and its readers (shimmap_covered(), shimmap_count_type()). Input:
 *
 *   byte 0      bits 0-1 descriptor stride 40 + 8 * n; bits 2-4 spare
 *               descriptors of buffer; bit 7 asks for a map size that is
 *               not whole descriptors
 *   byte 1      ranges in the set, % 9
 *   2 bytes     per range: gap before it and length, in pages (a valid
 *               set: sorted, not touching)
 *   6 bytes     per descriptor, to the end: type selector (odd: the
 *               shim's type, else the byte & 15), start page (u16),
 *               pages (u16, 0 allowed), flags (bit 0 unaligned start,
 *               bit 1 a span reaching past 2^64)
 *
 * Invariants: the rewrite equals a piece-by-piece reference (valid
 * descriptors of the shim's type cut at every range edge inside them,
 * pieces in a range retyped, every other descriptor and every byte past
 * the UEFI fields copied, order kept); NO_ROOM and size errors leave the
 * buffer as it was, and NO_ROOM reports the size a big enough buffer then
 * gets; the readers agree with a page-by-page count.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/efimap.h>

#include "../efi-shim/shimopt.c"
#include "../efi-shim/shimmap.c"

#define FROM    0x7fe15000U
#define TO      EFIMAP_TYPE_UNACCEPTED
#define MAX_DESCS   64

static bool valid(const struct efimap_fw_desc *d)
{
    return d->nr_pages && !(d->phys_start & 4095) &&
           d->nr_pages <= (UINT64_MAX - d->phys_start) >> 12;
}

/* Whether pa lies in a range of the set (the fuzzer's own check). */
static bool ref_inside(const struct shimopt_set *set, uint64_t pa)
{
    for ( unsigned int k = 0; k < set->nr; k++ )
        if ( pa >= set->r[k].start_pa && pa - set->r[k].start_pa <
             set->r[k].end_pa - set->r[k].start_pa )
            return true;
    return false;
}

/* The expected rewrite of in (nr descriptors) into ref; its count. */
static size_t reference(const uint8_t *in, size_t nr, size_t stride,
                        const struct shimopt_set *set, uint8_t *ref)
{
    size_t o = 0;

    for ( size_t i = 0; i < nr; i++ )
    {
        const uint8_t *src = in + i * stride;
        struct efimap_fw_desc d;
        uint64_t a, b, x;

        memcpy(&d, src, sizeof(d));
        if ( !valid(&d) || d.type != FROM )
        {
            memcpy(ref + o++ * stride, src, stride);
            continue;
        }
        a = d.phys_start;
        b = a + (d.nr_pages << 12);
        for ( x = a; x < b; )
        {
            /* The next range edge above x, or b. */
            uint64_t y = b;
            struct efimap_fw_desc p = d;
            uint8_t *dst = ref + o++ * stride;

            for ( unsigned int k = 0; k < set->nr; k++ )
            {
                if ( set->r[k].start_pa > x && set->r[k].start_pa < y )
                    y = set->r[k].start_pa;
                if ( set->r[k].end_pa > x && set->r[k].end_pa < y )
                    y = set->r[k].end_pa;
            }
            p.type = ref_inside(set, x) ? TO : FROM;
            p.phys_start = x;
            p.virt_start = d.virt_start ? d.virt_start + (x - a) : 0;
            p.nr_pages = (y - x) >> 12;
            memcpy(dst, src, stride);
            memcpy(dst, &p, sizeof(p));
            x = y;
        }
    }
    return o;
}

/* Whether the page at pa lies in a valid descriptor of type. */
static bool page_has(const uint8_t *map, size_t nr, size_t stride,
                     uint32_t type, uint64_t pa)
{
    for ( size_t i = 0; i < nr; i++ )
    {
        struct efimap_fw_desc d;

        memcpy(&d, map + i * stride, sizeof(d));
        if ( valid(&d) && d.type == type && d.phys_start <= pa &&
             pa - d.phys_start < d.nr_pages << 12 )
            return true;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Each descriptor may become at most 2 * 8 + 1 pieces. */
    static uint8_t map[MAX_DESCS * 17 * 64], before[sizeof(map)],
                   ref[sizeof(map)];
    struct shimopt_set set = { 0 };
    size_t stride, nr = 0, nr_ref, map_bytes, buf_bytes, out = 0, pos = 2;
    uint64_t pa = 0, bad, pages = 0;
    enum shimmap_status st;

    if ( size < 2 )
        return 0;
    stride = 40 + 8 * (data[0] & 3);
    for ( unsigned int n = data[1] % 9; n && pos + 2 <= size; n-- )
    {
        pa += ((uint64_t)data[pos] + 1) << 12;
        set.r[set.nr].start_pa = pa;
        pa += ((uint64_t)data[pos + 1] + 1) << 12;
        set.r[set.nr++].end_pa = pa;
        pos += 2;
    }
    memset(map, 0xee, sizeof(map));
    for ( ; pos + 6 <= size && nr < MAX_DESCS; pos += 6, nr++ )
    {
        struct efimap_fw_desc d = { 0 };

        d.type = data[pos] & 1 ? FROM : data[pos] & 15;
        d.phys_start = (uint64_t)(data[pos + 1] | data[pos + 2] << 8) << 12;
        d.nr_pages = data[pos + 3] | data[pos + 4] << 8;
        d.virt_start = data[pos + 5] & 4 ? d.phys_start + (1ULL << 40) : 0;
        d.attr = 0xf;
        if ( data[pos + 5] & 1 )
            d.phys_start |= 0x800;
        if ( data[pos + 5] & 2 )
            d.phys_start |= 0xfffffffff0000000ULL;
        memcpy(map + nr * stride, &d, sizeof(d));
        map[nr * stride + stride - 1] = (uint8_t)nr;   /* vendor bytes */
    }
    map_bytes = nr * stride;
    buf_bytes = map_bytes + ((data[0] >> 2) & 7) * stride;
    if ( (data[0] & 0x80) && map_bytes )
        map_bytes--;
    memcpy(before, map, sizeof(map));

    /* The readers, on the map as given. */
    if ( !(data[0] & 0x80) )
    {
        for ( size_t i = 0; i < nr; i++ )
        {
            struct efimap_fw_desc d;

            memcpy(&d, map + i * stride, sizeof(d));
            pages += valid(&d) && d.type == FROM ? d.nr_pages : 0;
        }
        if ( shimmap_count_type(map, map_bytes, stride, FROM) != pages )
            abort();
        for ( unsigned int k = 0; k < set.nr; k++ )
        {
            uint64_t s = set.r[k].start_pa, e = set.r[k].end_pa, first = e;

            for ( uint64_t p = s; p < e && first == e; p += 4096 )
                if ( !page_has(map, nr, stride, FROM, p) )
                    first = p;
            st = shimmap_covered(map, map_bytes, stride, FROM, s, e, &bad);
            if ( st != (first == e ? SHIMMAP_OK : SHIMMAP_ERR_NOT_COVERED) ||
                 (st != SHIMMAP_OK && bad != first) )
                abort();
        }
    }

    st = shimmap_retype(map, map_bytes, buf_bytes, stride, FROM, TO, &set,
                        &out);
    if ( data[0] & 0x80 && nr )
    {
        if ( st != SHIMMAP_ERR_MAP_SIZE || memcmp(map, before, sizeof(map)) )
            abort();
        return 0;
    }
    nr_ref = reference(before, nr, stride, &set, ref);
    if ( st == SHIMMAP_ERR_NO_ROOM )
    {
        if ( out != nr_ref * stride || out <= buf_bytes ||
             memcmp(map, before, sizeof(map)) )
            abort();
        return 0;
    }
    if ( st != SHIMMAP_OK || out != nr_ref * stride || out > buf_bytes ||
         memcmp(map, ref, out) )
        abort();
    /* Nothing past the rewritten map changed. */
    if ( memcmp(map + buf_bytes, before + buf_bytes,
                sizeof(map) - buf_bytes) )
        abort();
    return 0;
}
