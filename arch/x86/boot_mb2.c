/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The multiboot2 BIOS path after the switch: read the boot information
 * through the direct map, normalize it with mb2_parse() and enter
 * __start_xen(). Boot services are gone on this path, so anything that
 * says otherwise is refused here with one clear line.
 */
#include <xen/bootinfo.h>
#include <xen/console.h>
#include <xen/mb2.h>
#include <xen/setup.h>
#include <asm/bootmap.h>
#include <asm/config.h>
#include <asm/io.h>

/* No sane loader builds a larger information block. */
#define MBI_MAX_BYTES   MB(1)

static struct boot_info boot_info;

/* The TSC at the first instruction of start (arch/x86/boot/head.S). */
extern uint64_t boot_entry_tsc;

/*
 * Called by start64_high (x86_64.S) at the linked address on the boot page
 * tables, with the MBI's physical address and the image's physical minus
 * linked address. Never returns: __start_xen, or an ERR line and halt.
 */
void __noreturn arch_mb2_entry(paddr_t mbi_pa, int64_t phys_minus_virt);
void __noreturn arch_mb2_entry(paddr_t mbi_pa, int64_t phys_minus_virt)
{
    struct boot_info *bi = &boot_info;
    enum mb2_status st;
    uint32_t total;

    bi->tsc[BOOT_PHASE_LINKED] = rdtsc();
    bi->tsc[BOOT_PHASE_ENTRY] = boot_entry_tsc;
    console_init_early();

    bi->entry = BOOT_ENTRY_MB2_BIOS;
    bi->load_base_pa = (paddr_t)((int64_t)(uintptr_t)_start + phys_minus_virt);
    bi->mbi_pa = mbi_pa;

    if ( mbi_pa + 8 > BOOT_DIRECTMAP_BYTES )
        boot_fail("multiboot2 information at %#lx is above 4 GiB",
                  (unsigned long)mbi_pa);
    total = *(const uint32_t *)__va(mbi_pa);
    if ( total > MBI_MAX_BYTES || mbi_pa + total > BOOT_DIRECTMAP_BYTES )
        boot_fail("multiboot2 information size %u at %#lx is not credible",
                  total, (unsigned long)mbi_pa);
    bi->mbi_bytes = total;

    st = mb2_parse(__va(mbi_pa), total, bi);
    if ( st != MB2_OK )
        boot_fail("multiboot2 information rejected: %s", mb2_strerror(st));
    if ( bi->have_mb2_load_base && bi->mb2_load_base_pa != bi->load_base_pa )
        boot_fail("loader says the image is at %#lx, it runs at %#lx",
                  (unsigned long)bi->mb2_load_base_pa,
                  (unsigned long)bi->load_base_pa);
    if ( bi->efi32_seen )
        boot_fail("IA-32 EFI firmware is not supported (EFI32 tag present)");
    if ( bi->efi_bs_active )
        boot_fail("loader kept EFI boot services but entered the 32-bit "
                  "entry point");
    if ( !bi->nr_e820 && !bi->efi_map_bytes )
        boot_fail("multiboot2 information has no memory map (tag 6 or 17)");

    __start_xen(bi);
}
