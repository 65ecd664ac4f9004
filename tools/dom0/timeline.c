/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-timeline in the dom0 kernel: the back end of tools/lib/timeline.c,
 * platform_op by the kernel's own stub and lines on the console.
 */
#include "console.h"
#include "hypercall.h"
#include "timeline.h"
#include "timeline_tool.h"

static long timeline_be_platform_op(void *ctx, struct xen_platform_op *op)
{
    return hypercall_platform_op(op);
}

static void timeline_be_line(void *ctx, const char *line)
{
    console_line("%s", line);
}

/* See timeline_tool.h. */
void timeline_tool_run(const struct start_info *si)
{
    static const struct timeline_backend be = {
        .platform_op = timeline_be_platform_op,
        .line = timeline_be_line,
    };

    timeline_run(&be);
}
