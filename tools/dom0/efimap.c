/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-efimap: the EFI memory map as the hypervisor keeps it after
 * ExitBootServices, through this project's XEN_FW_EFI_MEMORY_MAP sub-op
 * (include/public/platform.h, docs/hypercalls.md). Xen has no such sub-op:
 * there the tool says so in one line with the error, and xen-e820 shows
 * what Xen offers instead.
 */
#include <public/errno.h>
#include <public/platform.h>

#include "console.h"
#include "dom0.h"
#include "fwinfo.h"
#include "lib.h"

/* Room for 512 descriptors of 48 bytes; 24 KiB of .bss. */
static uint8_t efimap_buf[512 * 48];

long efimap_query(union xenpf_efi_info *info, void *buf, uint64_t size)
{
    memset(info, 0, sizeof(*info));
    set_xen_guest_handle(info->memmap.buffer, buf);
    info->memmap.size = size;
    return fw_efi_info(XEN_FW_EFI_MEMORY_MAP, info);
}

void efimap_run(const struct start_info *si)
{
    union xenpf_efi_info info;
    char line[FWINFO_LINE_MAX];
    uint32_t i;
    long rc;

    /* A null buffer asks for the sizes only. */
    rc = efimap_query(&info, NULL, 0);
    if ( rc )
    {
        console_line("xen-efimap: not available from this hypervisor: "
                     "rc=%ld (%s)", rc, fwinfo_errno_name(rc));
        return;
    }
    if ( info.memmap.desc_size < XEN_FW_EFI_MEMORY_DESC_MIN_SIZE ||
         info.memmap.size > sizeof(efimap_buf) )
    {
        console_line("xen-efimap: cannot take the map: desc_size=%u "
                     "size=0x%llx", info.memmap.desc_size,
                     (unsigned long long)info.memmap.size);
        return;
    }
    rc = efimap_query(&info, efimap_buf, sizeof(efimap_buf));
    if ( rc )
    {
        console_line("xen-efimap: memory_map: error rc=%ld (%s)", rc,
                     fwinfo_errno_name(rc));
        return;
    }
    if ( info.memmap.desc_size < XEN_FW_EFI_MEMORY_DESC_MIN_SIZE ||
         (uint64_t)info.memmap.nr_desc * info.memmap.desc_size >
         sizeof(efimap_buf) )
    {
        console_line("xen-efimap: bad answer: desc_size=%u nr_desc=%u",
                     info.memmap.desc_size, info.memmap.nr_desc);
        return;
    }
    console_line("xen-efimap: %u descriptors of %u bytes, version %u",
                 info.memmap.nr_desc, info.memmap.desc_size,
                 info.memmap.desc_version);
    for ( i = 0; i < info.memmap.nr_desc; i++ )
        console_line("xen-efimap: %s", fwinfo_efimap_line(line, i,
                     efimap_buf + (size_t)i * info.memmap.desc_size));
}
