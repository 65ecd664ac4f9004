/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the load-options parser (lib/efi/loadopt.c). The input
 * is the LoadOptions bytes. Invariants checked beyond survival:
 * - on success every output string is NUL-terminated inside its buffer
 *   and printable ASCII; cfg and section hold no blanks, section does not
 *   start with a switch prefix, args have no outer blanks; the form agrees
 *   with loadopt_is_load_option();
 * - on failure bad_offset lies inside the input;
 * - the load-option test agrees with a model written from UEFI spec 3.1.3:
 *   no reserved Attributes bit, a NUL-terminated Description, and then
 *   FilePathListLength bytes that are a chain of nodes of at least 4 bytes,
 *   none running past that length (even when the input goes on), the last
 *   ending the entire path; OptionalData starts right after the list;
 * - differential: the same bytes as OptionalData of a well-formed
 *   EFI_LOAD_OPTION give exactly the result of a shell string "x " + bytes,
 *   with offsets shifted by where the text starts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/loadopt.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )

/* Description "X", device path: just the end node. */
static const uint8_t lo_head[] = {
    0x01, 0, 0, 0,              /* Attributes: active */
    4, 0,                       /* FilePathListLength */
    'X', 0, 0, 0,               /* Description */
    LOADOPT_DP_END_TYPE, LOADOPT_DP_END_ENTIRE, 4, 0,
};
static const uint8_t shell_head[] = { 'x', 0, ' ', 0 };

static size_t check_string(const char *s, size_t size, bool blanks)
{
    size_t n = strnlen(s, size);

    ENSURE(n < size);
    for ( size_t i = 0; i < n; i++ )
        ENSURE(s[i] >= 0x20 && s[i] < 0x7f && (blanks || s[i] != ' '));
    return n;
}

static void check_ok(const struct loadopt *lo, const uint8_t *data,
                     size_t size)
{
    size_t opt, n;

    check_string(lo->cfg, sizeof(lo->cfg), false);
    n = check_string(lo->section, sizeof(lo->section), false);
    ENSURE(!n || (lo->section[0] != '/' && lo->section[0] != '-'));
    ENSURE(!lo->nr_extra_sections || n);
    n = check_string(lo->args, sizeof(lo->args), true);
    ENSURE(!n || (lo->args[0] != ' ' && lo->args[n - 1] != ' '));
    ENSURE(lo->has_args || !n);
    n = check_string(lo->first_unknown, sizeof(lo->first_unknown), false);
    ENSURE(!lo->nr_unknown == !n);
    ENSURE(!n || lo->first_unknown[0] == '/' || lo->first_unknown[0] == '-');
    ENSURE(lo->text_offset <= size);

    if ( loadopt_is_load_option(data, size, &opt) )
        ENSURE(lo->form == LOADOPT_FORM_LOAD_OPTION &&
               lo->text_offset == opt);
    else
        ENSURE(lo->form != LOADOPT_FORM_LOAD_OPTION &&
               lo->text_offset == 0);
}

static unsigned int le16(const uint8_t *p)
{
    return p[0] | (p[1] << 8);
}

/* The model of loadopt_is_load_option(). */
static bool model_is_load_option(const uint8_t *p, size_t size,
                                 size_t *opt)
{
    size_t desc_end, list, list_bytes, off, node_bytes = 0;
    uint32_t attr;

    if ( size < 6 )
        return false;
    attr = p[0] | (p[1] << 8) | ((uint32_t)le16(p + 2) << 16);
    if ( attr & ~(uint32_t)(LOADOPT_ATTR_ACTIVE |
                            LOADOPT_ATTR_FORCE_RECONNECT |
                            LOADOPT_ATTR_HIDDEN | LOADOPT_ATTR_CATEGORY) )
        return false;
    list_bytes = le16(p + 4);
    for ( desc_end = 6; desc_end + 2 <= size; desc_end += 2 )
        if ( !le16(p + desc_end) )
            break;
    if ( desc_end + 2 > size )
        return false;
    list = desc_end + 2;
    if ( list_bytes < 4 || list + list_bytes > size )
        return false;
    for ( off = 0; off < list_bytes; off += node_bytes )
    {
        if ( off + 4 > list_bytes )
            return false;           /* a node head runs past the list */
        node_bytes = le16(p + list + off + 2);
        if ( node_bytes < 4 || off + node_bytes > list_bytes )
            return false;           /* a node runs past the list */
    }
    off -= node_bytes;
    if ( p[list + off] != LOADOPT_DP_END_TYPE ||
         p[list + off + 1] != LOADOPT_DP_END_ENTIRE )
        return false;
    *opt = list + list_bytes;
    return true;
}

static bool same_result(const struct loadopt *a, const struct loadopt *b)
{
    return a->mapbs == b->mapbs && a->basevideo == b->basevideo &&
           a->help == b->help && a->has_args == b->has_args &&
           !strcmp(a->cfg, b->cfg) && !strcmp(a->section, b->section) &&
           !strcmp(a->args, b->args) && a->nr_unknown == b->nr_unknown &&
           !strcmp(a->first_unknown, b->first_unknown) &&
           a->nr_extra_sections == b->nr_extra_sections;
}

static void differential(const uint8_t *data, size_t size)
{
    size_t lo_bytes = sizeof(lo_head) + size;
    size_t sh_bytes = sizeof(shell_head) + size;
    uint8_t *lo_buf = malloc(lo_bytes), *sh_buf = malloc(sh_bytes);
    struct loadopt a, b;
    enum loadopt_status sa, sb;

    ENSURE(lo_buf && sh_buf);
    memcpy(lo_buf, lo_head, sizeof(lo_head));
    memcpy(lo_buf + sizeof(lo_head), data, size);
    memcpy(sh_buf, shell_head, sizeof(shell_head));
    memcpy(sh_buf + sizeof(shell_head), data, size);

    sa = loadopt_parse(lo_buf, lo_bytes, &a);
    sb = loadopt_parse(sh_buf, sh_bytes, &b);
    ENSURE(sa == sb);
    ENSURE(a.form == LOADOPT_FORM_LOAD_OPTION);
    if ( sa == LOADOPT_OK )
        ENSURE(same_result(&a, &b));
    else
        ENSURE(a.bad_offset - sizeof(lo_head) ==
               b.bad_offset - sizeof(shell_head));
    free(lo_buf);
    free(sh_buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct loadopt lo;
    enum loadopt_status st;

    size_t opt = 0, model_opt = 0;
    bool is_lo;

    is_lo = loadopt_is_load_option(data, size, &opt);
    ENSURE(is_lo == model_is_load_option(data, size, &model_opt));
    ENSURE(!is_lo || opt == model_opt);

    st = loadopt_parse(data, size, &lo);
    ENSURE((unsigned int)st < LOADOPT_NR_STATUS);
    ENSURE(st != LOADOPT_NULL_BUFFER);
    if ( st == LOADOPT_OK )
        check_ok(&lo, data, size);
    else
        ENSURE(lo.bad_offset < size);
    differential(data, size);
    return 0;
}
