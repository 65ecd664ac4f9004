/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for e820_sanitize() and e820_add(). Input: one mode byte,
 * then 20-byte records (addr, size, type). The mode picks how records are
 * read: raw, squeezed into a small window so that they overlap a lot, or
 * squeezed against 2^64 so that they are clipped.
 *
 * Invariants checked on every input: the output is sanitized (sorted,
 * disjoint, merged, no empty entries); each point at which any input or
 * output range begins or ends has, in the output, exactly the type a
 * brute-force scan of the inputs gives it (the stricter type by this
 * file's own copy of the documented order), so every byte covered by the
 * input is covered exactly once with the winning type and no other byte is
 * covered; the result does not depend on input order; a short output
 * reports the same count; e820_add keeps the map sanitized and changes
 * exactly the range it was given.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/e820.h>

#define MAX_IN 128
#define MAX_PROBES (MAX_IN * 8 + 16)

/* The documented order, written again here rather than shared. */
static int rank_of(uint32_t type)
{
    switch ( type )
    {
    case 1: return 0;
    case 3: return 1;
    case 4: return 3;
    case 5: return 4;
    default: return 2;
    }
}

static bool beats(uint32_t a, uint32_t b)
{
    if ( rank_of(a) != rank_of(b) )
        return rank_of(a) > rank_of(b);
    return a > b;
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, 8);
    return v;
}

static void check(bool ok)
{
    if ( !ok )
        abort();
}

/* Inclusive last byte, with the end clipped at 2^64. */
static uint64_t last_of(uint64_t addr, uint64_t size)
{
    return size - 1 > UINT64_MAX - addr ? UINT64_MAX : addr + (size - 1);
}

/* Type the inputs give x, by brute force; 0 with *found false if none. */
static uint32_t reference(const struct e820entry *in, unsigned int n,
                          uint64_t x, bool *found)
{
    uint32_t best = 0;

    *found = false;
    for ( unsigned int i = 0; i < n; i++ )
    {
        if ( !in[i].size || x < in[i].addr ||
             x > last_of(in[i].addr, in[i].size) )
            continue;
        if ( !*found || beats(in[i].type, best) )
            best = in[i].type;
        *found = true;
    }
    return best;
}

/* Type the output gives x, by a linear scan. */
static uint32_t lookup(const struct e820entry *m, unsigned int n, uint64_t x,
                       bool *found)
{
    for ( unsigned int i = 0; i < n; i++ )
        if ( x >= m[i].addr && x - m[i].addr < m[i].size )
        {
            *found = true;
            return m[i].type;
        }
    *found = false;
    return 0;
}

/* Independent of e820_is_sanitized(): sorted, disjoint, merged. */
static void check_sanitized(const struct e820entry *m, unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
    {
        check(m[i].size != 0);
        check(m[i].size - 1 <= UINT64_MAX - m[i].addr);
        if ( !i )
            continue;
        uint64_t pl = m[i - 1].addr + (m[i - 1].size - 1);

        check(pl < m[i].addr);
        if ( pl + 1 == m[i].addr && m[i - 1].type == m[i].type )
            check(m[i - 1].addr == 0 &&
                  m[i].addr + (m[i].size - 1) == UINT64_MAX);
    }
    check(e820_is_sanitized(m, n));
}

static unsigned int add_probes(uint64_t *p, unsigned int np, uint64_t addr,
                               uint64_t size)
{
    uint64_t last;

    if ( !size )
        return np;
    last = last_of(addr, size);
    p[np++] = addr;
    p[np++] = last;
    if ( addr )
        p[np++] = addr - 1;
    if ( last != UINT64_MAX )
        p[np++] = last + 1;
    return np;
}

static void read_records(const uint8_t *data, size_t size, uint8_t mode,
                         struct e820entry *in, unsigned int *nr)
{
    unsigned int n = 0;

    for ( ; size >= 20 && n < MAX_IN; data += 20, size -= 20, n++ )
    {
        uint64_t a = get64(data), s = get64(data + 8);
        uint32_t t;

        memcpy(&t, data + 16, 4);
        switch ( (mode & 0x0f) % 3 )
        {
        case 1:     /* small window, heavy overlap, some one byte deep */
            a = (a % 64) * 0x800 + ((a >> 40) & 1);
            s = (s % 32) * 0x800 + ((s >> 40) & 1);
            t %= 8;
            break;
        case 2:     /* against the top of the address space */
            a = UINT64_MAX - (a % 64) * 0x800;
            s = (s % 64) * 0x800 + (s >> 63);
            t %= 8;
            break;
        }
        in[n] = (struct e820entry){ a, s, t };
    }
    *nr = n;
}

static void check_add(struct e820entry *m, unsigned int n, unsigned int max,
                      const struct e820entry *r)
{
    struct e820entry before[2 * MAX_IN + 8];
    uint64_t probes[MAX_PROBES * 2];
    unsigned int np = 0, nb = n;
    enum e820_status st;

    memcpy(before, m, n * sizeof(*m));
    st = e820_add(m, &n, max, r->addr, r->size, r->type);
    if ( st != E820_OK )
    {
        check(st == E820_ERR_RANGE || st == E820_ERR_NO_ROOM);
        check(n == nb && !memcmp(before, m, n * sizeof(*m)));
        return;
    }
    check_sanitized(m, n);
    np = add_probes(probes, np, r->addr, r->size);
    for ( unsigned int i = 0; i < nb; i++ )
        np = add_probes(probes, np, before[i].addr, before[i].size);
    for ( unsigned int i = 0; i < np; i++ )
    {
        uint64_t x = probes[i];
        bool f0, f1;
        uint32_t t0 = lookup(before, nb, x, &f0);
        uint32_t t1 = lookup(m, n, x, &f1);

        if ( r->size && x >= r->addr && x - r->addr < r->size )
            check(f1 && t1 == r->type);
        else
            check(f0 == f1 && t0 == t1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct e820entry in[MAX_IN], rev[MAX_IN];
    static struct e820entry out[2 * MAX_IN + 8], out2[2 * MAX_IN + 8];
    static unsigned char scratch[MAX_IN * 64];
    uint64_t probes[MAX_PROBES * 2 + 8];
    unsigned int n, nr, nr2, np = 0;
    enum e820_status st;

    if ( size < 1 )
        return 0;
    read_records(data + 1, size - 1, data[0], in, &n);

    st = e820_sanitize(in, n, out, 2 * MAX_IN, &nr, scratch, sizeof(scratch));
    check(st == E820_OK);
    check(nr <= 2 * n);
    check_sanitized(out, nr);

    /* Probe every point where some input or output range starts or ends. */
    for ( unsigned int i = 0; i < n; i++ )
        np = add_probes(probes, np, in[i].addr, in[i].size);
    for ( unsigned int i = 0; i < nr && np + 4 <= ARRAY_SIZE(probes); i++ )
        np = add_probes(probes, np, out[i].addr, out[i].size);
    probes[np++] = 0;
    probes[np++] = UINT64_MAX;
    for ( unsigned int i = 0; i < np; i++ )
    {
        bool f_ref, f_out;
        uint32_t t_ref = reference(in, n, probes[i], &f_ref);
        uint32_t t_out = lookup(out, nr, probes[i], &f_out);

        check(f_ref == f_out && t_ref == t_out);
    }

    /* Same set, other order: same map. */
    for ( unsigned int i = 0; i < n; i++ )
        rev[i] = in[n - 1 - i];
    check(e820_sanitize(rev, n, out2, 2 * MAX_IN, &nr2, scratch,
                        sizeof(scratch)) == E820_OK);
    check(nr2 == nr && !memcmp(out, out2, nr * sizeof(*out)));

    /* A short output: same count, and the part written is the same. */
    if ( nr > 1 )
    {
        check(e820_sanitize(in, n, out2, nr - 1, &nr2, scratch,
                            sizeof(scratch)) == E820_ERR_NO_ROOM);
        check(nr2 == nr && !memcmp(out, out2, (nr - 1) * sizeof(*out)));
    }

    /* Carve the first record into the result, its type overriding. */
    if ( n )
        check_add(out, nr, MIN(nr + 2 + (data[0] >> 4), ARRAY_SIZE(out)),
                  &in[0]);
    return 0;
}
