/* SPDX-License-Identifier: GPL-2.0-only */
/* Architectural register bits and MSR numbers (Intel SDM, AMD APM). */
#ifndef ASM_X86_DEFS_H
#define ASM_X86_DEFS_H

#define X86_CR0_PE      0x00000001
#define X86_CR0_MP      0x00000002
#define X86_CR0_ET      0x00000010
#define X86_CR0_NE      0x00000020
#define X86_CR0_WP      0x00010000
#define X86_CR0_PG      0x80000000

#define X86_CR4_PAE     0x00000020
#define X86_CR4_PGE     0x00000080
#define X86_CR4_OSFXSR  0x00000200

#define X86_EFLAGS_IF   0x00000200

#define MSR_EFER        0xc0000080
#define EFER_SCE        (1 << 0)
#define EFER_LME        (1 << 8)
#define EFER_LMA        (1 << 10)
#define EFER_NXE        (1 << 11)

/* CPUID 0x80000001 EDX. */
#define CPUID_EXT_NX_BIT    20
#define CPUID_EXT_LM_BIT    29

/*
 * Selectors of the hypervisor's GDT. They sit in the last page of a 64 KiB
 * GDT, where Xen puts them, so that PV guests can own the entries below.
 */
#define FIRST_RESERVED_GDT_BYTE 0xe000
#define __HYPERVISOR_CS     0xe008
#define __HYPERVISOR_DS     0xe010
#define FLAT_RING3_CS32     0xe023
#define FLAT_RING3_DS       0xe02b
#define FLAT_RING3_CS64     0xe033
#define __HYPERVISOR_CS32   0xe038
#define TSS_SELECTOR        0xe040

/* Selectors of the tiny GDT used only by the 32-bit boot code. */
#define BOOT_CS64       0x08
#define BOOT_DS         0x10
#define BOOT_CS32       0x18

#endif /* ASM_X86_DEFS_H */
