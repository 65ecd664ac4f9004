/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's virtual address layout, as Xen has it on x86-64 (Xen's
 * asm/config.h): the image is linked in PML4 slot 261, the direct map of
 * physical memory starts at slot 262. Usable from C, assembly and the
 * linker script.
 */
#ifndef ASM_CONFIG_H
#define ASM_CONFIG_H

#if defined(__ASSEMBLY__)
#define _AC(x, s)   x
#else
#define _AC(x, s)   x##s
#endif

#define KB(x)       (_AC(x, UL) << 10)
#define MB(x)       (_AC(x, UL) << 20)
#define GB(x)       (_AC(x, UL) << 30)

#define PAGE_SHIFT          12
#define PAGE_SIZE           (_AC(1, UL) << PAGE_SHIFT)

/* Slots 256-271 belong to the hypervisor, as in Xen. */
#define HYPERVISOR_VIRT_START   _AC(0xffff800000000000, UL)
#define HYPERVISOR_VIRT_END     _AC(0xffff880000000000, UL)

/* The 1 GiB window holding the image; the image starts 2 MiB into it. */
#define XEN_VIRT_START      _AC(0xffff82d040000000, UL)
#define XEN_VIRT_SIZE       GB(1)
#define XEN_IMG_OFFSET      _AC(0x200000, UL)
#define XEN_IMG_START       (XEN_VIRT_START + XEN_IMG_OFFSET)

/* The image is mapped with 4 KiB pages through this many L1 tables. */
#define XEN_IMG_L1_TABLES   8
#define XEN_IMG_MAX_BYTES   (XEN_IMG_L1_TABLES * MB(2))

/* Direct map of all physical memory. */
#define DIRECTMAP_VIRT_START    _AC(0xffff830000000000, UL)
#define DIRECTMAP_VIRT_END      _AC(0xffff880000000000, UL)

/* What the boot page tables map in the direct map before mm is up. */
#define BOOT_DIRECTMAP_BYTES    GB(4)

/* Physical address the image is linked for (GRUB may move it). */
#define XEN_LINK_PA         XEN_IMG_OFFSET

#define STACK_SIZE          KB(16)

#endif /* ASM_CONFIG_H */
