/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dom0 kernel's C entry: say hello, describe what the hypervisor handed
 * over, run the tools named on the command line in order, power off (or
 * reboot, when the command line says dom0-reboot).
 */
#include <public/sched.h>
#include <public/version.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"
#include "timeline_tool.h"

struct dom0_tool {
    const char *name;
    void (*run)(const struct start_info *si);
};

/* xen-version: the hypervisor's version (xen_version XENVER_version). */
static void tool_version(const struct start_info *si)
{
    long v = hypercall_xen_version(XENVER_version, NULL);

    if ( v < 0 )
        console_line("xen-version: error rc=%ld", v);
    else
        console_line("xen-version: %ld.%ld", v >> 16, v & 0xffff);
}

/*
 * dom0-fault-ud, dom0-fault-pf: fault on purpose, so that a test can see
 * how the hypervisor reports an exception in dom0 (this kernel installs
 * no trap table, so the hypervisor handles it).
 */
static void fault_ud(const struct start_info *si)
{
    asm volatile ( "ud2" );
}

static void fault_pf(const struct start_info *si)
{
    /* Below the kernel's mapping: nothing is mapped there. */
    console_line("dom0: read 0x%x", *(volatile const uint32_t *)0x1000);
}

/*
 * dom0-reboot: ask for SHUTDOWN_reboot instead of SHUTDOWN_poweroff once
 * the command line is done (a test sees the machine reset).
 */
static bool want_reboot;

static void reboot_at_end(const struct start_info *si)
{
    want_reboot = true;
}

static const struct dom0_tool tools[] = {
    { "xen-version", tool_version },
    { "xen-info", info_run },
    { "xen-esrt", esrt_run },
    { "xen-e820", e820_run },
    { "xen-efimap", efimap_run },
    { "xen-hostile", hostile_run },
    { "xen-timeline", timeline_tool_run },
    { "dom0-fault-ud", fault_ud },
    { "dom0-fault-pf", fault_pf },
    { "dom0-reboot", reboot_at_end },
};

/* Runs the tool named by the n bytes at word; other words are not ours. */
static void run_word(const struct start_info *si, const char *word, size_t n)
{
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(tools); i++ )
        if ( lib_word_is(word, n, tools[i].name) )
        {
            console_line("dom0: running %s", tools[i].name);
            tools[i].run(si);
            return;
        }
}

static void run_cmdline(const struct start_info *si)
{
    const char *p = (const char *)si->cmd_line;
    const char *end = p + sizeof(si->cmd_line);

    while ( p < end && *p )
    {
        const char *w;

        while ( p < end && *p == ' ' )
            p++;
        w = p;
        while ( p < end && *p && *p != ' ' )
            p++;
        if ( p > w )
            run_word(si, w, p - w);
    }
}

void dom0_main(const struct start_info *si)
{
    char magic[sizeof(si->magic) + 1];
    char cmdline[sizeof(si->cmd_line) + 1];
    const void *page;

    memcpy(magic, si->magic, sizeof(si->magic));
    magic[sizeof(si->magic)] = '\0';
    memcpy(cmdline, si->cmd_line, sizeof(si->cmd_line));
    cmdline[sizeof(si->cmd_line)] = '\0';

    mm_init(si);
    page = hypercall_init();
    console_line("hello from dom0");
    if ( page )
        console_line("dom0: hypercalls through the hypercall page at %p",
                     page);
    else
        console_line("dom0: hypercalls by syscall");
    console_line("dom0: start_info magic=\"%s\" nr_pages=%llu flags=0x%x "
                 "pt_base=%p nr_pt_frames=%llu mfn_list=%p", magic,
                 (unsigned long long)si->nr_pages, si->flags,
                 (void *)si->pt_base, (unsigned long long)si->nr_pt_frames,
                 (void *)si->mfn_list);
    console_line("dom0: cmdline \"%s\"", cmdline);

    run_cmdline(si);

    if ( want_reboot )
    {
        console_line("dom0: done, rebooting");
        hypercall_shutdown(SHUTDOWN_reboot);
    }
    else
    {
        console_line("dom0: done, powering off");
        hypercall_shutdown(SHUTDOWN_poweroff);
    }
    console_line("dom0: ERR: shutdown hypercall returned");
    for ( ;; )
        hypercall_shutdown(SHUTDOWN_crash);
}
