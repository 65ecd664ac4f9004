/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runs every registered unit suite, or only those named on the command
 * line, and prints one line per failed check and per case. A name that
 * matches no suite is an error (exit 2), so a typo cannot pass as a run
 * of nothing.
 */
#include <stdio.h>
#include <string.h>

#include "unit.h"

static struct unit_suite *suites;

void unit_register(struct unit_suite *suite)
{
    struct unit_suite **p = &suites;

    /* Keep suites in name order so runs are reproducible. */
    while ( *p && strcmp((*p)->name, suite->name) < 0 )
        p = &(*p)->next;
    suite->next = *p;
    *p = suite;
}

bool unit_check(struct unit_ctx *ctx, bool ok, const char *expr,
                const char *file, int line)
{
    if ( !ok )
    {
        ctx->failed_checks++;
        printf("    check failed: %s (%s:%d)\n", expr, file, line);
    }
    return ok;
}

static bool wanted(const char *name, int argc, char **argv)
{
    if ( argc < 2 )
        return true;
    for ( int i = 1; i < argc; i++ )
        if ( !strcmp(argv[i], name) )
            return true;
    return false;
}

/* Prints each name that matches no suite; true when there is none. */
static bool all_known(int argc, char **argv)
{
    bool ok = true;

    for ( int i = 1; i < argc; i++ )
    {
        struct unit_suite *s = suites;

        while ( s && strcmp(s->name, argv[i]) )
            s = s->next;
        if ( !s )
        {
            fprintf(stderr, "unit: no suite named %s\n", argv[i]);
            ok = false;
        }
    }
    return ok;
}

int main(int argc, char **argv)
{
    unsigned int passed = 0, failed = 0;

    if ( !all_known(argc, argv) )
    {
        fprintf(stderr, "unit: suites are:");
        for ( struct unit_suite *s = suites; s; s = s->next )
            fprintf(stderr, " %s", s->name);
        fprintf(stderr, "\n");
        return 2;
    }

    for ( struct unit_suite *s = suites; s; s = s->next )
    {
        if ( !wanted(s->name, argc, argv) )
            continue;
        for ( size_t i = 0; i < s->nr_cases; i++ )
        {
            struct unit_ctx ctx = { 0 };

            s->cases[i].run(&ctx);
            if ( ctx.failed_checks )
                failed++;
            else
                passed++;
            printf("%s %s/%s\n", ctx.failed_checks ? "FAIL" : "ok  ",
                   s->name, s->cases[i].name);
        }
    }
    printf("unit: %u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
