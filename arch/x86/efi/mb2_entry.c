/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The multiboot2-on-UEFI entry before the switch: GRUB loaded the ELF image
 * as it is, at its chosen address, so pointers in the image already name
 * linked addresses and nothing needs relocating; only the mapping is
 * missing. Here, at the load address under the firmware's page tables:
 * parse the boot information with the same pure parser as every other path
 * (lib/boot/mb2.c has no absolute relocations: see scripts/check-pic.sh), make
 * sure it holds what this path needs, then switch exactly as xen.efi does.
 *
 * Failures before the system table is known can only go to COM1; the
 * machine then halts, as there is nobody to return to. The system table
 * pointer of tag 12 is checked (mb2_systab_check(), then its signature)
 * before anything reads it, so a hostile value is an ERR line, not a
 * fault.
 */
#include <xen/cc.h>
#include <xen/efi.h>
#include <xen/mb2.h>
#include <xen/string.h>
#include <asm/bootmap.h>
#include <asm/io.h>

#define MBI_MAX_BYTES   (1U << 20)

static struct boot_info mb2efi_boot_info;

void __noreturn efi_mb2_entry(paddr_t mbi_pa);

/* COM1 and halt (arch/x86/boot/head.S); usable at the load address. */
void __noreturn boot_fail64(const char *msg);

/* boot_fail64() with the message made of two parts. */
static void __noreturn mb2_entry_fail(const char *what, const char *why)
{
    static char msg[160];
    size_t n = strlen(what), m = strlen(why);

    if ( m > sizeof(msg) - 1 - n )
        m = sizeof(msg) - 1 - n;
    memcpy(msg, what, n);
    memcpy(msg + n, why, m);
    msg[n + m] = '\0';
    boot_fail64(msg);
}

void efi_mb2_entry(paddr_t mbi_pa)
{
    struct boot_info *bi = &mb2efi_boot_info;
    struct efi_system_table *st;
    enum mb2_status st_ok;
    uint32_t total = *(const uint32_t *)(uintptr_t)mbi_pa;
    efi_status_t s;
    struct cc_probe cc;
    enum cc_kind kind;

    bi->tsc[BOOT_PHASE_ENTRY] = rdtsc();
    /* First, while the firmware still handles #VC / #VE for us. */
    arch_cc_probe(&cc);
    kind = cc_classify(&cc);
    if ( kind != CC_NONE )
        boot_fail64(arch_cc_refusal(kind));
    if ( total > MBI_MAX_BYTES ||
         mb2_parse((const void *)(uintptr_t)mbi_pa, total, bi) != MB2_OK )
        boot_fail64("ERR: multiboot2 information rejected (EFI entry)");
    if ( !bi->efi_bs_active )
        boot_fail64("ERR: EFI entry without boot services (no tag 18)");
    if ( !bi->efi_systab_pa || !bi->efi_image_handle )
        boot_fail64("ERR: EFI entry without system table or image handle "
                   "(tags 12, 20)");
    /* Only a pointer that can be read safely is read (lib/boot/mb2.c). */
    st_ok = mb2_systab_check(bi, sizeof(*st));
    bi->entry = BOOT_ENTRY_MB2_EFI;
    bi->load_base_pa = (paddr_t)(uintptr_t)_start;
    bi->mbi_pa = mbi_pa;

    st = (struct efi_system_table *)(uintptr_t)bi->efi_systab_pa;
    if ( st_ok == MB2_OK && st->hdr.signature != EFI_SYSTEM_TABLE_SIGNATURE )
        st_ok = MB2_SYSTAB_SIGNATURE;
    if ( st_ok != MB2_OK )
        mb2_entry_fail("ERR: multiboot2 tag 12: ", mb2_strerror(st_ok));
    s = efi_prepare_bootmap(st);
    if ( s == EFI_SUCCESS )
        s = efi_enter_linked(efi_multiboot2,
                             (efi_handle_t)(uintptr_t)bi->efi_image_handle,
                             st, bi);
    /* Give the firmware its next boot option, as a failed image would. */
    st->bs->exit((efi_handle_t)(uintptr_t)bi->efi_image_handle, s, 0, NULL);
    boot_fail64("ERR: EFI Exit returned");
}
