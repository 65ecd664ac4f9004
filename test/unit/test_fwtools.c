/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for tools/lib/fwtools.c, the dom0 tools every back end runs,
 * on a replay back end that answers with recorded hypercall results. The
 * Xen 4.17 answers are those the Linux dom0 got in the boot scenario
 * linux417-shim-esrt (build/boot-test/linux417-shim-esrt.log; the
 * configuration-table array abridged to three entries): the ESRT the
 * firmware test shim planted, copied by Xen 4.17 into ACPI reclaim memory
 * 16 bytes short, so the last 16 bytes of entry 2 are OVMF's pool tail.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <xen/esrt.h>

#include "fwinfo.h"
#include "fwtools.h"
#include "unit.h"

#define REPLAY_LINES    1024
#define REPLAY_REGIONS  3

struct replay {
    bool no_efi;                    /* every EFI sub-op: -ENOSYS */
    uint32_t cfg_nent;
    uint64_t cfg_addr;
    long mem_info_rc;
    uint32_t mem_type;
    uint64_t mem_attr, mem_size;
    long memmap_rc;                 /* XEN_FW_EFI_MEMORY_MAP */
    const uint8_t *memmap;          /* its descriptors (48 bytes each) */
    uint32_t memmap_nr;
    long e820_rc;
    const uint8_t *e820;
    uint32_t e820_nr;
    long map_rc;                    /* nonzero: every read fails so */
    struct {
        uint64_t pa;
        const uint8_t *bytes;
        size_t len;
    } mem[REPLAY_REGIONS];
    long kernel_rc;                 /* 0: kernel_esrt answers kernel */
    const uint8_t *kernel;
    size_t kernel_len;
    /* What the tool did. */
    char lines[REPLAY_LINES][FWTOOLS_LINE_MAX];
    unsigned int nr_lines, bufs, views, calls;
    /* Every line counted, the last one kept (beyond REPLAY_LINES). */
    unsigned int nr_seen;
    char last[FWTOOLS_LINE_MAX];
};

static long rp_efi_info(void *ctx, unsigned int index,
                        union xenpf_efi_info *info)
{
    static const char vendor[] = "EDK II";
    struct replay *r = ctx;
    uint8_t *name;
    unsigned int i;

    r->calls++;
    if ( r->no_efi )
        return -XEN_ENOSYS;
    switch ( index )
    {
    case XEN_FW_EFI_VERSION:
    case XEN_FW_EFI_RT_VERSION:
        info->version = 0x20046;
        return 0;
    case XEN_FW_EFI_VENDOR:
        name = info->vendor.name.p;
        if ( info->vendor.bufsz < 2 * sizeof(vendor) )
            return -XEN_ENOBUFS;
        for ( i = 0; i < sizeof(vendor); i++ )
        {
            name[2 * i] = vendor[i];
            name[2 * i + 1] = 0;
        }
        info->vendor.revision = 0x10000;
        return 0;
    case XEN_FW_EFI_CONFIG_TABLE:
        info->cfg.addr = r->cfg_addr;
        info->cfg.nent = r->cfg_nent;
        return 0;
    case XEN_FW_EFI_MEM_INFO:
        if ( r->mem_info_rc )
            return r->mem_info_rc;
        /* Linux-style question: the page of the table, size to the top. */
        if ( info->mem.addr & 0xfff )
            return -XEN_EINVAL;
        info->mem.type = r->mem_type;
        info->mem.attr = r->mem_attr;
        info->mem.size = r->mem_size;
        return 0;
    case XEN_FW_EFI_MEMORY_MAP:
        if ( r->memmap_rc )
            return r->memmap_rc;
        info->memmap.desc_size = 48;
        info->memmap.desc_version = 1;
        info->memmap.nr_desc = r->memmap_nr;
        if ( !info->memmap.buffer.p )
        {
            info->memmap.size = 48 * r->memmap_nr;
            return 0;
        }
        if ( info->memmap.size < 48 * r->memmap_nr )
            return -XEN_ENOBUFS;
        memcpy(info->memmap.buffer.p, r->memmap, 48 * r->memmap_nr);
        return 0;
    }
    return -XEN_EINVAL;
}

static long rp_memory_map(void *ctx, struct xen_memory_map *map)
{
    struct replay *r = ctx;

    r->calls++;
    if ( r->e820_rc )
        return r->e820_rc;
    if ( map->nr_entries < r->e820_nr )
        return -XEN_EINVAL;
    memcpy(map->buffer.p, r->e820, FWINFO_E820_BYTES * r->e820_nr);
    map->nr_entries = r->e820_nr;
    return 0;
}

static void *rp_buf_alloc(void *ctx, size_t size)
{
    struct replay *r = ctx;

    r->bufs++;
    return calloc(1, size);
}

static void rp_buf_free(void *ctx, void *buf, size_t size)
{
    struct replay *r = ctx;

    r->bufs--;
    free(buf);
}

static const void *rp_map(void *ctx, uint64_t pa, size_t size, long *rc)
{
    struct replay *r = ctx;
    unsigned int i;
    uint8_t *p;

    *rc = r->map_rc ? r->map_rc : -XEN_EFAULT;
    if ( r->map_rc || size > 8192 )
        return NULL;
    for ( i = 0; i < REPLAY_REGIONS; i++ )
        if ( r->mem[i].bytes && pa >= r->mem[i].pa &&
             pa + size <= r->mem[i].pa + r->mem[i].len )
        {
            /* A copy of exactly size bytes, so ASan sees overreads. */
            p = malloc(size);
            memcpy(p, r->mem[i].bytes + (pa - r->mem[i].pa), size);
            r->views++;
            return p;
        }
    return NULL;
}

static void rp_unmap(void *ctx, const void *view, size_t size)
{
    struct replay *r = ctx;

    r->views--;
    free((void *)view);
}

static void rp_line(void *ctx, const char *line)
{
    struct replay *r = ctx;

    r->nr_seen++;
    snprintf(r->last, FWTOOLS_LINE_MAX, "%s", line);
    if ( r->nr_lines < REPLAY_LINES )
        snprintf(r->lines[r->nr_lines++], FWTOOLS_LINE_MAX, "%s", line);
}

static long rp_kernel_esrt(void *ctx, void *buf, size_t size)
{
    struct replay *r = ctx;

    if ( r->kernel_rc )
        return r->kernel_rc;
    memcpy(buf, r->kernel, r->kernel_len);
    return r->kernel_len;
}

static const char *rp_map_hint(void *ctx, long rc)
{
    return rc == -XEN_EPERM ? "use iomem=relaxed" : NULL;
}

static struct fwtools_backend rp_backend(struct replay *r)
{
    return (struct fwtools_backend){
        .ctx = r, .efi_info = rp_efi_info,
        .machine_memory_map = rp_memory_map, .buf_alloc = rp_buf_alloc,
        .buf_free = rp_buf_free, .map = rp_map, .unmap = rp_unmap,
        .line = rp_line,
    };
}

/* True when the tool printed exactly line. */
static bool printed(const struct replay *r, const char *line)
{
    unsigned int i;

    for ( i = 0; i < r->nr_lines; i++ )
        if ( !strcmp(r->lines[i], line) )
            return true;
    return false;
}

/* True when some printed line starts with prefix. */
static bool printed_prefix(const struct replay *r, const char *prefix)
{
    unsigned int i;

    for ( i = 0; i < r->nr_lines; i++ )
        if ( !strncmp(r->lines[i], prefix, strlen(prefix)) )
            return true;
    return false;
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = v;
    p[1] = v >> 8;
    p[2] = v >> 16;
    p[3] = v >> 24;
}

static void put64(uint8_t *p, uint64_t v)
{
    put32(p, v);
    put32(p + 4, v >> 32);
}

/* ---- the recorded Xen 4.17 answers --------------------------------------- */

#define XEN417_CFG_ADDR     0x3f5ebc98ULL
#define XEN417_ESRT_ADDR    0x3f773018ULL

/* The ESRT as Xen 4.17 left it: 0x78 bytes copied, then OVMF's pool tail
 * ("ptal", 0xaf fill, then the 0xa0 size field). */
static void xen417_esrt(uint8_t *t)
{
    static const struct {
        const char *cls;
        uint32_t v[6];
    } e[] = {
        { "03f0a9b4-7416-4532-b343-b39646ca5b5d",
          { 1, 0x70d29b6c, 0x3b21dedf, 0xb716, 0x95387cca, 2 } },
        { "03f0a9b5-d0f2-496c-b125-c10598a68912",
          { 3, 0xdaa27fb8, 0x5013cb3a, 0x8d59, 0x6c15c659, 8 } },
        { "03f0a9b6-c042-451a-8c8d-8ea8ea6aaf22",
          { 1, 0x2d2bae64, 0x6c617470, 0xafafafaf, 0xa0, 0 } },
    };
    unsigned int i, j;

    memset(t, 0, 136);
    put32(t, 3);
    put32(t + 4, 3);
    put64(t + 8, 1);
    for ( i = 0; i < 3; i++ )
    {
        fwinfo_guid_parse(t + 16 + 40 * i, e[i].cls);
        for ( j = 0; j < 6; j++ )
            put32(t + 16 + 40 * i + 16 + 4 * j, e[i].v[j]);
    }
}

/* Three entries of the configuration-table array: one unnamed, ACPI20,
 * ESRT. */
static void xen417_cfg(uint8_t *c)
{
    fwinfo_guid_parse(c, "ee4e5898-3914-4259-9d6e-dc7bd79403cf");
    put64(c + 16, 0x3f4eaf98);
    fwinfo_guid_parse(c + 24, "8868e871-e4f1-11d3-bc22-0080c73c8881");
    put64(c + 40, 0x3f77d014);
    memcpy(c + 48, fwinfo_esrt_guid, 16);
    put64(c + 64, XEN417_ESRT_ADDR);
}

static const uint64_t xen417_e820[][3] = {
    { 0x0, 0xa0000, 1 }, { 0x100000, 0x806000, 1 },
    { 0x806000, 0x808000, 4 }, { 0x808000, 0x810000, 1 },
    { 0x810000, 0x900000, 4 }, { 0x900000, 0x3eaa0000, 1 },
    { 0x3eaa0000, 0x3eba2000, 2 }, { 0x3eba2000, 0x3f4ec000, 1 },
    { 0x3f4ec000, 0x3f76c000, 2 }, { 0x3f76c000, 0x3f77e000, 3 },
    { 0x3f77e000, 0x3f7fe000, 4 }, { 0x3f7fe000, 0x3fef4000, 1 },
    { 0x3fef4000, 0x3ff78000, 2 }, { 0x3ff78000, 0x40000000, 4 },
    { 0xb0000000, 0xc0000000, 2 }, { 0xfec00000, 0xfec01000, 2 },
    { 0xfee00000, 0xfef00000, 2 }, { 0xffc00000, 0x100000000, 2 },
};

struct xen417 {
    struct replay r;
    uint8_t cfg[72], esrt[136], e820[18 * FWINFO_E820_BYTES];
};

/* The replay of Xen 4.17 under OVMF with the planted ESRT. */
static void xen417_setup(struct xen417 *x)
{
    unsigned int i;

    memset(x, 0, sizeof(*x));
    xen417_cfg(x->cfg);
    xen417_esrt(x->esrt);
    for ( i = 0; i < 18; i++ )
    {
        put64(x->e820 + 20 * i, xen417_e820[i][0]);
        put64(x->e820 + 20 * i + 8, xen417_e820[i][1] - xen417_e820[i][0]);
        put32(x->e820 + 20 * i + 16, xen417_e820[i][2]);
    }
    x->r.cfg_addr = XEN417_CFG_ADDR;
    x->r.cfg_nent = 3;
    x->r.mem_type = 9;
    x->r.mem_attr = 0xf;
    x->r.mem_size = 0xb000;
    x->r.memmap_rc = -XEN_EINVAL;
    x->r.e820 = x->e820;
    x->r.e820_nr = 18;
    x->r.mem[0].pa = XEN417_CFG_ADDR;
    x->r.mem[0].bytes = x->cfg;
    x->r.mem[0].len = sizeof(x->cfg);
    x->r.mem[1].pa = XEN417_ESRT_ADDR;
    x->r.mem[1].bytes = x->esrt;
    x->r.mem[1].len = sizeof(x->esrt);
}

/* Nothing left allocated or mapped. */
static void balanced(struct unit_ctx *ctx, const struct replay *r)
{
    CHECK_EQ(r->bufs, 0);
    CHECK_EQ(r->views, 0);
}

/* ---- cases --------------------------------------------------------------- */

static void esrt_xen417_short_copy(struct unit_ctx *ctx)
{
    static struct xen417 x;
    struct fwtools_backend b;

    xen417_setup(&x);
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_INVALID);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-esrt: table at 0x3f773018"));
    CHECK(printed(&x.r, "xen-esrt: mem_info addr=0x3f773000: type=9 "
                  "ACPIReclaim attr=0xf size=0xb000"));
    CHECK(printed(&x.r, "xen-esrt: linux table rule (type 0/5/6/9/10): "
                  "accept"));
    CHECK(printed(&x.r, "xen-esrt: linux esrt rule (RUNTIME or type "
                  "4/6/9/10): accept"));
    CHECK(printed(&x.r, "xen-esrt: region room=0xafe8"));
    CHECK(printed(&x.r, "xen-esrt: esrt header: count=3 max=3 version=1"));
    CHECK(printed(&x.r, "xen-esrt: esrt entry 1: class=03f0a9b5-d0f2-496c-"
                  "b125-c10598a68912 fw_type=3 fw_version=0xdaa27fb8 "
                  "lowest_supported_fw_version=0x5013cb3a "
                  "capsule_flags=0x8d59 last_attempt_version=0x6c15c659 "
                  "last_attempt_status=8"));
    CHECK(printed(&x.r, "xen-esrt: truncated: firmware pool tail \"ptal\" "
                  "at table offset 0x78, inside entry 2: the hypervisor "
                  "copied 0x78 of 0x88 bytes (Xen 4.17 copies 16 bytes "
                  "short)"));
    CHECK(printed(&x.r, "xen-esrt: result=ok count=3"));
    CHECK(!printed_prefix(&x.r, "xen-esrt: kernel:"));
}

static void esrt_region_ends_at_the_copy(struct unit_ctx *ctx)
{
    static struct xen417 x;
    struct fwtools_backend b;

    /* A region that ends where Xen 4.17's copy ends: 0x78 bytes of room. */
    xen417_setup(&x);
    x.r.mem_size = 0x18 + 0x78;
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_INVALID);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-esrt: region room=0x78"));
    CHECK(printed(&x.r, "xen-esrt: truncated: region holds 0x78 bytes of a "
                  "0x88-byte table (16 short; Xen 4.17 copies 16 bytes "
                  "short)"));
    CHECK(printed(&x.r, "xen-esrt: check: table larger than its memory "
                  "region"));
    /* Two whole entries fit; the third is not printed. */
    CHECK(printed_prefix(&x.r, "xen-esrt: esrt entry 1: "));
    CHECK(!printed_prefix(&x.r, "xen-esrt: esrt entry 2: "));
    CHECK(printed(&x.r, "xen-esrt: result=invalid"));
}

static void esrt_read_refused(struct unit_ctx *ctx)
{
    static struct xen417 x;
    struct fwtools_backend b;

    /* The configuration table is readable; the ESRT is not there. */
    xen417_setup(&x);
    x.r.mem[1].bytes = NULL;
    b = rp_backend(&x.r);
    b.map_hint = rp_map_hint;
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_ERROR);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-esrt: map header: error rc=-14 (EFAULT)"));
    CHECK(printed(&x.r, "xen-esrt: result=unreadable"));

    xen417_setup(&x);
    x.r.map_rc = -XEN_EPERM;
    b = rp_backend(&x.r);
    b.map_hint = rp_map_hint;
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_ERROR);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-esrt: config_table: error rc=-1 (EPERM)"));
    CHECK(printed(&x.r, "xen-esrt: hint: use iomem=relaxed"));
}

static void esrt_none_and_no_efi(struct unit_ctx *ctx)
{
    static struct xen417 x;
    struct fwtools_backend b;

    xen417_setup(&x);
    x.r.cfg_nent = 2;               /* the ESRT entry is the third */
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_NONE);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-esrt: no ESRT in the configuration table"));
    CHECK(printed(&x.r, "xen-esrt: result=none"));

    xen417_setup(&x);
    x.r.no_efi = true;
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_NONE);
    CHECK(printed(&x.r, "xen-esrt: config_table: error rc=-38 (ENOSYS)"));
    CHECK(printed(&x.r, "xen-esrt: result=none"));
}

static void esrt_kernel_view_compared(struct unit_ctx *ctx)
{
    static struct xen417 x;
    struct fwtools_backend b;
    uint8_t k[136];

    xen417_setup(&x);
    memcpy(k, x.esrt, sizeof(k));
    k[16 + 40 + 20] ^= 1;           /* entry 1's fw_version */
    x.r.kernel = k;
    x.r.kernel_len = sizeof(k);
    b = rp_backend(&x.r);
    b.kernel_esrt = rp_kernel_esrt;
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_INVALID);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-esrt: kernel: esrt header: count=3 max=3 "
                  "version=1 (same)"));
    CHECK(printed_prefix(&x.r, "xen-esrt: kernel: esrt entry 0: "));
    CHECK(printed(&x.r, "xen-esrt: kernel: 2 of 3 entries the same as the "
                  "hypervisor's 3"));

    xen417_setup(&x);
    x.r.kernel_rc = -XEN_ENOENT;
    b = rp_backend(&x.r);
    b.kernel_esrt = rp_kernel_esrt;
    fwtools_esrt(&b);
    CHECK(printed(&x.r, "xen-esrt: kernel: no ESRT"));
    balanced(ctx, &x.r);
}

/* A table of n entries planted at pa in region type, fully readable. */
struct big_esrt {
    struct xen417 x;
    uint8_t t[16 + 40 * 600];
};

static void big_esrt_setup(struct big_esrt *g, uint32_t n, uint32_t type)
{
    xen417_setup(&g->x);
    memset(g->t, 0, sizeof(g->t));
    put32(g->t, n);
    put32(g->t + 4, n);
    put64(g->t + 8, 1);
    for ( uint32_t i = 0; i < n; i++ )
    {
        uint8_t *e = g->t + 16 + 40 * i;

        put32(e, 0x5a5a0000 + i);
        put32(e + 16, i % 4);
        put32(e + 20, 0x1000 + i);
    }
    g->x.r.mem_type = type;
    g->x.r.mem_size = 0x10000;
    g->x.r.mem[1].bytes = g->t;
    g->x.r.mem[1].len = 16 + 40 * n;
}

/*
 * Tables of 129 and 600 entries (the hypervisor keeps them): every entry
 * is printed, then one line says Linux refuses the table; the result is
 * ok. 600 entries take several 8 KiB views.
 */
static void esrt_over_linux_limit_printed_whole(struct unit_ctx *ctx)
{
    static const uint32_t sizes[] = { 129, 600 };
    static struct big_esrt g;
    struct fwtools_backend b;
    char want[FWTOOLS_LINE_MAX];

    for ( unsigned int k = 0; k < 2; k++ )
    {
        uint32_t n = sizes[k], entries = 0;

        big_esrt_setup(&g, n, 9);
        b = rp_backend(&g.x.r);
        CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_OK);
        balanced(ctx, &g.x.r);
        for ( unsigned int i = 0; i < g.x.r.nr_lines; i++ )
            entries += !strncmp(g.x.r.lines[i], "xen-esrt: esrt entry ", 21);
        CHECK_EQ(entries, n);
        snprintf(want, sizeof(want), "xen-esrt: esrt entry %u: class=%08x-"
                 "0000-0000-0000-000000000000 fw_type=%u fw_version=0x%x "
                 "lowest_supported_fw_version=0x0 capsule_flags=0x0 "
                 "last_attempt_version=0x0 last_attempt_status=0", n - 1,
                 0x5a5a0000 + n - 1, (n - 1) % 4, 0x1000 + n - 1);
        CHECK(printed(&g.x.r, want));
        CHECK(printed(&g.x.r, "xen-esrt: check: ok"));
        snprintf(want, sizeof(want), "xen-esrt: linux: refuses this table: "
                 "count %u exceeds its limit of 128", n);
        CHECK(printed(&g.x.r, want));
        snprintf(want, sizeof(want), "xen-esrt: result=ok count=%u", n);
        CHECK(printed(&g.x.r, want));
    }
    /* 128 entries: no such line. */
    big_esrt_setup(&g, 128, 9);
    b = rp_backend(&g.x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_OK);
    CHECK(!printed_prefix(&g.x.r, "xen-esrt: linux: "));
}

/*
 * A table left in conventional memory whose header no longer checks out
 * was overwritten: the tool says so, with the memory type, and prints no
 * entry; the same bytes elsewhere keep the plain reason.
 */
static void esrt_in_reused_free_memory_is_gone(struct unit_ctx *ctx)
{
    static struct big_esrt g;
    struct fwtools_backend b;

    big_esrt_setup(&g, 3, 7);
    put64(g.t + 8, 0xafafafafafafafafULL);
    b = rp_backend(&g.x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_INVALID);
    balanced(ctx, &g.x.r);
    CHECK(printed(&g.x.r, "xen-esrt: linux table rule (type 0/5/6/9/10): "
                  "refuse"));
    CHECK(printed(&g.x.r, "xen-esrt: gone: the table lies in Conventional "
                  "(type 7), memory free after ExitBootServices and reused "
                  "since the firmware put the table there: its contents are "
                  "gone (version is not 1)"));
    CHECK(!printed_prefix(&g.x.r, "xen-esrt: check: "));
    CHECK(!printed_prefix(&g.x.r, "xen-esrt: esrt entry "));
    CHECK(printed(&g.x.r, "xen-esrt: result=invalid"));

    big_esrt_setup(&g, 3, 4);
    put64(g.t + 8, 0xafafafafafafafafULL);
    b = rp_backend(&g.x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_INVALID);
    CHECK(printed(&g.x.r, "xen-esrt: check: version is not 1"));
    CHECK(!printed_prefix(&g.x.r, "xen-esrt: gone: "));

    /* Loader data likewise. */
    big_esrt_setup(&g, 3, 2);
    put64(g.t + 8, 0xafafafafafafafafULL);
    b = rp_backend(&g.x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_INVALID);
    CHECK(printed_prefix(&g.x.r, "xen-esrt: gone: the table lies in "
                         "LoaderData (type 2), "));

    /* Intact in free memory: shown, and Linux's rules say refuse. */
    big_esrt_setup(&g, 3, 7);
    b = rp_backend(&g.x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_OK);
    CHECK(printed_prefix(&g.x.r, "xen-esrt: esrt entry 2: "));
    CHECK(!printed_prefix(&g.x.r, "xen-esrt: gone: "));

    /*
     * Xen 4.17 with the shim's esrt-type=reused: the pointer lies in
     * boot-services data the machine now uses, and dom0 may not map it.
     */
    big_esrt_setup(&g, 3, 4);
    g.x.r.map_rc = 0;
    g.x.r.mem[1].bytes = NULL;
    b = rp_backend(&g.x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_INVALID);
    balanced(ctx, &g.x.r);
    CHECK(printed(&g.x.r, "xen-esrt: map header: error rc=-14 (EFAULT)"));
    CHECK(printed(&g.x.r, "xen-esrt: gone: the table lies in "
                  "BootServicesData (type 4), memory free after "
                  "ExitBootServices and reused since the firmware put the "
                  "table there: its contents are gone (map: rc=-14 "
                  "(EFAULT))"));
    CHECK(printed(&g.x.r, "xen-esrt: result=invalid"));
    /* In ACPI reclaim memory a failed read stays a read error. */
    big_esrt_setup(&g, 3, 9);
    g.x.r.mem[1].bytes = NULL;
    b = rp_backend(&g.x.r);
    CHECK_EQ(fwtools_esrt(&b), FWTOOLS_EXIT_ERROR);
    CHECK(printed(&g.x.r, "xen-esrt: result=unreadable"));
    CHECK(!printed_prefix(&g.x.r, "xen-esrt: gone: "));
}

static void efimap_on_xen_shows_e820(struct unit_ctx *ctx)
{
    static struct xen417 x, y;
    struct fwtools_backend b;
    unsigned int i;

    xen417_setup(&x);
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_efimap(&b), FWTOOLS_EXIT_NONE);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-efimap: not available from this hypervisor: "
                  "rc=-22 (EINVAL)"));
    CHECK(printed_prefix(&x.r, "xen-efimap: Xen has no "
                         "XEN_FW_EFI_MEMORY_MAP sub-op"));
    xen417_setup(&y);
    b = rp_backend(&y.r);
    CHECK_EQ(fwtools_e820(&b), FWTOOLS_EXIT_OK);
    CHECK(printed(&y.r, "xen-e820: 18 entries"));
    CHECK(printed(&y.r, "xen-e820: e820 9: [0x000000003f76c000, "
                  "0x000000003f77e000) type=3 ACPI"));
    /* The same e820, under the other tool's name. */
    CHECK_EQ(x.r.nr_lines, y.r.nr_lines + 2);
    for ( i = 0; i < y.r.nr_lines && i + 2 < x.r.nr_lines; i++ )
        CHECK(!strcmp(x.r.lines[i + 2] + strlen("xen-efimap"),
                      y.r.lines[i] + strlen("xen-e820")));

    xen417_setup(&x);
    x.r.e820_rc = -XEN_EPERM;
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_e820(&b), FWTOOLS_EXIT_ERROR);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-e820: machine_memory_map: error rc=-1 "
                  "(EPERM)"));
}

static void efimap_with_the_sub_op(struct unit_ctx *ctx)
{
    static struct xen417 x;
    struct fwtools_backend b;
    uint8_t d[2 * 48] = { 0 };

    put32(d, 7);
    put64(d + 8, 0x100000);
    put64(d + 24, 16);
    put64(d + 32, 0xf);
    put32(d + 48, 9);
    put64(d + 56, 0x3f773000);
    put64(d + 72, 1);
    put64(d + 80, 0xf);
    xen417_setup(&x);
    x.r.memmap_rc = 0;
    x.r.memmap = d;
    x.r.memmap_nr = 2;
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_efimap(&b), FWTOOLS_EXIT_OK);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-efimap: 2 descriptors of 48 bytes, version 1"));
    CHECK(printed(&x.r, "xen-efimap: efimap 1: [0x000000003f773000, "
                  "0x000000003f774000) type=9 ACPIReclaim attr=0xf"));
}

/*
 * A map of thousands of descriptors (large or fragmented firmware) is read
 * whole: the buffer is sized from the first answer, not a fixed bound.
 */
static void efimap_of_thousands_of_descriptors(struct unit_ctx *ctx)
{
    enum { NR = 10000 };
    static struct xen417 x;
    static uint8_t d[NR * 48];
    struct fwtools_backend b;

    for ( unsigned int i = 0; i < NR; i++ )
    {
        put32(d + 48 * i, i % 2 ? 7 : 4);
        put64(d + 48 * i + 8, 0x100000 + 0x1000ULL * i);
        put64(d + 48 * i + 24, 1);
        put64(d + 48 * i + 32, 0xf);
    }
    xen417_setup(&x);
    x.r.memmap_rc = 0;
    x.r.memmap = d;
    x.r.memmap_nr = NR;
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_efimap(&b), FWTOOLS_EXIT_OK);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-efimap: 10000 descriptors of 48 bytes, "
                  "version 1"));
    /* The header, every descriptor, the owned-ranges summary. */
    CHECK_EQ(x.r.nr_seen, 1 + NR + 1);
    CHECK(!strcmp(x.r.last, "xen-efimap: 0 reserved ranges owned by the "
                  "hypervisor"));
}

static void efimap_names_hypervisor_owned_ranges(struct unit_ctx *ctx)
{
    static struct xen417 x;
    struct fwtools_backend b;
    uint8_t d[3 * 48] = { 0 };

    put32(d, 7);
    put64(d + 8, 0x100000);
    put64(d + 24, 16);
    put32(d + 48, 0);
    put64(d + 56, 0x110000);
    put64(d + 72, 32);
    put32(d + 96, 0);
    put64(d + 104, 0xfee00000);
    put64(d + 120, 1);
    xen417_setup(&x);
    x.r.memmap_rc = 0;
    x.r.memmap = d;
    x.r.memmap_nr = 3;
    x.r.mem_info_rc = 0;
    x.r.mem_type = 2;
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_efimap(&b), FWTOOLS_EXIT_OK);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-efimap: efimap 1: [0x0000000000110000, "
                  "0x0000000000130000) type=0 Reserved attr=0x0"));
    CHECK(printed(&x.r, "xen-efimap: hypervisor-owned 1: "
                  "[0x0000000000110000, 0x0000000000130000) firmware "
                  "type=2 LoaderData"));
    CHECK(printed(&x.r, "xen-efimap: 2 reserved ranges owned by the "
                  "hypervisor"));
    /* Reserved in the firmware's map too: not the hypervisor's. */
    xen417_setup(&x);
    x.r.memmap_rc = 0;
    x.r.memmap = d;
    x.r.memmap_nr = 3;
    x.r.mem_info_rc = 0;
    x.r.mem_type = 0;
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_efimap(&b), FWTOOLS_EXIT_OK);
    CHECK(printed(&x.r, "xen-efimap: 0 reserved ranges owned by the "
                  "hypervisor"));
}

static void info_on_xen417(struct unit_ctx *ctx)
{
    static struct xen417 x;
    struct fwtools_backend b;

    xen417_setup(&x);
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_info(&b), FWTOOLS_EXIT_OK);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-info: efi version=0x20046 (2.70)"));
    CHECK(printed(&x.r, "xen-info: vendor=\"EDK II\" revision=0x10000"));
    CHECK(printed(&x.r, "xen-info: config_table addr=0x3f5ebc98 nent=3"));
    CHECK(printed(&x.r, "xen-info: config_table 2: guid=b122a263-3661-4f68-"
                  "9929-78f8b0d62180 addr=0x3f773018 name=ESRT"));

    xen417_setup(&x);
    x.r.no_efi = true;
    b = rp_backend(&x.r);
    CHECK_EQ(fwtools_info(&b), FWTOOLS_EXIT_NONE);
    balanced(ctx, &x.r);
    CHECK(printed(&x.r, "xen-info: version: error rc=-38 (ENOSYS)"));
    CHECK(printed(&x.r, "xen-info: config_table: error rc=-38 (ENOSYS)"));
}

static void guid_parse(struct unit_ctx *ctx)
{
    static const char *const bad[] = {
        "b122a263-3661-4f68-9929-78f8b0d6218",
        "b122a263x3661-4f68-9929-78f8b0d62180",
        "b122a263-3661-4f68-9929-78f8b0d6218g",
        "b122a263-3661-4f68-9929-78f8b0d621800",
        "",
    };
    char text[37];
    uint8_t g[16];
    unsigned int i;

    CHECK(fwinfo_guid_parse(g, "b122a263-3661-4f68-9929-78f8b0d62180\n"));
    CHECK(!memcmp(g, fwinfo_esrt_guid, 16));
    CHECK(fwinfo_guid_parse(g, "B122A263-3661-4F68-9929-78F8B0D62180"));
    CHECK(!memcmp(g, fwinfo_esrt_guid, 16));
    CHECK(!strcmp(esrt_guid_string(text, g),
                  "b122a263-3661-4f68-9929-78f8b0d62180"));
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
        CHECK(!fwinfo_guid_parse(g, bad[i]));
}

static const struct unit_case fwtools_cases[] = {
    { "esrt_xen417_short_copy_seen_by_its_pool_tail",
      esrt_xen417_short_copy },
    { "esrt_region_ending_at_the_copy_is_truncated",
      esrt_region_ends_at_the_copy },
    { "esrt_refused_read_is_an_error_with_the_hint", esrt_read_refused },
    { "esrt_none_and_no_efi", esrt_none_and_no_efi },
    { "esrt_of_129_and_600_entries_printed_whole_linux_refusal_said",
      esrt_over_linux_limit_printed_whole },
    { "esrt_in_reused_free_memory_said_gone_with_its_type",
      esrt_in_reused_free_memory_is_gone },
    { "esrt_kernel_view_compared_entry_by_entry",
      esrt_kernel_view_compared },
    { "efimap_on_xen_explains_and_shows_the_e820",
      efimap_on_xen_shows_e820 },
    { "efimap_with_the_sub_op_prints_descriptors", efimap_with_the_sub_op },
    { "efimap_of_thousands_of_descriptors",
      efimap_of_thousands_of_descriptors },
    { "efimap_names_hypervisor_owned_ranges",
      efimap_names_hypervisor_owned_ranges },
    { "info_on_xen417_and_without_efi", info_on_xen417 },
    { "guid_parse_round_trips_and_refuses_bad_text", guid_parse },
};

UNIT_SUITE(fwtools, fwtools_cases);
