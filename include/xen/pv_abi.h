/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest ABI as the hypervisor side uses it: Xen's public headers
 * (include/public/), and how a guest handle becomes the guest virtual
 * address the checked copies take.
 */
#ifndef XEN_PV_ABI_H
#define XEN_PV_ABI_H

#include <public/errno.h>
#include <public/features.h>
#include <public/memory.h>
#include <public/platform.h>
#include <public/sched.h>
#include <public/version.h>
#include <public/xen.h>

/* The guest virtual address a guest handle holds; never dereferenced. */
#define guest_handle_va(h)  ((uint64_t)(uintptr_t)(h).p)

#endif /* XEN_PV_ABI_H */
