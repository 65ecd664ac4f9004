/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot timeline as records, pure (see xen/boot_timeline.h): one table
 * of phase names and one conversion, used by the console lines and the
 * hypercall alike.
 */
#include <xen/boot_timeline.h>
#include <xen/string.h>
#include <xen/tsc.h>

static const char *const boot_timeline_names[BOOT_NR_PHASES] = {
    [BOOT_PHASE_ENTRY] = "entry",
    [BOOT_PHASE_LINKED] = "linked address",
    [BOOT_PHASE_EXIT_BS] = "ExitBootServices",
    [BOOT_PHASE_START_XEN] = "__start_xen",
    [BOOT_PHASE_CONSOLE] = "console and traps",
    [BOOT_PHASE_DOM0] = "dom0 build",
    [BOOT_PHASE_DOM0_BUILT] = "dom0 built",
    [BOOT_PHASE_DOM0_ENTRY] = "dom0 entry",
};

/* See xen/boot_timeline.h. */
const char *boot_timeline_name(unsigned int phase)
{
    return phase < BOOT_NR_PHASES ? boot_timeline_names[phase] : "?";
}

/* See xen/boot_timeline.h. */
unsigned int boot_timeline_fill(const uint64_t *tsc, uint32_t khz,
                                struct xenpf_boot_stamp *out,
                                unsigned int room)
{
    uint64_t first = 0;
    unsigned int n = 0;

    for ( unsigned int i = 0; i < BOOT_NR_PHASES; i++ )
        if ( tsc[i] && (!first || tsc[i] < first) )
            first = tsc[i];
    for ( unsigned int i = 0; i < BOOT_NR_PHASES; i++ )
    {
        const char *name = boot_timeline_names[i];
        size_t len = strlen(name);

        if ( !tsc[i] )
            continue;
        if ( n < room )
        {
            memset(out[n].name, 0, sizeof(out[n].name));
            memcpy(out[n].name, name,
                   len < sizeof(out[n].name) ? len
                                             : sizeof(out[n].name) - 1);
            out[n].us = tsc_cycles_to_us(tsc[i] - first, khz);
        }
        n++;
    }
    return n;
}
