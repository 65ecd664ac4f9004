/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * efifloor.efi: the firmware floor of the boot benchmark (bench/). An EFI
 * application that says one line and powers the machine off at once, so
 * its boot time is what the firmware costs before and after any image.
 */
#include <efi/efi.h>

efi_status_t EFIAPI floor_entry(efi_handle_t image,
                                struct efi_system_table *st);

/*
 * One absolute pointer, so the image has a base relocation like any real
 * EFI image and loads the same way.
 */
static const char16_t *volatile floor_msg =
    u"FLOOR: firmware floor, powering off\r\n";

/* The image's entry point: one line on ConOut, then ResetSystem(off). */
efi_status_t EFIAPI floor_entry(efi_handle_t image,
                                struct efi_system_table *st)
{
    st->con_out->output_string(st->con_out, floor_msg);
    st->rt->reset_system(EFI_RESET_SHUTDOWN, 0, 0, NULL);
    return EFI_SUCCESS;
}
