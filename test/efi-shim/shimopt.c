/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware test shim's unaccepted ranges: parsing the load options the
 * UEFI shell hands the shim, and the set arithmetic its memory-accept
 * protocol does. See shimopt.h.
 */
#include "shimopt.h"

#define OPT_UNACCEPTED  "unaccepted="
#define OPT_ACCEPT      "accept="

/* Words that may appear once, with the value after the '='. */
enum once_word {
    W_ESRT,
    W_ESRT_MAX,
    W_SEED,
    W_ESRT_TYPE,
    W_ESRT_TYPE2,
    W_ESRT_PLACE,
    W_ESRT_CORRUPT,
    W_ESRT_DUP,
    W_EBS_FAIL,
    W_POISON,
    W_ACPI20,
    W_MEMATTR,
    W_SHIMLOCK,
    W_MOKSBSTATE,
    W_RT_GETTIME,
    W_RT_VAR_EXTRA,
    W_RT_CAPSULE,
    W_RT_STUB_TYPE,
    W_RT_TABLE_HIGH,
    W_FRAGMENT,
    W_FRAGMENT_TYPE,
    W_START,
    NR_ONCE_WORDS
};

static const char *const once_words[NR_ONCE_WORDS] = {
    [W_ESRT] = "esrt=",
    [W_ESRT_MAX] = "esrt-max=",
    [W_SEED] = "seed=",
    [W_ESRT_TYPE] = "esrt-type=",
    [W_ESRT_TYPE2] = "esrt-type2=",
    [W_ESRT_PLACE] = "esrt-place=",
    [W_ESRT_CORRUPT] = "esrt-corrupt=",
    [W_ESRT_DUP] = "esrt-dup=",
    [W_EBS_FAIL] = "ebs-fail=",
    [W_POISON] = "poison=",
    [W_ACPI20] = "acpi20=",
    [W_MEMATTR] = "memattr=",
    [W_SHIMLOCK] = "shimlock=",
    [W_MOKSBSTATE] = "moksbstate=",
    [W_RT_GETTIME] = "rt-gettime=",
    [W_RT_VAR_EXTRA] = "rt-var-extra=",
    [W_RT_CAPSULE] = "rt-capsule=",
    [W_RT_STUB_TYPE] = "rt-stub-type=",
    [W_RT_TABLE_HIGH] = "rt-table-high=",
    [W_FRAGMENT] = "fragment=",
    [W_FRAGMENT_TYPE] = "fragment-type=",
    [W_START] = "start=",
};

/* The words of the esrt=... family (they need esrt=). */
#define ESRT_WORDS  ((1U << W_ESRT_MAX) | (1U << W_SEED) | \
                     (1U << W_ESRT_TYPE) | (1U << W_ESRT_TYPE2) | \
                     (1U << W_ESRT_PLACE) | (1U << W_ESRT_CORRUPT) | \
                     (1U << W_ESRT_DUP))

static const char *const gettime_names[SHIMOPT_GT_NR] = {
    [SHIMOPT_GT_NONE] = "none",
    [SHIMOPT_GT_COUNT] = "count",
    [SHIMOPT_GT_BSREAD] = "bsread",
    [SHIMOPT_GT_NMI] = "nmi",
    [SHIMOPT_GT_MCE] = "mce",
    [SHIMOPT_GT_STACK] = "stack",
};

static const char *const capsule_names[] = { "persist" };
static const char *const stub_type_names[] = { "code", "data" };
static const char *const fragment_type_names[] = { "bsdata", "rtdata" };

static const char *const shimlock_names[SHIMOPT_SHIMLOCK_NR] = {
    [SHIMOPT_SHIMLOCK_NONE] = "none",
    [SHIMOPT_SHIMLOCK_ACCEPT] = "accept",
    [SHIMOPT_SHIMLOCK_REFUSE] = "refuse",
};

static const char *const type_names[SHIMOPT_ESRT_NR_TYPES] = {
    [SHIMOPT_ESRT_BSDATA] = "bsdata",
    [SHIMOPT_ESRT_RTDATA] = "rtdata",
    [SHIMOPT_ESRT_ACPIRECLAIM] = "acpireclaim",
    [SHIMOPT_ESRT_LOADERDATA] = "loaderdata",
    [SHIMOPT_ESRT_CONVENTIONAL] = "conventional",
    [SHIMOPT_ESRT_REUSED] = "reused",
};

static const uint32_t type_values[SHIMOPT_ESRT_NR_TYPES] = {
    [SHIMOPT_ESRT_BSDATA] = 4,
    [SHIMOPT_ESRT_RTDATA] = 6,
    [SHIMOPT_ESRT_ACPIRECLAIM] = 9,
    [SHIMOPT_ESRT_LOADERDATA] = 2,
    [SHIMOPT_ESRT_CONVENTIONAL] = 7,
    [SHIMOPT_ESRT_REUSED] = 7,
};

static const char *const place_names[SHIMOPT_ESRT_NR_PLACES] = {
    [SHIMOPT_ESRT_PAGE] = "page",
    [SHIMOPT_ESRT_STRADDLE_PAGE] = "straddle-page",
    [SHIMOPT_ESRT_STRADDLE_DESC] = "straddle-desc",
};

static const char *const corrupt_names[SHIMOPT_ESRT_NR_CORRUPTS] = {
    [SHIMOPT_ESRT_INTACT] = "none",
    [SHIMOPT_ESRT_COUNT_OVER_MAX] = "count-over-max",
    [SHIMOPT_ESRT_ABSURD_COUNT] = "absurd-count",
    [SHIMOPT_ESRT_VERSION] = "version",
    [SHIMOPT_ESRT_OUTSIDE_MAP] = "outside-map",
    [SHIMOPT_ESRT_DUP_CLASS] = "dup-class",
    [SHIMOPT_ESRT_NIL_CLASS] = "nil-class",
};

static const char *const dup_names[SHIMOPT_ESRT_NR_DUPS] = {
    [SHIMOPT_ESRT_DUP_NONE] = "none",
    [SHIMOPT_ESRT_DUP_BEFORE] = "before",
    [SHIMOPT_ESRT_DUP_AFTER] = "after",
};

/* What parsing remembers between words, for the checks at the end. */
struct parse_state {
    unsigned int nr_unaccepted;
    unsigned int seen;                  /* bit per once_word given */
    bool esrt_word_seen;                /* an esrt-... or seed= word */
    struct shimopt_where esrt_word_at;  /* the first of them */
    struct shimopt_where max_at;
    struct shimopt_where type2_at;
    struct shimopt_where corrupt_at;
    struct shimopt_where stub_word_at;  /* rt-stub-type= */
    struct shimopt_where fragment_type_at;  /* fragment-type= */
    struct shimopt_where child_word_at; /* the "--" word */
};

const char *shimopt_strerror(enum shimopt_status st)
{
    switch ( st )
    {
    case SHIMOPT_OK:
        return "ok";
    case SHIMOPT_ERR_UNKNOWN_WORD:
        return "unknown option";
    case SHIMOPT_ERR_SYNTAX:
        return "range is not START-END";
    case SHIMOPT_ERR_NUMBER:
        return "bad hex number";
    case SHIMOPT_ERR_UNALIGNED:
        return "range is not 4 KiB aligned";
    case SHIMOPT_ERR_EMPTY:
        return "range is empty";
    case SHIMOPT_ERR_OVERLAP:
        return "range overlaps an earlier one";
    case SHIMOPT_ERR_TOO_MANY:
        return "too many ranges";
    case SHIMOPT_ERR_NOT_INSIDE:
        return "not inside one unaccepted range";
    case SHIMOPT_ERR_FULL:
        return "no room to split the range";
    case SHIMOPT_ERR_VALUE:
        return "value out of range or not a known name";
    case SHIMOPT_ERR_REPEATED:
        return "option given twice";
    case SHIMOPT_ERR_NO_ESRT:
        return "esrt option without esrt=N";
    case SHIMOPT_ERR_ESRT_MAX:
        return "esrt-max below the entry count";
    case SHIMOPT_ERR_ESRT_TYPE2:
        return "esrt-type2 needs esrt-place=straddle-desc and another type";
    case SHIMOPT_ERR_NO_STUB:
        return "runtime stub option without a runtime stub";
    case SHIMOPT_ERR_ESRT_DUP:
        return "esrt-corrupt=dup-class needs two entries";
    case SHIMOPT_ERR_CHILD:
        return "options after -- need start=";
    case SHIMOPT_ERR_NO_FRAGMENT:
        return "fragment-type= without fragment=N";
    }
    return "unknown status";
}

/* The UCS-2 text being parsed: read a unit at a time, never past nr. */
struct text {
    const uint8_t *b;
    size_t nr;
};

static uint16_t text_at(const struct text *t, size_t i)
{
    return t->b[2 * i] | (uint16_t)(t->b[2 * i + 1] << 8);
}

static bool is_space(uint16_t c)
{
    return c == ' ' || c == '\t';
}

static int hex_digit(uint16_t c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

/* Parses the hex number in units [i, end) of t. */
static enum shimopt_status parse_hex(const struct text *t, size_t i,
                                     size_t end, uint64_t *val)
{
    uint64_t v = 0;

    if ( end - i >= 2 && text_at(t, i) == '0' &&
         (text_at(t, i + 1) == 'x' || text_at(t, i + 1) == 'X') )
        i += 2;
    if ( i == end )
        return SHIMOPT_ERR_NUMBER;
    for ( ; i < end; i++ )
    {
        int d = hex_digit(text_at(t, i));

        if ( d < 0 || v > (UINT64_MAX >> 4) )
            return SHIMOPT_ERR_NUMBER;
        v = (v << 4) | (uint64_t)d;
    }
    *val = v;
    return SHIMOPT_OK;
}

/* Adds [s, e) to the sorted set, merging it with touching neighbours. */
static enum shimopt_status set_add(struct shimopt_set *set, uint64_t s,
                                   uint64_t e)
{
    unsigned int i = 0;

    while ( i < set->nr && set->r[i].end_pa < s )
        i++;
    if ( i < set->nr && set->r[i].start_pa < e && s < set->r[i].end_pa )
        return SHIMOPT_ERR_OVERLAP;
    if ( i < set->nr && set->r[i].end_pa == s )
    {
        /* Touches range i from above; may close the gap to range i + 1. */
        if ( i + 1 < set->nr && set->r[i + 1].start_pa < e )
            return SHIMOPT_ERR_OVERLAP;
        set->r[i].end_pa = e;
        if ( i + 1 < set->nr && set->r[i + 1].start_pa == e )
        {
            set->r[i].end_pa = set->r[i + 1].end_pa;
            for ( unsigned int j = i + 1; j + 1 < set->nr; j++ )
                set->r[j] = set->r[j + 1];
            set->nr--;
        }
        return SHIMOPT_OK;
    }
    if ( i < set->nr && set->r[i].start_pa == e )
    {
        set->r[i].start_pa = s;
        return SHIMOPT_OK;
    }
    if ( set->nr == SHIMOPT_MAX_RANGES )
        return SHIMOPT_ERR_FULL;
    for ( unsigned int j = set->nr; j > i; j-- )
        set->r[j] = set->r[j - 1];
    set->r[i].start_pa = s;
    set->r[i].end_pa = e;
    set->nr++;
    return SHIMOPT_OK;
}

/* Whether units [i, end) of t start with the ASCII prefix p. */
static bool has_prefix(const struct text *t, size_t i, size_t end,
                       const char *p)
{
    for ( ; *p; p++, i++ )
        if ( i == end || text_at(t, i) != (uint8_t)*p )
            return false;
    return true;
}

/* START-END in units [i, end) of t; END must lie above START. */
static enum shimopt_status parse_range(const struct text *t, size_t i,
                                       size_t end, struct shimopt_range *r)
{
    enum shimopt_status st;
    size_t dash;

    for ( dash = i; dash < end && text_at(t, dash) != '-'; dash++ )
        ;
    if ( dash == end )
        return SHIMOPT_ERR_SYNTAX;
    if ( (st = parse_hex(t, i, dash, &r->start_pa)) != SHIMOPT_OK ||
         (st = parse_hex(t, dash + 1, end, &r->end_pa)) != SHIMOPT_OK )
        return st;
    return r->end_pa > r->start_pa ? SHIMOPT_OK : SHIMOPT_ERR_EMPTY;
}

static size_t ascii_len(const char *p)
{
    size_t n = 0;

    while ( p[n] )
        n++;
    return n;
}

/* Decimal, or hex after 0x, in units [i, end) of t, within [lo, hi]. */
static enum shimopt_status parse_num(const struct text *t, size_t i,
                                     size_t end, uint64_t lo, uint64_t hi,
                                     uint64_t *val)
{
    enum shimopt_status st;
    uint64_t v = 0;

    if ( end - i >= 2 && text_at(t, i) == '0' &&
         (text_at(t, i + 1) == 'x' || text_at(t, i + 1) == 'X') )
    {
        if ( (st = parse_hex(t, i, end, &v)) != SHIMOPT_OK )
            return st;
    }
    else
    {
        if ( i == end )
            return SHIMOPT_ERR_NUMBER;
        for ( ; i < end; i++ )
        {
            uint16_t c = text_at(t, i);

            if ( c < '0' || c > '9' ||
                 v > (UINT64_MAX - (c - '0')) / 10 )
                return SHIMOPT_ERR_NUMBER;
            v = v * 10 + (c - '0');
        }
    }
    if ( v < lo || v > hi )
        return SHIMOPT_ERR_VALUE;
    *val = v;
    return SHIMOPT_OK;
}

/* Index of the name in names[nr] that units [i, end) of t spell, or -1. */
static int parse_name(const struct text *t, size_t i, size_t end,
                      const char *const *names, unsigned int nr)
{
    for ( unsigned int k = 0; k < nr; k++ )
        if ( end - i == ascii_len(names[k]) &&
             has_prefix(t, i, end, names[k]) )
            return (int)k;
    return -1;
}

/* The value of once-only word w, units [i, end) of t after its '='. */
static enum shimopt_status parse_once(const struct text *t, size_t i,
                                      size_t end, enum once_word w,
                                      struct shimopt *out)
{
    enum shimopt_status st = SHIMOPT_OK;
    uint64_t n = 0;
    int k = 0;

    switch ( w )
    {
    case W_ESRT:
        st = parse_num(t, i, end, 1, SHIMOPT_ESRT_MAX_COUNT, &n);
        break;
    case W_ESRT_MAX:
        st = parse_num(t, i, end, 1, UINT32_MAX, &n);
        break;
    case W_SEED:
        st = parse_num(t, i, end, 0, UINT64_MAX, &n);
        break;
    case W_EBS_FAIL:
        st = parse_num(t, i, end, 0, SHIMOPT_EBS_FAIL_MAX, &n);
        break;
    case W_POISON:
        st = parse_num(t, i, end, 0, 1, &n);
        break;
    case W_ACPI20:
        st = parse_num(t, i, end, 0, UINT64_MAX, &n);
        break;
    case W_MEMATTR:
        st = parse_num(t, i, end, 0, 2, &n);
        break;
    case W_MOKSBSTATE:
    case W_RT_TABLE_HIGH:
        st = parse_num(t, i, end, 0, 1, &n);
        break;
    case W_RT_VAR_EXTRA:
        st = parse_num(t, i, end, 1, SHIMOPT_RT_VAR_EXTRA_MAX, &n);
        break;
    case W_FRAGMENT:
        st = parse_num(t, i, end, 1, SHIMOPT_FRAGMENT_MAX, &n);
        break;
    case W_RT_GETTIME:
        k = parse_name(t, i, end, gettime_names, SHIMOPT_GT_NR);
        k = k == SHIMOPT_GT_NONE ? -1 : k;
        break;
    case W_RT_CAPSULE:
        k = parse_name(t, i, end, capsule_names, 1);
        break;
    case W_RT_STUB_TYPE:
        k = parse_name(t, i, end, stub_type_names, 2);
        break;
    case W_FRAGMENT_TYPE:
        k = parse_name(t, i, end, fragment_type_names, 2);
        break;
    case W_START:
        if ( i == end )
            st = SHIMOPT_ERR_VALUE;
        break;
    case W_SHIMLOCK:
        k = parse_name(t, i, end, shimlock_names, SHIMOPT_SHIMLOCK_NR);
        break;
    case W_ESRT_TYPE:
    case W_ESRT_TYPE2:
        k = parse_name(t, i, end, type_names, SHIMOPT_ESRT_NR_TYPES);
        break;
    case W_ESRT_PLACE:
        k = parse_name(t, i, end, place_names, SHIMOPT_ESRT_NR_PLACES);
        break;
    case W_ESRT_CORRUPT:
        k = parse_name(t, i, end, corrupt_names, SHIMOPT_ESRT_NR_CORRUPTS);
        break;
    case W_ESRT_DUP:
        k = parse_name(t, i, end, dup_names, SHIMOPT_ESRT_NR_DUPS);
        break;
    case NR_ONCE_WORDS:
        break;
    }
    if ( st != SHIMOPT_OK )
        return st;
    if ( k < 0 )
        return SHIMOPT_ERR_VALUE;

    switch ( w )
    {
    case W_ESRT:
        out->esrt.count = (uint32_t)n;
        break;
    case W_ESRT_MAX:
        out->esrt.max = (uint32_t)n;
        break;
    case W_SEED:
        out->esrt.seed = n;
        break;
    case W_EBS_FAIL:
        out->ebs_fail = (unsigned int)n;
        break;
    case W_POISON:
        out->poison = n;
        break;
    case W_ACPI20:
        out->has_acpi20 = true;
        out->acpi20_pa = n;
        break;
    case W_MEMATTR:
        out->memattr = (unsigned int)n;
        break;
    case W_SHIMLOCK:
        out->shimlock = k;
        break;
    case W_MOKSBSTATE:
        out->moksbstate = (int)n;
        break;
    case W_RT_GETTIME:
        out->rt.gettime = k;
        break;
    case W_RT_VAR_EXTRA:
        out->rt.var_extra = (uint32_t)n;
        break;
    case W_RT_CAPSULE:
        out->rt.capsule = true;
        break;
    case W_RT_STUB_TYPE:
        out->rt.stub_data = k == 1;
        break;
    case W_RT_TABLE_HIGH:
        out->rt.table_high = n;
        break;
    case W_FRAGMENT:
        out->fragment = (uint32_t)n;
        break;
    case W_FRAGMENT_TYPE:
        out->fragment_rt = k == 1;
        break;
    case W_START:
        out->has_start = true;
        out->start_at = i;
        out->start_chars = end - i;
        break;
    case W_ESRT_TYPE:
        out->esrt.type = k;
        break;
    case W_ESRT_TYPE2:
        out->esrt.type2 = k;
        break;
    case W_ESRT_PLACE:
        out->esrt.place = k;
        break;
    case W_ESRT_CORRUPT:
        out->esrt.corrupt = k;
        break;
    case W_ESRT_DUP:
        out->esrt.dup = k;
        break;
    case NR_ONCE_WORDS:
        break;
    }
    return SHIMOPT_OK;
}

/* One word other than the image name: units [i, end) of t. */
static enum shimopt_status parse_word(const struct text *t, size_t i,
                                      size_t end, struct shimopt *out,
                                      struct parse_state *ps)
{
    const struct shimopt_where here = { i, end - i };
    struct shimopt_range r;
    enum shimopt_status st;

    for ( unsigned int w = 0; w < NR_ONCE_WORDS; w++ )
    {
        if ( !has_prefix(t, i, end, once_words[w]) )
            continue;
        if ( ps->seen & (1U << w) )
            return SHIMOPT_ERR_REPEATED;
        st = parse_once(t, i + ascii_len(once_words[w]), end, w, out);
        if ( st != SHIMOPT_OK )
            return st;
        ps->seen |= 1U << w;
        if ( (ESRT_WORDS & (1U << w)) && !ps->esrt_word_seen )
        {
            ps->esrt_word_seen = true;
            ps->esrt_word_at = here;
        }
        if ( w == W_ESRT_MAX )
            ps->max_at = here;
        if ( w == W_ESRT_TYPE2 )
            ps->type2_at = here;
        if ( w == W_ESRT_CORRUPT )
            ps->corrupt_at = here;
        if ( w == W_RT_STUB_TYPE )
            ps->stub_word_at = here;
        if ( w == W_FRAGMENT_TYPE )
            ps->fragment_type_at = here;
        return SHIMOPT_OK;
    }

    if ( has_prefix(t, i, end, OPT_ACCEPT) )
    {
        if ( out->nr_accept == SHIMOPT_MAX_OPTS )
            return SHIMOPT_ERR_TOO_MANY;
        st = parse_range(t, i + sizeof(OPT_ACCEPT) - 1, end, &r);
        if ( st == SHIMOPT_OK )
            out->accept[out->nr_accept++] = r;
        return st;
    }
    if ( !has_prefix(t, i, end, OPT_UNACCEPTED) )
        return SHIMOPT_ERR_UNKNOWN_WORD;
    if ( ps->nr_unaccepted == SHIMOPT_MAX_OPTS )
        return SHIMOPT_ERR_TOO_MANY;
    ps->nr_unaccepted++;
    /* Alignment first: an unaligned END may well lie below START too. */
    st = parse_range(t, i + sizeof(OPT_UNACCEPTED) - 1, end, &r);
    if ( (st == SHIMOPT_OK || st == SHIMOPT_ERR_EMPTY) &&
         (!IS_ALIGNED(r.start_pa, SHIMOPT_PAGE_BYTES) ||
          !IS_ALIGNED(r.end_pa, SHIMOPT_PAGE_BYTES)) )
        return SHIMOPT_ERR_UNALIGNED;
    if ( st != SHIMOPT_OK )
        return st;
    return set_add(&out->unaccepted, r.start_pa, r.end_pa);
}

/*
 * The checks that need every word: the esrt-... words against esrt=, and
 * the defaults that depend on other words.
 */
static enum shimopt_status parse_finish(struct shimopt *out,
                                        const struct parse_state *ps,
                                        struct shimopt_where *where)
{
    struct shimopt_esrt *e = &out->esrt;

    if ( ps->esrt_word_seen && !e->count )
    {
        *where = ps->esrt_word_at;
        return SHIMOPT_ERR_NO_ESRT;
    }
    if ( !(ps->seen & (1U << W_ESRT_MAX)) )
        e->max = e->count;
    else if ( e->max < e->count )
    {
        *where = ps->max_at;
        return SHIMOPT_ERR_ESRT_MAX;
    }
    if ( !(ps->seen & (1U << W_ESRT_TYPE2)) )
        e->type2 = e->type == SHIMOPT_ESRT_BSDATA ? SHIMOPT_ESRT_RTDATA
                                                 : SHIMOPT_ESRT_BSDATA;
    else if ( e->place != SHIMOPT_ESRT_STRADDLE_DESC || e->type2 == e->type )
    {
        *where = ps->type2_at;
        return SHIMOPT_ERR_ESRT_TYPE2;
    }
    if ( e->corrupt == SHIMOPT_ESRT_DUP_CLASS && e->count < 2 )
    {
        *where = ps->corrupt_at;
        return SHIMOPT_ERR_ESRT_DUP;
    }
    if ( (ps->seen & (1U << W_RT_STUB_TYPE)) &&
         !shimopt_rt_stubs(&out->rt) )
    {
        *where = ps->stub_word_at;
        return SHIMOPT_ERR_NO_STUB;
    }
    if ( out->fragment_rt && !out->fragment )
    {
        *where = ps->fragment_type_at;
        return SHIMOPT_ERR_NO_FRAGMENT;
    }
    if ( out->has_child && !out->has_start )
    {
        *where = ps->child_word_at;
        return SHIMOPT_ERR_CHILD;
    }
    return SHIMOPT_OK;
}

static bool word_has_equals(const struct text *t, size_t i, size_t end)
{
    for ( ; i < end; i++ )
        if ( text_at(t, i) == '=' )
            return true;
    return false;
}

enum shimopt_status shimopt_parse(const void *opts, size_t opts_bytes,
                                  struct shimopt *out,
                                  struct shimopt_where *where)
{
    static const struct shimopt_esrt esrt_none = {
        .type2 = SHIMOPT_ESRT_RTDATA,
    };
    struct text t = { opts, opts_bytes / 2 };
    struct parse_state ps = { 0 };
    unsigned int nr_words = 0;
    enum shimopt_status st;
    size_t i = 0, end;

    out->unaccepted.nr = 0;
    out->nr_accept = 0;
    out->esrt = esrt_none;
    out->ebs_fail = 0;
    out->poison = false;
    out->has_acpi20 = false;
    out->acpi20_pa = 0;
    out->memattr = 0;
    out->shimlock = SHIMOPT_SHIMLOCK_NONE;
    out->moksbstate = -1;
    out->rt = (struct shimopt_rt){ .gettime = SHIMOPT_GT_NONE };
    out->fragment = 0;
    out->fragment_rt = false;
    out->has_start = out->has_child = false;
    out->start_at = out->start_chars = out->child_at = 0;
    where->offset_chars = where->nr_chars = 0;
    for ( size_t k = 0; k < t.nr; k++ )
        if ( !text_at(&t, k) )
        {
            t.nr = k;
            break;
        }

    for ( ;; )
    {
        while ( i < t.nr && is_space(text_at(&t, i)) )
            i++;
        if ( i == t.nr )
            return parse_finish(out, &ps, where);
        for ( end = i; end < t.nr && !is_space(text_at(&t, end)); end++ )
            ;
        where->offset_chars = i;
        where->nr_chars = end - i;
        if ( nr_words++ == 0 && !word_has_equals(&t, i, end) )
        {
            i = end;
            continue;
        }
        /* "--": the rest belongs to the image start= names. */
        if ( end - i == 2 && text_at(&t, i) == '-' &&
             text_at(&t, i + 1) == '-' )
        {
            ps.child_word_at = (struct shimopt_where){ i, 2 };
            for ( i = end; i < t.nr && is_space(text_at(&t, i)); i++ )
                ;
            out->has_child = true;
            out->child_at = i;
            return parse_finish(out, &ps, where);
        }
        if ( (st = parse_word(&t, i, end, out, &ps)) != SHIMOPT_OK )
            return st;
        i = end;
    }
}

int shimopt_find(const struct shimopt_set *set, uint64_t start_pa,
                 uint64_t bytes)
{
    if ( !bytes || start_pa + bytes < start_pa )
        return -1;
    for ( unsigned int i = 0; i < set->nr && i < SHIMOPT_MAX_RANGES; i++ )
        if ( set->r[i].start_pa <= start_pa &&
             start_pa + bytes <= set->r[i].end_pa )
            return (int)i;
    return -1;
}

enum shimopt_status shimopt_remove(struct shimopt_set *set, uint64_t start_pa,
                                   uint64_t bytes)
{
    uint64_t end_pa = start_pa + bytes;
    struct shimopt_range *r;
    int i;

    if ( !bytes )
        return SHIMOPT_ERR_EMPTY;
    if ( !IS_ALIGNED(start_pa, SHIMOPT_PAGE_BYTES) ||
         !IS_ALIGNED(bytes, SHIMOPT_PAGE_BYTES) )
        return SHIMOPT_ERR_UNALIGNED;
    if ( (i = shimopt_find(set, start_pa, bytes)) < 0 )
        return SHIMOPT_ERR_NOT_INSIDE;
    r = &set->r[i];

    if ( r->start_pa == start_pa && r->end_pa == end_pa )
    {
        for ( unsigned int j = i; j + 1 < set->nr; j++ )
            set->r[j] = set->r[j + 1];
        set->nr--;
    }
    else if ( r->start_pa == start_pa )
        r->start_pa = end_pa;
    else if ( r->end_pa == end_pa )
        r->end_pa = start_pa;
    else
    {
        /* The middle goes: what lies above it becomes range i + 1. */
        if ( set->nr == SHIMOPT_MAX_RANGES )
            return SHIMOPT_ERR_FULL;
        for ( unsigned int j = set->nr; j > (unsigned int)i + 1; j-- )
            set->r[j] = set->r[j - 1];
        set->r[i + 1].start_pa = end_pa;
        set->r[i + 1].end_pa = r->end_pa;
        r->end_pa = start_pa;
        set->nr++;
    }
    return SHIMOPT_OK;
}

uint32_t shimopt_esrt_efi_type(enum shimopt_esrt_type t)
{
    return t < SHIMOPT_ESRT_NR_TYPES ? type_values[t] : 0;
}

bool shimopt_esrt_freed(enum shimopt_esrt_type t)
{
    return t == SHIMOPT_ESRT_CONVENTIONAL || t == SHIMOPT_ESRT_REUSED;
}

const char *shimopt_esrt_type_name(enum shimopt_esrt_type t)
{
    return t < SHIMOPT_ESRT_NR_TYPES ? type_names[t] : "?";
}

const char *shimopt_esrt_place_name(enum shimopt_esrt_place p)
{
    return p < SHIMOPT_ESRT_NR_PLACES ? place_names[p] : "?";
}

const char *shimopt_esrt_corrupt_name(enum shimopt_esrt_corrupt c)
{
    return c < SHIMOPT_ESRT_NR_CORRUPTS ? corrupt_names[c] : "?";
}

const char *shimopt_rt_gettime_name(enum shimopt_rt_gettime g)
{
    return g < SHIMOPT_GT_NR ? gettime_names[g] : "?";
}

bool shimopt_rt_stubs(const struct shimopt_rt *rt)
{
    return rt->gettime != SHIMOPT_GT_NONE || rt->var_extra || rt->capsule;
}

uint64_t shimopt_total_pages(const struct shimopt_set *set)
{
    uint64_t pages = 0;

    for ( unsigned int i = 0; i < set->nr && i < SHIMOPT_MAX_RANGES; i++ )
        pages += (set->r[i].end_pa - set->r[i].start_pa) / SHIMOPT_PAGE_BYTES;
    return pages;
}
