/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The .sbat section of xen.efi: the SBAT records of arch/x86/efi/sbat.csv
 * (see docs/secureboot.md), read-only data of its own, never executed.
 * The text is not NUL-terminated: the section's size ends it.
 */
        .section .sbat, "a", @progbits
        .incbin "arch/x86/efi/sbat.csv"
