/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PE entry point of xen.efi and the switch to the linked address.
 *
 * The firmware starts efi_start at the load address and has applied the
 * image's base relocations for that address. Before anything else runs we
 * (1) build efi_l4_bootmap: a copy of every firmware L4 entry plus the
 * hypervisor's own slots (bootmap_build: the image in 4 KiB W^X pages, the
 * direct map), refusing if the firmware uses those slots; (2) re-apply the
 * relocations for the linked address, so every pointer in the image names
 * a linked address (pointers and RIP-relative references then agree);
 * (3) mask interrupts, load efi_l4_bootmap and continue at the linked
 * address. From there every firmware call goes through efi_thunk_call,
 * which restores the firmware's CR3 and interrupt flag for the call.
 *
 * Until the switch this file runs at the load address: it may use only
 * RIP-relative references and must not follow a pointer stored in the
 * image once step (2) has run.
 */
#include <efi/efi.h>
#include <xen/efi.h>
#include <xen/pe.h>
#include <xen/string.h>
#include <asm/bootmap.h>
#include <asm/io.h>
#include <asm/x86-defs.h>

#define X86_CR4_LA57    (1UL << 12)

/* Read by the thunk at the physical alias. */
int64_t efi_phys_offset;
uint64_t efi_fw_cr3;
uint8_t efi_fw_if;

static uint64_t efi_l4_bootmap[512] __aligned(PAGE_SIZE);

efi_status_t EFIAPI efi_start(efi_handle_t image, struct efi_system_table *st);

static void early_say(struct efi_system_table *st, const char16_t *msg)
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

/* The loaded image's own base relocation table, from its PE headers. */
static bool find_relocs(const struct efi_loaded_image *li, void **relocs,
                        uint32_t *bytes)
{
    const uint8_t *base = li->image_base;
    const struct pe_dos_header *dos = (const void *)base;
    const struct pe_opt_header64 *opt;

    if ( dos->e_magic != 0x5a4d || dos->e_lfanew > PAGE_SIZE - 4 - 20 -
         sizeof(*opt) )
        return false;
    opt = (const void *)(base + dos->e_lfanew + 4 + 20);
    if ( opt->nr_dirs <= PE_DIR_BASERELOC ||
         opt->dirs[PE_DIR_BASERELOC].rva >= li->image_bytes ||
         opt->dirs[PE_DIR_BASERELOC].size >
         li->image_bytes - opt->dirs[PE_DIR_BASERELOC].rva )
        return false;
    *relocs = (void *)(base + opt->dirs[PE_DIR_BASERELOC].rva);
    *bytes = opt->dirs[PE_DIR_BASERELOC].size;
    return true;
}

efi_status_t EFIAPI efi_start(efi_handle_t image, struct efi_system_table *st)
{
    static const struct efi_guid li_guid = EFI_LOADED_IMAGE_GUID;
    struct efi_loaded_image *li;
    efi_status_t (*linked_main)(efi_handle_t, struct efi_system_table *,
                                struct efi_loaded_image *);
    uint64_t rflags, delta;
    unsigned int bad;
    void *relocs;
    uint32_t reloc_bytes;
    efi_status_t status;
    int rc;

    if ( st->bs->handle_protocol(image, &li_guid, (void **)&li) )
    {
        early_say(st, u"ERR: no loaded-image protocol for xen.efi\r\n");
        return EFI_LOAD_ERROR;
    }
    __asm__ volatile ( "mov %%cr4, %0" : "=r" (rflags) );
    if ( rflags & X86_CR4_LA57 )
    {
        early_say(st, u"ERR: 5-level paging is not supported\r\n");
        return EFI_UNSUPPORTED;
    }
    if ( !cpu_has_nx() )
    {
        early_say(st, u"ERR: this CPU does not support NX\r\n");
        return EFI_UNSUPPORTED;
    }
    if ( !find_relocs(li, &relocs, &reloc_bytes) )
    {
        early_say(st, u"ERR: xen.efi has no usable base relocations\r\n");
        return EFI_LOAD_ERROR;
    }

    /* (1) efi_l4_bootmap: the firmware's L4 plus our slots. */
    efi_fw_cr3 = read_cr3();
    memcpy(efi_l4_bootmap, (const void *)(efi_fw_cr3 & PTE_ADDR_MASK),
           sizeof(efi_l4_bootmap));
    rc = bootmap_build(efi_l4_bootmap);
    if ( rc == BOOTMAP_SLOT_IMAGE_BUSY || rc == BOOTMAP_SLOT_DMAP_BUSY )
    {
        early_say(st, u"ERR: the firmware uses PML4 slot 261 or 262, "
                      u"which the hypervisor needs\r\n");
        return EFI_UNSUPPORTED;
    }
    if ( rc )
    {
        early_say(st, u"ERR: image too large for its boot page tables\r\n");
        return EFI_LOAD_ERROR;
    }

    /* (2) Pointers in the image now name linked addresses. */
    delta = (uint64_t)XEN_IMG_START - (uint64_t)(uintptr_t)_start;
    if ( pe_reloc_apply(li->image_base, li->image_bytes, relocs, reloc_bytes,
                        (int64_t)delta, &bad) != PE_OK )
    {
        early_say(st, u"ERR: xen.efi base relocations are corrupt\r\n");
        return EFI_LOAD_ERROR;
    }
    efi_phys_offset = -(int64_t)delta;

    /* (3) The switch: interrupts masked while our CR3 is live. */
    __asm__ volatile ( "pushf; pop %0; cli" : "=r" (rflags) :: "memory" );
    efi_fw_if = !!(rflags & X86_EFLAGS_IF);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
    write_cr3((uint64_t)(uintptr_t)efi_l4_bootmap);
    linked_main = (void *)((uintptr_t)efi_xen_main + delta);
    status = linked_main(image, st, li);

    /* Only failures come back: hand the firmware its page tables again. */
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
