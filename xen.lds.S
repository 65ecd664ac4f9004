/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one linker script. Preprocessed as is for the multiboot2 ELF image;
 * with -DEFI for xen.efi (PE32+). Sections are page aligned and grouped by
 * permission so every page can be mapped W^X: text RX, rodata R, data RW.
 */
#include <asm/config.h>

#ifdef EFI
OUTPUT_FORMAT("pei-x86-64")
ENTRY(efi_start)
#define PHDR(x)
#define LMA(sec)
#define BSS_TYPE
#else
#define BSS_TYPE (NOLOAD)
/* Load (physical) address of a section at the link base. */
#define LMA(sec) AT(ADDR(sec) - XEN_VIRT_START)
OUTPUT_FORMAT("elf64-x86-64", "elf64-x86-64", "elf64-x86-64")
ENTRY(start)
#define PHDR(x) :x
PHDRS
{
    text PT_LOAD FLAGS(5);      /* R X */
    rodata PT_LOAD FLAGS(4);    /* R */
    data PT_LOAD FLAGS(6);      /* R W */
}
#endif
OUTPUT_ARCH(i386:x86-64)

/*
 * LINK_SHIFT moves the whole link for the relocation-coverage check
 * (scripts/check-relocs.py); the real images use 0.
 */
#ifndef LINK_SHIFT
#define LINK_SHIFT 0
#endif

SECTIONS
{
    . = XEN_IMG_START + LINK_SHIFT;
    _start = .;

    .text : LMA(.text)
    {
        _stext = .;
        /* The multiboot2 header must be within the first 32 KiB. */
        *(.text.header)
        *(.text.boot32)
        *(.text .text.*)
        *(.init.text .init.text.*)
        . = ALIGN(PAGE_SIZE);
        _etext = .;
    } PHDR(text)

    .rodata : LMA(.rodata)
    {
        _srodata = .;
        *(.rodata .rodata.*)
        . = ALIGN(PAGE_SIZE);
    } PHDR(rodata)

    /*
     * SBAT records (docs/secureboot.md), read-only, in both images so the
     * two layouts stay identical. The section ends with its text (shim
     * reads up to its size); the page it opens is padded outside it.
     */
    .sbat : LMA(.sbat)
    {
        *(.sbat)
    } PHDR(rodata)
    . = ALIGN(PAGE_SIZE);
    _erodata = .;

    .data : LMA(.data)
    {
        _sdata = .;
        *(.data.page_aligned)
        *(.data .data.*)
        *(.init.data .init.data.*)
        . = ALIGN(PAGE_SIZE);
        _edata = .;
    } PHDR(data)

    .bss BSS_TYPE : LMA(.bss)
    {
        __bss_start = .;
        *(.bss.page_aligned)
        *(.bss .bss.*)
        *(COMMON)
        . = ALIGN(PAGE_SIZE);
        __bss_end = .;
    } PHDR(data)

    _end = .;

    /DISCARD/ :
    {
        *(.comment) *(.note .note.*) *(.eh_frame) *(.interp)
        *(.dynamic) *(.dynsym) *(.dynstr) *(.gnu.hash) *(.hash)
    }

    /* Nothing that needs a dynamic loader may survive the link. */
    .got : { *(.got) *(.got.plt) }
    .plt : { *(.plt) *(.plt.*) *(.iplt) }
    .rela : { *(.rela.*) }
}

ASSERT(SIZEOF(.got) == 0, ".got must be empty: non-PIC reference?")
ASSERT(SIZEOF(.plt) == 0, ".plt must be empty")
ASSERT(SIZEOF(.rela) == 0, "dynamic relocations must not exist")
ASSERT(_start == XEN_IMG_START + LINK_SHIFT, "image must start at XEN_IMG_START")
ASSERT(_end - _start <= XEN_IMG_MAX_BYTES, "image too big for the boot L1s")
ASSERT(_stext == _start, "text must open the image")
ASSERT(mb2_header == _start, "the multiboot2 header must open the image")
ASSERT(SIZEOF(.sbat) > 0, "the SBAT records are missing")
