/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * First code at the linked address, and the storage of the boot page
 * tables and stacks (all in BSS, cleared before use).
 */
#include <asm/asm.h>
#include <asm/config.h>
#include <asm/page.h>
#include <asm/x86-defs.h>

        .text
        .code64

/*
 * Reached from start64_low with the boot L4 live.
 * in: %r12 boot information (physical), %r13 physical address of start.
 */
FUNC(start64_high)
        lea     cpu0_stack_top(%rip), %rsp
        xor     %ebp, %ebp              /* ends stack traces */
        mov     %r12, %rdi
        lea     start(%rip), %rax       /* linked address of start */
        sub     %rax, %r13
        mov     %r13, %rsi              /* physical minus linked: the offset */
        call    arch_mb2_entry
        ud2
END(start64_high)

        .section .bss.page_aligned, "aw", @nobits

/* The L4 the BIOS path runs on. */
DATA(l4_boot, PAGE_SIZE)
        .skip PAGE_SIZE
END(l4_boot)

/* Identity map of the low 4 GiB, used only across the switch. */
DATA(l3_ident, PAGE_SIZE)
        .skip PAGE_SIZE
END(l3_ident)
DATA(l2_ident, PAGE_SIZE)
        .skip 4 * PAGE_SIZE
END(l2_ident)

/* The image at its linked address, in 4 KiB pages. */
DATA(l3_xen, PAGE_SIZE)
        .skip PAGE_SIZE
END(l3_xen)
DATA(l2_xen, PAGE_SIZE)
        .skip PAGE_SIZE
END(l2_xen)
DATA(l1_xen, PAGE_SIZE)
        .skip XEN_IMG_L1_TABLES * PAGE_SIZE
END(l1_xen)

/* Direct map of the low 4 GiB in 2 MiB pages. */
DATA(l3_dmap, PAGE_SIZE)
        .skip PAGE_SIZE
END(l3_dmap)
DATA(l2_dmap, PAGE_SIZE)
        .skip 4 * PAGE_SIZE
END(l2_dmap)

/* Stack of the 32-bit and low 64-bit code. */
DATA(boot_stack, PAGE_SIZE)
        .skip PAGE_SIZE
END(boot_stack)
DATA(boot_stack_top, 8)
END(boot_stack_top)

/* Stack of the boot CPU from the linked address on. */
DATA(cpu0_stack, PAGE_SIZE)
        .skip STACK_SIZE
END(cpu0_stack)
DATA(cpu0_stack_top, 8)
END(cpu0_stack_top)
