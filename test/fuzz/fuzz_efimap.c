/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the EFI memory map core (lib/efi/efimap.c) and, on every
 * map it normalizes, the unaccepted-memory tracker (lib/mm/unaccepted.c).
 *
 * Input: byte 0 picks the descriptor size (low nibble, from sizes[]), byte
 * 1 holds options (see the OPT_ bits), the rest is the raw map. In shaped
 * mode every descriptor is rewritten into a small window (or against
 * 2^64) at a chosen granularity so that overlaps, merges and type 15
 * ranges are common; raw mode feeds the bytes as they are.
 *
 * Invariants: the status is the one the sizes and this file's own
 * per-descriptor checks call for, naming the first bad index; on success
 * the map is sorted, disjoint and merged; at every boundary the output
 * holds the winner this file computes by brute force with its own copy of
 * the documented order; every input page is counted exactly once per
 * winning type; lookups agree with a linear scan and MEM_INFO cuts sizes
 * as Xen does; the e820 form is sanitized, covers the same bytes, and its
 * RAM equals the pages of RAM-mapped types; the unaccepted plan covers
 * each type-15 page exactly once and takes hand every unit out once.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/efimap.h>
#include <xen/unaccepted.h>

#define OPT_SKIP_BAD    0x01
#define OPT_SHAPED      0x02
#define OPT_MAPBS       0x04
#define OPT_UA_RAM      0x08
#define OPT_GRAN_SHIFT  4       /* two bits: granularity index */
#define OPT_TRUNCATE    0x40
#define OPT_NEAR_TOP    0x80

#define MAX_DESC        96
#define MAX_PROBES      (MAX_DESC * 8 * 2 + 8)
#define TOP_PFN         (1ULL << 52)
#define MAX_UNITS       4096

static const size_t sizes[16] = {
    40, 48, 56, 64, 72, 80, 96, 128, 40, 48, 40, 48, 4096, 44, 32, 0,
};
static const uint64_t grans[4] = { 0x1000, 0x10000, 0x100000, 0x200000 };

/* A firmware descriptor as this harness sees it. */
struct fw {
    uint32_t type;
    uint64_t start, pages, attr;
    enum efimap_status why;     /* EFIMAP_OK when valid */
};

static void check(bool ok)
{
    if ( !ok )
        abort();
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

/* The documented overlap order, written again here. */
static int rank_of(uint32_t t)
{
    static const int r[16] = { 6, 2, 2, 1, 1, 7, 7, 0, 9, 5, 8, 6, 6, 6, 4,
                               3 };

    return t < 16 ? r[t] : 6;
}

static bool beats(const struct fw *a, const struct fw *b)
{
    if ( rank_of(a->type) != rank_of(b->type) )
        return rank_of(a->type) > rank_of(b->type);
    if ( a->type != b->type )
        return a->type > b->type;
    return a->attr > b->attr;
}

/* Reference 3.1, written again here. */
static uint32_t e820_of(uint32_t t, uint64_t attr, unsigned int f)
{
    bool usable = t == 1 || t == 2 || t == 7 ||
                  ((t == 3 || t == 4) && !(f & EFIMAP_E820_MAPBS)) ||
                  (t == 15 && (f & EFIMAP_E820_UNACCEPTED_RAM));

    if ( usable )
        return (attr >> 63) ? 2 : (attr & 8) ? 1 : 5;
    return t == 8 ? 5 : t == 9 ? 3 : t == 10 ? 4 : 2;
}

static uint64_t end_pfn(uint64_t start, uint64_t pages)
{
    return (start >> 12) + pages;
}

/* Winner among valid descriptors at frame pfn; NULL when none. */
static const struct fw *reference(const struct fw *d, unsigned int n,
                                  uint64_t pfn)
{
    const struct fw *best = NULL;

    for ( unsigned int i = 0; i < n; i++ )
        if ( d[i].why == EFIMAP_OK && pfn >= (d[i].start >> 12) &&
             pfn < end_pfn(d[i].start, d[i].pages) &&
             (!best || beats(&d[i], best)) )
            best = &d[i];
    return best;
}

static int lookup(const struct efimap_entry *m, unsigned int n, uint64_t pfn)
{
    for ( unsigned int i = 0; i < n; i++ )
        if ( pfn >= (m[i].start_pa >> 12) &&
             pfn < end_pfn(m[i].start_pa, m[i].nr_pages) )
            return i;
    return -1;
}

static enum efimap_status validate(const struct fw *d)
{
    uint64_t room = d->start ? (0 - d->start) >> 12 : TOP_PFN;

    if ( !d->pages )
        return EFIMAP_ERR_ZERO_PAGES;
    if ( d->start & 0xfff )
        return EFIMAP_ERR_UNALIGNED;
    return d->pages > room ? EFIMAP_ERR_ADDR_OVERFLOW : EFIMAP_OK;
}

/* Rewrites one descriptor in place so that it lands in a small window. */
static void shape(uint8_t *p, uint8_t opt)
{
    static const uint64_t attrs[4] = {
        0xf, 0xf | (1ULL << 63), 0x1, 0,
    };
    uint64_t gran = grans[(opt >> OPT_GRAN_SHIFT) & 3];
    uint64_t s = get64(p + 8), n = get64(p + 24), a = get64(p + 32);
    uint32_t t;

    memcpy(&t, p, 4);
    t = (t & 0x100) ? EFIMAP_TYPE_UNACCEPTED : t % 20;
    if ( (opt & OPT_NEAR_TOP) && (s >> 63) )
        s = 0 - (s % 64 + 1) * gran;
    else
        s = (s % 64) * gran;
    if ( (n >> 61) & 1 )
        s += 0x800;                         /* unaligned now and then */
    n = (n % 24) * (gran >> 12) + ((n >> 62) & 1);
    a = attrs[a % 4];
    memcpy(p, &t, 4);
    memcpy(p + 8, &s, 8);
    memcpy(p + 24, &n, 8);
    memcpy(p + 32, &a, 8);
}

static unsigned int read_fw(const uint8_t *map, size_t len, size_t desc,
                            struct fw *d)
{
    unsigned int n = 0;

    for ( size_t off = 0; off + desc <= len && n < MAX_DESC; off += desc )
    {
        memcpy(&d[n].type, map + off, 4);
        d[n].start = get64(map + off + 8);
        d[n].pages = get64(map + off + 24);
        d[n].attr = get64(map + off + 32);
        d[n].why = validate(&d[n]);
        n++;
    }
    return n;
}

/* The status normalize must return, from this file's own checks. */
static enum efimap_status expected(size_t len, size_t desc, const struct fw *d,
                                   unsigned int n, bool skip)
{
    if ( desc < 40 )
        return EFIMAP_ERR_DESC_SIZE_SMALL;
    if ( desc % 8 )
        return EFIMAP_ERR_DESC_SIZE_ALIGN;
    if ( len % desc )
        return EFIMAP_ERR_MAP_TRUNCATED;
    for ( unsigned int i = 0; i < n && !skip; i++ )
        if ( d[i].why != EFIMAP_OK )
            return d[i].why;
    return EFIMAP_OK;
}

static unsigned int add_probe(uint64_t *p, unsigned int np, uint64_t pfn)
{
    if ( pfn < TOP_PFN && np < MAX_PROBES )
        p[np++] = pfn;
    return np;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

/* Sorted, disjoint, merged: checked without efimap_is_normalized(). */
static void check_normalized(const struct efimap_entry *m, unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
    {
        struct fw f = { .start = m[i].start_pa, .pages = m[i].nr_pages };

        check(validate(&f) == EFIMAP_OK);
        if ( !i )
            continue;
        uint64_t pe = end_pfn(m[i - 1].start_pa, m[i - 1].nr_pages);

        check(pe <= m[i].start_pa >> 12);
        check(!(pe == m[i].start_pa >> 12 && m[i - 1].type == m[i].type &&
                m[i - 1].attr == m[i].attr));
    }
    check(efimap_is_normalized(m, n));
}

/* Xen's MEM_INFO rule, restated, for one probe. */
static void check_mem_info_one(const struct efimap_entry *m, unsigned int n,
                               uint64_t addr, uint64_t size)
{
    int i = lookup(m, n, addr >> 12);
    uint64_t got = size, attr = 0, want = size;
    uint32_t type = 0;
    enum efimap_status st = efimap_mem_info(m, n, addr, &got, &attr, &type);

    if ( i < 0 )
    {
        check(st == EFIMAP_ERR_NOT_FOUND && got == size);
        return;
    }
    unsigned __int128 end = (unsigned __int128)m[i].start_pa +
                            ((unsigned __int128)m[i].nr_pages << 12);

    if ( (unsigned __int128)addr + size > end )
        want = (uint64_t)(end - addr);
    check(st == EFIMAP_OK && got == want);
    check(attr == m[i].attr && type == m[i].type);
}

/*
 * The given size, and sizes reaching exactly to the entry's end and one
 * byte either side, where an off-by-one would show.
 */
static void check_mem_info(const struct efimap_entry *m, unsigned int n,
                           uint64_t addr, uint64_t size)
{
    int i = lookup(m, n, addr >> 12);

    check_mem_info_one(m, n, addr, size);
    if ( i < 0 )
        return;
    uint64_t to_end = m[i].start_pa + (m[i].nr_pages << 12) - addr;

    check_mem_info_one(m, n, addr, to_end);
    check_mem_info_one(m, n, addr, to_end + 1);
    check_mem_info_one(m, n, addr, to_end - 1);
}

/* Per-type page totals of the brute-force winner vs the output. */
static void check_accounting(const struct fw *d, unsigned int n,
                             const struct efimap_entry *m, unsigned int nr)
{
    uint64_t b[MAX_DESC * 2 + 1];
    uint32_t types[MAX_DESC * 2];
    uint64_t want[MAX_DESC * 2] = { 0 }, got[MAX_DESC * 2] = { 0 };
    unsigned int nb = 0, nt = 0;

    for ( unsigned int i = 0; i < n; i++ )
        if ( d[i].why == EFIMAP_OK )
        {
            b[nb++] = d[i].start >> 12;
            b[nb++] = end_pfn(d[i].start, d[i].pages);
        }
    qsort(b, nb, sizeof(*b), cmp_u64);
    for ( unsigned int k = 0; k + 1 < nb; k++ )
    {
        const struct fw *w = reference(d, n, b[k]);
        unsigned int t;

        if ( !w || b[k] == b[k + 1] )
            continue;
        for ( t = 0; t < nt && types[t] != w->type; t++ )
            ;
        if ( t == nt )
            types[nt++] = w->type;
        want[t] += b[k + 1] - b[k];
    }
    for ( unsigned int i = 0; i < nr; i++ )
    {
        unsigned int t;

        for ( t = 0; t < nt && types[t] != m[i].type; t++ )
            ;
        check(t < nt);
        got[t] += m[i].nr_pages;
    }
    for ( unsigned int t = 0; t < nt; t++ )
        check(want[t] == got[t]);
}

/* Probes every boundary: winner, lookup and MEM_INFO. */
static void check_probes(const struct fw *d, unsigned int n,
                         const struct efimap_entry *m, unsigned int nr)
{
    static uint64_t p[MAX_PROBES];
    unsigned int np = 0;

    for ( unsigned int i = 0; i < n; i++ )
    {
        uint64_t s = d[i].start >> 12, e = s + d[i].pages;

        if ( d[i].why != EFIMAP_OK )
            continue;
        np = add_probe(p, np, s);
        np = add_probe(p, np, e - 1);
        np = add_probe(p, np, e);
        if ( s )
            np = add_probe(p, np, s - 1);
    }
    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t s = m[i].start_pa >> 12;

        np = add_probe(p, np, s);
        np = add_probe(p, np, s + m[i].nr_pages);
    }
    np = add_probe(p, np, 0);
    np = add_probe(p, np, TOP_PFN - 1);

    for ( unsigned int k = 0; k < np; k++ )
    {
        const struct fw *w = reference(d, n, p[k]);
        int i = lookup(m, nr, p[k]);
        unsigned int at;
        uint64_t addr = (p[k] << 12) | (k * 0x111 & 0xfff);

        check(!w == (i < 0));
        if ( w )
            check(m[i].type == w->type && m[i].attr == w->attr);
        if ( efimap_find(m, nr, addr, &at) == EFIMAP_OK )
            check(i >= 0 && at == (unsigned int)i);
        else
            check(i < 0);
        check_mem_info(m, nr, addr, 0);
        check_mem_info(m, nr, addr, 0x1000);
        check_mem_info(m, nr, addr, (k + 1) * 0x123456);
        check_mem_info(m, nr, addr, 0 - addr);
        check_mem_info(m, nr, addr, UINT64_MAX);
    }
}

static void check_e820(const struct efimap_entry *m, unsigned int nr,
                       unsigned int flags)
{
    struct e820entry *e = malloc((2 * nr + 1) * sizeof(*e));
    unsigned __int128 all = 0, all_e = 0, ram = 0, ram_e = 0;
    unsigned int ne;

    check(efimap_to_e820(m, nr, flags, e, 2 * nr + 1, &ne) == EFIMAP_OK);
    check(ne <= 2 * nr);
    check(e820_is_sanitized(e, ne));
    for ( unsigned int i = 0; i < nr; i++ )
    {
        all += m[i].nr_pages;
        if ( e820_of(m[i].type, m[i].attr, flags) == E820_RAM )
            ram += m[i].nr_pages;
    }
    for ( unsigned int i = 0; i < ne; i++ )
    {
        int at = lookup(m, nr, e[i].addr >> 12);

        check(at >= 0);
        check(e[i].type == e820_of(m[at].type, m[at].attr, flags));
        all_e += e[i].size;
        if ( e[i].type == E820_RAM )
            ram_e += e[i].size;
        if ( i )
            check(e[i - 1].addr < e[i].addr);
    }
    check(all_e == all << 12);
    check(ram_e == ram << 12);
    free(e);
}

/* A range of frames [s, e). */
struct piece {
    uint64_t s, e;
};

static int cmp_piece(const void *a, const void *b)
{
    return cmp_u64(&((const struct piece *)a)->s,
                   &((const struct piece *)b)->s);
}

/* Sorted, disjoint; returns the total number of frames. */
static uint64_t check_disjoint(struct piece *p, unsigned int n)
{
    uint64_t total = 0;

    qsort(p, n, sizeof(*p), cmp_piece);
    for ( unsigned int i = 0; i < n; i++ )
    {
        check(p[i].s < p[i].e);
        if ( i )
            check(p[i - 1].e <= p[i].s);
        total += p[i].e - p[i].s;
    }
    return total;
}

/* True when frames [s, e) are all type 15 in the normalized map. */
static bool all_unaccepted(const struct efimap_entry *m, unsigned int nr,
                           uint64_t s, uint64_t e)
{
    int i = lookup(m, nr, s);

    while ( i >= 0 && (unsigned int)i < nr &&
            m[i].type == EFIMAP_TYPE_UNACCEPTED &&
            m[i].start_pa >> 12 <= s )
    {
        s = end_pfn(m[i].start_pa, m[i].nr_pages);
        if ( s >= e )
            return true;
        i++;
    }
    return false;
}

/*
 * Takes frames [s, s + pages) a few spans per call and compares what comes
 * back with this file's own model of pending units (pend[], indexed like
 * the pool): exactly the pending units overlapping the range, each once.
 */
static void take(struct unaccepted_table *t, uint64_t s, uint64_t pages,
                 uint8_t *pend)
{
    uint8_t *want = calloc(t->nr_bits + 1, 1);
    struct unaccepted_span got[2];
    enum unaccepted_status st;
    unsigned int n;

    for ( unsigned int r = 0; r < t->nr_ranges; r++ )
        for ( uint64_t u = 0; u < t->ranges[r].nr_units; u++ )
        {
            uint64_t us = (t->ranges[r].base_pa >> 12) + u * 512;

            if ( us < s + pages && us + 512 > s )
                want[t->ranges[r].bit_offset + u] =
                    pend[t->ranges[r].bit_offset + u];
        }
    do {
        st = unaccepted_take(t, s << 12, pages, got, 2, &n);
        check(st == UNACCEPTED_OK || st == UNACCEPTED_MORE);
        for ( unsigned int i = 0; i < n; i++ )
        {
            uint64_t gs = got[i].start_pa >> 12, ge = gs + got[i].nr_pages;
            unsigned int r = 0;

            check(gs % 512 == 0 && ge % 512 == 0 && gs < ge);
            while ( r < t->nr_ranges &&
                    (t->ranges[r].base_pa >> 12) +
                    t->ranges[r].nr_units * 512 < ge )
                r++;
            check(r < t->nr_ranges && t->ranges[r].base_pa >> 12 <= gs);
            for ( uint64_t f = gs; f < ge; f += 512 )
            {
                uint64_t bit = t->ranges[r].bit_offset +
                               (f - (t->ranges[r].base_pa >> 12)) / 512;

                check(want[bit]);
                want[bit] = pend[bit] = 0;
            }
        }
    } while ( st == UNACCEPTED_MORE );
    for ( uint64_t b = 0; b < t->nr_bits; b++ )
        check(!want[b]);
    check(unaccepted_is_accepted(t, s << 12, pages));
    free(want);
}

static void check_takes(struct unaccepted_table *t, const uint8_t *data,
                        size_t size)
{
    uint8_t *pend = malloc(t->nr_bits + 1);
    struct unaccepted_span sp;
    uint64_t pending = 0, from = 0;

    memset(pend, 1, t->nr_bits);

    /* unaccepted_next() walks exactly the pending units. */
    while ( from < TOP_PFN &&
            unaccepted_next(t, from << 12, &sp) == UNACCEPTED_OK )
    {
        check((sp.start_pa >> 12) + sp.nr_pages > from);
        pending += sp.nr_pages;
        from = (sp.start_pa >> 12) + sp.nr_pages;
    }
    check(pending == t->nr_pending * 512);

    /* Some takes chosen by the input, then everything, then again. */
    for ( unsigned int r = 0; r < t->nr_ranges && r < 8; r++ )
    {
        uint64_t base = t->ranges[r].base_pa >> 12;
        uint64_t span = t->ranges[r].nr_units * 512;
        uint8_t x = data[(r * 7) % size], y = data[(r * 13 + 1) % size];
        uint64_t s = base + span * x / 256, pages = 1 + span * y / 512;

        if ( s > TOP_PFN - 1 || pages > TOP_PFN - s )
            continue;
        take(t, s, pages, pend);
    }
    take(t, 0, TOP_PFN, pend);
    check(t->nr_pending == 0);
    for ( uint64_t b = 0; b < t->nr_bits; b++ )
        check(!pend[b]);
    take(t, 0, TOP_PFN, pend);
    free(pend);
}

static void check_unaccepted(const struct efimap_entry *m, unsigned int nr,
                             const uint8_t *data, size_t size)
{
    struct unaccepted_need need;
    struct unaccepted_table t;
    struct unaccepted_span *now;
    struct piece *p;
    void *store;
    unsigned int nn, np = 0;
    uint64_t ua = 0;

    check(unaccepted_measure(m, nr, &need) == UNACCEPTED_OK);
    /* Raw maps may hold 2^40 units; the model below needs small ones. */
    if ( need.nr_units > MAX_UNITS )
        return;
    store = malloc(need.storage_bytes ? need.storage_bytes : 1);
    now = malloc((need.nr_accept_now + 1) * sizeof(*now));
    check(unaccepted_plan(&t, store, need.storage_bytes, m, nr, now,
                          need.nr_accept_now, &nn) == UNACCEPTED_OK);
    check(nn == need.nr_accept_now && t.nr_pending == need.nr_units);

    /* Accept-now spans plus tracked units cover type 15 exactly once. */
    p = malloc((nn + t.nr_ranges + 1) * sizeof(*p));
    for ( unsigned int i = 0; i < nn; i++ )
    {
        check(now[i].nr_pages < 1024);
        p[np++] = (struct piece){ now[i].start_pa >> 12,
                                  (now[i].start_pa >> 12) + now[i].nr_pages };
    }
    for ( unsigned int i = 0; i < t.nr_ranges; i++ )
    {
        const struct unaccepted_range *r = &t.ranges[i];

        check(r->base_pa % UNACCEPTED_UNIT_BYTES == 0 && r->nr_units);
        check(i || r->bit_offset == 0);
        if ( i )
            check(r->bit_offset == r[-1].bit_offset + r[-1].nr_units &&
                  (r[-1].base_pa >> 12) + r[-1].nr_units * 512 <
                  r->base_pa >> 12);
        p[np++] = (struct piece){ r->base_pa >> 12,
                                  (r->base_pa >> 12) + r->nr_units * 512 };
    }
    for ( unsigned int i = 0; i < np; i++ )
        check(all_unaccepted(m, nr, p[i].s, p[i].e));
    for ( unsigned int i = 0; i < nr; i++ )
        if ( m[i].type == EFIMAP_TYPE_UNACCEPTED )
            ua += m[i].nr_pages;
    check(check_disjoint(p, np) == ua);
    check(need.accept_now_pages + need.nr_units * 512 == ua);

    check_takes(&t, data, size);
    free(p);
    free(now);
    free(store);
}

/* Lowest frame where two valid descriptors overlap; TOP_PFN if none. */
static uint64_t first_overlap(const struct fw *d, unsigned int n)
{
    uint64_t first = TOP_PFN;

    for ( unsigned int i = 0; i < n; i++ )
        for ( unsigned int j = i + 1; j < n; j++ )
        {
            uint64_t s = MAX(d[i].start, d[j].start) >> 12;

            if ( d[i].why == EFIMAP_OK && d[j].why == EFIMAP_OK &&
                 s < end_pfn(d[j].start, d[j].pages) &&
                 s < end_pfn(d[i].start, d[i].pages) )
                first = MIN(first, s);
        }
    return first;
}

static enum efimap_overlap reason(const struct fw *a, const struct fw *b)
{
    if ( rank_of(a->type) != rank_of(b->type) )
        return EFIMAP_OVERLAP_RANK;
    if ( a->type != b->type )
        return EFIMAP_OVERLAP_TYPE;
    return a->attr != b->attr ? EFIMAP_OVERLAP_ATTR
                              : EFIMAP_OVERLAP_DUPLICATE;
}

static void check_report(const struct efimap_report *rep, const struct fw *d,
                         unsigned int n)
{
    const struct fw *w, *l;
    unsigned int bad = 0;
    uint64_t first_pfn;
    int first = -1;

    for ( unsigned int i = 0; i < n; i++ )
        if ( d[i].why != EFIMAP_OK )
        {
            if ( first < 0 )
                first = i;
            bad++;
        }
    check(rep->nr_fw == n && rep->nr_skipped == bad);
    check(first < 0 ? rep->bad == EFIMAP_OK
                    : rep->bad == d[first].why &&
                      rep->bad_index == (unsigned int)first);
    first_pfn = first_overlap(d, n);
    check((first_pfn < TOP_PFN) == (rep->nr_overlaps > 0));
    if ( !rep->nr_overlaps )
        return;
    check(rep->overlap_winner < n && rep->overlap_loser < n);
    w = &d[rep->overlap_winner];
    l = &d[rep->overlap_loser];
    check(!beats(l, w) && rep->overlap == reason(w, l));
    /* The pair reported is one that overlaps first, at first_pfn. */
    check(MAX(w->start, l->start) >> 12 == first_pfn);
    check(first_pfn < end_pfn(w->start, w->pages) &&
          first_pfn < end_pfn(l->start, l->pages));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fw d[MAX_DESC];
    size_t desc, len;
    uint8_t opt, *map;
    unsigned int n = 0, nr, nr2, count = 0, flags;
    struct efimap_entry *out;
    struct efimap_report rep;
    enum efimap_status st, want;
    void *scratch;

    if ( size < 2 )
        return 0;
    desc = sizes[data[0] & 15];
    opt = data[1];
    len = size - 2;
    if ( opt & OPT_TRUNCATE )
        len -= MIN(len, 8);
    if ( desc >= 40 && len / desc > MAX_DESC )
        len = MAX_DESC * desc;
    map = malloc(len ? len : 1);
    memcpy(map, data + 2, len);
    if ( desc >= 40 )
    {
        for ( size_t off = 0; (opt & OPT_SHAPED) && off + desc <= len;
              off += desc )
            shape(map + off, opt);
        n = read_fw(map, len, desc, d);
        count = efimap_count(len, desc);
    }

    flags = (opt & OPT_SKIP_BAD) ? EFIMAP_F_SKIP_BAD : 0;
    /*
     * Misaligned by one so that the module's own alignment uses the slack
     * and ASan sees a read or write one byte past the end.
     */
    scratch = (char *)malloc(efimap_scratch_bytes(count) + 1) + 1;
    out = malloc((2 * n + 1) * sizeof(*out));
    st = efimap_normalize(map, len, desc, flags, out, 2 * n + 1, &nr,
                          scratch, efimap_scratch_bytes(count), &rep);
    want = expected(len, desc, d, n, flags);
    check(st == want);
    if ( st == EFIMAP_OK )
    {
        check(count == n);
        check_report(&rep, d, n);
        check_normalized(out, nr);
        check(nr <= 2 * n);
        check_accounting(d, n, out, nr);
        check_probes(d, n, out, nr);
        check_e820(out, nr, ((opt & OPT_MAPBS) ? EFIMAP_E820_MAPBS : 0) |
                   ((opt & OPT_UA_RAM) ? EFIMAP_E820_UNACCEPTED_RAM : 0));
        check_unaccepted(out, nr, data, size);
        if ( nr > 1 )
        {
            check(efimap_normalize(map, len, desc, flags, out, nr - 1, &nr2,
                                   scratch, efimap_scratch_bytes(count),
                                   &rep) == EFIMAP_ERR_NO_ROOM);
            check(nr2 == nr);
        }
    }
    else if ( st >= EFIMAP_ERR_ZERO_PAGES && st <= EFIMAP_ERR_ADDR_OVERFLOW )
    {
        check(rep.bad == st && d[rep.bad_index].why == st);
        for ( unsigned int i = 0; i < rep.bad_index; i++ )
            check(d[i].why == EFIMAP_OK);
    }
    free(out);
    free((char *)scratch - 1);
    free(map);
    return 0;
}
