/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/boot/elf.c. Images are built here from the ELF-64
 * layouts (64-byte header, 56-byte program headers, notes as namesz,
 * descsz, type, then 4-byte padded name and desc). The base image mirrors
 * a PV Linux kernel: a text segment, a data segment with bss, and the
 * Xen notes Debian's Linux 6.1 carries (reference 6.3), with values
 * written the way its xen-head.S writes them (pointers as 8 bytes, flags
 * as 4, FEATURES without a terminating NUL). p_paddr is written as Xen
 * reads it: the address minus VIRT_BASE plus PADDR_OFFSET.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/elf.h>

#include "unit.h"

#define IMG_BYTES   0x1000
#define NOTE_OFF    0x500
#define TEXT_OFF    0xa00
#define DATA_OFF    0xc00
#define KBASE       0xffffffff80000000ull
#define TEXT_VA     (KBASE + 0x1000)
#define DATA_VA     (KBASE + 0x3000)
#define ENTRY_VA    (TEXT_VA + 0x40)
#define PT_LOAD     1
#define PT_NOTE     4
#define PF_X        1
#define PF_W        2
#define PF_R        4

/* va: where the segment belongs; p_vaddr says file_va unless that is 0. */
struct ph {
    uint32_t type, flags;
    uint64_t off, va, filesz, memsz;
    uint64_t file_va;
};

struct img {
    uint8_t b[IMG_BYTES];
    size_t note_bytes;
    unsigned int nr_ph;
    struct ph ph[20];
    uint64_t entry;
    uint64_t virt_base, paddr_offset;   /* as the notes say, for p_paddr */
};

static void put(uint8_t *p, uint64_t v, unsigned int bytes)
{
    for ( unsigned int i = 0; i < bytes; i++ )
        p[i] = (uint8_t)(v >> (8 * i));
}

static void note(struct img *m, const char *name, uint32_t type,
                 const void *desc, uint32_t desc_bytes)
{
    uint8_t *p = m->b + NOTE_OFF + m->note_bytes;
    uint32_t namesz = (uint32_t)strlen(name) + 1;

    put(p, namesz, 4);
    put(p + 4, desc_bytes, 4);
    put(p + 8, type, 4);
    memcpy(p + 12, name, namesz);
    p += 12 + ALIGN_UP(namesz, 4);
    memcpy(p, desc, desc_bytes);
    m->note_bytes += 12 + ALIGN_UP(namesz, 4) + ALIGN_UP(desc_bytes, 4);
}

static void note_str(struct img *m, uint32_t type, const char *s)
{
    note(m, "Xen", type, s, (uint32_t)strlen(s) + 1);
}

static void note_num(struct img *m, uint32_t type, uint64_t v,
                     unsigned int bytes)
{
    uint8_t d[8];

    put(d, v, bytes);
    note(m, "Xen", type, d, bytes);
    if ( type == ELF_XEN_NOTE_VIRT_BASE )
        m->virt_base = v;
    if ( type == ELF_XEN_NOTE_PADDR_OFFSET )
        m->paddr_offset = v;
}

/* The notes of Debian's Linux 6.1 (reference 6.3). */
static void debian_notes(struct img *m)
{
    static const char features[] = "!writable_page_tables|"
                                   "pae_pgdir_above_4gb";
    uint8_t l1[16];

    note_str(m, ELF_XEN_NOTE_GUEST_OS, "linux");
    note_str(m, ELF_XEN_NOTE_GUEST_VERSION, "2.6");
    note_str(m, ELF_XEN_NOTE_XEN_VERSION, "xen-3.0");
    note_num(m, ELF_XEN_NOTE_VIRT_BASE, KBASE, 8);
    note_num(m, ELF_XEN_NOTE_INIT_P2M, 0x8000000000ull, 8);
    note_num(m, ELF_XEN_NOTE_ENTRY, ENTRY_VA, 8);
    note(m, "Xen", ELF_XEN_NOTE_FEATURES, features, sizeof(features) - 1);
    note_num(m, ELF_XEN_NOTE_SUPPORTED_FEATURES, 0x8801, 4);
    note_str(m, ELF_XEN_NOTE_PAE_MODE, "yes");
    note_str(m, ELF_XEN_NOTE_LOADER, "generic");
    put(l1, 1, 8);
    put(l1 + 8, 1, 8);
    note(m, "Xen", ELF_XEN_NOTE_L1_MFN_VALID, l1, 16);
    note_num(m, ELF_XEN_NOTE_SUSPEND_CANCEL, 1, 4);
    note_num(m, ELF_XEN_NOTE_MOD_START_PFN, 1, 4);
    note_num(m, ELF_XEN_NOTE_HV_START_LOW, 0xffff800000000000ull, 8);
    note_num(m, ELF_XEN_NOTE_PHYS32_ENTRY, 0x1000040, 4);
}

static void add_ph(struct img *m, uint32_t type, uint32_t flags,
                   uint64_t off, uint64_t va, uint64_t filesz,
                   uint64_t memsz)
{
    struct ph p = { type, flags, off, va, filesz, memsz, va };

    m->ph[m->nr_ph++] = p;
}

/* Text, data + bss, the note segment (sized at write time); no notes. */
static void base(struct img *m)
{
    memset(m, 0, sizeof(*m));
    for ( unsigned int i = 0; i < 0x200; i++ )
    {
        m->b[TEXT_OFF + i] = (uint8_t)(i + 1);
        m->b[DATA_OFF + i] = (uint8_t)(0x80 + i);
    }
    m->entry = ENTRY_VA;
    add_ph(m, PT_LOAD, PF_R | PF_X, TEXT_OFF, TEXT_VA, 0x200, 0x200);
    add_ph(m, PT_LOAD, PF_R | PF_W, DATA_OFF, DATA_VA, 0x180, 0x2000);
    add_ph(m, PT_NOTE, PF_R, NOTE_OFF, 0, 0, 0);
}

/* Writes header and program headers; returns the file size. */
static size_t finish(struct img *m)
{
    uint8_t *h = m->b;

    memcpy(h, "\177ELF\2\1\1", 7);
    put(h + 16, 2, 2);                  /* ET_EXEC */
    put(h + 18, 62, 2);                 /* EM_X86_64 */
    put(h + 20, 1, 4);
    put(h + 24, m->entry, 8);
    put(h + 32, 64, 8);
    put(h + 52, 64, 2);
    put(h + 54, 56, 2);
    put(h + 56, m->nr_ph, 2);
    for ( unsigned int i = 0; i < m->nr_ph; i++ )
    {
        uint8_t *p = h + 64 + 56 * i;
        struct ph *ph = &m->ph[i];

        if ( ph->type == PT_NOTE && ph->off == NOTE_OFF && !ph->filesz )
            ph->filesz = ph->memsz = m->note_bytes;
        put(p, ph->type, 4);
        put(p + 4, ph->flags, 4);
        put(p + 8, ph->off, 8);
        put(p + 16, ph->file_va, 8);
        put(p + 24, ph->va - m->virt_base + m->paddr_offset, 8);
        put(p + 32, ph->filesz, 8);
        put(p + 40, ph->memsz, 8);
        put(p + 48, 0x1000, 8);
    }
    return IMG_BYTES;
}

/* Parses a heap copy of exactly n bytes, so ASan sees reads past it. */
static enum elf_status parse(struct img *m, size_t n, struct elf_image *im)
{
    uint8_t *copy = malloc(n ? n : 1);
    enum elf_status st;

    memcpy(copy, m->b, n);
    st = elf_parse(copy, n, im);
    free(copy);
    return st;
}

static enum elf_status status_of(struct img *m)
{
    struct elf_image im;

    return parse(m, finish(m), &im);
}

static void debian_linux_notes_parse(struct unit_ctx *ctx)
{
    static struct img m;
    struct elf_image im;
    const struct elf_xen_notes *n = &im.notes;

    base(&m);
    debian_notes(&m);
    CHECK_EQ(parse(&m, finish(&m), &im), ELF_OK);
    CHECK_EQ(im.entry, ENTRY_VA);
    CHECK(n->has_entry && n->entry == ENTRY_VA);
    CHECK(n->has_virt_base && n->virt_base == KBASE);
    CHECK(n->has_init_p2m && n->init_p2m == 0x8000000000ull);
    CHECK(n->has_hv_start_low && n->hv_start_low == 0xffff800000000000ull);
    CHECK(!n->has_hypercall_page && !n->has_paddr_offset);
    CHECK(n->has_features);
    CHECK_EQ(n->features_required, 1u << ELF_XEN_FEAT_WRITABLE_PAGE_TABLES);
    CHECK_EQ(n->features_supported, (1u << 0) | (1u << 4));
    CHECK(n->has_supported_features && n->supported_features == 0x8801);
    CHECK(n->supported_features & (1u << ELF_XEN_FEAT_DOM0));
    CHECK(n->has_mod_start_pfn && n->has_pae_mode);
    CHECK(!strcmp(n->guest_os, "linux"));
    CHECK(!strcmp(n->xen_version, "xen-3.0"));
    CHECK(!strcmp(n->loader, "generic"));
}

static void segments_are_listed_in_address_order(struct unit_ctx *ctx)
{
    static struct img m;
    struct elf_image im;

    base(&m);
    /* Headers in reverse order, plus an empty PT_LOAD that is dropped. */
    m.ph[0].va = DATA_VA + 0x10000;
    m.entry = m.ph[0].va;
    add_ph(&m, PT_LOAD, PF_R, 0, KBASE + 0x100000, 0, 0);
    CHECK_EQ(parse(&m, finish(&m), &im), ELF_OK);
    CHECK_EQ(im.nr_segments, 2);
    CHECK_EQ(im.seg[0].vaddr, DATA_VA);
    CHECK_EQ(im.seg[0].file_offset, DATA_OFF);
    CHECK_EQ(im.seg[0].file_bytes, 0x180);
    CHECK_EQ(im.seg[0].mem_bytes, 0x2000);
    CHECK_EQ(im.seg[0].flags, PF_R | PF_W);
    CHECK_EQ(im.seg[1].vaddr, DATA_VA + 0x10000);
    CHECK_EQ(im.seg[1].flags, PF_R | PF_X);
    CHECK_EQ(im.vstart, DATA_VA);
    CHECK_EQ(im.vend, DATA_VA + 0x10200);
    CHECK(!im.notes.has_entry && !im.notes.has_features);
}

static void header_errors(struct unit_ctx *ctx)
{
    static struct img m;
    struct elf_image im;

    base(&m);
    CHECK_EQ(parse(&m, 0, &im), ELF_ERR_SHORT);
    finish(&m);
    CHECK_EQ(parse(&m, 63, &im), ELF_ERR_SHORT);
    CHECK_EQ(parse(&m, 64, &im), ELF_ERR_PHDRS);

    static const struct {
        unsigned int off, bytes;
        uint64_t v;
        enum elf_status st;
    } bad[] = {
        { 0, 1, 0x7e, ELF_ERR_MAGIC },
        { 3, 1, 'f', ELF_ERR_MAGIC },
        { 4, 1, 1, ELF_ERR_CLASS },             /* 32-bit */
        { 5, 1, 2, ELF_ERR_CLASS },             /* big-endian */
        { 6, 1, 0, ELF_ERR_CLASS },
        { 18, 2, 3, ELF_ERR_CLASS },            /* i386 */
        { 20, 4, 2, ELF_ERR_CLASS },
        { 16, 2, 3, ELF_ERR_TYPE },             /* ET_DYN */
        { 16, 2, 1, ELF_ERR_TYPE },             /* ET_REL */
        { 32, 8, IMG_BYTES - 56, ELF_ERR_PHDRS },
        { 32, 8, ~0ull - 8, ELF_ERR_PHDRS },
        { 54, 2, 64, ELF_ERR_PHDRS },
        { 56, 2, 0xffff, ELF_ERR_PHDRS },
        { 56, 2, 0, ELF_ERR_NO_SEGMENTS },
    };
    for ( unsigned int i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        base(&m);
        finish(&m);
        put(m.b + bad[i].off, bad[i].v, bad[i].bytes);
        if ( !CHECK_EQ(parse(&m, IMG_BYTES, &im), bad[i].st) )
            CHECK_EQ(i, ~0u);
    }
}

static void segment_errors(struct unit_ctx *ctx)
{
    static struct img m;

    base(&m);
    m.ph[1].filesz = IMG_BYTES - DATA_OFF + 1;
    CHECK_EQ(status_of(&m), ELF_ERR_SEGMENT);
    base(&m);
    m.ph[1].off = ~0ull - 0x10;
    CHECK_EQ(status_of(&m), ELF_ERR_SEGMENT);
    base(&m);
    m.ph[2].filesz = IMG_BYTES;             /* the note segment too */
    CHECK_EQ(status_of(&m), ELF_ERR_SEGMENT);
    base(&m);
    m.ph[1].memsz = 0x17f;
    CHECK_EQ(status_of(&m), ELF_ERR_SEG_SIZE);
    base(&m);
    m.ph[1].va = ~0ull - 0xfff;
    CHECK_EQ(status_of(&m), ELF_ERR_SEG_WRAP);
    base(&m);
    m.ph[1].va = ~0ull - 0x1fff;            /* vend would be 2^64 */
    CHECK_EQ(status_of(&m), ELF_ERR_SEG_WRAP);
    base(&m);
    m.ph[1].va = ~0ull - 0x2000;            /* vend is 2^64 - 1 */
    CHECK_EQ(status_of(&m), ELF_OK);
    base(&m);
    m.ph[1].va = TEXT_VA + 0x1ff;
    CHECK_EQ(status_of(&m), ELF_ERR_SEG_OVERLAP);
    base(&m);
    m.ph[1].va = TEXT_VA;
    CHECK_EQ(status_of(&m), ELF_ERR_SEG_OVERLAP);
    base(&m);
    m.ph[1].va = TEXT_VA - 0x2000;          /* touching is fine */
    CHECK_EQ(status_of(&m), ELF_OK);
    base(&m);
    for ( unsigned int i = 0; i < ELF_MAX_SEGMENTS - 2; i++ )
        add_ph(&m, PT_LOAD, PF_R, 0, KBASE + 0x100000 + i * 0x1000, 0x10,
               0x10);
    CHECK_EQ(status_of(&m), ELF_OK);
    add_ph(&m, PT_LOAD, PF_R, 0, KBASE + 0x200000, 0x10, 0x10);
    CHECK_EQ(status_of(&m), ELF_ERR_TOO_MANY);
    base(&m);
    m.ph[0].type = m.ph[1].type = 6;        /* PT_PHDR: not loaded */
    CHECK_EQ(status_of(&m), ELF_ERR_NO_SEGMENTS);
}

static void entry_must_be_in_executable_segment(struct unit_ctx *ctx)
{
    static struct img m;

    base(&m);
    m.entry = TEXT_VA + 0x1ff;
    CHECK_EQ(status_of(&m), ELF_OK);
    m.entry = TEXT_VA + 0x200;
    CHECK_EQ(status_of(&m), ELF_ERR_ENTRY);
    m.entry = TEXT_VA - 1;
    CHECK_EQ(status_of(&m), ELF_ERR_ENTRY);
    m.entry = DATA_VA;                      /* loaded, not executable */
    CHECK_EQ(status_of(&m), ELF_ERR_ENTRY);
    base(&m);
    note_num(&m, ELF_XEN_NOTE_ENTRY, DATA_VA + 8, 8);
    CHECK_EQ(status_of(&m), ELF_ERR_ENTRY);
}

static void malformed_notes_are_refused(struct unit_ctx *ctx)
{
    static struct img m;

    base(&m);
    debian_notes(&m);
    m.ph[2].filesz = m.note_bytes + 4;      /* 4 stray bytes at the end */
    CHECK_EQ(status_of(&m), ELF_ERR_NOTE);
    base(&m);
    note_str(&m, ELF_XEN_NOTE_LOADER, "generic");
    put(m.b + NOTE_OFF, 0x100, 4);          /* name past the segment */
    CHECK_EQ(status_of(&m), ELF_ERR_NOTE);
    base(&m);
    note_str(&m, ELF_XEN_NOTE_LOADER, "generic");
    put(m.b + NOTE_OFF + 4, 9, 4);          /* desc past the segment */
    CHECK_EQ(status_of(&m), ELF_ERR_NOTE);
    base(&m);
    note_str(&m, ELF_XEN_NOTE_LOADER, "generic");
    put(m.b + NOTE_OFF + 4, 0xfffffffe, 4);
    CHECK_EQ(status_of(&m), ELF_ERR_NOTE);
    base(&m);
    note_num(&m, ELF_XEN_NOTE_VIRT_BASE, KBASE, 2);
    CHECK_EQ(status_of(&m), ELF_ERR_NOTE);
    base(&m);
    note_num(&m, ELF_XEN_NOTE_SUPPORTED_FEATURES, 0x800, 1);
    CHECK_EQ(status_of(&m), ELF_ERR_NOTE);
}

static void notes_are_read_with_care(struct unit_ctx *ctx)
{
    static struct img m;
    struct elf_image im;
    const struct elf_xen_notes *n = &im.notes;
    uint8_t build_id[20] = { 1 };

    base(&m);
    /* Another namespace's type 3 is no VIRT_BASE. */
    note(&m, "GNU", 3, build_id, sizeof(build_id));
    note(&m, "Xe", ELF_XEN_NOTE_VIRT_BASE, build_id, 8);
    note_num(&m, ELF_XEN_NOTE_VIRT_BASE, KBASE, 8);
    note_str(&m, ELF_XEN_NOTE_GUEST_OS, "a-guest-os-name-longer-than-16");
    note(&m, "Xen", ELF_XEN_NOTE_LOADER, "gener", 5);   /* no NUL */
    note_str(&m, ELF_XEN_NOTE_FEATURES, "dom0|!no_such_feature|");
    note_str(&m, ELF_XEN_NOTE_FEATURES, "!auto_translated_physmap||"
             "!direct_mapped|writable_descriptor_tables");
    note_num(&m, ELF_XEN_NOTE_MOD_START_PFN, 0, 4);
    note_num(&m, ELF_XEN_NOTE_PADDR_OFFSET, 0x1234, 4);
    note_num(&m, ELF_XEN_NOTE_HYPERCALL_PAGE, TEXT_VA + 0x100, 8);
    note_num(&m, 0x1000001, 7, 2);          /* a crash note: skipped */
    note(&m, "Xen", ELF_XEN_NOTE_XEN_VERSION, "", 0);
    CHECK_EQ(parse(&m, finish(&m), &im), ELF_OK);
    CHECK(n->has_virt_base && n->virt_base == KBASE);
    CHECK(!strcmp(n->guest_os, "a-guest-os-name"));
    CHECK(!strcmp(n->loader, "gener"));
    CHECK(!strcmp(n->xen_version, ""));
    CHECK_EQ(n->features_supported,
             (1u << ELF_XEN_FEAT_DOM0) | (1u << 2) | (1u << 17) | (1u << 1));
    CHECK_EQ(n->features_required, (1u << 2) | (1u << 17));
    CHECK(!n->has_mod_start_pfn);
    CHECK(n->has_paddr_offset && n->paddr_offset == 0x1234);
    CHECK(n->has_hypercall_page && n->hypercall_page == TEXT_VA + 0x100);
    CHECK_EQ(im.seg[0].vaddr, TEXT_VA);

    /* Xen refuses PADDR_OFFSET without VIRT_BASE. */
    base(&m);
    note_num(&m, ELF_XEN_NOTE_PADDR_OFFSET, 0, 8);
    CHECK_EQ(status_of(&m), ELF_ERR_NOTE);
}

/*
 * Linux's vmlinux: e_entry and p_paddr are physical, and the per-CPU
 * segment has p_vaddr 0. Addresses come from p_paddr + VIRT_BASE, the
 * entry from the ENTRY note.
 */
static void linux_physical_addresses_are_placed(struct unit_ctx *ctx)
{
    static struct img m;
    struct elf_image im;

    base(&m);
    debian_notes(&m);
    m.entry = TEXT_VA - KBASE;
    add_ph(&m, PT_LOAD, PF_R | PF_W, DATA_OFF, DATA_VA + 0x2000, 0x40,
           0x1000);
    m.ph[m.nr_ph - 1].file_va = 0;
    m.ph[0].file_va = 0x1234;               /* ignored like any p_vaddr */
    CHECK_EQ(parse(&m, finish(&m), &im), ELF_OK);
    CHECK_EQ(im.entry, ENTRY_VA);
    CHECK_EQ(im.nr_segments, 3);
    CHECK_EQ(im.seg[0].vaddr, TEXT_VA);
    CHECK_EQ(im.seg[2].vaddr, DATA_VA + 0x2000);
    CHECK_EQ(im.vend, DATA_VA + 0x3000);

    /* Without the ENTRY note the physical e_entry is outside. */
    base(&m);
    m.entry = TEXT_VA - KBASE;
    note_num(&m, ELF_XEN_NOTE_VIRT_BASE, KBASE, 8);
    CHECK_EQ(status_of(&m), ELF_ERR_ENTRY);
}

static void load_copies_and_zero_fills(struct unit_ctx *ctx)
{
    static struct img m;
    struct elf_image im;
    size_t dst_bytes = DATA_VA + 0x2000 - TEXT_VA;
    uint8_t *dst = malloc(dst_bytes + 1);

    base(&m);
    CHECK_EQ(parse(&m, finish(&m), &im), ELF_OK);
    memset(dst, 0xee, dst_bytes + 1);
    CHECK_EQ(elf_load(m.b, IMG_BYTES, &im, dst, TEXT_VA, dst_bytes), ELF_OK);
    CHECK(!memcmp(dst, m.b + TEXT_OFF, 0x200));
    CHECK_EQ(dst[0x200], 0xee);             /* between segments: untouched */
    CHECK(!memcmp(dst + 0x2000, m.b + DATA_OFF, 0x180));
    for ( size_t i = 0x2000 + 0x180; i < dst_bytes; i++ )
        if ( !CHECK_EQ(dst[i], 0) )
            break;
    CHECK_EQ(dst[dst_bytes], 0xee);

    /* One byte short at either end: nothing is written. */
    memset(dst, 0xee, dst_bytes + 1);
    CHECK_EQ(elf_load(m.b, IMG_BYTES, &im, dst, TEXT_VA, dst_bytes - 1),
             ELF_ERR_NO_ROOM);
    CHECK_EQ(elf_load(m.b, IMG_BYTES, &im, dst, TEXT_VA + 1, dst_bytes),
             ELF_ERR_NO_ROOM);
    CHECK_EQ(elf_load(m.b, IMG_BYTES, &im, dst, 0, dst_bytes),
             ELF_ERR_NO_ROOM);
    for ( size_t i = 0; i <= dst_bytes; i++ )
        if ( !CHECK_EQ(dst[i], 0xee) )
            break;

    /* A description that does not match the image is refused. */
    im.seg[1].file_bytes = IMG_BYTES;
    CHECK_EQ(elf_load(m.b, IMG_BYTES, &im, dst, TEXT_VA, dst_bytes),
             ELF_ERR_SEGMENT);
    im.seg[1].file_bytes = 0x180;
    im.seg[1].mem_bytes = 0x100;
    CHECK_EQ(elf_load(m.b, IMG_BYTES, &im, dst, TEXT_VA, dst_bytes),
             ELF_ERR_SEG_SIZE);
    im.nr_segments = ELF_MAX_SEGMENTS + 1;
    CHECK_EQ(elf_load(m.b, IMG_BYTES, &im, dst, TEXT_VA, dst_bytes),
             ELF_ERR_TOO_MANY);
    free(dst);
}

static void strerror_covers_every_status(struct unit_ctx *ctx)
{
    for ( unsigned int i = 0; i < ELF_NR_STATUS; i++ )
        CHECK(strcmp(elf_strerror(i), "unknown elf status"));
    CHECK(!strcmp(elf_strerror(ELF_NR_STATUS), "unknown elf status"));
}

static const struct unit_case elf_cases[] = {
    { "debian_linux_notes_parse", debian_linux_notes_parse },
    { "segments_are_listed_in_address_order",
      segments_are_listed_in_address_order },
    { "header_errors", header_errors },
    { "segment_errors", segment_errors },
    { "entry_must_be_in_executable_segment",
      entry_must_be_in_executable_segment },
    { "malformed_notes_are_refused", malformed_notes_are_refused },
    { "notes_are_read_with_care", notes_are_read_with_care },
    { "linux_physical_addresses_are_placed",
      linux_physical_addresses_are_placed },
    { "load_copies_and_zero_fills", load_copies_and_zero_fills },
    { "strerror_covers_every_status", strerror_covers_every_status },
};

UNIT_SUITE(elf, elf_cases)
