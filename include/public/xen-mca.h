/* SPDX-License-Identifier: MIT */
/*
 * mca (hypercall 48): what a PV dom0 asks of Xen's machine-check
 * architecture at boot. Numbers and layouts are Xen's
 * (xen/include/public/arch-x86/xen-mca.h); only what Linux's xen_mcelog
 * uses is here.
 */
#ifndef PUBLIC_XEN_MCA_H
#define PUBLIC_XEN_MCA_H

#include "xen.h"

#define XEN_MCA_INTERFACE_VERSION   0x01ecc003

#define XEN_MC_fetch                1
#define XEN_MC_notifydomain         2
#define XEN_MC_physcpuinfo          3
#define XEN_MC_msrinject            4
#define XEN_MC_mceinject            5
#define XEN_MC_inject_v2            6

#define MC_NCAPS                    7
#define __MC_MSR_ARRAYSIZE          8

struct mcinfo_msr {
    uint64_t reg;                   /* 0 */
    uint64_t value;                 /* 8 */
};
typedef struct mcinfo_msr xen_mcinfo_msr_t;

/* One CPU as XEN_MC_physcpuinfo describes it. */
struct mcinfo_logical_cpu {
    uint32_t mc_cpunr;              /* 0 */
    uint32_t mc_chipid;             /* 4 */
    uint16_t mc_coreid;             /* 8 */
    uint16_t mc_threadid;           /* 10 */
    uint32_t mc_apicid;             /* 12 */
    uint32_t mc_clusterid;          /* 16 */
    uint32_t mc_ncores;             /* 20 */
    uint32_t mc_ncores_active;      /* 24 */
    uint32_t mc_nthreads;           /* 28 */
    int32_t mc_cpuid_level;         /* 32 */
    uint32_t mc_family;             /* 36 */
    uint32_t mc_vendor;             /* 40 */
    uint32_t mc_model;              /* 44 */
    uint32_t mc_step;               /* 48 */
    char mc_vendorid[16];           /* 52 */
    char mc_brandid[64];            /* 68 */
    uint32_t mc_cpu_caps[MC_NCAPS]; /* 132 */
    uint32_t mc_cache_size;         /* 160 */
    uint32_t mc_cache_alignment;    /* 164 */
    int32_t mc_nmsrvals;            /* 168 */
    xen_mcinfo_msr_t mc_msrvalues[__MC_MSR_ARRAYSIZE];  /* 176 */
};
typedef struct mcinfo_logical_cpu xen_mc_logical_cpu_t;
DEFINE_XEN_GUEST_HANDLE(xen_mc_logical_cpu_t);
_Static_assert(sizeof(struct mcinfo_logical_cpu) == 304,
               "mcinfo_logical_cpu");

/* XEN_MC_physcpuinfo: the CPU count, and their records when info is set. */
struct xen_mc_physcpuinfo {
    uint32_t ncpus;                 /* 0: in (capacity), out */
    uint32_t _pad0;                 /* 4 */
    XEN_GUEST_HANDLE(xen_mc_logical_cpu_t) info;    /* 8 */
};
typedef struct xen_mc_physcpuinfo xen_mc_physcpuinfo_t;

/* The mca argument's head; Xen's union holds larger sub-op records. */
struct xen_mc {
    uint32_t cmd;                   /* 0: XEN_MC_* */
    uint32_t interface_version;     /* 4: XEN_MCA_INTERFACE_VERSION */
    union {
        xen_mc_physcpuinfo_t mc_physcpuinfo;
    } u;                            /* 8 */
};
typedef struct xen_mc xen_mc_t;

#endif
