/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runtime services after ExitBootServices. They are called in physical
 * mode (no SetVirtualAddressMap) through the same thunk as boot services,
 * so they run on the firmware's own page tables.
 */
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <asm/config.h>
#include <asm/io.h>

void efi_reset_system(uint32_t type)
{
    /* Our page tables reach firmware memory only through the direct map. */
    uint64_t rt_pa = (uint64_t)(uintptr_t)efi_fw.rt;
    const struct efi_runtime_services *rt = __va(rt_pa);

    if ( !rt_pa || rt_pa + sizeof(*rt) > BOOT_DIRECTMAP_BYTES ||
         rt->hdr.signature != 0x56524553544e5552ULL )
    {
        printk("EFI runtime services not available\n");
        return;
    }
    printk("Calling EFI ResetSystem(%s)\n",
           type == EFI_RESET_SHUTDOWN ? "shutdown" :
           type == EFI_RESET_COLD ? "cold reset" : "reset");
    efi_call(rt->reset_system, type, EFI_SUCCESS, 0, 0);
    printk("EFI ResetSystem returned\n");
}
