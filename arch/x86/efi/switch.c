/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The switch to the linked address, shared by both EFI entry paths
 * (xen.efi and multiboot2 with boot services). It runs at the load address
 * under the firmware's page tables, so it uses only RIP-relative references.
 *
 * efi_prepare_bootmap() builds efi_l4_bootmap: a copy of every firmware L4
 * entry plus the hypervisor's slots (bootmap_build: the image in 4 KiB W^X
 * pages, the direct map), refusing when the firmware uses those slots.
 * efi_enter_linked() masks interrupts, loads it and calls a function at its
 * linked address; from then on every firmware call goes through
 * efi_thunk_call, which gives the firmware its own CR3 and interrupt flag.
 * Only a failure comes back, with the firmware's CR3 and IF restored.
 * After ExitBootServices efi_bridge_retire() forgets the firmware's
 * tables: runtime calls run on arch/x86/efi/rt_pt.c's L4 instead.
 */
#include <efi/efi.h>
#include <xen/efi.h>
#include <xen/string.h>
#include <asm/bootmap.h>
#include <asm/io.h>
#include <asm/x86-defs.h>

#define X86_CR4_LA57    (1UL << 12)

/* Read by the thunk at the physical alias. */
int64_t efi_phys_offset;
uint64_t efi_fw_cr3;
uint64_t efi_bridge_cr3;
uint8_t efi_fw_if;

static uint64_t efi_l4_bootmap[512] __aligned(PAGE_SIZE);

static void say(struct efi_system_table *st, const char16_t *msg)
{
    st->con_out->output_string(st->con_out, msg);
}

static bool cpu_has_nx(void)
{
    uint32_t a, b, c, d;

    __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                       : "a" (0x80000000) );
    if ( a < 0x80000001 )
        return false;
    __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                       : "a" (0x80000001) );
    return d & (1U << CPUID_EXT_NX_BIT);
}

efi_status_t efi_prepare_bootmap(struct efi_system_table *st)
{
    uint64_t cr4;
    int rc;

    __asm__ volatile ( "mov %%cr4, %0" : "=r" (cr4) );
    if ( cr4 & X86_CR4_LA57 )
    {
        say(st, u"ERR: 5-level paging is not supported\r\n");
        return EFI_UNSUPPORTED;
    }
    if ( !cpu_has_nx() )
    {
        say(st, u"ERR: this CPU does not support NX\r\n");
        return EFI_UNSUPPORTED;
    }
    efi_fw_cr3 = read_cr3();
    memcpy(efi_l4_bootmap, (const void *)(efi_fw_cr3 & PTE_ADDR_MASK),
           sizeof(efi_l4_bootmap));
    rc = bootmap_build(efi_l4_bootmap);
    if ( rc == BOOTMAP_SLOT_IMAGE_BUSY || rc == BOOTMAP_SLOT_DMAP_BUSY )
    {
        say(st, u"ERR: the firmware uses PML4 slot 261 or 262, which the "
                u"hypervisor needs\r\n");
        return EFI_UNSUPPORTED;
    }
    if ( rc )
    {
        say(st, u"ERR: image too large for its boot page tables\r\n");
        return EFI_LOAD_ERROR;
    }
    return EFI_SUCCESS;
}

efi_status_t efi_enter_linked(efi_linked_fn_t *fn, efi_handle_t image,
                              struct efi_system_table *st, void *arg)
{
    uint64_t delta = (uint64_t)XEN_IMG_START - (uint64_t)(uintptr_t)_start;
    efi_linked_fn_t *linked = (void *)((uintptr_t)fn + delta);
    efi_status_t status;
    uint64_t rflags;

    efi_phys_offset = -(int64_t)delta;
    __asm__ volatile ( "pushf; pop %0; cli" : "=r" (rflags) :: "memory" );
    efi_fw_if = !!(rflags & X86_EFLAGS_IF);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
    efi_bridge_cr3 = (uint64_t)(uintptr_t)efi_l4_bootmap;
    write_cr3(efi_bridge_cr3);

    status = linked(image, st, arg);

    write_cr3(efi_fw_cr3);
    if ( efi_fw_if )
        __asm__ volatile ( "sti" );
    return status;
}

uint64_t efi_pa(const void *p)
{
    uintptr_t va = (uintptr_t)p;

    if ( va >= (uintptr_t)_start && va < (uintptr_t)_end )
        return va + efi_phys_offset;
    return va;
}

void efi_bridge_retire(void)
{
    memset(efi_l4_bootmap, 0, sizeof(efi_l4_bootmap) / 2);
    efi_bridge_cr3 = 0;
    efi_fw_cr3 = 0;
}

uint64_t efi_l4_entry(unsigned int slot)
{
    return efi_l4_bootmap[slot];
}

void *efi_linked_va(uint64_t pa)
{
    uint64_t lo = (uint64_t)(uintptr_t)_start + efi_phys_offset;
    uint64_t hi = (uint64_t)(uintptr_t)_end + efi_phys_offset;

    if ( pa >= lo && pa < hi )
        return (void *)(uintptr_t)(pa - efi_phys_offset);
    return (void *)(uintptr_t)pa;
}
