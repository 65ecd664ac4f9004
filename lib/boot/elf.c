/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ELF64 kernel images and Xen's ELF notes: see include/xen/elf.h. The
 * image is untrusted and may sit at any alignment, so every field is
 * assembled from bytes after its place was checked against img_bytes.
 * Everything here is x86-only: files are little-endian like the host.
 */
#include <xen/elf.h>
#include <xen/le.h>
#include <xen/string.h>

/* ELF-64 Object File Format 1.5: header and program header layouts. */
#define EHDR_BYTES          64
#define EHDR_TYPE           16
#define EHDR_MACHINE        18
#define EHDR_VERSION        20
#define EHDR_ENTRY          24
#define EHDR_PHOFF          32
#define EHDR_PHENTSIZE      54
#define EHDR_PHNUM          56

#define PHDR_BYTES          56
#define PHDR_TYPE           0
#define PHDR_FLAGS          4
#define PHDR_OFFSET         8
#define PHDR_PADDR          24
#define PHDR_FILESZ         32
#define PHDR_MEMSZ          40

#define EI_CLASS_64         2
#define EI_DATA_LE          1
#define EV_CURRENT          1
#define ET_EXEC             2
#define EM_X86_64           62
#define PT_LOAD             1
#define PT_NOTE             4
#define PF_X                1

/* A note: namesz, descsz, type, then name and desc, each 4-byte padded. */
#define NOTE_HDR_BYTES      12

static const char *const status_text[ELF_NR_STATUS] = {
    [ELF_OK]              = "ok",
    [ELF_ERR_SHORT]       = "shorter than an ELF header",
    [ELF_ERR_MAGIC]       = "not an ELF file",
    [ELF_ERR_CLASS]       = "not a 64-bit little-endian x86-64 ELF file",
    [ELF_ERR_TYPE]        = "not an executable",
    [ELF_ERR_PHDRS]       = "program headers outside the file",
    [ELF_ERR_SEGMENT]     = "segment outside the file",
    [ELF_ERR_SEG_SIZE]    = "segment file size above its memory size",
    [ELF_ERR_SEG_OVERLAP] = "segments overlap",
    [ELF_ERR_SEG_WRAP]    = "segment reaches the end of the address space",
    [ELF_ERR_TOO_MANY]    = "too many loadable segments",
    [ELF_ERR_NO_SEGMENTS] = "no loadable segment",
    [ELF_ERR_NOTE]        = "malformed ELF note",
    [ELF_ERR_ENTRY]       = "entry point outside the executable segments",
    [ELF_ERR_NO_ROOM]     = "image does not fit the destination",
};

/* include/public features.h bit numbers, by the names FEATURES uses. */
static const char *const feature_names[] = {
    "writable_page_tables", "writable_descriptor_tables",
    "auto_translated_physmap", "supervisor_mode_kernel",
    "pae_pgdir_above_4gb", "mmu_pt_update_preserve_ad", "highmem_assist",
    "gnttab_map_avail_bits", "hvm_callback_vector", "hvm_safe_pvclock",
    "hvm_pirqs", "dom0", "grant_map_identity", "memory_op_vnode_supported",
    "ARM_SMCCC_supported", "linux_rsdp_unrestricted", "not_direct_mapped",
    "direct_mapped",
};

const char *elf_strerror(enum elf_status st)
{
    if ( (unsigned int)st >= ELF_NR_STATUS || !status_text[st] )
        return "unknown elf status";
    return status_text[st];
}

/* Copies a string note into dst (dst_bytes), stopping at NUL, cut to fit. */
static void note_string(char *dst, size_t dst_bytes, const uint8_t *desc,
                        size_t desc_bytes)
{
    size_t n = 0;

    while ( n < desc_bytes && n + 1 < dst_bytes && desc[n] )
    {
        dst[n] = (char)desc[n];
        n++;
    }
    dst[n] = '\0';
}

/* The bit a feature name stands for, or -1 for a name we do not know. */
static int feature_bit(const uint8_t *name, size_t len)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(feature_names); i++ )
        if ( strlen(feature_names[i]) == len &&
             !memcmp(feature_names[i], name, len) )
            return (int)i;
    return -1;
}

/*
 * FEATURES: names separated by '|'; a leading '!' makes one required.
 * Unknown names are skipped, as Xen does.
 */
static void note_features(struct elf_xen_notes *n, const uint8_t *desc,
                          size_t desc_bytes)
{
    size_t i = 0;

    while ( i < desc_bytes && desc[i] )
    {
        size_t start = i;
        bool required = false;
        int bit;

        if ( desc[i] == '!' )
        {
            required = true;
            start = ++i;
        }
        while ( i < desc_bytes && desc[i] && desc[i] != '|' )
            i++;
        bit = feature_bit(desc + start, i - start);
        if ( bit >= 0 )
        {
            n->features_supported |= 1u << bit;
            if ( required )
                n->features_required |= 1u << bit;
        }
        if ( i < desc_bytes && desc[i] == '|' )
            i++;
    }
}

/* Reads a 4- or 8-byte numeric note; false for any other size. */
static bool note_number(const uint8_t *desc, size_t desc_bytes,
                        uint64_t *v)
{
    if ( desc_bytes == 4 )
        *v = le32(desc);
    else if ( desc_bytes == 8 )
        *v = le64(desc);
    else
        return false;
    return true;
}

/* Records one note of namespace "Xen"; types we do not use are skipped. */
static enum elf_status note_xen(struct elf_xen_notes *n, uint32_t type,
                                const uint8_t *desc, size_t desc_bytes)
{
    uint64_t v = 0;
    bool *has = NULL;
    uint64_t *val = NULL;

    switch ( type )
    {
    case ELF_XEN_NOTE_GUEST_OS:
        note_string(n->guest_os, sizeof(n->guest_os), desc, desc_bytes);
        return ELF_OK;
    case ELF_XEN_NOTE_XEN_VERSION:
        note_string(n->xen_version, sizeof(n->xen_version), desc,
                    desc_bytes);
        return ELF_OK;
    case ELF_XEN_NOTE_LOADER:
        note_string(n->loader, sizeof(n->loader), desc, desc_bytes);
        return ELF_OK;
    case ELF_XEN_NOTE_PAE_MODE:
        n->has_pae_mode = true;
        return ELF_OK;
    case ELF_XEN_NOTE_FEATURES:
        n->has_features = true;
        note_features(n, desc, desc_bytes);
        return ELF_OK;
    case ELF_XEN_NOTE_ENTRY:
        has = &n->has_entry, val = &n->entry;
        break;
    case ELF_XEN_NOTE_VIRT_BASE:
        has = &n->has_virt_base, val = &n->virt_base;
        break;
    case ELF_XEN_NOTE_HYPERCALL_PAGE:
        has = &n->has_hypercall_page, val = &n->hypercall_page;
        break;
    case ELF_XEN_NOTE_INIT_P2M:
        has = &n->has_init_p2m, val = &n->init_p2m;
        break;
    case ELF_XEN_NOTE_HV_START_LOW:
        has = &n->has_hv_start_low, val = &n->hv_start_low;
        break;
    case ELF_XEN_NOTE_PADDR_OFFSET:
        has = &n->has_paddr_offset, val = &n->paddr_offset;
        break;
    case ELF_XEN_NOTE_SUPPORTED_FEATURES:
    case ELF_XEN_NOTE_MOD_START_PFN:
        break;
    default:
        return ELF_OK;
    }

    if ( !note_number(desc, desc_bytes, &v) )
        return ELF_ERR_NOTE;
    if ( type == ELF_XEN_NOTE_SUPPORTED_FEATURES )
    {
        n->has_supported_features = true;
        n->supported_features = (uint32_t)v;
    }
    else if ( type == ELF_XEN_NOTE_MOD_START_PFN )
        n->has_mod_start_pfn = v != 0;
    else
    {
        *has = true;
        *val = v;
    }
    return ELF_OK;
}

/* Walks the notes of one PT_NOTE segment (bytes p, len), inside the file. */
static enum elf_status elf_notes(struct elf_xen_notes *n, const uint8_t *p,
                                 size_t len)
{
    size_t off = 0;

    while ( off < len )
    {
        uint64_t namesz, descsz, name_pad, desc_pad;
        enum elf_status st;

        if ( len - off < NOTE_HDR_BYTES )
            return ELF_ERR_NOTE;
        namesz = le32(p + off);
        descsz = le32(p + off + 4);
        name_pad = ALIGN_UP(namesz, 4);
        desc_pad = ALIGN_UP(descsz, 4);
        off += NOTE_HDR_BYTES;
        if ( name_pad > len - off || desc_pad > len - off - name_pad )
            return ELF_ERR_NOTE;
        if ( namesz == 4 && !memcmp(p + off, "Xen", 4) )
        {
            st = note_xen(n, le32(p + off - 4), p + off + name_pad,
                          (size_t)descsz);
            if ( st != ELF_OK )
                return st;
        }
        off += name_pad + desc_pad;
    }
    return ELF_OK;
}

/* The ELF header: identity, type, machine and program header table. */
static enum elf_status elf_header(const uint8_t *p, size_t img_bytes)
{
    uint64_t phoff, table_bytes;

    if ( img_bytes < EHDR_BYTES )
        return ELF_ERR_SHORT;
    if ( memcmp(p, "\177ELF", 4) )
        return ELF_ERR_MAGIC;
    if ( p[4] != EI_CLASS_64 || p[5] != EI_DATA_LE || p[6] != EV_CURRENT ||
         le16(p + EHDR_MACHINE) != EM_X86_64 ||
         le32(p + EHDR_VERSION) != EV_CURRENT )
        return ELF_ERR_CLASS;
    if ( le16(p + EHDR_TYPE) != ET_EXEC )
        return ELF_ERR_TYPE;
    phoff = le64(p + EHDR_PHOFF);
    table_bytes = (uint64_t)le16(p + EHDR_PHNUM) * PHDR_BYTES;
    if ( le16(p + EHDR_PHENTSIZE) != PHDR_BYTES || phoff > img_bytes ||
         table_bytes > img_bytes - phoff )
        return ELF_ERR_PHDRS;
    return ELF_OK;
}

/* Adds a PT_LOAD segment to out, keeping out->seg sorted by address. */
static enum elf_status elf_add_load(struct elf_image *out,
                                    const struct elf_segment *s,
                                    size_t img_bytes)
{
    unsigned int i;

    if ( s->file_offset > img_bytes ||
         s->file_bytes > img_bytes - s->file_offset )
        return ELF_ERR_SEGMENT;
    if ( s->file_bytes > s->mem_bytes )
        return ELF_ERR_SEG_SIZE;
    if ( s->mem_bytes > UINT64_MAX - s->vaddr )
        return ELF_ERR_SEG_WRAP;
    if ( !s->mem_bytes )
        return ELF_OK;
    if ( out->nr_segments == ELF_MAX_SEGMENTS )
        return ELF_ERR_TOO_MANY;
    for ( i = out->nr_segments; i > 0 && out->seg[i - 1].vaddr > s->vaddr;
          i-- )
        out->seg[i] = out->seg[i - 1];
    out->seg[i] = *s;
    out->nr_segments++;
    return ELF_OK;
}

/* True when va lies in a loaded segment marked executable. */
static bool elf_in_exec_segment(const struct elf_image *im, uint64_t va)
{
    for ( unsigned int i = 0; i < im->nr_segments; i++ )
    {
        const struct elf_segment *s = &im->seg[i];

        if ( (s->flags & PF_X) && va >= s->vaddr &&
             va - s->vaddr < s->mem_bytes )
            return true;
    }
    return false;
}

/* Reads the notes of every PT_NOTE segment (pass one). */
static enum elf_status elf_all_notes(const uint8_t *p, size_t img_bytes,
                                     struct elf_xen_notes *n)
{
    uint64_t phoff = le64(p + EHDR_PHOFF);
    unsigned int nr_phdrs = le16(p + EHDR_PHNUM);

    for ( unsigned int i = 0; i < nr_phdrs; i++ )
    {
        const uint8_t *ph = p + phoff + (uint64_t)i * PHDR_BYTES;
        uint64_t off = le64(ph + PHDR_OFFSET);
        uint64_t bytes = le64(ph + PHDR_FILESZ);
        enum elf_status st;

        /* Xen skips note headers at offset 0 (an old binutils bug). */
        if ( le32(ph + PHDR_TYPE) != PT_NOTE || !off )
            continue;
        if ( off > img_bytes || bytes > img_bytes - off )
            return ELF_ERR_SEGMENT;
        st = elf_notes(n, p + off, (size_t)bytes);
        if ( st != ELF_OK )
            return st;
    }
    return ELF_OK;
}

/*
 * Lists the PT_LOAD segments (pass two) at Xen's addresses: p_paddr plus
 * VIRT_BASE minus PADDR_OFFSET, each 0 when its note is absent. For most
 * kernels that is p_vaddr; Linux's zero-based per-CPU segment (p_vaddr 0)
 * is the exception that needs the rule.
 */
static enum elf_status elf_all_loads(const uint8_t *p, size_t img_bytes,
                                     struct elf_image *out)
{
    const struct elf_xen_notes *n = &out->notes;
    uint64_t phoff = le64(p + EHDR_PHOFF);
    unsigned int nr_phdrs = le16(p + EHDR_PHNUM);
    uint64_t virt_offset = (n->has_virt_base ? n->virt_base : 0) -
                           (n->has_paddr_offset ? n->paddr_offset : 0);

    for ( unsigned int i = 0; i < nr_phdrs; i++ )
    {
        const uint8_t *ph = p + phoff + (uint64_t)i * PHDR_BYTES;
        struct elf_segment s = {
            .vaddr = le64(ph + PHDR_PADDR) + virt_offset,
            .file_offset = le64(ph + PHDR_OFFSET),
            .file_bytes = le64(ph + PHDR_FILESZ),
            .mem_bytes = le64(ph + PHDR_MEMSZ),
            .flags = le32(ph + PHDR_FLAGS),
        };
        enum elf_status st;

        if ( le32(ph + PHDR_TYPE) != PT_LOAD )
            continue;
        st = elf_add_load(out, &s, img_bytes);
        if ( st != ELF_OK )
            return st;
    }
    return ELF_OK;
}

enum elf_status elf_parse(const void *img, size_t img_bytes,
                          struct elf_image *out)
{
    const uint8_t *p = img;
    enum elf_status st;

    memset(out, 0, sizeof(*out));
    st = elf_header(p, img_bytes);
    if ( st == ELF_OK )
        st = elf_all_notes(p, img_bytes, &out->notes);
    if ( st == ELF_OK && out->notes.has_paddr_offset &&
         !out->notes.has_virt_base )
        st = ELF_ERR_NOTE;          /* Xen refuses this pair too */
    if ( st == ELF_OK )
        st = elf_all_loads(p, img_bytes, out);
    if ( st != ELF_OK )
        return st;

    if ( !out->nr_segments )
        return ELF_ERR_NO_SEGMENTS;
    for ( unsigned int i = 1; i < out->nr_segments; i++ )
        if ( out->seg[i].vaddr - out->seg[i - 1].vaddr <
             out->seg[i - 1].mem_bytes )
            return ELF_ERR_SEG_OVERLAP;
    out->vstart = out->seg[0].vaddr;
    out->vend = out->seg[out->nr_segments - 1].vaddr +
                out->seg[out->nr_segments - 1].mem_bytes;

    /* Linux's e_entry is physical; Xen then uses the ENTRY note alone. */
    out->entry = out->notes.has_entry ? out->notes.entry :
                 le64(p + EHDR_ENTRY);
    if ( !elf_in_exec_segment(out, out->entry) )
        return ELF_ERR_ENTRY;
    return ELF_OK;
}

enum elf_status elf_load(const void *img, size_t img_bytes,
                         const struct elf_image *im, void *dst,
                         uint64_t dst_va, size_t dst_bytes)
{
    const uint8_t *p = img;
    uint8_t *d = dst;

    /* Check every segment first, so a refused image writes nothing. */
    if ( im->nr_segments > ELF_MAX_SEGMENTS )
        return ELF_ERR_TOO_MANY;
    for ( unsigned int i = 0; i < im->nr_segments; i++ )
    {
        const struct elf_segment *s = &im->seg[i];

        if ( s->file_offset > img_bytes ||
             s->file_bytes > img_bytes - s->file_offset )
            return ELF_ERR_SEGMENT;
        if ( s->file_bytes > s->mem_bytes )
            return ELF_ERR_SEG_SIZE;
        if ( s->vaddr < dst_va || s->vaddr - dst_va > dst_bytes ||
             s->mem_bytes > dst_bytes - (s->vaddr - dst_va) )
            return ELF_ERR_NO_ROOM;
    }
    for ( unsigned int i = 0; i < im->nr_segments; i++ )
    {
        const struct elf_segment *s = &im->seg[i];
        uint8_t *to = d + (s->vaddr - dst_va);

        memcpy(to, p + s->file_offset, s->file_bytes);
        memset(to + s->file_bytes, 0, s->mem_bytes - s->file_bytes);
    }
    return ELF_OK;
}
