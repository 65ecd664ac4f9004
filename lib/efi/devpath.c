/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The file path in a UEFI device path. Nodes are stepped by their own
 * length field, each checked against the readable bytes before it is read.
 */
#include <xen/devpath.h>
#include <xen/efimap.h>

const char *devpath_strerror(enum devpath_status st)
{
    switch ( st )
    {
    case DEVPATH_OK:            return "ok";
    case DEVPATH_SHORT:         return "device path runs past its bytes";
    case DEVPATH_BAD_LENGTH:    return "device path node shorter than 4 bytes";
    case DEVPATH_NO_END:        return "device path has no end node";
    case DEVPATH_NO_FILE:       return "device path names no file";
    case DEVPATH_ODD_NAME:      return "file name of an odd byte count";
    case DEVPATH_NON_ASCII:     return "file name is not printable ASCII";
    case DEVPATH_TOO_LONG:      return "file path too long";
    }
    return "unknown device path error";
}

/* Appends the UCS-2 name of len bytes at name to out at *n. */
static enum devpath_status append_name(const uint8_t *name, size_t len,
                                       char *out, size_t out_bytes,
                                       size_t *n)
{
    for ( size_t i = 0; i + 1 < len; i += 2 )
    {
        uint16_t c = name[i] | (name[i + 1] << 8);

        if ( !c )
            break;
        if ( c < 0x20 || c > 0x7e )
            return DEVPATH_NON_ASCII;
        /* One '\' where two nodes meet, whichever side carries it. */
        if ( i == 0 && *n && (out[*n - 1] == '\\') == (c == '\\') )
        {
            if ( c == '\\' )
                continue;
            if ( *n + 1 >= out_bytes )
                return DEVPATH_TOO_LONG;
            out[(*n)++] = '\\';
        }
        if ( *n + 1 >= out_bytes )
            return DEVPATH_TOO_LONG;
        out[(*n)++] = (char)c;
    }
    return DEVPATH_OK;
}

enum devpath_status devpath_file_path(const void *dp, size_t dp_bytes,
                                      char *out, size_t out_bytes)
{
    const uint8_t *p = dp;
    size_t off = 0, n = 0;
    enum devpath_status st;

    if ( !out_bytes )
        return DEVPATH_TOO_LONG;
    for ( unsigned int node = 0; node < DEVPATH_MAX_NODES; node++ )
    {
        size_t len;

        if ( dp_bytes - off < DEVPATH_NODE_HEAD )
            return DEVPATH_SHORT;
        len = p[off + 2] | (p[off + 3] << 8);
        if ( len < DEVPATH_NODE_HEAD )
            return DEVPATH_BAD_LENGTH;
        if ( len > dp_bytes - off )
            return DEVPATH_SHORT;
        if ( p[off] == DEVPATH_TYPE_END )
        {
            out[n] = 0;
            return n ? DEVPATH_OK : DEVPATH_NO_FILE;
        }
        if ( p[off] == DEVPATH_TYPE_MEDIA &&
             p[off + 1] == DEVPATH_SUBTYPE_FILE )
        {
            if ( (len - DEVPATH_NODE_HEAD) % 2 )
                return DEVPATH_ODD_NAME;
            st = append_name(p + off + DEVPATH_NODE_HEAD,
                             len - DEVPATH_NODE_HEAD, out, out_bytes, &n);
            if ( st != DEVPATH_OK )
                return st;
        }
        off += len;
    }
    return DEVPATH_NO_END;
}

size_t devpath_readable_bytes(const struct efimap_entry *map,
                              unsigned int nr, uint64_t pa, size_t cap)
{
    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t off, left_pages, left;

        if ( pa < map[i].start_pa )
            continue;
        /* Counted in pages: an entry may end at 2^64. */
        off = pa - map[i].start_pa;
        if ( (off >> EFIMAP_PAGE_SHIFT) >= map[i].nr_pages )
            continue;
        left_pages = map[i].nr_pages - (off >> EFIMAP_PAGE_SHIFT);
        if ( left_pages > (cap >> EFIMAP_PAGE_SHIFT) + 1 )
            return cap;
        left = (left_pages << EFIMAP_PAGE_SHIFT) -
               (off & (EFIMAP_PAGE_BYTES - 1));
        return left < cap ? (size_t)left : cap;
    }
    return 0;
}
