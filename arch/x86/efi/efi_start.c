/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PE entry point of xen.efi. The firmware starts it at the load
 * address with the image's base relocations applied for that address. It
 * builds efi_l4_bootmap, re-applies the relocations for the linked address
 * (so every pointer in the image names a linked address and agrees with
 * RIP-relative references there), and enters efi_xen_main at the linked
 * address. After the relocations are re-applied, nothing here may follow a
 * pointer stored in the image.
 */
#include <efi/efi.h>
#include <xen/cc.h>
#include <xen/efi.h>
#include <xen/pe.h>
#include <asm/bootmap.h>
#include <asm/io.h>

efi_status_t EFIAPI efi_start(efi_handle_t image, struct efi_system_table *st);

/* See xen/efi.h. */
uint64_t efi_start_tsc;

/* The loaded image's own base relocation table, from its PE headers. */
static bool find_relocs(const struct efi_loaded_image *li, void **relocs,
                        uint32_t *bytes)
{
    const uint8_t *base = li->image_base;
    const struct pe_dos_header *dos = (const void *)base;
    const struct pe_opt_header64 *opt;
    const struct pe_data_dir *dir;

    if ( li->image_bytes < PAGE_SIZE || dos->e_magic != 0x5a4d ||
         dos->e_lfanew > PAGE_SIZE - 4 - sizeof(struct pe_file_header) -
                         sizeof(*opt) )
        return false;
    opt = (const void *)(base + dos->e_lfanew + 4 +
                         sizeof(struct pe_file_header));
    if ( opt->nr_dirs <= PE_DIR_BASERELOC )
        return false;
    dir = &opt->dirs[PE_DIR_BASERELOC];
    if ( dir->rva >= li->image_bytes ||
         dir->size > li->image_bytes - dir->rva )
        return false;
    *relocs = (void *)(base + dir->rva);
    *bytes = dir->size;
    return true;
}

efi_status_t EFIAPI efi_start(efi_handle_t image, struct efi_system_table *st)
{
    static const struct efi_guid li_guid = EFI_LOADED_IMAGE_GUID;
    struct efi_loaded_image *li;
    void *relocs;
    uint32_t reloc_bytes;
    unsigned int bad;
    int64_t delta;
    efi_status_t s;
    struct cc_probe cc;
    enum cc_kind kind;

    efi_start_tsc = rdtsc();
    /* First, while the firmware still handles #VC / #VE for us. */
    arch_cc_probe(&cc);
    kind = cc_classify(&cc);
    if ( kind != CC_NONE )
    {
        st->con_out->output_string(st->con_out, arch_cc_refusal16(kind));
        return EFI_UNSUPPORTED;
    }
    if ( st->bs->handle_protocol(image, &li_guid, (void **)&li) )
    {
        st->con_out->output_string(st->con_out,
                                   u"ERR: no loaded-image protocol\r\n");
        return EFI_LOAD_ERROR;
    }
    if ( !find_relocs(li, &relocs, &reloc_bytes) )
    {
        st->con_out->output_string(st->con_out,
            u"ERR: xen.efi has no usable base relocations\r\n");
        return EFI_LOAD_ERROR;
    }
    if ( (s = efi_prepare_bootmap(st)) )
        return s;

    delta = (int64_t)(XEN_IMG_START - (uint64_t)(uintptr_t)_start);
    if ( pe_reloc_apply(li->image_base, li->image_bytes, relocs, reloc_bytes,
                        delta, &bad) != PE_OK )
    {
        st->con_out->output_string(st->con_out,
            u"ERR: xen.efi base relocations are corrupt\r\n");
        return EFI_LOAD_ERROR;
    }
    return efi_enter_linked(efi_xen_main, image, st, li);
}
