/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op: dom0's pseudo-physical map (XENMEM_memory_map) and the
 * host's e820 map (XENMEM_machine_memory_map) with Xen's capacity rule
 * (reference 4.6). Other sub-ops are -ENOSYS.
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
    struct e820entry ram;

    switch ( cmd )
    {
    case XENMEM_memory_map:
        if ( copy_from_guest(&m, arg, sizeof(m)) )
            return -XEN_EFAULT;
        ram = (struct e820entry){ .addr = 0,
                                  .size = hv_info.dom0_nr_pages << 12,
                                  .type = E820_RAM };
        return put_map(arg, &m, &ram, m.nr_entries ? 1 : 0);

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
