/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENMEM_exchange for dom0, as Xen's memory_exchange for a PV domain:
 * dom0 gives up machine frames (in) and gets new extents (out), below
 * 2^address_bits when it asks, e.g. contiguous and DMA-reachable for
 * Linux's swiotlb-xen. The checks and the errors are Xen's: orders above
 * the hardware domain's limit -EPERM, inconsistent sizes or domains
 * -EINVAL, a frame that is not dom0's or is still in use (a page table,
 * mapped by one, held by the hypervisor) -EINVAL, no memory -ENOMEM;
 * nr_exchanged counts the in extents done, all or (on failure) those of
 * the chunks before the failing one.
 *
 * The new frames take over the pfn slots of the frames given up (the
 * hypervisor's p2m and owner map), the M2P names the pseudo-physical
 * frames dom0 listed in out, and the frames given up are freed (the
 * allocator scrubs before any reuse).
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/pv_abi.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>

/* Xen's CONFIG_HWDOM_MAX_ORDER: the largest extent dom0 may ask for. */
#define HWDOM_MAX_ORDER     12
#define CHUNK_MAX_PAGES     (1U << HWDOM_MAX_ORDER)
#define M2P_INVALID         (~0ULL)

/*
 * One chunk's frames given up (machine frame, pfn slot) and extents
 * received (machine address, the pseudo-physical frame dom0 named).
 */
static uint64_t in_mfn[CHUNK_MAX_PAGES], in_slot[CHUNK_MAX_PAGES];
static paddr_t out_pa[CHUNK_MAX_PAGES];
static uint64_t gpfn[CHUNK_MAX_PAGES];

/* Does the hypervisor hold mfn for dom0 (GDT, vcpu_info, EOI map)? */
static bool held_by_hypervisor(uint64_t mfn)
{
    const struct pv_vcpu *v = &dom0_vcpu;

    if ( pv_gdt_frame(mfn) )
        return true;
    if ( v->vi_registered &&
         ((uint64_t)(uintptr_t)v->vi - DIRECTMAP_VIRT_START) >> PAGE_SHIFT
         == mfn )
        return true;
    return pv_physdev_frame(mfn);
}

/* Xen's steal_page: dom0's, no table, mapped nowhere, held by no one. */
static bool may_give_up(uint64_t mfn, uint64_t *slot)
{
    return pv_mfn_to_pfn(&dom0, mfn, slot) && !dom0.pt_level[*slot] &&
           !dom0.mcount[*slot] && !dom0.wcount[*slot] &&
           !held_by_hypervisor(mfn);
}

/* Gives the first n frames taken back to dom0 (a chunk that failed). */
static void give_back(unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        dom0.owner[in_mfn[i]] = in_slot[i] + 1;
}

/*
 * Takes the frames of nr_extents in extents from index first into
 * in_mfn/in_slot; *n counts them. A frame taken leaves the owner map at
 * once, so one listed twice is refused like any frame not dom0's.
 */
static long take_in(const struct xen_memory_exchange *x, uint64_t first,
                    unsigned int nr_extents, unsigned int *n)
{
    *n = 0;
    for ( unsigned int e = 0; e < nr_extents; e++ )
    {
        uint64_t base;

        if ( copy_from_guest(&base, guest_handle_va(x->in.extent_start) +
                             (first + e) * sizeof(base), sizeof(base)) )
            return -XEN_EFAULT;
        for ( uint64_t k = 0; k < (1ULL << x->in.extent_order); k++ )
        {
            if ( !may_give_up(base + k, &in_slot[*n]) )
                return -XEN_EINVAL;
            in_mfn[*n] = base + k;
            dom0.owner[base + k] = 0;
            (*n)++;
        }
    }
    return 0;
}

/*
 * One chunk: the in frames [first_in, +nr_in extents) for the out
 * extents [first_out, +nr_out). Nothing changes unless it all succeeds.
 */
static long exchange_chunk(const struct xen_memory_exchange *x,
                           uint64_t first_in, unsigned int nr_in,
                           uint64_t first_out, unsigned int nr_out,
                           paddr_t max_pa)
{
    unsigned int order = x->out.extent_order, n = 0, taken;
    long rc = take_in(x, first_in, nr_in, &taken);

    if ( rc )
    {
        give_back(taken);
        return rc;
    }
    for ( unsigned int j = 0; j < nr_out; j++ )
    {
        if ( copy_from_guest(&gpfn[j], guest_handle_va(x->out.extent_start) +
                             (first_out + j) * sizeof(gpfn[j]),
                             sizeof(gpfn[j])) )
            rc = -XEN_EFAULT;
        else if ( !(out_pa[j] = alloc_frames_scrubbed(order, max_pa)) )
            rc = -XEN_ENOMEM;
        else if ( (out_pa[j] >> PAGE_SHIFT) + (1ULL << order) >
                  dom0.owner_nr )
        {
            free_frames(out_pa[j], order);  /* beyond the owner map */
            rc = -XEN_ENOMEM;
        }
        if ( rc )
        {
            while ( j-- )
                free_frames(out_pa[j], order);
            give_back(taken);
            return rc;
        }
    }
    /* The new frames take the slots of the old, in order. */
    for ( unsigned int j = 0; j < nr_out; j++ )
        for ( uint64_t k = 0; k < (1ULL << order); k++, n++ )
        {
            uint64_t mfn = (out_pa[j] >> PAGE_SHIFT) + k;

            pv_m2p_set(in_mfn[n], M2P_INVALID);
            dom0.p2m[in_slot[n]] = mfn;
            dom0.owner[mfn] = in_slot[n] + 1;
            pv_m2p_set(mfn, gpfn[j] + k);
        }
    for ( unsigned int i = 0; i < n; i++ )
        free_frames(in_mfn[i] << PAGE_SHIFT, 0);
    for ( unsigned int j = 0; j < nr_out; j++ )
    {
        uint64_t mfn = out_pa[j] >> PAGE_SHIFT;

        /* Like Xen: the frames are dom0's even if it cannot learn them. */
        if ( copy_to_guest(guest_handle_va(x->out.extent_start) +
                           (first_out + j) * sizeof(mfn), &mfn, sizeof(mfn)) )
            rc = -XEN_EFAULT;
    }
    return rc;
}

long pv_memory_exchange(uint64_t arg)
{
    struct xen_memory_exchange x;
    unsigned int in_chunk, out_chunk, bits;
    paddr_t max_pa = 0;
    long rc = 0;

    if ( copy_from_guest(&x, arg, sizeof(x)) )
        return -XEN_EFAULT;
    if ( x.in.extent_order > HWDOM_MAX_ORDER ||
         x.out.extent_order > HWDOM_MAX_ORDER )
        rc = -XEN_EPERM;
    else if ( x.nr_exchanged > x.in.nr_extents ||
              x.in.domid != x.out.domid ||
              (~0ULL >> x.in.extent_order) < x.in.nr_extents ||
              (~0ULL >> x.out.extent_order) < x.out.nr_extents ||
              (x.in.nr_extents << x.in.extent_order) !=
              (x.out.nr_extents << x.out.extent_order) )
        rc = -XEN_EINVAL;
    else if ( x.nr_exchanged == x.in.nr_extents )
        return 0;
    else if ( x.in.domid != DOMID_SELF && x.in.domid != 0 )
        rc = -XEN_ESRCH;
    if ( rc )
        goto out;
    /* A chunk is the larger of an in and an out extent. */
    if ( x.in.extent_order <= x.out.extent_order )
    {
        in_chunk = 1U << (x.out.extent_order - x.in.extent_order);
        out_chunk = 1;
    }
    else
    {
        in_chunk = 1;
        out_chunk = 1U << (x.in.extent_order - x.out.extent_order);
    }
    bits = XENMEMF_get_address_bits(x.out.mem_flags);
    if ( bits && bits < 64 )
        max_pa = 1ULL << bits;
    for ( uint64_t c = x.nr_exchanged / in_chunk;
          c < x.in.nr_extents / in_chunk; c++ )
    {
        rc = exchange_chunk(&x, c * in_chunk, in_chunk, c * out_chunk,
                            out_chunk, max_pa);
        if ( rc )
            goto out;
        x.nr_exchanged = (c + 1) * in_chunk;
    }
    x.nr_exchanged = x.in.nr_extents;
 out:
    if ( copy_to_guest(arg + offsetof(struct xen_memory_exchange,
                                      nr_exchanged),
                       &x.nr_exchanged, sizeof(x.nr_exchanged)) )
        rc = -XEN_EFAULT;
    return rc;
}
