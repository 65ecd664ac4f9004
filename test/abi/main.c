/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ABI probe runner (`make abi`): compares every fact of our public headers
 * with Xen's, prints one line per mismatch and closes with
 * "abi: N passed, N failed". Exits 1 on any failure.
 *
 * Constants Xen does not define must be listed in abi_ours_only[] (so a
 * misspelt Xen name fails instead of passing unnoticed); those that number
 * an operation also must not reuse any Xen value of their family.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "abi.h"

/* Our additions: the constant and the family its value must stay out of. */
static const struct {
    const char *what;
    const char *family;     /* prefix of the Xen constants, or NULL */
} abi_ours_only[] = {
    { "const XEN_FW_EFI_MEMORY_MAP", "const XEN_FW_EFI_" },
    { "const XEN_FW_EFI_MEMORY_DESC_VERSION", NULL },
    { "const XEN_FW_EFI_MEMORY_DESC_MIN_SIZE", NULL },
    { "const XEN_E820_RAM", NULL },
    { "const XEN_E820_RESERVED", NULL },
    { "const XEN_E820_ACPI", NULL },
    { "const XEN_E820_NVS", NULL },
    { "const XEN_E820_UNUSABLE", NULL },
    /* Newer than Xen 4.17; their numbers are Xen's own. */
    { "const XENPF_get_dom0_console", "const XENPF_" },
    { "const XENPF_get_ucode_revision", "const XENPF_" },
    { "const XENPF_microcode_update2", "const XENPF_" },
    /* The boot timeline (docs/hypercalls.md). */
    { "const XENPF_get_boot_timeline", "const XENPF_" },
    { "const XENPF_BOOT_STAMP_NAME_SIZE", NULL },
    { "const XENPF_BOOT_TSC_SOURCE_SIZE", NULL },
};

static int abi_find_ours_only(const char *what)
{
    size_t i;

    for ( i = 0; i < sizeof(abi_ours_only) / sizeof(abi_ours_only[0]); i++ )
        if ( !strcmp(abi_ours_only[i].what, what) )
            return (int)i;
    return -1;
}

/* A Xen constant of the same family with the same value, or NULL. */
static const char *abi_collision(const char *family, size_t self)
{
    size_t i, len = strlen(family);

    for ( i = 0; i < abi_nr_facts_xen; i++ )
        if ( i != self && abi_facts_xen[i].present &&
             !strncmp(abi_facts_xen[i].what, family, len) &&
             abi_facts_xen[i].value == abi_facts_ours[self].value )
            return abi_facts_xen[i].what;
    return NULL;
}

/* Judges fact i; returns 1 when it holds. */
static int abi_check(size_t i)
{
    const struct abi_fact *x = &abi_facts_xen[i], *o = &abi_facts_ours[i];
    int k = abi_find_ours_only(o->what);
    const char *clash;

    if ( strcmp(x->what, o->what) )
    {
        printf("abi: FAIL fact %zu: tables out of step (%s / %s)\n",
               i, x->what, o->what);
        return 0;
    }
    if ( x->present && k >= 0 )
    {
        printf("abi: FAIL %s: listed as ours only, but Xen defines it "
               "(0x%" PRIx64 ")\n", o->what, x->value);
        return 0;
    }
    if ( x->present )
    {
        if ( x->value == o->value )
            return 1;
        printf("abi: FAIL %s: Xen 0x%" PRIx64 " (%" PRIu64 "), ours 0x%"
               PRIx64 " (%" PRIu64 ")\n",
               o->what, x->value, x->value, o->value, o->value);
        return 0;
    }
    if ( k < 0 )
    {
        printf("abi: FAIL %s: not in Xen's headers (misspelt, or an "
               "addition missing from abi_ours_only)\n", o->what);
        return 0;
    }
    if ( abi_ours_only[k].family &&
         (clash = abi_collision(abi_ours_only[k].family, i)) != NULL )
    {
        printf("abi: FAIL %s = 0x%" PRIx64 " collides with Xen's %s\n",
               o->what, o->value, clash);
        return 0;
    }
    printf("abi: ours only: %s = 0x%" PRIx64 "\n", o->what, o->value);
    return 1;
}

int main(void)
{
    unsigned int passed = 0, failed = 0;
    size_t i;

    printf("abi: include/public against /usr/include/xen "
           "(interface 0x%08lx), %zu facts\n",
           abi_xen_interface_version, abi_nr_facts_ours);
    if ( abi_nr_facts_xen != abi_nr_facts_ours )
    {
        printf("abi: FAIL fact tables differ in length (%zu / %zu)\n",
               abi_nr_facts_xen, abi_nr_facts_ours);
        failed++;
    }
    else
        for ( i = 0; i < abi_nr_facts_ours; i++ )
        {
            if ( abi_check(i) )
                passed++;
            else
                failed++;
        }
    printf("abi: %u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
