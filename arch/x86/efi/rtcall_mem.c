/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory hooks of the dom0 runtime calls (include/xen/efi_rtcall.h):
 * capsule copies live in frames of the hypervisor's pool below 4 GiB,
 * reached through the direct map; a scatter-gather block is allowed only
 * in frames dom0 owns, the rule guest copies and dom0's own mappings
 * follow (pv_mfn_to_pfn).
 */
#include <xen/efi_rtcall.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/string.h>
#include <asm/config.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/pv.h>

#define LOW_MEMORY_END      0x100000ULL

static unsigned int rtcall_order(uint64_t bytes)
{
    unsigned int order = 0;

    while ( order < FRAME_MAX_ORDER && (PAGE_SIZE << order) < bytes )
        order++;
    return order;
}

void *arch_rtcall_alloc(uint64_t bytes)
{
    paddr_t pa;

    if ( !bytes || bytes > (PAGE_SIZE << FRAME_MAX_ORDER) )
        return NULL;
    pa = alloc_frames_scrubbed(rtcall_order(bytes), BOOT_DIRECTMAP_BYTES);
    return pa ? __va(pa) : NULL;
}

void arch_rtcall_free(void *va, uint64_t bytes)
{
    free_frames((uintptr_t)va - DIRECTMAP_VIRT_START, rtcall_order(bytes));
}

/* The host e820 type at pa; 0 in a hole. */
static uint32_t rtcall_e820_type(uint64_t pa)
{
    for ( unsigned int i = 0; i < hv_info.host_e820_nr; i++ )
    {
        const struct e820entry *e = &hv_info.host_e820[i];

        if ( pa >= e->addr && pa - e->addr < e->size )
            return e->type;
    }
    return 0;
}

static bool rtcall_pool_free(uint64_t pa)
{
    for ( unsigned int i = 0; i < frame_pool.nr_free; i++ )
        if ( pa >= frame_pool.free[i].start && pa < frame_pool.free[i].end )
            return true;
    return false;
}

enum efirt_owner arch_frame_owner(uint64_t pa)
{
    uint64_t pfn;

    if ( pv_mfn_to_pfn(&dom0, pa >> PAGE_SHIFT, &pfn) )
        return EFIRT_OWNER_DOM0;
    if ( pa < LOW_MEMORY_END || rtcall_e820_type(pa) != E820_RAM )
        return EFIRT_OWNER_FIRMWARE;
    if ( rtcall_pool_free(pa) )
        return EFIRT_OWNER_FREE;
    return EFIRT_OWNER_HYPERVISOR;
}

bool arch_dom0_read(uint64_t pa, void *dst, size_t len)
{
    if ( !len || pa + len < pa || !mm_directmap_covers(pa, len) )
        return false;
    memcpy(dst, __va(pa), len);
    return true;
}
