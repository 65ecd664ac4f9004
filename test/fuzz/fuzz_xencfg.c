/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the xen.cfg parser (lib/boot/xencfg.c). The input is the
 * config file. Invariants checked beyond survival:
 * - every lookup reports the same validation error and line as
 *   xencfg_check(), and that line exists in the input;
 * - returned values and section names point inside the input, hold no
 *   line break, comment or outer blanks, and a section name sits between
 *   '[' and ']';
 * - a key found in a section is also found by a whole-file lookup, and a
 *   selected section exists for xencfg_get();
 * - config file names made from the input end in ".cfg" and shrink;
 * - on a valid file, every lookup (the usual keys and every key and
 *   section the file names) and the default section agree with a model:
 *   the file cut into lines, each reduced to a section name or a key and
 *   value by plain string rules, where only the first section of a name
 *   counts and the first key in it wins.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/xencfg.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )

static const char *const keys[] = {
    "options", "kernel", "ramdisk", "xsm", "ucode", "video", "chain",
    "default", "dtb", "a",
};

static unsigned int count_lines(const char *buf, size_t len)
{
    unsigned int n = 1;

    for ( size_t i = 0; i < len; i++ )
        n += buf[i] == '\n';
    return n;
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static void check_value(const char *buf, size_t len, const char *val,
                        size_t val_len)
{
    ENSURE(val >= buf && val <= buf + len);
    ENSURE(val_len <= (size_t)(buf + len - val));
    for ( size_t i = 0; i < val_len; i++ )
    {
        unsigned char c = val[i];

        ENSURE(c == '\t' || (c >= 0x20 && c < 0x7f && c != '#'));
    }
    if ( val_len )
        ENSURE(!is_blank(val[0]) && !is_blank(val[val_len - 1]));
}

static void check_lookup(const char *buf, size_t len, const char *sec,
                         size_t sec_len, enum xencfg_status check_st,
                         unsigned int check_line)
{
    for ( size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++ )
    {
        const char *val, *any;
        size_t val_len, any_len;
        unsigned int line, any_line;
        enum xencfg_status st;

        st = xencfg_get(buf, len, sec, sec_len, keys[k], &val, &val_len,
                        &line);
        if ( check_st != XENCFG_OK )
        {
            ENSURE(st == check_st && line == check_line && !val);
            continue;
        }
        ENSURE(line == 0);
        ENSURE(st == XENCFG_OK || st == XENCFG_NO_KEY ||
               (st == XENCFG_NO_SECTION && sec));
        if ( st != XENCFG_OK )
        {
            ENSURE(!val && !val_len);
            continue;
        }
        check_value(buf, len, val, val_len);
        ENSURE(xencfg_get(buf, len, NULL, 0, keys[k], &any, &any_len,
                          &any_line) == XENCFG_OK);
        ENSURE(any <= val);
    }
}

/* One meaningful line of a valid file: a section (no key) or a pair. */
struct rec {
    const char *sec;        /* [sec]: the name; NULL for a key=value */
    size_t sec_len;
    const char *key, *val;
    size_t key_len, val_len;
};

/* A libFuzzer input of 4096 bytes has no more lines than this. */
#define MODEL_RECS 4096
static struct rec recs[MODEL_RECS];

static bool is_end_blank(char c)
{
    return is_blank(c) || c == '\r';
}

/* Cuts a valid file into records; false when it has too many. */
static bool model_build(const char *buf, size_t len, size_t *nr)
{
    size_t n = 0;

    for ( size_t pos = 0; pos < len; )
    {
        const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
        size_t e = nl ? (size_t)(nl - s) : len - pos, b = 0, cut;
        struct rec *r;

        pos += nl ? e + 1 : e;
        while ( e && is_end_blank(s[e - 1]) )
            e--;
        while ( b < e && is_blank(s[b]) )
            b++;
        if ( b < e && s[b] == ';' )
            continue;
        for ( cut = b; cut < e && s[cut] != '#'; cut++ )
            ;
        for ( e = cut; e > b && is_blank(s[e - 1]); e-- )
            ;
        if ( b == e )
            continue;
        if ( n == MODEL_RECS )
            return false;
        r = &recs[n++];
        memset(r, 0, sizeof(*r));
        if ( s[b] == '[' )
        {
            r->sec = s + b + 1;
            r->sec_len = e - b - 2;         /* a valid line ends in ']' */
            continue;
        }
        r->key = s + b;
        r->key_len = (const char *)memchr(r->key, '=', e - b) - r->key;
        r->val = r->key + r->key_len + 1;
        while ( r->key_len && is_blank(r->key[r->key_len - 1]) )
            r->key_len--;
        while ( r->val < s + e && is_blank(*r->val) )
            r->val++;
        r->val_len = s + e - r->val;
    }
    *nr = n;
    return true;
}

static bool span_same(const char *a, size_t a_len, const char *b,
                      size_t b_len)
{
    return a_len == b_len && !memcmp(a, b, a_len);
}

/* The index of the first [name] record, or nr when there is none. */
static size_t model_section(size_t nr, const char *name, size_t name_len)
{
    size_t i;

    for ( i = 0; i < nr; i++ )
        if ( recs[i].sec && span_same(recs[i].sec, recs[i].sec_len, name,
                                      name_len) )
            break;
    return i;
}

/* The model's answer for key in section (NULL: the whole file). */
static enum xencfg_status model_get(size_t nr, const char *sec,
                                    size_t sec_len, const char *key,
                                    size_t key_len, const struct rec **out)
{
    size_t i = 0;

    *out = NULL;
    if ( sec )
    {
        i = model_section(nr, sec, sec_len);
        if ( i == nr )
            return XENCFG_NO_SECTION;
        i++;
    }
    for ( ; i < nr && !(sec && recs[i].sec); i++ )
        if ( recs[i].key &&
             span_same(recs[i].key, recs[i].key_len, key, key_len) )
        {
            *out = &recs[i];
            return XENCFG_OK;
        }
    return XENCFG_NO_KEY;
}

static void compare_get(const char *buf, size_t len, size_t nr,
                        const char *sec, size_t sec_len, const char *key,
                        size_t key_len)
{
    char z[64];
    const struct rec *want;
    const char *val;
    size_t val_len;
    unsigned int line;
    enum xencfg_status st;

    if ( key_len >= sizeof(z) )
        return;
    memcpy(z, key, key_len);
    z[key_len] = 0;
    st = xencfg_get(buf, len, sec, sec_len, z, &val, &val_len, &line);
    ENSURE(st == model_get(nr, sec, sec_len, key, key_len, &want));
    if ( st == XENCFG_OK )
        ENSURE(val == want->val && val_len == want->val_len);
}

/* On a valid file: lookups and the default section against the model. */
static void check_model(const char *buf, size_t len)
{
    const struct rec *def;
    const char *sec;
    size_t nr, sec_len, n_sec = 0, n_key = 0;
    unsigned int line;
    enum xencfg_status st, want = XENCFG_OK;

    if ( !model_build(buf, len, &nr) )
        return;
    for ( size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++ )
    {
        compare_get(buf, len, nr, NULL, 0, keys[k], strlen(keys[k]));
        compare_get(buf, len, nr, "global", 6, keys[k], strlen(keys[k]));
    }
    /* Every key the file names, in every section it names (bounded). */
    for ( size_t i = 0; i < nr && n_sec < 16; i++ )
    {
        if ( !recs[i].sec )
            continue;
        n_sec++;
        n_key = 0;
        for ( size_t j = 0; j < nr && n_key < 16; j++ )
            if ( recs[j].key )
            {
                n_key++;
                compare_get(buf, len, nr, recs[i].sec, recs[i].sec_len,
                            recs[j].key, recs[j].key_len);
            }
    }
    for ( size_t j = 0, n = 0; j < nr && n < 16; j++ )
        if ( recs[j].key )
        {
            n++;
            compare_get(buf, len, nr, NULL, 0, recs[j].key,
                        recs[j].key_len);
        }

    /* [global] default= picks the first section of that name, if any. */
    st = xencfg_select(buf, len, NULL, 0, &sec, &sec_len, &line);
    if ( model_get(nr, "global", 6, "default", 7, &def) == XENCFG_OK &&
         def->val_len )
    {
        size_t i = model_section(nr, def->val, def->val_len);

        if ( i == nr )
            want = XENCFG_NO_DEFAULT_SECTION;
        else
            ENSURE(sec == recs[i].sec && sec_len == recs[i].sec_len);
    }
    else
        ENSURE(!sec);
    ENSURE(st == want);
}

static void check_section(const char *buf, size_t len, const char *sec,
                          size_t sec_len)
{
    const char *val;
    size_t val_len;
    unsigned int line;

    if ( !sec )
    {
        ENSURE(!sec_len);
        return;
    }
    ENSURE(sec > buf && sec_len && sec_len < len);
    ENSURE(sec + sec_len < buf + len);
    ENSURE(sec[-1] == '[' && sec[sec_len] == ']');
    ENSURE(xencfg_get(buf, len, sec, sec_len, "kernel", &val, &val_len,
                      &line) != XENCFG_NO_SECTION);
}

static void check_names(const char *image, size_t len)
{
    struct xencfg_names it;
    char out[80];
    size_t out_len, prev = SIZE_MAX;
    unsigned int n = 0;
    enum xencfg_status st;

    if ( xencfg_names_init(&it, image, len) != XENCFG_OK )
    {
        ENSURE(xencfg_names_next(&it, out, sizeof(out), &out_len) ==
               XENCFG_NAMES_END);
        return;
    }
    while ( (st = xencfg_names_next(&it, out, sizeof(out), &out_len)) ==
            XENCFG_OK )
    {
        ENSURE(out_len >= 5 && strlen(out) == out_len);
        ENSURE(!strcmp(out + out_len - 4, ".cfg"));
        ENSURE(out_len < prev && ++n <= len + 1);
        prev = out_len;
    }
    ENSURE(st == XENCFG_NAMES_END || st == XENCFG_NAME_TOO_LONG);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *buf = (const char *)data;
    struct xencfg_warnings w;
    unsigned int line, sel_line;
    const char *sec;
    size_t sec_len;
    enum xencfg_status st, sel;

    st = xencfg_check(buf, size, &line, &w);
    ENSURE((unsigned int)st < XENCFG_NR_STATUS);
    if ( st == XENCFG_OK )
    {
        ENSURE(line == 0);
        ENSURE(!w.nr_unknown_keys == !w.first_unknown_line);
        ENSURE(!w.nr_misplaced_keys == !w.first_misplaced_line);
        ENSURE(w.first_unknown_line <= count_lines(buf, size));
        check_model(buf, size);
    }
    else
        ENSURE(line >= 1 && line <= count_lines(buf, size));

    check_lookup(buf, size, NULL, 0, st, line);
    check_lookup(buf, size, "global", 6, st, line);

    sel = xencfg_select(buf, size, NULL, 0, &sec, &sec_len, &sel_line);
    if ( st != XENCFG_OK )
        ENSURE(sel == st && sel_line == line && !sec);
    else
    {
        ENSURE(sel == XENCFG_OK || sel == XENCFG_NO_DEFAULT_SECTION);
        check_section(buf, size, sec, sec_len);
        check_lookup(buf, size, sec, sec_len, st, line);
    }
    /* A section named by the first bytes, as a command line would. */
    sel = xencfg_select(buf, size, buf, size < 3 ? size : 3, &sec, &sec_len,
                        &sel_line);
    if ( sel == XENCFG_OK )
        check_section(buf, size, sec, sec_len);

    if ( size <= 64 )
        check_names(buf, size);
    return 0;
}
