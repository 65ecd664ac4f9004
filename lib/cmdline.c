/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Splits a hypervisor command line into words and converts word values.
 * The iterator never copies: names and values point into the caller's
 * line, which must stay mapped while the words are used. Nothing here
 * reads past the length the caller gave, even inside an unclosed quote.
 */
#include <xen/cmdline.h>

/* GRUB and EFI loaders may leave tabs or line ends in the line. */
static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Prepares *it for cmdline_next over len bytes of cmdline, ending at the
 * first NUL if one comes earlier. cmdline may be NULL when len is 0.
 */
void cmdline_iter_init(struct cmdline_iter *it, const char *cmdline,
                       size_t len)
{
    size_t n = 0;

    while ( n < len && cmdline[n] )
        n++;
    it->pos = cmdline;
    it->end = n ? cmdline + n : cmdline;
}

/*
 * A value in double quotes runs to the closing quote, or to the end of the
 * line if there is none. Bytes between a closing quote and the next blank
 * belong to this word and are dropped, so a stray character cannot turn
 * into an option of its own.
 */
static const char *scan_value(const char *p, const char *end,
                              struct cmdline_word *w)
{
    const char *v = p;

    if ( p < end && *p == '"' )
    {
        v = ++p;
        while ( p < end && *p != '"' )
            p++;
        w->value = v;
        w->value_len = p - v;
        while ( p < end && !is_blank(*p) )
            p++;
        return p;
    }
    while ( p < end && !is_blank(*p) )
        p++;
    w->value = v;
    w->value_len = p - v;
    return p;
}

/*
 * Fills *w with the next word and moves past it. Returns false, leaving
 * *w untouched, when only blanks remain.
 */
bool cmdline_next(struct cmdline_iter *it, struct cmdline_word *w)
{
    const char *p = it->pos, *end = it->end, *name;

    while ( p < end && is_blank(*p) )
        p++;
    if ( p >= end )
    {
        it->pos = end;
        return false;
    }

    name = p;
    while ( p < end && *p != '=' && !is_blank(*p) )
        p++;
    w->name = name;
    w->name_len = p - name;
    w->value = NULL;
    w->value_len = 0;
    w->negated = false;
    if ( w->name_len > 3 && name[0] == 'n' && name[1] == 'o' &&
         name[2] == '-' )
    {
        w->negated = true;
        w->name += 3;
        w->name_len -= 3;
    }

    if ( p < end && *p == '=' )
        p = scan_value(p + 1, end, w);
    it->pos = p;
    return true;
}

/* True when the word's name is exactly name (a NUL-terminated string). */
bool cmdline_name_is(const struct cmdline_word *w, const char *name)
{
    size_t i;

    /* Word names hold no NUL, so a shorter name stops the loop here. */
    for ( i = 0; i < w->name_len; i++ )
        if ( name[i] != w->name[i] )
            return false;
    return name[i] == '\0';
}

static bool value_is(const struct cmdline_word *w, const char *s)
{
    size_t i;

    for ( i = 0; i < w->value_len; i++ )
        if ( s[i] != w->value[i] )
            return false;
    return s[i] == '\0';
}

/*
 * Stores the word's boolean in *out. Returns 0, or -1 (and leaves *out)
 * for an unknown spelling, an empty value or a value on a `no-` word.
 */
int cmdline_bool(const struct cmdline_word *w, bool *out)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };

    if ( !w->value )
    {
        *out = !w->negated;
        return 0;
    }
    if ( w->negated )
        return -1;
    for ( size_t i = 0; i < ARRAY_SIZE(yes); i++ )
    {
        if ( value_is(w, yes[i]) )
        {
            *out = true;
            return 0;
        }
        if ( value_is(w, no[i]) )
        {
            *out = false;
            return 0;
        }
    }
    return -1;
}

static int digit_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return 99;
}

static unsigned int suffix_shift(char c)
{
    switch ( c )
    {
    case 'K': case 'k': return 10;
    case 'M': case 'm': return 20;
    case 'G': case 'g': return 30;
    case 'T': case 't': return 40;
    default: return 0;
    }
}

/*
 * Parses an unsigned number from len bytes of s (a NUL ends it early):
 * decimal, or hex after 0x or 0X, then an optional K/M/G/T (either case)
 * multiplying by 2^10, 2^20, 2^30 or 2^40. Without rest the number must
 * fill the string; with rest, *rest gets the first byte after it. Returns
 * 0, or -1 on no digits, overflow or junk; *out and *rest are written only
 * on success.
 */
int cmdline_uint(const char *s, size_t len, uint64_t *out, const char **rest)
{
    unsigned int base = 10, shift;
    size_t i = 0, n = 0, first;
    uint64_t v = 0;

    while ( n < len && s[n] )
        n++;
    /* "0x" with no hex digit after it is the number 0, then junk. */
    if ( n >= 3 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
         digit_value(s[2]) < 16 )
    {
        base = 16;
        i = 2;
    }

    for ( first = i; i < n && digit_value(s[i]) < (int)base; i++ )
    {
        unsigned int d = digit_value(s[i]);

        if ( v > (UINT64_MAX - d) / base )
            return -1;
        v = v * base + d;
    }
    if ( i == first )
        return -1;

    if ( i < n && (shift = suffix_shift(s[i])) )
    {
        if ( v > (UINT64_MAX >> shift) )
            return -1;
        v <<= shift;
        i++;
    }

    if ( !rest && i != n )
        return -1;
    if ( rest )
        *rest = s + i;
    *out = v;
    return 0;
}
