/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypercall table of the PV dom0 and the small handlers: console_io,
 * sched_op and xen_version. Every guest pointer goes through
 * copy_from_guest / copy_to_guest; unknown numbers and sub-ops get Xen's
 * -ENOSYS.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/string.h>
#include <xen/version.h>

/* The longest line dom0 may print; longer ones are cut into pieces. */
#define CONSOLE_LINE_MAX    256
/* Bytes one console_io write may pass (Xen preempts instead). */
#define CONSOLE_WRITE_MAX   (64 * 1024)
/* The Xen release whose interface we follow (docs/hypercalls.md). */
#define XEN_ABI_MAJOR       4
#define XEN_ABI_MINOR       17

struct hv_info hv_info;

static char con_line[CONSOLE_LINE_MAX];
static size_t con_len;

static void console_flush_line(void)
{
    console_guest_line("(d0) ", con_line, con_len);
    con_len = 0;
}

long do_console_io(uint64_t cmd, uint64_t count, uint64_t buf)
{
    char chunk[128];
    uint64_t done = 0;

    if ( cmd == CONSOLEIO_read )    /* no input: nothing to read */
        return count > 0x7fffffff ? -XEN_E2BIG : 0;
    if ( cmd != CONSOLEIO_write )
        return -XEN_ENOSYS;
    if ( count > CONSOLE_WRITE_MAX )
        return -XEN_EINVAL;
    while ( done < count )
    {
        size_t n = MIN(count - done, (uint64_t)sizeof(chunk));

        if ( copy_from_guest(chunk, buf + done, n) )
            return -XEN_EFAULT;
        for ( size_t i = 0; i < n; i++ )
        {
            if ( chunk[i] == '\n' )
            {
                console_flush_line();
                continue;
            }
            if ( chunk[i] == '\r' || chunk[i] == '\0' )
                continue;
            if ( con_len == sizeof(con_line) )
                console_flush_line();
            con_line[con_len++] = chunk[i];
        }
        done += n;
    }
    return 0;
}

long do_sched_op(uint64_t cmd, uint64_t arg)
{
    struct sched_shutdown s;

    switch ( cmd )
    {
    case SCHEDOP_yield:
        return 0;
    case SCHEDOP_shutdown:
        if ( copy_from_guest(&s, arg, sizeof(s)) )
            return -XEN_EFAULT;
        if ( con_len )
            console_flush_line();
        pv_shutdown(s.reason);
    case SCHEDOP_block:
        return pv_sched_block();
    case SCHEDOP_poll:
        return pv_sched_poll(arg);
    }
    return -XEN_ENOSYS;
}

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

long do_xen_version(uint64_t cmd, uint64_t arg)
{
    struct xen_feature_info fi;
    struct xen_platform_parameters pp;

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
         * available bits (there are none: grant_table_op is ENOSYS). No
         * writable page tables.
         */
        fi.submap = (1U << XENFEAT_mmu_pt_update_preserve_ad) |
                    (1U << XENFEAT_highmem_assist) |
                    (1U << XENFEAT_gnttab_map_avail_bits) |
                    (1U << XENFEAT_dom0);
        return copy_to_guest(arg, &fi, sizeof(fi)) ? -XEN_EFAULT : 0;
    case XENVER_pagesize:
        return 4096;
    }
    return -XEN_ENOSYS;
}

long do_hypercall(uint64_t nr, uint64_t a1, uint64_t a2, uint64_t a3,
                  uint64_t a4, uint64_t a5)
{
    switch ( nr )
    {
    case __HYPERVISOR_console_io:
        return do_console_io(a1, a2, a3);
    case __HYPERVISOR_sched_op:
        return do_sched_op(a1, a2);
    case __HYPERVISOR_xen_version:
        return do_xen_version(a1, a2);
    case __HYPERVISOR_memory_op:
        return do_memory_op(a1, a2);
    case __HYPERVISOR_platform_op:
        return do_platform_op(a1);
    case __HYPERVISOR_update_va_mapping:
        return pv_update_va_mapping(a1, a2, a3);
    case __HYPERVISOR_mmu_update:
        return pv_mmu_update(a1, a2, a3, a4);
    case __HYPERVISOR_mmuext_op:
        return pv_mmuext_op(a1, a2, a3, a4);
    case __HYPERVISOR_multicall:
        return do_multicall(a1, a2);
    case __HYPERVISOR_vm_assist:
        return pv_vm_assist(a1, a2);
    case __HYPERVISOR_set_trap_table:   return pv_set_trap_table(a1);
    case __HYPERVISOR_set_gdt:          return pv_set_gdt(a1, a2);
    case __HYPERVISOR_stack_switch:     return pv_stack_switch(a1, a2);
    case __HYPERVISOR_set_callbacks:    return pv_set_callbacks(a1, a2, a3);
    case __HYPERVISOR_fpu_taskswitch:   return pv_fpu_taskswitch(a1);
    case __HYPERVISOR_update_descriptor: return pv_update_descriptor(a1, a2);
    case __HYPERVISOR_set_timer_op:     return pv_set_timer_op(a1);
    case __HYPERVISOR_vcpu_op:          return pv_vcpu_op(a1, a2, a3);
    case __HYPERVISOR_set_segment_base: return pv_set_segment_base(a1, a2);
    case __HYPERVISOR_callback_op:      return pv_callback_op(a1, a2);
    case __HYPERVISOR_event_channel_op: return do_event_channel_op(a1, a2);
    case __HYPERVISOR_physdev_op:       return pv_physdev_op(a1, a2);
    }
    return -XEN_ENOSYS;
}
