/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * efi_multiboot2: the multiboot2-on-UEFI path at the linked address. GRUB
 * already loaded the modules and gave the command line (both are in
 * boot_info); GRUB gave no memory map on this path, so the common
 * boot-services phase reads it with GetMemoryMap. The dom0 kernel (the
 * first module) goes to shim's lock protocol first, as on the xen.efi
 * path (efi_verify_dom0). A failure while boot
 * services live prints one "ERR:" line and leaves through the firmware's
 * Exit with GRUB's image handle, so the firmware moves to its next option.
 */
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>

efi_status_t efi_multiboot2(efi_handle_t image, struct efi_system_table *st,
                            void *arg)
{
    /* The load-address code handed us its physical pointer. */
    struct boot_info *bi = efi_linked_va((uint64_t)(uintptr_t)arg);
    efi_status_t s;
    char buf[32];

    bi->tsc[BOOT_PHASE_LINKED] = arch_timestamp();
    console_init_early();
    /* GRUB gave the command line: lines from here obey its loglvl=. */
    console_loglvl_init(bi->cmdline);
    efi_boot_init(image, st, bi);
    printk("multiboot2 EFI entry (boot services on), image at %#lx, "
           "efi_multiboot2 at %p; efi_l4_bootmap active (CR3 %#lx, "
           "firmware CR3 %#lx)\n", (unsigned long)bi->load_base_pa,
           (void *)efi_multiboot2, (unsigned long)arch_current_pt_base(),
           (unsigned long)efi_fw_cr3);

    if ( bi->nr_modules && (s = efi_verify_dom0(&bi->modules[0])) )
    {
        printk(XENLOG_ERR "Returning to the firmware\n");
        return s;
    }
    efi_tables_scan(bi);
    efi_retain_tables(bi);
    printk(XENLOG_INFO "Calling ExitBootServices\n");
    s = efi_exit_boot_services(bi);
    if ( s != EFI_SUCCESS )
    {
        printk("ERR: ExitBootServices failed after %u calls (%s)\n",
               bi->efi_ebs_tries, efi_status_str(s, buf, sizeof(buf)));
        return s;
    }
    arch_efi_start_xen(bi);
}
