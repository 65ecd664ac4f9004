/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sets up the firmware test shim's runtime stubs (shimrt.h): the copy of
 * the stub blob in runtime memory, bsread's page of boot-services data,
 * and a runtime services table moved above 4 GiB. The stubs are
 * armed and put into the runtime services table only at
 * ExitBootServices, by an event notification: the firmware itself calls
 * its runtime services until then, and must not meet a stub.
 *
 * Lines, in this order:
 *
 *   SHIM: runtime services table moved to 0x%016x (above 4 GiB)
 *   SHIM: runtime stubs at 0x%016x (type %u, %u pages): GetTime %s,
 *         variable sizes +%u, capsules %s
 *   SHIM: boot-services data page at 0x%016x for the GetTime stub
 */
#include <xen/crc32.h>
#include <xen/efimap.h>
#include <xen/string.h>

#include "shim.h"
#include "shimrt.h"

#define EVT_SIGNAL_EXIT_BOOT_SERVICES   0x00000201U
#define TPL_NOTIFY                      16
#define FOUR_GIB                        0x100000000ULL

typedef void (EFIAPI *notify_fn)(void *event, void *ctx);
typedef efi_status_t (EFIAPI *create_event_fn)(uint32_t type, uint64_t tpl,
                                               notify_fn fn, void *ctx,
                                               void **event);

static struct efi_system_table *rt_st;
static struct shimrt_data *rt_copy_data;
static uint64_t rt_copy_pa;
static void *rt_event;

/* Where a blob symbol lands in the copy. */
static uint64_t in_copy(const void *sym)
{
    return rt_copy_pa + ((const uint8_t *)sym - shimrt_blob_start);
}

/* UEFI spec 4.2: whoever changes a table fixes its CRC32. */
static void table_crc(struct efi_table_header *h)
{
    h->crc32 = 0;
    h->crc32 = crc32_update(0, h, h->header_size);
}

/*
 * At ExitBootServices (boot services still up, nothing printed): arm the
 * stubs and point the runtime services table at the ones asked for.
 */
static void EFIAPI shimrt_arm(void *event, void *ctx)
{
    struct efi_runtime_services *rt = rt_st->rt;
    struct shimrt_data *d = rt_copy_data;

    d->armed = 1;
    if ( d->gettime != SHIMOPT_GT_NONE )
        rt->get_time = (void *)in_copy((const void *)shimrt_get_time);
    if ( d->var_extra )
    {
        rt->get_variable = (void *)in_copy((const void *)shimrt_get_variable);
        rt->get_next_variable_name =
            (void *)in_copy((const void *)shimrt_get_next_variable_name);
    }
    if ( d->capsule )
    {
        rt->query_capsule_capabilities =
            (void *)in_copy((const void *)shimrt_query_capsule);
        rt->update_capsule =
            (void *)in_copy((const void *)shimrt_update_capsule);
        rt->reset_system = (void *)in_copy((const void *)shimrt_reset_system);
    }
    table_crc(&rt->hdr);
}

/*
 * Pages of a type at the start of a conventional range: above 4 GiB
 * (high), else the highest such range below it. Not from AllocatePages
 * with any address: OVMF hands runtime types out of bins it set aside
 * before the memory attributes table was made, and the table calls the
 * free part of a bin XP; a stub there could not run.
 */
static efi_status_t alloc_free_range(uint32_t type, uint64_t pages,
                                     bool high, uint64_t *pa)
{
    static uint8_t map[64 * 1024] __aligned(8);
    struct efi_boot_services *bs = rt_st->bs;
    uint64_t map_bytes = sizeof(map), key, desc_bytes, best = 0;
    uint32_t desc_version;
    efi_status_t s;

    s = bs->get_memory_map(&map_bytes, map, &key, &desc_bytes,
                           &desc_version);
    if ( s != EFI_SUCCESS || desc_bytes < sizeof(struct efimap_fw_desc) )
        return s != EFI_SUCCESS ? s : EFI_UNSUPPORTED;
    for ( uint64_t off = 0; off + desc_bytes <= map_bytes;
          off += desc_bytes )
    {
        struct efimap_fw_desc d;

        memcpy(&d, map + off, sizeof(d));
        if ( d.type != EFIMAP_TYPE_CONVENTIONAL || d.nr_pages < pages ||
             (d.phys_start >= FOUR_GIB) != high ||
             (!high && d.phys_start + d.nr_pages * 4096 > FOUR_GIB) )
            continue;
        if ( high ? !best || d.phys_start < best : d.phys_start > best )
            best = d.phys_start;
    }
    if ( !best )
        return EFI_NOT_FOUND;
    *pa = best;
    s = bs->allocate_pages(SHIM_ALLOCATE_ADDRESS, type, pages, pa);
    return s == EFI_SUCCESS && *pa != best ? EFI_NOT_FOUND : s;
}

/* rt-table-high=1: the runtime services table, copied above 4 GiB. */
static efi_status_t move_table_high(void)
{
    uint64_t pa;

    if ( alloc_free_range(EFIMAP_TYPE_RS_DATA, 1, true, &pa) != EFI_SUCCESS )
    {
        shim_line("ERR: rt-table-high: no free page above 4 GiB");
        return EFI_OUT_OF_RESOURCES;
    }
    memcpy((void *)(uintptr_t)pa, rt_st->rt, rt_st->rt->hdr.header_size);
    rt_st->rt = (void *)(uintptr_t)pa;
    table_crc(&rt_st->hdr);
    shim_line("runtime services table moved to 0x%016lx (above 4 GiB)",
              (unsigned long)pa);
    return EFI_SUCCESS;
}

/* bsread: one page of boot-services data full of SHIMRT_BS_MAGIC. */
static efi_status_t bs_page(uint64_t *pa)
{
    efi_status_t s = rt_st->bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES,
                                               EFIMAP_TYPE_BS_DATA, 1, pa);

    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: rt-gettime=bsread: no page (status 0x%lx)",
                  (unsigned long)s);
        return s;
    }
    for ( unsigned int i = 0; i < 512; i++ )
        ((uint64_t *)(uintptr_t)*pa)[i] = SHIMRT_BS_MAGIC;
    shim_line("boot-services data page at 0x%016lx for the GetTime stub",
              (unsigned long)*pa);
    return EFI_SUCCESS;
}

/* The blob in pages of runtime code (or data), its data filled in. */
static efi_status_t copy_stubs(const struct shimopt_rt *o, uint32_t type,
                               uint64_t pages)
{
    struct efi_runtime_services *rt = rt_st->rt;
    struct shimrt_data *d;
    efi_status_t s;

    s = alloc_free_range(type, pages, false, &rt_copy_pa);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: runtime stubs: no memory (status 0x%lx)",
                  (unsigned long)s);
        return s;
    }
    memset((void *)(uintptr_t)rt_copy_pa, 0, pages * 4096);
    memcpy((void *)(uintptr_t)rt_copy_pa, shimrt_blob_start,
           shimrt_blob_end - shimrt_blob_start);
    d = (struct shimrt_data *)(uintptr_t)in_copy(&shimrt_data);
    d->gettime = o->gettime;
    d->var_extra = o->var_extra;
    d->capsule = o->capsule;
    d->fw_get_time = (uint64_t)(uintptr_t)rt->get_time;
    d->fw_get_variable = (uint64_t)(uintptr_t)rt->get_variable;
    d->fw_get_next_variable_name =
        (uint64_t)(uintptr_t)rt->get_next_variable_name;
    d->fw_reset_system = (uint64_t)(uintptr_t)rt->reset_system;
    d->fw_update_capsule = (uint64_t)(uintptr_t)rt->update_capsule;
    d->fw_query_capsule = (uint64_t)(uintptr_t)rt->query_capsule_capabilities;
    rt_copy_data = d;
    shim_line("runtime stubs at 0x%016lx (type %u, %lu pages): GetTime %s, "
              "variable sizes +%u, capsules %s", (unsigned long)rt_copy_pa,
              type, (unsigned long)pages,
              shimopt_rt_gettime_name(o->gettime), o->var_extra,
              o->capsule ? "persist" : "firmware");
    return EFI_SUCCESS;
}

/* See shimrt.h. */
efi_status_t shimrt_setup(struct efi_system_table *st,
                          const struct shimopt *o)
{
    const struct shimopt_rt *r = &o->rt;
    uint32_t type = r->stub_data ? EFIMAP_TYPE_RS_DATA : EFIMAP_TYPE_RS_CODE;
    uint64_t pages = (shimrt_blob_end - shimrt_blob_start + 4095) / 4096;
    efi_status_t s;

    rt_st = st;
    if ( r->table_high && (s = move_table_high()) != EFI_SUCCESS )
        return s;
    if ( !shimopt_rt_stubs(r) )
        return EFI_SUCCESS;
    if ( (s = copy_stubs(r, type, pages)) != EFI_SUCCESS )
        return s;
    if ( r->gettime == SHIMOPT_GT_BSREAD &&
         (s = bs_page(&rt_copy_data->bs_pa)) != EFI_SUCCESS )
        return s;
    s = ((create_event_fn)st->bs->create_event)(
        EVT_SIGNAL_EXIT_BOOT_SERVICES, TPL_NOTIFY, shimrt_arm, NULL,
        &rt_event);
    if ( s != EFI_SUCCESS )
        shim_line("ERR: runtime stubs: CreateEvent failed (status 0x%lx)",
                  (unsigned long)s);
    return s;
}
