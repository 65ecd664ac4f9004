/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/boot_timeline.c and the xen-timeline tool core
 * (tools/lib/timeline.c): stamps become records in the order taken,
 * relative to the smallest, with the names the console lines use; the
 * tool prints them, refuses out-of-order or unterminated records, and
 * says when the hypervisor lacks the sub-op. The fake hypervisor answers
 * as arch/x86/boot_timeline.c does.
 */
#include <stdio.h>
#include <string.h>

#include <public/errno.h>
#include <xen/boot_timeline.h>

#include "fwtools.h"
#include "timeline.h"
#include "unit.h"

static void names_are_the_console_names(struct unit_ctx *ctx)
{
    CHECK(!strcmp(boot_timeline_name(BOOT_PHASE_ENTRY), "entry"));
    CHECK(!strcmp(boot_timeline_name(BOOT_PHASE_EXIT_BS),
                  "ExitBootServices"));
    CHECK(!strcmp(boot_timeline_name(BOOT_PHASE_DOM0_ENTRY), "dom0 entry"));
    CHECK(!strcmp(boot_timeline_name(BOOT_NR_PHASES), "?"));
    for ( unsigned int i = 0; i < BOOT_NR_PHASES; i++ )
        CHECK(strlen(boot_timeline_name(i)) < XENPF_BOOT_STAMP_NAME_SIZE);
}

static void fill_skips_missing_stamps_and_converts(struct unit_ctx *ctx)
{
    uint64_t tsc[BOOT_NR_PHASES] = { 0 };
    struct xenpf_boot_stamp s[BOOT_NR_PHASES];

    /* BIOS path: no ExitBootServices stamp; 1 GHz TSC. */
    tsc[BOOT_PHASE_ENTRY] = 5000000;
    tsc[BOOT_PHASE_LINKED] = 6000000;
    tsc[BOOT_PHASE_START_XEN] = 7000000;
    tsc[BOOT_PHASE_DOM0_ENTRY] = 9500000;
    CHECK_EQ(boot_timeline_fill(tsc, 1000000, s, BOOT_NR_PHASES), 4);
    CHECK(!strcmp(s[0].name, "entry"));
    CHECK_EQ(s[0].us, 0);
    CHECK(!strcmp(s[1].name, "linked address"));
    CHECK_EQ(s[1].us, 1000);
    CHECK(!strcmp(s[2].name, "__start_xen"));
    CHECK_EQ(s[2].us, 2000);
    CHECK(!strcmp(s[3].name, "dom0 entry"));
    CHECK_EQ(s[3].us, 4500);
    /* Without a frequency the values are cycles. */
    CHECK_EQ(boot_timeline_fill(tsc, 0, s, BOOT_NR_PHASES), 4);
    CHECK_EQ(s[3].us, 4500000);
}

static void fill_counts_beyond_room(struct unit_ctx *ctx)
{
    uint64_t tsc[BOOT_NR_PHASES];
    struct xenpf_boot_stamp s[3];

    for ( unsigned int i = 0; i < BOOT_NR_PHASES; i++ )
        tsc[i] = 100 + i;
    memset(s, 0xab, sizeof(s));
    CHECK_EQ(boot_timeline_fill(tsc, 1000, s, 2), BOOT_NR_PHASES);
    CHECK(!strcmp(s[1].name, "linked address"));
    /* The third record was not written. */
    CHECK_EQ((unsigned char)s[2].name[0], 0xab);
    CHECK_EQ(boot_timeline_fill(tsc, 1000, NULL, 0), BOOT_NR_PHASES);
}

/* ---- the tool against a fake hypervisor -------------------------------- */

struct fake {
    long rc;                        /* forced answer, 0: answer normally */
    struct xenpf_boot_stamp s[8];
    unsigned int n;
    uint32_t khz;
    char out[2048];
};

static long fake_op(void *ctx, struct xen_platform_op *op)
{
    struct fake *f = ctx;
    struct xenpf_boot_timeline *t = &op->u.boot_timeline;
    struct xenpf_boot_stamp *buf = (void *)t->stamps.p;
    uint32_t room = t->nr_stamps;

    if ( f->rc )
        return f->rc;
    if ( op->cmd != XENPF_get_boot_timeline || t->pad )
        return -XEN_EINVAL;
    t->nr_stamps = f->n;
    t->tsc_khz = f->khz;
    memset(t->tsc_source, 0, sizeof(t->tsc_source));
    strcpy(t->tsc_source, f->khz ? "PIT" : "none");
    if ( buf && room < f->n )
        return -XEN_ENOBUFS;
    if ( buf )
        memcpy(buf, f->s, f->n * sizeof(f->s[0]));
    return 0;
}

static void fake_line(void *ctx, const char *line)
{
    struct fake *f = ctx;
    size_t len = strlen(f->out);

    snprintf(f->out + len, sizeof(f->out) - len, "%s\n", line);
}

static int run(struct fake *f)
{
    struct timeline_backend b = {
        .ctx = f, .platform_op = fake_op, .line = fake_line,
    };

    f->out[0] = '\0';
    return timeline_run(&b);
}

static void fake_from_tsc(struct fake *f)
{
    uint64_t tsc[BOOT_NR_PHASES];

    for ( unsigned int i = 0; i < BOOT_NR_PHASES; i++ )
        tsc[i] = 1000000 + i * 250000;
    memset(f, 0, sizeof(*f));
    f->khz = 1000000;
    f->n = boot_timeline_fill(tsc, f->khz, f->s, 8);
}

static void tool_prints_every_stamp_in_order(struct unit_ctx *ctx)
{
    struct fake f;

    fake_from_tsc(&f);
    CHECK_EQ(run(&f), FWTOOLS_EXIT_OK);
    CHECK(strstr(f.out, "xen-timeline: TSC 1000000 kHz from PIT, 8 stamps, "
                        "us since the first\n"));
    CHECK(strstr(f.out, "xen-timeline: stamp 0: entry 0\n"));
    CHECK(strstr(f.out, "xen-timeline: stamp 2: ExitBootServices 500\n"));
    CHECK(strstr(f.out, "xen-timeline: stamp 7: dom0 entry 1750\n"));
    CHECK(strstr(f.out, "xen-timeline: result=ok stamps=8\n"));
}

static void tool_refuses_out_of_order(struct unit_ctx *ctx)
{
    struct fake f;

    fake_from_tsc(&f);
    f.s[5].us = 1;
    CHECK_EQ(run(&f), FWTOOLS_EXIT_INVALID);
    CHECK(strstr(f.out, "xen-timeline: result=out-of-order at stamp 5\n"));
    CHECK(!strstr(f.out, "result=ok"));
}

static void tool_refuses_unterminated_names(struct unit_ctx *ctx)
{
    struct fake f;

    fake_from_tsc(&f);
    memset(f.s[3].name, 'x', sizeof(f.s[3].name));
    CHECK_EQ(run(&f), FWTOOLS_EXIT_INVALID);
    CHECK(strstr(f.out, "result=malformed name at stamp 3\n"));
}

static void tool_says_when_the_sub_op_is_absent(struct unit_ctx *ctx)
{
    struct fake f;

    fake_from_tsc(&f);
    f.rc = -XEN_ENOSYS;
    CHECK_EQ(run(&f), FWTOOLS_EXIT_NONE);
    CHECK(strstr(f.out, "xen-timeline: not available from this hypervisor: "
                        "rc=-38 (ENOSYS)\n"));
    f.rc = -XEN_EFAULT;
    CHECK_EQ(run(&f), FWTOOLS_EXIT_ERROR);
}

static void tool_reports_cycles_without_frequency(struct unit_ctx *ctx)
{
    struct fake f;

    fake_from_tsc(&f);
    f.khz = 0;
    CHECK_EQ(run(&f), FWTOOLS_EXIT_OK);
    CHECK(strstr(f.out, "TSC frequency unknown (none), 8 stamps, TSC cycles "
                        "since the first\n"));
}

static const struct unit_case boot_timeline_cases[] = {
    { "names_are_the_console_names", names_are_the_console_names },
    { "fill_skips_missing_stamps_and_converts",
      fill_skips_missing_stamps_and_converts },
    { "fill_counts_beyond_room", fill_counts_beyond_room },
    { "tool_prints_every_stamp_in_order", tool_prints_every_stamp_in_order },
    { "tool_refuses_out_of_order", tool_refuses_out_of_order },
    { "tool_refuses_unterminated_names", tool_refuses_unterminated_names },
    { "tool_says_when_the_sub_op_is_absent",
      tool_says_when_the_sub_op_is_absent },
    { "tool_reports_cycles_without_frequency",
      tool_reports_cycles_without_frequency },
};
UNIT_SUITE(boot_timeline, boot_timeline_cases);
