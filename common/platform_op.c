/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * platform_op for dom0: the interface-version check, firmware_info with
 * the EFI sub-ops Linux's Xen EFI code reads (reference 4.3, 4.4, 5), and
 * efi_runtime_call (common/efi/runtime_op.c); the machine's side (time, ACPI
 * sleep, CPU information) through arch_platform_op. Only the union part
 * of the argument is written back, as Xen does.
 */
#include <efi/efi.h>
#include <xen/boot_timeline.h>
#include <xen/efi_rtcall.h>
#include <xen/efimap.h>
#include <xen/efimap_hv.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/pv_abi.h>
#include <xen/string.h>

#define EFI_RT_SIGNATURE    0x56524553544e5552ULL
#define VENDOR_MAX_UNITS    256

static bool efi_booted(void)
{
    return hv_info.bi->efi_systab_pa && hv_info.bi->efi_map_bytes;
}

static const struct efi_system_table *efi_systab(void)
{
    return arch_fw_ptr(hv_info.bi->efi_systab_pa,
                       sizeof(struct efi_system_table));
}

static const struct efi_runtime_services *efi_rt(void)
{
    const struct efi_system_table *st = efi_systab();
    const struct efi_runtime_services *rt;

    if ( !st )
        return NULL;
    rt = arch_fw_ptr((uint64_t)(uintptr_t)st->rt, sizeof(*rt));
    return rt && rt->hdr.signature == EFI_RT_SIGNATURE ? rt : NULL;
}

/* XEN_FW_EFI_MEM_INFO: the firmware descriptor holding addr, unmerged. */
static long efi_mem_info(union xenpf_efi_info *info)
{
    const struct boot_info *bi = hv_info.bi;

    for ( uint64_t off = 0; bi->efi_desc_bytes >= 40 &&
          off + bi->efi_desc_bytes <= bi->efi_map_bytes;
          off += bi->efi_desc_bytes )
    {
        struct efimap_fw_desc d;
        struct efimap_entry e;

        memcpy(&d, bi->efi_map + off, sizeof(d));
        if ( !d.nr_pages || d.nr_pages > (UINT64_MAX >> 12) ||
             d.phys_start + (d.nr_pages << 12) - 1 < d.phys_start )
            continue;
        e = (struct efimap_entry){ .start_pa = d.phys_start,
                                   .nr_pages = d.nr_pages, .attr = d.attr,
                                   .type = d.type };
        if ( efimap_mem_info(&e, 1, info->mem.addr, &info->mem.size,
                             &info->mem.attr, &info->mem.type) ==
             EFIMAP_OK )
            return 0;
    }
    return -XEN_ESRCH;
}

static long efi_vendor(union xenpf_efi_info *info)
{
    const struct efi_system_table *st = efi_systab();
    uint16_t name[VENDOR_MAX_UNITS];
    const uint16_t *src;
    uint32_t units = MIN(info->vendor.bufsz / 2, (uint32_t)VENDOR_MAX_UNITS);
    uint32_t n = 0;

    if ( !st || !efi_rt() )
        return -XEN_EOPNOTSUPP;
    info->vendor.revision = st->firmware_revision;
    src = arch_fw_ptr(st->firmware_vendor, VENDOR_MAX_UNITS * 2);
    if ( !src )
        return -XEN_EOPNOTSUPP;
    while ( n < units )
    {
        name[n] = src[n];
        if ( !name[n++] )
            break;
    }
    if ( n && copy_to_guest(guest_handle_va(info->vendor.name), name, n * 2) )
        return -XEN_EFAULT;
    return 0;
}

/*
 * XEN_FW_EFI_MEMORY_MAP (ours, include/public/platform.h): the firmware's
 * descriptors as kept at ExitBootServices (retained tables already in
 * their new type), every page the hypervisor owns (arch_mm_owned()) turned
 * into EfiReservedMemoryType by efimap_hv_build(), desc_size as the
 * firmware gave. Built afresh on each call, into a buffer of hypervisor
 * frames sized for the map the first time (a map may hold thousands of
 * descriptors).
 */
static long efi_memory_map(union xenpf_efi_info *info)
{
    static uint8_t *map;
    static size_t map_room;
    size_t map_bytes;
    const struct efimap_hv_range *owned;
    unsigned int nr;
    const struct boot_info *bi = hv_info.bi;
    uint64_t buf = guest_handle_va(info->memmap.buffer);
    uint64_t room = info->memmap.size;
    enum efimap_hv_status st;

    if ( info->memmap.pad )
        return -XEN_EINVAL;
    if ( bi->efi_desc_bytes < XEN_FW_EFI_MEMORY_DESC_MIN_SIZE )
        return -XEN_EOPNOTSUPP;
    owned = arch_mm_owned(&nr);
    st = efimap_hv_build(bi->efi_map, bi->efi_map_bytes -
                         bi->efi_map_bytes % bi->efi_desc_bytes,
                         bi->efi_desc_bytes, owned, nr, map, map_room,
                         &map_bytes);
    if ( st == EFIMAP_HV_ERR_NO_ROOM )
    {
        if ( map )
            arch_rtcall_free(map, map_room);
        map_room = map_bytes;
        map = arch_rtcall_alloc(map_room);
        if ( !map )
        {
            map_room = 0;
            return -XEN_ENOMEM;
        }
        st = efimap_hv_build(bi->efi_map, bi->efi_map_bytes -
                             bi->efi_map_bytes % bi->efi_desc_bytes,
                             bi->efi_desc_bytes, owned, nr, map, map_room,
                             &map_bytes);
    }
    if ( st != EFIMAP_HV_OK )
        return -XEN_EOPNOTSUPP;
    info->memmap.desc_size = bi->efi_desc_bytes;
    info->memmap.desc_version = XEN_FW_EFI_MEMORY_DESC_VERSION;
    info->memmap.nr_desc = map_bytes / bi->efi_desc_bytes;
    info->memmap.size = map_bytes;
    if ( !buf )
        return 0;
    if ( room < info->memmap.size )
        return -XEN_ENOBUFS;
    return copy_to_guest(buf, map, map_bytes) ? -XEN_EFAULT : 0;
}

static long efi_info(uint32_t index, union xenpf_efi_info *info)
{
    const struct efi_system_table *st;
    const struct efi_runtime_services *rt;

    if ( !efi_booted() )
        return -XEN_ENOSYS;
    st = efi_systab();
    switch ( index )
    {
    case XEN_FW_EFI_VERSION:
        if ( !st )
            return -XEN_EOPNOTSUPP;
        info->version = st->hdr.revision;
        return 0;
    case XEN_FW_EFI_CONFIG_TABLE:
        if ( !st )
            return -XEN_EOPNOTSUPP;
        info->cfg.addr = (uint64_t)(uintptr_t)st->tables;
        info->cfg.nent = st->nr_tables;
        return 0;
    case XEN_FW_EFI_VENDOR:
        return efi_vendor(info);
    case XEN_FW_EFI_MEM_INFO:
        return efi_mem_info(info);
    case XEN_FW_EFI_RT_VERSION:
        rt = efi_rt();
        if ( !rt )
            return -XEN_EOPNOTSUPP;
        info->version = rt->hdr.revision;
        return 0;
    case XEN_FW_EFI_PCI_ROM:
        return -XEN_ESRCH;
    case XEN_FW_EFI_APPLE_PROPERTIES:
        return -XEN_ENODATA;
    case XEN_FW_EFI_MEMORY_MAP:
        return efi_memory_map(info);
    }
    return -XEN_EINVAL;
}

long do_platform_op(uint64_t arg)
{
    struct xen_platform_op op;
    long rc;

    if ( copy_from_guest(&op, arg, sizeof(op)) )
        return -XEN_EFAULT;
    if ( op.interface_version != XENPF_INTERFACE_VERSION )
        return -XEN_EACCES;
    if ( op.cmd == XENPF_get_boot_timeline )
        return arch_boot_timeline_op(arg, &op);
    /* As Xen: a non-zero mbz is refused, nothing else is checked. */
    if ( op.cmd == XENPF_settime32 )
        return arch_platform_settime(op.u.settime32.secs,
                                     op.u.settime32.nsecs,
                                     op.u.settime32.system_time);
    if ( op.cmd == XENPF_settime64 )
        return op.u.settime64.mbz ? -XEN_EINVAL :
               arch_platform_settime(op.u.settime64.secs,
                                     op.u.settime64.nsecs,
                                     op.u.settime64.system_time);
    if ( op.cmd == XENPF_efi_runtime_call )
    {
        const struct efi_runtime_services *rt;

        if ( !efi_booted() )
            return -XEN_ENOSYS;
        rt = efi_rt();
        rc = efi_runtime_op(&op.u.efi_runtime_call,
                            rt ? rt->hdr.revision : 0);
        if ( rc == 0 && copy_to_guest(arg + 8, &op.u.efi_runtime_call,
                                      sizeof(op.u.efi_runtime_call)) )
            rc = -XEN_EFAULT;
        return rc;
    }
    if ( op.cmd != XENPF_firmware_info )
        return arch_platform_op(arg, &op);

    switch ( op.u.firmware_info.type )
    {
    case XEN_FW_EFI_INFO:
        rc = efi_info(op.u.firmware_info.index,
                      &op.u.firmware_info.u.efi_info);
        break;
    case 1: case 2: case 3:         /* disk, MBR, VBE DDC: none kept */
        rc = -XEN_ESRCH;
        break;
    default:
        rc = -XEN_EINVAL;
        break;
    }
    /* A too-small EFI map buffer still learns the size it needs. */
    if ( (rc == 0 || rc == -XEN_ENOBUFS) &&
         copy_to_guest(arg + 8, &op.u, sizeof(op.u)) )
        rc = -XEN_EFAULT;
    return rc;
}
