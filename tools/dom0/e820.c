/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-e820: the host e820 map from XENMEM_machine_memory_map, the map a
 * Linux dom0 reads at boot (docs/tools.md).
 */
#include <public/memory.h>

#include "console.h"
#include "dom0.h"
#include "fwinfo.h"
#include "hypercall.h"

/* Xen keeps at most 1024 entries (reference 3.1); 20 KiB of .bss. */
#define E820_MAX_ENTRIES    1024

static uint8_t e820_buf[E820_MAX_ENTRIES * FWINFO_E820_BYTES];

void e820_run(const struct start_info *si)
{
    struct xen_memory_map map = { .nr_entries = E820_MAX_ENTRIES };
    char line[FWINFO_LINE_MAX];
    unsigned int i;
    long rc;

    set_xen_guest_handle(map.buffer, e820_buf);
    rc = hypercall_memory_op(XENMEM_machine_memory_map, &map);
    if ( rc )
    {
        console_line("xen-e820: machine_memory_map: error rc=%ld (%s)", rc,
                     fwinfo_errno_name(rc));
        return;
    }
    console_line("xen-e820: %u entries", map.nr_entries);
    for ( i = 0; i < map.nr_entries && i < E820_MAX_ENTRIES; i++ )
        console_line("xen-e820: %s",
                     fwinfo_e820_line(line, i,
                                      e820_buf + i * FWINFO_E820_BYTES));
}
