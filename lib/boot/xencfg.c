/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xen.cfg parser: see include/xen/xencfg.h for the format. The file is
 * read line by line with a cursor; each line is classified without copying.
 * Every public lookup walks the whole file, so validation errors do not
 * depend on where the wanted key happens to sit; config files are a few
 * hundred bytes, so the repeated walks cost nothing worth saving.
 */
#include <xen/xencfg.h>

enum line_kind {
    LINE_EMPTY,         /* blank or comment only */
    LINE_SECTION,       /* name = the text between the brackets */
    LINE_PAIR,          /* name = key, val = value */
};

struct line {
    enum line_kind kind;
    const char *name;
    size_t name_len;
    const char *val;
    size_t val_len;
};

struct cursor {
    const char *buf;
    size_t len;
    size_t pos;
    unsigned int lineno;
};

/* The keys some part of the boot path reads (Arm's dtb= is not one). */
static const char *const known_keys[] = {
    "options", "kernel", "ramdisk", "xsm", "ucode", "video",
    "chain", "default",
};

static const char *const status_text[XENCFG_NR_STATUS] = {
    [XENCFG_OK]                   = "ok",
    [XENCFG_NO_KEY]               = "key not found",
    [XENCFG_NO_SECTION]           = "section not found",
    [XENCFG_NO_DEFAULT_SECTION]   = "section named by [global] default= "
                                    "not found",
    [XENCFG_NON_ASCII]            = "non-ASCII byte",
    [XENCFG_CONTROL_CHAR]         = "control character",
    [XENCFG_NO_EQUALS]            = "line is neither [section] nor key=value",
    [XENCFG_EMPTY_KEY]            = "empty key before '='",
    [XENCFG_BAD_KEY]              = "blank or bracket in key",
    [XENCFG_UNTERMINATED_SECTION] = "missing ']' after section name",
    [XENCFG_EMPTY_SECTION_NAME]   = "empty section name",
    [XENCFG_BAD_SECTION_NAME]     = "blank or '[' in section name",
    [XENCFG_SECTION_JUNK]         = "text after ']'",
    [XENCFG_NAMES_END]            = "no more config file names",
    [XENCFG_BAD_IMAGE_NAME]       = "image name unusable for a config name",
    [XENCFG_NAME_TOO_LONG]        = "config file name too long",
};

const char *xencfg_strerror(enum xencfg_status st)
{
    if ( (unsigned int)st >= XENCFG_NR_STATUS || !status_text[st] )
        return "unknown xencfg status";
    return status_text[st];
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static bool span_eq(const char *a, size_t a_len, const char *b, size_t b_len)
{
    if ( a_len != b_len )
        return false;
    for ( size_t i = 0; i < a_len; i++ )
        if ( a[i] != b[i] )
            return false;
    return true;
}

static bool span_is(const char *a, size_t a_len, const char *z)
{
    size_t i;

    for ( i = 0; i < a_len; i++ )
        if ( !z[i] || a[i] != z[i] )
            return false;
    return !z[i];
}

/* Bytes before the trailing blanks and CRs have been cut off. */
static enum xencfg_status check_bytes(const char *s, size_t n)
{
    for ( size_t i = 0; i < n; i++ )
    {
        unsigned char c = s[i];

        if ( c >= 0x80 )
            return XENCFG_NON_ASCII;
        if ( (c < 0x20 && c != '\t') || c == 0x7f )
            return XENCFG_CONTROL_CHAR;
    }
    return XENCFG_OK;
}

/* s/n: what follows the '[' up to the end of the significant text. */
static enum xencfg_status parse_section(const char *s, size_t n,
                                        struct line *l)
{
    size_t close = 0;

    while ( close < n && s[close] != ']' )
        close++;
    if ( close == n )
        return XENCFG_UNTERMINATED_SECTION;
    if ( close == 0 )
        return XENCFG_EMPTY_SECTION_NAME;
    for ( size_t i = 0; i < close; i++ )
        if ( is_blank(s[i]) || s[i] == '[' )
            return XENCFG_BAD_SECTION_NAME;
    /* Trailing blanks and comments are already gone from n. */
    if ( close + 1 != n )
        return XENCFG_SECTION_JUNK;
    l->kind = LINE_SECTION;
    l->name = s;
    l->name_len = close;
    return XENCFG_OK;
}

static enum xencfg_status parse_pair(const char *s, size_t n, struct line *l)
{
    size_t eq = 0, key_len, v;

    while ( eq < n && s[eq] != '=' )
        eq++;
    if ( eq == n )
        return XENCFG_NO_EQUALS;
    key_len = eq;
    while ( key_len && is_blank(s[key_len - 1]) )
        key_len--;
    if ( !key_len )
        return XENCFG_EMPTY_KEY;
    for ( size_t i = 0; i < key_len; i++ )
        if ( is_blank(s[i]) || s[i] == '[' || s[i] == ']' )
            return XENCFG_BAD_KEY;
    v = eq + 1;
    while ( v < n && is_blank(s[v]) )
        v++;
    l->kind = LINE_PAIR;
    l->name = s;
    l->name_len = key_len;
    l->val = s + v;
    l->val_len = n - v;
    return XENCFG_OK;
}

/* Classifies one line of n bytes (its LF excluded). */
static enum xencfg_status parse_line(const char *s, size_t n, struct line *l)
{
    size_t start = 0, end = n;
    enum xencfg_status st;

    /* CR only counts as line end here, so a CR anywhere else is refused. */
    while ( end && (is_blank(s[end - 1]) || s[end - 1] == '\r') )
        end--;
    st = check_bytes(s, end);
    if ( st != XENCFG_OK )
        return st;

    while ( start < end && is_blank(s[start]) )
        start++;
    if ( start < end && s[start] == ';' )
        end = start;
    for ( size_t i = start; i < end; i++ )
        if ( s[i] == '#' )
        {
            end = i;
            break;
        }
    while ( end > start && is_blank(s[end - 1]) )
        end--;

    l->kind = LINE_EMPTY;
    if ( start == end )
        return XENCFG_OK;
    if ( s[start] == '[' )
        return parse_section(s + start + 1, end - start - 1, l);
    return parse_pair(s + start, end - start, l);
}

static void cursor_init(struct cursor *c, const char *buf, size_t len)
{
    c->buf = buf;
    c->len = buf ? len : 0;
    c->pos = 0;
    c->lineno = 0;
}

/*
 * Reads the next line into *l. Returns false at the end of the data;
 * otherwise true with the line's status in *st.
 */
static bool cursor_next(struct cursor *c, struct line *l,
                        enum xencfg_status *st)
{
    size_t start = c->pos, end = c->pos;

    if ( c->pos >= c->len )
        return false;
    while ( end < c->len && c->buf[end] != '\n' )
        end++;
    c->pos = end < c->len ? end + 1 : end;
    c->lineno++;
    *st = parse_line(c->buf + start, end - start, l);
    return true;
}

static void set_line(unsigned int *bad_line, unsigned int line)
{
    if ( bad_line )
        *bad_line = line;
}

static bool key_known(const struct line *l)
{
    for ( size_t i = 0; i < ARRAY_SIZE(known_keys); i++ )
        if ( span_is(l->name, l->name_len, known_keys[i]) )
            return true;
    return false;
}

static void note_pair(const struct line *l, bool in_global,
                      unsigned int lineno, struct xencfg_warnings *w)
{
    bool global_only = span_is(l->name, l->name_len, "chain") ||
                       span_is(l->name, l->name_len, "default");

    if ( !key_known(l) )
    {
        if ( !w->nr_unknown_keys++ )
            w->first_unknown_line = lineno;
    }
    else if ( global_only && !in_global )
    {
        if ( !w->nr_misplaced_keys++ )
            w->first_misplaced_line = lineno;
    }
}

enum xencfg_status xencfg_check(const char *buf, size_t len,
                                unsigned int *bad_line,
                                struct xencfg_warnings *warn)
{
    struct xencfg_warnings scratch;
    struct xencfg_warnings *w = warn ? warn : &scratch;
    struct cursor c;
    struct line l;
    enum xencfg_status st;
    bool in_global = false;

    w->nr_unknown_keys = w->first_unknown_line = 0;
    w->nr_misplaced_keys = w->first_misplaced_line = 0;
    set_line(bad_line, 0);
    cursor_init(&c, buf, len);
    while ( cursor_next(&c, &l, &st) )
    {
        if ( st != XENCFG_OK )
        {
            set_line(bad_line, c.lineno);
            return st;
        }
        if ( l.kind == LINE_SECTION )
            in_global = span_is(l.name, l.name_len, "global");
        else if ( l.kind == LINE_PAIR )
            note_pair(&l, in_global, c.lineno, w);
    }
    return XENCFG_OK;
}

enum xencfg_status xencfg_get(const char *buf, size_t len,
                              const char *section, size_t section_len,
                              const char *key, const char **val,
                              size_t *val_len, unsigned int *bad_line)
{
    struct cursor c;
    struct line l;
    enum xencfg_status st;
    bool in_sel = !section, seen_sel = false, found = false;

    *val = NULL;
    *val_len = 0;
    set_line(bad_line, 0);
    cursor_init(&c, buf, len);
    while ( cursor_next(&c, &l, &st) )
    {
        if ( st != XENCFG_OK )
        {
            *val = NULL;
            *val_len = 0;
            set_line(bad_line, c.lineno);
            return st;
        }
        if ( l.kind == LINE_SECTION && section )
        {
            /* Only the first section of the name counts, as in Xen. */
            in_sel = !seen_sel &&
                     span_eq(l.name, l.name_len, section, section_len);
            seen_sel |= in_sel;
        }
        else if ( l.kind == LINE_PAIR && in_sel && !found &&
                  span_is(l.name, l.name_len, key) )
        {
            found = true;
            *val = l.val;
            *val_len = l.val_len;
        }
    }
    if ( section && !seen_sel )
        return XENCFG_NO_SECTION;
    return found ? XENCFG_OK : XENCFG_NO_KEY;
}

/* The name of the first [name] line in an already validated buffer. */
static const char *find_section(const char *buf, size_t len,
                                const char *name, size_t name_len)
{
    struct cursor c;
    struct line l;
    enum xencfg_status st;

    cursor_init(&c, buf, len);
    while ( cursor_next(&c, &l, &st) )
        if ( st == XENCFG_OK && l.kind == LINE_SECTION &&
             span_eq(l.name, l.name_len, name, name_len) )
            return l.name;
    return NULL;
}

enum xencfg_status xencfg_select(const char *buf, size_t len,
                                 const char *cmdline_section,
                                 size_t cmdline_section_len,
                                 const char **section, size_t *section_len,
                                 unsigned int *bad_line)
{
    enum xencfg_status st, missing = XENCFG_NO_SECTION;
    const char *name = cmdline_section, *found;
    size_t name_len = cmdline_section ? cmdline_section_len : 0;

    *section = NULL;
    *section_len = 0;
    st = xencfg_check(buf, len, bad_line, NULL);
    if ( st != XENCFG_OK )
        return st;

    if ( !name_len )
    {
        missing = XENCFG_NO_DEFAULT_SECTION;
        st = xencfg_get(buf, len, "global", 6, "default", &name, &name_len,
                        NULL);
        if ( st != XENCFG_OK || !name_len )
            return XENCFG_OK;
    }
    found = find_section(buf, len, name, name_len);
    if ( !found )
        return missing;
    *section = found;
    *section_len = name_len;
    return XENCFG_OK;
}

void xencfg_split_word(const char *val, size_t val_len,
                       const char **word, size_t *word_len,
                       const char **rest, size_t *rest_len)
{
    size_t i = 0, r;

    while ( i < val_len && is_blank(val[i]) )
        i++;
    r = i;
    while ( r < val_len && !is_blank(val[r]) )
        r++;
    *word = val + i;
    *word_len = r - i;
    while ( r < val_len && is_blank(val[r]) )
        r++;
    *rest = val + r;
    *rest_len = val_len - r;
}

enum xencfg_status xencfg_names_init(struct xencfg_names *it,
                                     const char *image, size_t image_len)
{
    size_t base = 0, dot = 0;

    it->base = NULL;
    it->stem_len = 0;
    it->done = true;
    if ( !image )
        return XENCFG_BAD_IMAGE_NAME;
    for ( size_t i = 0; i < image_len; i++ )
    {
        unsigned char c = image[i];

        if ( c < 0x20 || c > 0x7e )
            return XENCFG_BAD_IMAGE_NAME;
        if ( c == '\\' || c == '/' )
            base = i + 1;
    }
    if ( base == image_len )
        return XENCFG_BAD_IMAGE_NAME;
    /* Drop the extension; a leading dot starts a name, not an extension. */
    for ( size_t i = base + 1; i < image_len; i++ )
        if ( image[i] == '.' )
            dot = i;
    it->base = image + base;
    it->stem_len = (dot ? dot : image_len) - base;
    it->done = false;
    return XENCFG_OK;
}

enum xencfg_status xencfg_names_next(struct xencfg_names *it, char *out,
                                     size_t out_size, size_t *out_len)
{
    static const char ext[] = ".cfg";
    size_t n = it->stem_len, cut = 0;

    *out_len = 0;
    if ( it->done )
        return XENCFG_NAMES_END;
    if ( out_size < n + sizeof(ext) )
        return XENCFG_NAME_TOO_LONG;
    for ( size_t i = 0; i < n; i++ )
        out[i] = it->base[i];
    for ( size_t i = 0; i < sizeof(ext); i++ )
        out[n + i] = ext[i];
    *out_len = n + sizeof(ext) - 1;

    /* A cut at position 0 would leave an empty stem. */
    for ( size_t i = 1; i < n; i++ )
        if ( it->base[i] == '.' || it->base[i] == '-' || it->base[i] == '_' )
            cut = i;
    if ( cut )
        it->stem_len = cut;
    else
        it->done = true;
    return XENCFG_OK;
}
