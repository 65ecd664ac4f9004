/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-esrt: the ESRT as a Linux dom0 would find it (docs/tools.md): its
 * address from XEN_FW_EFI_CONFIG_TABLE, its region from
 * XEN_FW_EFI_MEM_INFO asked the way Linux 6.3+ asks, Linux's two memory
 * rules, then the table itself, mapped read-only, checked and printed
 * with the shared line format of include/xen/esrt.h.
 */
#include <public/errno.h>
#include <xen/esrt.h>

#include "console.h"
#include "dom0.h"
#include "fwinfo.h"
#include "lib.h"
#include "mm.h"

/* Prints the nr entries; whole says all count entries are readable, so
 * the inside view of a short copy can be looked for. */
static void esrt_entries(uint64_t pa, uint32_t nr, bool whole)
{
    char line[ESRT_LINE_MAX];
    const uint8_t *t;
    uint32_t i;
    long rc;

    t = mm_map(pa, FWINFO_ESRT_HDR_BYTES + (size_t)nr *
               FWINFO_ESRT_ENTRY_BYTES, &rc);
    if ( !t )
    {
        console_line("xen-esrt: map entries: error rc=%ld (%s)", rc,
                     fwinfo_errno_name(rc));
        return;
    }
    for ( i = 0; i < nr; i++ )
        console_line("xen-esrt: %s", esrt_entry_line(line, i,
                     t + FWINFO_ESRT_HDR_BYTES +
                     i * FWINFO_ESRT_ENTRY_BYTES));
    if ( whole && fwinfo_esrt_pool_tail_short(t, nr) )
        console_line("xen-esrt: truncated: firmware pool tail \"ptal\" at "
                     "table offset 0x%x, inside entry %u: the hypervisor "
                     "copied 0x%x of 0x%x bytes (Xen 4.17 copies 16 bytes "
                     "short)", nr * FWINFO_ESRT_ENTRY_BYTES, nr - 1,
                     nr * FWINFO_ESRT_ENTRY_BYTES,
                     FWINFO_ESRT_HDR_BYTES + nr * FWINFO_ESRT_ENTRY_BYTES);
    mm_unmap();
}

/* Returns the room from pa to the end of its region (0 if unknown). */
static uint64_t esrt_region(uint64_t pa)
{
    union xenpf_efi_info info = { 0 };
    char line[FWINFO_LINE_MAX];
    uint64_t page = pa & ~(uint64_t)0xfff, room;
    long rc;

    info.mem.addr = page;
    info.mem.size = ~(uint64_t)0 - page;
    rc = fw_efi_info(XEN_FW_EFI_MEM_INFO, &info);
    if ( rc )
    {
        /* Linux carries on with type 0 and no room (reference 5). */
        console_line("xen-esrt: mem_info: error rc=%ld (%s)", rc,
                     fwinfo_errno_name(rc));
        info.mem.type = 0;
        info.mem.attr = 0;
        info.mem.size = 0;
    }
    else
        console_line("xen-esrt: %s", fwinfo_meminfo_line(line, page,
                     info.mem.type, info.mem.attr, info.mem.size));
    console_line("xen-esrt: linux table rule (type 0/5/6/9/10): %s",
                 fwinfo_linux_table_type_ok(info.mem.type) ? "accept"
                                                           : "refuse");
    console_line("xen-esrt: linux esrt rule (RUNTIME or type 4/6/9/10): %s",
                 fwinfo_linux_esrt_mem_ok(info.mem.type, info.mem.attr)
                 ? "accept" : "refuse");
    room = rc ? 0 : fwinfo_meminfo_room(pa, info.mem.size);
    console_line("xen-esrt: region room=0x%llx", (unsigned long long)room);
    return room;
}

void esrt_run(const struct start_info *si)
{
    char line[ESRT_LINE_MAX];
    enum fwinfo_esrt_status st;
    struct fwinfo_esrt e;
    const void *hdr;
    uint64_t pa, room;
    long rc;

    rc = fw_find_config_table(fwinfo_esrt_guid, &pa);
    if ( rc == -XEN_ENOENT )
    {
        console_line("xen-esrt: no ESRT in the configuration table");
        console_line("xen-esrt: result=none");
        return;
    }
    if ( rc )
    {
        console_line("xen-esrt: config_table: error rc=%ld (%s)", rc,
                     fwinfo_errno_name(rc));
        console_line("xen-esrt: result=none");
        return;
    }
    console_line("xen-esrt: table at 0x%llx", (unsigned long long)pa);

    room = esrt_region(pa);
    if ( room < FWINFO_ESRT_HDR_BYTES )
    {
        console_line("xen-esrt: check: %s",
                     fwinfo_esrt_strerror(FWINFO_ESRT_NO_ROOM_HEADER));
        console_line("xen-esrt: result=invalid");
        return;
    }
    hdr = mm_map(pa, FWINFO_ESRT_HDR_BYTES, &rc);
    if ( !hdr )
    {
        console_line("xen-esrt: map header: error rc=%ld (%s)", rc,
                     fwinfo_errno_name(rc));
        console_line("xen-esrt: result=invalid");
        return;
    }
    console_line("xen-esrt: %s", esrt_header_line(line, hdr));
    st = fwinfo_esrt_check(hdr, room, &e);
    mm_unmap();

    if ( st == FWINFO_ESRT_TRUNCATED )
        console_line("xen-esrt: truncated: region holds 0x%llx bytes of a "
                     "0x%llx-byte table (%llu short; Xen 4.17 copies 16 "
                     "bytes short)", (unsigned long long)room,
                     (unsigned long long)e.table_bytes,
                     (unsigned long long)(e.table_bytes - room));
    console_line("xen-esrt: check: %s", fwinfo_esrt_strerror(st));
    if ( st == FWINFO_ESRT_OK || st == FWINFO_ESRT_TRUNCATED ||
         st == FWINFO_ESRT_COUNT_OVER_MAX )
        esrt_entries(pa, MIN(e.nr_whole, (uint32_t)FWINFO_ESRT_LINUX_MAX),
                     st == FWINFO_ESRT_OK);
    if ( st == FWINFO_ESRT_OK )
        console_line("xen-esrt: result=ok count=%u", e.count);
    else
        console_line("xen-esrt: result=invalid");
}
