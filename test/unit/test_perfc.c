/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/perfc.c: the counter list lays its values end to
 * end, names fit Xen's 80-byte descriptions, array entries carry Xen's
 * hypercall, vector and MMUEXT names, values are shown as Xen's 32-bit
 * counts or as microseconds, the sysctl buffers hold what the report
 * shows, and the report's lines stay within their width, name every
 * non-zero entry exactly once and never overrun a short buffer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/perfc.h>

#include "unit.h"

static void values_lie_end_to_end(struct unit_ctx *ctx)
{
    unsigned int next = 0;

    for ( unsigned int i = 0; i < PERFC_NR_COUNTERS; i++ )
    {
        const struct perfc_counter *c = perfc_counter(i);

        CHECK(c != NULL);
        CHECK_EQ(c->offset, next);
        CHECK(c->nr >= 1);
        next += c->nr;
    }
    CHECK_EQ(next, PERFC_NR_VALS);
    CHECK(perfc_counter(PERFC_NR_COUNTERS) == NULL);
    CHECK_EQ(perfc_counter(PERFC_IDX_hypercalls)->nr, 64);
    CHECK_EQ(perfc_counter(PERFC_IDX_exceptions)->nr, 32);
    CHECK_EQ(perfc_counter(PERFC_IDX_calls_to_mmu_update)->nr, 1);
}

static void names_are_unique_and_fit_xen_desc(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i < PERFC_NR_COUNTERS; i++ )
    {
        const char *n = perfc_counter(i)->name;

        CHECK(n[0] != '\0');
        CHECK(strlen(n) < sizeof(((struct xen_sysctl_perfc_desc *)0)->name));
        for ( unsigned int j = 0; j < i; j++ )
            CHECK(strcmp(n, perfc_counter(j)->name));
    }
    /* Xen's own names where Xen has the counter. */
    CHECK(!strcmp(perfc_counter(PERFC_IDX_hypercalls)->name, "hypercalls"));
    CHECK(!strcmp(perfc_counter(PERFC_IDX_ptwr_emulations)->name,
                  "writable pt emulations"));
    CHECK(!strcmp(perfc_counter(PERFC_IDX_calls_to_mmu_update)->name,
                  "calls to mmu_update"));
}

static void entries_carry_xen_names(struct unit_ctx *ctx)
{
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_HYPERCALL, 1), "mmu_update"));
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_HYPERCALL, 23), "iret"));
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_HYPERCALL, 26), "mmuext_op"));
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_HYPERCALL, 35), "sysctl"));
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_HYPERCALL, 55), "arch_7"));
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_HYPERCALL, 63), "other"));
    CHECK(perfc_elem_name(PERFC_ELEMS_HYPERCALL, 11) == NULL);
    CHECK(perfc_elem_name(PERFC_ELEMS_HYPERCALL, 64) == NULL);
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_VECTOR, 14), "#PF"));
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_VECTOR, 13), "#GP"));
    CHECK(perfc_elem_name(PERFC_ELEMS_VECTOR, 25) == NULL);
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_MMUEXT, 7), "invlpg_local"));
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_MMUEXT, 15),
                  "new_user_baseptr"));
    CHECK(!strcmp(perfc_elem_name(PERFC_ELEMS_EMUL, PERFC_EMUL_ptwr),
                  "ptwr"));
    for ( unsigned int i = 0; i < PERFC_EMUL_NR; i++ )
        CHECK(perfc_elem_name(PERFC_ELEMS_EMUL, i) != NULL);
    CHECK(perfc_elem_name(PERFC_ELEMS_NONE, 0) == NULL);
}

static void index_past_the_end_counts_in_the_last(struct unit_ctx *ctx)
{
    CHECK_EQ(PERFC_AT(hypercalls, 1), PERFC_hypercalls + 1);
    CHECK_EQ(PERFC_AT(hypercalls, 63), PERFC_hypercalls + 63);
    CHECK_EQ(PERFC_AT(hypercalls, 64), PERFC_hypercalls + 63);
    CHECK_EQ(PERFC_AT(hypercalls, ~0ULL), PERFC_hypercalls + 63);
    CHECK_EQ(PERFC_AT(exceptions, 255), PERFC_exceptions + 31);
}

static void counts_wrap_and_cycles_become_us(struct unit_ctx *ctx)
{
    const struct perfc_counter *n = perfc_counter(PERFC_IDX_hypercalls);
    const struct perfc_counter *t = perfc_counter(PERFC_IDX_hypercall_time);

    CHECK_EQ(perfc_shown(n, 7, 2000000), 7);
    CHECK_EQ(perfc_shown(n, 0x100000005ULL, 2000000), 5);
    CHECK_EQ(perfc_shown(t, 2000000000ULL, 2000000), 1000000);  /* 1 s */
    CHECK_EQ(perfc_shown(t, 123456, 0), 123);                   /* kcycles */
    CHECK_EQ(perfc_shown(t, ~0ULL, 1000), UINT32_MAX);          /* saturates */
}

static void sysctl_buffers_hold_names_and_values(struct unit_ctx *ctx)
{
    static uint64_t vals[PERFC_NR_VALS];
    static uint32_t out[PERFC_NR_VALS];
    struct xen_sysctl_perfc_desc d[PERFC_NR_COUNTERS];
    unsigned int total = 0;

    memset(d, 0x5a, sizeof(d));
    vals[PERFC_hypercalls + 1] = 12;
    vals[PERFC_calls_to_mmu_update] = 3;
    vals[PERFC_hypercall_time + 1] = 3000;          /* 3 us at 1 GHz */
    perfc_fill_desc(d);
    perfc_fill_vals(vals, 1000000, out);
    for ( unsigned int i = 0; i < PERFC_NR_COUNTERS; i++ )
    {
        CHECK(!strcmp(d[i].name, perfc_counter(i)->name));
        CHECK_EQ(d[i].name[sizeof(d[0].name) - 1], 0);
        CHECK_EQ(d[i].nr_vals, perfc_counter(i)->nr);
        total += d[i].nr_vals;
    }
    CHECK_EQ(total, PERFC_NR_VALS);
    CHECK_EQ(out[PERFC_hypercalls + 1], 12);
    CHECK_EQ(out[PERFC_calls_to_mmu_update], 3);
    CHECK_EQ(out[PERFC_hypercall_time + 1], 3);
    CHECK_EQ(out[PERFC_hypercalls], 0);
    memset(vals, 0, sizeof(vals));
}

/* The whole report for vals into lines[]; returns the line count. */
static unsigned int report(const uint64_t *vals, size_t size,
                           char lines[][128], unsigned int max)
{
    struct perfc_cursor cur = { 0 };
    unsigned int n = 0;
    char buf[128];

    memset(buf, 0x5a, sizeof(buf));
    while ( n < max && perfc_next_line(vals, 1000000, &cur, buf, size) )
        strcpy(lines[n++], buf);
    return n;
}

static void zero_counters_give_one_line_each(struct unit_ctx *ctx)
{
    static uint64_t vals[PERFC_NR_VALS];
    static char lines[PERFC_NR_COUNTERS + 8][128];
    unsigned int n = report(vals, 128, lines, PERFC_NR_COUNTERS + 8);

    CHECK_EQ(n, PERFC_NR_COUNTERS);
    CHECK(!strncmp(lines[0], "hypercalls ", 11));
    CHECK(strstr(lines[0], "TOTAL[           0]") != NULL);
    for ( unsigned int i = 0; i < n; i++ )
        CHECK(strlen(lines[i]) <= PERFC_LINE_WIDTH);
}

static void arrays_list_their_nonzero_entries(struct unit_ctx *ctx)
{
    static uint64_t vals[PERFC_NR_VALS];
    static char lines[400][128];
    unsigned int n, seen[64] = { 0 };
    char want[64], padded[140];
    bool pf = false, va = false;

    /* Every hypercall slot non-zero: the entries must wrap. */
    for ( unsigned int i = 0; i < 64; i++ )
        vals[PERFC_hypercalls + i] = 1000 + i;
    vals[PERFC_exceptions + 14] = 77;
    vals[PERFC_calls_to_update_va] = 5;
    n = report(vals, 128, lines, 400);
    CHECK(n > PERFC_NR_COUNTERS + 3);
    CHECK(strstr(lines[0], "TOTAL[       66016]") != NULL);
    for ( unsigned int l = 1; l < n && lines[l][0] == ' '; l++ )
    {
        CHECK(strlen(lines[l]) <= PERFC_LINE_WIDTH);
        for ( unsigned int i = 0; i < 64; i++ )
        {
            const char *name = perfc_elem_name(PERFC_ELEMS_HYPERCALL, i);

            if ( name )
                snprintf(want, sizeof(want), " %s=%u ", name, 1000 + i);
            else
                snprintf(want, sizeof(want), " [%u]=%u ", i, 1000 + i);
            /* Whole entries only: a blank after each, the last too. */
            snprintf(padded, sizeof(padded), "%s ", lines[l]);
            if ( strstr(padded, want) )
                seen[i]++;
        }
    }
    for ( unsigned int i = 0; i < 64; i++ )
        CHECK_EQ(seen[i], 1);
    /* The exceptions array names its one entry. */
    for ( unsigned int l = 0; l < n; l++ )
    {
        pf |= !strcmp(lines[l], "    #PF=77");
        va |= strstr(lines[l], "calls to update_va_map") &&
              strstr(lines[l], "TOTAL[           5]");
    }
    CHECK(pf);
    CHECK(va);
}

static void short_buffers_are_cut_not_overrun(struct unit_ctx *ctx)
{
    static uint64_t vals[PERFC_NR_VALS];
    struct perfc_cursor cur = { 0 };
    unsigned int lines = 0;

    for ( unsigned int i = 0; i < PERFC_NR_VALS; i++ )
        vals[i] = 123456789;
    for ( size_t size = 1; size < 24; size++ )
    {
        char *buf = malloc(size);       /* ASan sees any overrun */

        memset(&cur, 0, sizeof(cur));
        lines = 0;
        while ( perfc_next_line(vals, 1000000, &cur, buf, size) &&
                lines < 10000 )
        {
            CHECK(strlen(buf) < size);
            lines++;
        }
        CHECK(lines < 10000);
        free(buf);
    }
    CHECK(!perfc_next_line(vals, 1000000, &cur, NULL, 0));
}

static const struct unit_case perfc_cases[] = {
    { "values lie end to end", values_lie_end_to_end },
    { "names are unique and fit Xen's desc",
      names_are_unique_and_fit_xen_desc },
    { "entries carry Xen's names", entries_carry_xen_names },
    { "an index past the end counts in the last",
      index_past_the_end_counts_in_the_last },
    { "counts wrap at 32 bits and cycles become us",
      counts_wrap_and_cycles_become_us },
    { "sysctl buffers hold names and values",
      sysctl_buffers_hold_names_and_values },
    { "zero counters give one line each",
      zero_counters_give_one_line_each },
    { "arrays list their non-zero entries",
      arrays_list_their_nonzero_entries },
    { "short buffers are cut, not overrun",
      short_buffers_are_cut_not_overrun },
};

UNIT_SUITE(perfc, perfc_cases);
