/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * loglvl= and guest_loglvl= (Xen's names and syntax) and the level of one
 * message, pure: no console, no globals. See xen/loglvl.h.
 */
#include <xen/loglvl.h>
#include <xen/string.h>

/* Indexed by threshold + 1: none is -1. */
static const char *const loglvl_names[] = {
    "none", "error", "warning", "info", "debug", "all",
};

/* See xen/loglvl.h. */
const char *loglvl_strerror(enum loglvl_status st)
{
    switch ( st )
    {
    case LOGLVL_OK:         return "ok";
    case LOGLVL_MALFORMED:  return "not <level>[/<level>] with level one of "
                                   "none, error, warning, info, debug, all";
    }
    return "unknown log level status";
}

/* See xen/loglvl.h. */
void loglvl_default_hv(struct loglvl_setting *s)
{
    s->lower = LOGLVL_WARNING;
    s->upper = LOGLVL_WARNING;
}

/* See xen/loglvl.h. */
void loglvl_default_guest(struct loglvl_setting *s)
{
    s->lower = LOGLVL_NONE;
    s->upper = LOGLVL_WARNING;
}

/* See xen/loglvl.h. */
const char *loglvl_name(int level)
{
    if ( level < LOGLVL_NONE || level > LOGLVL_ALL )
        return "?";
    return loglvl_names[level + 1];
}

/* One level name of exactly len bytes at p; false when it is none. */
static bool loglvl_word(const char *p, size_t len, int *level)
{
    for ( int i = LOGLVL_NONE; i <= LOGLVL_ALL; i++ )
    {
        const char *n = loglvl_names[i + 1];

        if ( strlen(n) == len && !strncmp(p, n, len) )
        {
            *level = i;
            return true;
        }
    }
    return false;
}

/* See xen/loglvl.h. */
enum loglvl_status loglvl_parse(const char *val, size_t len,
                                struct loglvl_setting *s)
{
    size_t first = 0;
    int lower, upper;

    if ( !val )
        return LOGLVL_MALFORMED;
    while ( first < len && val[first] != '/' )
        first++;
    if ( !loglvl_word(val, first, &lower) )
        return LOGLVL_MALFORMED;
    upper = lower;
    if ( first < len &&
         !loglvl_word(val + first + 1, len - first - 1, &upper) )
        return LOGLVL_MALFORMED;
    s->lower = lower;
    s->upper = upper < lower ? lower : upper;
    return LOGLVL_OK;
}

/* See xen/loglvl.h. */
bool loglvl_prints(const struct loglvl_setting *s, int level)
{
    return level <= s->upper;
}

/* True when msg starts with the NUL-terminated word w. */
static bool starts_with(const char *msg, const char *w)
{
    return !strncmp(msg, w, strlen(w));
}

/* See xen/loglvl.h. */
int loglvl_of_message(const char *msg, int dflt, size_t *prefix_len)
{
    *prefix_len = 0;
    if ( msg[0] == '<' && msg[1] >= '0' && msg[1] <= '3' && msg[2] == '>' )
    {
        *prefix_len = 3;
        return msg[1] - '0';
    }
    if ( starts_with(msg, "ERR:") || starts_with(msg, "PANIC:") )
        return LOGLVL_ERR;
    if ( starts_with(msg, "WARNING:") )
        return LOGLVL_WARNING;
    return dflt;
}
