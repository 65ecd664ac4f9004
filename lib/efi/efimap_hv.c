/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XEN_FW_EFI_MEMORY_MAP's answer: the firmware's map with the hypervisor's
 * own pages marked reserved. Pure: no hardware, no globals, no printing.
 */
#include <xen/efimap_hv.h>
#include <xen/string.h>

#define EFIMAP_HV_PAGE_SHIFT    12
#define EFIMAP_HV_PAGE_MASK     ((1ULL << EFIMAP_HV_PAGE_SHIFT) - 1)
#define EFIMAP_HV_MIN_DESC      40
#define EFIMAP_HV_OFF_TYPE      0
#define EFIMAP_HV_OFF_PHYS      8
#define EFIMAP_HV_OFF_VIRT      16
#define EFIMAP_HV_OFF_PAGES     24

bool efimap_hv_ram_type(uint32_t type)
{
    /* Loader code/data 1, 2; boot services code/data 3, 4; conventional 7. */
    return (type >= 1 && type <= 4) || type == 7;
}

static uint64_t efimap_hv_get64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static void efimap_hv_put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, sizeof(v));
}

/* A range rounded out to whole pages; false when it is empty. */
static bool efimap_hv_pages(const struct efimap_hv_range *r, uint64_t *s,
                            uint64_t *e)
{
    if ( r->end <= r->start )
        return false;
    *s = r->start & ~EFIMAP_HV_PAGE_MASK;
    *e = r->end > UINT64_MAX - EFIMAP_HV_PAGE_MASK
         ? ~EFIMAP_HV_PAGE_MASK : (r->end + EFIMAP_HV_PAGE_MASK) &
                                  ~EFIMAP_HV_PAGE_MASK;
    return *e > *s;
}

/*
 * The first owned page at or after cur and before end: its address in
 * *s, true; false when [cur, end) holds none.
 */
static bool efimap_hv_next(const struct efimap_hv_range *owned,
                           unsigned int nr, uint64_t cur, uint64_t end,
                           uint64_t *s)
{
    bool found = false;

    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t rs, re, at;

        if ( !efimap_hv_pages(&owned[i], &rs, &re) || re <= cur ||
             rs >= end )
            continue;
        at = rs > cur ? rs : cur;
        if ( !found || at < *s )
            *s = at;
        found = true;
    }
    return found;
}

/* The end of the owned run starting at s (owned ranges may touch). */
static uint64_t efimap_hv_run_end(const struct efimap_hv_range *owned,
                                  unsigned int nr, uint64_t s, uint64_t end)
{
    uint64_t e = s;
    bool grew = true;

    while ( grew && e < end )
    {
        grew = false;
        for ( unsigned int i = 0; i < nr; i++ )
        {
            uint64_t rs, re;

            if ( efimap_hv_pages(&owned[i], &rs, &re) && rs <= e && re > e )
            {
                e = re < end ? re : end;
                grew = true;
            }
        }
    }
    return e;
}

/* Appends one piece of record rec; counts it even when out is full. */
static void efimap_hv_emit(uint8_t *out, size_t room, size_t *used,
                           const uint8_t *rec, size_t desc_bytes,
                           uint32_t type, uint64_t start, uint64_t end)
{
    uint64_t phys = efimap_hv_get64(rec + EFIMAP_HV_OFF_PHYS);
    uint64_t virt = efimap_hv_get64(rec + EFIMAP_HV_OFF_VIRT);
    uint8_t *p;

    if ( room >= desc_bytes && *used <= room - desc_bytes )
    {
        p = out + *used;
        memcpy(p, rec, desc_bytes);
        memcpy(p + EFIMAP_HV_OFF_TYPE, &type, sizeof(type));
        efimap_hv_put64(p + EFIMAP_HV_OFF_PHYS, start);
        efimap_hv_put64(p + EFIMAP_HV_OFF_VIRT,
                        virt ? virt + (start - phys) : 0);
        efimap_hv_put64(p + EFIMAP_HV_OFF_PAGES,
                        (end - start) >> EFIMAP_HV_PAGE_SHIFT);
    }
    *used += desc_bytes;
}

enum efimap_hv_status efimap_hv_build(const void *map, size_t map_bytes,
                                      size_t desc_bytes,
                                      const struct efimap_hv_range *owned,
                                      unsigned int nr_owned, void *out,
                                      size_t out_room, size_t *out_bytes)
{
    const uint8_t *in = map;
    size_t used = 0;

    *out_bytes = 0;
    if ( desc_bytes < EFIMAP_HV_MIN_DESC || desc_bytes % 8 )
        return EFIMAP_HV_ERR_DESC_SIZE;
    if ( map_bytes % desc_bytes )
        return EFIMAP_HV_ERR_TRUNCATED;

    for ( size_t off = 0; off < map_bytes; off += desc_bytes )
    {
        const uint8_t *rec = in + off;
        uint32_t type;
        uint64_t start = efimap_hv_get64(rec + EFIMAP_HV_OFF_PHYS);
        uint64_t pages = efimap_hv_get64(rec + EFIMAP_HV_OFF_PAGES);
        uint64_t end, cur, s = 0;

        memcpy(&type, rec + EFIMAP_HV_OFF_TYPE, sizeof(type));
        if ( !efimap_hv_ram_type(type) || !pages || (start &
             EFIMAP_HV_PAGE_MASK) || pages > (UINT64_MAX >>
             EFIMAP_HV_PAGE_SHIFT) || start + (pages <<
             EFIMAP_HV_PAGE_SHIFT) - 1 < start ||
             start + (pages << EFIMAP_HV_PAGE_SHIFT) == 0 )
        {
            /* Copied verbatim; a record ending at 2^64 is kept whole too. */
            if ( out_room >= desc_bytes && used <= out_room - desc_bytes )
                memcpy((uint8_t *)out + used, rec, desc_bytes);
            used += desc_bytes;
            continue;
        }
        end = start + (pages << EFIMAP_HV_PAGE_SHIFT);
        for ( cur = start; cur < end; )
        {
            if ( !efimap_hv_next(owned, nr_owned, cur, end, &s) )
            {
                efimap_hv_emit(out, out_room, &used, rec, desc_bytes, type,
                               cur, end);
                break;
            }
            if ( s > cur )
                efimap_hv_emit(out, out_room, &used, rec, desc_bytes, type,
                               cur, s);
            cur = efimap_hv_run_end(owned, nr_owned, s, end);
            efimap_hv_emit(out, out_room, &used, rec, desc_bytes,
                           EFIMAP_HV_RESERVED_TYPE, s, cur);
        }
    }
    *out_bytes = used;
    return used > out_room ? EFIMAP_HV_ERR_NO_ROOM : EFIMAP_HV_OK;
}
