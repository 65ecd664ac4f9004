/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-timeline (tools/lib/timeline.c): asks the hypervisor for its boot
 * timeline (XENPF_get_boot_timeline, docs/hypercalls.md) and prints it,
 * written against a two-call back end so the dom0 kernel, a Linux build
 * and the unit tests can share it. No globals, no hardware access. Lines
 * (each "xen-timeline: ..."):
 *
 *   xen-timeline: TSC <kHz> kHz from <source>, N stamps, us since the first
 *   xen-timeline: TSC frequency unknown (none), N stamps, TSC cycles since
 *                 the first
 *   xen-timeline: stamp <i>: <name> <value>
 *   xen-timeline: result=ok stamps=N
 *   xen-timeline: result=out-of-order at stamp <i>
 *   xen-timeline: not available from this hypervisor: rc=RC (ENAME)
 */
#ifndef TOOLS_TIMELINE_H
#define TOOLS_TIMELINE_H

#include <public/platform.h>
#include <xen/types.h>

/* The most stamps the tool reads (the hypervisor has 8 today). */
#define TIMELINE_MAX_STAMPS     32

struct timeline_backend {
    void *ctx;
    /* platform_op(op), op read and written back as the hypercall does;
     * handles in it point into the caller's memory. Returns 0 or a
     * negative errno. */
    long (*platform_op)(void *ctx, struct xen_platform_op *op);
    /* Prints one line (no newline in it). */
    void (*line)(void *ctx, const char *line);
};

/*
 * The tool: prints the lines above and returns an FWTOOLS_EXIT_* code
 * (tools/lib/fwtools.h): OK, NONE when the hypervisor lacks the
 * sub-op, INVALID when the stamps are out of order or malformed, ERROR
 * when a call fails otherwise.
 */
int timeline_run(const struct timeline_backend *b);

#endif /* TOOLS_TIMELINE_H */
