/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The walk over the EFI configuration table; see include/xen/cfgtable.h.
 * GUIDs are compared byte by byte, so an entry array at any alignment is
 * read the same way on the host and in the hypervisor.
 */
#include <xen/cfgtable.h>

static bool cfgtable_guid_eq(const struct efi_guid *a, const void *b)
{
    const uint8_t *x = (const uint8_t *)a, *y = b;

    for ( unsigned int k = 0; k < sizeof(*a); k++ )
        if ( x[k] != y[k] )
            return false;
    return true;
}

bool cfgtable_next(const struct efi_config_table *t, uint64_t nr,
                   const void *guid, uint64_t *i)
{
    uint64_t end = nr < CFGTABLE_MAX_SCAN ? nr : CFGTABLE_MAX_SCAN;

    for ( uint64_t k = *i; k < end; k++ )
        if ( !guid || cfgtable_guid_eq(&t[k].guid, guid) )
        {
            *i = k;
            return true;
        }
    return false;
}
