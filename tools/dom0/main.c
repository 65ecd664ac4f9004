/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dom0 kernel's C entry: say hello, describe what the hypervisor handed
 * over, run the tools named on the command line in order, power off (or
 * reboot, when the command line says dom0-reboot). The words after a
 * tool's name, up to the next tool's name, are its arguments (tools that
 * take none ignore them): "xen-efivar read SecureBoot xen-time".
 */
#include <public/sched.h>
#include <public/version.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"
#include "pvmm.h"
#include "timeline_tool.h"

#define DOM0_MAX_WORDS  128

struct dom0_tool {
    const char *name;
    void (*run)(const struct start_info *si);
};

/* Tools that read the words after their name. */
struct dom0_arg_tool {
    const char *name;
    void (*run)(const struct start_info *si, unsigned int argc, char **argv);
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
 * dom0-fault-iret32: the iret hypercall to the 32-bit code segment 0xe023
 * at 0x100000000, past its 4 GiB limit, with no trap table to take the
 * #GP: the hypervisor must report dom0's crash (on hardware an unchecked
 * iretq faults at ring 0 and the hypervisor itself went down).
 */
static void fault_iret32(const struct start_info *si)
{
    /* struct iret_context: RAX R11 RCX flags RIP CS RFLAGS RSP SS. */
    static uint64_t frame[9] __attribute__((__aligned__(16))) = {
        0, 0, 0, 0, 0x100000000ULL, 0xe023, 0x202, 0, 0xe02b,
    };

    asm volatile ( "mov %0, %%rsp\n\t"
                   "mov $23, %%eax\n\t"
                   "syscall\n\t"
                   "ud2" :: "r" (frame) : "memory" );
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
    { "xen-pvmm", pvmm_run },
    { "xen-timeline", timeline_tool_run },
    { "dom0-fault-ud", fault_ud },
    { "dom0-fault-pf", fault_pf },
    { "dom0-fault-iret32", fault_iret32 },
    { "dom0-reboot", reboot_at_end },
    { "dom0-pvcpu", pvcpu_run },
    { "xen-wallclock", wallclock_run },
    { "dom0-console-echo", console_echo_run },
};

static const struct dom0_arg_tool arg_tools[] = {
    { "xen-efivar", efivar_run },
    { "xen-time", time_run },
    { "xen-capsule", capsule_run },
    { "xen-reset", reset_run },
};

/* The tool named word in *t or *at (the other NULL); false if none. */
static bool find_tool(const char *word, const struct dom0_tool **t,
                      const struct dom0_arg_tool **at)
{
    *t = NULL;
    *at = NULL;
    for ( size_t i = 0; i < ARRAY_SIZE(tools); i++ )
        if ( lib_word_is(word, lib_strlen(word), tools[i].name) )
            *t = &tools[i];
    for ( size_t i = 0; i < ARRAY_SIZE(arg_tools); i++ )
        if ( lib_word_is(word, lib_strlen(word), arg_tools[i].name) )
            *at = &arg_tools[i];
    return *t || *at;
}

/* Splits the command line into words and runs each tool with the words
 * that follow it; words before the first tool are not ours. */
static void run_cmdline(const struct start_info *si)
{
    static char line[sizeof(si->cmd_line) + 1];
    static char *words[DOM0_MAX_WORDS];
    unsigned int nr = 0, i, j;
    char *p = line;

    memcpy(line, si->cmd_line, sizeof(si->cmd_line));
    line[sizeof(si->cmd_line)] = '\0';
    while ( *p && nr < DOM0_MAX_WORDS )
    {
        while ( *p == ' ' )
            *p++ = '\0';
        if ( !*p )
            break;
        words[nr++] = p;
        while ( *p && *p != ' ' )
            p++;
    }
    while ( *p == ' ' )
        *p++ = '\0';
    for ( i = 0; i < nr; i = j )
    {
        const struct dom0_tool *t, *t2;
        const struct dom0_arg_tool *at, *at2;

        find_tool(words[i], &t, &at);
        for ( j = i + 1; j < nr && !find_tool(words[j], &t2, &at2); j++ )
            ;
        if ( t )
        {
            console_line("dom0: running %s", t->name);
            t->run(si);
        }
        else if ( at )
        {
            console_line("dom0: running %s", at->name);
            at->run(si, j - i - 1, words + i + 1);
        }
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
