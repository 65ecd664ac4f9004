/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-efimap: the EFI memory map as the hypervisor keeps it after
 * ExitBootServices, through the XEN_FW_EFI_MEMORY_MAP sub-op this project
 * adds (docs/hypercalls.md). Xen has no such sub-op: there the tool says
 * so in one line with the error, and xen-e820 shows what Xen offers.
 */
#include "console.h"
#include "dom0.h"
#include "fwinfo.h"
#include "lib.h"

/* Room for 512 descriptors of 48 bytes; 24 KiB of .bss. */
static uint8_t efimap_buf[512 * 48];

void efimap_run(const struct start_info *si)
{
    union xenpf_efi_info info;
    char line[FWINFO_LINE_MAX];
    uint64_t off, nr;
    long rc;

    memset(&info, 0, sizeof(info));
    info.memmap.size = sizeof(efimap_buf);
    info.memmap.buffer = (unsigned long)efimap_buf;
    rc = fw_efi_info(XEN_FW_EFI_MEMORY_MAP, &info);
    if ( rc )
    {
        console_line("xen-efimap: not available from this hypervisor: "
                     "rc=%ld (%s)", rc, fwinfo_errno_name(rc));
        return;
    }
    if ( info.memmap.desc_size < 40 || info.memmap.size > sizeof(efimap_buf) )
    {
        console_line("xen-efimap: bad answer: desc_size=%u size=0x%llx",
                     info.memmap.desc_size,
                     (unsigned long long)info.memmap.size);
        return;
    }
    nr = info.memmap.size / info.memmap.desc_size;
    console_line("xen-efimap: %llu descriptors of %u bytes, version %u",
                 (unsigned long long)nr, info.memmap.desc_size,
                 info.memmap.desc_version);
    for ( off = 0; off + info.memmap.desc_size <= info.memmap.size;
          off += info.memmap.desc_size )
        console_line("xen-efimap: %s",
                     fwinfo_efimap_line(line,
                                        off / info.memmap.desc_size,
                                        efimap_buf + off));
}
