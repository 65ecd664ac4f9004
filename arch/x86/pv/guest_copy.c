/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * copy_from_guest / copy_to_guest for dom0: the pure walk of
 * arch/x86/lib/guestmem.c over the page tables of dom0's current mode, reading tables and frames
 * through the direct map and only when dom0 owns them. A bad pointer is
 * -EFAULT, never a fault in the hypervisor.
 */
#include <xen/guestmem.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>

static bool dom0_read_pte(void *ctx, uint64_t table_pa, unsigned int idx,
                          uint64_t *pte)
{
    uint64_t pfn;

    if ( !pv_mfn_to_pfn(&dom0, table_pa >> PAGE_SHIFT, &pfn) ||
         !dom0.pt_level[pfn] )
        return false;
    *pte = ((const uint64_t *)__va(table_pa & PTE_ADDR_MASK))[idx];
    return true;
}

static void *dom0_frame(void *ctx, uint64_t frame_pa, bool write)
{
    uint64_t pfn;

    if ( !pv_mfn_to_pfn(&dom0, frame_pa >> PAGE_SHIFT, &pfn) ||
         (write && dom0.pt_level[pfn]) )
        return NULL;
    return __va(frame_pa);
}

static const struct guestmem_ops dom0_ops = {
    .read_pte = dom0_read_pte,
    .frame = dom0_frame,
};

/*
 * The L4 of the mode dom0 is in, as the CPU sees it: an instruction that
 * faulted in guest user mode is read through the user L4 (Xen copies
 * through the live CR3). Hypercalls and bounce frames come from kernel
 * mode, so for them this is the kernel's L4.
 */
static uint64_t current_l4_pa(void)
{
    uint64_t mfn = !dom0_vcpu.kernel_mode && dom0.user_l4_mfn
                   ? dom0.user_l4_mfn : dom0.l4_mfn;

    return mfn << PAGE_SHIFT;
}

int copy_from_guest(void *dst, uint64_t gva, size_t len)
{
    return guestmem_copy(&dom0_ops, NULL, current_l4_pa(), gva, dst, len,
                         false) == GUESTMEM_OK ? 0 : -XEN_EFAULT;
}

int copy_to_guest(uint64_t gva, const void *src, size_t len)
{
    return guestmem_copy(&dom0_ops, NULL, current_l4_pa(), gva, (void *)src,
                         len, true) == GUESTMEM_OK ? 0 : -XEN_EFAULT;
}
