/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A tiny host unit-test harness. Each test file keeps its cases in a table
 * and registers it with UNIT_SUITE(); main.c runs every suite and closes
 * with "unit: N passed, N failed". A case passes when none of its checks
 * failed.
 */
#ifndef TEST_UNIT_H
#define TEST_UNIT_H

#include <stdbool.h>
#include <stddef.h>

struct unit_ctx {
    unsigned int failed_checks;
};

struct unit_case {
    const char *name;               /* says what the case proves */
    void (*run)(struct unit_ctx *ctx);
};

struct unit_suite {
    const char *name;
    const struct unit_case *cases;
    size_t nr_cases;
    struct unit_suite *next;
};

void unit_register(struct unit_suite *suite);
bool unit_check(struct unit_ctx *ctx, bool ok, const char *expr,
                const char *file, int line);

#define CHECK(cond) unit_check(ctx, !!(cond), #cond, __FILE__, __LINE__)
#define CHECK_EQ(a, b) \
    unit_check(ctx, (unsigned long long)(a) == (unsigned long long)(b), \
               #a " == " #b, __FILE__, __LINE__)

#define UNIT_SUITE(sname, table)                                          \
    static struct unit_suite unit_suite_##sname = {                       \
        #sname, table, sizeof(table) / sizeof((table)[0]), NULL };        \
    __attribute__((constructor)) static void unit_reg_##sname(void)       \
    {                                                                     \
        unit_register(&unit_suite_##sname);                               \
    }

#endif /* TEST_UNIT_H */
