/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the xen.cfg parser (common/xencfg.c). The input is the
 * config file. Invariants checked beyond survival:
 * - every lookup reports the same validation error and line as
 *   xencfg_check(), and that line exists in the input;
 * - returned values and section names point inside the input, hold no
 *   line break, comment or outer blanks, and a section name sits between
 *   '[' and ']';
 * - a key found in a section is also found by a whole-file lookup, and a
 *   selected section exists for xencfg_get();
 * - config file names made from the input end in ".cfg" and shrink.
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
