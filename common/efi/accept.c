/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unaccepted memory (EFI type 15) around ExitBootServices.
 *
 * Before it: what cannot be tracked in 2 MiB units (the unaligned edges of
 * each range, ranges below 4 MiB) is accepted through the firmware's
 * memory-accept protocol, and OVMF's SEV protocol is told to leave the
 * rest alone, but only when the platform can accept it later: otherwise
 * letting the firmware accept everything at ExitBootServices loses less.
 *
 * After it: the final map's type-15 ranges are tracked sparsely
 * (lib/mm/unaccepted.c) and become RAM accepted on use when the platform
 * can accept (TDX, SEV-SNP); without that they are listed and stay out of
 * RAM, so no unaccepted byte is ever handed out.
 */
#include <xen/accept.h>
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <xen/unaccepted.h>

#define MAX_ACCEPT_NOW  256
#define MAX_LISTED      16

/* See xen/accept.h. */
const char *accept_platform_name(enum accept_platform p)
{
    switch ( p )
    {
    case ACCEPT_TDX:        return "TDX";
    case ACCEPT_SEV_SNP:    return "SEV-SNP";
    case ACCEPT_NONE:       break;
    }
    return "none";
}

struct unaccepted_table accept_table;
static uint64_t table_storage[8192];        /* 64 KiB */
static struct unaccepted_span accept_now[MAX_ACCEPT_NOW];

static uint64_t kib(uint64_t pages)
{
    return pages << (EFIMAP_PAGE_SHIFT - 10);
}

static bool plan(const struct efimap_entry *map, unsigned int nr,
                 unsigned int *nr_now, struct unaccepted_need *need)
{
    enum unaccepted_status st;

    if ( unaccepted_measure(map, nr, need) != UNACCEPTED_OK ||
         (!need->nr_ranges && !need->nr_accept_now) )
        return false;
    st = unaccepted_plan(&accept_table, table_storage, sizeof(table_storage),
                         map, nr, accept_now, MAX_ACCEPT_NOW, nr_now);
    if ( st != UNACCEPTED_OK )
    {
        printk("Unaccepted memory: cannot track it (%s); it stays out of "
               "RAM\n", unaccepted_strerror(st));
        accept_table = (struct unaccepted_table){ 0 };
        return false;
    }
    return true;
}

void efi_accept_before_exit(void)
{
    static const struct efi_guid accept_guid =
        EFI_MEMORY_ACCEPT_PROTOCOL_GUID;
    static const struct efi_guid sev_guid = EFI_SEV_MEMORY_ACCEPTANCE_GUID;
    enum accept_platform platform = arch_accept_platform();
    const struct efimap_entry *map;
    struct efi_memory_accept *proto;
    struct efi_sev_accept *sev;
    struct unaccepted_need need;
    unsigned int nr, nr_now, done = 0;
    uint64_t done_pages = 0;

    map = efi_memmap_snapshot(&nr);
    if ( !map || !plan(map, nr, &nr_now, &need) )
        return;
    printk(XENLOG_INFO
           "Unaccepted memory: %lu KiB to track in %u ranges, %lu KiB in "
           "%u spans to accept up front (unaligned edges, ranges below "
           "4 MiB)\n", (unsigned long)(need.nr_units << 11), need.nr_ranges,
           (unsigned long)kib(need.accept_now_pages), need.nr_accept_now);

    if ( efi_call(efi_fw.bs->locate_protocol, efi_pa(&accept_guid), 0,
                  &proto) != EFI_SUCCESS )
        printk("Unaccepted memory: the firmware has no memory-accept "
               "protocol; nothing accepted up front\n");
    else
        for ( unsigned int i = 0; i < nr_now; i++ )
        {
            const struct unaccepted_span *sp = &accept_now[i];
            efi_status_t s = efi_call(proto->accept, proto, sp->start_pa,
                                      sp->nr_pages << EFIMAP_PAGE_SHIFT);
            char buf[32];

            printk(XENLOG_DEBUG " accept up front [%016lx, %016lx): %s\n",
                   (unsigned long)sp->start_pa,
                   (unsigned long)(sp->start_pa +
                                   (sp->nr_pages << EFIMAP_PAGE_SHIFT)),
                   efi_status_str(s, buf, sizeof(buf)));
            if ( s == EFI_SUCCESS )
                done++, done_pages += sp->nr_pages;
        }
    printk(XENLOG_INFO
           "Unaccepted memory: accepted up front through the firmware: %u "
           "of %u spans, %lu KiB\n", done, nr_now,
           (unsigned long)kib(done_pages));

    if ( platform == ACCEPT_NONE )
        printk(XENLOG_INFO
               "Unaccepted memory: no TDX or SEV-SNP, so nothing can "
               "accept memory after ExitBootServices\n");
    else if ( !unaccepted_fits_below(&need,
                                     arch_accept_limit_pa(platform)) )
        printk("Unaccepted memory: %s here accepts only below %#lx and "
               "some ends at %#lx; the firmware accepts it all at "
               "ExitBootServices\n", accept_platform_name(platform),
               (unsigned long)arch_accept_limit_pa(platform),
               (unsigned long)(need.end_pfn << EFIMAP_PAGE_SHIFT));
    else if ( efi_call(efi_fw.bs->locate_protocol, efi_pa(&sev_guid), 0,
                       &sev) == EFI_SUCCESS )
        efi_call(sev->allow_unaccepted, sev);
}

unsigned int accept_setup_after_exit(const struct efimap_entry *map,
                                     unsigned int nr)
{
    enum accept_platform platform = arch_accept_platform();
    struct unaccepted_need need;
    unsigned int nr_now, listed = 0;
    uint64_t left = 0;

    if ( !plan(map, nr, &nr_now, &need) )
        return 0;
    if ( platform != ACCEPT_NONE &&
         !unaccepted_fits_below(&need, arch_accept_limit_pa(platform)) )
    {
        printk("Unaccepted memory: %s here accepts only below %#lx; "
               "what lies above stays out of RAM with the rest\n",
               accept_platform_name(platform),
               (unsigned long)arch_accept_limit_pa(platform));
        platform = ACCEPT_NONE;
    }
    if ( platform != ACCEPT_NONE )
    {
        for ( unsigned int i = 0; i < nr_now; i++ )
            if ( arch_accept_memory(platform, accept_now[i].start_pa,
                                    accept_now[i].nr_pages <<
                                    EFIMAP_PAGE_SHIFT) )
                panic("cannot accept memory the map already counts as RAM");
        printk("Unaccepted memory: %lu KiB tracked in %u ranges, accepted "
               "on first use with %s\n", (unsigned long)(need.nr_units << 11),
               need.nr_ranges, accept_platform_name(platform));
        return EFIMAP_E820_UNACCEPTED_RAM;
    }

    /* Type 15 stays reserved in e820: say what is lost and why. */
    for ( unsigned int i = 0; i < nr; i++ )
        if ( map[i].type == EFIMAP_TYPE_UNACCEPTED )
        {
            left += map[i].nr_pages;
            if ( listed++ < MAX_LISTED )
                printk(XENLOG_INFO
                       " left out of RAM [%016lx, %016lx) unaccepted\n",
                       (unsigned long)map[i].start_pa,
                       (unsigned long)(map[i].start_pa +
                                       (map[i].nr_pages <<
                                        EFIMAP_PAGE_SHIFT)));
        }
    printk("Unaccepted memory: %lu KiB left out of RAM: nothing here can "
           "accept it after ExitBootServices\n", (unsigned long)kib(left));
    accept_table = (struct unaccepted_table){ 0 };
    return 0;
}
