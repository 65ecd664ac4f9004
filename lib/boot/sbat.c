/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Check of an image's .sbat CSV text: see include/xen/sbat.h. Pure: the
 * build's post-link tool and the unit tests call it on bytes they hold.
 */
#include <xen/sbat.h>

static const char *const sbat_text[SBAT_NR_STATUS] = {
    [SBAT_OK]             = "ok",
    [SBAT_EMPTY]          = "no SBAT text",
    [SBAT_BAD_HEADER]     = "first line is not the SBAT version record",
    [SBAT_NO_NEWLINE]     = "line not ended by a newline",
    [SBAT_BAD_CHAR]       = "control, non-ASCII or quote character",
    [SBAT_BAD_FIELDS]     = "not six non-empty fields",
    [SBAT_BAD_GENERATION] = "generation not a decimal number from 1",
    [SBAT_NO_COMPONENT]   = "no component after the version record",
    [SBAT_JUNK_AFTER_NUL] = "bytes other than NUL after the text",
};

const char *sbat_strerror(enum sbat_status st)
{
    if ( (unsigned int)st >= SBAT_NR_STATUS || !sbat_text[st] )
        return "unknown sbat status";
    return sbat_text[st];
}

/* Parses a generation field of n bytes at p into *gen. */
static bool sbat_generation(const char *p, size_t n, uint32_t *gen)
{
    uint64_t v = 0;

    if ( !n || p[0] == '0' )
        return false;
    for ( size_t i = 0; i < n; i++ )
    {
        if ( p[i] < '0' || p[i] > '9' )
            return false;
        v = v * 10 + (uint64_t)(p[i] - '0');
        if ( v > UINT32_MAX )
            return false;
    }
    *gen = (uint32_t)v;
    return true;
}

/* Checks one line of n bytes (newline excluded); *gen gets field 2. */
static enum sbat_status sbat_line(const char *p, size_t n, uint32_t *gen)
{
    size_t start = 0;
    unsigned int field = 0;

    for ( size_t i = 0; i <= n; i++ )
    {
        if ( i < n && p[i] != ',' )
        {
            if ( p[i] < 0x20 || p[i] > 0x7e || p[i] == '"' )
                return SBAT_BAD_CHAR;
            continue;
        }
        if ( i == start || field == SBAT_NR_FIELDS )
            return SBAT_BAD_FIELDS;
        if ( field == 1 && !sbat_generation(p + start, i - start, gen) )
            return SBAT_BAD_GENERATION;
        field++;
        start = i + 1;
    }
    return field == SBAT_NR_FIELDS ? SBAT_OK : SBAT_BAD_FIELDS;
}

enum sbat_status sbat_check(const void *text, size_t len,
                            struct sbat_info *out)
{
    static const char header[] = SBAT_HEADER_LINE;
    const char *t = text;
    size_t end = 0, pos = 0;
    unsigned int line = 0;

    *out = (struct sbat_info){ 0 };
    while ( end < len && t[end] )
        end++;
    for ( size_t i = end; i < len; i++ )
        if ( t[i] )
            return SBAT_JUNK_AFTER_NUL;
    if ( !end )
        return SBAT_EMPTY;
    while ( pos < end )
    {
        size_t n = 0;
        uint32_t gen = 0;
        enum sbat_status st;

        out->bad_line = ++line;
        while ( pos + n < end && t[pos + n] != '\n' )
            n++;
        if ( pos + n == end )
            return SBAT_NO_NEWLINE;
        st = sbat_line(t + pos, n, &gen);
        if ( st != SBAT_OK )
            return st;
        if ( line == 1 )
        {
            if ( n != sizeof(header) - 1 )
                return SBAT_BAD_HEADER;
            for ( size_t i = 0; i < n; i++ )
                if ( t[pos + i] != header[i] )
                    return SBAT_BAD_HEADER;
        }
        else
        {
            if ( !out->nr_components )
                out->first_generation = gen;
            out->nr_components++;
        }
        pos += n + 1;
    }
    out->bad_line = 0;
    return out->nr_components ? SBAT_OK : SBAT_NO_COMPONENT;
}
