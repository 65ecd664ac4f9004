/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The frame allocator's shell and the direct map. The pool itself is the
 * pure lib/mm/frame.c; this file decides what goes in, what stays out, and
 * touches memory (scrubbing, page tables).
 */
#include <xen/accept.h>
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/efi_rs.h>
#include <xen/efimap_hv.h>
#include <xen/mm.h>
#include <xen/string.h>
#include <asm/bootmap.h>
#include <asm/config.h>
#include <asm/io.h>

#define LOW_RESERVED_BYTES  MB(1)
#define DMAP_MAX_BYTES      GB(512)     /* one L3 of the direct map */
#define PTE_TABLE   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)
#define PTE_DMAP_2M (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | \
                     _PAGE_DIRTY | _PAGE_PSE | _PAGE_NX)

struct frame_pool frame_pool;
static struct frame_range free_ranges[4096];
static uint64_t dmap_end_pa = BOOT_DIRECTMAP_BYTES;

/* What reserve() kept out of the pool, low 1 MiB aside: see arch_mm_owned(). */
#define MM_OWNED_MAX    256
static struct efimap_hv_range owned[MM_OWNED_MAX];
static unsigned int nr_owned;

/* Records [start, start + bytes) as hypervisor-owned, merging neighbours. */
static void note_owned(paddr_t start, uint64_t bytes)
{
    struct efimap_hv_range *last = nr_owned ? &owned[nr_owned - 1] : NULL;

    if ( last && start <= last->end && start + bytes >= last->start )
    {
        last->start = MIN(last->start, start);
        last->end = MAX(last->end, start + bytes);
        return;
    }
    if ( nr_owned == MM_OWNED_MAX )
    {
        printk("WARNING: more than %u hypervisor-owned ranges; dom0's EFI "
               "map may show some as RAM\n", MM_OWNED_MAX);
        return;
    }
    owned[nr_owned++] = (struct efimap_hv_range){ start, start + bytes };
}

const struct efimap_hv_range *arch_mm_owned(unsigned int *nr)
{
    *nr = nr_owned;
    return owned;
}

/* ctx: the platform, detected once in mm_init. */
static int accept_unit(void *ctx, paddr_t pa, uint64_t bytes)
{
    return arch_accept_memory(*(const enum accept_platform *)ctx, pa, bytes);
}

static void reserve(const char *what, paddr_t start, uint64_t bytes)
{
    enum frame_status st;

    if ( !bytes )
        return;
    st = frame_pool_reserve(&frame_pool, start, start + bytes);
    if ( st != FRAME_OK )
        panic("cannot reserve %s [%#lx, %#lx): %s", what,
              (unsigned long)start, (unsigned long)(start + bytes),
              frame_strerror(st));
    if ( start >= LOW_RESERVED_BYTES )
        note_owned(start, bytes);
}

paddr_t alloc_frames(unsigned int order, paddr_t max_pa)
{
    paddr_t pa;

    if ( max_pa == 0 || max_pa > dmap_end_pa )
        max_pa = dmap_end_pa;
    if ( frame_alloc(&frame_pool, order, max_pa, &pa) != FRAME_OK )
        return 0;
    return pa;
}

paddr_t alloc_frames_scrubbed(unsigned int order, paddr_t max_pa)
{
    paddr_t pa = alloc_frames(order, max_pa);

    if ( pa )
        memscrub(__va(pa), PAGE_SIZE << order);
    return pa;
}

void free_frames(paddr_t pa, unsigned int order)
{
    enum frame_status st = frame_free(&frame_pool, pa, order);

    if ( st != FRAME_OK )
        panic("free_frames(%#lx, %u): %s", (unsigned long)pa, order,
              frame_strerror(st));
}

/* Maps [start, end) of RAM in the direct map with 2 MiB pages. */
static unsigned int dmap_extend(paddr_t start, paddr_t end)
{
    unsigned int new_tables = 0;

    for ( paddr_t pa = ALIGN_DOWN(start, MB(2)); pa < end; pa += MB(2) )
    {
        unsigned int i3 = pa >> L3_PAGETABLE_SHIFT;
        uint64_t *l2;

        if ( !(l3_dmap[i3] & _PAGE_PRESENT) )
        {
            /* Below the part already mapped, so reachable right now. */
            paddr_t t = alloc_frames_scrubbed(0, BOOT_DIRECTMAP_BYTES);

            if ( !t )
                panic("no memory for the direct map");
            l3_dmap[i3] = t | PTE_TABLE;
            new_tables++;
        }
        l2 = __va(l3_dmap[i3] & PTE_ADDR_MASK);
        l2[l2_table_offset(pa)] = pa | PTE_DMAP_2M;
    }
    return new_tables;
}

bool mm_directmap_covers(paddr_t pa, uint64_t bytes)
{
    return pa <= dmap_end_pa && bytes <= dmap_end_pa - pa;
}

void mm_init(const struct boot_info *bi, const struct e820entry *map,
             unsigned int nr)
{
    static enum accept_platform platform;
    unsigned int new_tables = 0;
    uint64_t top = 0;
    enum frame_status st;

    /*
     * The firmware's boot-time page tables lie in boot-services memory,
     * which becomes RAM here: drop every pointer to them first. Runtime
     * calls use the runtime L4 built below, never the firmware's tables.
     */
    if ( bi->entry != BOOT_ENTRY_MB2_BIOS )
        efi_bridge_retire();
    platform = arch_accept_platform();
    frame_pool_init(&frame_pool, free_ranges, ARRAY_SIZE(free_ranges),
                    accept_table.nr_ranges ? &accept_table : NULL,
                    accept_unit, &platform);
    for ( unsigned int i = 0; i < nr; i++ )
        if ( map[i].type == E820_RAM )
        {
            st = frame_pool_add(&frame_pool, map[i].addr,
                                map[i].addr + map[i].size);
            if ( st != FRAME_OK )
                panic("frame pool: %s", frame_strerror(st));
            top = MAX(top, map[i].addr + map[i].size);
        }

    reserve("low memory", 0, LOW_RESERVED_BYTES);
    reserve("hypervisor image", bi->load_base_pa, _end - _start);
    reserve("multiboot2 information", bi->mbi_pa, bi->mbi_bytes);
    /* Read for the rest of the hypervisor's life (dom0 asks for it). */
    reserve("EFI memory map", bi->efi_map_store_pa,
            ALIGN_UP(bi->efi_map_store_bytes, PAGE_SIZE));
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        reserve("module", bi->modules[i].start_pa,
                ALIGN_UP(bi->modules[i].size_bytes, PAGE_SIZE));
    /* Retained tables sit in non-RAM types already; this makes it certain. */
    for ( unsigned int i = 0; i < bi->nr_retained; i++ )
        if ( bi->retained[i].pa )
            reserve("retained firmware table", bi->retained[i].pa,
                    bi->retained[i].bytes);

    if ( top > DMAP_MAX_BYTES )
    {
        printk("Direct map: RAM above 512 GiB is not used yet\n");
        reserve("RAM above 512 GiB", DMAP_MAX_BYTES, top - DMAP_MAX_BYTES);
        top = DMAP_MAX_BYTES;
    }
    for ( unsigned int i = 0; i < nr; i++ )
        if ( map[i].type == E820_RAM && map[i].addr + map[i].size >
             BOOT_DIRECTMAP_BYTES && map[i].addr < DMAP_MAX_BYTES )
            new_tables += dmap_extend(MAX(map[i].addr, BOOT_DIRECTMAP_BYTES),
                                      MIN(map[i].addr + map[i].size,
                                          DMAP_MAX_BYTES));
    dmap_end_pa = MAX(top, (uint64_t)BOOT_DIRECTMAP_BYTES);
    write_cr3(read_cr3());

    printk(XENLOG_INFO
           "Frame allocator: %lu KiB free in %u ranges (reserved: low 1 "
           "MiB, image, %u modules%s)\n",
           (unsigned long)(frame_pool.free_bytes >> 10), frame_pool.nr_free,
           bi->nr_modules, bi->mbi_bytes ? ", MBI" : "");
    printk(XENLOG_INFO
           "Direct map: RAM up to %#lx mapped (%u page-table pages added)\n",
           (unsigned long)dmap_end_pa, new_tables);
    efi_rs_pagetables_init(bi);
}
