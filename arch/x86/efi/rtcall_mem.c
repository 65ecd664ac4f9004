/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory hooks of the dom0 runtime calls (include/xen/efi_rtcall.h):
 * capsule copies live in frames of the hypervisor's pool below 4 GiB,
 * reached through the direct map; a capsule's scatter-gather list names
 * dom0's pseudo-physical memory, read through its p2m.
 */
#include <xen/efi_rtcall.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/string.h>
#include <asm/config.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/pv.h>

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

/* See xen/efi_rtcall.h. */
uint64_t arch_rtcall_pa(const void *va)
{
    return (uint64_t)(uintptr_t)va - DIRECTMAP_VIRT_START;
}

/* See xen/efi_rtcall.h. */
enum efirt_owner arch_dom0_gpa_owner(uint64_t gpa)
{
    return gpa >> PAGE_SHIFT < dom0.nr_pages ? EFIRT_OWNER_DOM0
                                             : EFIRT_OWNER_OUTSIDE;
}

/* See xen/efi_rtcall.h. */
bool arch_dom0_gpa_read(uint64_t gpa, void *dst, size_t len)
{
    uint8_t *out = dst;

    if ( gpa + len < gpa )
        return false;
    while ( len )
    {
        uint64_t pfn = gpa >> PAGE_SHIFT, off = gpa & (PAGE_SIZE - 1);
        size_t n = MIN(len, (size_t)(PAGE_SIZE - off));
        paddr_t ma;

        if ( pfn >= dom0.nr_pages )
            return false;
        ma = (dom0.p2m[pfn] << PAGE_SHIFT) + off;
        if ( !mm_directmap_covers(ma, n) )
            return false;
        memcpy(out, __va(ma), n);
        out += n;
        gpa += n;
        len -= n;
    }
    return true;
}
