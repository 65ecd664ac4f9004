/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Log levels in Xen's style (lib/loglvl.c, pure): the loglvl= and
 * guest_loglvl= values "<level>[/<rate-limited level>]" with level one of
 * none, error, warning, info, debug, all, and the level of one message,
 * read from a Xen-style prefix ("<0>".."<3>", XENLOG_*) or from the text
 * ("ERR:", "PANIC:", "WARNING:"). common/console.c applies them.
 */
#ifndef XEN_LOGLVL_H
#define XEN_LOGLVL_H

#include <xen/types.h>

/* Message levels, most important first (Xen's numbering). */
#define LOGLVL_ERR      0
#define LOGLVL_WARNING  1
#define LOGLVL_INFO     2
#define LOGLVL_DEBUG    3
/* Thresholds beyond the message levels: nothing, everything. */
#define LOGLVL_NONE     (-1)
#define LOGLVL_ALL      4

/* Prefixes for printk's format, as Xen spells them. */
#define XENLOG_ERR      "<0>"
#define XENLOG_WARNING  "<1>"
#define XENLOG_INFO     "<2>"
#define XENLOG_DEBUG    "<3>"

/*
 * A threshold pair: messages at level <= lower are always printed; those
 * up to upper are in Xen the rate-limited ones (printed here too, no rate
 * limit is applied yet); above upper they are dropped. lower <= upper.
 */
struct loglvl_setting {
    int lower;
    int upper;
};

enum loglvl_status {
    LOGLVL_OK,
    LOGLVL_MALFORMED,   /* not <level>[/<level>] with Xen's level names */
};

/* Fixed English text for a status; never NULL. */
const char *loglvl_strerror(enum loglvl_status st);

/* Xen's defaults: loglvl=warning, guest_loglvl=none/warning. */
void loglvl_default_hv(struct loglvl_setting *s);
void loglvl_default_guest(struct loglvl_setting *s);

/*
 * Parses the len bytes at val as "<level>[/<rate-limited level>]". On
 * LOGLVL_OK *s holds the result (a rate-limited level below the first is
 * raised to it, as Xen does); on error *s is unchanged.
 */
enum loglvl_status loglvl_parse(const char *val, size_t len,
                                struct loglvl_setting *s);

/* True when a message of level (LOGLVL_ERR..LOGLVL_DEBUG) is printed. */
bool loglvl_prints(const struct loglvl_setting *s, int level);

/*
 * The level of a message whose text (or format) is the NUL-terminated
 * msg: a leading "<0>".."<3>" gives it (its length is stored in
 * *prefix_len, for the caller to skip); otherwise "ERR:" or "PANIC:" at
 * the start make it LOGLVL_ERR, "WARNING:" LOGLVL_WARNING, and anything
 * else gets dflt (*prefix_len 0).
 */
int loglvl_of_message(const char *msg, int dflt, size_t *prefix_len);

/* The name of a threshold ("none".."all"); "?" when out of range. */
const char *loglvl_name(int level);

#endif /* XEN_LOGLVL_H */
