/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mca (48) for dom0: XEN_MC_physcpuinfo, with Xen's checks (interface
 * version -EACCES, no room -EINVAL), describes the one CPU from CPUID so
 * Linux's xen_mcelog registers /dev/mcelog as on Xen; notifydomain and
 * unknown commands are -EINVAL as in Xen. No machine check is ever
 * reported (fetch and the injections are not implemented).
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/string.h>
#include <public/xen-mca.h>
#include <asm/hypercall.h>

/* Xen's X86_VENDOR_* bits. */
#define VENDOR_INTEL    (1U << 0)
#define VENDOR_AMD      (1U << 1)

static void cpuid(uint32_t leaf, uint32_t r[4])
{
    __asm__ volatile ( "cpuid" : "=a" (r[0]), "=b" (r[1]), "=c" (r[2]),
                       "=d" (r[3]) : "a" (leaf), "c" (0) );
}

/* Xen's x86_mc_get_cpu_info and cpuinfo for CPU 0, from CPUID. */
static void describe_cpu(struct mcinfo_logical_cpu *c)
{
    uint32_t r[4], family;

    memset(c, 0, sizeof(*c));
    cpuid(0, r);
    c->mc_cpuid_level = (int32_t)r[0];
    memcpy(c->mc_vendorid, &r[1], 4);
    memcpy(c->mc_vendorid + 4, &r[3], 4);
    memcpy(c->mc_vendorid + 8, &r[2], 4);
    c->mc_vendor = !memcmp(c->mc_vendorid, "GenuineIntel", 12) ? VENDOR_INTEL
                 : !memcmp(c->mc_vendorid, "AuthenticAMD", 12) ? VENDOR_AMD
                 : 0;
    cpuid(1, r);
    family = (r[0] >> 8) & 0xf;
    c->mc_family = family == 0xf ? family + ((r[0] >> 20) & 0xff) : family;
    c->mc_model = (r[0] >> 4) & 0xf;
    if ( family == 0x6 || family == 0xf )
        c->mc_model |= ((r[0] >> 16) & 0xf) << 4;
    c->mc_step = r[0] & 0xf;
    c->mc_apicid = r[1] >> 24;
    c->mc_cpu_caps[0] = r[3];
    c->mc_ncores = c->mc_ncores_active = c->mc_nthreads = 1;
    cpuid(0x80000000, r);
    if ( r[0] >= 0x80000004 )
        for ( uint32_t leaf = 0; leaf < 3; leaf++ )
        {
            cpuid(0x80000002 + leaf, r);
            memcpy(c->mc_brandid + 16 * leaf, r, 16);
        }
    if ( r[0] >= 0x80000001 )
    {
        cpuid(0x80000001, r);
        c->mc_cpu_caps[1] = r[3];
    }
}

long do_mca(uint64_t arg)
{
    struct xen_mc mc;
    struct mcinfo_logical_cpu cpu;
    uint64_t info;

    if ( copy_from_guest(&mc, arg, sizeof(mc)) )
        return -XEN_EFAULT;
    if ( mc.interface_version != XEN_MCA_INTERFACE_VERSION )
        return -XEN_EACCES;
    switch ( mc.cmd )
    {
    case XEN_MC_physcpuinfo:
        info = guest_handle_va(mc.u.mc_physcpuinfo.info);
        if ( info )
        {
            if ( (int32_t)mc.u.mc_physcpuinfo.ncpus <= 0 )
                return -XEN_EINVAL;
            describe_cpu(&cpu);
            if ( copy_to_guest(info, &cpu, sizeof(cpu)) )
                return -XEN_EFAULT;
        }
        mc.u.mc_physcpuinfo.ncpus = 1;
        return copy_to_guest(arg, &mc, sizeof(mc)) ? -XEN_EFAULT : 0;
    case XEN_MC_notifydomain:
        return -XEN_EINVAL;
    case XEN_MC_fetch:
    case XEN_MC_msrinject:
    case XEN_MC_mceinject:
    case XEN_MC_inject_v2:
        return hypercall_unimplemented(__HYPERVISOR_arch_0, mc.cmd);
    }
    return -XEN_EINVAL;
}
