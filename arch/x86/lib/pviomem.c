/* SPDX-License-Identifier: GPL-2.0-only */
/* dom0's access to machine frames and ports: rules in xen/pviomem.h. */
#include <public/errno.h>
#include <xen/pviomem.h>

#define PAGE_SHIFT_     12
#define LOW_RAM_END     0xa0ULL         /* frames: 640 KiB */
#define VGA_END         0xc0ULL         /* the VGA window [0xa0000, 0xc0000) */
#define LOW_1M_END      0x100ULL

/* The e820 type of frame mfn (of its first byte); 0 in a hole. */
static uint32_t e820_type(const struct pviomem_policy *p, uint64_t mfn)
{
    uint64_t pa = mfn << PAGE_SHIFT_;

    for ( unsigned int i = 0; i < p->nr_e820; i++ )
    {
        const struct e820entry *e = &p->e820[i];

        if ( pa >= e->addr && pa - e->addr < e->size )
            return e->type;
    }
    return 0;
}

/* Whether frame mfn lies in memory the EFI map marks as runtime. */
static bool efi_runtime(const struct pviomem_policy *p, uint64_t mfn)
{
    unsigned int i;

    return p->efi && efimap_find(p->efi, p->nr_efi, mfn << PAGE_SHIFT_, &i) ==
                     EFIMAP_OK && (p->efi[i].attr & EFIMAP_ATTR_RUNTIME);
}

enum pviomem_access pviomem_access(const struct pviomem_policy *p,
                                   uint64_t mfn)
{
    enum pviomem_access a;
    uint32_t type = e820_type(p, mfn);

    if ( mfn >= p->end_mfn )
        return PVIOMEM_DENY;
    if ( mfn < LOW_1M_END )
        /* Firmware data and ROMs read-only; the VGA window is a device. */
        a = mfn >= LOW_RAM_END && mfn < VGA_END ? PVIOMEM_RW : PVIOMEM_RO;
    else if ( type == E820_RAM || type == E820_UNUSABLE )
        a = PVIOMEM_DENY;
    else if ( type == E820_ACPI )
        a = PVIOMEM_RO;
    else
        a = PVIOMEM_RW;     /* holes, reserved, NVS (the FACS lock) */
    if ( a > PVIOMEM_RO && efi_runtime(p, mfn) )
        a = PVIOMEM_RO;
    for ( unsigned int i = 0; i < p->nr_ranges; i++ )
    {
        const struct pviomem_range *r = &p->ranges[i];

        if ( mfn >= r->first_mfn && mfn <= r->last_mfn && r->access < a )
            a = r->access;
    }
    return a;
}

long pviomem_l1e(const struct pviomem_policy *p, uint64_t mfn, bool rw)
{
    enum pviomem_access a = pviomem_access(p, mfn);

    if ( a == PVIOMEM_DENY )
        return -XEN_EPERM;
    return a == PVIOMEM_RO && rw ? 1 : 0;
}

bool pviomem_port_denied(const struct pviomem_ports *r, unsigned int nr,
                         unsigned int port, unsigned int bytes)
{
    unsigned int last = port + (bytes ? bytes - 1 : 0);

    for ( unsigned int i = 0; i < nr; i++ )
        if ( port <= r[i].last && last >= r[i].first )
            return true;
    return false;
}
