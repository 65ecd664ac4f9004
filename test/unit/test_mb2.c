/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for the multiboot2 info parser (lib/boot/mb2.c). Blocks are
 * built in memory by the small mbi_* builders below and parsed from an
 * exact-size heap copy, so ASan reports any read past info_len.
 *
 * The GRUB-like fixtures follow the tag order GRUB's mbi2 writer uses
 * (load base first, then command line, loader name, modules, memory map,
 * basic memory, RSDP; see the ABI reference 1.2); the values are what a
 * QEMU pc machine with 2 GiB under SeaBIOS or OVMF typically reports.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/mb2.h>

#include "unit.h"

/* Room for an EFI map larger than 64 KiB (the size once refused). */
#define EFI_MAP_BIG (80 * 1024)
#define MBI_MAX (EFI_MAP_BIG + 4096)

struct mbi {
    size_t len;
    uint8_t buf[MBI_MAX];
};

static struct mbi m;
static struct boot_info bi, bi2;

static void put32(uint8_t *p, uint32_t v)
{
    memcpy(p, &v, 4);
}

static void put64(uint8_t *p, uint64_t v)
{
    memcpy(p, &v, 8);
}

static void mbi_begin(void)
{
    memset(m.buf, 0, sizeof(m.buf));
    m.len = 8;
}

/* Appends a tag whose size field says size but whose body is body_len. */
static void mbi_tag_raw(uint32_t type, uint32_t size, const void *body,
                        size_t body_len)
{
    put32(m.buf + m.len, type);
    put32(m.buf + m.len + 4, size);
    if ( body_len )
        memcpy(m.buf + m.len + 8, body, body_len);
    m.len = ALIGN_UP(m.len + 8 + body_len, 8);
}

static void mbi_tag(uint32_t type, const void *body, size_t body_len)
{
    mbi_tag_raw(type, 8 + body_len, body, body_len);
}

static void mbi_str(uint32_t type, const char *s)
{
    mbi_tag(type, s, strlen(s) + 1);
}

static void mbi_u32(uint32_t type, uint32_t v)
{
    mbi_tag(type, &v, 4);
}

static void mbi_u64(uint32_t type, uint64_t v)
{
    mbi_tag(type, &v, 8);
}

static void mbi_module(uint32_t start, uint32_t end, const char *s)
{
    uint8_t body[8 + 1024];
    size_t n = strlen(s) + 1;

    put32(body, start);
    put32(body + 4, end);
    memcpy(body + 8, s, n);
    mbi_tag(MB2_TAG_MODULE, body, 8 + n);
}

/* Memory map of nr entries entry_bytes apart; extra bytes are 0xEE. */
static void mbi_mmap(uint32_t entry_bytes, const uint64_t (*e)[3],
                     size_t nr)
{
    static uint8_t body[8 + 1100 * 32];

    memset(body, 0xEE, sizeof(body));
    put32(body, entry_bytes);
    put32(body + 4, 0);
    for ( size_t i = 0; i < nr; i++ )
    {
        uint8_t *p = body + 8 + i * entry_bytes;

        put64(p, e ? e[i][0] : i << 12);
        put64(p + 8, e ? e[i][1] : 0x1000);
        put32(p + 16, e ? e[i][2] : 1);
        put32(p + 20, 0);
    }
    mbi_tag(MB2_TAG_MMAP, body, 8 + nr * entry_bytes);
}

/* EFI map of nr descriptors filled with a recognisable byte pattern. */
static void mbi_efi_mmap(uint32_t desc_bytes, size_t nr)
{
    static uint8_t body[8 + EFI_MAP_BIG + 512];
    size_t map_bytes = nr * desc_bytes;

    put32(body, desc_bytes);
    put32(body + 4, 1);
    for ( size_t i = 0; i < map_bytes; i++ )
        body[8 + i] = (uint8_t)(i * 7 + 1);
    mbi_tag(MB2_TAG_EFI_MMAP, body, 8 + map_bytes);
}

/* Closes the block with an end tag and stores total_size. */
static size_t mbi_finish(void)
{
    mbi_tag(MB2_TAG_END, NULL, 0);
    put32(m.buf, m.len);
    return m.len;
}

/*
 * Parses an exact-size heap copy of data[0..len). The copy lives until
 * the next parse: the EFI map in boot_info points into it.
 */
static enum mb2_status parse_exact(const void *data, size_t len,
                                   struct boot_info *out)
{
    static uint8_t *copy;

    free(copy);
    copy = malloc(len ? len : 1);
    memcpy(copy, data, len);
    return mb2_parse(copy, len, out);
}

static enum mb2_status parse_mbi(void)
{
    return parse_exact(m.buf, m.len, &bi);
}

/* One finished block holding just the given tag (and the end tag). */
static enum mb2_status parse_one_tag(uint32_t type, uint32_t size,
                                     const void *body, size_t body_len)
{
    mbi_begin();
    mbi_tag_raw(type, size, body, body_len);
    mbi_finish();
    return parse_mbi();
}

/* QEMU pc, SeaBIOS, 2 GiB: the e820 map it reports. */
static const uint64_t qemu_e820[][3] = {
    { 0x0, 0x9fc00, 1 },
    { 0x9fc00, 0x400, 2 },
    { 0xf0000, 0x10000, 2 },
    { 0x100000, 0x7fee0000, 1 },
    { 0x7ffe0000, 0x20000, 2 },
    { 0xfffc0000, 0x40000, 2 },
};

/* QEMU's RSDP v1: "RSD PTR ", checksum, OEM "BOCHS ", rev 0, RSDT. */
static const uint8_t qemu_rsdp_v1[20] = {
    'R', 'S', 'D', ' ', 'P', 'T', 'R', ' ', 0x90,
    'B', 'O', 'C', 'H', 'S', ' ', 0x00, 0x2d, 0x18, 0xfe, 0x7f,
};

static void build_grub_bios(void)
{
    mbi_begin();
    mbi_u32(MB2_TAG_LOAD_BASE, 0x200000);
    mbi_str(MB2_TAG_CMDLINE, "/boot/xen.gz console=com1 com1=115200,8n1");
    mbi_str(MB2_TAG_LOADER_NAME, "GRUB 2.06");
    mbi_module(0x1000000, 0x1a3b5c0, "/boot/vmlinuz root=/dev/vda1 ro");
    mbi_module(0x1a3c000, 0x2f00000, "/boot/initrd.img");
    mbi_mmap(24, qemu_e820, ARRAY_SIZE(qemu_e820));
    mbi_tag(MB2_TAG_BASIC_MEMINFO,
            (const uint32_t[]){ 639, 2096000 }, 8);
    mbi_tag(MB2_TAG_ACPI_OLD, qemu_rsdp_v1, sizeof(qemu_rsdp_v1));
    mbi_finish();
}

static void build_grub_efi_bs(void)
{
    mbi_begin();
    mbi_str(MB2_TAG_CMDLINE, "/xen.gz dom0_mem=1G");
    mbi_str(MB2_TAG_LOADER_NAME, "GRUB 2.12");
    mbi_module(0x3e000000, 0x3e900000, "/vmlinuz");
    mbi_u64(MB2_TAG_EFI64_SYSTAB, 0x7f9ee018);
    mbi_tag(MB2_TAG_EFI_BS, NULL, 0);
    mbi_u64(MB2_TAG_EFI64_IH, 0x7e4c3a98);
    mbi_finish();
}

/* What a failed or empty parse must leave: zeroes plus caller fields. */
static bool only_caller_fields(const struct boot_info *out)
{
    static struct boot_info expect;

    memset(&expect, 0, sizeof(expect));
    expect.entry = out->entry;
    expect.load_base_pa = out->load_base_pa;
    expect.mbi_pa = out->mbi_pa;
    memcpy(expect.tsc, out->tsc, sizeof(expect.tsc));
    return !memcmp(&expect, out, sizeof(expect));
}

static void t_minimal_block_parses_to_empty_info(struct unit_ctx *ctx)
{
    mbi_begin();
    CHECK_EQ(mbi_finish(), 16);
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.mbi_bytes, 16);
    bi.mbi_bytes = 0;
    CHECK(only_caller_fields(&bi));
}

static void t_caller_fields_survive_success_and_failure(
    struct unit_ctx *ctx)
{
    build_grub_bios();
    for ( int pass = 0; pass < 2; pass++ )
    {
        memset(&bi, 0xA5, sizeof(bi));
        bi.entry = BOOT_ENTRY_MB2_EFI;
        bi.load_base_pa = 0x1200000;
        bi.mbi_pa = 0x9000;
        bi.tsc[BOOT_PHASE_ENTRY] = 12345;
        /* Pass 1 cuts the block short so that parsing fails. */
        CHECK_EQ(parse_exact(m.buf, m.len - pass, &bi),
                 pass ? MB2_TOTAL_OVER_LEN : MB2_OK);
        CHECK_EQ(bi.entry, BOOT_ENTRY_MB2_EFI);
        CHECK_EQ(bi.load_base_pa, 0x1200000);
        CHECK_EQ(bi.mbi_pa, 0x9000);
        CHECK_EQ(bi.tsc[BOOT_PHASE_ENTRY], 12345);
        CHECK_EQ(bi.tsc[BOOT_PHASE_DOM0], 0xA5A5A5A5A5A5A5A5ull);
        CHECK(pass == 0 || only_caller_fields(&bi));
    }
}

static void t_grub_bios_block_fully_decoded(struct unit_ctx *ctx)
{
    memset(&bi, 0, sizeof(bi));
    build_grub_bios();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.mbi_bytes, m.len);
    CHECK(bi.have_mb2_load_base);
    CHECK_EQ(bi.mb2_load_base_pa, 0x200000);
    CHECK_EQ(bi.load_base_pa, 0);
    CHECK(!strcmp(bi.cmdline, "/boot/xen.gz console=com1 com1=115200,8n1"));
    CHECK(!strcmp(bi.loader_name, "GRUB 2.06"));
    CHECK_EQ(bi.nr_modules, 2);
    CHECK_EQ(bi.modules[0].start_pa, 0x1000000);
    CHECK_EQ(bi.modules[0].size_bytes, 0xa3b5c0);
    CHECK(!strcmp(bi.modules[0].cmdline, "/boot/vmlinuz root=/dev/vda1 ro"));
    CHECK_EQ(bi.modules[1].start_pa, 0x1a3c000);
    CHECK_EQ(bi.modules[1].size_bytes, 0x2f00000 - 0x1a3c000);
    CHECK(!strcmp(bi.modules[1].cmdline, "/boot/initrd.img"));
    CHECK_EQ(bi.mem_lower_kib, 639);
    CHECK_EQ(bi.mem_upper_kib, 2096000);
    CHECK_EQ(bi.nr_e820, ARRAY_SIZE(qemu_e820));
    for ( size_t i = 0; i < ARRAY_SIZE(qemu_e820); i++ )
    {
        CHECK_EQ(bi.e820[i].addr, qemu_e820[i][0]);
        CHECK_EQ(bi.e820[i].size, qemu_e820[i][1]);
        CHECK_EQ(bi.e820[i].type, qemu_e820[i][2]);
    }
    CHECK_EQ(bi.rsdp_bytes, 20);
    CHECK(!memcmp(bi.rsdp, qemu_rsdp_v1, 20));
    CHECK(!bi.efi_bs_active && !bi.efi32_seen);
    CHECK_EQ(bi.efi_systab_pa, 0);
    CHECK_EQ(bi.efi_map_bytes, 0);
}

static void t_grub_efi_block_with_boot_services(struct unit_ctx *ctx)
{
    build_grub_efi_bs();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK(!strcmp(bi.cmdline, "/xen.gz dom0_mem=1G"));
    CHECK(!strcmp(bi.loader_name, "GRUB 2.12"));
    CHECK_EQ(bi.nr_modules, 1);
    CHECK_EQ(bi.modules[0].size_bytes, 0x900000);
    CHECK_EQ(bi.efi_systab_pa, 0x7f9ee018);
    CHECK(bi.efi_bs_active);
    CHECK_EQ(bi.efi_image_handle, 0x7e4c3a98);
    CHECK(!bi.have_mb2_load_base);
    CHECK_EQ(bi.nr_e820, 0);
    CHECK_EQ(bi.efi_map_bytes, 0);
}

static void t_every_truncation_is_rejected(struct unit_ctx *ctx)
{
    static struct mbi full;

    build_grub_bios();
    full = m;
    for ( size_t cut = 0; cut < full.len; cut++ )
    {
        /* The block as it claims to be, but fewer bytes readable... */
        CHECK(parse_exact(full.buf, cut, &bi) != MB2_OK);
        /* ...and one that honestly says it is cut short. */
        memcpy(m.buf, full.buf, cut);
        if ( cut >= 4 )
            put32(m.buf, cut);
        CHECK(parse_exact(m.buf, cut, &bi) != MB2_OK);
        CHECK(only_caller_fields(&bi));
    }
}

static void t_bad_total_size_rejected(struct unit_ctx *ctx)
{
    build_grub_bios();
    CHECK_EQ(mb2_parse(NULL, 0, &bi), MB2_INFO_SHORT);
    CHECK_EQ(parse_exact(m.buf, 7, &bi), MB2_INFO_SHORT);
    put32(m.buf, m.len + 8);
    CHECK_EQ(parse_exact(m.buf, m.len, &bi), MB2_TOTAL_OVER_LEN);
    put32(m.buf, UINT32_MAX);
    CHECK_EQ(parse_exact(m.buf, m.len, &bi), MB2_TOTAL_OVER_LEN);
    put32(m.buf, 8);
    CHECK_EQ(parse_exact(m.buf, m.len, &bi), MB2_TOTAL_TOO_SMALL);
    put32(m.buf, 15);
    CHECK_EQ(parse_exact(m.buf, m.len, &bi), MB2_TOTAL_TOO_SMALL);
}

static void t_tag_size_below_8_rejected(struct unit_ctx *ctx)
{
    /* Size 0 would otherwise loop forever on the same tag. */
    CHECK_EQ(parse_one_tag(99, 0, NULL, 0), MB2_TAG_TOO_SMALL);
    CHECK_EQ(parse_one_tag(99, 7, NULL, 0), MB2_TAG_TOO_SMALL);
    mbi_begin();
    mbi_finish();
    put32(m.buf + 12, 4);
    CHECK_EQ(parse_mbi(), MB2_TAG_TOO_SMALL);
}

static void t_tag_overrunning_total_rejected(struct unit_ctx *ctx)
{
    CHECK_EQ(parse_one_tag(99, 8 + 4096, "x", 1), MB2_TAG_OVERRUN);
    CHECK_EQ(parse_one_tag(99, UINT32_MAX, NULL, 0), MB2_TAG_OVERRUN);
    /* Rounding this size up to 8 wraps in 32 bits. */
    CHECK_EQ(parse_one_tag(99, UINT32_MAX - 6, NULL, 0), MB2_TAG_OVERRUN);
    CHECK_EQ(parse_one_tag(MB2_TAG_CMDLINE, UINT32_MAX - 7, "a", 2),
             MB2_TAG_OVERRUN);
}

static void t_missing_or_bad_end_tag_rejected(struct unit_ctx *ctx)
{
    mbi_begin();
    mbi_str(MB2_TAG_CMDLINE, "x");
    put32(m.buf, m.len);
    CHECK_EQ(parse_mbi(), MB2_NO_END_TAG);
    /* total_size stops 4 bytes into the end tag. */
    mbi_begin();
    mbi_str(MB2_TAG_CMDLINE, "x");
    mbi_finish();
    put32(m.buf, m.len - 4);
    CHECK_EQ(parse_mbi(), MB2_NO_END_TAG);
    CHECK_EQ(parse_one_tag(MB2_TAG_END, 16, "12345678", 8),
             MB2_BAD_END_TAG);
    /* A padded last tag leaves no room for the end tag. */
    mbi_begin();
    mbi_tag(99, "abc", 3);
    put32(m.buf, m.len - 2);
    CHECK_EQ(parse_exact(m.buf, m.len - 2, &bi), MB2_NO_END_TAG);
}

static void t_bytes_after_end_tag_ignored(struct unit_ctx *ctx)
{
    mbi_begin();
    mbi_finish();
    mbi_str(MB2_TAG_CMDLINE, "never read");
    put32(m.buf, m.len);
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.cmdline[0], '\0');
    CHECK_EQ(bi.mbi_bytes, m.len);
}

static void t_unterminated_strings_rejected(struct unit_ctx *ctx)
{
    CHECK_EQ(parse_one_tag(MB2_TAG_CMDLINE, 8 + 3, "abc", 3),
             MB2_STRING_UNTERMINATED);
    CHECK_EQ(parse_one_tag(MB2_TAG_CMDLINE, 8, NULL, 0),
             MB2_STRING_UNTERMINATED);
    /* The NUL lies in the padding, outside the tag. */
    CHECK_EQ(parse_one_tag(MB2_TAG_LOADER_NAME, 8 + 4, "GRUB\0", 5),
             MB2_STRING_UNTERMINATED);
    CHECK_EQ(parse_one_tag(MB2_TAG_MODULE, 16 + 2,
                           "\0\0\0\0\0\0\0\0ab", 10),
             MB2_STRING_UNTERMINATED);
    CHECK_EQ(parse_one_tag(MB2_TAG_MODULE, 16, "\0\0\0\0\0\0\0\0", 8),
             MB2_STRING_UNTERMINATED);
}

static void t_strings_longer_than_buffers_rejected(struct unit_ctx *ctx)
{
    static char s[BOOT_CMDLINE_MAX + 1];

    memset(s, 'x', BOOT_CMDLINE_MAX - 1);
    s[BOOT_CMDLINE_MAX - 1] = '\0';
    mbi_begin();
    mbi_str(MB2_TAG_CMDLINE, s);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(strlen(bi.cmdline), BOOT_CMDLINE_MAX - 1);
    s[BOOT_CMDLINE_MAX - 1] = 'x';
    mbi_begin();
    mbi_str(MB2_TAG_CMDLINE, s);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_STRING_TOO_LONG);

    s[BOOT_LOADER_NAME_MAX] = '\0';
    mbi_begin();
    mbi_str(MB2_TAG_LOADER_NAME, s);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_STRING_TOO_LONG);
    memset(s, 'x', BOOT_MODULE_CMDLINE_MAX);
    s[BOOT_MODULE_CMDLINE_MAX] = '\0';
    mbi_begin();
    mbi_module(0, 0, s);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_STRING_TOO_LONG);
}

static void t_module_count_and_range_checked(struct unit_ctx *ctx)
{
    mbi_begin();
    for ( unsigned int i = 0; i < BOOT_MAX_MODULES; i++ )
        mbi_module(i << 20, (i << 20) + i, "m");
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.nr_modules, BOOT_MAX_MODULES);
    /* The first module is empty (end == start), which is allowed. */
    CHECK_EQ(bi.modules[0].size_bytes, 0);
    CHECK_EQ(bi.modules[BOOT_MAX_MODULES - 1].size_bytes,
             BOOT_MAX_MODULES - 1);

    m.len -= 8;
    mbi_module(0, 0, "one too many");
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_TOO_MANY_MODULES);

    mbi_begin();
    mbi_module(0x2000, 0x1fff, "backwards");
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_MODULE_END_BEFORE_START);
}

static void t_mmap_entry_size_checked_and_stepped(struct unit_ctx *ctx)
{
    static const uint32_t bad[] = { 0, 8, 16, 20, 28, 36, 0xFFFFFFFF };

    for ( size_t i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        mbi_begin();
        mbi_mmap(bad[i], NULL, 0);
        mbi_finish();
        CHECK_EQ(parse_mbi(), MB2_MMAP_ENTRY_SIZE);
    }

    /* 32-byte entries (a newer entry version): the tail is not ours. */
    mbi_begin();
    mbi_mmap(32, qemu_e820, ARRAY_SIZE(qemu_e820));
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.nr_e820, ARRAY_SIZE(qemu_e820));
    for ( size_t i = 0; i < ARRAY_SIZE(qemu_e820); i++ )
    {
        CHECK_EQ(bi.e820[i].addr, qemu_e820[i][0]);
        CHECK_EQ(bi.e820[i].size, qemu_e820[i][1]);
        CHECK_EQ(bi.e820[i].type, qemu_e820[i][2]);
    }

    /* A huge but aligned entry size with an empty body is an empty map. */
    mbi_begin();
    mbi_mmap(0xFFFFFFF8, NULL, 0);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.nr_e820, 0);
}

static void t_mmap_partial_or_oversized_rejected(struct unit_ctx *ctx)
{
    uint8_t body[8 + 24];

    mbi_begin();
    mbi_mmap(24, NULL, 2);
    put32(m.buf + 12, 8 + 8 + 40);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_MMAP_PARTIAL_ENTRY);

    /* One 24-byte entry under a huge aligned entry size. */
    memset(body, 0, sizeof(body));
    put32(body, 0xFFFFFFF8);
    CHECK_EQ(parse_one_tag(MB2_TAG_MMAP, 16 + 24, body, 8 + 24),
             MB2_MMAP_PARTIAL_ENTRY);

    mbi_begin();
    mbi_mmap(24, NULL, E820_MAX);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.nr_e820, E820_MAX);
    CHECK_EQ(bi.e820[E820_MAX - 1].addr, (uint64_t)(E820_MAX - 1) << 12);

    mbi_begin();
    mbi_mmap(24, NULL, E820_MAX + 1);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_MMAP_TOO_MANY);
}

static void t_efi_map_desc_size_checked(struct unit_ctx *ctx)
{
    static const uint32_t bad[] = { 0, 8, 32, 36, 44, 0x80000004 };

    for ( size_t i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        mbi_begin();
        mbi_efi_mmap(bad[i], 0);
        mbi_finish();
        CHECK_EQ(parse_mbi(), MB2_EFI_DESC_SIZE);
    }

    mbi_begin();
    mbi_efi_mmap(48, 5);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.efi_desc_bytes, 48);
    CHECK_EQ(bi.efi_desc_version, 1);
    CHECK_EQ(bi.efi_map_bytes, 5 * 48);
    CHECK(!memcmp(bi.efi_map, m.buf + 8 + 16, 5 * 48));
    /* Kept where it is, inside the information block. */
    CHECK_EQ(parse_exact(m.buf, m.len, &bi), MB2_OK);

    mbi_begin();
    mbi_efi_mmap(40, 3);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.efi_map_bytes, 120);
}

static void t_efi_map_partial_or_oversized_rejected(struct unit_ctx *ctx)
{
    mbi_begin();
    mbi_efi_mmap(48, 2);
    put32(m.buf + 12, 16 + 48 + 8);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_EFI_MAP_PARTIAL);

    /* A map of any size the block holds: no longer cut at 64 KiB. */
    mbi_begin();
    mbi_efi_mmap(64, EFI_MAP_BIG / 64);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK_EQ(bi.efi_map_bytes, EFI_MAP_BIG);
    CHECK_EQ(bi.efi_map[EFI_MAP_BIG - 1],
             (uint8_t)((EFI_MAP_BIG - 1) * 7 + 1));
}

static void t_unknown_and_unused_tags_skipped(struct unit_ctx *ctx)
{
    static const uint8_t junk[40] = { 0xff, 0xff, 0xff, 0xff };

    mbi_begin();
    mbi_tag(99, junk, 5);
    mbi_tag(UINT32_MAX, NULL, 0);
    mbi_tag(MB2_TAG_BOOTDEV, junk, 12);
    mbi_tag(MB2_TAG_FRAMEBUFFER, junk, 1);
    mbi_tag(MB2_TAG_ELF_SECTIONS, junk, 0);
    mbi_tag(MB2_TAG_SMBIOS, junk, 33);
    mbi_str(MB2_TAG_CMDLINE, "after the junk");
    mbi_tag(22, junk, 40);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_OK);
    CHECK(!strcmp(bi.cmdline, "after the junk"));
}

static void t_tags_shorter_than_fixed_fields_rejected(struct unit_ctx *ctx)
{
    static const uint8_t z[64];
    static const uint32_t types[] = {
        MB2_TAG_MODULE, MB2_TAG_BASIC_MEMINFO, MB2_TAG_MMAP,
        MB2_TAG_EFI32_SYSTAB, MB2_TAG_EFI64_SYSTAB, MB2_TAG_ACPI_OLD,
        MB2_TAG_ACPI_NEW, MB2_TAG_EFI_MMAP, MB2_TAG_EFI32_IH,
        MB2_TAG_EFI64_IH, MB2_TAG_LOAD_BASE,
    };
    static const uint32_t min_size[] = {
        16, 16, 16, 12, 16, 28, 44, 16, 12, 16, 12,
    };

    for ( size_t i = 0; i < ARRAY_SIZE(types); i++ )
    {
        CHECK_EQ(parse_one_tag(types[i], min_size[i] - 1, z,
                               min_size[i] - 9), MB2_TAG_BODY_SHORT);
        CHECK(parse_one_tag(types[i], min_size[i], z, min_size[i] - 8) !=
              MB2_TAG_BODY_SHORT);
    }
}

static void t_repeated_single_tags_rejected(struct unit_ctx *ctx)
{
    mbi_begin();
    mbi_str(MB2_TAG_CMDLINE, "a");
    mbi_str(MB2_TAG_CMDLINE, "b");
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_DUPLICATE_TAG);

    mbi_begin();
    mbi_tag(MB2_TAG_EFI_BS, NULL, 0);
    mbi_tag(MB2_TAG_EFI_BS, NULL, 0);
    mbi_finish();
    CHECK_EQ(parse_mbi(), MB2_DUPLICATE_TAG);
}

static void t_rsdp_v2_preferred_in_either_order(struct unit_ctx *ctx)
{
    uint8_t v2[36], big[BOOT_RSDP_MAX + 1];

    memset(v2, 0x22, sizeof(v2));
    for ( int v2_first = 0; v2_first < 2; v2_first++ )
    {
        mbi_begin();
        if ( v2_first )
            mbi_tag(MB2_TAG_ACPI_NEW, v2, sizeof(v2));
        mbi_tag(MB2_TAG_ACPI_OLD, qemu_rsdp_v1, sizeof(qemu_rsdp_v1));
        if ( !v2_first )
            mbi_tag(MB2_TAG_ACPI_NEW, v2, sizeof(v2));
        mbi_finish();
        CHECK_EQ(parse_mbi(), MB2_OK);
        CHECK_EQ(bi.rsdp_bytes, 36);
        CHECK(!memcmp(bi.rsdp, v2, sizeof(v2)));
    }

    memset(big, 0x33, sizeof(big));
    CHECK_EQ(parse_one_tag(MB2_TAG_ACPI_NEW, 8 + sizeof(big), big,
                           sizeof(big)), MB2_RSDP_TOO_BIG);
}

static void t_efi32_tags_flagged(struct unit_ctx *ctx)
{
    static const uint8_t z[4];

    CHECK_EQ(parse_one_tag(MB2_TAG_EFI32_SYSTAB, 12, z, 4), MB2_OK);
    CHECK(bi.efi32_seen);
    CHECK_EQ(bi.efi_systab_pa, 0);
    CHECK_EQ(parse_one_tag(MB2_TAG_EFI32_IH, 12, z, 4), MB2_OK);
    CHECK(bi.efi32_seen);
}

static void t_unaligned_block_parses_the_same(struct unit_ctx *ctx)
{
    uint8_t *copy;

    memset(&bi, 0, sizeof(bi));
    memset(&bi2, 0, sizeof(bi2));
    build_grub_bios();
    CHECK_EQ(parse_mbi(), MB2_OK);
    copy = malloc(m.len + 3);
    memcpy(copy + 3, m.buf, m.len);
    CHECK_EQ(mb2_parse(copy + 3, m.len, &bi2), MB2_OK);
    free(copy);
    CHECK(!memcmp(&bi, &bi2, sizeof(bi)));
}

static void t_every_status_has_its_own_text(struct unit_ctx *ctx)
{
    for ( int i = MB2_OK; i <= MB2_SYSTAB_SIGNATURE; i++ )
    {
        const char *s = mb2_strerror(i);

        CHECK(s && *s && strcmp(s, mb2_strerror(-1)));
        for ( int j = MB2_OK; j < i; j++ )
            CHECK(strcmp(s, mb2_strerror(j)));
    }
}

/* Writes EFI descriptor i (40 bytes apart) of type, start, pages. */
static void efi_desc(struct boot_info *b, unsigned int i, uint32_t type,
                     uint64_t start, uint64_t pages)
{
    static uint8_t map[16 * 40];
    uint8_t *d = map + i * 40;

    b->efi_map = map;
    memset(d, 0, 40);
    put32(d, type);
    put64(d + 8, start);
    put64(d + 24, pages);
    b->efi_desc_bytes = 40;
    if ( b->efi_map_bytes < (i + 1) * 40 )
        b->efi_map_bytes = (i + 1) * 40;
}

/*
 * Tag 12's pointer is read under the firmware's page tables before the
 * switch: hostile values are refused by address alone, before any read.
 * The map is shaped like OVMF's: the system table in RuntimeServicesData.
 */
static void t_systab_pointer_checked_before_use(struct unit_ctx *ctx)
{
    const uint64_t tbl = 120;

    memset(&bi, 0, sizeof(bi));
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_NONE);
    bi.efi_systab_pa = 0x1fbee018;
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_OK);      /* no tag 17 */
    bi.efi_systab_pa = 0x1fbee01c;
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_ALIGN);
    bi.efi_systab_pa = 0xdead000000000000ULL;
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_NON_CANONICAL);
    bi.efi_systab_pa = 0xffff800000001000ULL;  /* canonical, upper half */
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_NON_CANONICAL);
    bi.efi_systab_pa = (1ULL << 47) - 64;      /* runs over 2^47 */
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_NON_CANONICAL);
    bi.efi_systab_pa = UINT64_MAX & ~7ULL;
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_NON_CANONICAL);

    /* With tag 17: inside one descriptor, whole. */
    efi_desc(&bi, 0, 7, 0x100000, 0x1f000);           /* conventional */
    efi_desc(&bi, 1, 6, 0x1fbee000, 0x10);            /* runtime data */
    bi.efi_systab_pa = 0x1fbee018;
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_OK);
    bi.efi_systab_pa = 0x1fbfdff8;                    /* runs past it */
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_OUTSIDE_MAP);
    bi.efi_systab_pa = 0x7fff0000;                    /* unmapped hole */
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_OUTSIDE_MAP);
    /* A descriptor claiming pages up to 2^64 does not wrap the check. */
    efi_desc(&bi, 2, 11, 0xfffff00000000000ULL, UINT64_MAX);
    bi.efi_systab_pa = 0x7fff0000;
    CHECK_EQ(mb2_systab_check(&bi, tbl), MB2_SYSTAB_OUTSIDE_MAP);
    CHECK(strcmp(mb2_strerror(MB2_SYSTAB_SIGNATURE), mb2_strerror(-1)));
}

static const struct unit_case mb2_cases[] = {
    { "systab_pointer_checked_before_use",
      t_systab_pointer_checked_before_use },
    { "minimal_block_parses_to_empty_info",
      t_minimal_block_parses_to_empty_info },
    { "caller_fields_survive_success_and_failure",
      t_caller_fields_survive_success_and_failure },
    { "grub_bios_block_fully_decoded", t_grub_bios_block_fully_decoded },
    { "grub_efi_block_with_boot_services",
      t_grub_efi_block_with_boot_services },
    { "every_truncation_is_rejected", t_every_truncation_is_rejected },
    { "bad_total_size_rejected", t_bad_total_size_rejected },
    { "tag_size_below_8_rejected", t_tag_size_below_8_rejected },
    { "tag_overrunning_total_rejected", t_tag_overrunning_total_rejected },
    { "missing_or_bad_end_tag_rejected",
      t_missing_or_bad_end_tag_rejected },
    { "bytes_after_end_tag_ignored", t_bytes_after_end_tag_ignored },
    { "unterminated_strings_rejected", t_unterminated_strings_rejected },
    { "strings_longer_than_buffers_rejected",
      t_strings_longer_than_buffers_rejected },
    { "module_count_and_range_checked", t_module_count_and_range_checked },
    { "mmap_entry_size_checked_and_stepped",
      t_mmap_entry_size_checked_and_stepped },
    { "mmap_partial_or_oversized_rejected",
      t_mmap_partial_or_oversized_rejected },
    { "efi_map_desc_size_checked", t_efi_map_desc_size_checked },
    { "efi_map_partial_or_oversized_rejected",
      t_efi_map_partial_or_oversized_rejected },
    { "unknown_and_unused_tags_skipped", t_unknown_and_unused_tags_skipped },
    { "tags_shorter_than_fixed_fields_rejected",
      t_tags_shorter_than_fixed_fields_rejected },
    { "repeated_single_tags_rejected", t_repeated_single_tags_rejected },
    { "rsdp_v2_preferred_in_either_order",
      t_rsdp_v2_preferred_in_either_order },
    { "efi32_tags_flagged", t_efi32_tags_flagged },
    { "unaligned_block_parses_the_same", t_unaligned_block_parses_the_same },
    { "every_status_has_its_own_text", t_every_status_has_its_own_text },
};

UNIT_SUITE(mb2, mb2_cases)
