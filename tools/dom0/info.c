/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-info: what the hypervisor says about the EFI firmware: system table
 * revision, vendor, runtime-services revision and the configuration
 * tables (docs/tools.md).
 */
#include "console.h"
#include "dom0.h"
#include "fwinfo.h"
#include "lib.h"
#include "mm.h"

static void info_error(const char *what, long rc)
{
    console_line("xen-info: %s: error rc=%ld (%s)", what, rc,
                 fwinfo_errno_name(rc));
}

static void info_config_tables(void)
{
    union xenpf_efi_info info = { 0 };
    char line[FWINFO_LINE_MAX];
    const uint8_t *e;
    uint32_t i;
    long rc;

    rc = fw_efi_info(XEN_FW_EFI_CONFIG_TABLE, &info);
    if ( rc )
        return info_error("config_table", rc);
    console_line("xen-info: config_table addr=0x%llx nent=%u",
                 (unsigned long long)info.cfg.addr, info.cfg.nent);
    for ( i = 0; i < info.cfg.nent; i++ )
    {
        e = mm_map(info.cfg.addr + (uint64_t)i * FWINFO_CFG_ENTRY_BYTES,
                   FWINFO_CFG_ENTRY_BYTES, &rc);
        if ( !e )
            return info_error("config_table map", rc);
        console_line("xen-info: %s", fwinfo_cfg_line(line, i, e));
    }
    mm_unmap();
}

void info_run(const struct start_info *si)
{
    union xenpf_efi_info info = { 0 };
    uint16_t name[64];
    char vendor[64];
    long rc;

    rc = fw_efi_info(XEN_FW_EFI_VERSION, &info);
    if ( rc )
        info_error("version", rc);
    else
        console_line("xen-info: efi version=0x%x (%u.%u)", info.version,
                     info.version >> 16, info.version & 0xffff);

    memset(&info, 0, sizeof(info));
    memset(name, 0, sizeof(name));
    info.vendor.bufsz = sizeof(name);
    set_xen_guest_handle(info.vendor.name, name);
    rc = fw_efi_info(XEN_FW_EFI_VENDOR, &info);
    if ( rc )
        info_error("vendor", rc);
    else
        console_line("xen-info: vendor=\"%s\" revision=0x%x",
                     fwinfo_ucs2_ascii(vendor, sizeof(vendor), name,
                                       ARRAY_SIZE(name)),
                     info.vendor.revision);

    memset(&info, 0, sizeof(info));
    rc = fw_efi_info(XEN_FW_EFI_RT_VERSION, &info);
    if ( rc )
        info_error("rt_version", rc);
    else
        console_line("xen-info: rt_version=0x%x", info.version);

    info_config_tables();
}
