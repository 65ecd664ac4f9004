/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the ELF64 parser and loader (lib/boot/elf.c). Each input
 * is used twice:
 * - as an image for elf_parse(): when it passes, the segments are sorted,
 *   disjoint, non-empty, inside the file and below 2^64, vstart/vend
 *   bound them, the entry (the ENTRY note when there is one) lies in an
 *   executable one, note strings are NUL-terminated and required
 *   features are a subset of those named; a small enough image is then
 *   loaded into a buffer framed by guard bytes and compared with the
 *   file, and loading into one byte less is refused without writing;
 * - as raw numbers for a forged struct elf_image handed to elf_load()
 *   with a 4 KiB destination: no byte outside it ever changes, a refusal
 *   writes nothing, and on success (segments disjoint) every segment's
 *   bytes are the file's, then zeros.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/elf.h>

#define ENSURE(c)   do { if ( !(c) ) abort(); } while ( 0 )
#define GUARD       64
#define GUARD_BYTE  0xc3
#define LOAD_MAX    (4u << 20)
#define PF_X        1

static void check_guard(const uint8_t *buf, size_t bytes)
{
    for ( size_t i = 0; i < GUARD; i++ )
        ENSURE(buf[i] == GUARD_BYTE && buf[GUARD + bytes + i] == GUARD_BYTE);
}

static bool in_exec_segment(const struct elf_image *im, uint64_t va)
{
    for ( unsigned int i = 0; i < im->nr_segments; i++ )
        if ( (im->seg[i].flags & PF_X) && va >= im->seg[i].vaddr &&
             va - im->seg[i].vaddr < im->seg[i].mem_bytes )
            return true;
    return false;
}

/* Loaded bytes equal the file's, then zeros, segment by segment. */
static void check_loaded(const uint8_t *data, const struct elf_image *im,
                         const uint8_t *dst, uint64_t dst_va)
{
    for ( unsigned int i = 0; i < im->nr_segments; i++ )
    {
        const struct elf_segment *s = &im->seg[i];
        const uint8_t *p = dst + (s->vaddr - dst_va);

        ENSURE(!memcmp(p, data + s->file_offset, s->file_bytes));
        for ( uint64_t j = s->file_bytes; j < s->mem_bytes; j++ )
            ENSURE(p[j] == 0);
    }
}

static void check_image(const uint8_t *data, size_t size,
                        const struct elf_image *im)
{
    const struct elf_xen_notes *n = &im->notes;
    uint64_t span;
    uint8_t *buf;

    ENSURE(im->nr_segments >= 1 && im->nr_segments <= ELF_MAX_SEGMENTS);
    for ( unsigned int i = 0; i < im->nr_segments; i++ )
    {
        const struct elf_segment *s = &im->seg[i];

        ENSURE(s->mem_bytes && s->file_bytes <= s->mem_bytes);
        ENSURE(s->file_offset <= size &&
               s->file_bytes <= size - s->file_offset);
        ENSURE(s->mem_bytes <= UINT64_MAX - s->vaddr);
        ENSURE(s->vaddr >= im->vstart &&
               s->vaddr + s->mem_bytes <= im->vend);
        if ( i )
            ENSURE(im->seg[i - 1].vaddr + im->seg[i - 1].mem_bytes <=
                   s->vaddr);
    }
    ENSURE(im->vstart == im->seg[0].vaddr);
    ENSURE(in_exec_segment(im, im->entry));
    ENSURE(!n->has_entry || im->entry == n->entry);
    ENSURE(memchr(n->guest_os, 0, sizeof(n->guest_os)));
    ENSURE(memchr(n->xen_version, 0, sizeof(n->xen_version)));
    ENSURE(memchr(n->loader, 0, sizeof(n->loader)));
    ENSURE(!(n->features_required & ~n->features_supported));
    ENSURE(n->has_features || !n->features_supported);

    span = im->vend - im->vstart;
    if ( span > LOAD_MAX )
        return;
    buf = malloc(span + 2 * GUARD);
    ENSURE(buf);
    memset(buf, GUARD_BYTE, span + 2 * GUARD);
    ENSURE(elf_load(data, size, im, buf + GUARD, im->vstart, span) ==
           ELF_OK);
    check_guard(buf, span);
    check_loaded(data, im, buf + GUARD, im->vstart);

    memset(buf, GUARD_BYTE, span + 2 * GUARD);
    ENSURE(elf_load(data, size, im, buf + GUARD, im->vstart, span - 1) ==
           ELF_ERR_NO_ROOM);
    ENSURE(elf_load(data, size, im, buf + GUARD, im->vstart + 1, span) ==
           ELF_ERR_NO_ROOM);
    for ( size_t i = 0; i < span + 2 * GUARD; i++ )
        ENSURE(buf[i] == GUARD_BYTE);
    free(buf);
}

/* Forged segments may overlap; only disjoint ones can be compared. */
static bool disjoint(const struct elf_image *im)
{
    for ( unsigned int i = 0; i < im->nr_segments; i++ )
        for ( unsigned int j = 0; j < i; j++ )
            if ( im->seg[i].vaddr < im->seg[j].vaddr + im->seg[j].mem_bytes &&
                 im->seg[j].vaddr < im->seg[i].vaddr + im->seg[i].mem_bytes )
                return false;
    return true;
}

static uint64_t take(const uint8_t **p, const uint8_t *end)
{
    uint64_t v = 0;

    for ( unsigned int i = 0; i < 8 && *p < end; i++ )
        v |= (uint64_t)*(*p)++ << (8 * i);
    return v;
}

/* A forged description: values mostly small, so some of them fit. */
static void forged_load(const uint8_t *data, size_t size)
{
    enum { DST_BYTES = 4096 };
    static struct elf_image im;
    const uint8_t *p = data, *end = data + size;
    uint8_t *buf = malloc(DST_BYTES + 2 * GUARD);
    uint64_t dst_va = take(&p, end) & 0xffff;
    enum elf_status st;

    ENSURE(buf);
    memset(&im, 0, sizeof(im));
    im.nr_segments = (unsigned int)(take(&p, end) % (ELF_MAX_SEGMENTS + 2));
    for ( unsigned int i = 0; i < ELF_MAX_SEGMENTS; i++ )
    {
        uint64_t mask = take(&p, end) & 1 ? ~0ull : 0x1fff;

        im.seg[i].vaddr = take(&p, end) & (mask | 0xffff);
        im.seg[i].file_offset = take(&p, end) & mask;
        im.seg[i].file_bytes = take(&p, end) & mask;
        im.seg[i].mem_bytes = take(&p, end) & mask;
    }
    memset(buf, GUARD_BYTE, DST_BYTES + 2 * GUARD);
    st = elf_load(data, size, &im, buf + GUARD, dst_va, DST_BYTES);
    ENSURE((unsigned int)st < ELF_NR_STATUS);
    check_guard(buf, DST_BYTES);
    if ( st == ELF_OK && disjoint(&im) )
        check_loaded(data, &im, buf + GUARD, dst_va);
    else if ( st != ELF_OK )
        for ( size_t i = 0; i < DST_BYTES + 2 * GUARD; i++ )
            ENSURE(buf[i] == GUARD_BYTE);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct elf_image im;
    enum elf_status st;

    st = elf_parse(data, size, &im);
    ENSURE((unsigned int)st < ELF_NR_STATUS);
    if ( st == ELF_OK )
        check_image(data, size, &im);
    forged_load(data, size);
    return 0;
}
