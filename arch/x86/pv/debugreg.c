/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * set_debugreg (8) and get_debugreg (9): dom0's debug registers, checked
 * and stored with Xen's rules (reserved bits of DR6 and DR7 forced, GD
 * refused, addresses in DR0-DR3 kept out of the hypervisor's range; DR4
 * and DR5 alias DR6 and DR7, as with CR4.DE clear). They are kept, not
 * loaded into the CPU: a breakpoint dom0 arms never fires (Xen's would).
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <asm/config.h>
#include <asm/hypercall.h>

#define DR6_RESERVED_ZERO   0x00001000ULL   /* bit 12 */
#define DR6_RESERVED_ONE    0xffff0ff0ULL   /* bits 4-11, 16-31 */
#define DR7_RESERVED_ZERO   0x0000d800ULL   /* bits 11-12, 14-15 */
#define DR7_RESERVED_ONE    0x00000400ULL   /* bit 10 */
#define DR7_GD              0x00002000ULL

static uint64_t dr[4], dr6 = DR6_RESERVED_ONE, dr7 = DR7_RESERVED_ONE;

static bool guest_address(uint64_t va)
{
    return (uint64_t)(((int64_t)va << 16) >> 16) == va &&
           !(va >= HYPERVISOR_VIRT_START && va < HYPERVISOR_VIRT_END);
}

long do_set_debugreg(uint64_t reg, uint64_t value)
{
    switch ( reg )
    {
    case 0: case 1: case 2: case 3:
        if ( !guest_address(value) )
            return -XEN_EPERM;
        dr[reg] = value;
        return 0;
    case 4: case 6:
        if ( value != (uint32_t)value )
            return -XEN_EINVAL;
        dr6 = (value & ~DR6_RESERVED_ZERO) | DR6_RESERVED_ONE;
        return 0;
    case 5: case 7:
        if ( value != (uint32_t)value )
            return -XEN_EINVAL;
        value = (value & ~DR7_RESERVED_ZERO) | DR7_RESERVED_ONE;
        if ( value & DR7_GD )
            return -XEN_EPERM;
        dr7 = value;
        return 0;
    }
    return -XEN_EINVAL;
}

long do_get_debugreg(uint64_t reg)
{
    switch ( reg )
    {
    case 0: case 1: case 2: case 3:
        return (long)dr[reg];
    case 4: case 6:
        return (long)dr6;
    case 5: case 7:
        return (long)dr7;
    }
    return -XEN_ENODEV;
}
