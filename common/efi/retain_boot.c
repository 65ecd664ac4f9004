/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Table retention on both EFI paths, the shell around the pure registry
 * (lib/efi/retain.c): before ExitBootServices each registered
 * configuration table is judged against the current memory map; a valid
 * table in memory the OS may reuse is copied into new EfiACPIReclaimMemory
 * and its configuration-table entry re-pointed at the copy, a valid table
 * in runtime or ACPI memory stays, and an invalid one is removed from the
 * configuration table so that dom0 never sees it. After ExitBootServices
 * the kept tables are read back through the direct map and compared with
 * what was judged.
 */
#include <xen/arch.h>
#include <xen/cfgtable.h>
#include <xen/console.h>
#include <xen/crc32.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <xen/efimap.h>
#include <xen/efiopt.h>
#include <xen/esrt.h>
#include <xen/mm.h>
#include <xen/retain.h>
#include <xen/string.h>

/* Copies stay inside the boot direct map, like the modules. */
#define RETAIN_COPY_MAX_PA      0xffffffffULL

/* The ESRT is the table a dom0 tool prints entry by entry. */
#define RETAIN_KIND_ESRT        0

/* Everything a table may not overlap: the image, the MBI, the modules. */
static unsigned int exclusions(const struct boot_info *bi,
                               struct retain_range *r)
{
    unsigned int n = 0;

    r[n].start_pa = bi->load_base_pa;
    r[n++].end_pa = bi->load_base_pa + (uint64_t)(_end - _start);
    if ( bi->mbi_bytes )
    {
        r[n].start_pa = bi->mbi_pa;
        r[n++].end_pa = bi->mbi_pa + bi->mbi_bytes;
    }
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
    {
        r[n].start_pa = bi->modules[i].start_pa;
        r[n++].end_pa = bi->modules[i].start_pa + bi->modules[i].size_bytes;
    }
    return n;
}

/* The configuration-table entry for guid, or NULL. */
static struct efi_config_table *find_entry(const uint8_t *guid)
{
    uint64_t i = 0;

    return cfgtable_next(efi_fw.st->tables, efi_fw.st->nr_tables, guid, &i)
           ? &efi_fw.st->tables[i] : NULL;
}

/*
 * Copies a judged table into new ACPI reclaim pages and re-points its
 * configuration-table entry there. A table in conventional memory is
 * first claimed where it is, so the allocation of its copy cannot be
 * handed its own pages. Returns the copy's address, 0 on failure (with
 * the table left as it was).
 */
static paddr_t relocate(struct boot_retained *r, uint32_t fw_type)
{
    uint64_t pages = (r->bytes + EFI_PAGE_SIZE - 1) >> 12;
    uint64_t claim_pa = r->fw_pa & ~(uint64_t)(EFI_PAGE_SIZE - 1);
    uint64_t claim_pages = (r->fw_pa + r->bytes - claim_pa + EFI_PAGE_SIZE - 1)
                           >> 12;
    uint64_t copy_pa = RETAIN_COPY_MAX_PA;
    struct efi_config_table *e;
    efi_status_t s;
    char st[32];

    if ( fw_type == EFIMAP_TYPE_CONVENTIONAL &&
         (s = efi_call(efi_fw.bs->allocate_pages, EFI_ALLOCATE_ADDRESS,
                       EFI_LOADER_DATA, claim_pages, &claim_pa)) )
    {
        printk("WARNING: cannot claim the pages of the %s at %#lx (%s)\n",
               retain_kinds[r->kind].name, (unsigned long)r->fw_pa,
               efi_status_str(s, st, sizeof(st)));
        return 0;
    }
    s = efi_call(efi_fw.bs->allocate_pages, EFI_ALLOCATE_MAX_ADDRESS,
                 EFI_ACPI_RECLAIM_MEMORY, pages, &copy_pa);
    if ( s == EFI_SUCCESS )
    {
        memcpy((void *)(uintptr_t)copy_pa, (const void *)(uintptr_t)r->fw_pa,
               r->bytes);
        memset((uint8_t *)(uintptr_t)copy_pa + r->bytes, 0,
               (pages << 12) - r->bytes);
        s = efi_call(efi_fw.bs->install_configuration_table, efi_pa(r->guid),
                     copy_pa);
        e = find_entry(r->guid);
        if ( s == EFI_SUCCESS && (!e || e->table != copy_pa) )
            s = EFI_NOT_FOUND;
        if ( s != EFI_SUCCESS )
            efi_call(efi_fw.bs->free_pages, copy_pa, pages);
    }
    if ( fw_type == EFIMAP_TYPE_CONVENTIONAL )
        efi_call(efi_fw.bs->free_pages, claim_pa, claim_pages);
    if ( s != EFI_SUCCESS )
    {
        printk("WARNING: cannot relocate the %s at %#lx (%s)\n",
               retain_kinds[r->kind].name, (unsigned long)r->fw_pa,
               efi_status_str(s, st, sizeof(st)));
        return 0;
    }
    return copy_pa;
}

/* Takes a refused table out of the configuration table. */
static void remove_entry(const struct boot_retained *r)
{
    efi_status_t s;
    char st[32];

    s = efi_call(efi_fw.bs->install_configuration_table, efi_pa(r->guid), 0);
    if ( s != EFI_SUCCESS || find_entry(r->guid) )
        printk("WARNING: cannot remove the refused %s from the "
               "configuration table (%s)\n", retain_kinds[r->kind].name,
               efi_status_str(s, st, sizeof(st)));
}

static void print_decision(const struct boot_retained *r)
{
    const struct retain_kind *k = &retain_kinds[r->kind];

    if ( r->action == RETAIN_REFUSE && r->why == RETAIN_ERR_REUSED )
        printk("Retain %s: refused at %#lx: it lies in %s (type %u), "
               "reused since the firmware put it there: its contents are "
               "gone\n", k->name, (unsigned long)r->fw_pa,
               efimap_type_name(r->fw_type), r->fw_type);
    else if ( r->action == RETAIN_REFUSE )
        printk("Retain %s: refused at %#lx: %s\n", k->name,
               (unsigned long)r->fw_pa, r->why == RETAIN_OK ?
               "valid, but the copy failed" : retain_strerror(r->why));
    else if ( r->action == RETAIN_KEEP )
        printk(XENLOG_INFO
               "Retain %s: kept in place at %#lx (%s, %lu bytes, crc32 "
               "%08x)\n", k->name, (unsigned long)r->pa,
               efimap_type_name(r->fw_type), (unsigned long)r->bytes,
               r->crc32);
    else
        printk(XENLOG_INFO "Retain %s: relocated from %#lx (%s) to %#lx "
               "(ACPIReclaim, %lu bytes, crc32 %08x)\n", k->name,
               (unsigned long)r->fw_pa, efimap_type_name(r->fw_type),
               (unsigned long)r->pa, (unsigned long)r->bytes, r->crc32);
}

/*
 * Takes every entry with guid out of the configuration table (nr of them):
 * InstallConfigurationTable acts on the first entry with a GUID only, so
 * with duplicates it would re-point or remove another entry than the one
 * judged. False when one is left.
 */
static bool drop_all(const uint8_t *guid, unsigned int nr)
{
    for ( unsigned int i = 0; i < nr && find_entry(guid); i++ )
        efi_call(efi_fw.bs->install_configuration_table, efi_pa(guid), 0);
    return !find_entry(guid);
}

/* Puts a table kept in place back as the one entry of its GUID. */
static bool reinstall(const struct boot_retained *r)
{
    struct efi_config_table *e;

    if ( efi_call(efi_fw.bs->install_configuration_table, efi_pa(r->guid),
                  r->fw_pa) != EFI_SUCCESS )
        return false;
    e = find_entry(r->guid);
    return e && e->table == r->fw_pa;
}

/*
 * Judges and acts on one registered table; fills *r. dropped: its entries
 * were all taken out first (duplicates), so a kept table goes back in and
 * a refused one needs no removal.
 */
static void retain_one(struct boot_info *bi, const struct efi_config_table *t,
                       const struct retain_kind *k, struct boot_retained *r,
                       bool dropped)
{
    struct retain_range excl[BOOT_MAX_MODULES + 2];
    const struct efimap_entry *map;
    struct retain_decision d;
    unsigned int nr;

    memset(r, 0, sizeof(*r));
    memcpy(r->guid, &t->guid, 16);
    r->kind = k - retain_kinds;
    r->fw_pa = t->table;
    map = efi_memmap_snapshot(&nr);
    if ( !map )
    {
        d.action = RETAIN_REFUSE;
        d.why = RETAIN_ERR_NOT_IN_MAP;
        d.mem_type = 0;
        d.bytes = 0;
    }
    else
        retain_judge(k, t->table, (const void *)(uintptr_t)t->table, map, nr,
                     excl, exclusions(bi, excl), &d);
    r->action = d.action;
    r->why = d.why;
    r->fw_type = d.mem_type;
    r->bytes = d.bytes;
    if ( d.action != RETAIN_REFUSE )
        r->crc32 = crc32_update(0, (const void *)(uintptr_t)t->table,
                                d.bytes);
    if ( d.action == RETAIN_KEEP && (!dropped || reinstall(r)) )
        r->pa = r->fw_pa;
    else if ( d.action == RETAIN_KEEP ||
              (d.action == RETAIN_RELOCATE &&
               !(r->pa = relocate(r, d.mem_type))) )
    {
        /* A table we cannot move (or put back) would vanish or lie. */
        r->action = RETAIN_REFUSE;
        r->why = RETAIN_OK;
    }
    if ( r->action == RETAIN_REFUSE && !dropped )
        remove_entry(r);
}

/*
 * One WARNING line for an ESRT kept with a nil or repeated FwClass: the
 * table stays (as Linux and Xen keep it) and dom0 sees every entry.
 */
static void warn_esrt_classes(const struct boot_retained *r)
{
    struct retain_esrt_classes c;

    retain_esrt_classes((const void *)(uintptr_t)r->pa, r->bytes, &c);
    if ( c.first == UINT32_MAX )
        return;
    if ( c.nr_nil + c.nr_repeated == 1 && c.nr_nil )
        printk("WARNING: ESRT: entry %u has the nil FwClass; kept, as "
               "Linux and Xen keep it\n", c.first);
    else if ( c.nr_nil + c.nr_repeated == 1 )
        printk("WARNING: ESRT: entry %u repeats the FwClass of entry %u; "
               "kept, as Linux and Xen keep it\n", c.first, c.same_as);
    else
        printk("WARNING: ESRT: %u entries with the nil FwClass and %u "
               "repeating another's, the first entry %u; kept, as Linux "
               "and Xen keep it\n", c.nr_nil, c.nr_repeated, c.first);
}

void efi_retain_tables(struct boot_info *bi)
{
    struct efiopt opt;
    const struct efi_config_table *t = efi_fw.st->tables;
    uint64_t n = efi_fw.st->nr_tables;

    efiopt_parse(bi->cmdline, sizeof(bi->cmdline), &opt);
    if ( !opt.retain )
    {
        printk("Table retention off (efi=no-retain)\n");
        return;
    }
    /* Walk a snapshot of the entries: acting on one may reorder them. */
    for ( unsigned int k = 0; k < retain_nr_kinds; k++ )
    {
        const struct retain_kind *kind = &retain_kinds[k];
        const struct efi_config_table *e = NULL;
        struct efi_config_table last;
        unsigned int nr = 0;
        bool dropped = false;

        if ( !efiopt_retains(&opt, k) )
            continue;
        /*
         * The last entry of the kind: the one Linux uses, as its walk of
         * the table lets each match overwrite the one before.
         */
        for ( uint64_t i = 0; cfgtable_next(t, n, &kind->guid, &i); i++ )
        {
            e = &t[i];
            nr++;
        }
        if ( !e || bi->nr_retained == BOOT_MAX_RETAINED )
            continue;
        last = *e;
        if ( nr > 1 )
        {
            /* One entry is left: the last, judged as the only one. */
            dropped = drop_all((const uint8_t *)&kind->guid, nr);
            printk("WARNING: %u configuration-table entries share the %s "
                   "GUID; the last is judged, %s\n", nr, kind->name,
                   dropped ? "the others dropped"
                           : "the others could not be dropped");
        }
        retain_one(bi, &last, kind, &bi->retained[bi->nr_retained],
                   dropped);
        print_decision(&bi->retained[bi->nr_retained]);
        if ( k == RETAIN_KIND_ESRT &&
             bi->retained[bi->nr_retained].action != RETAIN_REFUSE )
            warn_esrt_classes(&bi->retained[bi->nr_retained]);
        bi->nr_retained++;
        /* The array may have moved or shrunk. */
        t = efi_fw.st->tables;
        n = efi_fw.st->nr_tables;
    }
}

/* Prints the header and every entry of an ESRT at p (bytes long). */
static void dump_esrt(const uint8_t *p, uint64_t bytes)
{
    char line[ESRT_LINE_MAX];

    printk(XENLOG_INFO "%s\n", esrt_header_line(line, p));
    for ( uint64_t off = 16, i = 0; off + 40 <= bytes; off += 40, i++ )
        printk(XENLOG_INFO "%s\n", esrt_entry_line(line, i, p + off));
}

void efi_retained_report(const struct boot_info *bi)
{
    for ( unsigned int i = 0; i < bi->nr_retained; i++ )
    {
        const struct boot_retained *r = &bi->retained[i];
        const struct retain_kind *k = &retain_kinds[r->kind];
        const uint8_t *p;
        uint32_t crc;

        if ( r->action == RETAIN_REFUSE )
            continue;
        if ( !arch_boot_directmap_covers(r->pa, r->bytes) )
        {
            printk("Retained %s at %#lx: above the boot direct map, not "
                   "read back\n", k->name, (unsigned long)r->pa);
            continue;
        }
        p = maddr_to_virt(r->pa);
        crc = crc32_update(0, p, r->bytes);
        printk("Retained %s at %#lx after ExitBootServices: %lu bytes, "
               "crc32 %08x, %s\n", k->name, (unsigned long)r->pa,
               (unsigned long)r->bytes, crc,
               crc == r->crc32 ? "intact" : "CHANGED");
        if ( r->kind == RETAIN_KIND_ESRT && crc == r->crc32 )
            dump_esrt(p, r->bytes);
    }
}
