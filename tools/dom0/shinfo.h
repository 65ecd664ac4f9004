/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shared_info for the small dom0's tools (tools/dom0/shinfo.c): mapped on
 * a page of the kernel's own .bss while a tool needs it, and dom0's
 * system time read from vcpu_info 0 as a PV kernel reads it.
 */
#ifndef DOM0_SHINFO_H
#define DOM0_SHINFO_H

#include <public/arch-x86_64.h>
#include <public/xen.h>

/* Maps shared_info; NULL (after printing why, with tool's name) on error. */
volatile struct shared_info *shinfo_map(const struct start_info *si,
                                        const char *tool);

/* Gives the page its own frame back. */
void shinfo_unmap(void);

/* System time in ns, the record re-read while its version changes. */
uint64_t shinfo_system_ns(void);

#endif /* DOM0_SHINFO_H */
