/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Read-only windows onto machine memory (tools/dom0/mm.h).
 */
#include <public/errno.h>

#include "hypercall.h"
#include "layout.h"
#include "mm.h"

static uint8_t mm_window[MM_WINDOW_PAGES * MM_PAGE_BYTES]
    __attribute__((__aligned__(MM_PAGE_BYTES)));
static const uint64_t *mm_p2m;
static uint64_t *mm_l4;
static unsigned int mm_pages_mapped;

void mm_init(const struct start_info *si)
{
    mm_p2m = (const uint64_t *)si->mfn_list;
    mm_l4 = (uint64_t *)si->pt_base;
}

uint64_t mm_virt_to_mfn(const void *va)
{
    /* The kernel's first byte is dom0 frame 0 (tools/dom0/layout.h). */
    return mm_p2m[((unsigned long)va - DOM0_VIRT_BASE) / MM_PAGE_BYTES];
}

uint64_t *mm_l1e(unsigned long va, uint64_t *ma)
{
    const unsigned long *m2p = (const unsigned long *)MM_M2P_START;
    uint64_t *tab = mm_l4, mfn = 0;

    for ( unsigned int shift = 39; shift > 12; shift -= 9 )
    {
        uint64_t e = tab[(va >> shift) & 511];

        if ( !(e & MM_PTE_P) )
            return NULL;
        mfn = (e & MM_PTE_ADDR) >> 12;
        tab = (uint64_t *)(DOM0_VIRT_BASE + m2p[mfn] * MM_PAGE_BYTES);
    }
    if ( ma )
        *ma = mfn * MM_PAGE_BYTES + ((va >> 12) & 511) * 8;
    return &tab[(va >> 12) & 511];
}

uint64_t mm_l1e_value(unsigned long va)
{
    const uint64_t *e = mm_l1e(va, NULL);

    return e ? *e : 0;
}

void *mm_window_page(unsigned int i)
{
    return mm_window + (size_t)i * MM_PAGE_BYTES;
}

void mm_unmap(void)
{
    unsigned int i;

    for ( i = 0; i < mm_pages_mapped; i++ )
    {
        void *va = mm_window_page(i);

        hypercall_update_va_mapping((unsigned long)va,
                                    mm_virt_to_mfn(va) * MM_PAGE_BYTES |
                                    MM_PTE_P | MM_PTE_RW | MM_PTE_US |
                                    MM_PTE_A | MM_PTE_D, UVMF_INVLPG);
    }
    mm_pages_mapped = 0;
}

const void *mm_map(uint64_t pa, size_t len, long *rc)
{
    uint64_t first = pa / MM_PAGE_BYTES;
    uint64_t last = (pa + (len ? len : 1) - 1) / MM_PAGE_BYTES;
    unsigned int i;

    mm_unmap();
    if ( last < first || last - first >= MM_WINDOW_PAGES )
    {
        *rc = -XEN_ENOSPC;
        return NULL;
    }
    for ( i = 0; i <= last - first; i++ )
    {
        long r = hypercall_update_va_mapping(
            (unsigned long)mm_window_page(i),
            (first + i) * MM_PAGE_BYTES | MM_PTE_P | MM_PTE_US | MM_PTE_A,
            UVMF_INVLPG);

        if ( r )
        {
            mm_pages_mapped = i + 1;
            mm_unmap();
            *rc = r;
            return NULL;
        }
    }
    mm_pages_mapped = i;
    *rc = 0;
    return mm_window + pa % MM_PAGE_BYTES;
}
