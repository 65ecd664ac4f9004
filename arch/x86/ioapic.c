/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * I/O APIC registers (Intel 82093AA data sheet): IOREGSEL at 0x00, IOWIN
 * at 0x10; register 1 holds the version and the last redirection entry;
 * redirection entry n is registers 0x10 + 2n (low: vector, delivery mode,
 * destination mode, polarity, trigger, mask) and 0x11 + 2n (destination
 * APIC ID in bits 24-31). Mapped uncached through the fixmap.
 */
#include <xen/console.h>
#include <asm/apic.h>
#include <asm/fixmap.h>
#include <asm/ioapic.h>

#define IOAPIC_REGSEL       0x00
#define IOAPIC_WIN          0x10
#define IOAPIC_VER          0x01
#define IOAPIC_REDIR        0x10
#define REDIR_ACTIVE_LOW    (1U << 13)
#define REDIR_LEVEL         (1U << 15)
#define REDIR_MASKED        (1U << 16)

struct ioapic {
    volatile uint32_t *regs;
    uint32_t addr, gsi_base;
    unsigned int nr_pins;
};

static struct ioapic ioapics[ACPI_MADT_MAX_IOAPICS];
static unsigned int nr_ioapics;

static uint32_t ioapic_read(const struct ioapic *a, unsigned int reg)
{
    a->regs[IOAPIC_REGSEL / 4] = reg;
    return a->regs[IOAPIC_WIN / 4];
}

static void ioapic_write(const struct ioapic *a, unsigned int reg,
                         uint32_t v)
{
    a->regs[IOAPIC_REGSEL / 4] = reg;
    a->regs[IOAPIC_WIN / 4] = v;
}

/* See asm/ioapic.h. */
void ioapic_init(const struct acpi_madt_info *m)
{
    for ( unsigned int i = 0; i < m->nr_ioapics; i++ )
    {
        struct ioapic *a = &ioapics[nr_ioapics];

        a->regs = fixmap_map_uc(m->ioapic[i].addr);
        if ( !a->regs )
            break;
        a->addr = m->ioapic[i].addr;
        a->gsi_base = m->ioapic[i].gsi_base;
        a->nr_pins = ((ioapic_read(a, IOAPIC_VER) >> 16) & 0xff) + 1;
        /* Nothing the firmware left routed may reach us unasked. */
        for ( unsigned int pin = 0; pin < a->nr_pins; pin++ )
            ioapic_write(a, IOAPIC_REDIR + 2 * pin, REDIR_MASKED);
        nr_ioapics++;
    }
}

/* See asm/ioapic.h. */
bool ioapic_route(uint32_t gsi, uint8_t vector, bool active_low, bool level,
                  uint32_t *addr)
{
    *addr = 0;
    for ( unsigned int i = 0; i < nr_ioapics; i++ )
    {
        const struct ioapic *a = &ioapics[i];
        unsigned int pin = gsi - a->gsi_base;

        if ( gsi < a->gsi_base || pin >= a->nr_pins )
            continue;
        ioapic_write(a, IOAPIC_REDIR + 2 * pin + 1, apic_id() << 24);
        ioapic_write(a, IOAPIC_REDIR + 2 * pin, vector |
                     (active_low ? REDIR_ACTIVE_LOW : 0) |
                     (level ? REDIR_LEVEL : 0));
        *addr = a->addr;
        return true;
    }
    return false;
}
