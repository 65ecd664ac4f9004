/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware test shim's configuration-table work (shimplant.h): the
 * ESRT the load options ask for (shimesrt.c builds its bytes), planted in
 * memory of the chosen type and place, duplicated, left outside the map
 * or freed and reused as asked, and undone; and a repointed ACPI 2.0
 * entry.
 */
#include <xen/crc32.h>
#include <xen/efimap.h>
#include <xen/esrt.h>
#include <xen/string.h>

#include "shim.h"
#include "shimesrt.h"
#include "shimopt.h"
#include "shimplant.h"

static struct efi_system_table *plant_st;
static struct efi_boot_services *plant_bs;
static enum shimopt_esrt_dup plant_dup;
/* The planted ESRT, for undoing it: pages still allocated, or none. */
static bool plant_installed;
static uint64_t plant_pa, plant_pages;

/* Whether a descriptor of the firmware's map holds pa. */
static bool plant_map_holds(uint64_t pa)
{
    uint64_t map_bytes = sizeof(shim_map_buf), key, desc_bytes;
    uint32_t desc_version;

    if ( plant_bs->get_memory_map(&map_bytes, shim_map_buf, &key,
                                 &desc_bytes, &desc_version) != EFI_SUCCESS ||
         desc_bytes < sizeof(struct efimap_fw_desc) )
        return true;
    for ( uint64_t off = 0; off + desc_bytes <= map_bytes; off += desc_bytes )
    {
        struct efimap_fw_desc d;

        memcpy(&d, shim_map_buf + off, sizeof(d));
        if ( d.phys_start <= pa &&
             pa - d.phys_start < d.nr_pages * EFIMAP_PAGE_BYTES )
            return true;
    }
    return false;
}

/* Pages of ESRT type t; conventional memory is loader data until freed. */
static efi_status_t shim_esrt_alloc(uint32_t how, enum shimopt_esrt_type t,
                                    uint64_t pages, uint64_t *pa)
{
    uint32_t type = shimopt_esrt_freed(t) ? EFI_LOADER_DATA
                                          : shimopt_esrt_efi_type(t);
    uint64_t want = *pa;
    efi_status_t s = plant_bs->allocate_pages(how, type, pages, pa);

    if ( s == EFI_SUCCESS && how == SHIM_ALLOCATE_ADDRESS && *pa != want )
    {
        plant_bs->free_pages(*pa, pages);
        s = EFI_NOT_FOUND;
    }
    return s;
}

/*
 * Pages for the table: one allocation, or for straddle-desc the first
 * page of type and the rest of type2 right after it, made by taking a
 * free run of all the pages and handing it back as the two allocations.
 */
static efi_status_t plant_pages_for(const struct shimopt_esrt *e,
                                        uint64_t pages, uint64_t *pa)
{
    uint64_t rest;
    efi_status_t s;

    if ( e->place != SHIMOPT_ESRT_STRADDLE_DESC )
        return shim_esrt_alloc(EFI_ALLOCATE_ANY_PAGES, e->type, pages, pa);
    /*
     * The run is found as loader data, which OVMF keeps in no
     * preallocated bin: a run found as ACPI-reclaim memory, in that
     * type's bin, could not be taken again by address once freed
     * (EFI_NOT_FOUND under OVMF).
     */
    s = shim_esrt_alloc(EFI_ALLOCATE_ANY_PAGES, SHIMOPT_ESRT_LOADERDATA,
                        pages, pa);
    if ( s != EFI_SUCCESS )
        return s;
    plant_bs->free_pages(*pa, pages);
    if ( (s = shim_esrt_alloc(SHIM_ALLOCATE_ADDRESS, e->type, 1,
                              pa)) != EFI_SUCCESS )
        return s;
    rest = *pa + EFIMAP_PAGE_BYTES;
    if ( (s = shim_esrt_alloc(SHIM_ALLOCATE_ADDRESS, e->type2, pages - 1,
                              &rest)) != EFI_SUCCESS )
        plant_bs->free_pages(*pa, 1);
    return s;
}

/* The planted table as lines of include/xen/esrt.h. */
static void shim_esrt_lines(const uint8_t *table, uint32_t nr)
{
    char line[ESRT_LINE_MAX];

    shim_line("%s", esrt_header_line(line, table));
    for ( uint32_t i = 0; i < nr; i++ )
        shim_line("%s", esrt_entry_line(line, i, table +
                                         shimesrt_bytes(i)));
}

/*
 * acpi20=ADDR: the ACPI 2.0 entry names ADDR, anything at all (the
 * hypervisor must bound it, near 2^64 included); ACPI 1.0 stays. The entry
 * is written in place, as buggy firmware would have it: installing it
 * with InstallConfigurationTable signals the firmware's own ACPI readers,
 * and OVMF then faults on the pointer itself.
 */
void shimplant_acpi20(struct efi_system_table *st, uint64_t pa)
{
    static const struct efi_guid guid = EFI_ACPI_20_TABLE_GUID;
    struct efi_config_table *t = st->tables;

    for ( uint64_t i = 0; i < st->nr_tables; i++ )
        if ( !memcmp(&t[i].guid, &guid, sizeof(guid)) )
        {
            t[i].table = pa;
            shim_line("acpi20 pointer 0x%016lx installed", (unsigned long)pa);
            return;
        }
    shim_line("ERR: acpi20: the firmware has no ACPI 2.0 entry");
}

/* esrt-corrupt=outside-map: only the configuration-table pointer. */
static efi_status_t shim_esrt_outside(void)
{
    static const struct efi_guid guid = SHIM_ESRT_GUID;
    shim_install_config_table_fn install =
        (shim_install_config_table_fn)plant_bs->install_configuration_table;
    efi_status_t s;

    if ( plant_map_holds(SHIMESRT_OUTSIDE_PA) )
    {
        shim_line("ERR: esrt: 0x%016lx is inside the memory map",
                  (unsigned long)SHIMESRT_OUTSIDE_PA);
        return EFI_UNSUPPORTED;
    }
    s = install(&guid, (void *)(uintptr_t)SHIMESRT_OUTSIDE_PA);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: esrt: InstallConfigurationTable failed (status "
                  "0x%lx)", (unsigned long)s);
        return s;
    }
    plant_installed = true;
    shim_line("esrt pointer 0x%016lx outside the memory map installed",
              (unsigned long)SHIMESRT_OUTSIDE_PA);
    return EFI_SUCCESS;
}

/* The index of the first entry with guid below limit, or limit. */
static uint64_t shim_entry_below(const struct efi_guid *guid, uint64_t limit)
{
    for ( uint64_t i = 0; i < limit && i < plant_st->nr_tables; i++ )
        if ( !memcmp(&plant_st->tables[i].guid, guid, sizeof(*guid)) )
            return i;
    return limit;
}

/*
 * esrt-dup=before|after: a second entry with the ESRT GUID naming a copy
 * of the planted table whose FwResourceVersion is 3 (unknown), written in
 * place over an entry nothing reads after DXE, ahead of the planted one.
 * "before": the bad copy is that earlier entry. "after": the planted
 * table moves to the earlier entry and the bad copy takes its place, last.
 * InstallConfigurationTable cannot make a duplicate; buggy firmware can.
 */
static void shim_esrt_dup(const uint8_t *table, size_t bytes)
{
    static const struct efi_guid esrt = SHIM_ESRT_GUID;
    static const struct efi_guid spare[] = { SHIM_DEBUG_IMAGE_INFO_GUID,
                                             SHIM_MEMORY_TYPE_INFO_GUID };
    struct efi_config_table *t = plant_st->tables;
    uint64_t good = shim_entry_below(&esrt, plant_st->nr_tables), slot = good;
    uint64_t pages = (bytes + EFIMAP_PAGE_BYTES - 1) / EFIMAP_PAGE_BYTES;
    uint64_t pa = 0;
    uint8_t *bad;

    for ( unsigned int i = 0; i < 2 && slot == good; i++ )
        slot = shim_entry_below(&spare[i], good);
    if ( good == plant_st->nr_tables || slot == good )
    {
        shim_line("ERR: esrt-dup: no spare entry before the ESRT's");
        return;
    }
    if ( plant_bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFIMAP_TYPE_BS_DATA,
                                 pages, &pa) != EFI_SUCCESS )
    {
        shim_line("ERR: esrt-dup: cannot allocate the copy");
        return;
    }
    bad = (uint8_t *)(uintptr_t)pa;
    memcpy(bad, table, bytes);
    bad[8] = 3;                         /* FwResourceVersion: unknown */
    t[slot].guid = esrt;
    if ( plant_dup == SHIMOPT_ESRT_DUP_BEFORE )
        t[slot].table = pa;
    else
    {
        t[slot].table = t[good].table;
        t[good].table = pa;
    }
    shim_line("esrt duplicate (version 3) at 0x%016lx: entry %lu, the "
              "planted table entry %lu", (unsigned long)pa,
              (unsigned long)(plant_dup == SHIMOPT_ESRT_DUP_BEFORE
                              ? slot : good),
              (unsigned long)(plant_dup == SHIMOPT_ESRT_DUP_BEFORE
                              ? good : slot));
}

/*
 * esrt-type=reused: takes the freed pages again as loader data, writes
 * 0xaf over them and frees them, as a loader placing an image there
 * would, so whoever reads the table afterwards finds it gone.
 */
static void shim_esrt_reuse(uint64_t pa, uint64_t pages)
{
    uint64_t at = pa;

    if ( plant_bs->allocate_pages(SHIM_ALLOCATE_ADDRESS, EFI_LOADER_DATA,
                                 pages, &at) != EFI_SUCCESS || at != pa )
    {
        shim_line("ERR: esrt pages at 0x%016lx cannot be taken again",
                  (unsigned long)pa);
        return;
    }
    memset((void *)(uintptr_t)pa, 0xaf, pages * EFIMAP_PAGE_BYTES);
    plant_bs->free_pages(pa, pages);
    shim_line("esrt pages reused: 0x%016lx, %lu pages written over with "
              "0xaf", (unsigned long)pa, (unsigned long)pages);
}

/*
 * esrt=N: lays out the table the options ask for in pages of the chosen
 * type and place, and installs it under the ESRT GUID (replacing any the
 * firmware had). Conventional pages are freed once the lines are out.
 */
efi_status_t shimplant_esrt(struct efi_system_table *st,
                            const struct shimopt_esrt *e)
{
    static const struct efi_guid guid = SHIM_ESRT_GUID;
    shim_install_config_table_fn install;
    size_t bytes = shimesrt_bytes(e->count), off = shimesrt_offset(e);
    uint64_t pages = (off + bytes + EFIMAP_PAGE_BYTES - 1) /
                     EFIMAP_PAGE_BYTES, pa = 0;
    uint8_t *table;
    efi_status_t s;

    plant_st = st;
    plant_bs = st->bs;
    plant_dup = e->dup;
    install = (shim_install_config_table_fn)
              plant_bs->install_configuration_table;
    if ( !e->count )
        return EFI_SUCCESS;
    for ( uint64_t i = 0; i < plant_st->nr_tables; i++ )
        if ( !memcmp(&plant_st->tables[i].guid, &guid, sizeof(guid)) )
            shim_line("esrt replaces the firmware's table at 0x%016lx",
                      (unsigned long)plant_st->tables[i].table);
    if ( e->corrupt == SHIMOPT_ESRT_OUTSIDE_MAP )
        return shim_esrt_outside();

    if ( (s = plant_pages_for(e, pages, &pa)) != EFI_SUCCESS )
    {
        shim_line("ERR: esrt: cannot allocate %lu pages (status 0x%lx)",
                  (unsigned long)pages, (unsigned long)s);
        return s;
    }
    table = (uint8_t *)(uintptr_t)pa + off;
    shimesrt_build(table, e);
    if ( (s = install(&guid, table)) != EFI_SUCCESS )
    {
        shim_line("ERR: esrt: InstallConfigurationTable failed (status "
                  "0x%lx)", (unsigned long)s);
        plant_bs->free_pages(pa, pages);
        return s;
    }
    plant_installed = true;
    plant_pa = pa;
    plant_pages = pages;

    shim_line("esrt planted at 0x%016lx type %u bytes %u crc32 %08x",
              (unsigned long)(pa + off), shimopt_esrt_efi_type(e->type),
              (unsigned int)bytes, crc32_update(0, table, bytes));
    if ( e->place == SHIMOPT_ESRT_STRADDLE_DESC )
        shim_line("esrt straddles into type %u at 0x%016lx",
                  shimopt_esrt_efi_type(e->type2),
                  (unsigned long)(pa + EFIMAP_PAGE_BYTES));
    shim_esrt_lines(table, e->count);
    if ( e->dup != SHIMOPT_ESRT_DUP_NONE )
        shim_esrt_dup(table, bytes);

    if ( shimopt_esrt_freed(e->type) ||
         (e->place == SHIMOPT_ESRT_STRADDLE_DESC &&
          shimopt_esrt_freed(e->type2)) )
    {
        bool all = e->place != SHIMOPT_ESRT_STRADDLE_DESC;
        bool first = all || shimopt_esrt_freed(e->type);
        bool rest = all || shimopt_esrt_freed(e->type2);
        uint64_t fpa = first ? pa : pa + EFIMAP_PAGE_BYTES;
        uint64_t fpages = first && rest ? pages : first ? 1 : pages - 1;

        plant_bs->free_pages(fpa, fpages);
        /* What is left for undoing: the other part, or nothing. */
        plant_pages = first && rest ? 0 : first ? pages - 1 : 1;
        plant_pa = first && !rest ? pa + EFIMAP_PAGE_BYTES : pa;
        shim_line("esrt pages freed: conventional memory");
        if ( e->type == SHIMOPT_ESRT_REUSED ||
             (!all && e->type2 == SHIMOPT_ESRT_REUSED) )
            shim_esrt_reuse(fpa, fpages);
    }
    return EFI_SUCCESS;
}

/* See shimplant.h. */
void shimplant_esrt_undo(void)
{
    static const struct efi_guid guid = SHIM_ESRT_GUID;
    shim_install_config_table_fn install;

    if ( !plant_installed )
        return;
    install = (shim_install_config_table_fn)
              plant_bs->install_configuration_table;
    install(&guid, NULL);
    if ( plant_pages )
        plant_bs->free_pages(plant_pa, plant_pages);
    plant_installed = false;
}
