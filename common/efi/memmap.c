/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EFI memory map once boot services are gone: normalised with
 * efimap_normalize() (common/efimap.c), printed with type names,
 * attributes and page counts, and turned into the e820 map the rest of the
 * hypervisor and dom0 use.
 */
#include <xen/accept.h>
#include <xen/console.h>
#include <xen/efi_boot.h>
#include <xen/efimap.h>
#include <xen/efiopt.h>
#include <xen/string.h>

#define EFIMAP_MAX  4096

static struct efimap_entry efimap[EFIMAP_MAX];
static unsigned int efimap_nr;
/* The map after ExitBootServices is in efimap[] (efi_memmap_setup()). */
static bool efimap_final;
static uint8_t efimap_scratch[256 * 1024];

const struct efimap_entry *efi_memmap_normalise(const void *map,
                                                size_t map_bytes,
                                                size_t desc_bytes,
                                                unsigned int *nr,
                                                struct efimap_report *rep)
{
    unsigned int nr_fw = efimap_count(map_bytes, desc_bytes);
    enum efimap_status st;

    if ( efimap_scratch_bytes(nr_fw) > sizeof(efimap_scratch) )
    {
        printk("EFI memory map: %u descriptors are too many\n", nr_fw);
        return NULL;
    }
    st = efimap_normalize(map, map_bytes, desc_bytes, EFIMAP_F_SKIP_BAD,
                          efimap, EFIMAP_MAX, &efimap_nr, efimap_scratch,
                          sizeof(efimap_scratch), rep);
    if ( st != EFIMAP_OK )
    {
        printk("EFI memory map unusable: %s\n", efimap_strerror(st));
        return NULL;
    }
    *nr = efimap_nr;
    return efimap;
}

bool efi_memmap_setup(struct boot_info *bi, bool mapbs)
{
    struct efiopt opt;
    struct efimap_report rep;
    enum efimap_status st;
    unsigned int nr_fw = efimap_count(bi->efi_map_bytes, bi->efi_desc_bytes);
    unsigned int flags, nr;
    uint64_t total_pages = 0, ram_pages = 0;
    char attr[96];

    /* efi=mapbs on any path (xen.efi also takes /mapbs), Xen's name. */
    efiopt_parse(bi->cmdline, sizeof(bi->cmdline), &opt);
    mapbs = mapbs || opt.mapbs;
    if ( opt.nr_unknown )
        printk("WARNING: %s not understood\n", opt.first_unknown);
    flags = mapbs ? EFIMAP_E820_MAPBS : 0;
    if ( !efi_memmap_normalise(bi->efi_map, bi->efi_map_bytes,
                               bi->efi_desc_bytes, &nr, &rep) )
        return false;
    if ( rep.nr_skipped )
        printk("EFI memory map: dropped %u bad descriptors, first #%u: %s\n",
               rep.nr_skipped, rep.bad_index, efimap_strerror(rep.bad));
    if ( rep.nr_overlaps )
        printk("EFI memory map: %u overlapping descriptors; #%u kept over "
               "#%u (%s)\n", rep.nr_overlaps, rep.overlap_winner,
               rep.overlap_loser, efimap_overlap_name(rep.overlap));

    printk(XENLOG_DEBUG
           "EFI memory map (%u descriptors of %u bytes, %u after merging):\n",
           nr_fw, bi->efi_desc_bytes, efimap_nr);
    for ( unsigned int i = 0; i < efimap_nr; i++ )
    {
        const struct efimap_entry *e = &efimap[i];

        efimap_attr_string(e->attr, attr, sizeof(attr));
        printk(XENLOG_DEBUG " [%016lx, %016lx) %-14s %8lu pages %s\n",
               (unsigned long)e->start_pa,
               (unsigned long)(e->start_pa + (e->nr_pages << 12)),
               efimap_type_name(e->type), (unsigned long)e->nr_pages, attr);
        total_pages += e->nr_pages;
    }
    flags |= accept_setup_after_exit(efimap, efimap_nr);
    for ( unsigned int i = 0; i < efimap_nr; i++ )
        if ( efimap_e820_type(efimap[i].type, efimap[i].attr, flags) ==
             E820_RAM )
            ram_pages += efimap[i].nr_pages;
    printk(XENLOG_INFO
           "EFI memory totals: %lu pages described, %lu pages usable as RAM "
           "(%lu KiB)\n", (unsigned long)total_pages,
           (unsigned long)ram_pages, (unsigned long)(ram_pages << 2));

    efimap_final = true;
    st = efimap_to_e820(efimap, efimap_nr, flags, bi->e820, E820_MAX,
                        &bi->nr_e820);
    if ( st != EFIMAP_OK )
    {
        printk("EFI memory map: no e820 form: %s\n", efimap_strerror(st));
        return false;
    }
    return true;
}

/* See xen/efi_boot.h. */
const struct efimap_entry *efi_memmap_get(unsigned int *nr)
{
    if ( !efimap_final )
        return NULL;
    *nr = efimap_nr;
    return efimap;
}
