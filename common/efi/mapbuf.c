/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Buffers for the firmware's memory map while boot services run
 * (include/xen/efi_boot.h). A map may have any number of descriptors
 * (large servers and fragmented firmware hand over thousands), so no
 * buffer has a fixed size: each is allocated from the firmware, sized
 * from what a first GetMemoryMap says it needs plus slack for the
 * allocations that follow (the buffer's own included), with room after
 * the raw map for its normalized form (common/efi/memmap.c), so that
 * after ExitBootServices the map can be normalized with no allocator.
 * The pages are EfiLoaderData below 4 GiB (in the boot direct map).
 */
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <xen/efimap.h>

#define STORE_MAX_PA        0xffffffffULL
/* Slack: a quarter more descriptors, and 32 at least. */
#define SLACK_MIN_DESCS     32

/* Bytes of normalized room for a raw map of nr_desc descriptors. */
static uint64_t norm_room_bytes(uint64_t nr_desc)
{
    /* An overlap settled in the middle of a descriptor splits it. */
    return 2 * nr_desc * sizeof(struct efimap_entry) +
           efimap_scratch_bytes(nr_desc) + 8;
}

/* See xen/efi_boot.h. */
efi_status_t efi_map_size(uint64_t *map_bytes, uint64_t *desc_bytes,
                          uint32_t *desc_version)
{
    uint64_t key;
    efi_status_t s;

    *map_bytes = 0;
    *desc_bytes = 0;
    s = efi_call(efi_fw.bs->get_memory_map, map_bytes, 0, &key, desc_bytes,
                 desc_version);
    /* An empty buffer can only be too small: anything else is broken. */
    if ( s == EFI_BUFFER_TOO_SMALL )
        return EFI_SUCCESS;
    return s == EFI_SUCCESS ? EFI_DEVICE_ERROR : s;
}

/* See xen/efi_boot.h. */
efi_status_t efi_map_store_alloc(struct efi_map_store *st,
                                 uint64_t map_bytes, uint64_t desc_bytes)
{
    uint64_t nr, pa = STORE_MAX_PA;
    efi_status_t s;

    if ( desc_bytes < sizeof(struct efimap_fw_desc) || desc_bytes % 8 ||
         map_bytes / desc_bytes > UINT32_MAX / 4 )
        return EFI_UNSUPPORTED;
    nr = map_bytes / desc_bytes;
    nr += MAX(nr / 4, (uint64_t)SLACK_MIN_DESCS);
    st->room = nr * desc_bytes;
    st->bytes = st->room + norm_room_bytes(nr);
    s = efi_call(efi_fw.bs->allocate_pages, EFI_ALLOCATE_MAX_ADDRESS,
                 EFI_LOADER_DATA, (st->bytes + EFI_PAGE_SIZE - 1) >> EFI_PAGE_SHIFT,
                 &pa);
    if ( s != EFI_SUCCESS )
    {
        st->pa = st->bytes = st->room = 0;
        return s;
    }
    st->pa = pa;
    return EFI_SUCCESS;
}

/* See xen/efi_boot.h. */
void efi_map_store_free(struct efi_map_store *st)
{
    if ( st->pa )
        efi_call(efi_fw.bs->free_pages, st->pa,
                 (st->bytes + EFI_PAGE_SIZE - 1) >> EFI_PAGE_SHIFT);
    *st = (struct efi_map_store){ 0 };
}

/*
 * See xen/efi_boot.h. The firmware writes into locals: a store may live
 * in the image, whose addresses the firmware does not map.
 */
efi_status_t efi_map_store_fill(struct efi_map_store *st)
{
    uint64_t map_bytes = st->room, key = 0, desc_bytes = 0;
    uint32_t desc_version = 0;
    efi_status_t s;

    s = efi_call(efi_fw.bs->get_memory_map, &map_bytes, st->pa, &key,
                 &desc_bytes, &desc_version);
    st->map_bytes = map_bytes;
    st->key = key;
    st->desc_bytes = desc_bytes;
    st->desc_version = desc_version;
    return s;
}

/* See xen/efi_boot.h. */
const struct efimap_entry *efi_map_store_normalize(
    const struct efi_map_store *st, const void *raw, unsigned int *nr)
{
    struct efimap_report rep;

    return efi_memmap_normalize(raw, st->map_bytes, st->desc_bytes,
                                (uint8_t *)raw + st->room,
                                st->bytes - st->room, nr, &rep);
}
