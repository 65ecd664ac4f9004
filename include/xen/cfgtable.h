/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The walk over the EFI configuration table (lib/efi/cfgtable.c), shared
 * by the table scan at boot and the retention of firmware tables. Pure: it
 * reads only the entries it is given and never more than
 * CFGTABLE_MAX_SCAN of them, whatever count the system table claims.
 */
#ifndef XEN_CFGTABLE_H
#define XEN_CFGTABLE_H

#include <xen/types.h>
#include <efi/efi.h>

/* Entries looked at, at most: a hostile count cannot make the walk long. */
#define CFGTABLE_MAX_SCAN       256

/*
 * Finds the first entry at index *i or later, among the first
 * MIN(nr, CFGTABLE_MAX_SCAN) entries of t, whose GUID is the 16 bytes
 * at guid (any entry when guid is NULL). True with its index in *i; false,
 * *i unchanged, when there is none. A walk over all matches:
 *     for ( uint64_t i = 0; cfgtable_next(t, nr, guid, &i); i++ )
 */
bool cfgtable_next(const struct efi_config_table *t, uint64_t nr,
                   const void *guid, uint64_t *i);

#endif /* XEN_CFGTABLE_H */
