/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multiboot2 boot information parser (spec 3.6). Pure: it reads only the
 * bytes it is given, writes only the caller's struct boot_info and
 * returns a status; printing and deciding is the caller's job.
 *
 * What is accepted, and why:
 * - The block must start with total_size >= 16 (head plus end tag) that
 *   does not exceed the readable length. The pointer need not be 8-byte
 *   aligned, because the caller may hand us a copy; every field is read
 *   byte by byte. Tag offsets are still counted from the block start.
 * - Tags are stepped by their own size rounded up to 8; each must be at
 *   least 8 bytes and lie inside total_size. The walk ends at the first
 *   end tag (type 0, size 8); bytes after it up to total_size are ignored.
 *   Running out of room first is an error, as is a type 0 tag of another
 *   size, since a loader that wrote it cannot be trusted on the rest.
 * - A tag we read must be at least as big as its fixed fields. Tags we do
 *   not read (unknown types included) are skipped unchecked.
 * - Strings must end with a NUL inside their tag. A string too long for
 *   its buffer in boot_info is an error rather than cut short: a clipped
 *   command line or module argument could silently change behaviour.
 * - Tags that describe one thing (all but modules and the tags we skip)
 *   may appear once; a second copy is an error. GRUB never repeats them,
 *   so a repeat means a confused or forged block, and neither "first
 *   wins" nor "last wins" is safe to guess.
 * - Memory map and EFI map bodies must be a whole number of records of the
 *   producer-reported size, and fit our fixed buffers.
 * - Both RSDP copies may appear (GRUB writes both when it can); the v2
 *   copy is kept whatever the order.
 */
#include <xen/mb2.h>
#include <xen/string.h>

/* Tags that may appear at most once: bit n stands for type n. */
#define MB2_SINGLE_TAGS                                                  \
    ((1u << MB2_TAG_CMDLINE) | (1u << MB2_TAG_LOADER_NAME) |             \
     (1u << MB2_TAG_BASIC_MEMINFO) | (1u << MB2_TAG_MMAP) |              \
     (1u << MB2_TAG_EFI32_SYSTAB) | (1u << MB2_TAG_EFI64_SYSTAB) |       \
     (1u << MB2_TAG_ACPI_OLD) | (1u << MB2_TAG_ACPI_NEW) |               \
     (1u << MB2_TAG_EFI_MMAP) | (1u << MB2_TAG_EFI_BS) |                 \
     (1u << MB2_TAG_EFI32_IH) | (1u << MB2_TAG_EFI64_IH) |               \
     (1u << MB2_TAG_LOAD_BASE))

/*
 * Smallest size of each tag we read: its fixed fields. For the RSDP
 * copies it is the RSDP revision's own length. Types not listed are 0.
 */
static const uint16_t mb2_min_size[] = {
    [MB2_TAG_CMDLINE]       = sizeof(struct mb2_tag_string),
    [MB2_TAG_LOADER_NAME]   = sizeof(struct mb2_tag_string),
    [MB2_TAG_MODULE]        = sizeof(struct mb2_tag_module),
    [MB2_TAG_BASIC_MEMINFO] = sizeof(struct mb2_tag_basic_meminfo),
    [MB2_TAG_MMAP]          = sizeof(struct mb2_tag_mmap),
    [MB2_TAG_EFI32_SYSTAB]  = sizeof(struct mb2_tag_efi32_systab),
    [MB2_TAG_EFI64_SYSTAB]  = sizeof(struct mb2_tag_efi64_systab),
    [MB2_TAG_ACPI_OLD]      = sizeof(struct mb2_tag_rsdp) + MB2_RSDP_V1_BYTES,
    [MB2_TAG_ACPI_NEW]      = sizeof(struct mb2_tag_rsdp) + MB2_RSDP_V2_BYTES,
    [MB2_TAG_EFI_MMAP]      = sizeof(struct mb2_tag_efi_mmap),
    [MB2_TAG_EFI_BS]        = sizeof(struct mb2_tag),
    [MB2_TAG_EFI32_IH]      = sizeof(struct mb2_tag_efi32_ih),
    [MB2_TAG_EFI64_IH]      = sizeof(struct mb2_tag_efi64_ih),
    [MB2_TAG_LOAD_BASE]     = sizeof(struct mb2_tag_load_base),
};

/* Smallest descriptor the UEFI spec defines (EFI_MEMORY_DESCRIPTOR). */
#define MB2_EFI_DESC_MIN_BYTES  40

/* What the walk remembers between tags. */
struct mb2_walk {
    uint32_t seen;              /* MB2_SINGLE_TAGS met so far */
    bool have_rsdp_v2;
};

/* Little-endian reads that do not care about alignment. */
static uint32_t mb2_rd32(const uint8_t *p, size_t off)
{
    p += off;
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
           ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint64_t mb2_rd64(const uint8_t *p, size_t off)
{
    return mb2_rd32(p, off) | ((uint64_t)mb2_rd32(p, off + 4) << 32);
}

/*
 * Zeroes *out except the fields the entry code fills before calling us:
 * entry, load_base_pa, mbi_pa and the TSC stamps.
 */
static void mb2_reset(struct boot_info *out)
{
    enum boot_entry entry = out->entry;
    paddr_t load_base_pa = out->load_base_pa;
    paddr_t mbi_pa = out->mbi_pa;
    uint64_t tsc[BOOT_NR_PHASES];

    memcpy(tsc, out->tsc, sizeof(tsc));
    memset(out, 0, sizeof(*out));
    out->entry = entry;
    out->load_base_pa = load_base_pa;
    out->mbi_pa = mbi_pa;
    memcpy(out->tsc, tsc, sizeof(tsc));
}

/* Copies the NUL-terminated string in src[0..len) into dst[dst_bytes]. */
static enum mb2_status mb2_copy_string(char *dst, size_t dst_bytes,
                                       const uint8_t *src, size_t len)
{
    size_t n = strnlen((const char *)src, len);

    if ( n == len )
        return MB2_STRING_UNTERMINATED;
    if ( n >= dst_bytes )
        return MB2_STRING_TOO_LONG;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return MB2_OK;
}

static enum mb2_status mb2_module(const uint8_t *tag, uint32_t size,
                                  struct boot_info *out)
{
    uint32_t start = mb2_rd32(tag, offsetof(struct mb2_tag_module,
                                            mod_start));
    uint32_t end = mb2_rd32(tag, offsetof(struct mb2_tag_module, mod_end));
    size_t hdr = sizeof(struct mb2_tag_module);
    struct boot_module *mod;
    enum mb2_status rc;

    if ( out->nr_modules >= BOOT_MAX_MODULES )
        return MB2_TOO_MANY_MODULES;
    /* An empty module (end == start) is legal: an empty initrd, say. */
    if ( end < start )
        return MB2_MODULE_END_BEFORE_START;

    mod = &out->modules[out->nr_modules];
    rc = mb2_copy_string(mod->cmdline, sizeof(mod->cmdline), tag + hdr,
                         size - hdr);
    if ( rc != MB2_OK )
        return rc;
    mod->start_pa = start;
    mod->size_bytes = end - start;
    out->nr_modules++;
    return MB2_OK;
}

/* Memory map entries go into boot_info's e820 array, type copied raw. */
static enum mb2_status mb2_mmap(const uint8_t *tag, uint32_t size,
                                struct boot_info *out)
{
    uint32_t entry_bytes = mb2_rd32(tag, offsetof(struct mb2_tag_mmap,
                                                  entry_size));
    size_t hdr = sizeof(struct mb2_tag_mmap);
    size_t body = size - hdr;
    size_t nr;

    /* Later entry versions only append fields, so any version is read. */
    if ( entry_bytes < sizeof(struct mb2_mmap_entry) ||
         !IS_ALIGNED(entry_bytes, 8) )
        return MB2_MMAP_ENTRY_SIZE;
    if ( body % entry_bytes )
        return MB2_MMAP_PARTIAL_ENTRY;
    nr = body / entry_bytes;
    if ( nr > E820_MAX )
        return MB2_MMAP_TOO_MANY;

    for ( size_t i = 0; i < nr; i++ )
    {
        const uint8_t *e = tag + hdr + i * entry_bytes;

        out->e820[i].addr = mb2_rd64(e, offsetof(struct mb2_mmap_entry,
                                                 base_addr));
        out->e820[i].size = mb2_rd64(e, offsetof(struct mb2_mmap_entry,
                                                 length));
        out->e820[i].type = mb2_rd32(e, offsetof(struct mb2_mmap_entry,
                                                 type));
    }
    out->nr_e820 = nr;
    return MB2_OK;
}

/*
 * The EFI map is kept raw, where it is (the caller keeps the information
 * block); the EFI-to-e820 code interprets it later.
 */
static enum mb2_status mb2_efi_mmap(const uint8_t *tag, uint32_t size,
                                    struct boot_info *out)
{
    uint32_t desc_bytes = mb2_rd32(tag, offsetof(struct mb2_tag_efi_mmap,
                                                 descr_size));
    size_t hdr = sizeof(struct mb2_tag_efi_mmap);
    size_t body = size - hdr;

    /* Firmware may use larger descriptors than the spec; never smaller. */
    if ( desc_bytes < MB2_EFI_DESC_MIN_BYTES || !IS_ALIGNED(desc_bytes, 8) )
        return MB2_EFI_DESC_SIZE;
    if ( body % desc_bytes )
        return MB2_EFI_MAP_PARTIAL;

    out->efi_map = tag + hdr;
    out->efi_map_bytes = body;
    out->efi_desc_bytes = desc_bytes;
    out->efi_desc_version = mb2_rd32(tag, offsetof(struct mb2_tag_efi_mmap,
                                                   descr_vers));
    return MB2_OK;
}

static enum mb2_status mb2_rsdp(const uint8_t *tag, uint32_t size,
                                bool is_v2, struct mb2_walk *walk,
                                struct boot_info *out)
{
    size_t hdr = sizeof(struct mb2_tag_rsdp);
    size_t body = size - hdr;

    if ( body > sizeof(out->rsdp) )
        return MB2_RSDP_TOO_BIG;
    /* The v2 copy carries the XSDT; a v1 copy never replaces it. */
    if ( !is_v2 && walk->have_rsdp_v2 )
        return MB2_OK;
    memset(out->rsdp, 0, sizeof(out->rsdp));
    memcpy(out->rsdp, tag + hdr, body);
    out->rsdp_bytes = body;
    walk->have_rsdp_v2 = is_v2;
    return MB2_OK;
}

/* Checks the generic rules for one tag, then hands it to its reader. */
static enum mb2_status mb2_tag(const uint8_t *tag, uint32_t type,
                               uint32_t size, struct mb2_walk *walk,
                               struct boot_info *out)
{
    if ( type < ARRAY_SIZE(mb2_min_size) && size < mb2_min_size[type] )
        return MB2_TAG_BODY_SHORT;
    if ( type < 32 && (MB2_SINGLE_TAGS & (1u << type)) )
    {
        if ( walk->seen & (1u << type) )
            return MB2_DUPLICATE_TAG;
        walk->seen |= 1u << type;
    }

    switch ( type )
    {
    case MB2_TAG_CMDLINE:
        return mb2_copy_string(out->cmdline, sizeof(out->cmdline),
                               tag + sizeof(struct mb2_tag_string),
                               size - sizeof(struct mb2_tag_string));
    case MB2_TAG_LOADER_NAME:
        return mb2_copy_string(out->loader_name, sizeof(out->loader_name),
                               tag + sizeof(struct mb2_tag_string),
                               size - sizeof(struct mb2_tag_string));
    case MB2_TAG_MODULE:
        return mb2_module(tag, size, out);
    case MB2_TAG_BASIC_MEMINFO:
        out->mem_lower_kib = mb2_rd32(tag,
            offsetof(struct mb2_tag_basic_meminfo, mem_lower_kib));
        out->mem_upper_kib = mb2_rd32(tag,
            offsetof(struct mb2_tag_basic_meminfo, mem_upper_kib));
        return MB2_OK;
    case MB2_TAG_MMAP:
        return mb2_mmap(tag, size, out);
    case MB2_TAG_EFI32_SYSTAB:
    case MB2_TAG_EFI32_IH:
        /* We cannot call 32-bit firmware; the caller decides what to say. */
        out->efi32_seen = true;
        return MB2_OK;
    case MB2_TAG_EFI64_SYSTAB:
        out->efi_systab_pa = mb2_rd64(tag,
            offsetof(struct mb2_tag_efi64_systab, pointer));
        return MB2_OK;
    case MB2_TAG_ACPI_OLD:
    case MB2_TAG_ACPI_NEW:
        return mb2_rsdp(tag, size, type == MB2_TAG_ACPI_NEW, walk, out);
    case MB2_TAG_EFI_MMAP:
        return mb2_efi_mmap(tag, size, out);
    case MB2_TAG_EFI_BS:
        out->efi_bs_active = true;
        return MB2_OK;
    case MB2_TAG_EFI64_IH:
        out->efi_image_handle = mb2_rd64(tag,
            offsetof(struct mb2_tag_efi64_ih, pointer));
        return MB2_OK;
    case MB2_TAG_LOAD_BASE:
        out->mb2_load_base_pa = mb2_rd32(tag,
            offsetof(struct mb2_tag_load_base, load_base_addr));
        out->have_mb2_load_base = true;
        return MB2_OK;
    default:
        /* Known tags we have no use for, and future ones, are skipped. */
        return MB2_OK;
    }
}

/* Walks the tags of base[0..total_bytes) up to and including the end tag. */
static enum mb2_status mb2_walk_tags(const uint8_t *base,
                                     uint32_t total_bytes,
                                     struct boot_info *out)
{
    struct mb2_walk walk = { 0 };
    uint64_t off = sizeof(struct mb2_info_head);

    /* 64-bit offsets: off + ALIGN_UP(size, 8) cannot wrap. */
    for ( ;; )
    {
        const uint8_t *tag;
        uint32_t type, size;
        enum mb2_status rc;

        if ( off > total_bytes || total_bytes - off < sizeof(struct mb2_tag) )
            return MB2_NO_END_TAG;
        tag = base + off;
        type = mb2_rd32(tag, offsetof(struct mb2_tag, type));
        size = mb2_rd32(tag, offsetof(struct mb2_tag, size));
        if ( size < sizeof(struct mb2_tag) )
            return MB2_TAG_TOO_SMALL;
        if ( size > total_bytes - off )
            return MB2_TAG_OVERRUN;
        if ( type == MB2_TAG_END )
            return size == sizeof(struct mb2_tag) ? MB2_OK : MB2_BAD_END_TAG;

        rc = mb2_tag(tag, type, size, &walk, out);
        if ( rc != MB2_OK )
            return rc;
        off += ALIGN_UP((uint64_t)size, MB2_TAG_ALIGN);
    }
}

/*
 * Walks the multiboot2 info block at info, of which info_len bytes are
 * readable, and fills *out (owned by the caller) from it.
 *
 * *out is zeroed first, except entry, load_base_pa, mbi_pa and tsc[],
 * which the caller sets beforehand and which are never touched. On success
 * mbi_bytes holds total_size and the tags' contents are copied in, so
 * nothing in *out points into the block. On failure *out is left in that
 * zeroed state, never half-filled. info may be unaligned; it is not
 * written and not kept.
 */
enum mb2_status mb2_parse(const void *info, size_t info_len,
                          struct boot_info *out)
{
    const uint8_t *base = info;
    uint32_t total_bytes;
    enum mb2_status rc;

    mb2_reset(out);
    if ( !base || info_len < sizeof(struct mb2_info_head) )
        return MB2_INFO_SHORT;
    total_bytes = mb2_rd32(base, offsetof(struct mb2_info_head, total_size));
    if ( total_bytes < sizeof(struct mb2_info_head) + sizeof(struct mb2_tag) )
        return MB2_TOTAL_TOO_SMALL;
    if ( total_bytes > info_len )
        return MB2_TOTAL_OVER_LEN;

    rc = mb2_walk_tags(base, total_bytes, out);
    if ( rc != MB2_OK )
    {
        mb2_reset(out);
        return rc;
    }
    out->mbi_bytes = total_bytes;
    return MB2_OK;
}

/* Returns fixed text for st; the caller adds context such as the tag. */
const char *mb2_strerror(enum mb2_status st)
{
    switch ( st )
    {
    case MB2_OK:
        return "ok";
    case MB2_INFO_SHORT:
        return "multiboot2 info shorter than its 8-byte head";
    case MB2_TOTAL_TOO_SMALL:
        return "multiboot2 total_size below 16";
    case MB2_TOTAL_OVER_LEN:
        return "multiboot2 total_size beyond the readable bytes";
    case MB2_TAG_TOO_SMALL:
        return "multiboot2 tag size below 8";
    case MB2_TAG_OVERRUN:
        return "multiboot2 tag reaches past total_size";
    case MB2_NO_END_TAG:
        return "multiboot2 info has no end tag";
    case MB2_BAD_END_TAG:
        return "multiboot2 end tag size is not 8";
    case MB2_TAG_BODY_SHORT:
        return "multiboot2 tag shorter than its fixed fields";
    case MB2_DUPLICATE_TAG:
        return "multiboot2 single-instance tag repeated";
    case MB2_STRING_UNTERMINATED:
        return "multiboot2 string not NUL-terminated inside its tag";
    case MB2_STRING_TOO_LONG:
        return "multiboot2 string too long";
    case MB2_TOO_MANY_MODULES:
        return "too many multiboot2 modules";
    case MB2_MODULE_END_BEFORE_START:
        return "multiboot2 module ends before it starts";
    case MB2_MMAP_ENTRY_SIZE:
        return "multiboot2 memory map entry size invalid";
    case MB2_MMAP_PARTIAL_ENTRY:
        return "multiboot2 memory map ends in a partial entry";
    case MB2_MMAP_TOO_MANY:
        return "multiboot2 memory map has too many entries";
    case MB2_RSDP_TOO_BIG:
        return "multiboot2 RSDP copy too big";
    case MB2_EFI_DESC_SIZE:
        return "multiboot2 EFI memory descriptor size invalid";
    case MB2_EFI_MAP_PARTIAL:
        return "multiboot2 EFI memory map ends in a partial descriptor";
    case MB2_SYSTAB_NONE:
        return "no EFI system table pointer (tag 12)";
    case MB2_SYSTAB_ALIGN:
        return "EFI system table pointer not 8-byte aligned";
    case MB2_SYSTAB_NON_CANONICAL:
        return "EFI system table pointer not in the canonical lower half";
    case MB2_SYSTAB_OUTSIDE_MAP:
        return "EFI system table not inside the EFI memory map";
    case MB2_SYSTAB_SIGNATURE:
        return "no EFI system table signature at the tag 12 pointer";
    }
    return "unknown multiboot2 status";
}

/* UEFI spec 7.2, EFI_MEMORY_DESCRIPTOR: PhysicalStart and NumberOfPages. */
#define MB2_EFI_DESC_START      8
#define MB2_EFI_DESC_PAGES      24
#define MB2_EFI_PAGE_SHIFT      12

enum mb2_status mb2_systab_check(const struct boot_info *bi,
                                 uint64_t table_bytes)
{
    uint64_t pa = bi->efi_systab_pa;

    if ( !pa )
        return MB2_SYSTAB_NONE;
    if ( !IS_ALIGNED(pa, 8) )
        return MB2_SYSTAB_ALIGN;
    if ( pa >= MB2_CANONICAL_LOW_END ||
         table_bytes > MB2_CANONICAL_LOW_END - pa )
        return MB2_SYSTAB_NON_CANONICAL;
    if ( !bi->efi_map_bytes )
        return MB2_OK;
    /* mb2_parse() checked that the map is whole descriptors of this size. */
    for ( uint64_t off = 0; bi->efi_desc_bytes &&
          off + bi->efi_desc_bytes <= bi->efi_map_bytes;
          off += bi->efi_desc_bytes )
    {
        uint64_t start = mb2_rd64(bi->efi_map, off + MB2_EFI_DESC_START);
        uint64_t pages = mb2_rd64(bi->efi_map, off + MB2_EFI_DESC_PAGES);
        uint64_t bytes;

        /* A descriptor reaching past 2^64 is cut there. */
        if ( pages > (UINT64_MAX >> MB2_EFI_PAGE_SHIFT) )
            pages = UINT64_MAX >> MB2_EFI_PAGE_SHIFT;
        bytes = pages << MB2_EFI_PAGE_SHIFT;
        if ( pa >= start && pa - start < bytes &&
             table_bytes <= bytes - (pa - start) )
            return MB2_OK;
    }
    return MB2_SYSTAB_OUTSIDE_MAP;
}
