/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/conrx.c: input to dom0's ring, Ctrl-A x3 switching
 * (and Ctrl-As that do not make three), keys for the hypervisor, a full
 * ring dropping new bytes.
 */
#include <string.h>

#include <xen/conrx.h>

#include "unit.h"

static struct conrx s;

/* Feeds a string; sums what the bytes did into *sum. */
static void feed(const char *in, size_t n, struct conrx_result *sum)
{
    struct conrx_result r;

    *sum = (struct conrx_result){ 0 };
    for ( size_t i = 0; i < n; i++ )
    {
        conrx_feed(&s, in[i], &r);
        sum->switched |= r.switched;
        sum->queued += r.queued;
        sum->dropped += r.dropped;
        for ( unsigned int k = 0; k < r.nr_keys; k++ )
            if ( sum->nr_keys < CONRX_SWITCH_COUNT )
                sum->keys[sum->nr_keys++] = r.keys[k];
    }
}

static void bytes_reach_dom0_in_order(struct unit_ctx *ctx)
{
    struct conrx_result r;
    char buf[16];

    conrx_init(&s, true);
    feed("hello\r", 6, &r);
    CHECK_EQ(r.queued, 6);
    CHECK_EQ(r.nr_keys, 0);
    CHECK_EQ(conrx_pending(&s), 6);
    CHECK_EQ(conrx_take(&s, buf, 4), 4);
    CHECK(!memcmp(buf, "hell", 4));
    CHECK_EQ(conrx_take(&s, buf, sizeof(buf)), 2);
    CHECK(!memcmp(buf, "o\r", 2));
    CHECK_EQ(conrx_take(&s, buf, sizeof(buf)), 0);
}

static void three_ctrl_a_switch_both_ways(struct unit_ctx *ctx)
{
    struct conrx_result r;

    conrx_init(&s, true);
    feed("\x01\x01\x01", 3, &r);
    CHECK(r.switched);
    CHECK(s.to_hypervisor);
    CHECK_EQ(r.queued, 0);
    feed("h", 1, &r);
    CHECK_EQ(r.nr_keys, 1);
    CHECK_EQ(r.keys[0], 'h');
    CHECK_EQ(conrx_pending(&s), 0);
    feed("\x01\x01\x01", 3, &r);
    CHECK(r.switched);
    CHECK(!s.to_hypervisor);
    /* Six in a row: there and back. */
    feed("\x01\x01\x01\x01\x01\x01", 6, &r);
    CHECK(!s.to_hypervisor);
    CHECK_EQ(r.queued, 0);
}

static void short_ctrl_a_runs_are_input(struct unit_ctx *ctx)
{
    struct conrx_result r;
    char buf[8];

    conrx_init(&s, true);
    feed("a\x01\x01" "b", 4, &r);
    CHECK(!r.switched);
    CHECK_EQ(r.queued, 4);
    CHECK_EQ(conrx_take(&s, buf, sizeof(buf)), 4);
    CHECK(!memcmp(buf, "a\x01\x01" "b", 4));
    /* To the hypervisor: one Ctrl-A then a key gives both as keys. */
    conrx_init(&s, false);
    feed("\x01q", 2, &r);
    CHECK_EQ(r.nr_keys, 2);
    CHECK_EQ(r.keys[0], 0x01);
    CHECK_EQ(r.keys[1], 'q');
}

static void full_ring_drops_new_bytes(struct unit_ctx *ctx)
{
    struct conrx_result r;
    char buf[CONRX_RING_BYTES + 8];

    conrx_init(&s, true);
    for ( unsigned int i = 0; i < CONRX_RING_BYTES; i++ )
        buf[i] = 'a' + i % 26;
    feed(buf, CONRX_RING_BYTES, &r);
    CHECK_EQ(r.queued, CONRX_RING_BYTES);
    feed("XYZ", 3, &r);
    CHECK_EQ(r.dropped, 3);
    CHECK_EQ(conrx_take(&s, buf, sizeof(buf)), CONRX_RING_BYTES);
    CHECK_EQ(buf[CONRX_RING_BYTES - 1], 'a' + (CONRX_RING_BYTES - 1) % 26);
    /* Room again, and the indices keep working past the wrap. */
    feed("XYZ", 3, &r);
    CHECK_EQ(r.queued, 3);
    CHECK_EQ(conrx_take(&s, buf, sizeof(buf)), 3);
    CHECK(!memcmp(buf, "XYZ", 3));
}

static void peek_then_consume(struct unit_ctx *ctx)
{
    struct conrx_result r;
    char buf[8];

    conrx_init(&s, true);
    feed("abc", 3, &r);
    CHECK_EQ(conrx_peek(&s, buf, 2), 2);
    CHECK(!memcmp(buf, "ab", 2));
    CHECK_EQ(conrx_pending(&s), 3);
    conrx_consume(&s, 1);
    CHECK_EQ(conrx_take(&s, buf, sizeof(buf)), 2);
    CHECK(!memcmp(buf, "bc", 2));
    conrx_consume(&s, 5);           /* more than pending: nothing breaks */
    CHECK_EQ(conrx_pending(&s), 0);
}

static const struct unit_case conrx_cases[] = {
    { "peek_then_consume", peek_then_consume },
    { "bytes_reach_dom0_in_order", bytes_reach_dom0_in_order },
    { "three_ctrl_a_switch_both_ways", three_ctrl_a_switch_both_ways },
    { "short_ctrl_a_runs_are_input", short_ctrl_a_runs_are_input },
    { "full_ring_drops_new_bytes", full_ring_drops_new_bytes },
};

UNIT_SUITE(conrx, conrx_cases)
