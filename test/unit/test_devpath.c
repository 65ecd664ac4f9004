/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Device-path file names (lib/efi/devpath.c). Paths are built node by node
 * as firmware lays them out: OVMF's removable-media boot path is an ACPI
 * node, a PCI node, a SATA node, a hard-drive node, one file-path node and
 * the end node; the UEFI shell splits directories over several file-path
 * nodes on some firmware.
 */
#include <stdlib.h>
#include <string.h>

#include <xen/devpath.h>
#include <xen/efimap.h>

#include "unit.h"

struct dp {
    unsigned char b[512];
    size_t n;
};

static void node(struct dp *d, unsigned char type, unsigned char sub,
                 const void *body, size_t body_len)
{
    size_t len = 4 + body_len;

    d->b[d->n] = type;
    d->b[d->n + 1] = sub;
    d->b[d->n + 2] = len & 0xff;
    d->b[d->n + 3] = len >> 8;
    if ( body_len )
        memcpy(d->b + d->n + 4, body, body_len);
    d->n += len;
}

/* A file-path node holding name as UCS-2 with its NUL. */
static void file(struct dp *d, const char *name)
{
    unsigned char u[256];
    size_t i;

    for ( i = 0; name[i]; i++ )
    {
        u[2 * i] = (unsigned char)name[i];
        u[2 * i + 1] = 0;
    }
    u[2 * i] = u[2 * i + 1] = 0;
    node(d, DEVPATH_TYPE_MEDIA, DEVPATH_SUBTYPE_FILE, u, 2 * i + 2);
}

static void end(struct dp *d)
{
    node(d, DEVPATH_TYPE_END, DEVPATH_SUBTYPE_END_ALL, NULL, 0);
}

static void ovmf_prefix(struct dp *d)
{
    static const unsigned char acpi[8] = { 0xd0, 0x41, 0x03, 0x0a };
    static const unsigned char pci[2] = { 0, 0x1f };
    static const unsigned char hd[38] = { 1 };

    node(d, 2, 1, acpi, sizeof(acpi));
    node(d, 1, 1, pci, sizeof(pci));
    node(d, 4, 1, hd, sizeof(hd));
}

/* Runs the parser on an exact-size heap copy, so ASan sees overreads. */
static enum devpath_status parse(const struct dp *d, char *out, size_t len)
{
    unsigned char *copy = malloc(d->n ? d->n : 1);
    enum devpath_status st;

    memcpy(copy, d->b, d->n);
    st = devpath_file_path(copy, d->n, out, len);
    free(copy);
    return st;
}

static void ovmf_boot_path(struct unit_ctx *ctx)
{
    struct dp d = { .n = 0 };
    char out[64];

    ovmf_prefix(&d);
    file(&d, "\\EFI\\BOOT\\BOOTX64.EFI");
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_OK);
    CHECK(!strcmp(out, "\\EFI\\BOOT\\BOOTX64.EFI"));
}

static void split_nodes_join_with_one_separator(struct unit_ctx *ctx)
{
    struct dp d = { .n = 0 };
    char out[64];

    file(&d, "\\EFI");          /* no '\' on either side: one added */
    file(&d, "xen\\");          /* trailing '\' ... */
    file(&d, "\\xen.efi");      /* ... and a leading one: only one kept */
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_OK);
    CHECK(!strcmp(out, "\\EFI\\xen\\xen.efi"));
}

static void end_of_instance_stops_the_walk(struct unit_ctx *ctx)
{
    struct dp d = { .n = 0 };
    char out[64];

    file(&d, "\\a.efi");
    node(&d, DEVPATH_TYPE_END, 0x01, NULL, 0);
    file(&d, "\\b.efi");
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_OK);
    CHECK(!strcmp(out, "\\a.efi"));
}

static void failures_each_have_a_status(struct unit_ctx *ctx)
{
    struct dp d;
    char out[16];
    unsigned char odd[3] = { 'a', 0, 'b' }, bad[4] = { 0xe9, 0, 0, 0 };

    d.n = 0;
    ovmf_prefix(&d);
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_NO_FILE);

    d.n = 0;
    file(&d, "\\x");
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_SHORT);   /* no end */

    d.n = 0;
    file(&d, "\\x");
    node(&d, 1, 1, NULL, 0);
    d.b[d.n - 2] = 3;                       /* length 3 < head */
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_BAD_LENGTH);

    d.n = 0;
    node(&d, DEVPATH_TYPE_MEDIA, DEVPATH_SUBTYPE_FILE, odd, sizeof(odd));
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_ODD_NAME);

    d.n = 0;
    node(&d, DEVPATH_TYPE_MEDIA, DEVPATH_SUBTYPE_FILE, bad, sizeof(bad));
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_NON_ASCII);

    d.n = 0;
    file(&d, "\\a-name-of-sixteen");
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_TOO_LONG);
    CHECK_EQ(parse(&d, out, 0), DEVPATH_TOO_LONG);

    d.n = 0;
    for ( unsigned int i = 0; i < DEVPATH_MAX_NODES; i++ )
        node(&d, 1, 1, NULL, 0);
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_NO_END);
}

static void truncation_at_every_byte_is_refused(struct unit_ctx *ctx)
{
    struct dp d = { .n = 0 }, cut;
    char out[64];

    ovmf_prefix(&d);
    file(&d, "\\EFI\\BOOT\\BOOTX64.EFI");
    end(&d);
    for ( size_t n = 0; n < d.n; n++ )
    {
        cut = d;
        cut.n = n;
        CHECK(parse(&cut, out, sizeof(out)) != DEVPATH_OK);
    }
}

static void output_fits_exactly(struct unit_ctx *ctx)
{
    struct dp d = { .n = 0 };
    char out[6];

    file(&d, "\\abcd");
    end(&d);
    CHECK_EQ(parse(&d, out, sizeof(out)), DEVPATH_OK);    /* 5 + NUL */
    CHECK(!strcmp(out, "\\abcd"));
    CHECK_EQ(parse(&d, out, 5), DEVPATH_TOO_LONG);
}

static struct efimap_entry map_ent(uint64_t start, uint64_t pages)
{
    return (struct efimap_entry){ .start_pa = start, .nr_pages = pages,
                                  .type = EFIMAP_TYPE_CONVENTIONAL };
}

static void readable_bytes_end_at_the_map_entry(struct unit_ctx *ctx)
{
    const struct efimap_entry map[] = {
        map_ent(0x1000, 2),
        map_ent(0x100000, 0x100),
        map_ent(0xfffffffffff00000ULL, 0x100),      /* ends at 2^64 */
    };

    CHECK_EQ(devpath_readable_bytes(map, 3, 0x1ff4, 8192), 0x1000 + 12);
    CHECK_EQ(devpath_readable_bytes(map, 3, 0x2ff4, 8192), 12);
    CHECK_EQ(devpath_readable_bytes(map, 3, 0x2ff4, 5), 5);
    CHECK_EQ(devpath_readable_bytes(map, 3, 0x3000, 8192), 0);  /* hole */
    CHECK_EQ(devpath_readable_bytes(map, 3, 0x800, 8192), 0);
    CHECK_EQ(devpath_readable_bytes(map, 3, 0x100010, 8192), 8192);
    CHECK_EQ(devpath_readable_bytes(map, 3, UINT64_MAX - 9, 8192), 10);
    CHECK_EQ(devpath_readable_bytes(map, 3, 0xfffffffffff00000ULL, 8192),
             8192);
    CHECK_EQ(devpath_readable_bytes(map, 0, 0x1000, 8192), 0);
    /* The whole address space in one entry. */
    {
        const struct efimap_entry all = map_ent(0, 1ULL << 52);

        CHECK_EQ(devpath_readable_bytes(&all, 1, 0, 8192), 8192);
        CHECK_EQ(devpath_readable_bytes(&all, 1, UINT64_MAX, 8192), 1);
    }
}

/*
 * A path with no end node in the last bytes of the firmware's allocation
 * (here: the last 12 bytes of an 8 KiB heap block that the map describes)
 * is refused, and ASan proves nothing past the block was read. Bounding
 * the read by "the end of the next page" instead reads past it.
 */
static void path_without_end_node_stays_inside_its_entry(struct unit_ctx *ctx)
{
    struct dp d = { .n = 0 };
    unsigned char *block = aligned_alloc(4096, 8192);
    struct efimap_entry e;
    unsigned char *at;
    size_t bytes;
    char out[64];

    file(&d, "EFI");                           /* 12 bytes, no end */
    at = block + 8192 - d.n;
    memcpy(at, d.b, d.n);
    e = map_ent((uintptr_t)block, 2);
    bytes = devpath_readable_bytes(&e, 1, (uintptr_t)at,
                                   2 * 4096 - ((uintptr_t)at & 4095));
    CHECK_EQ(bytes, d.n);
    CHECK_EQ(devpath_file_path(at, bytes, out, sizeof(out)), DEVPATH_SHORT);
    free(block);
}

static const struct unit_case cases[] = {
    { "ovmf_boot_path", ovmf_boot_path },
    { "split_nodes_join_with_one_separator",
      split_nodes_join_with_one_separator },
    { "end_of_instance_stops_the_walk", end_of_instance_stops_the_walk },
    { "failures_each_have_a_status", failures_each_have_a_status },
    { "truncation_at_every_byte_is_refused",
      truncation_at_every_byte_is_refused },
    { "output_fits_exactly", output_fits_exactly },
    { "readable_bytes_end_at_the_map_entry",
      readable_bytes_end_at_the_map_entry },
    { "path_without_end_node_stays_inside_its_entry",
      path_without_end_node_stays_inside_its_entry },
};
UNIT_SUITE(devpath, cases);
