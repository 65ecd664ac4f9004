/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The efi= and efi-retain= options (include/xen/efiopt.h): each value is a
 * comma-separated list walked item by item.
 */
#include <xen/cmdline.h>
#include <xen/efiopt.h>
#include <xen/fmt.h>
#include <xen/retain.h>
#include <xen/string.h>

static void unknown(struct efiopt *o, const char *opt, const char *v,
                    size_t n)
{
    if ( !o->nr_unknown++ )
        fmt_snprintf(o->first_unknown, sizeof(o->first_unknown), "%s=%.*s",
                     opt, (int)n, v);
}

static bool item_is(const char *v, size_t n, const char *word)
{
    return n == strlen(word) && !strncmp(v, word, n);
}

/* One item of efi=: [no-]mapbs or [no-]retain. */
static void efi_item(struct efiopt *o, const char *v, size_t n)
{
    bool neg = n > 3 && !strncmp(v, "no-", 3);
    const char *w = neg ? v + 3 : v;
    size_t wn = neg ? n - 3 : n;

    if ( item_is(w, wn, "mapbs") )
        o->mapbs = !neg;
    else if ( item_is(w, wn, "retain") )
        o->retain = !neg;
    else
        unknown(o, "efi", v, n);
}

/* One item of efi-retain=: all, none or a kind's option word. */
static void retain_item(struct efiopt *o, const char *v, size_t n,
                        uint32_t *mask)
{
    const struct retain_kind *k;

    if ( item_is(v, n, "all") )
        *mask = (1U << retain_nr_kinds) - 1;
    else if ( item_is(v, n, "none") )
        *mask = 0;
    else if ( (k = retain_kind_named(v, n)) )
        *mask |= 1U << (k - retain_kinds);
    else
        unknown(o, "efi-retain", v, n);
}

void efiopt_parse(const char *cmdline, size_t len, struct efiopt *o)
{
    struct cmdline_iter it;
    struct cmdline_word w;

    memset(o, 0, sizeof(*o));
    o->retain = true;
    o->retain_mask = (1U << retain_nr_kinds) - 1;
    cmdline_iter_init(&it, cmdline, len);
    while ( cmdline_next(&it, &w) )
    {
        bool is_efi = cmdline_name_is(&w, "efi");
        bool is_retain = cmdline_name_is(&w, "efi-retain");
        const char *v = w.value;
        size_t left = w.value_len;
        uint32_t mask = 0;

        if ( (!is_efi && !is_retain) || w.negated || !v )
        {
            if ( is_efi || is_retain )
                unknown(o, is_efi ? "efi" : "efi-retain", "", 0);
            continue;
        }
        while ( left )
        {
            size_t n = 0;

            while ( n < left && v[n] != ',' )
                n++;
            if ( is_efi )
                efi_item(o, v, n);
            else
                retain_item(o, v, n, &mask);
            v += n;
            left -= n;
            if ( left )
                v++, left--;
        }
        /* A list names the whole selection: it replaces the earlier one. */
        if ( is_retain )
            o->retain_mask = mask;
    }
}

bool efiopt_retains(const struct efiopt *o, unsigned int i)
{
    return o->retain && i < 32 && (o->retain_mask >> i & 1);
}
