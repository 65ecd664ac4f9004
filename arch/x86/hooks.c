/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hooks of xen/arch.h: what common/ may ask of the CPU and of the
 * direct map.
 */
#include <xen/arch.h>
#include <asm/config.h>
#include <asm/io.h>

/* See xen/arch.h. */
uint64_t arch_timestamp(void)
{
    return rdtsc();
}

/* See xen/arch.h. */
uint64_t arch_current_pt_base(void)
{
    return read_cr3();
}

/* See xen/arch.h. */
bool arch_boot_directmap_covers(paddr_t pa, uint64_t bytes)
{
    return pa <= BOOT_DIRECTMAP_BYTES && bytes <= BOOT_DIRECTMAP_BYTES - pa;
}

/* See xen/arch.h. */
void *maddr_to_virt(paddr_t pa)
{
    return __va(pa);
}
