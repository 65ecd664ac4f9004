/* SPDX-License-Identifier: GPL-2.0-only */
/* Port I/O and control-register accessors: one instruction each. */
#ifndef ASM_IO_H
#define ASM_IO_H

#include <xen/types.h>
#include <asm/config.h>

static inline void outb(uint8_t v, uint16_t port)
{
    __asm__ volatile ( "outb %0, %1" :: "a" (v), "Nd" (port) );
}

static inline void outw(uint16_t v, uint16_t port)
{
    __asm__ volatile ( "outw %0, %1" :: "a" (v), "Nd" (port) );
}

static inline void outl(uint32_t v, uint16_t port)
{
    __asm__ volatile ( "outl %0, %1" :: "a" (v), "Nd" (port) );
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile ( "inb %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;

    __asm__ volatile ( "inw %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;

    __asm__ volatile ( "inl %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint64_t read_cr2(void)
{
    uint64_t v;

    __asm__ volatile ( "mov %%cr2, %0" : "=r" (v) );
    return v;
}

static inline uint64_t read_cr3(void)
{
    uint64_t v;

    __asm__ volatile ( "mov %%cr3, %0" : "=r" (v) );
    return v;
}

static inline void write_cr3(uint64_t v)
{
    __asm__ volatile ( "mov %0, %%cr3" :: "r" (v) : "memory" );
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
    __asm__ volatile ( "wrmsr" :: "c" (msr), "a" ((uint32_t)v),
                       "d" ((uint32_t)(v >> 32)) );
}

/* Physical to direct-map virtual, for memory the boot direct map covers. */
#define __va(pa)    ((void *)(uintptr_t)(DIRECTMAP_VIRT_START + (pa)))

#endif /* ASM_IO_H */
