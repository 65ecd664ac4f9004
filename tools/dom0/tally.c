/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The self-tests' cases and their counts (tools/dom0/tally.h).
 */
#include <public/errno.h>

#include "console.h"
#include "fwinfo.h"
#include "tally.h"

bool tally_rc(struct tally *t, const char *name, long rc, long e1, long e2)
{
    const long expected[2] = { e1, e2 };
    char line[FWINFO_LINE_MAX];
    bool pass;

    fwinfo_hostile_line(line, name, rc, expected, e2 == TALLY_NO_ALT ? 1 : 2,
                        &pass);
    console_line("%s%s", t->prefix, line + sizeof("hostile") - 1);
    if ( pass )
        t->passed++;
    else
        t->failed++;
    return pass;
}

bool tally_is(struct tally *t, const char *name, long rc, long want)
{
    return tally_rc(t, name, rc, want, TALLY_NO_ALT);
}

bool tally_ok(struct tally *t, const char *name, long rc)
{
    return tally_is(t, name, rc, 0);
}

bool tally_true(struct tally *t, const char *name, bool ok)
{
    return tally_ok(t, name, ok ? 0 : -XEN_EINVAL);
}

void tally_end(const struct tally *t, const char *label)
{
    console_line("%s: %u passed, %u failed", label, t->passed, t->failed);
}
