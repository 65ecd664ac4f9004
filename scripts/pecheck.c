/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Post-link check of xen.efi with the same pe_check_image() the unit tests
 * cover: a PE32+ EFI application, 4 KiB sections, none writable and
 * executable, entry in code, a valid base relocation table whose fields
 * all lie in writable non-executable sections, NX_COMPAT; then the file
 * layout a signature needs (no byte outside the headers and sections) and
 * a correct header checksum. With --sbat, a .sbat section must exist,
 * be read-only and not executable, and hold SBAT records that
 * sbat_check() accepts.
 *
 *   pecheck [--sbat] FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/pe.h>
#include <xen/sbat.h>

/* Checks the .sbat section of a file pe_check_image() accepted. */
static int pecheck_sbat(const char *name, const unsigned char *buf,
                        const struct pe_image_info *info)
{
    for ( unsigned int i = 0; i < info->nr_sections; i++ )
    {
        struct pe_section s;
        struct sbat_info si;
        enum sbat_status st;

        memcpy(&s, buf + info->section_table_offset + i * sizeof(s),
               sizeof(s));
        if ( memcmp(s.name, ".sbat\0\0\0", 8) )
            continue;
        if ( (s.characteristics & (PE_SCN_MEM_WRITE | PE_SCN_MEM_EXECUTE)) ||
             !(s.characteristics & PE_SCN_MEM_READ) )
        {
            fprintf(stderr, "pecheck: %s: .sbat is not read-only data "
                    "(characteristics %#x)\n", name, s.characteristics);
            return 1;
        }
        st = sbat_check(buf + s.raw_offset,
                        MIN(s.raw_bytes, s.virtual_bytes), &si);
        if ( st != SBAT_OK )
        {
            fprintf(stderr, "pecheck: %s: .sbat line %u: %s\n", name,
                    si.bad_line, sbat_strerror(st));
            return 1;
        }
        printf("pecheck: %s: .sbat ok: %u component(s), first at "
               "generation %u\n", name, si.nr_components,
               si.first_generation);
        return 0;
    }
    fprintf(stderr, "pecheck: %s: no .sbat section\n", name);
    return 1;
}

int main(int argc, char **argv)
{
    struct pe_image_info info = { 0 };
    enum pe_status st;
    unsigned char *buf;
    bool want_sbat = argc == 3 && !strcmp(argv[1], "--sbat");
    long len;
    int rc = 1;
    FILE *f;

    if ( want_sbat )
    {
        argv++;
        argc--;
    }
    if ( argc != 2 || !(f = fopen(argv[1], "rb")) )
    {
        fprintf(stderr, "usage: pecheck [--sbat] FILE\n");
        return 2;
    }
    fseek(f, 0, SEEK_END);
    len = ftell(f);
    rewind(f);
    buf = malloc(len);
    if ( !buf || fread(buf, 1, len, f) != (size_t)len )
    {
        fclose(f);
        free(buf);
        return 2;
    }
    fclose(f);
    st = pe_check_image(buf, len, &info);
    if ( st != PE_OK )
    {
        fprintf(stderr, "pecheck: %s: %s (section %u)\n", argv[1],
                pe_strerror(st), info.bad_section);
        goto out;
    }
    if ( !info.nx_compat )
    {
        fprintf(stderr, "pecheck: %s: NX_COMPAT is not set\n", argv[1]);
        goto out;
    }
    st = pe_check_file_layout(buf, len, &info);
    if ( st != PE_OK )
    {
        fprintf(stderr, "pecheck: %s: %s\n", argv[1], pe_strerror(st));
        goto out;
    }
    if ( pe_checksum(buf, len, info.checksum_offset) != info.checksum )
    {
        fprintf(stderr, "pecheck: %s: header checksum %#x, file sums to "
                "%#x\n", argv[1], info.checksum,
                pe_checksum(buf, len, info.checksum_offset));
        goto out;
    }
    printf("pecheck: %s: ok: %u sections, image %u bytes, %u DIR64 "
           "relocations in %u blocks, all in writable data, no byte outside "
           "a section, checksum %#x\n", argv[1], info.nr_sections,
           info.image_bytes, info.relocs.nr_dir64, info.relocs.nr_blocks,
           info.checksum);
    if ( want_sbat && pecheck_sbat(argv[1], buf, &info) )
        goto out;
    rc = 0;
out:
    free(buf);
    return rc;
}
