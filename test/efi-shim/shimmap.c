/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EFI memory map as the firmware test shim reports it: the firmware's
 * GetMemoryMap() output with the shim's private allocations cut at the
 * unaccepted ranges and retyped, in place. See shimmap.h.
 */
#include <xen/efimap.h>
#include <xen/string.h>

#include "shimmap.h"

const char *shimmap_strerror(enum shimmap_status st)
{
    switch ( st )
    {
    case SHIMMAP_OK:
        return "ok";
    case SHIMMAP_ERR_DESC_SIZE:
        return "descriptor size below 40 or not a multiple of 8";
    case SHIMMAP_ERR_MAP_SIZE:
        return "map is not whole descriptors inside its buffer";
    case SHIMMAP_ERR_NO_ROOM:
        return "rewritten map does not fit the buffer";
    case SHIMMAP_ERR_NOT_COVERED:
        return "range is not all of the wanted memory type";
    }
    return "unknown status";
}

static enum shimmap_status check_sizes(size_t map_bytes, size_t buf_bytes,
                                       size_t desc_bytes)
{
    if ( desc_bytes < sizeof(struct efimap_fw_desc) || desc_bytes % 8 )
        return SHIMMAP_ERR_DESC_SIZE;
    if ( map_bytes % desc_bytes || map_bytes > buf_bytes )
        return SHIMMAP_ERR_MAP_SIZE;
    return SHIMMAP_OK;
}

/*
 * Reads descriptor i; false when it has no pages, an unaligned start or
 * an end past 2^64 (then *end_pa is not set).
 */
static bool read_desc(const uint8_t *map, size_t desc_bytes, size_t i,
                      struct efimap_fw_desc *d, uint64_t *end_pa)
{
    memcpy(d, map + i * desc_bytes, sizeof(*d));
    if ( !d->nr_pages || !IS_ALIGNED(d->phys_start, EFIMAP_PAGE_BYTES) ||
         d->nr_pages > (UINT64_MAX - d->phys_start) >> EFIMAP_PAGE_SHIFT )
        return false;
    *end_pa = d->phys_start + (d->nr_pages << EFIMAP_PAGE_SHIFT);
    return true;
}

size_t shimmap_slack_bytes(const struct shimopt_set *set, size_t desc_bytes)
{
    return 2 * (size_t)set->nr * desc_bytes;
}

enum shimmap_status shimmap_covered(const void *map, size_t map_bytes,
                                    size_t desc_bytes, uint32_t type,
                                    uint64_t start_pa, uint64_t end_pa,
                                    uint64_t *bad_pa)
{
    enum shimmap_status st = check_sizes(map_bytes, map_bytes, desc_bytes);
    size_t nr = st == SHIMMAP_OK ? map_bytes / desc_bytes : 0;
    uint64_t cur = start_pa;

    if ( st != SHIMMAP_OK )
        return st;
    while ( cur < end_pa )
    {
        uint64_t next = cur;

        for ( size_t i = 0; i < nr && next == cur; i++ )
        {
            struct efimap_fw_desc d;
            uint64_t e;

            if ( read_desc(map, desc_bytes, i, &d, &e) && d.type == type &&
                 d.phys_start <= cur && cur < e )
                next = e;
        }
        if ( next == cur )
        {
            *bad_pa = cur;
            return SHIMMAP_ERR_NOT_COVERED;
        }
        cur = next;
    }
    return SHIMMAP_OK;
}

uint64_t shimmap_count_type(const void *map, size_t map_bytes,
                            size_t desc_bytes, uint32_t type)
{
    struct efimap_fw_desc d;
    uint64_t pages = 0, e;

    if ( check_sizes(map_bytes, map_bytes, desc_bytes) != SHIMMAP_OK )
        return 0;
    for ( size_t i = 0; i < map_bytes / desc_bytes; i++ )
        if ( read_desc(map, desc_bytes, i, &d, &e) && d.type == type )
            pages += d.nr_pages;
    return pages;
}

static bool in_set(const struct shimopt_set *set, uint64_t pa)
{
    for ( unsigned int k = 0; k < set->nr; k++ )
        if ( set->r[k].start_pa <= pa && pa < set->r[k].end_pa )
            return true;
    return false;
}

/* Pieces descriptor [a, b) is cut into: one plus each boundary inside. */
static size_t nr_pieces(const struct shimopt_set *set, uint64_t a, uint64_t b)
{
    size_t n = 1;

    for ( unsigned int k = 0; k < set->nr; k++ )
        n += (a < set->r[k].start_pa && set->r[k].start_pa < b) +
             (a < set->r[k].end_pa && set->r[k].end_pa < b);
    return n;
}

/* Writes piece [x, y) of descriptor d (copied from src) at dst. */
static void put_piece(uint8_t *dst, const uint8_t *src, size_t desc_bytes,
                      const struct efimap_fw_desc *d, uint64_t x, uint64_t y,
                      uint32_t type)
{
    struct efimap_fw_desc p = *d;

    memmove(dst, src, desc_bytes);
    p.type = type;
    p.phys_start = x;
    p.virt_start = d->virt_start ? d->virt_start + (x - d->phys_start) : 0;
    p.nr_pages = (y - x) >> EFIMAP_PAGE_SHIFT;
    memcpy(dst, &p, sizeof(p));
}

/*
 * Cuts descriptor src (d, [a, b)) into its pieces, the last of them at
 * index *o - 1 of map, the first at the returned *o. Pieces are written
 * from the top down so src is read before the lowest piece lands on it.
 */
static void split_desc(uint8_t *map, size_t desc_bytes, size_t *o,
                       const uint8_t *src, const struct efimap_fw_desc *d,
                       uint64_t b, uint32_t to_type,
                       const struct shimopt_set *set)
{
    uint64_t a = d->phys_start, hi = b;

    for ( unsigned int k = set->nr; k-- > 0; )
    {
        uint64_t cut[2] = { set->r[k].end_pa, set->r[k].start_pa };

        for ( unsigned int c = 0; c < 2; c++ )
            if ( a < cut[c] && cut[c] < hi )
            {
                --*o;
                put_piece(map + *o * desc_bytes, src, desc_bytes, d, cut[c],
                          hi, in_set(set, cut[c]) ? to_type : d->type);
                hi = cut[c];
            }
    }
    --*o;
    put_piece(map + *o * desc_bytes, src, desc_bytes, d, a, hi,
              in_set(set, a) ? to_type : d->type);
}

enum shimmap_status shimmap_retype(void *map, size_t map_bytes,
                                   size_t buf_bytes, size_t desc_bytes,
                                   uint32_t from_type, uint32_t to_type,
                                   const struct shimopt_set *set,
                                   size_t *out_bytes)
{
    enum shimmap_status st = check_sizes(map_bytes, buf_bytes, desc_bytes);
    uint8_t *m = map;
    struct efimap_fw_desc d;
    size_t nr, nr_out = 0, o;
    uint64_t b;

    if ( st != SHIMMAP_OK )
        return st;
    nr = map_bytes / desc_bytes;
    for ( size_t i = 0; i < nr; i++ )
        nr_out += read_desc(m, desc_bytes, i, &d, &b) && d.type == from_type
                  ? nr_pieces(set, d.phys_start, b) : 1;
    *out_bytes = nr_out <= SIZE_MAX / desc_bytes ? nr_out * desc_bytes
                                                   : SIZE_MAX;
    if ( nr_out > buf_bytes / desc_bytes )
        return SHIMMAP_ERR_NO_ROOM;

    /* Output index o of a descriptor never falls below its input index. */
    o = nr_out;
    for ( size_t i = nr; i-- > 0; )
    {
        const uint8_t *src = m + i * desc_bytes;

        if ( read_desc(m, desc_bytes, i, &d, &b) && d.type == from_type )
            split_desc(m, desc_bytes, &o, src, &d, b, to_type, set);
        else
        {
            --o;
            memmove(m + o * desc_bytes, src, desc_bytes);
        }
    }
    return SHIMMAP_OK;
}
