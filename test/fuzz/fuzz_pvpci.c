/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzzer for arch/x86/lib/pvpci.c and arch/x86/lib/pviomem.c. Input: a
 * 64-byte configuration header, then records of a header type, register,
 * width, value (pvpci_write_ok), and of a frame, a port and a width
 * (pviomem). Invariants: writes outside the BAR and ROM registers always
 * pass; an allowed write to BAR0 of a header-0 function whose merged
 * value is a 32-bit memory BAR never lands on owned memory; a frame the
 * policy denies is -EPERM to the L1 rule and never a forced read-only;
 * a port access is refused
 * exactly when one of its bytes is kept.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <xen/pviomem.h>
#include <xen/pvpci.h>

static uint32_t cfg[16];

static uint32_t rd(void *ctx, unsigned int reg)
{
    return reg < sizeof(cfg) ? cfg[reg / 4] : 0;
}

/* The hypervisor owns [1 MiB, 1 GiB) and ports 0x3f8-0x3ff. */
static bool owns(void *ctx, uint64_t addr, bool io)
{
    if ( io )
        return addr >= 0x3f8 && addr <= 0x3ff;
    return addr >= 0x100000 && addr < 0x40000000;
}

static const struct e820entry map[] = {
    { 0x0, 0xa0000, E820_RAM }, { 0x100000, 0x3ff00000, E820_RAM },
    { 0x40000000, 0x100000, E820_ACPI }, { 0xb0000000, 0x10000000, 2 },
};
static const struct pviomem_range ranges[] = {
    { 0xfee00, 0xfeeff, PVIOMEM_DENY },
    { 0xb0000, 0xbffff, PVIOMEM_RO },
};
static const struct efimap_entry efi[] = {
    { 0x40000000, 0x100, EFIMAP_ATTR_RUNTIME, EFIMAP_TYPE_RS_DATA, 0 },
};
static const struct pviomem_policy policy = {
    map, 4, ranges, 2, 1ULL << 22, efi, 1,
};
static const struct pviomem_ports ports[] = { { 0x20, 0x21 },
                                              { 0x3f8, 0x3ff } };

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static void one_write(const uint8_t *r)
{
    static const struct pvpci_ops ops = { rd, owns, NULL };
    unsigned int ht = r[0], reg = r[1] & 0x3f, bytes = 1U << (r[2] % 3);
    uint32_t val = rd32(r + 3), mask, merged;
    bool ok;

    reg &= ~(bytes - 1);
    ok = pvpci_write_ok(&ops, ht, reg, bytes, val);
    if ( (reg < 0x10 || reg >= 0x28) && (reg & ~3U) != 0x30 &&
         (reg & ~3U) != 0x38 && !ok )
        abort();
    mask = bytes == 4 ? ~0U : (1U << (bytes * 8)) - 1;
    merged = (cfg[reg / 4] & ~(mask << ((reg & 3) * 8))) |
             ((val & mask) << ((reg & 3) * 8));
    if ( ok && (ht & 0x7f) == 0 && (reg & ~3U) == 0x10 &&
         (merged & 7) == 0 && owns(NULL, merged & ~0xfU, false) )
        abort();
    if ( ok )
        cfg[reg / 4] = merged;
}

static void one_frame(const uint8_t *r)
{
    uint64_t mfn = r[1] | (uint32_t)r[2] << 8 | (uint32_t)r[3] << 16;
    unsigned int port = r[4] | r[5] << 8, bytes = 1U << (r[6] % 3);
    bool kept = false;
    enum pviomem_access a = pviomem_access(&policy, mfn);
    long rc = pviomem_l1e(&policy, mfn, r[7] & 1);

    if ( (a == PVIOMEM_DENY) != (rc == -XEN_EPERM) )
        abort();
    if ( rc == 1 && (a != PVIOMEM_RO || !(r[7] & 1)) )
        abort();
    for ( unsigned int i = 0; i < bytes; i++ )
        for ( unsigned int j = 0; j < 2; j++ )
            kept |= port + i >= ports[j].first && port + i <= ports[j].last;
    if ( pviomem_port_denied(ports, 2, port, bytes) != kept )
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if ( size < sizeof(cfg) )
        return 0;
    memcpy(cfg, data, sizeof(cfg));
    for ( size_t at = sizeof(cfg); at + 8 <= size && at < 4096; at += 8 )
    {
        if ( data[at] & 0x80 )
            one_frame(data + at);
        else
            one_write(data + at);
    }
    return 0;
}
