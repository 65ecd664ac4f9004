/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/pirq.c: dom0's pirqs as Linux asks for them (pirq =
 * GSI for its legacy and ACPI interrupts, setup_gsi once per GSI) and
 * Xen's answers to the other cases.
 */
#include <xen/pirq.h>
#include <public/errno.h>

#include "unit.h"

static void gsi_gets_its_own_number(struct unit_ctx *ctx)
{
    static struct pirq_table t;
    int pirq = 9;

    pirq_init(&t, 24);
    CHECK_EQ(pirq_map_gsi(&t, 9, &pirq), 0);
    CHECK_EQ(pirq, 9);
    pirq = -1;
    CHECK_EQ(pirq_map_gsi(&t, 9, &pirq), 0);       /* mapped: same pirq */
    CHECK_EQ(pirq, 9);
    pirq = -1;
    CHECK_EQ(pirq_map_gsi(&t, 1, &pirq), 0);
    CHECK_EQ(pirq, 1);
    pirq = 5;
    CHECK_EQ(pirq_map_gsi(&t, 9, &pirq), -XEN_EEXIST);
    CHECK_EQ(pirq_unmap(&t, 9), 0);
    CHECK_EQ(pirq_unmap(&t, 9), -XEN_EINVAL);
    pirq = 5;
    CHECK_EQ(pirq_map_gsi(&t, 9, &pirq), 0);
    CHECK_EQ(pirq, 5);
}

static void free_pirq_from_16(struct unit_ctx *ctx)
{
    static struct pirq_table t;
    int pirq = 3;

    pirq_init(&t, 24);
    CHECK_EQ(pirq_map_gsi(&t, 20, &pirq), 0);      /* pirq 3 names GSI 20 */
    pirq = -1;
    CHECK_EQ(pirq_map_gsi(&t, 3, &pirq), 0);       /* GSI 3: pirq 3 taken */
    CHECK_EQ(pirq, 16);
    pirq = 16;
    CHECK_EQ(pirq_map_gsi(&t, 4, &pirq), 0);       /* Xen: left alone */
    CHECK_EQ(t.pirq_of[4], -1);
}

static void bad_arguments(struct unit_ctx *ctx)
{
    static struct pirq_table t;
    int pirq = -1;

    pirq_init(&t, 24);
    CHECK_EQ(pirq_map_gsi(&t, 24, &pirq), -XEN_EINVAL);
    CHECK_EQ(pirq_map_gsi(&t, -1, &pirq), -XEN_EINVAL);
    pirq = PIRQ_MAX;
    CHECK_EQ(pirq_map_gsi(&t, 2, &pirq), -XEN_EINVAL);
    CHECK_EQ(pirq_unmap(&t, -5), -XEN_EINVAL);
    CHECK_EQ(pirq_bind_check(&t, 2), -XEN_EPERM);   /* not mapped */
    CHECK_EQ(pirq_bind_check(&t, 100000), -XEN_EINVAL);
}

static void setup_gsi_once(struct unit_ctx *ctx)
{
    static struct pirq_table t;

    pirq_init(&t, 24);
    CHECK_EQ(pirq_setup_gsi(&t, 9, true, false), 0);
    CHECK_EQ(t.gsi_flags[9], PIRQ_GSI_SETUP | PIRQ_GSI_LEVEL);
    CHECK_EQ(pirq_setup_gsi(&t, 9, false, false), -XEN_EEXIST);
    CHECK_EQ(pirq_setup_gsi(&t, 24, false, false), -XEN_EINVAL);
}

static void bind_once(struct unit_ctx *ctx)
{
    static struct pirq_table t;
    int pirq = -1;

    pirq_init(&t, 24);
    CHECK_EQ(pirq_map_gsi(&t, 9, &pirq), 0);
    CHECK_EQ(pirq_bind_check(&t, 9), 0);
    pirq_set_port(&t, 9, 7);
    CHECK_EQ(pirq_bind_check(&t, 9), -XEN_EEXIST);
    pirq_set_port(&t, 9, 0);
    CHECK_EQ(pirq_bind_check(&t, 9), 0);
}

/* The hypervisor's UART line: set up already, never dom0's to bind. */
static void hypervisor_gsi(struct unit_ctx *ctx)
{
    static struct pirq_table t;
    int pirq = 4;

    pirq_init(&t, 24);
    pirq_reserve_gsi(&t, 4, false, false);
    CHECK_EQ(pirq_setup_gsi(&t, 4, false, false), -XEN_EEXIST);
    CHECK_EQ(pirq_map_gsi(&t, 4, &pirq), 0);
    CHECK_EQ(pirq_bind_check(&t, 4), -XEN_EBUSY);
}

static const struct unit_case pirq_cases[] = {
    { "hypervisor_gsi", hypervisor_gsi },
    { "gsi_gets_its_own_number", gsi_gets_its_own_number },
    { "free_pirq_from_16", free_pirq_from_16 },
    { "bad_arguments", bad_arguments },
    { "setup_gsi_once", setup_gsi_once },
    { "bind_once", bind_once },
};

UNIT_SUITE(pirq, pirq_cases)
