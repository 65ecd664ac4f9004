/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzes the section table reader of the memory attribute code
 * (memattr_sections() in lib/efi/memattr.c). Input: byte 0 is the
 * number of output slots (% 20); the rest is the loaded image itself,
 * headers first, its size the image size.
 *
 * Invariants: never more sections than slots; on MEMATTR_OK every
 * section is page aligned, after the header page, inside the image, of
 * whole pages, with a NUL-terminated name and wanted attributes of one
 * of the three forms; and memattr_perms() names any attribute set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <efi/secboot.h>
#include <xen/memattr.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct memattr_section sec[20];
    unsigned int max, nr = 99;
    enum memattr_status st;
    char perms[4];
    uint8_t *img;

    if ( size < 1 )
        return 0;
    max = data[0] % 20;
    img = malloc(size - 1 ? size - 1 : 1);
    if ( !img )
        return 0;
    memcpy(img, data + 1, size - 1);
    st = memattr_sections(img, size - 1, sec, max, &nr);
    if ( nr > max || st >= MEMATTR_NR_STATUS )
        abort();
    for ( unsigned int i = 0; st == MEMATTR_OK && i < nr; i++ )
    {
        uint64_t w = sec[i].want;

        if ( (sec[i].rva & 4095) || sec[i].rva < 4096 ||
             !sec[i].bytes || (sec[i].bytes & 4095) ||
             (uint64_t)sec[i].rva + sec[i].bytes > size - 1 ||
             memchr(sec[i].name, 0, sizeof(sec[i].name)) == NULL ||
             (w != EFI_MEMORY_RO && w != EFI_MEMORY_XP &&
              w != (EFI_MEMORY_RO | EFI_MEMORY_XP)) )
            abort();
    }
    if ( strlen(memattr_perms(size > 1 ? data[1] * 0x1000ULL : 0,
                              perms)) != 3 )
        abort();
    free(img);
    return 0;
}
