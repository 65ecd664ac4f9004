/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's descriptor tables: set_gdt copies checked descriptors of dom0's
 * frames into the guest part of the hypervisor's GDT, update_descriptor
 * changes one, and selectors are judged against the live GDT.
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/pvcpu.h>
#include <xen/string.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/x86-defs.h>

#define GDT_GUEST_ENTRIES   (FIRST_RESERVED_GDT_BYTE / 8)
#define DESCS_PER_PAGE      (PAGE_SIZE / 8)

static uint64_t gdt_buf[PV_GDT_MAX_FRAMES * DESCS_PER_PAGE];

/* The selector's descriptor in the live GDT (0 beyond it or for an LDT). */
/* See asm/pv.h. */
uint64_t pv_selector_desc(uint64_t sel)
{
    return (sel & 4) ? 0 : arch_gdt_entry((sel & 0xffff) >> 3);
}

/* A frame dom0 owns that is not one of its page tables. */
/* See asm/pv.h. */
bool pv_plain_frame(uint64_t mfn, uint64_t *pfn)
{
    return pv_mfn_to_pfn(&dom0, mfn, pfn) && !dom0.pt_level[*pfn];
}

/* See asm/pv.h. */
bool pv_gdt_frame(uint64_t mfn)
{
    const struct pv_vcpu *v = &dom0_vcpu;

    for ( unsigned int i = 0; i < PV_GDT_MAX_FRAMES; i++ )
        if ( v->gdt_frames[i] == mfn && i * DESCS_PER_PAGE < v->gdt_ents )
            return true;
    return false;
}

long do_set_gdt(uint64_t frame_list, uint64_t entries)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t frames[PV_GDT_MAX_FRAMES], pfn;
    unsigned int nr;

    if ( entries > GDT_GUEST_ENTRIES )
        return -XEN_EINVAL;
    nr = (entries + DESCS_PER_PAGE - 1) / DESCS_PER_PAGE;
    if ( nr && copy_from_guest(frames, frame_list, nr * sizeof(frames[0])) )
        return -XEN_EFAULT;
    for ( unsigned int i = 0; i < nr; i++ )
    {
        /* Like Xen: no writable mapping of a GDT frame may exist. */
        if ( !pv_plain_frame(frames[i], &pfn) || dom0.wcount[pfn] )
            return -XEN_EINVAL;
        memcpy(&gdt_buf[i * DESCS_PER_PAGE], __va(frames[i] << PAGE_SHIFT),
               PAGE_SIZE);
    }
    for ( unsigned int i = 0; i < entries; i++ )
        if ( pvcpu_check_descriptor(&gdt_buf[i]) )
            return -XEN_EINVAL;
    for ( unsigned int i = 0; i < GDT_GUEST_ENTRIES; i++ )
        arch_gdt_set_guest(i, i < entries ? gdt_buf[i] : 0);
    memset(v->gdt_frames, 0, sizeof(v->gdt_frames));
    memcpy(v->gdt_frames, frames, nr * sizeof(frames[0]));
    v->gdt_ents = entries;
    return 0;
}

long do_update_descriptor(uint64_t ma, uint64_t desc)
{
    struct pv_vcpu *v = &dom0_vcpu;
    uint64_t mfn = ma >> PAGE_SHIFT, pfn;
    unsigned int idx = (ma & (PAGE_SIZE - 1)) / 8;

    if ( (ma & 7) || !pv_plain_frame(mfn, &pfn) ||
         pvcpu_check_descriptor(&desc) )
        return -XEN_EINVAL;
    *(uint64_t *)__va(ma) = desc;
    for ( unsigned int i = 0; i < PV_GDT_MAX_FRAMES; i++ )
        if ( v->gdt_frames[i] == mfn &&
             i * DESCS_PER_PAGE + idx < v->gdt_ents )
            arch_gdt_set_guest(i * DESCS_PER_PAGE + idx, desc);
    return 0;
}
