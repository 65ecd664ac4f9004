/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reads a xen.cfg with the hypervisor's own parser (lib/boot/xencfg.c), the
 * way a directly booted xen.efi does: validate the whole file, choose the
 * section, look up options=, kernel= and ramdisk=. Prints one line per key
 * ("options: TEXT", "kernel: FILE", "dom0 cmdline: TEXT", "ramdisk: FILE")
 * after "section: NAME". Exits 1 on a parse error, on a line Xen would
 * ignore, or without kernel=; 2 on a usage or I/O error.
 *
 *   xencfgcheck FILE [SECTION]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xen/xencfg.h>

static const char *xencfgcheck_file;

static int xencfgcheck_fail(enum xencfg_status st, unsigned int line)
{
    fprintf(stderr, "xencfgcheck: %s line %u: %s\n", xencfgcheck_file, line,
            xencfg_strerror(st));
    return 1;
}

int main(int argc, char **argv)
{
    struct xencfg_warnings warn = { 0 };
    const char *sect = NULL, *val, *word, *rest;
    size_t sect_len = 0, val_len, word_len, rest_len;
    const char *keys[] = { "options", "kernel", "ramdisk" };
    unsigned int line;
    enum xencfg_status st;
    static char buf[65536];
    size_t len;
    FILE *f;

    if ( argc < 2 || argc > 3 || !(f = fopen(argv[1], "rb")) )
    {
        fprintf(stderr, "usage: xencfgcheck FILE [SECTION]\n");
        return 2;
    }
    xencfgcheck_file = argv[1];
    len = fread(buf, 1, sizeof(buf), f);
    if ( ferror(f) || !feof(f) )
        return 2;
    fclose(f);

    st = xencfg_check(buf, len, &line, &warn);
    if ( st != XENCFG_OK )
        return xencfgcheck_fail(st, line);
    if ( warn.nr_unknown_keys || warn.nr_misplaced_keys )
    {
        fprintf(stderr, "xencfgcheck: %s: line %u is ignored by xen.efi\n",
                argv[1], warn.nr_unknown_keys ? warn.first_unknown_line
                                              : warn.first_misplaced_line);
        return 1;
    }
    st = xencfg_select(buf, len, argc == 3 ? argv[2] : NULL,
                       argc == 3 ? strlen(argv[2]) : 0, &sect, &sect_len,
                       &line);
    if ( st != XENCFG_OK )
        return xencfgcheck_fail(st, line);
    printf("section: %.*s\n", (int)sect_len, sect ? sect : "");

    for ( size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++ )
    {
        st = xencfg_get(buf, len, sect, sect_len, keys[i], &val, &val_len,
                        &line);
        if ( st == XENCFG_NO_KEY && i != 1 )
            continue;
        if ( st != XENCFG_OK )
            return xencfgcheck_fail(st, line);
        if ( i != 1 )
        {
            printf("%s: %.*s\n", keys[i], (int)val_len, val);
            continue;
        }
        xencfg_split_word(val, val_len, &word, &word_len, &rest, &rest_len);
        printf("kernel: %.*s\ndom0 cmdline: %.*s\n", (int)word_len, word,
               (int)rest_len, rest);
    }
    return 0;
}
