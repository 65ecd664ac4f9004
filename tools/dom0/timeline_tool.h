/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xen-timeline tool of the dom0 kernel (tools/dom0/timeline.c).
 */
#ifndef DOM0_TIMELINE_TOOL_H
#define DOM0_TIMELINE_TOOL_H

#include <public/xen.h>

/* xen-timeline: prints the boot timeline (docs/tools.md). */
void timeline_tool_run(const struct start_info *si);

#endif /* DOM0_TIMELINE_TOOL_H */
