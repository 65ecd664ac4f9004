/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzer for lib/loglvl.c. The input is a loglvl= value. Invariants:
 * a refused value leaves the setting as it was; an accepted one is
 * exactly "<name>" or "<name>/<name>" of Xen's level names, its
 * thresholds are in range with lower <= upper, and they agree with the
 * names; the level read from a message (the input, NUL-terminated) is a
 * message level or the default, with a prefix skipped only when it is
 * "<0>".."<3>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/loglvl.h>

#define FAIL(why)                                                       \
    do {                                                                \
        fprintf(stderr, "loglvl invariant: %s\n", why);                 \
        abort();                                                        \
    } while ( 0 )

/* The threshold of the n bytes at p, or -2 when they are no level name. */
static int ref_level(const uint8_t *p, size_t n)
{
    for ( int i = LOGLVL_NONE; i <= LOGLVL_ALL; i++ )
    {
        const char *name = loglvl_name(i);

        if ( strlen(name) == n && !memcmp(p, name, n) )
            return i;
    }
    return -2;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct loglvl_setting s = { .lower = 7, .upper = 9 };
    const uint8_t *slash = memchr(data, '/', size);
    size_t first = slash ? (size_t)(slash - data) : size;
    int a = ref_level(data, first), b = a;
    enum loglvl_status st;
    char *msg;
    size_t skip;
    int lvl;

    if ( slash )
        b = ref_level(slash + 1, size - first - 1);
    st = loglvl_parse((const char *)data, size, &s);
    if ( st != LOGLVL_OK && st != LOGLVL_MALFORMED )
        FAIL("unknown status");
    if ( st == LOGLVL_MALFORMED )
    {
        if ( a != -2 && b != -2 )
            FAIL("a well-formed value was refused");
        if ( s.lower != 7 || s.upper != 9 )
            FAIL("a refused value changed the setting");
    }
    else
    {
        if ( a == -2 || b == -2 )
            FAIL("a malformed value was accepted");
        if ( s.lower != a || s.upper != (b < a ? a : b) )
            FAIL("thresholds disagree with the names");
        if ( s.lower < LOGLVL_NONE || s.upper > LOGLVL_ALL ||
             s.lower > s.upper )
            FAIL("thresholds out of range");
        for ( int l = LOGLVL_ERR; l <= LOGLVL_DEBUG; l++ )
            if ( loglvl_prints(&s, l) != (l <= s.upper) )
                FAIL("prints() disagrees with the upper threshold");
    }

    msg = malloc(size + 1);
    if ( !msg )
        return 0;
    memcpy(msg, data, size);
    msg[size] = '\0';
    lvl = loglvl_of_message(msg, LOGLVL_INFO, &skip);
    if ( skip != 0 && skip != 3 )
        FAIL("odd prefix length");
    if ( skip == 3 && (msg[0] != '<' || msg[1] < '0' || msg[1] > '3' ||
                       msg[2] != '>' || lvl != msg[1] - '0') )
        FAIL("a prefix skipped that is not a level");
    if ( lvl < LOGLVL_ERR || lvl > LOGLVL_DEBUG )
        FAIL("message level out of range");
    if ( !skip && !strncmp(msg, "ERR:", 4) && lvl != LOGLVL_ERR )
        FAIL("an ERR: line was demoted");
    free(msg);
    return 0;
}
