/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xen.efi load-options parser: see include/xen/loadopt.h. The UCS-2
 * text is never copied or converted as a whole: it is validated once in
 * place, then words are found by byte offsets and only the wanted ones
 * are narrowed into the caller's fixed buffers. The bytes may sit at any
 * alignment, so every unit is assembled from two bytes.
 */
#include <xen/le.h>
#include <xen/loadopt.h>

#define LO_ATTR_OFF     offsetof(struct loadopt_efi_head, attributes)
#define LO_FPL_LEN_OFF  offsetof(struct loadopt_efi_head, file_path_list_bytes)
#define LO_DESC_OFF     sizeof(struct loadopt_efi_head)
#define LO_ATTR_KNOWN   (LOADOPT_ATTR_ACTIVE | \
                         LOADOPT_ATTR_FORCE_RECONNECT | \
                         LOADOPT_ATTR_HIDDEN | LOADOPT_ATTR_CATEGORY)
#define DP_NODE_MIN     4   /* type, subtype, u16 length */

/* The validated string: UCS-2 units in bytes [start, end) of p. */
struct text {
    const uint8_t *p;
    size_t start;
    size_t end;
};

static const char *const status_text[LOADOPT_NR_STATUS] = {
    [LOADOPT_OK]               = "ok",
    [LOADOPT_NULL_BUFFER]      = "load options missing but size given",
    [LOADOPT_ODD_SIZE]         = "load options end in half a character",
    [LOADOPT_NON_ASCII]        = "load options hold a non-ASCII character",
    [LOADOPT_CFG_MISSING]      = "cfg switch without a file name",
    [LOADOPT_CFG_EMPTY]        = "cfg= with an empty file name",
    [LOADOPT_CFG_TOO_LONG]     = "config file name too long",
    [LOADOPT_SECTION_TOO_LONG] = "section name too long",
    [LOADOPT_ARGS_TOO_LONG]    = "command line after -- too long",
};

const char *loadopt_strerror(enum loadopt_status st)
{
    if ( (unsigned int)st >= LOADOPT_NR_STATUS || !status_text[st] )
        return "unknown loadopt status";
    return status_text[st];
}

/* Only after validation: every unit is ASCII, so its low byte is it. */
static char ch(const struct text *t, size_t off)
{
    return (char)t->p[off];
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Walks device path nodes; true when they fill exactly bytes. */
static bool dp_list_ok(const uint8_t *dp, size_t bytes)
{
    size_t off = 0;
    bool ended = false;

    while ( off < bytes )
    {
        size_t node_len;

        if ( bytes - off < DP_NODE_MIN )
            return false;
        node_len = le16(dp + off + 2);
        if ( node_len < DP_NODE_MIN || node_len > bytes - off )
            return false;
        ended = dp[off] == LOADOPT_DP_END_TYPE &&
                dp[off + 1] == LOADOPT_DP_END_ENTIRE;
        off += node_len;
    }
    return ended;
}

bool loadopt_is_load_option(const uint8_t *p, size_t bytes,
                            size_t *optional_offset)
{
    size_t off = LO_DESC_OFF, fpl_len;
    bool terminated = false;

    if ( !p || bytes < LO_DESC_OFF + 2 + DP_NODE_MIN )
        return false;
    if ( le32(p + LO_ATTR_OFF) & ~LO_ATTR_KNOWN )
        return false;
    fpl_len = le16(p + LO_FPL_LEN_OFF);

    while ( !terminated && bytes - off >= 2 )
    {
        terminated = !le16(p + off);
        off += 2;
    }
    if ( !terminated || fpl_len > bytes - off ||
         !dp_list_ok(p + off, fpl_len) )
        return false;
    *optional_offset = off + fpl_len;
    return true;
}

/* Finds the end of the string at start and checks every unit of it. */
static enum loadopt_status text_init(struct text *t, const uint8_t *p,
                                     size_t bytes, size_t start,
                                     size_t *bad_offset)
{
    size_t off = start;

    t->p = p;
    t->start = start;
    while ( bytes - off >= 2 )
    {
        uint16_t u = le16(p + off);

        if ( !u )
        {
            t->end = off;
            return LOADOPT_OK;
        }
        if ( u > 0x7e || (u < 0x20 && !is_blank((char)u)) )
        {
            *bad_offset = off;
            return LOADOPT_NON_ASCII;
        }
        off += 2;
    }
    t->end = off;
    if ( off != bytes )
    {
        *bad_offset = off;
        return LOADOPT_ODD_SIZE;
    }
    return LOADOPT_OK;
}

/* Finds the word at or after *pos: [*ws, *we); false when none is left. */
static bool next_word(const struct text *t, size_t *pos, size_t *ws,
                      size_t *we)
{
    size_t off = *pos;

    while ( off < t->end && is_blank(ch(t, off)) )
        off += 2;
    if ( off >= t->end )
    {
        *pos = off;
        return false;
    }
    *ws = off;
    while ( off < t->end && !is_blank(ch(t, off)) )
        off += 2;
    *we = off;
    *pos = off;
    return true;
}

/* True when the units in [ws, we) spell the NUL-terminated string z. */
static bool word_is(const struct text *t, size_t ws, size_t we, const char *z)
{
    for ( ; ws < we; ws += 2, z++ )
        if ( !*z || ch(t, ws) != *z )
            return false;
    return !*z;
}

static bool word_has_prefix(const struct text *t, size_t ws, size_t we,
                            const char *z)
{
    for ( ; *z; ws += 2, z++ )
        if ( ws >= we || ch(t, ws) != *z )
            return false;
    return true;
}

/* Narrows [ws, we) into buf; blanks become spaces. False if too long. */
static bool copy_units(const struct text *t, size_t ws, size_t we,
                       char *buf, size_t size)
{
    size_t n = (we - ws) / 2;

    if ( n >= size )
        return false;
    for ( size_t i = 0; i < n; i++ )
        buf[i] = is_blank(ch(t, ws + 2 * i)) ? ' ' : ch(t, ws + 2 * i);
    buf[n] = '\0';
    return true;
}

/* The rest of the text after `--`, without its outer blanks. */
static enum loadopt_status take_args(const struct text *t, size_t pos,
                                     struct loadopt *out)
{
    size_t end = t->end;

    while ( pos < end && is_blank(ch(t, pos)) )
        pos += 2;
    while ( end > pos && is_blank(ch(t, end - 2)) )
        end -= 2;
    out->has_args = true;
    if ( !copy_units(t, pos, end, out->args, sizeof(out->args)) )
    {
        out->bad_offset = pos;
        return LOADOPT_ARGS_TOO_LONG;
    }
    return LOADOPT_OK;
}

/* The file name [vs, ve) of the cfg switch word starting at sw. */
static enum loadopt_status take_cfg(const struct text *t, size_t sw,
                                    size_t vs, size_t ve,
                                    struct loadopt *out)
{
    out->bad_offset = sw;
    if ( vs == ve )
        return LOADOPT_CFG_EMPTY;
    if ( !copy_units(t, vs, ve, out->cfg, sizeof(out->cfg)) )
        return LOADOPT_CFG_TOO_LONG;
    out->bad_offset = 0;
    return LOADOPT_OK;
}

static void note_unknown(const struct text *t, size_t ws, size_t we,
                         struct loadopt *out)
{
    size_t max_we = ws + 2 * (sizeof(out->first_unknown) - 1);

    if ( !out->nr_unknown++ )
        copy_units(t, ws, MIN(we, max_we), out->first_unknown,
                   sizeof(out->first_unknown));
}

/* One switch word [ws, we), its '/' or '-' included. */
static enum loadopt_status take_switch(const struct text *t, size_t *pos,
                                       size_t ws, size_t we,
                                       struct loadopt *out)
{
    size_t name = ws + 2, fs, fe;

    if ( word_is(t, name, we, "basevideo") )
        out->basevideo = true;
    else if ( word_is(t, name, we, "mapbs") )
        out->mapbs = true;
    else if ( word_is(t, name, we, "help") || word_is(t, name, we, "?") )
        out->help = true;
    else if ( word_has_prefix(t, name, we, "cfg=") )
        return take_cfg(t, ws, name + 2 * 4, we, out);
    else if ( word_is(t, name, we, "cfg") )
    {
        if ( !next_word(t, pos, &fs, &fe) || word_is(t, fs, fe, "--") )
        {
            out->bad_offset = ws;
            return LOADOPT_CFG_MISSING;
        }
        return take_cfg(t, ws, fs, fe, out);
    }
    else
        note_unknown(t, ws, we, out);
    return LOADOPT_OK;
}

static enum loadopt_status parse_words(const struct text *t, bool skip_first,
                                       struct loadopt *out)
{
    size_t pos = t->start, ws, we;
    enum loadopt_status st;

    if ( skip_first )
        next_word(t, &pos, &ws, &we);
    while ( next_word(t, &pos, &ws, &we) )
    {
        char c = ch(t, ws);

        if ( word_is(t, ws, we, "--") )
            return take_args(t, pos, out);
        if ( c == '/' || c == '-' )
            st = take_switch(t, &pos, ws, we, out);
        else
        {
            out->nr_extra_sections += out->section[0] != '\0';
            st = copy_units(t, ws, we, out->section, sizeof(out->section))
                 ? LOADOPT_OK : LOADOPT_SECTION_TOO_LONG;
            if ( st != LOADOPT_OK )
                out->bad_offset = ws;
        }
        if ( st != LOADOPT_OK )
            return st;
    }
    return LOADOPT_OK;
}

enum loadopt_status loadopt_parse(const void *opts, size_t opts_bytes,
                                  struct loadopt *out)
{
    const uint8_t *p = opts;
    size_t start = 0;
    bool shell;
    struct text t;
    enum loadopt_status st;

    *out = (struct loadopt){ .form = LOADOPT_FORM_EMPTY };
    if ( !opts_bytes )
        return LOADOPT_OK;
    if ( !p )
        return LOADOPT_NULL_BUFFER;

    shell = !loadopt_is_load_option(p, opts_bytes, &start);
    if ( !shell )
        out->form = LOADOPT_FORM_LOAD_OPTION;
    out->text_offset = start;
    st = text_init(&t, p, opts_bytes, start, &out->bad_offset);
    if ( st != LOADOPT_OK )
        return st;
    if ( shell && t.end > t.start )
        out->form = LOADOPT_FORM_SHELL;
    return parse_words(&t, shell, out);
}
