/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Post-link check of xen.efi with the same pe_check_image() the unit tests
 * cover: a PE32+ EFI application, 4 KiB sections, none writable and
 * executable, entry in code, a valid base relocation table whose fields
 * all lie in writable non-executable sections, NX_COMPAT; then the file
 * layout a signature needs (no byte outside the headers and sections) and
 * a correct header checksum.
 */
#include <stdio.h>
#include <stdlib.h>

#include <xen/pe.h>

int main(int argc, char **argv)
{
    struct pe_image_info info = { 0 };
    enum pe_status st;
    unsigned char *buf;
    long len;
    FILE *f;

    if ( argc != 2 || !(f = fopen(argv[1], "rb")) )
    {
        fprintf(stderr, "usage: pecheck FILE\n");
        return 2;
    }
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    buf = malloc(len);
    if ( !buf || fread(buf, 1, len, f) != (size_t)len )
        return 2;
    fclose(f);
    st = pe_check_image(buf, len, &info);
    if ( st != PE_OK )
    {
        fprintf(stderr, "pecheck: %s: %s (section %u)\n", argv[1],
                pe_strerror(st), info.bad_section);
        return 1;
    }
    if ( !info.nx_compat )
    {
        fprintf(stderr, "pecheck: %s: NX_COMPAT is not set\n", argv[1]);
        return 1;
    }
    st = pe_check_file_layout(buf, len, &info);
    if ( st != PE_OK )
    {
        fprintf(stderr, "pecheck: %s: %s\n", argv[1], pe_strerror(st));
        return 1;
    }
    if ( pe_checksum(buf, len, info.checksum_offset) != info.checksum )
    {
        fprintf(stderr, "pecheck: %s: header checksum %#x, file sums to "
                "%#x\n", argv[1], info.checksum,
                pe_checksum(buf, len, info.checksum_offset));
        return 1;
    }
    printf("pecheck: %s: ok: %u sections, image %u bytes, %u DIR64 "
           "relocations in %u blocks, all in writable data, no byte outside "
           "a section, checksum %#x\n", argv[1], info.nr_sections,
           info.image_bytes, info.relocs.nr_dir64, info.relocs.nr_blocks,
           info.checksum);
    free(buf);
    return 0;
}
