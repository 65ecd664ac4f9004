/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the dom0 tools' shared logic (tools/lib/fwinfo.c): the
 * ESRT check against the room MEM_INFO gave, the Xen 4.17 short-copy
 * probe, the room arithmetic and every line formatter, all of which take
 * bytes a hypervisor or firmware handed over.
 *
 * Input: u64 room (little endian), u64 MEM_INFO address, then the table
 * bytes as the tool would map them (header first).
 *
 * Invariants: the status is the one this file computes from the rules in
 * docs/tools.md, in their order; the parsed fields are the header's; the
 * whole-entry count never passes the room nor the count; the pool-tail
 * probe reads only inside the table; room never exceeds what MEM_INFO
 * said; every line is NUL-terminated, shorter than its buffer, and the
 * ASCII vendor string is printable.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/esrt.h>

#include "fwinfo.h"

static void check(bool ok)
{
    if ( !ok )
        abort();
}

static uint64_t get64(const uint8_t *p)
{
    uint64_t v = 0;
    int i;

    for ( i = 7; i >= 0; i-- )
        v = v << 8 | p[i];
    return v;
}

static void check_line(const char *buf, size_t size)
{
    check(memchr(buf, '\0', size) != NULL);
    check(strlen(buf) < size);
}

static enum fwinfo_esrt_status expected(const uint8_t *h, uint64_t room)
{
    uint32_t count = (uint32_t)get64(h), max = (uint32_t)(get64(h) >> 32);

    if ( room < FWINFO_ESRT_HDR_BYTES )
        return FWINFO_ESRT_NO_ROOM_HEADER;
    if ( get64(h + 8) != 1 )
        return FWINFO_ESRT_BAD_VERSION;
    if ( count > max )
        return FWINFO_ESRT_COUNT_OVER_MAX;
    if ( 16 + 40ULL * count > room )
        return FWINFO_ESRT_TRUNCATED;
    return FWINFO_ESRT_OK;
}

static void esrt(const uint8_t *t, size_t len, uint64_t room)
{
    uint8_t hdr[16] = { 0 };
    struct fwinfo_esrt e;
    enum fwinfo_esrt_status st;
    char line[ESRT_LINE_MAX + FWINFO_LINE_MAX];
    uint32_t i;

    memcpy(hdr, t, len < 16 ? len : 16);
    st = fwinfo_esrt_check(hdr, room, &e);
    check(st == expected(hdr, room));
    check(fwinfo_esrt_strerror(st)[0] != '\0');
    if ( st == FWINFO_ESRT_NO_ROOM_HEADER )
    {
        check(e.count == 0 && e.table_bytes == 0 && e.nr_whole == 0);
        return;
    }
    check(e.count == (uint32_t)get64(hdr));
    check(e.over_linux == (e.count > FWINFO_ESRT_LINUX_MAX));
    check(e.count_max == (uint32_t)(get64(hdr) >> 32));
    check(e.version == get64(hdr + 8));
    check(e.table_bytes == 16 + 40ULL * e.count);
    check(e.nr_whole <= e.count);
    check(16 + 40ULL * e.nr_whole <= room);
    check(e.nr_whole == e.count || 16 + 40ULL * (e.nr_whole + 1) > room);

    check_line(esrt_header_line(line, hdr), ESRT_LINE_MAX);
    /* The tool prints the entries that are whole in the room and mapped. */
    for ( i = 0; i < e.nr_whole && 16 + 40ULL * (i + 1) <= len; i++ )
        check_line(esrt_entry_line(line, i, t + 16 + 40 * i),
                   ESRT_LINE_MAX);
    if ( st == FWINFO_ESRT_OK && e.count && e.table_bytes <= len )
        (void)fwinfo_esrt_pool_tail_short(t, e.count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char line[FWINFO_LINE_MAX];
    uint64_t room, addr, r;
    const uint8_t *t;
    size_t len;
    bool pass;
    long exp[2];

    if ( size < 16 )
        return 0;
    room = get64(data);
    addr = get64(data + 8);
    t = data + 16;
    len = size - 16;

    esrt(t, len, room);

    /* MEM_INFO arithmetic: room from addr within the reported size. */
    r = fwinfo_meminfo_room(addr, room);
    check(r <= room);
    check(r == 0 || r + (addr & 0xfff) == room);

    check_line(fwinfo_meminfo_line(line, addr, (uint32_t)room, room, addr),
               FWINFO_LINE_MAX);
    check(fwinfo_efi_type_name((uint32_t)addr)[0] != '\0');
    check(fwinfo_e820_type_name((uint32_t)addr)[0] != '\0');
    check(fwinfo_linux_table_type_ok((uint32_t)addr) ==
          ((uint32_t)addr == 0 || (uint32_t)addr == 5 ||
           (uint32_t)addr == 6 || (uint32_t)addr == 9 ||
           (uint32_t)addr == 10));

    if ( len >= 24 )
        check_line(fwinfo_cfg_line(line, (unsigned int)room, t),
                   FWINFO_LINE_MAX);
    if ( len >= 20 )
        check_line(fwinfo_e820_line(line, (unsigned int)room, t),
                   FWINFO_LINE_MAX);
    if ( len >= 40 )
        check_line(fwinfo_efimap_line(line, (unsigned int)room, t),
                   FWINFO_LINE_MAX);

    exp[0] = -(long)(addr & 0x7f);
    exp[1] = -(long)((addr >> 8) & 0x7f);
    check_line(fwinfo_hostile_line(line, "fuzz", -(long)(room & 0xff), exp,
                                   1 + (addr >> 16 & 1), &pass),
               FWINFO_LINE_MAX);
    check(pass == (-(long)(room & 0xff) == exp[0] ||
                   ((addr >> 16 & 1) && -(long)(room & 0xff) == exp[1])));

    {
        char ascii[65];
        size_t i, n = len / 2;

        fwinfo_ucs2_ascii(ascii, sizeof(ascii), t, n);
        check(strlen(ascii) <= n && strlen(ascii) < sizeof(ascii));
        for ( i = 0; ascii[i]; i++ )
            check(ascii[i] >= 0x20 && ascii[i] <= 0x7e);
    }
    return 0;
}
