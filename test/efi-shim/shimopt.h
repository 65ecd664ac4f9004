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

/* esrt=N may ask for at most this many entries (160 KiB of table). */
#define SHIMOPT_ESRT_MAX_COUNT  4096
/* ebs-fail=K may ask for at most this many failed ExitBootServices(). */
#define SHIMOPT_EBS_FAIL_MAX    64

/* Where the planted ESRT lives (esrt-type=, esrt-type2=). */
enum shimopt_esrt_type {
    SHIMOPT_ESRT_BSDATA,        /* "bsdata": EfiBootServicesData (4) */
    SHIMOPT_ESRT_RTDATA,        /* "rtdata": EfiRuntimeServicesData (6) */
    SHIMOPT_ESRT_ACPIRECLAIM,   /* "acpireclaim": EfiACPIReclaimMemory (9) */
    SHIMOPT_ESRT_LOADERDATA,    /* "loaderdata": EfiLoaderData (2) */
    SHIMOPT_ESRT_CONVENTIONAL,  /* "conventional": filled, then freed (7) */
    SHIMOPT_ESRT_REUSED,        /* "reused": as conventional, then the
                                   freed pages written over, as a loader
                                   placing an image there does (7) */
    SHIMOPT_ESRT_NR_TYPES
};

/* How the planted ESRT sits in its pages (esrt-place=). */
enum shimopt_esrt_place {
    SHIMOPT_ESRT_PAGE,          /* "page": at the start of a page */
    SHIMOPT_ESRT_STRADDLE_PAGE, /* "straddle-page": crosses a page end */
    SHIMOPT_ESRT_STRADDLE_DESC, /* "straddle-desc": crosses into a page of
                                   esrt-type2, so two descriptors hold it */
    SHIMOPT_ESRT_NR_PLACES
};

/* What is wrong with the planted ESRT on purpose (esrt-corrupt=). */
enum shimopt_esrt_corrupt {
    SHIMOPT_ESRT_INTACT,        /* nothing ("none") */
    SHIMOPT_ESRT_COUNT_OVER_MAX,/* "count-over-max": max = count - 1 */
    SHIMOPT_ESRT_ABSURD_COUNT,  /* "absurd-count": count = max = 0x10000000 */
    SHIMOPT_ESRT_VERSION,       /* "version": FwResourceVersion 2 */
    SHIMOPT_ESRT_OUTSIDE_MAP,   /* "outside-map": the configuration table
                                   points at SHIMESRT_OUTSIDE_PA */
    SHIMOPT_ESRT_DUP_CLASS,     /* "dup-class": the last entry repeats the
                                   FwClass of entry 0 (needs N >= 2) */
    SHIMOPT_ESRT_NIL_CLASS,     /* "nil-class": entry 0 has the nil FwClass */
    SHIMOPT_ESRT_NR_CORRUPTS
};

/*
 * A second configuration-table entry with the ESRT GUID (esrt-dup=), as
 * buggy firmware has them: it names a copy of the table with an unknown
 * FwResourceVersion, and sits before or after the planted one.
 */
enum shimopt_esrt_dup {
    SHIMOPT_ESRT_DUP_NONE,      /* "none" */
    SHIMOPT_ESRT_DUP_BEFORE,    /* "before": the bad entry comes first */
    SHIMOPT_ESRT_DUP_AFTER,     /* "after": the bad entry comes last */
    SHIMOPT_ESRT_NR_DUPS
};

/* The ESRT to plant; count 0 plants none. */
struct shimopt_esrt {
    uint32_t count;             /* esrt=N: entries laid out */
    uint32_t max;               /* esrt-max=M, else N: FwResourceCountMax */
    uint64_t seed;              /* seed=S, else 0: the entries' values */
    enum shimopt_esrt_type type;        /* of the first byte */
    enum shimopt_esrt_type type2;       /* of the rest, for straddle-desc */
    enum shimopt_esrt_place place;
    enum shimopt_esrt_corrupt corrupt;
    enum shimopt_esrt_dup dup;
};

/* What the shim lock protocol of shimlock= answers. */
enum shimopt_shimlock {
    SHIMOPT_SHIMLOCK_NONE,      /* "none" (default): no protocol */
    SHIMOPT_SHIMLOCK_ACCEPT,    /* "accept": Verify returns EFI_SUCCESS */
    SHIMOPT_SHIMLOCK_REFUSE,    /* "refuse": EFI_SECURITY_VIOLATION */
    SHIMOPT_SHIMLOCK_NR
};

/* What the runtime GetTime stub does besides calling the firmware's. */
enum shimopt_rt_gettime {
    SHIMOPT_GT_NONE,            /* no GetTime stub */
    SHIMOPT_GT_COUNT,           /* "count": counts calls in its own page */
    SHIMOPT_GT_BSREAD,          /* "bsread": also reads a page of
                                   boot-services data */
    SHIMOPT_GT_NMI,             /* "nmi": also raises vector 2 (int $2) */
    SHIMOPT_GT_MCE,             /* "mce": also raises vector 18 (int $18) */
    SHIMOPT_GT_STACK,           /* "stack": also touches 64 KiB of stack */
    SHIMOPT_GT_NR
};

/* rt-var-extra=N: the most bytes a size may grow by. */
#define SHIMOPT_RT_VAR_EXTRA_MAX    65536
/* fragment=N: single pages of boot-services data at most. */
#define SHIMOPT_FRAGMENT_MAX        16384

/*
 * The runtime stubs (shimrt.c): wrappers of runtime services that live in
 * runtime memory and act once ExitBootServices has run.
 */
struct shimopt_rt {
    enum shimopt_rt_gettime gettime;    /* rt-gettime= */
    uint32_t var_extra;         /* rt-var-extra=N: sizes of XenRt* grow */
    bool capsule;               /* rt-capsule=persist */
    bool stub_data;             /* rt-stub-type=data (default code) */
    bool table_high;            /* rt-table-high=1 */
};

/* What the load options ask for. */
struct shimopt {
    struct shimopt_set unaccepted;
    /* Spans to accept once the protocol is in, in command-line order. */
    unsigned int nr_accept;
    struct shimopt_range accept[SHIMOPT_MAX_OPTS];
    struct shimopt_esrt esrt;
    /* ExitBootServices() calls to fail with a changed map key first. */
    unsigned int ebs_fail;
    /* Fill all conventional memory with the poison pattern first. */
    bool poison;
    /* acpi20=ADDR: re-point the ACPI 2.0 configuration-table entry. */
    bool has_acpi20;
    uint64_t acpi20_pa;
    /*
     * memattr=1: offer a memory attribute protocol; memattr=2: also map
     * each image started later strictly.
     */
    unsigned int memattr;
    /* shimlock=: offer a shim lock protocol answering so. */
    enum shimopt_shimlock shimlock;
    /* moksbstate=B: set shim's MokSBStateRT to B; -1 leaves it alone. */
    int moksbstate;
    struct shimopt_rt rt;
    /*
     * fragment=N: N single pages of boot-services data, 0 none;
     * fragment-type=rtdata: of runtime-services data instead (a firmware
     * with hundreds of runtime descriptors).
     */
    uint32_t fragment;
    bool fragment_rt;
    /*
     * start=PATH: the shim starts PATH itself (UCS-2 units
     * [start_at, start_at + start_chars) of the options) instead of
     * returning; the units from child_at to the end (the words after a
     * "--" word) become its load options.
     */
    bool has_start;
    size_t start_at, start_chars;
    bool has_child;
    size_t child_at;
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
    SHIMOPT_ERR_VALUE,          /* a number out of range or an unknown name */
    SHIMOPT_ERR_REPEATED,       /* an option that may appear once, twice */
    SHIMOPT_ERR_NO_ESRT,        /* an esrt-... or seed= word without esrt= */
    SHIMOPT_ERR_ESRT_MAX,       /* esrt-max= below esrt= */
    SHIMOPT_ERR_ESRT_TYPE2,     /* esrt-type2= without straddle-desc, or
                                   the same type as esrt-type= */
    SHIMOPT_ERR_NO_STUB,        /* rt-stub-type= without a runtime stub */
    SHIMOPT_ERR_ESRT_DUP,       /* esrt-corrupt=dup-class with esrt=1 */
    SHIMOPT_ERR_CHILD,          /* words after -- without start= */
    SHIMOPT_ERR_NO_FRAGMENT,    /* fragment-type= without fragment= */
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
 *   esrt=N                 plant an ESRT of N entries, 1..4096
 *   esrt-max=M             its FwResourceCountMax, 1..0xffffffff, not
 *                          below N (default N)
 *   seed=S                 what the entries' values derive from, 64 bits
 *                          (default 0)
 *   esrt-type=T            bsdata (default), rtdata, acpireclaim,
 *                          loaderdata or conventional
 *   esrt-place=P           page (default), straddle-page, straddle-desc
 *   esrt-type2=T           for straddle-desc: the type of the pages after
 *                          the first, not T (default: rtdata for bsdata,
 *                          else bsdata)
 *   esrt-corrupt=C         none (default), count-over-max, absurd-count,
 *                          version, outside-map
 *   ebs-fail=K             fail the first K ExitBootServices() calls, 0..64
 *   poison=B               0 or 1: poison free memory first
 *   acpi20=ADDR            re-point the ACPI 2.0 configuration-table entry
 *                          at ADDR (any 64-bit value), keeping ACPI 1.0
 *   memattr=M              0, 1: offer a memory attribute protocol, or
 *                          2: also map each image started later strictly
 *   shimlock=L             none (default), accept or refuse: offer a shim
 *                          lock protocol whose Verify answers so
 *   moksbstate=B           0 or 1: set shim's MokSBStateRT variable
 *   rt-gettime=G           count, bsread, nmi, mce or stack: wrap
 *                          GetTime with a stub in runtime memory
 *   rt-var-extra=N         1..65536: GetVariable and GetNextVariableName
 *                          of names starting "XenRt" answer N bytes more
 *                          than the firmware did
 *   rt-capsule=persist     accept PERSIST_ACROSS_RESET capsules whose
 *                          scatter-gather list matches their headers
 *   rt-stub-type=T         code (default) or data: the stubs' memory type
 *   rt-table-high=B        0 or 1: move the runtime services table above
 *                          4 GiB
 *   fragment=N             1..16384 single pages of boot-services data,
 *                          each followed by a free page
 *   fragment-type=T        bsdata (default) or rtdata: the fragment
 *                          pages' memory type (needs fragment=)
 *   start=PATH             start PATH (on the shim's own device) itself
 *   --                     the rest of the text is PATH's load options
 *
 * with START and END hex, 0x optional, and N, M, S, K decimal or hex with
 * 0x. unaccepted= and accept= may repeat; every other word may appear
 * once, the esrt-... words and seed= need esrt=, rt-stub-type= needs a
 * stub (rt-gettime=, rt-var-extra= or rt-capsule=),
 * and a "--" word needs start=. On failure *where
 * names the word and *out holds what was parsed before it (a field is
 * set only by a word that parsed). opts may be NULL when opts_bytes is 0.
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

/* The EFI memory type value (UEFI spec 7.2) of an esrt-type= word. */
uint32_t shimopt_esrt_efi_type(enum shimopt_esrt_type t);

/* True for the types whose pages are freed once the table is planted. */
bool shimopt_esrt_freed(enum shimopt_esrt_type t);

/* The words esrt-type=, esrt-place= and esrt-corrupt= take. */
const char *shimopt_esrt_type_name(enum shimopt_esrt_type t);
const char *shimopt_esrt_place_name(enum shimopt_esrt_place p);
const char *shimopt_esrt_corrupt_name(enum shimopt_esrt_corrupt c);
const char *shimopt_rt_gettime_name(enum shimopt_rt_gettime g);

/* Whether the options ask for runtime stubs at all. */
bool shimopt_rt_stubs(const struct shimopt_rt *rt);

/* Pages in all ranges of the set. */
uint64_t shimopt_total_pages(const struct shimopt_set *set);

#endif /* SHIMOPT_H */
