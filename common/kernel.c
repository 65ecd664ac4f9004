/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen_version (hypercall 17) and what the handlers know of the machine
 * and dom0 (hv_info). The version is the Xen release whose interface we
 * follow, so that guests take the paths they take on Xen 4.17.
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/string.h>
#include <xen/version.h>

/* The Xen release whose interface we follow (docs/hypercalls.md). */
#define XEN_ABI_MAJOR       4
#define XEN_ABI_MINOR       17
#define COMPILER_STRING     "gcc " __VERSION__

struct hv_info hv_info;

/* Copies a NUL-terminated string into a fixed-size Xen version buffer. */
static long version_string(uint64_t arg, const char *s, size_t buf_bytes)
{
    char buf[1024];

    if ( buf_bytes > sizeof(buf) )
        return -XEN_EINVAL;
    memset(buf, 0, buf_bytes);
    memcpy(buf, s, strnlen(s, buf_bytes - 1));
    return copy_to_guest(arg, buf, buf_bytes) ? -XEN_EFAULT : 0;
}

/* s into a zeroed field of size bytes, cut to leave its NUL. */
static void set_field(char *field, size_t size, const char *s)
{
    size_t n = strlen(s);

    memcpy(field, s, n < size ? n : size - 1);
}

long do_xen_version(uint64_t cmd, uint64_t arg)
{
    struct xen_feature_info fi;
    struct xen_platform_parameters pp;
    struct xen_compile_info ci;

    switch ( cmd )
    {
    case XENVER_version:
        return (XEN_ABI_MAJOR << 16) | XEN_ABI_MINOR;
    case XENVER_extraversion:       /* xen_extraversion_t: 16 bytes */
        return version_string(arg, "-hv" XEN_VERSION_STRING, 16);
    case XENVER_capabilities:       /* xen_capabilities_info_t: 1024 */
        return version_string(arg, "xen-3.0-x86_64", 1024);
    case XENVER_changeset:          /* xen_changeset_info_t: 64 */
        return version_string(arg, "unavailable", 64);
    case XENVER_compile_info:
        /*
         * No build host, user or date: the image is reproducible. The
         * unused bytes of each field are zeroed (XSA-122: no stack leak).
         */
        memset(&ci, 0, sizeof(ci));
        set_field(ci.compiler, sizeof(ci.compiler), COMPILER_STRING);
        set_field(ci.compile_by, sizeof(ci.compile_by), "hv");
        set_field(ci.compile_domain, sizeof(ci.compile_domain),
                  "unavailable");
        set_field(ci.compile_date, sizeof(ci.compile_date), "unavailable");
        return copy_to_guest(arg, &ci, sizeof(ci)) ? -XEN_EFAULT : 0;
    case XENVER_guest_handle:       /* dom0's handle: all zero, as Xen */
        return version_string(arg, "", 16);
    case XENVER_commandline:        /* xen_commandline_t: 1024 */
        return version_string(arg, hv_info.bi ? hv_info.bi->cmdline : "",
                              1024);
    case XENVER_platform_parameters:
        pp.virt_start = 0xffff800000000000ULL;
        return copy_to_guest(arg, &pp, sizeof(pp)) ? -XEN_EFAULT : 0;
    case XENVER_get_features:
        if ( copy_from_guest(&fi, arg, sizeof(fi)) )
            return -XEN_EFAULT;
        if ( fi.submap_idx >= XENFEAT_NR_SUBMAPS )
            return -XEN_EINVAL;
        /*
         * What Xen 4.17 offers a PV dom0 (Linux refuses to boot without
         * preserve_ad and gnttab_map_avail_bits): MMU_PT_UPDATE_PRESERVE_AD,
         * MMUEXT_CLEAR_PAGE/COPY_PAGE, grant mappings that would keep the
         * available bits (there are none: grants are never mapped, dom0
         * has only its own table). No writable page tables.
         */
        fi.submap = (1U << XENFEAT_mmu_pt_update_preserve_ad) |
                    (1U << XENFEAT_highmem_assist) |
                    (1U << XENFEAT_gnttab_map_avail_bits) |
                    (1U << XENFEAT_dom0);
        return copy_to_guest(arg, &fi, sizeof(fi)) ? -XEN_EFAULT : 0;
    case XENVER_pagesize:
        return 4096;
    }
    return hypercall_unimplemented(__HYPERVISOR_xen_version, cmd);
}
