/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Why efishim.efi starts twice. The UEFI shell runs applications only (a
 * driver given as a command gets "The image is not an application."),
 * its `load` command passes no load options, and an application is
 * unloaded when its entry point returns: the GetMemoryMap() wrapper and
 * the protocol would go with it. So the file is an EFI application; run as
 * one, it reads its own file, marks the copy as a boot-service driver
 * (PE subsystem 11), loads and starts that with the same load options.
 * The firmware keeps a driver that returns success loaded.
 */
#include <xen/efimap.h>
#include <xen/pe.h>
#include <xen/string.h>

#include <xen/devpath.h>

#include "shim.h"

#define RELAUNCH_PATH_CHARS     256
#define RELAUNCH_MAX_BYTES      (4ULL << 20)
#define PE_SUBSYSTEM_EFI_BS_DRIVER  11

/*
 * The image's own file path (lib/efi/devpath.c), as UCS-2. It is read at
 * most to the end of the next page: longer paths are refused.
 */
static bool relaunch_path(const struct efi_loaded_image *li, char16_t *out)
{
    char ascii[RELAUNCH_PATH_CHARS];
    size_t i;

    if ( devpath_file_path(li->file_path, 2 * 4096 -
                           ((uintptr_t)li->file_path & 4095), ascii,
                           sizeof(ascii)) != DEVPATH_OK )
        return false;
    for ( i = 0; ascii[i]; i++ )
        out[i] = (unsigned char)ascii[i];
    out[i] = 0;
    return true;
}

/* Reads the image's own file into EfiLoaderData pages at *pa. */
static efi_status_t relaunch_read(struct efi_boot_services *bs,
                                  const struct efi_loaded_image *li,
                                  uint64_t *pa, uint64_t *bytes)
{
    static const struct efi_guid sfs_guid = EFI_SIMPLE_FILE_SYSTEM_GUID;
    static const struct efi_guid info_guid = EFI_FILE_INFO_GUID;
    char16_t path[RELAUNCH_PATH_CHARS];
    uint64_t info[64], info_bytes = sizeof(info), got;
    struct efi_simple_file_system *sfs;
    struct efi_file *root, *f;
    efi_status_t s;

    if ( !relaunch_path(li, path) )
        return EFI_NOT_FOUND;
    if ( (s = bs->handle_protocol(li->device, &sfs_guid,
                                  (void **)&sfs)) != EFI_SUCCESS ||
         (s = sfs->open_volume(sfs, &root)) != EFI_SUCCESS )
        return s;
    s = root->open(root, &f, path, EFI_FILE_MODE_READ, 0);
    root->close(root);
    if ( s != EFI_SUCCESS )
        return s;
    s = f->get_info(f, &info_guid, &info_bytes, info);
    *bytes = ((struct efi_file_info *)info)->file_size;
    if ( s == EFI_SUCCESS && (!*bytes || *bytes > RELAUNCH_MAX_BYTES) )
        s = EFI_LOAD_ERROR;
    if ( s == EFI_SUCCESS )
        s = bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES, EFI_LOADER_DATA,
                               (*bytes + PE_PAGE_BYTES - 1) / PE_PAGE_BYTES,
                               pa);
    if ( s == EFI_SUCCESS )
    {
        got = *bytes;
        s = f->read(f, &got, (void *)(uintptr_t)*pa);
        if ( s == EFI_SUCCESS && got != *bytes )
            s = EFI_DEVICE_ERROR;
        if ( s != EFI_SUCCESS )
            bs->free_pages(*pa, (*bytes + PE_PAGE_BYTES - 1) / PE_PAGE_BYTES);
    }
    f->close(f);
    return s;
}

/* Checks the file as the linker made it and turns it into a driver. */
static bool relaunch_mark_driver(uint8_t *file, uint64_t bytes)
{
    struct pe_image_info info;
    struct pe_dos_header dos;
    uint16_t subsys = PE_SUBSYSTEM_EFI_BS_DRIVER;

    if ( pe_check_image(file, bytes, &info) != PE_OK )
        return false;
    /* pe_check_image() has read the subsystem field, so it is in bounds. */
    memcpy(&dos, file, sizeof(dos));
    memcpy(file + dos.e_lfanew + 4 + sizeof(struct pe_file_header) +
           offsetof(struct pe_opt_header64, subsystem), &subsys,
           sizeof(subsys));
    return true;
}

efi_status_t relaunch_as_driver(efi_handle_t image,
                                const struct efi_loaded_image *li,
                                struct efi_boot_services *bs)
{
    static const struct efi_guid li_guid = EFI_LOADED_IMAGE_GUID;
    shim_load_image_fn load = (shim_load_image_fn)bs->load_image;
    shim_start_image_fn start = (shim_start_image_fn)bs->start_image;
    struct efi_loaded_image *child_li;
    efi_handle_t child = NULL;
    uint64_t pa, bytes;
    efi_status_t s;

    if ( (s = relaunch_read(bs, li, &pa, &bytes)) != EFI_SUCCESS )
    {
        shim_line("ERR: cannot read efishim.efi again (status 0x%lx)",
                  (unsigned long)s);
        return s;
    }
    s = EFI_LOAD_ERROR;
    if ( relaunch_mark_driver((uint8_t *)(uintptr_t)pa, bytes) )
        s = load(0, image, li->file_path, (void *)(uintptr_t)pa, bytes,
                 &child);
    bs->free_pages(pa, (bytes + PE_PAGE_BYTES - 1) / PE_PAGE_BYTES);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: cannot load efishim.efi as a driver (status 0x%lx)",
                  (unsigned long)s);
        return s;
    }
    s = bs->handle_protocol(child, &li_guid, (void **)&child_li);
    if ( s != EFI_SUCCESS || child_li->code_type != EFIMAP_TYPE_BS_CODE )
    {
        shim_line("ERR: efishim.efi did not load as a boot-service driver");
        ((shim_unload_image_fn)bs->unload_image)(child);
        return EFI_LOAD_ERROR;
    }
    /* The shell's buffer outlives the call; the driver parses it at once. */
    child_li->load_options = li->load_options;
    child_li->load_options_bytes = li->load_options_bytes;
    return start(child, NULL, NULL);
}
