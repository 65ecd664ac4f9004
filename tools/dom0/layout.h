/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where the dom0 kernel lives. Included by the linker script, head.S and C.
 *
 * The image is linked at DOM0_VIRT_BASE, the top 2 GiB of the address space
 * (where Linux PV kernels live too, so -mcmodel=kernel applies), with each
 * segment's physical address equal to its virtual address minus
 * DOM0_VIRT_BASE. Xen's ELF loader, when the image carries ELF notes and no
 * PADDR_OFFSET note, places a segment at VIRT_BASE + p_paddr, so the first
 * byte of the image is dom0's pseudo-physical frame 0 and lands exactly at
 * DOM0_VIRT_BASE.
 */
#ifndef DOM0_LAYOUT_H
#define DOM0_LAYOUT_H

#define DOM0_VIRT_BASE      0xffffffff80000000
#define DOM0_STACK_BYTES    (16 * 1024)

#endif /* DOM0_LAYOUT_H */
