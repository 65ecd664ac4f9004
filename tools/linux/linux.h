/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What tools/linux/main.c and the runtime-call tools of the Linux build
 * (tools/linux/rtcall.c) share.
 */
#ifndef TOOLS_LINUX_H
#define TOOLS_LINUX_H

#include <xencall.h>

/*
 * Runs the runtime-call tool name (xen-efivar, xen-time or xen-capsule)
 * with the words after its name (argc of them at argv) over the open
 * privcmd handle xc; returns its exit code (FWTOOLS_EXIT_*).
 */
int lx_rt_run(xencall_handle *xc, const char *name, int argc, char **argv);

#endif /* TOOLS_LINUX_H */
