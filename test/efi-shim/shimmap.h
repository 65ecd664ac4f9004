/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware test shim's view of the EFI memory map (shimmap.c): which
 * type covers a range, and the in-place rewrite that shows the shim's
 * private allocations as unaccepted memory. Pure: works on the caller's
 * buffer only, steps descriptors by the firmware's descriptor size.
 */
#ifndef SHIMMAP_H
#define SHIMMAP_H

#include <xen/types.h>

#include "shimopt.h"

enum shimmap_status {
    SHIMMAP_OK,
    SHIMMAP_ERR_DESC_SIZE,      /* below 40 bytes or not a multiple of 8 */
    SHIMMAP_ERR_MAP_SIZE,       /* not whole descriptors, or past buf_bytes */
    SHIMMAP_ERR_NO_ROOM,        /* the rewrite does not fit; *out_bytes */
    SHIMMAP_ERR_NOT_COVERED,    /* some page of the range has another type */
};

const char *shimmap_strerror(enum shimmap_status st);

/*
 * Bytes a rewrite may add to a map whose descriptors do not overlap (a
 * firmware's): each start or end of a range splits at most one
 * descriptor in two. Overlapping ones may need more; shimmap_retype()
 * then says how much.
 */
size_t shimmap_slack_bytes(const struct shimopt_set *set, size_t desc_bytes);

/*
 * Whether every page of [start_pa, end_pa) lies in descriptors of type
 * (several touching descriptors may cover it together). On
 * SHIMMAP_ERR_NOT_COVERED *bad_pa is the lowest address that is not.
 */
enum shimmap_status shimmap_covered(const void *map, size_t map_bytes,
                                    size_t desc_bytes, uint32_t type,
                                    uint64_t start_pa, uint64_t end_pa,
                                    uint64_t *bad_pa);

/* Pages in well-formed descriptors of type (0 for a bad map). */
uint64_t shimmap_count_type(const void *map, size_t map_bytes,
                            size_t desc_bytes, uint32_t type);

/*
 * Rewrites the map in place (map_bytes in use of a buffer of buf_bytes,
 * stepped by desc_bytes): every descriptor of from_type is cut at the
 * starts and ends of the set's ranges, the pieces inside a range get
 * to_type, the rest keep from_type. Other descriptors, and the bytes of a
 * descriptor beyond the UEFI fields, are copied unchanged; order is kept.
 * On SHIMMAP_OK and SHIMMAP_ERR_NO_ROOM *out_bytes is the size of the
 * rewritten map; on NO_ROOM the buffer is left as it was. A descriptor
 * with no pages, an unaligned start or reaching 2^64 is left alone.
 */
enum shimmap_status shimmap_retype(void *map, size_t map_bytes,
                                   size_t buf_bytes, size_t desc_bytes,
                                   uint32_t from_type, uint32_t to_type,
                                   const struct shimopt_set *set,
                                   size_t *out_bytes);

#endif /* SHIMMAP_H */
