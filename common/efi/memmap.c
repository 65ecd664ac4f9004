/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EFI memory map once boot services are gone: normalized with
 * efimap_normalize() (lib/efi/efimap.c), printed with type names,
 * attributes and page counts, and turned into the e820 map the rest of the
 * hypervisor and dom0 use. On the EFI paths the map, of any size, comes
 * with room for its normalized form (common/efi/mapbuf.c); a loader's
 * tag-17 map (GRUB having exited boot services) is normalized into the
 * static storage here, which bounds it (EFIMAP_MAX entries).
 */
#include <xen/accept.h>
#include <xen/console.h>
#include <xen/efi_boot.h>
#include <xen/efimap.h>
#include <xen/efiopt.h>
#include <xen/string.h>

#define EFIMAP_MAX  4096

static struct efimap_entry efimap_static[EFIMAP_MAX];
static uint8_t efimap_scratch[256 * 1024];
/* The map after ExitBootServices (efi_memmap_setup()). */
static const struct efimap_entry *efimap;
static unsigned int efimap_nr;

const struct efimap_entry *efi_memmap_normalize(const void *map,
                                                size_t map_bytes,
                                                size_t desc_bytes,
                                                void *room, size_t room_bytes,
                                                unsigned int *nr,
                                                struct efimap_report *rep)
{
    unsigned int nr_fw = efimap_count(map_bytes, desc_bytes), max;
    size_t scratch_bytes = efimap_scratch_bytes(nr_fw);
    struct efimap_entry *out = efimap_static;
    void *scratch = efimap_scratch;
    enum efimap_status st;

    if ( room )
    {
        /* Entries first (8-byte aligned), the scratch after them. */
        uint8_t *p = (uint8_t *)ALIGN_UP((uintptr_t)room, 8);
        size_t left = room_bytes - (size_t)(p - (uint8_t *)room);

        if ( p > (uint8_t *)room + room_bytes || left < scratch_bytes )
            left = scratch_bytes = 0;
        max = (left - scratch_bytes) / sizeof(*out);
        out = (struct efimap_entry *)p;
        scratch = p + (size_t)max * sizeof(*out);
    }
    else
    {
        max = EFIMAP_MAX;
        if ( scratch_bytes > sizeof(efimap_scratch) )
            scratch_bytes = 0;
    }
    if ( nr_fw && !scratch_bytes )
    {
        printk("EFI memory map: %u descriptors are too many\n", nr_fw);
        return NULL;
    }
    st = efimap_normalize(map, map_bytes, desc_bytes, EFIMAP_F_SKIP_BAD,
                          out, max, nr, scratch, scratch_bytes, rep);
    if ( st != EFIMAP_OK )
    {
        printk("EFI memory map unusable: %s\n", efimap_strerror(st));
        return NULL;
    }
    return out;
}

bool efi_memmap_setup(struct boot_info *bi, bool mapbs)
{
    struct efiopt opt;
    struct efimap_report rep;
    enum efimap_status st;
    unsigned int nr_fw = efimap_count(bi->efi_map_bytes, bi->efi_desc_bytes);
    unsigned int flags;
    void *room = NULL;
    size_t room_bytes = 0;
    uint64_t total_pages = 0, ram_pages = 0;
    char attr[96];

    /* efi=mapbs on any path (xen.efi also takes /mapbs), Xen's name. */
    efiopt_parse(bi->cmdline, sizeof(bi->cmdline), &opt);
    mapbs = mapbs || opt.mapbs;
    if ( opt.nr_unknown )
        printk("WARNING: %s not understood\n", opt.first_unknown);
    flags = mapbs ? EFIMAP_E820_MAPBS : 0;
    if ( bi->efi_map_store_bytes > bi->efi_map_room_bytes )
    {
        room = (uint8_t *)bi->efi_map + bi->efi_map_room_bytes;
        room_bytes = bi->efi_map_store_bytes - bi->efi_map_room_bytes;
    }
    efimap = efi_memmap_normalize(bi->efi_map, bi->efi_map_bytes,
                                  bi->efi_desc_bytes, room, room_bytes,
                                  &efimap_nr, &rep);
    if ( !efimap )
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
    *nr = efimap_nr;
    return efimap;
}
