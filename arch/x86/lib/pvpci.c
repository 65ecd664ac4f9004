/* SPDX-License-Identifier: GPL-2.0-only */
/* dom0's PCI configuration writes: rules in xen/pvpci.h. */
#include <xen/pvpci.h>

#define REG_BAR0            0x10
#define REG_ROM_TYPE0       0x30
#define REG_ROM_TYPE1       0x38
#define BAR_IO              0x1
#define BAR_MEM_TYPE_MASK   0x6
#define BAR_MEM_TYPE_64     0x4
#define BAR_MEM_ADDR_MASK   0xfffffff0U
#define BAR_IO_ADDR_MASK    0xfffcU
#define ROM_ENABLE          0x1
#define ROM_ADDR_MASK       0xfffff800U
#define CF8_ENABLE          0x80000000U

/* One past the last BAR register of a header type (0, 1, 2: CardBus). */
static unsigned int bars_end(unsigned int header_type)
{
    switch ( header_type & 0x7f )
    {
    case 0: return REG_BAR0 + 6 * 4;
    case 1: return REG_BAR0 + 2 * 4;
    case 2: return REG_BAR0 + 1 * 4;
    }
    return REG_BAR0;
}

static uint32_t merge(uint32_t cur, unsigned int off, unsigned int bytes,
                      uint32_t val)
{
    uint32_t mask = bytes >= 4 ? ~0U : ((1U << (bytes * 8)) - 1);

    return (cur & ~(mask << (off * 8))) | ((val & mask) << (off * 8));
}

/* The memory or I/O address a BAR pair decodes once new lands at dword. */
static bool bar_ok(const struct pvpci_ops *ops, unsigned int end,
                   unsigned int dword, uint32_t new)
{
    unsigned int at = REG_BAR0;
    uint32_t low, high;

    /* Walk the BARs: 64-bit memory BARs take two registers. */
    for ( ;; )
    {
        uint32_t v = at == dword ? new : ops->read_dword(ops->ctx, at);
        unsigned int step = !(v & BAR_IO) &&
                            (v & BAR_MEM_TYPE_MASK) == BAR_MEM_TYPE_64 &&
                            at + 4 < end ? 8 : 4;

        if ( at + step > dword )
            break;
        at += step;
    }
    low = at == dword ? new : ops->read_dword(ops->ctx, at);
    if ( low & BAR_IO )
        return !ops->hypervisor_owns(ops->ctx, low & BAR_IO_ADDR_MASK, true);
    high = 0;
    if ( (low & BAR_MEM_TYPE_MASK) == BAR_MEM_TYPE_64 && at + 4 < end )
        high = at + 4 == dword ? new : ops->read_dword(ops->ctx, at + 4);
    return !ops->hypervisor_owns(ops->ctx,
                                 ((uint64_t)high << 32) |
                                 (low & BAR_MEM_ADDR_MASK), false);
}

bool pvpci_write_ok(const struct pvpci_ops *ops, unsigned int header_type,
                    unsigned int reg, unsigned int bytes, uint32_t val)
{
    unsigned int dword = reg & ~3U, end = bars_end(header_type);
    unsigned int rom = (header_type & 0x7f) == 1 ? REG_ROM_TYPE1
                                                  : REG_ROM_TYPE0;
    uint32_t new;

    if ( (dword < REG_BAR0 || dword >= end) &&
         (dword != rom || (header_type & 0x7f) > 1) )
        return true;
    new = merge(ops->read_dword(ops->ctx, dword), reg & 3, bytes, val);
    if ( dword == rom )
        return !(new & ROM_ENABLE) ||
               !ops->hypervisor_owns(ops->ctx, new & ROM_ADDR_MASK, false);
    return bar_ok(ops, end, dword, new);
}

bool pvpci_cf8_decode(uint32_t cf8, unsigned int port_off, uint16_t *bdf,
                      unsigned int *reg)
{
    if ( !(cf8 & CF8_ENABLE) )
        return false;
    *bdf = (cf8 >> 8) & 0xffff;
    *reg = (cf8 & 0xfc) | (port_off & 3);
    return true;
}
