/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * grant_table_op for dom0's own grant table, as Xen 4.17 with its default
 * gnttab_max_frames=64 and grant tables of version 1 only
 * (gnttab=max-ver:1): query_size, setup_table (the table grows to the
 * frames asked for; their machine frames, which dom0 may map writable,
 * go to its list), set_version (1; 2 is -ENOSYS as on such a Xen) and
 * get_version. Mapping, copying and transferring grants need a second
 * domain and are not implemented.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/pv_abi.h>
#include <public/grant_table.h>
#include <asm/hypercall.h>

#define GNTTAB_MAX_FRAMES       64      /* Xen's gnttab_max_frames */
#define GNTTAB_INITIAL_FRAMES   1       /* Xen's INITIAL_NR_GRANT_FRAMES */
#define PAGE_BYTES              4096

static uint64_t frame_pa[GNTTAB_MAX_FRAMES];
static unsigned int nr_frames;
static unsigned int version;            /* 0 until the table is set up */

static bool self(domid_t dom)
{
    return dom == DOMID_SELF || dom == 0;
}

/* Grows the table to n frames (n <= the maximum); false without memory. */
static bool grow(unsigned int n)
{
    while ( nr_frames < n )
    {
        paddr_t pa = alloc_frames_scrubbed(0, 0);

        if ( !pa )
            return false;
        frame_pa[nr_frames++] = pa;
    }
    return true;
}

/* See xen/hypercall.h. */
bool grant_table_frame(uint64_t mfn)
{
    for ( unsigned int i = 0; i < nr_frames; i++ )
        if ( frame_pa[i] / PAGE_BYTES == mfn )
            return true;
    return false;
}

static long setup_table(uint64_t arg)
{
    struct gnttab_setup_table op;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -XEN_EFAULT;
    if ( op.nr_frames > GNTTAB_MAX_FRAMES )
        op.status = GNTST_general_error;
    else if ( !self(op.dom) )
        op.status = GNTST_bad_domain;
    else if ( !grow(op.nr_frames > GNTTAB_INITIAL_FRAMES
                    ? op.nr_frames : GNTTAB_INITIAL_FRAMES) )
        op.status = GNTST_general_error;
    else
    {
        if ( !version )
            version = 1;
        op.status = GNTST_okay;
        for ( unsigned int i = 0; i < op.nr_frames; i++ )
        {
            uint64_t mfn = frame_pa[i] / PAGE_BYTES;

            if ( copy_to_guest(guest_handle_va(op.frame_list) +
                               i * sizeof(mfn), &mfn, sizeof(mfn)) )
                op.status = GNTST_bad_virt_addr;
        }
    }
    return copy_to_guest(arg, &op, sizeof(op)) ? -XEN_EFAULT : 0;
}

static long query_size(uint64_t arg)
{
    struct gnttab_query_size op;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -XEN_EFAULT;
    if ( !self(op.dom) )
        op.status = GNTST_bad_domain;
    else
    {
        op.nr_frames = nr_frames > GNTTAB_INITIAL_FRAMES
                       ? nr_frames : GNTTAB_INITIAL_FRAMES;
        op.max_nr_frames = GNTTAB_MAX_FRAMES;
        op.status = GNTST_okay;
    }
    return copy_to_guest(arg, &op, sizeof(op)) ? -XEN_EFAULT : 0;
}

static long set_version(uint64_t arg)
{
    struct gnttab_set_version op;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -XEN_EFAULT;
    if ( op.version != 1 && op.version != 2 )
        return -XEN_EINVAL;
    if ( op.version == 2 )
        return -XEN_ENOSYS;             /* Xen with max-ver:1 */
    version = 1;
    return copy_to_guest(arg, &op, sizeof(op)) ? -XEN_EFAULT : 0;
}

static long get_version(uint64_t arg)
{
    struct gnttab_get_version op;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -XEN_EFAULT;
    if ( !self(op.dom) )
        return -XEN_ESRCH;
    op.version = version;
    return copy_to_guest(arg, &op, sizeof(op)) ? -XEN_EFAULT : 0;
}

long do_grant_table_op(uint64_t cmd, uint64_t arg, uint64_t count)
{
    switch ( cmd )
    {
    case GNTTABOP_setup_table:
    case GNTTABOP_query_size:
    case GNTTABOP_set_version:
    case GNTTABOP_get_version:
        /* These take exactly one argument, as in Xen. */
        if ( count != 1 )
            return -XEN_EINVAL;
        break;
    default:
        return hypercall_unimplemented(__HYPERVISOR_grant_table_op, cmd);
    }
    switch ( cmd )
    {
    case GNTTABOP_setup_table:
        return setup_table(arg);
    case GNTTABOP_query_size:
        return query_size(arg);
    case GNTTABOP_set_version:
        return set_version(arg);
    }
    return get_version(arg);
}
