/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the retain registry (lib/efi/retain.c).
 *
 * Input: byte 0 holds options (bits 0-1 the kind, modulo the number of
 * kinds; OPT_ bits below), byte 1 the number of map entries less one
 * (modulo 8), then two bytes per entry (type index and hole flag, pages),
 * then the table's place (entry index, 16-bit offset), then two excluded
 * ranges (16-bit signed distance from the table, 16-bit length), and the
 * rest is the table's bytes. The map is built sorted and disjoint from
 * 1 MiB up, or ending exactly at 2^64; touching entries of one type get
 * different attributes so that it stays normalized.
 *
 * The table is handed over in a heap buffer of exactly the bytes the map
 * allows from the table's address on, so ASan reports any read outside
 * them. Invariants: the status is the one this file computes with its own
 * copy of the documented rules and order; an accepted table lies inside
 * acceptable entries and its size is exactly what its header says; a
 * refused one has action REFUSE and a non-OK reason; KEEP only when every
 * entry the table touches is runtime data, ACPI reclaim or ACPI NVS,
 * RELOCATE only when one is not; the same call twice gives the same
 * decision; for an accepted ESRT, retain_esrt_classes() counts the nil
 * and repeated FwClass entries as this file does, and names the first.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/retain.h>

#define OPT_KIND_MASK   0x03
#define OPT_NEAR_TOP    0x04
#define OPT_SHAPED      0x08
#define OPT_EXCL        0x10

#define MAX_ENTRIES     8
#define PG              4096ULL
#define TOP             UINT64_MAX

static const uint32_t types[16] = { 2, 4, 6, 7, 9, 10, 0, 1, 3, 5, 8, 11,
                                    15, 4, 6, 9 };

static void check(bool ok)
{
    if ( !ok )
        abort();
}

static uint64_t get(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    while ( n-- )
        v = v << 8 | p[n];
    return v;
}

static void put(uint8_t *p, unsigned int n, uint64_t v)
{
    for ( unsigned int i = 0; i < n; i++, v >>= 8 )
        p[i] = (uint8_t)v;
}

/* docs/retain.md, written again: where a table may be read from. */
static bool ok_type(uint32_t t)
{
    return t == 2 || t == 4 || t == 6 || t == 7 || t == 9 || t == 10;
}

static bool keep_type(uint32_t t)
{
    return t == 6 || t == 9 || t == 10;
}

static uint64_t last_of(const struct efimap_entry *e)
{
    return e->start_pa + e->nr_pages * PG - 1;
}

/* Entry holding pa by linear scan, or -1. */
static int holder(const struct efimap_entry *m, unsigned int n, uint64_t pa)
{
    for ( unsigned int i = 0; i < n; i++ )
        if ( pa >= m[i].start_pa && pa <= last_of(&m[i]) )
            return i;
    return -1;
}

/* Bytes readable from pa on: touching acceptable entries, 0 for none. */
static uint64_t readable(const struct efimap_entry *m, unsigned int n,
                         uint64_t pa)
{
    int i = holder(m, n, pa);
    uint64_t last;

    if ( !pa || i < 0 || !ok_type(m[i].type) )
        return 0;
    last = last_of(&m[i]);
    for ( i++; (unsigned int)i < n && last != TOP &&
               m[i].start_pa == last + 1 && ok_type(m[i].type); i++ )
        last = last_of(&m[i]);
    return last - pa + 1;
}

static bool overlap(uint64_t first, uint64_t last,
                    const struct retain_range *x, unsigned int nx)
{
    for ( unsigned int i = 0; i < nx; i++ )
        if ( x[i].start_pa < x[i].end_pa &&
             !(x[i].end_pa <= first || x[i].start_pa > last) )
            return true;
    return false;
}

/* The size rule of each kind, written again; 0 with *why on failure. */
static uint64_t size_of(int kind, const uint8_t *h, enum retain_status *why)
{
    *why = RETAIN_OK;
    if ( kind == 0 )
    {
        uint64_t count = get(h, 4), max = get(h + 4, 4);

        *why = (!get(h + 8, 8) || get(h + 8, 8) > 0xffff) ?
               RETAIN_ERR_REUSED :
               get(h + 8, 8) != 1 ? RETAIN_ERR_VERSION :
               !count ? RETAIN_ERR_COUNT_ZERO :
               count > max ? RETAIN_ERR_COUNT_MAX :
               count > 4096 ? RETAIN_ERR_COUNT_ABSURD : RETAIN_OK;
        return *why ? 0 : 16 + 40 * count;
    }
    if ( kind == 1 )
    {
        uint64_t v = get(h, 4), n = get(h + 4, 4), d = get(h + 8, 4);

        *why = (v != 1 && v != 2) ? RETAIN_ERR_VERSION :
               !n ? RETAIN_ERR_COUNT_ZERO :
               n > 4096 ? RETAIN_ERR_COUNT_ABSURD :
               (d < 40 || d % 8 || d > 4096) ? RETAIN_ERR_FIELD : RETAIN_OK;
        return *why ? 0 : 16 + n * d;
    }
    *why = get(h, 2) != 1 ? RETAIN_ERR_VERSION :
           get(h + 2, 2) != 8 ? RETAIN_ERR_FIELD : RETAIN_OK;
    return *why ? 0 : 8;
}

/* Each kind's deeper rules, written again. */
static enum retain_status valid(int kind, const uint8_t *t)
{
    if ( kind == 1 )
    {
        uint64_t n = get(t + 4, 4), d = get(t + 8, 4);
        unsigned __int128 prev_end = 0;

        for ( uint64_t i = 0; i < n; i++ )
        {
            const uint8_t *e = t + 16 + i * d;
            uint64_t type = get(e, 4), s = get(e + 8, 8), p = get(e + 24, 8);
            unsigned __int128 end = (unsigned __int128)s +
                                    (unsigned __int128)p * PG;

            if ( (type != 5 && type != 6) || s % PG || !p ||
                 end > (unsigned __int128)1 << 64 || (i && s < prev_end) )
                return RETAIN_ERR_ENTRY;
            prev_end = end;
        }
    }
    return RETAIN_OK;
}

/* The whole judgement, in the documented order. */
static enum retain_status expected(int kind, const struct efimap_entry *m,
                                   unsigned int n, uint64_t pa,
                                   const uint8_t *buf, uint64_t room,
                                   const struct retain_range *x,
                                   unsigned int nx, uint64_t *bytes)
{
    unsigned int hb = retain_kinds[kind].header_bytes;
    enum retain_status why;
    int i = holder(m, n, pa);
    bool gone;

    *bytes = 0;
    if ( !pa )
        return RETAIN_ERR_NULL;
    if ( i < 0 )
        return RETAIN_ERR_NOT_IN_MAP;
    if ( !ok_type(m[i].type) )
        return RETAIN_ERR_MEM_TYPE;
    if ( room < hb )
        return RETAIN_ERR_HEADER_CUT;
    if ( overlap(pa, pa + hb - 1, x, nx) )
        return RETAIN_ERR_OVERLAP;
    /* In conventional memory or loader data a failed content check
     * means the table is gone. */
    gone = m[i].type == 7 || m[i].type == 2;
    *bytes = size_of(kind, buf, &why);
    if ( why )
        return gone ? RETAIN_ERR_REUSED : why;
    if ( *bytes > room )
        return gone ? RETAIN_ERR_REUSED : RETAIN_ERR_TABLE_CUT;
    if ( overlap(pa, pa + *bytes - 1, x, nx) )
        return RETAIN_ERR_OVERLAP;
    why = valid(kind, buf);
    return why && gone ? RETAIN_ERR_REUSED : why;
}

/* Nil and repeated FwClass entries of an accepted ESRT, counted again. */
static void check_classes(const uint8_t *t, uint64_t bytes)
{
    static const uint8_t nil[16];
    struct retain_esrt_classes c;
    uint64_t n = (bytes - 16) / 40, nils = 0, reps = 0, first = UINT32_MAX;

    /* Counting again is quadratic: only for tables of real sizes. */
    if ( n > 512 )
    {
        retain_esrt_classes(t, bytes, &c);
        return;
    }
    for ( uint64_t i = 0; i < n; i++ )
    {
        bool is_nil = !memcmp(t + 16 + 40 * i, nil, 16), rep = false;

        for ( uint64_t j = 0; j < i && !is_nil; j++ )
            rep |= !memcmp(t + 16 + 40 * i, t + 16 + 40 * j, 16);
        nils += is_nil;
        reps += rep;
        if ( (is_nil || rep) && first == UINT32_MAX )
            first = i;
    }
    retain_esrt_classes(t, bytes, &c);
    check(c.nr_nil == nils && c.nr_repeated == reps && c.first == first);
    if ( first != UINT32_MAX && c.nr_repeated && !c.nr_nil )
        check(c.same_as < c.first &&
              !memcmp(t + 16 + 40 * c.first, t + 16 + 40 * c.same_as, 16));
}

/* Nudges random headers towards sizes that fit, so validators run. */
static void shape(int kind, uint8_t *t, size_t len)
{
    if ( kind == 0 && len >= 16 )
    {
        put(t, 4, get(t, 4) % 24);
        put(t + 4, 4, get(t, 4) + get(t + 4, 4) % 3 - 1);
        put(t + 8, 8, 1 + (get(t + 8, 8) % 8 == 0));
    }
    else if ( kind == 1 && len >= 16 )
    {
        put(t, 4, 1 + get(t, 4) % 2);
        put(t + 4, 4, get(t + 4, 4) % 12);
        put(t + 8, 4, 40 + 8 * (get(t + 8, 4) % 3));
        /* Mostly ascending, now and then overlapping, unaligned or empty. */
        for ( size_t off = 16, base = 0x7c000000; off + 40 <= len;
              off += 40 )
        {
            uint8_t r = t[off + 8], q = t[off + 24];
            uint64_t s = base + (r % 3) * PG - (r > 250 ? PG : 0) +
                         (r == 128 ? 0x800 : 0);
            uint64_t p = q % 16 ? q % 4 + 1 : 0;

            put(t + off, 4, 5 + t[off] % 2 + (t[off] > 250));
            put(t + off + 8, 8, s);
            put(t + off + 24, 8, p);
            base = s + p * PG;
        }
    }
    else if ( kind == 2 && len >= 4 )
    {
        put(t, 2, 1 + (t[0] > 250));
        put(t + 2, 2, 8 + 8 * (t[2] > 250));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct efimap_entry m[MAX_ENTRIES];
    struct retain_range x[2];
    struct retain_decision d, d2;
    unsigned int n, nx = 0, hdr;
    uint64_t pa, at, room, want_bytes, span = 0;
    uint8_t opt, *buf, *tbl;
    size_t tlen;
    int kind, first, last;
    enum retain_status want;

    if ( size < 2 )
        return 0;
    opt = data[0];
    kind = (opt & OPT_KIND_MASK) % retain_nr_kinds;
    n = data[1] % MAX_ENTRIES + 1;
    hdr = 2 + 2 * n + 3 + 8;
    if ( size < hdr )
        return 0;

    for ( unsigned int i = 0; i < n; i++ )
    {
        uint8_t a = data[2 + 2 * i], b = data[3 + 2 * i];

        span += (a & 0x80 ? PG : 0) + ((b & 15) + 1) * PG;
    }
    at = (opt & OPT_NEAR_TOP) ? 0 - span : 0x100000;
    for ( unsigned int i = 0; i < n; i++ )
    {
        uint8_t a = data[2 + 2 * i], b = data[3 + 2 * i];

        at += a & 0x80 ? PG : 0;
        m[i] = (struct efimap_entry){ .start_pa = at,
                                      .nr_pages = (b & 15) + 1,
                                      .type = types[a & 15], .attr = i,
                                      .fw_index = i };
        at += m[i].nr_pages * PG;
    }
    check(efimap_is_normalized(m, n));

    {
        const uint8_t *p = data + 2 + 2 * n;
        unsigned int j = p[0] % (n + 1);
        uint64_t off = get(p + 1, 2);

        pa = j == n ? at : m[j].start_pa + off % (m[j].nr_pages * PG + 64);
        for ( unsigned int i = 0; (opt & OPT_EXCL) && i < 2; i++ )
        {
            int16_t delta = (int16_t)get(p + 3 + 4 * i, 2);

            x[i].start_pa = pa + (int64_t)delta;
            x[i].end_pa = x[i].start_pa + get(p + 5 + 4 * i, 2);
            nx++;
        }
    }

    /* The table bytes, cut or zero-padded to exactly what may be read. */
    room = readable(m, n, pa);
    tlen = size - hdr;
    tbl = malloc(tlen ? tlen : 1);
    memcpy(tbl, data + hdr, tlen);
    if ( opt & OPT_SHAPED )
        shape(kind, tbl, tlen);
    buf = malloc(room);
    memset(buf, 0, room);
    memcpy(buf, tbl, tlen < room ? tlen : room);

    /* Every field is written, whatever was there before. */
    memset(&d, 0x5a, sizeof(d));
    memset(&d2, 0xa5, sizeof(d2));
    retain_judge(&retain_kinds[kind], pa, buf, m, n, x, nx, &d);
    retain_judge(&retain_kinds[kind], pa, buf, m, n, x, nx, &d2);
    check(d.action == d2.action && d.why == d2.why &&
          d.mem_type == d2.mem_type && d.bytes == d2.bytes);
    want = expected(kind, m, n, pa, buf, room, x, nx, &want_bytes);
    check(d.why == want && d.bytes == want_bytes);
    check(d.action <= RETAIN_REFUSE && d.why < RETAIN_NR_STATUS);
    check((d.action == RETAIN_REFUSE) == (d.why != RETAIN_OK));
    first = holder(m, n, pa);
    check(first < 0 || !pa ? d.mem_type == 0
                          : d.mem_type == m[first].type);

    if ( d.action != RETAIN_REFUSE )
    {
        bool all_keep = true;
        enum retain_status why;

        /* Inside acceptable entries, exactly the size its header gives. */
        check(pa && d.bytes && d.bytes <= room);
        check(d.bytes == size_of(kind, buf, &why) && why == RETAIN_OK);
        last = holder(m, n, pa + d.bytes - 1);
        check(first >= 0 && last >= first);
        for ( int i = first; i <= last; i++ )
        {
            check(ok_type(m[i].type));
            check(i == first || m[i].start_pa == last_of(&m[i - 1]) + 1);
            all_keep &= keep_type(m[i].type);
        }
        check(!overlap(pa, pa + d.bytes - 1, x, nx));
        check(all_keep == (d.action == RETAIN_KEEP));
        if ( kind == 0 )
            check_classes(buf, d.bytes);
    }
    free(buf);
    free(tbl);
    return 0;
}
