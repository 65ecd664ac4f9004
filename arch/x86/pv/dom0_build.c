/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The PV dom0 builder: the first boot module (an ELF64 kernel with Xen's
 * notes, gzip-compressed or not, or a Linux bzImage whose gzip, xz or
 * zstd payload is that ELF image) is the kernel; dom0 gets dom0_mem= of RAM
 * from the frame allocator, the initial virtual layout of a 64-bit PV
 * guest (kernel, initrd, p2m list, start_info, bootstrap page tables
 * read-only, one stack page; the whole ending on 4 MiB with at least
 * 512 KiB spare), and is entered at ring 3 with RSI = start_info
 * (reference 6).
 */
#include <xen/bzimage.h>
#include <xen/cmdline.h>
#include <xen/console.h>
#include <xen/elf.h>
#include <xen/hypercall.h>
#include <xen/inflate.h>
#include <xen/mm.h>
#include <xen/pv_abi.h>
#include <xen/pvlayout.h>
#include <xen/string.h>
#include <xen/unxz.h>
#include <xen/unzstd.h>
#include <asm/bootmap.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/tsc.h>

#define DOM0_MEM_DEFAULT    MB(64)
/* What stays free for the hypervisor whatever dom0_mem= asks for. */
#define DOM0_HV_RESERVE     MB(16)
#define GUEST_TABLE (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED)
#define GUEST_LEAF  (GUEST_TABLE | _PAGE_DIRTY)
#define INITRD_MAX  GB(1)
#define KERNEL_MAX  MB(256)

struct pv_domain dom0;

static struct elf_image dom0_elf;
static struct inflate_work dom0_inflate_work;
static struct unxz_work dom0_unxz_work;
static struct unzstd_work dom0_unzstd_work;

static unsigned int order_for_pages(uint64_t pages)
{
    unsigned int o = 0;

    while ( (1ULL << o) < pages )
        o++;
    return o;
}

/* dom0_mem=: the amount, clamped to min: and max: (Xen's syntax). */
static uint64_t dom0_mem_bytes(const char *cmdline)
{
    uint64_t amount = DOM0_MEM_DEFAULT, lo = 0, hi = UINT64_MAX;
    struct cmdline_iter it;
    struct cmdline_word w;
    const char *bad;
    size_t bad_len;

    cmdline_iter_init(&it, cmdline, strlen(cmdline));
    while ( cmdline_next(&it, &w) )
    {
        if ( !cmdline_name_is(&w, "dom0_mem") || !w.value )
            continue;
        pvlayout_dom0_mem(w.value, w.value_len, &amount, &lo, &hi, &bad,
                          &bad_len);
        if ( bad )
            printk("WARNING: dom0_mem= part not understood: %.*s\n",
                   (int)bad_len, bad);
    }
    return MIN(MAX(amount, lo), hi);
}

/* A scrubbed block of at least bytes, for the hypervisor's own use. */
static void *alloc_bytes(uint64_t bytes)
{
    paddr_t pa = alloc_frames_scrubbed(order_for_pages(
                     ALIGN_UP(bytes, PAGE_SIZE) >> PAGE_SHIFT), 0);

    return pa ? __va(pa) : NULL;
}

/*
 * The frames a decompressed kernel holds until it is loaded (the XZ or
 * gzip output: up to KERNEL_MAX, rounded up to a power of two), given back
 * to the allocator once its segments are copied into dom0.
 */
static paddr_t image_buf_pa;
static unsigned int image_buf_order;

static void *alloc_image_buf(uint64_t bytes)
{
    image_buf_order = order_for_pages(ALIGN_UP(bytes, PAGE_SIZE) >>
                                      PAGE_SHIFT);
    image_buf_pa = alloc_frames_scrubbed(image_buf_order, 0);
    return image_buf_pa ? __va(image_buf_pa) : NULL;
}

static void release_image_buf(void)
{
    uint64_t before = frame_pool.free_bytes;

    if ( !image_buf_pa )
        return;
    free_frames(image_buf_pa, image_buf_order);
    image_buf_pa = 0;
    printk(XENLOG_INFO "dom0: kernel decompression buffer of %lu KiB given "
           "back: free memory %lu KiB -> %lu KiB\n",
           (unsigned long)((PAGE_SIZE << image_buf_order) >> 10),
           (unsigned long)(before >> 10),
           (unsigned long)(frame_pool.free_bytes >> 10));
}

/*
 * Xen's bootscrub= (boolean or "idle", default idle): true scrubs dom0's
 * RAM as it is built. By default, as in Xen's builder, dom0's RAM is not
 * scrubbed: it holds what the firmware or an earlier owner left (such as
 * the previous boot's guests after a warm reset); scanning 512 MiB for
 * non-zero lines took 1.1 s of a 2.4 s boot to dom0's first instruction
 * under QEMU's TCG, where guest RAM is backed by host pages on first
 * touch. The initial mapping, which the builder fills in, is zeroed
 * either way before the kernel goes into it (pv_dom0_start()); every
 * frame the hypervisor allocates later, for itself or for dom0, is
 * scrubbed.
 */
static bool dom0_bootscrub(const char *cmdline)
{
    struct cmdline_iter it;
    struct cmdline_word w;
    bool scrub = false;

    cmdline_iter_init(&it, cmdline, strlen(cmdline));
    while ( cmdline_next(&it, &w) )
    {
        bool on;

        if ( !cmdline_name_is(&w, "bootscrub") )
            continue;
        if ( w.value && w.value_len == 4 && !memcmp(w.value, "idle", 4) &&
             !w.negated )
            scrub = false;
        else if ( cmdline_bool(&w, &on) )
            printk("WARNING: bootscrub=%.*s not understood\n",
                   (int)w.value_len, w.value);
        else
            scrub = on;
    }
    return scrub;
}

/*
 * All nr_pages of dom0, the first 2^first_order of them contiguous;
 * scrubbed when scrub (dom0_bootscrub()).
 */
static bool alloc_dom0_frames(unsigned int first_order, uint64_t nr_pages,
                              bool scrub)
{
    uint64_t pfn = 0;
    unsigned int order = first_order;

    dom0.nr_chunks = 0;
    while ( pfn < nr_pages )
    {
        paddr_t pa;

        while ( order && ((1ULL << order) > nr_pages - pfn ||
                          order > FRAME_MAX_ORDER) )
            order--;
        pa = scrub ? alloc_frames_scrubbed(order, 0) : alloc_frames(order, 0);
        if ( !pa )
        {
            if ( pfn == 0 || order == 0 )
                return false;
            order--;
            continue;
        }
        if ( dom0.nr_chunks == PV_MAX_CHUNKS )
            return false;
        dom0.chunks[dom0.nr_chunks++] = (struct pv_chunk){
            .mfn = pa >> PAGE_SHIFT, .pfn = pfn, .nr = 1ULL << order };
        for ( uint64_t i = 0; i < (1ULL << order); i++ )
            dom0.p2m[pfn + i] = (pa >> PAGE_SHIFT) + i;
        pfn += 1ULL << order;
    }
    return true;
}

bool pv_mfn_to_pfn(const struct pv_domain *d, uint64_t mfn, uint64_t *pfn)
{
    /* Once built, one lookup: frames change hands (XENMEM_exchange). */
    if ( d->owner )
    {
        if ( mfn >= d->owner_nr || !d->owner[mfn] )
            return false;
        *pfn = d->owner[mfn] - 1;
        return true;
    }
    for ( unsigned int i = 0; i < d->nr_chunks; i++ )
        if ( mfn >= d->chunks[i].mfn &&
             mfn - d->chunks[i].mfn < d->chunks[i].nr )
        {
            *pfn = d->chunks[i].pfn + (mfn - d->chunks[i].mfn);
            return true;
        }
    return false;
}

/* One past dom0's highest machine frame. */
static uint64_t dom0_top_mfn(void)
{
    uint64_t top = 0;

    for ( unsigned int i = 0; i < dom0.nr_chunks; i++ )
        top = MAX(top, dom0.chunks[i].mfn + dom0.chunks[i].nr);
    return top;
}

/*
 * The machine-frame-to-pfn map of dom0's frames, one 4-byte entry per
 * frame of the host (max_page): linear in memory, like the M2P.
 */
static bool build_owner_map(uint64_t nr_pages)
{
    uint64_t n = MAX(pv_host_max_page(), dom0_top_mfn());
    uint32_t *owner = alloc_bytes(n * sizeof(*owner));

    if ( !owner )
        return false;
    for ( uint64_t pfn = 0; pfn < nr_pages; pfn++ )
        owner[dom0.p2m[pfn]] = pfn + 1;
    dom0.owner_nr = n;
    dom0.owner = owner;
    return true;
}

static uint64_t *pfn_va(uint64_t pfn)
{
    return __va(dom0.p2m[pfn] << PAGE_SHIFT);
}

/* Builds the bootstrap tables at the layout's pt_va; false if they overflow. */
static bool build_tables(const struct pvlayout *l)
{
    uint64_t pt_pfn = (l->pt_va - l->v_start) >> PAGE_SHIFT;
    uint64_t used = 1, *l4;

    dom0.l4_mfn = dom0.p2m[pt_pfn];
    l4 = pfn_va(pt_pfn);
    dom0.pt_level[pt_pfn] = 4;
    /* The hypervisor's slots, supervisor-only, so traps work on this CR3. */
    for ( unsigned int i = l4_table_offset(HYPERVISOR_VIRT_START);
          i < l4_table_offset(HYPERVISOR_VIRT_END); i++ )
        l4[i] = l4_boot[i] & ~_PAGE_USER;

    for ( uint64_t va = l->v_start; va < l->v_end; va += PAGE_SIZE )
    {
        uint64_t pfn = (va - l->v_start) >> PAGE_SHIFT, *t = l4, leaf;

        for ( unsigned int shift = L4_PAGETABLE_SHIFT, level = 4;
              level > 1; shift -= 9, level-- )
        {
            uint64_t *e = &t[PT_INDEX(va, shift)];

            if ( !(*e & _PAGE_PRESENT) )
            {
                if ( used == l->nr_pt )
                    return false;
                dom0.pt_level[pt_pfn + used] = level - 1;
                *e = (dom0.p2m[pt_pfn + used] << PAGE_SHIFT) | GUEST_TABLE;
                used++;
            }
            t = __va(*e & PTE_ADDR_MASK);
        }
        leaf = (dom0.p2m[pfn] << PAGE_SHIFT) | GUEST_LEAF;
        if ( pfn >= pt_pfn && pfn < pt_pfn + l->nr_pt )
            leaf &= ~_PAGE_RW;      /* page tables: read-only to dom0 */
        else
            dom0.wcount[pfn]++;
        t[l1_table_offset(va)] = leaf;
    }
    return true;
}

/* Fills the hypercall page the kernel asked for (reference 4.2). */
static void fill_hypercall_page(uint8_t *p)
{
    memset(p, 0xcc, PAGE_SIZE);
    for ( unsigned int n = 0; n < PAGE_SIZE / 32; n++ )
    {
        uint8_t *s = p + n * 32;
        unsigned int k = 0;

        s[k++] = 0x51;                          /* push %rcx */
        s[k++] = 0x41; s[k++] = 0x53;           /* push %r11 */
        if ( n == 23 )
            s[k++] = 0x50;                      /* push %rax */
        s[k++] = 0xb8;                          /* mov $n, %eax */
        s[k++] = n; s[k++] = 0; s[k++] = 0; s[k++] = 0;
        s[k++] = 0x0f; s[k++] = 0x05;           /* syscall */
        if ( n == 23 )
            continue;
        s[k++] = 0x41; s[k++] = 0x5b;           /* pop %r11 */
        s[k++] = 0x59;                          /* pop %rcx */
        s[k++] = 0xc3;                          /* ret */
    }
}

/* TSC cycles in microseconds, for the load report. */
static unsigned long cycles_to_us(uint64_t cycles)
{
    enum tsc_source src;

    return (unsigned long)tsc_cycles_to_us(cycles, arch_tsc_khz(&src));
}

/*
 * The gunzipped copy of the gzip member at img (bytes), or NULL; adds the
 * TSC cycles the decoding itself took to *cycles.
 */
static const void *dom0_gunzip(const void *img, size_t *bytes,
                               uint64_t *cycles)
{
    enum inflate_status st;
    uint32_t isize;
    size_t out_len;
    void *out;

    if ( !inflate_gzip_isize(img, *bytes, &isize) || isize == 0 ||
         isize > KERNEL_MAX )
    {
        printk("dom0: gzip image has a bad size\n");
        return NULL;
    }
    out = alloc_image_buf(isize);
    if ( !out )
    {
        printk("dom0: no memory to decompress %u bytes\n", isize);
        return NULL;
    }
    *cycles -= rdtsc();
    st = inflate_gunzip(img, *bytes, out, isize, &out_len,
                        &dom0_inflate_work);
    *cycles += rdtsc();
    if ( st != INFLATE_OK )
    {
        printk("dom0: gzip image: %s\n", inflate_strerror(st));
        return NULL;
    }
    *bytes = out_len;
    return out;
}

/*
 * Decodes an xz or zstd payload (in_bytes, Linux's appended size after
 * it) into out; NULL, or what went wrong.
 */
static const char *dom0_unpack(enum bzimage_format fmt, const void *in,
                               size_t in_bytes, void *out, size_t out_bytes,
                               size_t *out_len)
{
    enum unzstd_status zst;
    enum unxz_status xst;
    size_t used;

    if ( fmt == BZIMAGE_FMT_XZ )
    {
        xst = unxz_decode(in, in_bytes, out, out_bytes, out_len, &used,
                          &dom0_unxz_work);
        return xst == UNXZ_OK ? NULL : unxz_strerror(xst);
    }
    zst = unzstd_decode(in, in_bytes, out, out_bytes, out_len, &used,
                        &dom0_unzstd_work);
    return zst == UNZSTD_OK ? NULL : unzstd_strerror(zst);
}

/*
 * The ELF image inside a bzImage (x86 boot protocol 2.08 or later): its
 * payload, decompressed (xz, zstd or gzip) into new frames, or used in
 * place when it is a plain ELF image.
 */
static const void *dom0_bzimage(const void *img, size_t *bytes)
{
    struct bzimage_info bz;
    enum bzimage_status bst;
    const uint8_t *payload;
    const void *elf = NULL;
    const char *err;
    size_t out_len;
    uint64_t cycles = 0;
    void *out;

    bst = bzimage_parse(img, *bytes, &bz);
    if ( bst != BZIMAGE_OK )
    {
        printk("dom0: bzImage: %s\n", bzimage_strerror(bst));
        return NULL;
    }
    payload = (const uint8_t *)img + bz.payload_offset;
    out_len = bz.payload_bytes;
    switch ( bz.format )
    {
    case BZIMAGE_FMT_ELF:
        elf = payload;
        break;
    case BZIMAGE_FMT_GZIP:
        elf = dom0_gunzip(payload, &out_len, &cycles);
        break;
    case BZIMAGE_FMT_XZ:
    case BZIMAGE_FMT_ZSTD:
        /* The size Linux appends after the stream sizes the output. */
        if ( bz.size_hint == 0 || bz.size_hint > KERNEL_MAX )
        {
            printk("dom0: bzImage: %s payload has a bad size %u\n",
                   bzimage_format_name(bz.format), bz.size_hint);
            return NULL;
        }
        out = alloc_image_buf(bz.size_hint);
        if ( !out )
        {
            printk("dom0: no memory to decompress %u bytes\n",
                   bz.size_hint);
            return NULL;
        }
        cycles -= rdtsc();
        err = dom0_unpack(bz.format, payload, bz.payload_bytes, out,
                          bz.size_hint, &out_len);
        cycles += rdtsc();
        if ( err )
        {
            printk("dom0: bzImage: %s payload: %s\n",
                   bzimage_format_name(bz.format), err);
            return NULL;
        }
        elf = out;
        break;
    default:
        printk("dom0: bzImage: %s payload not supported\n",
               bzimage_format_name(bz.format));
        return NULL;
    }
    if ( !elf )
        return NULL;
    printk("dom0 kernel: bzImage, %s payload %zu -> %zu bytes (%lu us)\n",
           bzimage_format_name(bz.format), bz.payload_bytes, out_len,
           cycles_to_us(cycles));
    *bytes = out_len;
    return elf;
}

/* The kernel image: the module itself, or its decompressed copy. */
static const void *dom0_image(const struct boot_module *m, size_t *bytes)
{
    const void *img = __va(m->start_pa), *out;
    size_t in_bytes = m->size_bytes;
    uint64_t cycles = 0;

    *bytes = in_bytes;
    if ( bzimage_is(img, *bytes) )
        return dom0_bzimage(img, bytes);
    if ( !inflate_is_gzip(img, *bytes) )
        return img;
    out = dom0_gunzip(img, bytes, &cycles);
    if ( out )
        printk(XENLOG_INFO "dom0: kernel decompressed: %zu -> %zu bytes\n",
               in_bytes, *bytes);
    return out;
}

/* Xen's rules on the notes of a hardware domain (reference 6.3). */
static bool dom0_notes_ok(const struct elf_xen_notes *n)
{
    if ( n->has_supported_features &&
         !(n->supported_features & (1U << ELF_XEN_FEAT_DOM0)) )
    {
        printk("dom0: kernel does not support running as dom0 "
               "(SUPPORTED_FEATURES %#x)\n", n->supported_features);
        return false;
    }
    if ( n->features_required & (1U << ELF_XEN_FEAT_AUTO_TRANSLATED) )
    {
        printk("dom0: kernel requires auto_translated_physmap (not PV)\n");
        return false;
    }
    return true;
}

static void fill_start_info(const struct boot_info *bi,
                            const struct pvlayout *l, uint64_t nr_pages,
                            uint64_t shared_info_pa)
{
    struct start_info *si = (void *)((uint8_t *)pfn_va(
        (l->si_va - l->v_start) >> PAGE_SHIFT));
    const char *cl = bi->modules[0].cmdline;

    memset(si, 0, PAGE_SIZE);
    memcpy(si->magic, "xen-3.0-x86_64", sizeof("xen-3.0-x86_64"));
    si->nr_pages = nr_pages;
    si->shared_info = shared_info_pa;
    si->flags = SIF_PRIVILEGED | SIF_INITDOMAIN;
    si->pt_base = l->pt_va;
    si->nr_pt_frames = l->nr_pt;
    si->mfn_list = l->p2m_va;
    si->mod_start = l->mod_va;
    si->mod_len = l->mod_len;
    memcpy(si->cmd_line, cl, strnlen(cl, sizeof(si->cmd_line) - 1));
}

/* Copies bytes into dom0's contiguous initial mapping at va. */
static void copy_to_initial(const struct pvlayout *l, uint64_t va,
                            const void *src, uint64_t bytes)
{
    memcpy((uint8_t *)pfn_va(0) + (va - l->v_start), src, bytes);
}

/* TSC stamps of the builder's steps, for its loglvl=info summary. */
enum build_step {
    STEP_START, STEP_IMAGE, STEP_MEMORY, STEP_LOAD, STEP_TABLES, STEP_TYPES,
    STEP_NR
};

static void print_build_steps(const uint64_t *t)
{
    printk(XENLOG_INFO "dom0: built in %lu us: kernel image %lu, memory %lu, "
           "ELF load %lu, tables %lu, page types %lu\n",
           cycles_to_us(t[STEP_TYPES] - t[STEP_START]),
           cycles_to_us(t[STEP_IMAGE] - t[STEP_START]),
           cycles_to_us(t[STEP_MEMORY] - t[STEP_IMAGE]),
           cycles_to_us(t[STEP_LOAD] - t[STEP_MEMORY]),
           cycles_to_us(t[STEP_TABLES] - t[STEP_LOAD]),
           cycles_to_us(t[STEP_TYPES] - t[STEP_TABLES]));
}

void pv_dom0_start(struct boot_info *bi)
{
    uint64_t step[STEP_NR];
    const struct elf_xen_notes *n = &dom0_elf.notes;
    struct pvlayout l;
    const void *img;
    size_t img_bytes;
    enum elf_status st;
    uint64_t want, nr_pages, region, mod_len = 0, v_start, entry;
    uint64_t shared_info_pa;
    unsigned int order;
    bool scrub;

    if ( !bi->nr_modules )
    {
        printk("dom0: no module, no dom0\n");
        return;
    }
    step[STEP_START] = rdtsc();
    img = dom0_image(&bi->modules[0], &img_bytes);
    if ( !img )
        return;
    step[STEP_IMAGE] = rdtsc();
    st = elf_parse(img, img_bytes, &dom0_elf);
    if ( st != ELF_OK )
    {
        printk("dom0: module 0 is not a dom0 kernel: %s\n", elf_strerror(st));
        return;
    }
    if ( !dom0_notes_ok(n) )
        return;
    /*
     * Without a VIRT_BASE note Xen's libelf takes 0 (not the kernel's
     * start): the initial mapping then begins at virtual 0 and a kernel
     * linked at 1 MiB finds itself at pfn 256, which kernels that
     * compute pfn = va >> 12 (XTF's) rely on.
     */
    v_start = n->has_virt_base ? n->virt_base : 0;
    entry = n->has_entry ? n->entry : dom0_elf.entry;
    if ( dom0_elf.vstart < v_start )
    {
        printk("dom0: kernel starts below its VIRT_BASE\n");
        return;
    }
    if ( bi->nr_modules > 1 )
        mod_len = bi->modules[1].size_bytes;
    if ( mod_len > INITRD_MAX )
    {
        printk("dom0: initrd larger than 1 GiB\n");
        return;
    }

    want = dom0_mem_bytes(bi->cmdline);
    scrub = dom0_bootscrub(bi->cmdline);
    if ( frame_pool.free_bytes < DOM0_HV_RESERVE * 2 )
    {
        printk("dom0: not enough free memory\n");
        return;
    }
    want = MIN(want, frame_pool.free_bytes - DOM0_HV_RESERVE);
    nr_pages = want >> PAGE_SHIFT;
    /* The initial mapping is one block; dom0 owns all of that block. */
    for ( ; ; )
    {
        if ( !pvlayout_compute(&l, v_start, dom0_elf.vend, mod_len,
                               nr_pages) )
        {
            printk("dom0: kernel layout does not fit the address space\n");
            return;
        }
        region = (l.v_end - l.v_start) >> PAGE_SHIFT;
        order = order_for_pages(region);
        if ( order > FRAME_MAX_ORDER )
        {
            printk("dom0: initial mapping too large\n");
            return;
        }
        if ( nr_pages >= (1ULL << order) )
            break;
        nr_pages = 1ULL << order;
    }

    if ( entry < l.v_start || entry >= l.kern_end )
    {
        printk("dom0: entry %#lx outside the kernel\n", (unsigned long)entry);
        return;
    }

    dom0.nr_pages = nr_pages;
    dom0.p2m = alloc_bytes(nr_pages * 8);
    dom0.pt_level = alloc_bytes(nr_pages);
    dom0.wcount = alloc_bytes(nr_pages * sizeof(*dom0.wcount));
    dom0.mcount = alloc_bytes(nr_pages * sizeof(*dom0.mcount));
    shared_info_pa = alloc_frames_scrubbed(0, 0);
    if ( !dom0.p2m || !dom0.pt_level || !dom0.wcount || !dom0.mcount ||
         !shared_info_pa || !alloc_dom0_frames(order, nr_pages, scrub) ||
         !build_owner_map(nr_pages) )
    {
        printk("dom0: cannot allocate %lu KiB\n",
               (unsigned long)(nr_pages << 2));
        return;
    }
    if ( scrub )
        printk(XENLOG_INFO "dom0: bootscrub: %lu KiB of dom0's RAM scrubbed\n",
               (unsigned long)(nr_pages << 2));
    dom0.v_start = l.v_start;
    dom0.v_end = l.v_end;
    step[STEP_MEMORY] = rdtsc();

    /*
     * Every byte of the initial mapping is defined for dom0: zeros where
     * no segment, module, list or table goes (ELF gaps, the bootstrap
     * stack, page-table entries not filled in). It is one block.
     */
    memset(pfn_va(0), 0, l.v_end - l.v_start);
    st = elf_load(img, img_bytes, &dom0_elf, pfn_va(0), l.v_start,
                  l.kern_end - l.v_start);
    release_image_buf();                /* img is not read again */
    if ( st != ELF_OK )
    {
        printk("dom0: loading the kernel: %s\n", elf_strerror(st));
        return;
    }
    if ( mod_len )
        copy_to_initial(&l, l.mod_va, __va(bi->modules[1].start_pa),
                        mod_len);
    copy_to_initial(&l, l.p2m_va, dom0.p2m, nr_pages * 8);
    if ( n->has_hypercall_page )
    {
        if ( n->hypercall_page < l.v_start ||
             n->hypercall_page > l.kern_end - PAGE_SIZE ||
             (n->hypercall_page & (PAGE_SIZE - 1)) )
        {
            printk("dom0: HYPERCALL_PAGE note outside the kernel\n");
            return;
        }
        fill_hypercall_page((uint8_t *)pfn_va(0) +
                            (n->hypercall_page - l.v_start));
    }
    step[STEP_LOAD] = rdtsc();
    if ( !build_tables(&l) )
    {
        printk("dom0: page tables overflow their area\n");
        return;
    }
    fill_start_info(bi, &l, nr_pages, shared_info_pa);
    bi->tsc[BOOT_PHASE_DOM0_BUILT] = rdtsc();
    hv_info.dom0_nr_pages = nr_pages;
    hv_info.dom0_shared_info_pa = shared_info_pa;
    pv_iomem_init(bi);
    step[STEP_TABLES] = rdtsc();
    if ( !pv_mm_start() )
        return;
    step[STEP_TYPES] = rdtsc();
    print_build_steps(step);

    printk(XENLOG_INFO "dom0: ELF64 kernel, entry %#lx, virtual [%#lx, %#lx), "
           "%lu KiB RAM in %u chunks up to %#lx\n", (unsigned long)entry,
           (unsigned long)l.v_start, (unsigned long)l.v_end,
           (unsigned long)(nr_pages << 2), dom0.nr_chunks,
           (unsigned long)(dom0_top_mfn() << PAGE_SHIFT));
    printk(XENLOG_INFO
           "dom0: start_info %#lx, p2m %#lx, page tables %#lx (%lu), stack "
           "%#lx, initrd %#lx (%lu bytes)\n", (unsigned long)l.si_va,
           (unsigned long)l.p2m_va, (unsigned long)l.pt_va,
           (unsigned long)l.nr_pt, (unsigned long)l.stack_va,
           (unsigned long)l.mod_va, (unsigned long)l.mod_len);
    printk(XENLOG_INFO "dom0: command line \"%s\"\n", bi->modules[0].cmdline);
    printk("Entering dom0 at ring 3: RIP %#lx RSP %#lx RSI %#lx\n",
           (unsigned long)entry, (unsigned long)(l.stack_va + PAGE_SIZE),
           (unsigned long)l.si_va);

    pv_cpu_init();
    dom0.idle_cr3 = read_cr3();
    write_cr3(dom0.l4_mfn << PAGE_SHIFT);
    bi->tsc[BOOT_PHASE_DOM0_ENTRY] = rdtsc();
    pv_enter_guest(entry, l.stack_va + PAGE_SIZE, l.si_va);
}
