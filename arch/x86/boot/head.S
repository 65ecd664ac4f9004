/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The multiboot2 header and the 32-bit BIOS entry.
 *
 * GRUB enters `start` in 32-bit protected mode, paging off, at whatever
 * 2 MiB-aligned physical address it chose (relocatable tag). This code does
 * only what must happen before C: check the magic, find where it runs, clear
 * BSS, check the CPU, identity-map the low 4 GiB, enter long mode, and hand
 * over to start64_low (below). It does not parse the boot information.
 *
 * In 32-bit mode there is no RIP-relative addressing, so every reference is
 * written `sym - start` plus %ebp, the physical address of `start`; the
 * assembler turns that difference into a PC-relative relocation, so nothing
 * here depends on the link address.
 */
#include <asm/asm.h>
#include <asm/config.h>
#include <asm/page.h>
#include <asm/x86-defs.h>
#include <xen/mb2.h>

#define COM1_BASE       0x3f8
#define VGA_TEXT_PA     0xb8000
#define ERR_ATTR        0x4f    /* white on red */

/* One header tag: type, flags, size (MB2 spec 3.1.3); 8-byte aligned. */
.macro mb2_tag type:req, flags:req, size:req
        .balign 8
        .short \type, \flags
        .long \size
.endm

        .section .text.header, "ax", @progbits
        .code32

        .balign 8
DATA(mb2_header, 8)
        .long MB2_HEADER_MAGIC
        .long MB2_ARCH_I386
        .long .Lmb2_header_end - mb2_header
        .long -(MB2_HEADER_MAGIC + MB2_ARCH_I386 + (.Lmb2_header_end - mb2_header))

        /* Information we cannot boot without. */
        mb2_tag MB2_HDR_TAG_INFO_REQUEST, 0, (8+.Lreq_end-.Lreq_start)
.Lreq_start:
        .long MB2_TAG_BASIC_MEMINFO, MB2_TAG_MMAP
.Lreq_end:
        /* Modules on page boundaries. */
        mb2_tag MB2_HDR_TAG_MODULE_ALIGN, 0, 8
        /* Anywhere 2 MiB aligned below 4 GiB, as high as possible. */
        mb2_tag MB2_HDR_TAG_RELOCATABLE, MB2_HDR_TAG_OPTIONAL, 24
        .long MB(2)                 /* min_addr */
        .long 0xffffffff            /* max_addr */
        .long MB(2)                 /* align */
        .long MB2_RELOC_PREFER_HIGHEST
        /* EGA text is supported; no console is required. */
        mb2_tag MB2_HDR_TAG_CONSOLE_FLAGS, MB2_HDR_TAG_OPTIONAL, 12
        .long MB2_CONSOLE_EGA_TEXT
        /*
         * Any framebuffer will do (0 = no preference): without this tag
         * GRUB on UEFI, where there is no EGA text mode, warns that no
         * console will be available to the OS.
         */
        mb2_tag MB2_HDR_TAG_FRAMEBUFFER, MB2_HDR_TAG_OPTIONAL, 20
        .long 0, 0, 0
        /*
         * On UEFI: keep boot services, and enter at __efi64_mb2_start. The
         * address is physical at the link base (the header opens the
         * image, see xen.lds.S); GRUB adds the relocation offset.
         */
#ifndef MB2_NO_EFI_BS
        mb2_tag MB2_HDR_TAG_EFI_BS, MB2_HDR_TAG_OPTIONAL, 8
        mb2_tag MB2_HDR_TAG_EFI64_ENTRY, MB2_HDR_TAG_OPTIONAL, 12
        .long XEN_LINK_PA + (__efi64_mb2_start - mb2_header)
#endif
        /* (MB2_NO_EFI_BS builds a test image that makes GRUB exit boot
         * services and use the 32-bit entry with an EFI memory map.) */
        mb2_tag MB2_HDR_TAG_END, 0, 8
.Lmb2_header_end:
END(mb2_header)

/* Length, checksum and placement are verified after the link. */

/*
 * A multiboot1 header too, as Xen has: GRUB's `multiboot` command then
 * loads the image and enters with the multiboot1 magic, which `start`
 * refuses with a clear line instead of misreading the information block.
 */
#define MB1_HEADER_MAGIC    0x1BADB002
#define MB1_FLAGS           0x00000003  /* page-aligned modules, mem info */
        .balign 4
LOCAL_DATA(mb1_header, 4)
        .long MB1_HEADER_MAGIC
        .long MB1_FLAGS
        .long -(MB1_HEADER_MAGIC + MB1_FLAGS)
END(mb1_header)

/*
 * in: %eax multiboot2 magic, %ebx physical address of the boot information.
 */
FUNC(start)
        cli
        cld
        /* The boot timeline's first stamp: %edi:%ecx until stored. */
        mov     %eax, %esi
        rdtsc
        mov     %eax, %edi
        mov     %edx, %ecx
        mov     %esi, %eax
        cmp     $MB2_BOOTLOADER_MAGIC, %eax
        jne     .Lbad_magic

        /*
         * Learn our physical address with call/pop. There is no stack yet,
         * so the first word of the boot information serves as one for the
         * single push, and is put back afterwards.
         */
        mov     (%ebx), %edx
        lea     4(%ebx), %esp
        call    1f
1:      pop     %ebp
        mov     %edx, (%ebx)
        sub     $(1b - start), %ebp     /* %ebp: physical address of start */
        mov     %edi, (boot_entry_tsc - start)(%ebp)
        mov     %ecx, (boot_entry_tsc + 4 - start)(%ebp)
        mov     %ebx, %esi              /* %esi: boot information */

        /* BSS holds the page tables and the stack: clear it first. */
        lea     (__bss_start - start)(%ebp), %edi
        lea     (__bss_end - start)(%ebp), %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb
        lea     (boot_stack_top - start)(%ebp), %esp

        /* Our own flat GDT; the loader's may be gone. */
        lea     (boot_gdt - start)(%ebp), %eax
        mov     %eax, (boot_gdtr + 2 - start)(%ebp)
        lgdt    (boot_gdtr - start)(%ebp)
        push    $BOOT_CS32
        lea     (.Lflat - start)(%ebp), %eax
        push    %eax
        lret
.Lflat:
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        mov     %eax, %fs
        mov     %eax, %gs

        /* Long mode and NX are required. */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      .Lno_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $CPUID_EXT_LM_BIT, %edx
        jnc     .Lno_long_mode
        bt      $CPUID_EXT_NX_BIT, %edx
        jnc     .Lno_nx

        /* The image must start 2 MiB aligned and end below 4 GiB. */
        lea     (_start - start)(%ebp), %eax
        test    $(MB(2) - 1), %eax
        jnz     .Lbad_align
        lea     (_end - start)(%ebp), %eax
        cmp     %ebp, %eax
        jb      .Lbad_align

        /* Identity map of the low 4 GiB in 2 MiB pages, for the switch. */
        lea     (l3_ident - start)(%ebp), %eax
        or      $(_PAGE_PRESENT | _PAGE_RW), %eax
        mov     %eax, (l4_boot - start)(%ebp)
        lea     (l2_ident - start)(%ebp), %eax
        or      $(_PAGE_PRESENT | _PAGE_RW), %eax
        lea     (l3_ident - start)(%ebp), %edi
        mov     $4, %ecx
1:      mov     %eax, (%edi)
        add     $8, %edi
        add     $PAGE_SIZE, %eax
        loop    1b
        lea     (l2_ident - start)(%ebp), %edi
        mov     $(_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE), %eax
        mov     $(4 * L1_PAGETABLE_ENTRIES), %ecx
1:      mov     %eax, (%edi)
        add     $8, %edi
        add     $MB(2), %eax
        loop    1b

        /* PAE, our L4, long mode with NX, then paging. */
        mov     %cr4, %eax
        or      $X86_CR4_PAE, %eax
        mov     %eax, %cr4
        lea     (l4_boot - start)(%ebp), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER, %ecx
        rdmsr
        or      $(EFER_LME | EFER_NXE), %eax
        wrmsr
        mov     %cr0, %eax
        or      $(X86_CR0_PG | X86_CR0_PE | X86_CR0_WP), %eax
        mov     %eax, %cr0

        push    $BOOT_CS64
        lea     (start64_low - start)(%ebp), %eax
        push    %eax
        lret

.Lbad_magic:
        /*
         * Not entered by a multiboot2 loader: %ebx means nothing, so borrow
         * conventional memory below the boot sector for the call/pop.
         */
        mov     $0x7000, %esp
        call    1f
1:      pop     %ebp
        sub     $(1b - start), %ebp
        lea     (msg_bad_magic - start)(%ebp), %esi
        jmp     .Lfail
.Lno_long_mode:
        lea     (msg_no_long_mode - start)(%ebp), %esi
        jmp     .Lfail
.Lno_nx:
        lea     (msg_no_nx - start)(%ebp), %esi
        jmp     .Lfail
.Lbad_align:
        lea     (msg_bad_align - start)(%ebp), %esi
        jmp     .Lfail

        /*
         * The one place 32-bit code reports: the NUL-terminated message at
         * %esi goes to COM1 (115200 8n1) and to VGA text row 0, then halt.
         */
.Lfail:
        mov     $COM1_BASE + 3, %dx     /* LCR: DLAB on */
        mov     $0x80, %al
        out     %al, %dx
        mov     $COM1_BASE, %dx         /* divisor 1: 115200 baud */
        mov     $1, %al
        out     %al, %dx
        inc     %dx
        xor     %al, %al
        out     %al, %dx
        mov     $COM1_BASE + 3, %dx     /* 8n1, DLAB off */
        mov     $3, %al
        out     %al, %dx
        mov     $VGA_TEXT_PA, %edi
.Lfail_next:
        lodsb
        test    %al, %al
        jz      .Lfail_done
        mov     %al, %bl
        mov     %bl, (%edi)
        movb    $ERR_ATTR, 1(%edi)
        add     $2, %edi
        call    .Lfail_putc
        jmp     .Lfail_next
.Lfail_done:
        mov     $'\r', %bl
        call    .Lfail_putc
        mov     $'\n', %bl
        call    .Lfail_putc
1:      hlt
        jmp     1b

        /* in: %bl character. Waits (bounded) for the transmitter. */
.Lfail_putc:
        mov     $0x100000, %ecx
        mov     $COM1_BASE + 5, %dx     /* LSR */
1:      in      %dx, %al
        test    $0x20, %al
        jnz     2f
        loop    1b
2:      mov     $COM1_BASE, %dx
        mov     %bl, %al
        out     %al, %dx
        ret
END(start)

/*
 * First 64-bit code, still at the physical address through the identity
 * map. in: %esi boot information, %ebp physical address of start.
 */
        .code64
LOCAL_FUNC(start64_low)
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        lea     boot_stack_top(%rip), %rsp
        mov     %esi, %r12d             /* callee-saved: MBI physical */

        /* Add the image and the direct map to the boot L4. */
        lea     l4_boot(%rip), %rdi
        call    bootmap_build
        test    %eax, %eax
        jnz     .Lbootmap_failed
        mov     %cr3, %rax
        mov     %rax, %cr3

        /*
         * Continue at the linked address. The target is read from .data
         * rather than encoded in the instruction, so that xen.efi (which
         * links this code too) carries no base relocation inside .text.
         */
        lea     start(%rip), %r13       /* callee-saved: physical of start */
        jmp     *start64_high_addr(%rip)

.Lbootmap_failed:
        /*
         * Only an image too big for its L1 tables fails here, which the
         * link already refuses; report it anyway rather than run on.
         */
        lea     msg_bootmap(%rip), %rdi
        jmp     boot_fail64
END(start64_low)

/*
 * void boot_fail64(const char *msg): the one place 64-bit code reports
 * before the console exists (any load address, any page tables that map
 * the image 1:1): msg and CR LF go to COM1, then the CPU halts. Nobody
 * may have programmed the UART, so this is best effort.
 * in: %rdi message
 */
FUNC(boot_fail64)
        mov     %rdi, %rsi
        mov     $COM1_BASE, %dx
1:      lodsb
        test    %al, %al
        jz      2f
        out     %al, %dx
        jmp     1b
2:      mov     $'\r', %al
        out     %al, %dx
        mov     $'\n', %al
        out     %al, %dx
3:      cli
        hlt
        jmp     3b
END(boot_fail64)

/*
 * The multiboot2 entry on UEFI with boot services running (MB2 spec 3.5):
 * 64-bit, the firmware's page tables and stack, at the load address.
 * in: %eax magic, %rbx boot information (physical)
 */
FUNC(__efi64_mb2_start)
        cld
        and     $~15, %rsp              /* the firmware's stack, unaligned */
        cmp     $MB2_BOOTLOADER_MAGIC, %eax
        jne     .Lefi_bad_magic
        mov     %rbx, %r12
        /* C code runs next: clear BSS first. */
        lea     __bss_start(%rip), %rdi
        lea     __bss_end(%rip), %rcx
        sub     %rdi, %rcx
        xor     %eax, %eax
        rep stosb
        mov     %r12, %rdi
        call    efi_mb2_entry           /* does not return */
        ud2
.Lefi_bad_magic:
        lea     msg_bad_magic(%rip), %rdi
        jmp     boot_fail64
END(__efi64_mb2_start)

        .section .rodata, "a", @progbits
msg_bad_magic:
        .asciz "ERR: not entered by a multiboot2 loader (bad magic in EAX)"
msg_no_long_mode:
        .asciz "ERR: this CPU does not support 64-bit long mode"
msg_no_nx:
        .asciz "ERR: this CPU does not support NX (execute disable)"
msg_bad_align:
        .asciz "ERR: image not loaded 2 MiB aligned below 4 GiB"
msg_bootmap:
        .asciz "ERR: image too large for its boot page tables"

        .section .data, "aw", @progbits
/* The TSC at the first instruction of start (not in BSS: cleared after). */
DATA(boot_entry_tsc, 8)
        .quad 0
END(boot_entry_tsc)
/* Flat GDT for the switch: 64-bit code, data, 32-bit code. */
LOCAL_DATA(boot_gdt, 8)
        .quad 0
        .quad 0x00af9a000000ffff        /* BOOT_CS64 */
        .quad 0x00cf92000000ffff        /* BOOT_DS */
        .quad 0x00cf9a000000ffff        /* BOOT_CS32 */
.Lboot_gdt_end:
END(boot_gdt)
LOCAL_DATA(boot_gdtr, 8)
        .short .Lboot_gdt_end - boot_gdt - 1
        .long 0                         /* base: patched at run time */
END(boot_gdtr)
/*
 * The linked (virtual) address of start64_high. GRUB loads the ELF image
 * unrelocated, so the value is right as linked; the only absolute pointer
 * of the BIOS path lives here, in writable non-executable data.
 */
LOCAL_DATA(start64_high_addr, 8)
        .quad start64_high
END(start64_high_addr)
