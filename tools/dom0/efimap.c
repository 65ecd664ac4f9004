/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The XEN_FW_EFI_MEMORY_MAP query the hostile self-test makes
 * (include/public/platform.h, docs/hypercalls.md); the xen-efimap tool
 * itself is tools/lib/fwtools.c.
 */
#include <public/errno.h>
#include <public/platform.h>

#include "console.h"
#include "dom0.h"
#include "fwinfo.h"
#include "lib.h"

long efimap_query(union xenpf_efi_info *info, void *buf, uint64_t size)
{
    memset(info, 0, sizeof(*info));
    set_xen_guest_handle(info->memmap.buffer, buf);
    info->memmap.size = size;
    return fw_efi_info(XEN_FW_EFI_MEMORY_MAP, info);
}
