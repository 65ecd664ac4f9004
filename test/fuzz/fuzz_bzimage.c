/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the bzImage setup header parser (lib/boot/bzimage.c).
 * The input is the file: when it parses, the payload lies inside the
 * input after the setup code, is not empty, and its last four bytes are
 * the size hint; the status text and format name exist. The payload is
 * then fed to the XZ decoder as the dom0 builder does, into a bounded
 * buffer framed by guard bytes that must not change.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/bzimage.h>
#include <xen/le.h>
#include <xen/unxz.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )
#define ROOM        (64u << 10)
#define GUARD       64

static struct unxz_work work;
static uint8_t out[ROOM + GUARD];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct bzimage_info bz;
    enum bzimage_status st = bzimage_parse(data, size, &bz);
    size_t len, used, room;

    ENSURE((unsigned int)st < BZIMAGE_NR_STATUS);
    ENSURE(bzimage_strerror(st)[0]);
    if ( st != BZIMAGE_OK )
        return 0;
    ENSURE(bzimage_is(data, size));
    ENSURE(bz.version >= BZIMAGE_VERSION_MIN);
    ENSURE(bz.setup_bytes >= 512 && bz.setup_bytes <= size);
    ENSURE(bz.payload_offset >= bz.setup_bytes);
    ENSURE(bz.payload_bytes >= 4 && bz.payload_offset <= size &&
           bz.payload_bytes <= size - bz.payload_offset);
    ENSURE(bz.size_hint ==
           le32(data + bz.payload_offset + bz.payload_bytes - 4));
    ENSURE(bzimage_format_name(bz.format)[0]);
    if ( bz.format != BZIMAGE_FMT_XZ )
        return 0;
    room = bz.size_hint < ROOM ? bz.size_hint : ROOM;
    memset(out + room, 0x5a, GUARD);
    (void)unxz_decode(data + bz.payload_offset, bz.payload_bytes, out, room,
                      &len, &used, &work);
    ENSURE(len <= room && used <= bz.payload_bytes);
    for ( size_t i = 0; i < GUARD; i++ )
        ENSURE(out[room + i] == 0x5a);
    return 0;
}
