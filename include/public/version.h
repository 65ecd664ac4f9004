/* SPDX-License-Identifier: MIT */
/*
 * xen_version (hypercall 17): version, build and feature queries. Numbers
 * and layouts are Xen's (xen/include/public/version.h).
 */
#ifndef PUBLIC_VERSION_H
#define PUBLIC_VERSION_H

#include "xen.h"
#include "features.h"

/* Returns major << 16 | minor; the argument is ignored. */
#define XENVER_version              0
#define XENVER_extraversion         1
#define XENVER_compile_info         2
#define XENVER_capabilities         3
#define XENVER_changeset            4
#define XENVER_platform_parameters  5
#define XENVER_get_features         6
#define XENVER_pagesize             7
#define XENVER_guest_handle         8
#define XENVER_commandline          9
#define XENVER_build_id             10

#ifndef __ASSEMBLY__

typedef char xen_extraversion_t[16];
#define XEN_EXTRAVERSION_LEN        (sizeof(xen_extraversion_t))

/* Xen version.h: answer to XENVER_compile_info. */
struct xen_compile_info {
    char compiler[64];          /* 0 */
    char compile_by[16];        /* 64 */
    char compile_domain[32];    /* 80 */
    char compile_date[32];      /* 112 */
};
typedef struct xen_compile_info xen_compile_info_t;
_Static_assert(sizeof(struct xen_compile_info) == 144, "xen_compile_info");

typedef char xen_capabilities_info_t[1024];
#define XEN_CAPABILITIES_INFO_LEN   (sizeof(xen_capabilities_info_t))

typedef char xen_changeset_info_t[64];
#define XEN_CHANGESET_INFO_LEN      (sizeof(xen_changeset_info_t))

/* Xen version.h: answer to XENVER_platform_parameters. */
struct xen_platform_parameters {
    xen_ulong_t virt_start;     /* 0: lowest virtual address we keep */
};
typedef struct xen_platform_parameters xen_platform_parameters_t;
_Static_assert(sizeof(struct xen_platform_parameters) == 8,
               "xen_platform_parameters");

/* Xen version.h: argument of XENVER_get_features. */
struct xen_feature_info {
    unsigned int submap_idx;    /* 0: in: which 32-bit submap */
    uint32_t submap;            /* 4: out: XENFEAT_* bits */
};
typedef struct xen_feature_info xen_feature_info_t;
_Static_assert(sizeof(struct xen_feature_info) == 8, "xen_feature_info");
_Static_assert(offsetof(struct xen_feature_info, submap) == 4,
               "xen_feature_info.submap");

typedef char xen_commandline_t[1024];

/* Xen version.h: argument of XENVER_build_id. */
struct xen_build_id {
    uint32_t len;               /* 0: in: size of buf */
    unsigned char buf[];        /* 4: out */
};
typedef struct xen_build_id xen_build_id_t;
_Static_assert(offsetof(struct xen_build_id, buf) == 4, "xen_build_id.buf");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_VERSION_H */
