/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * PE32+ base relocations and the header check of xen.efi: see
 * include/xen/pe.h. Input bytes may sit at any alignment (a file buffer
 * in the host tool, a table inside the image in the hypervisor), so fields
 * are assembled from bytes and headers are copied into local structs.
 * Everything here is x86-only, so the host's byte order is the file's.
 */
#include <xen/le.h>
#include <xen/pe.h>

/*
 * One walk over a relocation table. The table may itself lie inside the
 * image (the hypervisor re-applies the .reloc it carries), in which case
 * [table_lo, table_hi) is its place as image offsets and no field may
 * touch it: a fixup that rewrote a block header would let the applying
 * pass read a different table from the one that was checked.
 */
struct reloc_walk {
    const uint8_t *table;
    size_t table_bytes;
    size_t image_bytes;
    uint64_t table_lo;
    uint64_t table_hi;          /* == table_lo: the table is elsewhere */
    uint8_t *image;             /* NULL: check only */
    int64_t delta;
};

static const char *const status_text[PE_NR_STATUS] = {
    [PE_OK]                    = "ok",
    [PE_RELOC_TABLE_TOO_BIG]   = "relocation table of 4 GiB or more",
    [PE_RELOC_SHORT_HEADER]    = "relocation block header cut short",
    [PE_RELOC_BLOCK_ZERO]      = "relocation block of size 0",
    [PE_RELOC_BLOCK_SMALL]     = "relocation block smaller than its header",
    [PE_RELOC_BLOCK_ODD]       = "relocation block size odd",
    [PE_RELOC_BLOCK_OVERRUN]   = "relocation block past the table",
    [PE_RELOC_BAD_TYPE]        = "relocation type not ABSOLUTE, HIGHLOW "
                                 "or DIR64",
    [PE_RELOC_OUTSIDE_IMAGE]   = "relocation past the end of the image",
    [PE_RELOC_UNSORTED]        = "relocation overlaps or precedes the "
                                 "previous one",
    [PE_RELOC_HITS_TABLE]      = "relocation inside the relocation table",
    [PE_TRUNCATED_DOS]         = "file shorter than an MS-DOS header",
    [PE_BAD_DOS_MAGIC]         = "no MZ signature",
    [PE_BAD_LFANEW]            = "e_lfanew points outside the file",
    [PE_BAD_SIGNATURE]         = "no PE signature",
    [PE_BAD_MACHINE]           = "machine is not AMD64",
    [PE_OPT_TOO_SMALL]         = "optional header too small",
    [PE_TRUNCATED_OPT]         = "optional header past the end of the file",
    [PE_BAD_OPT_MAGIC]         = "optional header is not PE32+",
    [PE_BAD_NR_DIRS]           = "data directories past the optional header",
    [PE_BAD_SUBSYSTEM]         = "subsystem is not EFI application",
    [PE_BAD_SECTION_ALIGN]     = "section alignment is not 4 KiB",
    [PE_BAD_FILE_ALIGN]        = "bad file alignment",
    [PE_BAD_IMAGE_BASE]        = "image base not section aligned",
    [PE_BAD_IMAGE_SIZE]        = "SizeOfImage zero or not section aligned",
    [PE_BAD_HEADERS_SIZE]      = "SizeOfHeaders past the file or image",
    [PE_NO_SECTIONS]           = "no sections",
    [PE_TRUNCATED_SECTIONS]    = "section table past SizeOfHeaders",
    [PE_SECTION_UNALIGNED]     = "section not section aligned",
    [PE_SECTION_OVERLAP]       = "section overlaps headers or previous one",
    [PE_SECTION_OUTSIDE_IMAGE] = "section past SizeOfImage",
    [PE_SECTION_OUTSIDE_FILE]  = "section data past the end of the file",
    [PE_SECTION_WX]            = "section both writable and executable",
    [PE_BAD_ENTRY]             = "entry point not in an executable section",
    [PE_NO_RELOC_DIR]          = "no base relocation directory",
    [PE_RELOC_DIR_NOT_IN_FILE] = "base relocations not inside one "
                                 "section's data",
    [PE_RELOC_TARGET_NOT_RW]   = "relocation target not in a writable, "
                                 "non-executable section",
    [PE_FILE_GAP]              = "file bytes between headers or sections "
                                 "belong to no section",
    [PE_FILE_TRAILING]         = "file bytes after the last section belong "
                                 "to no section",
    [PE_BAD_CERT_TABLE]        = "certificate table not at the end of the "
                                 "file",
};

const char *pe_strerror(enum pe_status st)
{
    if ( (unsigned int)st >= PE_NR_STATUS || !status_text[st] )
        return "unknown pe status";
    return status_text[st];
}

static void put32(uint8_t *p, uint32_t v)
{
    for ( unsigned int i = 0; i < 4; i++ )
        p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, (uint32_t)v);
    put32(p + 4, (uint32_t)(v >> 32));
}

static void copy_in(void *dst, const uint8_t *src, size_t n)
{
    uint8_t *d = dst;

    for ( size_t i = 0; i < n; i++ )
        d[i] = src[i];
}

static void set_bad(unsigned int *bad_offset, size_t off)
{
    if ( bad_offset )
        *bad_offset = (unsigned int)off;
}

/* Field width of a relocation type: 0 for ABSOLUTE and for unknown ones. */
static unsigned int reloc_width(unsigned int type)
{
    switch ( type )
    {
    case PE_REL_HIGHLOW: return 4;
    case PE_REL_DIR64:   return 8;
    default:             return 0;
    }
}

static void apply_one(const struct reloc_walk *w, uint64_t rva,
                      unsigned int width)
{
    uint8_t *f = w->image + rva;

    /* Unsigned arithmetic: the wrap is the intended modular addition. */
    if ( width == 8 )
        put64(f, le64(f) + (uint64_t)w->delta);
    else
        put32(f, le32(f) + (uint32_t)(uint64_t)w->delta);
}

/* Checks one block header at off; returns its size in *block_bytes. */
static enum pe_status check_block(const uint8_t *t, size_t reloc_bytes,
                                  size_t off, uint32_t *block_bytes)
{
    uint32_t n;

    if ( reloc_bytes - off < sizeof(struct pe_reloc_block) )
        return PE_RELOC_SHORT_HEADER;
    n = le32(t + off + offsetof(struct pe_reloc_block, block_bytes));
    if ( !n )
        return PE_RELOC_BLOCK_ZERO;
    if ( n < sizeof(struct pe_reloc_block) )
        return PE_RELOC_BLOCK_SMALL;
    if ( n & 1 )
        return PE_RELOC_BLOCK_ODD;
    if ( n > reloc_bytes - off )
        return PE_RELOC_BLOCK_OVERRUN;
    *block_bytes = n;
    return PE_OK;
}

/*
 * Checks one entry of a block at page_rva; on PE_OK *width is the field's
 * width (0 for padding) and *rva its place.
 */
static enum pe_status check_entry(const struct reloc_walk *w, uint32_t entry,
                                  uint32_t page_rva, uint64_t next_free,
                                  uint64_t *rva, unsigned int *width)
{
    unsigned int type = PE_REL_TYPE(entry);

    *rva = (uint64_t)page_rva + PE_REL_OFFSET(entry);
    *width = reloc_width(type);
    if ( type == PE_REL_ABSOLUTE )
        return PE_OK;
    if ( !*width )
        return PE_RELOC_BAD_TYPE;
    if ( *rva > w->image_bytes || *width > w->image_bytes - *rva )
        return PE_RELOC_OUTSIDE_IMAGE;
    if ( *rva < next_free )
        return PE_RELOC_UNSORTED;
    if ( *rva < w->table_hi && *rva + *width > w->table_lo )
        return PE_RELOC_HITS_TABLE;
    return PE_OK;
}

/*
 * The one walker behind every entry point: every check is made whether or
 * not w->image is set, so checking and applying cannot disagree about
 * which tables are acceptable, and no write can leave the image.
 */
static enum pe_status walk(const struct reloc_walk *w,
                           struct pe_reloc_counts *c, unsigned int *bad)
{
    const uint8_t *t = w->table;
    size_t off = 0;
    uint64_t next_free = 0;     /* lowest RVA the next field may start at */
    enum pe_status st;

    *c = (struct pe_reloc_counts){ 0 };
    set_bad(bad, 0);
    if ( w->table_bytes > UINT32_MAX )
        return PE_RELOC_TABLE_TOO_BIG;
    while ( off < w->table_bytes )
    {
        uint32_t block_bytes = 0;

        st = check_block(t, w->table_bytes, off, &block_bytes);
        if ( st != PE_OK )
        {
            set_bad(bad, off);
            return st;
        }
        c->nr_blocks++;
        for ( size_t e = off + 8; e < off + block_bytes; e += 2 )
        {
            uint64_t rva;
            unsigned int width;

            st = check_entry(w, le16(t + e), le32(t + off), next_free,
                             &rva, &width);
            if ( st != PE_OK )
            {
                set_bad(bad, e);
                return st;
            }
            if ( !width )
            {
                c->nr_absolute++;
                continue;
            }
            next_free = rva + width;
            if ( width == 8 )
                c->nr_dir64++;
            else
                c->nr_highlow++;
            if ( w->image )
                apply_one(w, rva, width);
        }
        off += block_bytes;
    }
    return PE_OK;
}

enum pe_status pe_reloc_count(const void *relocs, size_t reloc_bytes,
                              size_t image_bytes,
                              struct pe_reloc_counts *counts,
                              unsigned int *bad_offset)
{
    struct pe_reloc_counts scratch;
    const struct reloc_walk w = {
        .table = relocs, .table_bytes = reloc_bytes,
        .image_bytes = image_bytes,
    };

    return walk(&w, counts ? counts : &scratch, bad_offset);
}

enum pe_status pe_reloc_apply(void *image, size_t image_bytes,
                              const void *relocs, size_t reloc_bytes,
                              int64_t delta, unsigned int *bad_offset)
{
    uintptr_t im = (uintptr_t)image, rt = (uintptr_t)relocs;
    struct reloc_walk w = {
        .table = relocs, .table_bytes = reloc_bytes,
        .image_bytes = image_bytes, .delta = delta,
    };
    struct pe_reloc_counts c;
    enum pe_status st;

    /* Addresses compared as integers: the two may be one object or not. */
    if ( rt >= im && rt - im < image_bytes )
    {
        w.table_lo = rt - im;
        w.table_hi = w.table_lo + MIN(reloc_bytes, image_bytes - w.table_lo);
    }
    else if ( rt < im && im - rt < reloc_bytes )
        w.table_hi = MIN(reloc_bytes - (im - rt), image_bytes);
    st = walk(&w, &c, bad_offset);
    if ( st != PE_OK || !delta )
        return st;
    w.image = image;
    return walk(&w, &c, bad_offset);
}

/* The DOS, COFF and optional headers, copied out of the file. */
struct headers {
    struct pe_file_header fh;
    struct pe_opt_header64 oh;
    size_t table_off;           /* file offset of the section table */
};

static enum pe_status check_coff(const uint8_t *f, size_t len,
                                 struct headers *h)
{
    size_t lfanew, opt_off, opt_bytes;

    if ( len < sizeof(struct pe_dos_header) )
        return PE_TRUNCATED_DOS;
    if ( le16(f) != PE_DOS_MAGIC )
        return PE_BAD_DOS_MAGIC;
    lfanew = le32(f + offsetof(struct pe_dos_header, e_lfanew));
    if ( lfanew < sizeof(struct pe_dos_header) || lfanew > len ||
         len - lfanew < 4 + sizeof(h->fh) )
        return PE_BAD_LFANEW;
    if ( le32(f + lfanew) != PE_SIGNATURE )
        return PE_BAD_SIGNATURE;
    copy_in(&h->fh, f + lfanew + 4, sizeof(h->fh));
    if ( h->fh.machine != PE_MACHINE_AMD64 )
        return PE_BAD_MACHINE;

    opt_off = lfanew + 4 + sizeof(h->fh);
    opt_bytes = h->fh.opt_header_bytes;
    if ( opt_bytes < offsetof(struct pe_opt_header64, dirs) )
        return PE_OPT_TOO_SMALL;
    if ( opt_bytes > len - opt_off )
        return PE_TRUNCATED_OPT;
    h->oh = (struct pe_opt_header64){ 0 };
    copy_in(&h->oh, f + opt_off, MIN(opt_bytes, sizeof(h->oh)));
    h->table_off = opt_off + opt_bytes;
    if ( h->oh.magic != PE_OPT_MAGIC_PE32PLUS )
        return PE_BAD_OPT_MAGIC;
    if ( h->oh.nr_dirs > (opt_bytes - offsetof(struct pe_opt_header64, dirs)) /
                         sizeof(struct pe_data_dir) )
        return PE_BAD_NR_DIRS;
    return PE_OK;
}

static enum pe_status check_layout(size_t len, const struct headers *h)
{
    const struct pe_opt_header64 *oh = &h->oh;
    uint32_t fa = oh->file_align;
    uint64_t table_end;

    if ( oh->subsystem != PE_SUBSYSTEM_EFI_APP )
        return PE_BAD_SUBSYSTEM;
    if ( oh->section_align != PE_PAGE_BYTES )
        return PE_BAD_SECTION_ALIGN;
    if ( !fa || (fa & (fa - 1)) || fa > oh->section_align )
        return PE_BAD_FILE_ALIGN;
    if ( !IS_ALIGNED(oh->image_base, (uint64_t)oh->section_align) )
        return PE_BAD_IMAGE_BASE;
    if ( !oh->image_bytes || !IS_ALIGNED(oh->image_bytes, oh->section_align) )
        return PE_BAD_IMAGE_SIZE;
    if ( oh->headers_bytes > len || oh->headers_bytes > oh->image_bytes )
        return PE_BAD_HEADERS_SIZE;
    if ( !h->fh.nr_sections )
        return PE_NO_SECTIONS;
    table_end = h->table_off +
                (uint64_t)h->fh.nr_sections * sizeof(struct pe_section);
    if ( table_end > oh->headers_bytes )
        return PE_TRUNCATED_SECTIONS;
    return PE_OK;
}

/* Bytes a section occupies in memory; VirtualSize 0 means the raw size. */
static uint32_t section_span(const struct pe_section *s)
{
    return s->virtual_bytes ? s->virtual_bytes : s->raw_bytes;
}

static enum pe_status check_section(const struct pe_section *s, size_t len,
                                    const struct pe_opt_header64 *oh,
                                    uint64_t *next_free)
{
    uint64_t end = (uint64_t)s->rva + section_span(s);

    if ( !IS_ALIGNED(s->rva, oh->section_align) )
        return PE_SECTION_UNALIGNED;
    if ( s->rva < *next_free )
        return PE_SECTION_OVERLAP;
    if ( end > oh->image_bytes )
        return PE_SECTION_OUTSIDE_IMAGE;
    if ( s->raw_bytes && (uint64_t)s->raw_offset + s->raw_bytes > len )
        return PE_SECTION_OUTSIDE_FILE;
    if ( (s->characteristics & PE_SCN_MEM_WRITE) &&
         (s->characteristics & PE_SCN_MEM_EXECUTE) )
        return PE_SECTION_WX;
    *next_free = end;
    return PE_OK;
}

static enum pe_status check_sections(const uint8_t *f, size_t len,
                                     const struct headers *h,
                                     struct pe_image_info *out)
{
    uint64_t next_free = h->oh.headers_bytes;
    bool entry_ok = false;
    enum pe_status st;

    for ( unsigned int i = 0; i < h->fh.nr_sections; i++ )
    {
        struct pe_section s;

        copy_in(&s, f + h->table_off + i * sizeof(s), sizeof(s));
        out->bad_section = i;
        st = check_section(&s, len, &h->oh, &next_free);
        if ( st != PE_OK )
            return st;
        if ( (s.characteristics & PE_SCN_MEM_EXECUTE) &&
             h->oh.entry_rva >= s.rva &&
             h->oh.entry_rva - s.rva < section_span(&s) )
            entry_ok = true;
    }
    out->bad_section = 0;
    return entry_ok ? PE_OK : PE_BAD_ENTRY;
}

/*
 * Second pass over a table that walk() accepted: every field must lie in
 * one section that is writable and not executable.
 */
static enum pe_status check_reloc_targets(const uint8_t *f,
                                          const struct headers *h,
                                          const uint8_t *t, size_t bytes,
                                          struct pe_image_info *out)
{
    for ( size_t off = 0; off < bytes; off += le32(t + off + 4) )
    {
        uint32_t page = le32(t + off), block = le32(t + off + 4);

        for ( size_t e = off + 8; e < off + block; e += 2 )
        {
            unsigned int width = reloc_width(PE_REL_TYPE(le16(t + e)));
            uint64_t rva = (uint64_t)page + PE_REL_OFFSET(le16(t + e));
            unsigned int i;
            struct pe_section s;

            if ( !width )
                continue;
            for ( i = 0; i < h->fh.nr_sections; i++ )
            {
                copy_in(&s, f + h->table_off + i * sizeof(s), sizeof(s));
                if ( rva >= s.rva && rva - s.rva < section_span(&s) &&
                     width <= section_span(&s) - (rva - s.rva) )
                    break;
            }
            if ( i == h->fh.nr_sections ||
                 !(s.characteristics & PE_SCN_MEM_WRITE) ||
                 (s.characteristics & PE_SCN_MEM_EXECUTE) )
            {
                out->bad_section = i;
                out->reloc_bad_offset = e;
                return PE_RELOC_TARGET_NOT_RW;
            }
        }
    }
    return PE_OK;
}

/* Finds the file bytes of the relocation table and walks it. */
static enum pe_status check_relocs(const uint8_t *f, const struct headers *h,
                                   struct pe_image_info *out)
{
    const struct pe_data_dir *d = &h->oh.dirs[PE_DIR_BASERELOC];
    struct reloc_walk w = {
        .table_bytes = d->size, .image_bytes = h->oh.image_bytes,
        .table_lo = d->rva, .table_hi = (uint64_t)d->rva + d->size,
    };
    enum pe_status st;

    if ( h->oh.nr_dirs <= PE_DIR_BASERELOC || !d->size )
        return PE_NO_RELOC_DIR;
    out->reloc_rva = d->rva;
    out->reloc_bytes = d->size;
    for ( unsigned int i = 0; i < h->fh.nr_sections; i++ )
    {
        struct pe_section s;
        uint32_t backed;

        copy_in(&s, f + h->table_off + i * sizeof(s), sizeof(s));
        backed = MIN(section_span(&s), s.raw_bytes);
        if ( d->rva < s.rva || d->rva - s.rva > backed ||
             d->size > backed - (d->rva - s.rva) )
            continue;
        out->reloc_file_offset = s.raw_offset + (d->rva - s.rva);
        w.table = f + out->reloc_file_offset;
        st = walk(&w, &out->relocs, &out->reloc_bad_offset);
        if ( st != PE_OK )
            return st;
        return check_reloc_targets(f, h, w.table, d->size, out);
    }
    return PE_RELOC_DIR_NOT_IN_FILE;
}

enum pe_status pe_check_image(const void *file, size_t len,
                              struct pe_image_info *out)
{
    const uint8_t *f = file;
    struct headers h;
    enum pe_status st;

    *out = (struct pe_image_info){ 0 };
    if ( !f )
        len = 0;
    st = check_coff(f, len, &h);
    if ( st != PE_OK )
        return st;
    out->image_base = h.oh.image_base;
    out->image_bytes = h.oh.image_bytes;
    out->headers_bytes = h.oh.headers_bytes;
    out->entry_rva = h.oh.entry_rva;
    out->dll_characteristics = h.oh.dll_characteristics;
    out->nx_compat = h.oh.dll_characteristics & PE_DLL_NX_COMPAT;
    out->nr_sections = h.fh.nr_sections;
    out->section_table_offset = h.table_off;
    out->checksum = h.oh.checksum;
    out->checksum_offset = h.table_off - h.fh.opt_header_bytes +
                           offsetof(struct pe_opt_header64, checksum);
    if ( h.oh.nr_dirs > PE_DIR_SECURITY )
    {
        out->cert_offset = h.oh.dirs[PE_DIR_SECURITY].rva;
        out->cert_bytes = h.oh.dirs[PE_DIR_SECURITY].size;
    }

    st = check_layout(len, &h);
    if ( st == PE_OK )
        st = check_sections(f, len, &h, out);
    if ( st == PE_OK )
        st = check_relocs(f, &h, out);
    return st;
}

enum pe_status pe_check_file_layout(const void *file, size_t len,
                                    const struct pe_image_info *info)
{
    const uint8_t *f = file;
    uint64_t pos = info->headers_bytes, cert_end;

    for ( unsigned int i = 0; i < info->nr_sections; i++ )
    {
        struct pe_section s;

        copy_in(&s, f + info->section_table_offset + i * sizeof(s),
                sizeof(s));
        if ( !s.raw_bytes )
            continue;
        if ( s.raw_offset != pos )
            return PE_FILE_GAP;
        pos += s.raw_bytes;
    }
    if ( !info->cert_bytes )
        return pos == len ? PE_OK : PE_FILE_TRAILING;
    cert_end = (uint64_t)info->cert_offset + info->cert_bytes;
    if ( info->cert_offset < pos || info->cert_offset - pos >= 8 ||
         !IS_ALIGNED(info->cert_offset, 8) || cert_end != len )
        return PE_BAD_CERT_TABLE;
    return PE_OK;
}

uint32_t pe_checksum(const void *file, size_t len, size_t checksum_offset)
{
    const uint8_t *f = file;
    uint64_t sum = 0;

    for ( size_t i = 0; i < len; i += 2 )
    {
        uint32_t w = 0;

        for ( size_t j = i; j < i + 2 && j < len; j++ )
            if ( j < checksum_offset || j - checksum_offset >= 4 )
                w |= (uint32_t)f[j] << (8 * (j - i));
        sum += w;
        sum = (sum & 0xffff) + (sum >> 16);
    }
    sum = (sum & 0xffff) + (sum >> 16);
    return (uint32_t)(sum + len);
}
