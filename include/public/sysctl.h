/* SPDX-License-Identifier: MIT */
/*
 * sysctl (hypercall 35): system control for the control domain. Only
 * XEN_SYSCTL_perfc_op is answered here (the performance counters, see
 * docs/performance.md); every other command is -ENOSYS, as Xen answers a
 * command it does not know. Numbers and layouts are Xen 4.17's
 * (xen/include/public/sysctl.h, interface version 0x15).
 */
#ifndef PUBLIC_SYSCTL_H
#define PUBLIC_SYSCTL_H

#include "xen.h"

/* xen_sysctl.interface_version must hold this, else -EACCES. */
#define XEN_SYSCTL_INTERFACE_VERSION    0x00000015

/* xen_sysctl.cmd. */
#define XEN_SYSCTL_perfc_op             5

/* xen_sysctl_perfc_op.cmd. */
#define XEN_SYSCTL_PERFCOP_reset        1   /* copy out, then zero */
#define XEN_SYSCTL_PERFCOP_query        2   /* copy out */

#ifndef __ASSEMBLY__

/*
 * Xen sysctl.h: one counter. A single counter has one value per CPU (one
 * here), an array counter one value per element; values follow each other
 * in the order of the descriptions.
 */
struct xen_sysctl_perfc_desc {
    char name[80];                  /* 0: NUL-terminated */
    uint32_t nr_vals;               /* 80 */
};
typedef struct xen_sysctl_perfc_desc xen_sysctl_perfc_desc_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_perfc_desc_t);
typedef uint32_t xen_sysctl_perfc_val_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_perfc_val_t);
_Static_assert(sizeof(struct xen_sysctl_perfc_desc) == 84, "perfc_desc");

/*
 * Xen sysctl.h, XEN_SYSCTL_perfc_op. With a null desc only the counts are
 * returned; otherwise desc must hold nr_counters descriptions and val
 * nr_vals values (ask for the counts first, as Xen's xenperf does).
 */
struct xen_sysctl_perfc_op {
    uint32_t cmd;                                   /* 0: in */
    uint32_t nr_counters;                           /* 4: out */
    uint32_t nr_vals;                               /* 8: out */
    XEN_GUEST_HANDLE_64(xen_sysctl_perfc_desc_t) desc; /* 16: in */
    XEN_GUEST_HANDLE_64(xen_sysctl_perfc_val_t) val;   /* 24: in */
};
typedef struct xen_sysctl_perfc_op xen_sysctl_perfc_op_t;
_Static_assert(sizeof(struct xen_sysctl_perfc_op) == 32, "perfc_op");

/* Xen sysctl.h: the argument of every sysctl. */
struct xen_sysctl {
    uint32_t cmd;                       /* 0 */
    uint32_t interface_version;         /* 4 */
    union {
        struct xen_sysctl_perfc_op perfc_op;
        uint8_t pad[128];
    } u;                                /* 8 */
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);
_Static_assert(sizeof(struct xen_sysctl) == 136, "xen_sysctl");

#endif /* __ASSEMBLY__ */

#endif /* PUBLIC_SYSCTL_H */
