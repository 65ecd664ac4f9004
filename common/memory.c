/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * memory_op: the host's e820 map (XENMEM_machine_memory_map) with Xen's
 * capacity rule (reference 4.6); dom0's current and maximum reservation;
 * the x86 sub-ops (maximum_ram_page, machphys_mapping, machphys_mfn_list)
 * through arch_memory_op. XENMEM_memory_map is -ENOSYS for a PV dom0, as
 * in Xen (a PV dom0 has no pseudo-physical map of its own; Linux asks a
 * dom0 for the machine map); so is every other op, and any bit above the
 * low six of cmd.
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
    domid_t domid;

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
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        if ( copy_from_guest(&domid, arg, sizeof(domid)) )
            return -XEN_EFAULT;
        if ( domid != DOMID_SELF && domid != 0 )
            return -XEN_ESRCH;
        /*
         * Xen's dom0 without dom0_mem=max: may grow to UINT_MAX pages;
         * we cannot grow it, but the number is Xen's.
         */
        return cmd == XENMEM_current_reservation ? (long)hv_info.dom0_nr_pages
                                                 : (long)UINT32_MAX;
    case XENMEM_memory_map:
        return -XEN_ENOSYS;             /* Xen's answer to a PV dom0 */
    }
    return arch_memory_op(cmd, arg);
}
