/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry of the dom0 kernel and its Xen ELF notes.
 *
 * The hypervisor enters at _start in 64-bit mode at ring 3 (the PV64
 * ABI, reference 6.2) with RSI = the virtual address of start_info, RSP at
 * the end of a stack page it made, and the initial page tables read-only.
 * We switch to a stack of our own in .bss and call dom0_main(start_info).
 *
 * Built with DOM0_HYPERCALL_PAGE (build/dom0/dom0-hcpage), the image also
 * carries a HYPERCALL_PAGE note naming a page of its text, which the
 * hypervisor fills with one 32-byte call stub per hypercall (reference
 * 4.2); tools/dom0/hypercall.c uses it when it was filled.
 */
#include <public/elfnote.h>
#include <public/features.h>

#include "layout.h"

/* One "Xen" ELF note: name "Xen\0", then desc, both padded to 4 bytes. */
.macro XEN_NOTE type, desc:vararg
    .balign 4
    .long .Lname_end\@ - .Lname\@
    .long .Ldesc_end\@ - .Ldesc\@
    .long \type
.Lname\@:
    .asciz "Xen"
.Lname_end\@:
    .balign 4
.Ldesc\@:
    \desc
.Ldesc_end\@:
    .balign 4
.endm

    .section .note.Xen, "a", @note
    XEN_NOTE XEN_ELFNOTE_GUEST_OS, .asciz "xen-dom0-tools"
    XEN_NOTE XEN_ELFNOTE_XEN_VERSION, .asciz "xen-3.0"
    XEN_NOTE XEN_ELFNOTE_VIRT_BASE, .quad DOM0_VIRT_BASE
    XEN_NOTE XEN_ELFNOTE_ENTRY, .quad _start
    XEN_NOTE XEN_ELFNOTE_FEATURES, \
        .asciz "!writable_page_tables|pae_pgdir_above_4gb"
    XEN_NOTE XEN_ELFNOTE_SUPPORTED_FEATURES, .long (1 << XENFEAT_dom0)
    XEN_NOTE XEN_ELFNOTE_PAE_MODE, .asciz "yes"
    XEN_NOTE XEN_ELFNOTE_LOADER, .asciz "generic"
#ifdef DOM0_HYPERCALL_PAGE
    XEN_NOTE XEN_ELFNOTE_HYPERCALL_PAGE, .quad hypercall_page

    /* Left as int3 fill unless the hypervisor writes its stubs here. */
    .section .text.hypercall_page, "ax", @progbits
    .balign 4096
    .globl hypercall_page
    .type hypercall_page, @object
hypercall_page:
    .fill   4096, 1, 0xcc
    .size hypercall_page, . - hypercall_page
#endif

    .section .text.entry, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    /* in: %rsi start_info (virtual) */
    cld
    lea     boot_stack_top(%rip), %rsp
    mov     %rsi, %rdi
    call    dom0_main
    /* dom0_main ends in a shutdown hypercall; it must not come back. */
1:  ud2
    jmp     1b
    .size _start, . - _start

    .section .bss, "aw", @nobits
    .balign 16
boot_stack:
    .skip   DOM0_STACK_BYTES
boot_stack_top:
