/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PCI configuration writes from dom0, as the hypervisor filters them
 * (arch/x86/lib/pvpci.c, pure): a write that would place a BAR (memory,
 * I/O, 64-bit halves, the expansion ROM when enabled) at an address the
 * hypervisor owns is dropped, so dom0 cannot make a device claim the
 * hypervisor's memory, registers or ports. Without an IOMMU this guards
 * only the CPU's view: a device's own DMA reaches any memory.
 */
#ifndef XEN_PVPCI_H
#define XEN_PVPCI_H

#include <xen/types.h>

/* Reads of the function's configuration space and the owner's rule. */
struct pvpci_ops {
    /* The configuration dword at reg (a multiple of 4). */
    uint32_t (*read_dword)(void *ctx, unsigned int reg);
    /* Whether the hypervisor keeps the address (io: a port). */
    bool (*hypervisor_owns)(void *ctx, uint64_t addr, bool io);
    void *ctx;
};

/*
 * Whether a write of bytes (1, 2 or 4, inside one dword) of val at
 * configuration register reg of a function with the header type
 * header_type (its low 7 bits) may go to the device.
 */
bool pvpci_write_ok(const struct pvpci_ops *ops, unsigned int header_type,
                    unsigned int reg, unsigned int bytes, uint32_t val);

/*
 * The configuration-space address of a PCI_CONF1 address latch (0xcf8)
 * and the data port's offset (0-3): bus, device, function in *bdf (bus
 * << 8 | dev << 3 | fn), register in *reg; false when the enable bit is
 * clear.
 */
bool pvpci_cf8_decode(uint32_t cf8, unsigned int port_off, uint16_t *bdf,
                      unsigned int *reg);

#endif /* XEN_PVPCI_H */
