/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzes the firmware test shim's load-option parser (shimopt_parse()),
 * its range set arithmetic (shimopt_remove()) and the ESRT it builds from
 * the options (shimesrt_build()). The input is the load options, UCS-2 as
 * the shell passes them. Invariants, on success and on every error alike
 * (an error leaves what parsed before it, which must still be valid): the
 * unaccepted set is sorted, disjoint, not touching, 4 KiB aligned and no
 * longer than the options allow; accept spans are not empty; every ESRT
 * field lies in its documented domain; the word named lies inside the
 * text, and so do the start= path and the options after "--". On
 * success the ESRT words agree with each other, removing each accept span
 * changes the set all or nothing by exactly its pages, and the table has
 * the header the options ask for with unique classes (except the class
 * the corruption asked to repeat or zero).
 * Parsing and building are deterministic.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../efi-shim/shimopt.c"
#include "../efi-shim/shimesrt.c"

static void check_set(const struct shimopt_set *set, unsigned int max)
{
    if ( set->nr > max )
        abort();
    for ( unsigned int i = 0; i < set->nr; i++ )
    {
        const struct shimopt_range *r = &set->r[i];

        if ( r->start_pa >= r->end_pa ||
             r->start_pa % SHIMOPT_PAGE_BYTES ||
             r->end_pa % SHIMOPT_PAGE_BYTES ||
             (i && set->r[i - 1].end_pa >= r->start_pa) )
            abort();
    }
}

static bool same_set(const struct shimopt_set *a, const struct shimopt_set *b)
{
    return a->nr == b->nr &&
           !memcmp(a->r, b->r, a->nr * sizeof(a->r[0]));
}

static void check_opts(const struct shimopt *o)
{
    check_set(&o->unaccepted, SHIMOPT_MAX_OPTS);
    if ( o->nr_accept > SHIMOPT_MAX_OPTS )
        abort();
    for ( unsigned int i = 0; i < o->nr_accept; i++ )
        if ( o->accept[i].end_pa <= o->accept[i].start_pa )
            abort();
    if ( o->esrt.count > SHIMOPT_ESRT_MAX_COUNT ||
         o->esrt.type >= SHIMOPT_ESRT_NR_TYPES ||
         o->esrt.type2 >= SHIMOPT_ESRT_NR_TYPES ||
         o->esrt.place >= SHIMOPT_ESRT_NR_PLACES ||
         o->esrt.corrupt >= SHIMOPT_ESRT_NR_CORRUPTS ||
         o->ebs_fail > SHIMOPT_EBS_FAIL_MAX ||
         o->rt.gettime >= SHIMOPT_GT_NR ||
         o->rt.var_extra > SHIMOPT_RT_VAR_EXTRA_MAX ||
         o->fragment > SHIMOPT_FRAGMENT_MAX ||
         (o->has_start && !o->start_chars) )
        abort();
}

static bool same_opts(const struct shimopt *a, const struct shimopt *b)
{
    return same_set(&a->unaccepted, &b->unaccepted) &&
           a->nr_accept == b->nr_accept &&
           !memcmp(a->accept, b->accept, a->nr_accept * sizeof(a->accept[0])) &&
           a->esrt.count == b->esrt.count && a->esrt.max == b->esrt.max &&
           a->esrt.seed == b->esrt.seed && a->esrt.type == b->esrt.type &&
           a->esrt.type2 == b->esrt.type2 &&
           a->esrt.place == b->esrt.place &&
           a->esrt.corrupt == b->esrt.corrupt &&
           a->ebs_fail == b->ebs_fail && a->poison == b->poison &&
           a->rt.gettime == b->rt.gettime &&
           a->rt.var_extra == b->rt.var_extra &&
           a->rt.capsule == b->rt.capsule &&
           a->rt.stub_data == b->rt.stub_data &&
           a->rt.table_high == b->rt.table_high &&
           a->esrt.dup == b->esrt.dup && a->fragment == b->fragment &&
           a->fragment_rt == b->fragment_rt && a->has_start == b->has_start &&
           a->start_at == b->start_at && a->start_chars == b->start_chars &&
           a->has_child == b->has_child && a->child_at == b->child_at;
}

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Pages in the set, and whether the page at pa is in it, counted here. */
static uint64_t ref_pages(const struct shimopt_set *set)
{
    uint64_t n = 0;

    for ( unsigned int i = 0; i < set->nr; i++ )
        n += (set->r[i].end_pa - set->r[i].start_pa) / 4096;
    return n;
}

static bool ref_holds(const struct shimopt_set *set, uint64_t pa)
{
    for ( unsigned int i = 0; i < set->nr; i++ )
        if ( set->r[i].start_pa <= pa && pa < set->r[i].end_pa )
            return true;
    return false;
}

/* Each accept span off the set in turn: all or nothing, exact pages. */
static void check_removals(struct shimopt *o)
{
    for ( unsigned int i = 0; i < o->nr_accept; i++ )
    {
        struct shimopt_set s = o->unaccepted;
        uint64_t before = ref_pages(&s);
        uint64_t start = o->accept[i].start_pa;
        uint64_t bytes = o->accept[i].end_pa - start;

        if ( shimopt_remove(&s, start, bytes) == SHIMOPT_OK )
        {
            check_set(&s, SHIMOPT_MAX_RANGES);
            if ( ref_pages(&s) != before - bytes / 4096 ||
                 shimopt_total_pages(&s) != ref_pages(&s) ||
                 ref_holds(&s, start) || ref_holds(&s, start + bytes - 1) ||
                 !ref_holds(&o->unaccepted, start) ||
                 !ref_holds(&o->unaccepted, start + bytes - 1) )
                abort();
            o->unaccepted = s;
        }
        else if ( !same_set(&s, &o->unaccepted) )
            abort();
    }
}

static void check_table(const struct shimopt_esrt *e)
{
    size_t n = shimesrt_bytes(e->count);
    uint8_t *t = malloc(n), *again = malloc(n);
    uint32_t count = e->count, max = e->max, version = 1;

    shimesrt_build(t, e);
    shimesrt_build(again, e);
    if ( memcmp(t, again, n) )
        abort();
    if ( e->corrupt == SHIMOPT_ESRT_COUNT_OVER_MAX )
        max = count - 1;
    if ( e->corrupt == SHIMOPT_ESRT_ABSURD_COUNT )
        count = max = SHIMESRT_ABSURD_COUNT;
    if ( e->corrupt == SHIMOPT_ESRT_VERSION )
        version = 2;
    if ( rd32(t) != count || rd32(t + 4) != max || rd32(t + 8) != version ||
         rd32(t + 12) )
        abort();
    for ( uint32_t i = 0; i < e->count && i < 64; i++ )
        for ( uint32_t j = 0; j < i; j++ )
            if ( !memcmp(t + 16 + 40 * i, t + 16 + 40 * j, 16) &&
                 !(e->corrupt == SHIMOPT_ESRT_DUP_CLASS && j == 0 &&
                   i == e->count - 1) )
                abort();
    if ( e->corrupt == SHIMOPT_ESRT_DUP_CLASS &&
         memcmp(t + 16, t + 16 + 40 * (e->count - 1), 16) )
        abort();
    if ( e->corrupt == SHIMOPT_ESRT_NIL_CLASS &&
         memcmp(t + 16, (const uint8_t[16]){ 0 }, 16) )
        abort();
    for ( uint32_t i = 0; i < e->count; i++ )
        if ( rd32(t + 16 + 40 * i + 24) > rd32(t + 16 + 40 * i + 20) ||
             rd32(t + 16 + 40 * i + 36) > 8 )
            abort();
    free(t);
    free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct shimopt a, b;
    struct shimopt_where wa, wb;
    enum shimopt_status st;

    memset(&a, 0xa5, sizeof(a));
    memset(&b, 0x5a, sizeof(b));
    st = shimopt_parse(size ? data : NULL, size, &a, &wa);
    if ( shimopt_parse(size ? data : NULL, size, &b, &wb) != st ||
         wa.offset_chars != wb.offset_chars || wa.nr_chars != wb.nr_chars ||
         !same_opts(&a, &b) )
        abort();
    check_opts(&a);
    if ( wa.offset_chars + wa.nr_chars > size / 2 ||
         (st != SHIMOPT_OK && !wa.nr_chars) ||
         !strcmp(shimopt_strerror(st), "unknown status") )
        abort();
    if ( st != SHIMOPT_OK )
        return 0;
    if ( (a.has_start && a.start_at + a.start_chars > size / 2) ||
         (a.has_child && (!a.has_start || a.child_at > size / 2)) ||
         (!shimopt_rt_stubs(&a.rt) && a.rt.stub_data) )
        abort();

    if ( a.esrt.count )
    {
        if ( a.esrt.max < a.esrt.count || a.esrt.type2 == a.esrt.type )
            abort();
        check_table(&a.esrt);
    }
    else if ( a.esrt.max || a.esrt.seed || a.esrt.type ||
              a.esrt.place || a.esrt.corrupt )
        abort();
    check_removals(&a);
    return 0;
}
