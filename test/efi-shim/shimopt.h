/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware test shim's set of unaccepted ranges (shimopt.c): parsed
 * from its load options, then shrunk as memory is accepted. Pure: the
 * caller owns every buffer; built into efishim.efi and, by the host
 * compiler, into the unit tests.
 */
#ifndef SHIMOPT_H
#define SHIMOPT_H

#include <xen/types.h>

#define SHIMOPT_PAGE_BYTES      4096ULL
/* unaccepted= words, and accept= words, one command line may carry. */
#define SHIMOPT_MAX_OPTS        16
/* Ranges a set holds: accepting the middle of a range splits it in two. */
#define SHIMOPT_MAX_RANGES      64

/* [start_pa, end_pa), both 4 KiB aligned, start_pa < end_pa. */
struct shimopt_range {
    uint64_t start_pa;
    uint64_t end_pa;
};

/*
 * Sorted by address; no two ranges overlap or touch (touching ranges are
 * merged), so every start and every end is a change between accepted and
 * unaccepted memory.
 */
struct shimopt_set {
    unsigned int nr;
    struct shimopt_range r[SHIMOPT_MAX_RANGES];
};

/* What the load options ask for. */
struct shimopt {
    struct shimopt_set unaccepted;
    /* Spans to accept once the protocol is in, in command-line order. */
    unsigned int nr_accept;
    struct shimopt_range accept[SHIMOPT_MAX_OPTS];
};

enum shimopt_status {
    SHIMOPT_OK,
    SHIMOPT_ERR_UNKNOWN_WORD,   /* not unaccepted=... or accept=... */
    SHIMOPT_ERR_SYNTAX,         /* value not START-END */
    SHIMOPT_ERR_NUMBER,         /* no hex digits, a bad one, or > 64 bits */
    SHIMOPT_ERR_UNALIGNED,      /* start or size not a 4 KiB multiple */
    SHIMOPT_ERR_EMPTY,          /* end not above start, or size 0 */
    SHIMOPT_ERR_OVERLAP,        /* two ranges of the options share a byte */
    SHIMOPT_ERR_TOO_MANY,       /* more than SHIMOPT_MAX_OPTS of a kind */
    SHIMOPT_ERR_NOT_INSIDE,     /* not inside one unaccepted range */
    SHIMOPT_ERR_FULL,           /* a split would need one more range slot */
};

const char *shimopt_strerror(enum shimopt_status st);

/* Where shimopt_parse() stopped: the offending word, in UCS-2 units. */
struct shimopt_where {
    size_t offset_chars;        /* from the start of the options */
    size_t nr_chars;
};

/*
 * Parses load options (opts_bytes of UCS-2, little endian, any alignment,
 * ending at a NUL unit or at opts_bytes; an odd last byte is ignored), as
 * the UEFI shell passes them: words separated by spaces or tabs, the first
 * the image name. The first word is skipped when it holds no '=' (a boot
 * option may pass the arguments alone). Every other word is one of
 *
 *   unaccepted=START-END   [START, END) 4 KiB aligned, not empty, sharing
 *                          no byte with another; sorted into out->unaccepted
 *                          with touching ranges merged
 *   accept=START-END       a span to hand AcceptMemory() as a loader
 *                          would, kept as given (END above START, any
 *                          alignment, so refusals can be tested too)
 *
 * with START and END hex, 0x optional. On failure *where names the word
 * and *out holds what was parsed before it. opts may be NULL when
 * opts_bytes is 0.
 */
enum shimopt_status shimopt_parse(const void *opts, size_t opts_bytes,
                                  struct shimopt *out,
                                  struct shimopt_where *where);

/*
 * Index of the range holding all of [start_pa, start_pa + bytes), or -1
 * (also for bytes 0 and for a span passing 2^64).
 */
int shimopt_find(const struct shimopt_set *set, uint64_t start_pa,
                 uint64_t bytes);

/*
 * Removes [start_pa, start_pa + bytes) from the set: the span must be
 * 4 KiB aligned, not empty and inside one range. The set is changed only
 * on SHIMOPT_OK.
 */
enum shimopt_status shimopt_remove(struct shimopt_set *set, uint64_t start_pa,
                                   uint64_t bytes);

/* Pages in all ranges of the set. */
uint64_t shimopt_total_pages(const struct shimopt_set *set);

#endif /* SHIMOPT_H */
