/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Firmware queries shared by the dom0 tools (tools/dom0/dom0.h).
 */
#include <public/errno.h>

#include "dom0.h"
#include "fwinfo.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"

long fw_efi_info(unsigned int index, union xenpf_efi_info *info)
{
    struct xen_platform_op op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XENPF_firmware_info;
    op.interface_version = XENPF_INTERFACE_VERSION;
    op.u.firmware_info.type = XEN_FW_EFI_INFO;
    op.u.firmware_info.index = index;
    op.u.firmware_info.u.efi_info = *info;
    rc = hypercall_platform_op(&op);
    *info = op.u.firmware_info.u.efi_info;
    return rc;
}

long fw_find_config_table(const void *guid, uint64_t *pa)
{
    union xenpf_efi_info info = { 0 };
    const uint8_t *tab;
    uint32_t i;
    long rc;

    rc = fw_efi_info(XEN_FW_EFI_CONFIG_TABLE, &info);
    if ( rc )
        return rc;
    for ( i = 0; i < info.cfg.nent; i++ )
    {
        /* One entry at a time: the array may span more than the window. */
        tab = mm_map(info.cfg.addr + (uint64_t)i * FWINFO_CFG_ENTRY_BYTES,
                     FWINFO_CFG_ENTRY_BYTES, &rc);
        if ( !tab )
            return rc;
        if ( !memcmp(tab, guid, 16) )
        {
            memcpy(pa, tab + 16, sizeof(*pa));
            mm_unmap();
            return 0;
        }
    }
    mm_unmap();
    return -XEN_ENOENT;
}
