/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op: the host's e820 map (XENMEM_machine_memory_map) with Xen's
 * capacity rule (reference 4.6). XENMEM_memory_map is -ENOSYS for a PV
 * dom0, as in Xen (Linux asks a dom0 for the machine map); so is every
 * other op, and any bit above the low six of cmd.
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>

/* Copies nr records of map to the guest buffer of m. */
static long put_map(uint64_t arg, struct xen_memory_map *m,
                    const struct e820entry *map, unsigned int nr)
{
    if ( guest_handle_va(m->buffer) &&
         copy_to_guest(guest_handle_va(m->buffer), map, nr * sizeof(*map)) )
        return -XEN_EFAULT;
    m->nr_entries = nr;
    return copy_to_guest(arg, &m->nr_entries, sizeof(m->nr_entries))
           ? -XEN_EFAULT : 0;
}

long do_memory_op(uint64_t cmd, uint64_t arg)
{
    struct xen_memory_map m;

    /* Xen keeps a continuation above the low six bits; we have none. */
    switch ( cmd )
    {
    case XENMEM_machine_memory_map:
        if ( copy_from_guest(&m, arg, sizeof(m)) )
            return -XEN_EFAULT;
        /* A null buffer asks for the count only. */
        if ( !guest_handle_va(m.buffer) )
        {
            m.nr_entries = hv_info.host_e820_nr;
            return put_map(arg, &m, NULL, hv_info.host_e820_nr);
        }
        /* Xen wants room for one entry more than the host map has. */
        if ( m.nr_entries < hv_info.host_e820_nr + 1 )
            return -XEN_EINVAL;
        return put_map(arg, &m, hv_info.host_e820, hv_info.host_e820_nr);
    }
    return -XEN_ENOSYS;
}
