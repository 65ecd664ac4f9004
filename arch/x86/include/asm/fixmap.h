/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page-granular uncached mappings of device registers (the local APIC, the
 * I/O APICs) in the last 2 MiB of the image's 1 GiB window, one L1 table
 * shared by every L4 that carries the hypervisor's slots (dom0's too,
 * supervisor-only). The boot direct map covers the low 4 GiB with 2 MiB
 * write-back pages and is not the way to reach registers.
 */
#ifndef ASM_FIXMAP_H
#define ASM_FIXMAP_H

#include <xen/types.h>
#include <asm/config.h>

#define FIXMAP_VIRT_START   (XEN_VIRT_START + XEN_VIRT_SIZE - MB(2))
#define FIXMAP_SLOTS        512

/*
 * Maps the 4 KiB frame holding pa uncached (PCD|PWT), read-write, never
 * executable, and returns the virtual address of pa; NULL when the slots
 * are used up. Mappings are never taken down.
 */
void *fixmap_map_uc(paddr_t pa);

#endif /* ASM_FIXMAP_H */
