/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The EFI memory map as the hypervisor keeps it after ExitBootServices:
 * the firmware's descriptors with every page the hypervisor owns (its
 * image, the boot modules, the multiboot2 information, the frame
 * allocator's own reservations) turned into EfiReservedMemoryType, so a
 * dom0 reading XEN_FW_EFI_MEMORY_MAP never takes them for RAM. Pure code.
 */
#ifndef XEN_EFIMAP_HV_H
#define XEN_EFIMAP_HV_H

#include <xen/types.h>

/* EfiReservedMemoryType: what a hypervisor-owned page becomes. */
#define EFIMAP_HV_RESERVED_TYPE     0

/* A hypervisor-owned byte range [start, end); rounded out to 4 KiB. */
struct efimap_hv_range {
    uint64_t start;
    uint64_t end;
};

enum efimap_hv_status {
    EFIMAP_HV_OK,
    EFIMAP_HV_ERR_DESC_SIZE,    /* descriptor size below 40 or not 8-aligned */
    EFIMAP_HV_ERR_TRUNCATED,    /* map size not a multiple of it */
    EFIMAP_HV_ERR_NO_ROOM,      /* out too small; *out_bytes the need */
};

/*
 * Is an EFI memory type one the hypervisor may own after ExitBootServices
 * (loader code/data, boot services code/data, conventional)? Only such
 * descriptors are split; every other descriptor is copied as it is.
 */
bool efimap_hv_ram_type(uint32_t type);

/*
 * Writes into out (room out_room bytes) the map of map_bytes at map, made
 * of desc_bytes records: each record is copied whole (bytes past the 40 of
 * version 1 included) except that the pages of a RAM-type record (see
 * efimap_hv_ram_type) lying in any of the nr_owned ranges become records
 * of type EFIMAP_HV_RESERVED_TYPE with the same attributes, the record
 * being split where needed; a split record's virtual start moves with
 * its physical start when it was set. Records with no pages or that wrap
 * are copied as they are. *out_bytes is set to the bytes the result
 * needs, also on EFIMAP_HV_ERR_NO_ROOM (out is then left partly written).
 */
enum efimap_hv_status efimap_hv_build(const void *map, size_t map_bytes,
                                      size_t desc_bytes,
                                      const struct efimap_hv_range *owned,
                                      unsigned int nr_owned, void *out,
                                      size_t out_room, size_t *out_bytes);

#endif /* XEN_EFIMAP_HV_H */
