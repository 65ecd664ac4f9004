/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ABI probe: one fact list (constants generated from include/public/,
 * layouts in facts.h) compiled by side.c once against Xen's public headers
 * and once against ours; main.c compares the two tables entry by entry.
 */
#ifndef ABI_PROBE_H
#define ABI_PROBE_H

#include <stddef.h>
#include <stdint.h>

/* One number about the interface: a constant, a size or an offset. */
struct abi_fact {
    const char *what;       /* "const NAME", "sizeof T", "offsetof T M" */
    int present;            /* 0: the constant is not defined on this side */
    uint64_t value;
};

extern const struct abi_fact abi_facts_xen[], abi_facts_ours[];
extern const size_t abi_nr_facts_xen, abi_nr_facts_ours;

/* Xen side: values for the collision checks of our own additions. */
extern const unsigned long abi_xen_interface_version;

#endif /* ABI_PROBE_H */
