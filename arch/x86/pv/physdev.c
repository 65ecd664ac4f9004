/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * physdev_op (33) for dom0: the virtual IOPL; other sub-ops -ENOSYS.
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <public/physdev.h>
#include <asm/hypercall.h>
#include <asm/pv.h>

long do_physdev_op(uint64_t cmd, uint64_t arg)
{
    struct physdev_set_iopl iopl;

    switch ( cmd )
    {
    case PHYSDEVOP_set_iopl:
        if ( copy_from_guest(&iopl, arg, sizeof(iopl)) )
            return -XEN_EFAULT;
        if ( iopl.iopl > 3 )
            return -XEN_EINVAL;
        dom0_vcpu.iopl = iopl.iopl;
        return 0;
    }
    return hypercall_unimplemented(__HYPERVISOR_physdev_op, cmd);
}
