/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Xen-style command-line words (lib/cmdline.c). A command line is a
 * sequence of words separated by blanks; a word is `name` or `name=value`;
 * a value may be put in double quotes to hold blanks. A boolean option may
 * be negated with a `no-` prefix. The caller applies options in order, so a
 * later word overrides an earlier one. Pure: no globals, nothing printed.
 */
#ifndef XEN_CMDLINE_H
#define XEN_CMDLINE_H

#include <xen/types.h>

struct cmdline_iter {
    const char *pos;
    const char *end;
};

struct cmdline_word {
    const char *name;       /* without a `no-` prefix */
    size_t name_len;
    const char *value;      /* NULL when the word has no '=' */
    size_t value_len;       /* quotes excluded */
    bool negated;           /* the word began with `no-` */
};

/* Starts iterating over len bytes of cmdline (stops early at a NUL). */
void cmdline_iter_init(struct cmdline_iter *it, const char *cmdline,
                       size_t len);

/* Fills *w with the next word; returns false at the end. */
bool cmdline_next(struct cmdline_iter *it, struct cmdline_word *w);

/* True when the word's name equals the NUL-terminated name. */
bool cmdline_name_is(const struct cmdline_word *w, const char *name);

/*
 * Boolean value of a word: a bare `name` is true, `no-name` is false,
 * `name=` 1/0, yes/no, on/off, true/false, enable/disable. A value on a
 * negated word, or any other value, is an error. Returns 0 or -1.
 */
int cmdline_bool(const struct cmdline_word *w, bool *out);

/*
 * Unsigned integer in decimal, or hex with 0x; an optional K, M, G or T
 * suffix multiplies by powers of 1024. Overflow or trailing junk is an
 * error. *rest (may be NULL) receives the first unparsed character, for
 * values like "115200,8n1"; then junk after the number is allowed.
 * Returns 0 or -1.
 */
int cmdline_uint(const char *s, size_t len, uint64_t *out, const char **rest);

#endif /* XEN_CMDLINE_H */
