/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/guestmem.c: range checks at every edge Xen's PV
 * ABI draws, and walks through a small fake guest machine whose L4, L3,
 * L2 and L1 tables are pages 0-3 and whose data frames are pages 4-7.
 */
#include <string.h>

#include <xen/guestmem.h>

#include "unit.h"

#define PG      4096ULL
#define BASE    0x10000000ULL
#define P       0x1ULL
#define RW      0x2ULL
#define US      0x4ULL
#define PSE     0x80ULL
#define KVA     0xffffffff80000000ULL

static uint64_t mem[8][512];
static unsigned int tables = 0x0f, owned = 0xf0;

static bool t_read_pte(void *ctx, uint64_t table_pa, unsigned int idx,
                       uint64_t *pte)
{
    uint64_t page = (table_pa - BASE) / PG;

    if ( table_pa < BASE || page >= 8 || !(tables & (1u << page)) )
        return false;
    *pte = mem[page][idx];
    return true;
}

static void *t_frame(void *ctx, uint64_t pa, bool write)
{
    uint64_t page = (pa - BASE) / PG;

    if ( pa < BASE || page >= 8 || !(owned & (1u << page)) ||
         (write && (tables & (1u << page))) )
        return NULL;
    return mem[page];
}

static const struct guestmem_ops ops = { t_read_pte, t_frame };

static unsigned int ix(uint64_t va, unsigned int level)
{
    return (va >> (12 + 9 * (level - 1))) & 511;
}

/* Maps KVA -> page 4 and KVA + 4 KiB -> page 5 (leaf flags as given). */
static void setup(uint64_t leaf4, uint64_t leaf5)
{
    memset(mem, 0, sizeof(mem));
    tables = 0x0f;
    owned = 0xf0;
    mem[0][ix(KVA, 4)] = (BASE + 1 * PG) | P | RW | US;
    mem[1][ix(KVA, 3)] = (BASE + 2 * PG) | P | RW | US;
    mem[2][ix(KVA, 2)] = (BASE + 3 * PG) | P | RW | US;
    mem[3][ix(KVA, 1)] = (BASE + 4 * PG) | leaf4;
    mem[3][ix(KVA, 1) + 1] = (BASE + 5 * PG) | leaf5;
}

static enum guestmem_status copy(uint64_t va, void *buf, size_t len,
                                 bool to_guest)
{
    return guestmem_copy(&ops, NULL, BASE, va, buf, len, to_guest);
}

static void range_edges(struct unit_ctx *ctx)
{
    CHECK_EQ(guestmem_check_range(0, 4096), GUESTMEM_OK);
    CHECK_EQ(guestmem_check_range(0x00007ffffffff000ULL, 4096), GUESTMEM_OK);
    CHECK_EQ(guestmem_check_range(0x00007ffffffff000ULL, 4097),
             GUESTMEM_ERR_NONCANONICAL);
    CHECK_EQ(guestmem_check_range(0x0000800000000000ULL, 1),
             GUESTMEM_ERR_NONCANONICAL);
    CHECK_EQ(guestmem_check_range(0xffff7fffffffffffULL, 1),
             GUESTMEM_ERR_NONCANONICAL);
    CHECK_EQ(guestmem_check_range(0xffff800000000000ULL, 1),
             GUESTMEM_ERR_HYPERVISOR);
    CHECK_EQ(guestmem_check_range(0xffff82d040200000ULL, 8),
             GUESTMEM_ERR_HYPERVISOR);
    CHECK_EQ(guestmem_check_range(0xffff87fffffffff8ULL, 16),
             GUESTMEM_ERR_HYPERVISOR);
    CHECK_EQ(guestmem_check_range(0xffff880000000000ULL, 16), GUESTMEM_OK);
    CHECK_EQ(guestmem_check_range(0xfffffffffffffff8ULL, 8), GUESTMEM_OK);
    CHECK_EQ(guestmem_check_range(0xfffffffffffffff8ULL, 9),
             GUESTMEM_ERR_WRAP);
    CHECK_EQ(guestmem_check_range(0, GUESTMEM_MAX_COPY + 1),
             GUESTMEM_ERR_TOO_BIG);
    CHECK_EQ(guestmem_check_range(0xffff800000000000ULL, 0),
             GUESTMEM_ERR_HYPERVISOR);
}

static void copies_round_trip(struct unit_ctx *ctx)
{
    char out[100], in[100];

    setup(P | RW | US, P | RW | US);
    for ( unsigned int i = 0; i < sizeof(out); i++ )
        out[i] = (char)i;
    /* Straddles the two pages. */
    CHECK_EQ(copy(KVA + 4050, out, sizeof(out), true), GUESTMEM_OK);
    CHECK_EQ(copy(KVA + 4050, in, sizeof(in), false), GUESTMEM_OK);
    CHECK(!memcmp(in, out, sizeof(in)));
    CHECK_EQ(((uint8_t *)mem[5])[4050 + 99 - 4096], 99);
}

static void straddle_into_unmapped_changes_nothing(struct unit_ctx *ctx)
{
    char out[100];

    setup(P | RW | US, 0);
    memset(out, 0x55, sizeof(out));
    CHECK_EQ(copy(KVA + 4050, out, sizeof(out), true),
             GUESTMEM_ERR_NOT_PRESENT);
    CHECK_EQ(((uint8_t *)mem[4])[4050], 0);
}

static void permissions(struct unit_ctx *ctx)
{
    uint64_t v = 1, pa;

    setup(P | US, P | RW);
    CHECK_EQ(copy(KVA, &v, 8, false), GUESTMEM_OK);
    CHECK_EQ(copy(KVA, &v, 8, true), GUESTMEM_ERR_READ_ONLY);
    CHECK_EQ(copy(KVA + PG, &v, 8, false), GUESTMEM_ERR_NOT_USER);
    mem[1][ix(KVA, 3)] &= ~US;
    CHECK_EQ(guestmem_translate(&ops, NULL, BASE, KVA, false, &pa),
             GUESTMEM_ERR_NOT_USER);
}

static void frames_and_tables_must_be_the_guests(struct unit_ctx *ctx)
{
    uint64_t v = 0;

    setup(P | RW | US, P | RW | US);
    owned = 0xe0;
    CHECK_EQ(copy(KVA, &v, 8, false), GUESTMEM_ERR_FRAME);
    owned = 0xf0;
    tables = 0x07;
    CHECK_EQ(copy(KVA, &v, 8, false), GUESTMEM_ERR_TABLE);
    /* A page-table frame mapped writable is still never written. */
    setup(P | RW | US, P | RW | US);
    mem[3][ix(KVA, 1)] = (BASE + 3 * PG) | P | RW | US;
    owned = 0xff;
    CHECK_EQ(copy(KVA, &v, 8, false), GUESTMEM_OK);
    CHECK_EQ(copy(KVA, &v, 8, true), GUESTMEM_ERR_FRAME);
}

static void large_pages(struct unit_ctx *ctx)
{
    uint64_t pa;

    setup(0, 0);
    mem[2][ix(KVA, 2)] = 0x40000000ULL | P | US | PSE;
    CHECK_EQ(guestmem_translate(&ops, NULL, BASE, KVA + 0x12345, false, &pa),
             GUESTMEM_OK);
    CHECK_EQ(pa, 0x40012345ULL);
    mem[2][ix(KVA, 2)] = 0x40002000ULL | P | US | PSE;
    CHECK_EQ(guestmem_translate(&ops, NULL, BASE, KVA, false, &pa),
             GUESTMEM_ERR_RESERVED);
    mem[0][ix(KVA, 4)] |= PSE;
    CHECK_EQ(guestmem_translate(&ops, NULL, BASE, KVA, false, &pa),
             GUESTMEM_ERR_RESERVED);
}

static void hypervisor_addresses_are_never_walked(struct unit_ctx *ctx)
{
    uint64_t v, pa;

    setup(P | RW | US, P | RW | US);
    mem[0][ix(0xffff82d040200000ULL, 4)] = (BASE + 1 * PG) | P | RW | US;
    CHECK_EQ(guestmem_translate(&ops, NULL, BASE, 0xffff82d040200000ULL,
                                false, &pa), GUESTMEM_ERR_HYPERVISOR);
    CHECK_EQ(copy(0xffff830000000000ULL, &v, 8, false),
             GUESTMEM_ERR_HYPERVISOR);
}

static const struct unit_case guestmem_cases[] = {
    { "range_edges", range_edges },
    { "copies_round_trip", copies_round_trip },
    { "straddle_into_unmapped_changes_nothing",
      straddle_into_unmapped_changes_nothing },
    { "permissions", permissions },
    { "frames_and_tables_must_be_the_guests",
      frames_and_tables_must_be_the_guests },
    { "large_pages", large_pages },
    { "hypervisor_addresses_are_never_walked",
      hypervisor_addresses_are_never_walked },
};

UNIT_SUITE(guestmem, guestmem_cases)
