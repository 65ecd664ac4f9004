/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware test shim's unaccepted ranges: parsing the load options the
 * UEFI shell hands the shim, and the set arithmetic its memory-accept
 * protocol does. See shimopt.h.
 */
#include "shimopt.h"

#define OPT_UNACCEPTED  "unaccepted="
#define OPT_ACCEPT      "accept="

const char *shimopt_strerror(enum shimopt_status st)
{
    switch ( st )
    {
    case SHIMOPT_OK:
        return "ok";
    case SHIMOPT_ERR_UNKNOWN_WORD:
        return "unknown option (expected unaccepted= or accept=)";
    case SHIMOPT_ERR_SYNTAX:
        return "range is not START-END";
    case SHIMOPT_ERR_NUMBER:
        return "bad hex number";
    case SHIMOPT_ERR_UNALIGNED:
        return "range is not 4 KiB aligned";
    case SHIMOPT_ERR_EMPTY:
        return "range is empty";
    case SHIMOPT_ERR_OVERLAP:
        return "range overlaps an earlier one";
    case SHIMOPT_ERR_TOO_MANY:
        return "too many ranges";
    case SHIMOPT_ERR_NOT_INSIDE:
        return "not inside one unaccepted range";
    case SHIMOPT_ERR_FULL:
        return "no room to split the range";
    }
    return "unknown status";
}

/* The UCS-2 text being parsed: read a unit at a time, never past nr. */
struct text {
    const uint8_t *b;
    size_t nr;
};

static uint16_t text_at(const struct text *t, size_t i)
{
    return t->b[2 * i] | (uint16_t)(t->b[2 * i + 1] << 8);
}

static bool is_space(uint16_t c)
{
    return c == ' ' || c == '\t';
}

static int hex_digit(uint16_t c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

/* Parses the hex number in units [i, end) of t. */
static enum shimopt_status parse_hex(const struct text *t, size_t i,
                                     size_t end, uint64_t *val)
{
    uint64_t v = 0;

    if ( end - i >= 2 && text_at(t, i) == '0' &&
         (text_at(t, i + 1) == 'x' || text_at(t, i + 1) == 'X') )
        i += 2;
    if ( i == end )
        return SHIMOPT_ERR_NUMBER;
    for ( ; i < end; i++ )
    {
        int d = hex_digit(text_at(t, i));

        if ( d < 0 || v > (UINT64_MAX >> 4) )
            return SHIMOPT_ERR_NUMBER;
        v = (v << 4) | (uint64_t)d;
    }
    *val = v;
    return SHIMOPT_OK;
}

/* Adds [s, e) to the sorted set, merging it with touching neighbours. */
static enum shimopt_status set_add(struct shimopt_set *set, uint64_t s,
                                   uint64_t e)
{
    unsigned int i = 0;

    while ( i < set->nr && set->r[i].end_pa < s )
        i++;
    if ( i < set->nr && set->r[i].start_pa < e && s < set->r[i].end_pa )
        return SHIMOPT_ERR_OVERLAP;
    if ( i < set->nr && set->r[i].end_pa == s )
    {
        /* Touches range i from above; may close the gap to range i + 1. */
        if ( i + 1 < set->nr && set->r[i + 1].start_pa < e )
            return SHIMOPT_ERR_OVERLAP;
        set->r[i].end_pa = e;
        if ( i + 1 < set->nr && set->r[i + 1].start_pa == e )
        {
            set->r[i].end_pa = set->r[i + 1].end_pa;
            for ( unsigned int j = i + 1; j + 1 < set->nr; j++ )
                set->r[j] = set->r[j + 1];
            set->nr--;
        }
        return SHIMOPT_OK;
    }
    if ( i < set->nr && set->r[i].start_pa == e )
    {
        set->r[i].start_pa = s;
        return SHIMOPT_OK;
    }
    if ( set->nr == SHIMOPT_MAX_RANGES )
        return SHIMOPT_ERR_FULL;
    for ( unsigned int j = set->nr; j > i; j-- )
        set->r[j] = set->r[j - 1];
    set->r[i].start_pa = s;
    set->r[i].end_pa = e;
    set->nr++;
    return SHIMOPT_OK;
}

/* Whether units [i, end) of t start with the ASCII prefix p. */
static bool has_prefix(const struct text *t, size_t i, size_t end,
                       const char *p)
{
    for ( ; *p; p++, i++ )
        if ( i == end || text_at(t, i) != (uint8_t)*p )
            return false;
    return true;
}

/* START-END in units [i, end) of t; END must lie above START. */
static enum shimopt_status parse_range(const struct text *t, size_t i,
                                       size_t end, struct shimopt_range *r)
{
    enum shimopt_status st;
    size_t dash;

    for ( dash = i; dash < end && text_at(t, dash) != '-'; dash++ )
        ;
    if ( dash == end )
        return SHIMOPT_ERR_SYNTAX;
    if ( (st = parse_hex(t, i, dash, &r->start_pa)) != SHIMOPT_OK ||
         (st = parse_hex(t, dash + 1, end, &r->end_pa)) != SHIMOPT_OK )
        return st;
    return r->end_pa > r->start_pa ? SHIMOPT_OK : SHIMOPT_ERR_EMPTY;
}

/* One word other than the image name: units [i, end) of t. */
static enum shimopt_status parse_word(const struct text *t, size_t i,
                                      size_t end, struct shimopt *out,
                                      unsigned int *nr_unaccepted)
{
    struct shimopt_range r;
    enum shimopt_status st;

    if ( has_prefix(t, i, end, OPT_ACCEPT) )
    {
        if ( out->nr_accept == SHIMOPT_MAX_OPTS )
            return SHIMOPT_ERR_TOO_MANY;
        st = parse_range(t, i + sizeof(OPT_ACCEPT) - 1, end, &r);
        if ( st == SHIMOPT_OK )
            out->accept[out->nr_accept++] = r;
        return st;
    }
    if ( !has_prefix(t, i, end, OPT_UNACCEPTED) )
        return SHIMOPT_ERR_UNKNOWN_WORD;
    if ( *nr_unaccepted == SHIMOPT_MAX_OPTS )
        return SHIMOPT_ERR_TOO_MANY;
    (*nr_unaccepted)++;
    /* Alignment first: an unaligned END may well lie below START too. */
    st = parse_range(t, i + sizeof(OPT_UNACCEPTED) - 1, end, &r);
    if ( (st == SHIMOPT_OK || st == SHIMOPT_ERR_EMPTY) &&
         (!IS_ALIGNED(r.start_pa, SHIMOPT_PAGE_BYTES) ||
          !IS_ALIGNED(r.end_pa, SHIMOPT_PAGE_BYTES)) )
        return SHIMOPT_ERR_UNALIGNED;
    if ( st != SHIMOPT_OK )
        return st;
    return set_add(&out->unaccepted, r.start_pa, r.end_pa);
}

static bool word_has_equals(const struct text *t, size_t i, size_t end)
{
    for ( ; i < end; i++ )
        if ( text_at(t, i) == '=' )
            return true;
    return false;
}

enum shimopt_status shimopt_parse(const void *opts, size_t opts_bytes,
                                  struct shimopt *out,
                                  struct shimopt_where *where)
{
    struct text t = { opts, opts_bytes / 2 };
    unsigned int nr_words = 0, nr_unaccepted = 0;
    enum shimopt_status st;
    size_t i = 0, end;

    out->unaccepted.nr = 0;
    out->nr_accept = 0;
    where->offset_chars = where->nr_chars = 0;
    for ( size_t k = 0; k < t.nr; k++ )
        if ( !text_at(&t, k) )
        {
            t.nr = k;
            break;
        }

    for ( ;; )
    {
        while ( i < t.nr && is_space(text_at(&t, i)) )
            i++;
        if ( i == t.nr )
            return SHIMOPT_OK;
        for ( end = i; end < t.nr && !is_space(text_at(&t, end)); end++ )
            ;
        where->offset_chars = i;
        where->nr_chars = end - i;
        if ( nr_words++ == 0 && !word_has_equals(&t, i, end) )
        {
            i = end;
            continue;
        }
        if ( (st = parse_word(&t, i, end, out, &nr_unaccepted)) !=
             SHIMOPT_OK )
            return st;
        i = end;
    }
}

int shimopt_find(const struct shimopt_set *set, uint64_t start_pa,
                 uint64_t bytes)
{
    if ( !bytes || start_pa + bytes < start_pa )
        return -1;
    for ( unsigned int i = 0; i < set->nr && i < SHIMOPT_MAX_RANGES; i++ )
        if ( set->r[i].start_pa <= start_pa &&
             start_pa + bytes <= set->r[i].end_pa )
            return (int)i;
    return -1;
}

enum shimopt_status shimopt_remove(struct shimopt_set *set, uint64_t start_pa,
                                   uint64_t bytes)
{
    uint64_t end_pa = start_pa + bytes;
    struct shimopt_range *r;
    int i;

    if ( !bytes )
        return SHIMOPT_ERR_EMPTY;
    if ( !IS_ALIGNED(start_pa, SHIMOPT_PAGE_BYTES) ||
         !IS_ALIGNED(bytes, SHIMOPT_PAGE_BYTES) )
        return SHIMOPT_ERR_UNALIGNED;
    if ( (i = shimopt_find(set, start_pa, bytes)) < 0 )
        return SHIMOPT_ERR_NOT_INSIDE;
    r = &set->r[i];

    if ( r->start_pa == start_pa && r->end_pa == end_pa )
    {
        for ( unsigned int j = i; j + 1 < set->nr; j++ )
            set->r[j] = set->r[j + 1];
        set->nr--;
    }
    else if ( r->start_pa == start_pa )
        r->start_pa = end_pa;
    else if ( r->end_pa == end_pa )
        r->end_pa = start_pa;
    else
    {
        /* The middle goes: what lies above it becomes range i + 1. */
        if ( set->nr == SHIMOPT_MAX_RANGES )
            return SHIMOPT_ERR_FULL;
        for ( unsigned int j = set->nr; j > (unsigned int)i + 1; j-- )
            set->r[j] = set->r[j - 1];
        set->r[i + 1].start_pa = end_pa;
        set->r[i + 1].end_pa = r->end_pa;
        r->end_pa = start_pa;
        set->nr++;
    }
    return SHIMOPT_OK;
}

uint64_t shimopt_total_pages(const struct shimopt_set *set)
{
    uint64_t pages = 0;

    for ( unsigned int i = 0; i < set->nr && i < SHIMOPT_MAX_RANGES; i++ )
        pages += (set->r[i].end_pa - set->r[i].start_pa) / SHIMOPT_PAGE_BYTES;
    return pages;
}
