/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The self-tests' cases and their counts (tools/dom0/tally.c): hostile,
 * pvmm, tlb and the runtime-service tools print one line a case and a
 * closing "LABEL: N passed, N failed" line, which the boot tests read.
 */
#ifndef DOM0_TALLY_H
#define DOM0_TALLY_H

#include <xen/types.h>

/* As e2 of tally_rc(): only e1 passes (1 is no error code). */
#define TALLY_NO_ALT    1L

struct tally {
    const char *prefix;         /* what each case's line starts with */
    unsigned int passed, failed;
};

/*
 * One case: rc must be e1, or e2 unless it is TALLY_NO_ALT. Prints
 * "PREFIX NAME: rc=R (ENAME) expected=E1[|E2] pass" (or FAIL; the line
 * of fwinfo_hostile_line() with PREFIX for its "hostile") and counts it.
 * Returns whether it passed.
 */
bool tally_rc(struct tally *t, const char *name, long rc, long e1, long e2);

/* rc must be want: tally_rc(t, name, rc, want, TALLY_NO_ALT). */
bool tally_is(struct tally *t, const char *name, long rc, long want);

/* A call that must succeed: rc must be 0. */
bool tally_ok(struct tally *t, const char *name, long rc);

/* A condition as a case: rc 0 when it holds, -EINVAL when not. */
bool tally_true(struct tally *t, const char *name, bool ok);

/* Prints "LABEL: N passed, N failed". */
void tally_end(const struct tally *t, const char *label);

#endif /* DOM0_TALLY_H */
