/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/ns16550_opt.c: com1=/com2= values as Xen's
 * documentation writes them, and values whose divisor is 0 or does not
 * fit the 16-bit latch, which must be refused with the defaults kept.
 */
#include <string.h>

#include <xen/ns16550_opt.h>

#include "unit.h"

static enum ns16550_opt_status parse(const char *v, struct ns16550_config *c)
{
    ns16550_opt_default(0, c);
    return ns16550_opt_parse(v, strlen(v), c);
}

static bool is_default(const struct ns16550_config *c)
{
    struct ns16550_config d;

    ns16550_opt_default(0, &d);
    return c->io_base == d.io_base && c->baud == d.baud &&
           c->clock_hz == d.clock_hz && c->divisor == d.divisor &&
           c->data_bits == d.data_bits && c->parity == d.parity &&
           c->stop_bits == d.stop_bits && c->irq == d.irq;
}

static void defaults_are_115200_8n1(struct unit_ctx *ctx)
{
    struct ns16550_config c;

    ns16550_opt_default(1, &c);
    CHECK_EQ(c.io_base, 0x2f8);
    CHECK_EQ(c.baud, 115200);
    CHECK_EQ(c.divisor, 1);
    CHECK_EQ(c.data_bits, 8);
    CHECK_EQ(c.parity, 'n');
    CHECK_EQ(c.stop_bits, 1);
}

static void documented_forms_parse(struct unit_ctx *ctx)
{
    struct ns16550_config c;

    CHECK_EQ(parse("115200,8n1", &c), NS16550_OPT_OK);
    CHECK_EQ(c.divisor, 1);
    CHECK_EQ(parse("9600,7e2,0x2e8,4", &c), NS16550_OPT_OK);
    CHECK_EQ(c.baud, 9600);
    CHECK_EQ(c.divisor, 12);
    CHECK_EQ(c.data_bits, 7);
    CHECK_EQ(c.parity, 'e');
    CHECK_EQ(c.stop_bits, 2);
    CHECK_EQ(c.io_base, 0x2e8);
    CHECK_EQ(c.irq, 4);
    CHECK_EQ(parse("115200,8n1,0x3f8,0", &c), NS16550_OPT_OK);
    CHECK_EQ(c.irq, 0);                     /* Xen: 0 polls */
    CHECK_EQ(parse("115200,8n1,0x3f8", &c), NS16550_OPT_OK);
    CHECK_EQ(c.irq, -1);
    CHECK_EQ(parse("115200,8n1,0x3f8,msi", &c), NS16550_OPT_OK);
    CHECK_EQ(c.irq, -1);
    CHECK_EQ(parse("115200,8n1,0x3f8,256", &c), NS16550_OPT_MALFORMED);
    CHECK_EQ(parse("115200,8n1,0x3f8,4x", &c), NS16550_OPT_MALFORMED);
    CHECK_EQ(parse("auto", &c), NS16550_OPT_OK);
    CHECK_EQ(c.baud, 0);
    CHECK_EQ(parse(",,0x3e8", &c), NS16550_OPT_OK);
    CHECK_EQ(c.io_base, 0x3e8);
    CHECK_EQ(c.baud, 115200);
    CHECK_EQ(parse("57600/3686400", &c), NS16550_OPT_OK);
    CHECK_EQ(c.clock_hz, 3686400);
    CHECK_EQ(c.divisor, 4);
}

/* com1=115200/1: 1 / (16 * 115200) is 0, which the latch cannot hold. */
static void divisor_zero_is_refused(struct unit_ctx *ctx)
{
    struct ns16550_config c;

    CHECK_EQ(parse("115200/1", &c), NS16550_OPT_DIVISOR_RANGE);
    CHECK(is_default(&c));
    CHECK_EQ(parse("4000000", &c), NS16550_OPT_DIVISOR_RANGE);
    CHECK(is_default(&c));
}

/* com1=300/4000000000: 833333 does not fit 16 bits; no truncation. */
static void divisor_above_16_bits_is_refused(struct unit_ctx *ctx)
{
    struct ns16550_config c;

    CHECK_EQ(parse("300/4000000000", &c), NS16550_OPT_DIVISOR_RANGE);
    CHECK(is_default(&c));
    /* The largest that fits: 65535 * 16 * 1. */
    CHECK_EQ(parse("1/1048560", &c), NS16550_OPT_OK);
    CHECK_EQ(c.divisor, 65535);
    CHECK_EQ(parse("1/1048576", &c), NS16550_OPT_DIVISOR_RANGE);
    /* A baud too slow for the standard clock: 1843200 / 16 = 115200. */
    CHECK_EQ(parse("1", &c), NS16550_OPT_DIVISOR_RANGE);
    CHECK_EQ(parse("2", &c), NS16550_OPT_OK);
    CHECK_EQ(c.divisor, 57600);
}

static void divisor_arithmetic(struct unit_ctx *ctx)
{
    uint16_t d = 7;

    CHECK_EQ(ns16550_opt_divisor(1843200, 0, &d), NS16550_OPT_DIVISOR_RANGE);
    CHECK_EQ(d, 7);
    CHECK_EQ(ns16550_opt_divisor(UINT32_MAX, 1, &d),
             NS16550_OPT_DIVISOR_RANGE);
    CHECK_EQ(ns16550_opt_divisor(UINT32_MAX, 4000000, &d), NS16550_OPT_OK);
    CHECK_EQ(d, 67);
    CHECK_EQ(ns16550_opt_divisor(1843200, 115200, &d), NS16550_OPT_OK);
    CHECK_EQ(d, 1);
}

/* A value refused half-way leaves nothing of it behind. */
static void malformed_values_keep_defaults(struct unit_ctx *ctx)
{
    static const char *const bad[] = {
        "", "0", "4000001", "9600,9n1", "9600,8x1", "9600,8n3", "9600/0",
        "9600/4294967296", "9600,8n1,0", "9600,8n1,0xfff9", "9600,8n1,0x3f8x",
        "fast", "9600;8n1",
    };

    for ( unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        struct ns16550_config c;
        enum ns16550_opt_status st = parse(bad[i], &c);

        /* "" is no change at all, which is fine too. */
        CHECK(i == 0 ? st == NS16550_OPT_OK : st == NS16550_OPT_MALFORMED);
        CHECK(is_default(&c));
    }
    CHECK(strcmp(ns16550_opt_strerror(NS16550_OPT_DIVISOR_RANGE), "ok"));
}

static const struct unit_case ns16550_opt_cases[] = {
    { "defaults_are_115200_8n1", defaults_are_115200_8n1 },
    { "documented_forms_parse", documented_forms_parse },
    { "divisor_zero_is_refused", divisor_zero_is_refused },
    { "divisor_above_16_bits_is_refused", divisor_above_16_bits_is_refused },
    { "divisor_arithmetic", divisor_arithmetic },
    { "malformed_values_keep_defaults", malformed_values_keep_defaults },
};

UNIT_SUITE(ns16550_opt, ns16550_opt_cases)
