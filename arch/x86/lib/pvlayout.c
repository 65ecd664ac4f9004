/* SPDX-License-Identifier: GPL-2.0-only */
/* The initial layout of a PV dom0 and dom0_mem= (include/xen/pvlayout.h). */
#include <xen/cmdline.h>
#include <xen/pvlayout.h>
#include <xen/string.h>

#define LOW_HALF_END    0x0000800000000000ULL
#define HV_RANGE_END    0xffff880000000000ULL

uint64_t pvlayout_tables(uint64_t s, uint64_t e)
{
    uint64_t n = 1;

    /* L1, L2 and L3 tables: one per 2 MiB, 1 GiB and 512 GiB touched. */
    for ( unsigned int shift = 21; shift <= 39; shift += 9 )
        n += ((e - 1) >> shift) - (s >> shift) + 1;
    return n;
}

/* a + b rounded up to align (a power of two); false when it wraps. */
static bool add_up(uint64_t a, uint64_t b, uint64_t align, uint64_t *out)
{
    uint64_t sum = a + b;

    if ( sum < a || sum + (align - 1) < sum )
        return false;
    *out = (sum + (align - 1)) & ~(align - 1);
    return true;
}

bool pvlayout_compute(struct pvlayout *l, uint64_t v_start,
                      uint64_t kern_end, uint64_t mod_len,
                      uint64_t nr_pages)
{
    uint64_t next, end;

    memset(l, 0, sizeof(*l));
    if ( (v_start & (PVLAYOUT_PAGE - 1)) || kern_end < v_start ||
         nr_pages > (UINT64_MAX >> 4) )
        return false;
    l->v_start = v_start;
    if ( !add_up(kern_end, 0, PVLAYOUT_PAGE, &l->kern_end) )
        return false;
    l->mod_len = mod_len;
    l->mod_va = mod_len ? l->kern_end : 0;
    if ( !add_up(l->kern_end, mod_len, PVLAYOUT_PAGE, &l->p2m_va) ||
         !add_up(l->p2m_va, nr_pages * 8, PVLAYOUT_PAGE, &l->si_va) ||
         !add_up(l->si_va, PVLAYOUT_PAGE, 1, &l->pt_va) )
        return false;
    /* More tables can push the end over a boundary: until it is stable. */
    for ( l->nr_pt = 1; ; )
    {
        uint64_t need;

        if ( l->nr_pt > (UINT64_MAX >> 12) ||
             !add_up(l->pt_va, (l->nr_pt + 1) * PVLAYOUT_PAGE, 1, &next) ||
             !add_up(next, PVLAYOUT_SPARE, PVLAYOUT_ALIGN, &end) ||
             end == 0 )
            return false;
        need = pvlayout_tables(v_start, end);
        if ( need <= l->nr_pt )
            break;
        l->nr_pt = need;
    }
    l->stack_va = l->pt_va + l->nr_pt * PVLAYOUT_PAGE;
    l->v_end = end;
    return l->v_end <= LOW_HALF_END || l->v_start >= HV_RANGE_END;
}

/* A size in Xen's syntax: K, M, G, T or B suffix; KiB without one. */
static bool parse_size(const char *s, size_t len, uint64_t *out)
{
    uint64_t v;

    if ( !len )
        return false;
    if ( s[len - 1] == 'B' || s[len - 1] == 'b' )
        return len > 1 && !cmdline_uint(s, len - 1, out, NULL);
    if ( cmdline_uint(s, len, &v, NULL) )
        return false;
    if ( s[len - 1] >= '0' && s[len - 1] <= '9' )
    {
        if ( v > (UINT64_MAX >> 10) )
            return false;
        v <<= 10;
    }
    *out = v;
    return true;
}

void pvlayout_dom0_mem(const char *v, size_t len, uint64_t *amount,
                       uint64_t *min, uint64_t *max, const char **bad,
                       size_t *bad_len)
{
    *bad = NULL;
    *bad_len = 0;
    while ( len )
    {
        size_t n = 0, skip = 0;
        uint64_t *dst = amount;

        while ( n < len && v[n] != ',' )
            n++;
        if ( n > 4 && !strncmp(v, "min:", 4) )
            dst = min, skip = 4;
        else if ( n > 4 && !strncmp(v, "max:", 4) )
            dst = max, skip = 4;
        if ( !parse_size(v + skip, n - skip, dst) && !*bad )
        {
            *bad = v;
            *bad_len = n;
        }
        v += n;
        len -= n;
        if ( len )
            v++, len--;
    }
}
