/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EFI options of the hypervisor command line (lib/efi/efiopt.c),
 * in Xen's style:
 *
 *   efi=LIST           comma-separated; `mapbs` keeps boot-services
 *                      memory out of RAM (Xen's name), `retain` /
 *                      `no-retain` turns table retention on or off
 *   efi-retain=LIST    which registered tables to retain, by option word
 *                      (esrt, memattr, rtprop), comma-separated; `all`
 *                      (the default) or `none`
 *
 * Later words override earlier ones. Pure: nothing printed; unknown words
 * are counted and the first one is named for the caller's WARNING line.
 */
#ifndef XEN_EFIOPT_H
#define XEN_EFIOPT_H

#include <xen/types.h>

struct efiopt {
    bool mapbs;
    bool retain;                /* retention on at all */
    uint32_t retain_mask;       /* bit i: retain_kinds[i] selected */
    unsigned int nr_unknown;
    char first_unknown[32];     /* "efi=WORD" or "efi-retain=WORD", cut */
};

/* Parses cmdline (len bytes, stops at a NUL) into *o, from the defaults. */
void efiopt_parse(const char *cmdline, size_t len, struct efiopt *o);

/* True when retention is on and the kind with index i is selected. */
bool efiopt_retains(const struct efiopt *o, unsigned int i);

#endif /* XEN_EFIOPT_H */
