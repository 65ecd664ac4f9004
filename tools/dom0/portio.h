/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Port I/O from the dom0 kernel (tools/dom0/): each in or out traps to
 * the hypervisor, which carries it out under the virtual IOPL that
 * PHYSDEVOP_set_iopl set (dom0_set_iopl).
 */
#ifndef DOM0_PORTIO_H
#define DOM0_PORTIO_H

#include <public/physdev.h>
#include <xen/types.h>

#include "hypercall.h"

static inline long dom0_set_iopl(unsigned int iopl)
{
    struct physdev_set_iopl a = { iopl };

    return hypercall_raw(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl,
                         (unsigned long)&a, 0, 0, 0);
}

static inline uint8_t dom0_inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile ( "inb %w1, %b0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint16_t dom0_inw(uint16_t port)
{
    uint16_t v;

    __asm__ volatile ( "inw %w1, %w0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint32_t dom0_inl(uint16_t port)
{
    uint32_t v;

    __asm__ volatile ( "inl %w1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline void dom0_outb(uint8_t v, uint16_t port)
{
    __asm__ volatile ( "outb %b0, %w1" :: "a" (v), "Nd" (port) );
}

static inline void dom0_outl(uint32_t v, uint16_t port)
{
    __asm__ volatile ( "outl %0, %w1" :: "a" (v), "Nd" (port) );
}

/* PCI configuration dword reg of bus:dev.fn (bdf) through 0xcf8/0xcfc. */
static inline uint32_t dom0_pci_read(uint16_t bdf, unsigned int reg)
{
    dom0_outl(0x80000000U | ((uint32_t)bdf << 8) | (reg & 0xfc), 0xcf8);
    return dom0_inl(0xcfc);
}

static inline void dom0_pci_write(uint16_t bdf, unsigned int reg,
                                  uint32_t v)
{
    dom0_outl(0x80000000U | ((uint32_t)bdf << 8) | (reg & 0xfc), 0xcf8);
    dom0_outl(v, 0xcfc);
}

#endif /* DOM0_PORTIO_H */
