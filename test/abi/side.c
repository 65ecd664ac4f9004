/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One side of the ABI probe. Built twice: with -DABI_SIDE_XEN against
 * Debian's libxen-dev headers (/usr/include/xen, with __XEN_TOOLS__ so the
 * latest interface version is selected), and without it against
 * include/public/. Each build fills a table from the same fact list.
 */
#include "abi.h"

#ifdef ABI_SIDE_XEN
#include <xen/xen.h>
#include <xen/platform.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <xen/features.h>
#include <xen/elfnote.h>
#include <xen/errno.h>
#include <xen/callback.h>
#include <xen/event_channel.h>
#include <xen/vcpu.h>
#include <xen/physdev.h>
#include <xen/grant_table.h>
#include <xen/arch-x86/xen-mca.h>
#define ABI_FACTS       abi_facts_xen
#define ABI_NR_FACTS    abi_nr_facts_xen
const unsigned long abi_xen_interface_version =
    __XEN_LATEST_INTERFACE_VERSION__;
#else
#include <public/xen.h>
#include <public/platform.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/version.h>
#include <public/features.h>
#include <public/elfnote.h>
#include <public/errno.h>
#include <public/arch-x86_64.h>
#include <public/callback.h>
#include <public/event_channel.h>
#include <public/vcpu.h>
#include <public/physdev.h>
#include <public/grant_table.h>
#include <public/xen-mca.h>
#define ABI_FACTS       abi_facts_ours
#define ABI_NR_FACTS    abi_nr_facts_ours
#endif

#define ABI_MEMBER_SIZE(t, m)   sizeof(((t *)0)->m)

#define ABI_CONST(n)        { "const " #n, 1, (uint64_t)(n) },
#define ABI_ABSENT(n)       { "const " #n, 0, 0 },
#define ABI_SIZE(t)         { "sizeof " #t, 1, sizeof(t) },
#define ABI_OFFSET(t, m)    { "offsetof " #t " " #m, 1, offsetof(t, m) },
#define ABI_FIELD(t, m) \
    ABI_OFFSET(t, m) \
    { "sizeof " #t " " #m, 1, ABI_MEMBER_SIZE(t, m) },

const struct abi_fact ABI_FACTS[] = {
#include "consts.h"
#include "facts.h"
};
const size_t ABI_NR_FACTS = sizeof(ABI_FACTS) / sizeof(ABI_FACTS[0]);
