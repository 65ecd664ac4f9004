/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for arch/x86/lib/pvpt.c: page types and references of a PV guest's
 * page tables (pin, unpin, writes, the writable-mapping rule, rollback).
 * The guest is NR_FRAMES pages of host memory; its machine frame numbers
 * are frame + MFN_BASE. Foreign frames: below 0x100 allowed, writable
 * entries forced read-only (like low memory), anything else refused
 * (like the hypervisor's RAM).
 */
#include <string.h>

#include <public/errno.h>
#include <xen/pvpt.h>

#include "unit.h"

#define NR_FRAMES   16
#define MFN_BASE    0x1000ULL
#define P           0x001ULL
#define RW          0x002ULL
#define US          0x004ULL
#define PSE         0x080ULL
#define HV_FIRST    256
#define HV_END      272
#define HV_MARK     0xabc000ULL

struct fake {
    uint64_t mem[NR_FRAMES][PVPT_ENTRIES];
    uint8_t level[NR_FRAMES], pinned[NR_FRAMES];
    uint32_t tref[NR_FRAMES], wcount[NR_FRAMES], mcount[NR_FRAMES];
    struct pvpt_dom d;
};

static uint64_t *fake_table(void *ctx, uint64_t frame)
{
    return ((struct fake *)ctx)->mem[frame];
}

static bool fake_frame_of(void *ctx, uint64_t mfn, uint64_t *frame)
{
    if ( mfn < MFN_BASE || mfn >= MFN_BASE + NR_FRAMES )
        return false;
    *frame = mfn - MFN_BASE;
    return true;
}

static long fake_foreign(void *ctx, uint64_t val)
{
    uint64_t mfn = (val & 0x000ffffffffff000ULL) >> 12;

    if ( mfn < 0x100 )
        return (val & RW) ? 1 : 0;      /* read-only, forced */
    return -XEN_EPERM;
}

static void fake_fill(void *ctx, uint64_t *l4)
{
    for ( unsigned int i = HV_FIRST; i < HV_END; i++ )
        l4[i] = HV_MARK | P;
}

static struct fake *fake_new(void)
{
    static struct fake f;

    memset(&f, 0, sizeof(f));
    f.d = (struct pvpt_dom){
        .nr_frames = NR_FRAMES, .level = f.level, .pinned = f.pinned,
        .tref = f.tref, .wcount = f.wcount, .mcount = f.mcount,
        .hv_first = HV_FIRST,
        .hv_end = HV_END, .ctx = &f, .table = fake_table,
        .frame_of = fake_frame_of, .foreign_l1e = fake_foreign,
        .fill_hv_slots = fake_fill };
    return &f;
}

/* An entry naming guest frame n. */
static uint64_t ent(unsigned int n, uint64_t flags)
{
    return ((MFN_BASE + n) << 12) | flags;
}

/* L4 (0) -> L3 (1) -> L2 (2) -> L1 (3) -> data 4 writable, 5 read-only. */
static struct fake *tree(void)
{
    struct fake *f = fake_new();

    f->mem[0][1] = ent(1, P | RW);
    f->mem[1][2] = ent(2, P | RW);
    f->mem[2][3] = ent(3, P | RW);
    f->mem[3][0] = ent(4, P | RW);
    f->mem[3][1] = ent(5, P);
    f->mem[3][2] = (0x10ULL << 12) | P;     /* foreign, read-only */
    f->mem[0][HV_FIRST] = ent(9, P | RW);   /* guest junk in our slot */
    return f;
}

static bool untouched(struct fake *f)
{
    for ( unsigned int i = 0; i < NR_FRAMES; i++ )
        if ( f->level[i] || f->tref[i] || f->wcount[i] || f->pinned[i] ||
             f->mcount[i] )
            return false;
    return true;
}

static void pin_l4_types_the_tree(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
    CHECK_EQ(f->level[0], 4);
    CHECK_EQ(f->level[1], 3);
    CHECK_EQ(f->level[2], 2);
    CHECK_EQ(f->level[3], 1);
    CHECK_EQ(f->level[4], 0);
    CHECK_EQ(f->wcount[4], 1);
    CHECK_EQ(f->wcount[5], 0);
    CHECK_EQ(f->tref[0], 1);
    CHECK(f->pinned[0]);
    /* Our slots are ours; every guest entry gets the user bit. */
    CHECK_EQ(f->mem[0][HV_FIRST], HV_MARK | P);
    CHECK(f->mem[0][1] & US);
    CHECK(f->mem[3][0] & US);
    CHECK_EQ(f->level[9], 0);
}

static void unpin_releases_everything(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
    CHECK_EQ(pvpt_unpin(&f->d, 0), 0);
    CHECK(untouched(f));
    CHECK_EQ(f->mem[0][HV_FIRST], 0);       /* our entries do not stay */
    CHECK_EQ(pvpt_unpin(&f->d, 0), -XEN_EINVAL);
}

static void pinned_twice_or_at_two_levels(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), -XEN_EINVAL);
    CHECK_EQ(pvpt_pin(&f->d, 2, 3), -XEN_EINVAL);  /* an L2 already */
    CHECK_EQ(pvpt_pin(&f->d, 2, 2), 0);            /* referenced, not pinned */
    CHECK_EQ(f->tref[2], 2);
    CHECK_EQ(pvpt_unpin(&f->d, 0), 0);
    /* The L2 stays typed while pinned, with its L1. */
    CHECK_EQ(f->level[2], 2);
    CHECK_EQ(f->level[3], 1);
    CHECK_EQ(f->level[1], 0);
    CHECK_EQ(pvpt_unpin(&f->d, 2), 0);
    CHECK(untouched(f));
}

static void shared_l1_has_two_references(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    f->mem[2][7] = ent(3, P | RW);
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
    CHECK_EQ(f->tref[3], 2);
    CHECK_EQ(f->wcount[4], 1);              /* counted once per entry */
    CHECK_EQ(pvpt_unpin(&f->d, 0), 0);
    CHECK(untouched(f));
}

/* Every mapping counts, read-only too (XENMEM_exchange's "unmapped"). */
static void every_mapping_counted(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    f->mem[3][4] = ent(4, P);               /* frame 4 again, read-only */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
    CHECK_EQ(f->mcount[4], 2);
    CHECK_EQ(f->wcount[4], 1);
    CHECK_EQ(f->mcount[5], 1);
    CHECK_EQ(pvpt_write(&f->d, 3, 4, 0, false), 0);
    CHECK_EQ(f->mcount[4], 1);
    CHECK_EQ(pvpt_write(&f->d, 3, 1, ent(4, P), false), 0);
    CHECK_EQ(f->mcount[4], 2);
    CHECK_EQ(f->mcount[5], 0);
    CHECK_EQ(pvpt_unpin(&f->d, 0), 0);
    CHECK(untouched(f));
}

static void writable_mapping_of_a_table_refused(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    f->mem[3][3] = ent(1, P | RW);          /* the L3, writable */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), -XEN_EINVAL);
    CHECK(untouched(f));
    f->mem[3][3] = ent(1, P);               /* read-only is fine */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
}

static void table_mapped_writable_elsewhere_refused(struct unit_ctx *ctx)
{
    struct fake *f = fake_new();

    f->mem[6][0] = ent(7, P | RW);          /* L1 6 maps frame 7 writable */
    CHECK_EQ(pvpt_pin(&f->d, 6, 1), 0);
    CHECK_EQ(f->wcount[7], 1);
    CHECK_EQ(pvpt_pin(&f->d, 7, 1), -XEN_EINVAL);
    CHECK_EQ(pvpt_write(&f->d, 6, 0, ent(7, P), false), 0);
    CHECK_EQ(f->wcount[7], 0);
    CHECK_EQ(pvpt_pin(&f->d, 7, 1), 0);
}

static void loops_and_wrong_levels_refused(struct unit_ctx *ctx)
{
    struct fake *f = fake_new();

    f->mem[0][0] = ent(0, P | RW);          /* L4 names itself */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), -XEN_EINVAL);
    CHECK(untouched(f));
    f = tree();
    f->mem[2][9] = ent(1, P | RW);          /* L2 names the L3 */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), -XEN_EINVAL);
    CHECK(untouched(f));
}

static void superpage_and_foreign_links_refused(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    f->mem[2][5] = ent(6, P | RW | PSE);
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), -XEN_EINVAL);
    CHECK(untouched(f));
    f = tree();
    f->mem[1][5] = (0x10ULL << 12) | P;     /* an L3 entry off-domain */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), -XEN_EINVAL);
    CHECK(untouched(f));
    f = tree();
    f->mem[3][5] = (0x500ULL << 12) | P;    /* foreign RAM in an L1 */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), -XEN_EINVAL);
    CHECK(untouched(f));
}

static void failure_late_in_the_tree_rolls_back(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    /* A second, bad L3 after the good one: all of the first undone. */
    f->mem[0][5] = ent(8, P | RW);
    f->mem[8][0] = ent(10, P | RW);
    f->mem[10][0] = ent(11, P | RW);
    f->mem[11][0] = ent(0, P | RW);         /* the L4, writable */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), -XEN_EINVAL);
    CHECK(untouched(f));
}

static void writes_move_references(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
    /* A new L1 linked by an L2 write is validated and typed. */
    f->mem[12][0] = ent(13, P | RW);
    CHECK_EQ(pvpt_write(&f->d, 2, 4, ent(12, P | RW), false), 0);
    CHECK_EQ(f->level[12], 1);
    CHECK_EQ(f->wcount[13], 1);
    /* Replacing it drops the old one's type and counts. */
    CHECK_EQ(pvpt_write(&f->d, 2, 4, 0, false), 0);
    CHECK_EQ(f->level[12], 0);
    CHECK_EQ(f->wcount[13], 0);
    /* A table at the wrong level (EINVAL), a writable table, our slot. */
    CHECK_EQ(pvpt_write(&f->d, 2, 4, ent(1, P), false), -XEN_EINVAL);
    /* The same level (a linear page table): EINVAL, as Xen without it. */
    CHECK_EQ(pvpt_write(&f->d, 0, 8, ent(0, P), false), -XEN_EINVAL);
    CHECK_EQ(pvpt_write(&f->d, 3, 9, ent(2, P | RW), false), -XEN_EPERM);
    CHECK_EQ(pvpt_write(&f->d, 0, HV_FIRST + 3, 0, false), -XEN_EPERM);
    CHECK_EQ(pvpt_write(&f->d, 3, 9, ent(2, P), false), 0);
    /* Not a table: EINVAL; an index past the page: EINVAL. */
    CHECK_EQ(pvpt_write(&f->d, 4, 0, 0, false), -XEN_EINVAL);
    CHECK_EQ(pvpt_write(&f->d, 3, PVPT_ENTRIES, 0, false), -XEN_EINVAL);
    CHECK_EQ(pvpt_unpin(&f->d, 0), 0);
    CHECK(untouched(f));
}

static void accessed_dirty_kept_on_request(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    f->mem[3][0] |= 0x060;                  /* accessed, dirty */
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
    CHECK_EQ(pvpt_write(&f->d, 3, 0, ent(4, P), true), 0);
    CHECK_EQ(f->mem[3][0], ent(4, P | US | 0x060));
    CHECK_EQ(f->wcount[4], 0);
}

static void read_only_ranges_lose_rw(struct unit_ctx *ctx)
{
    struct fake *f = tree();

    f->mem[3][7] = (0x20ULL << 12) | P | RW;
    CHECK_EQ(pvpt_pin(&f->d, 0, 4), 0);
    CHECK_EQ(f->mem[3][7], (0x20ULL << 12) | P | US);
    CHECK_EQ(pvpt_write(&f->d, 3, 8, (0x30ULL << 12) | P | RW, false), 0);
    CHECK_EQ(f->mem[3][8], (0x30ULL << 12) | P | US);
    CHECK_EQ(pvpt_check_l1e(&f->d, (0x30ULL << 12) | P | RW), 1);
    CHECK_EQ(pvpt_check_l1e(&f->d, (0x30ULL << 12) | P), 0);
}

/* The writable count stops short of wrapping; hypervisor references. */
static void writable_count_never_wraps(struct unit_ctx *ctx)
{
    struct fake *f = fake_new();

    f->wcount[7] = PVPT_WCOUNT_MAX - 1;
    f->mem[6][0] = ent(7, P | RW);
    CHECK_EQ(pvpt_pin(&f->d, 6, 1), 0);
    CHECK_EQ(f->wcount[7], PVPT_WCOUNT_MAX);
    CHECK_EQ(pvpt_write(&f->d, 6, 1, ent(7, P | RW), false), -XEN_EINVAL);
    CHECK_EQ(pvpt_get_writable(&f->d, 7), -XEN_EINVAL);
    CHECK_EQ(f->wcount[7], PVPT_WCOUNT_MAX);
    /* A read-only entry is fine, it takes no writable reference. */
    CHECK_EQ(pvpt_write(&f->d, 6, 1, ent(7, P), false), 0);
    /* A whole L1 of writable entries to one frame fits below the cap. */
    f->wcount[8] = PVPT_WCOUNT_MAX - 1;
    for ( unsigned int i = 0; i < PVPT_ENTRIES; i++ )
        f->mem[9][i] = ent(8, P | RW);
    CHECK_EQ(pvpt_pin(&f->d, 9, 1), 0);
    CHECK(f->wcount[8] == PVPT_WCOUNT_MAX - 1 + PVPT_ENTRIES);
    CHECK(f->wcount[8] > PVPT_WCOUNT_MAX);
    CHECK_EQ(pvpt_unpin(&f->d, 9), 0);
    CHECK_EQ(f->wcount[8], PVPT_WCOUNT_MAX - 1);
}

static void hypervisor_reference_keeps_frame_untyped(struct unit_ctx *ctx)
{
    struct fake *f = fake_new();

    CHECK_EQ(pvpt_get_writable(&f->d, 5), 0);
    CHECK_EQ(pvpt_pin(&f->d, 5, 1), -XEN_EINVAL);
    f->mem[2][3] = ent(5, P | RW);          /* an L2 linking it as an L1 */
    CHECK_EQ(pvpt_pin(&f->d, 2, 2), -XEN_EINVAL);
    CHECK(f->level[2] == 0 && f->level[5] == 0);
    pvpt_put_writable(&f->d, 5);
    CHECK_EQ(f->wcount[5], 0);
    CHECK_EQ(pvpt_pin(&f->d, 5, 1), 0);
    /* A table cannot be taken writable; out of range neither. */
    CHECK_EQ(pvpt_get_writable(&f->d, 5), -XEN_EINVAL);
    CHECK_EQ(pvpt_get_writable(&f->d, NR_FRAMES), -XEN_EINVAL);
    pvpt_put_writable(&f->d, 5);            /* none held: nothing drops */
    CHECK_EQ(f->wcount[5], 0);
}

static const struct unit_case pvpt_cases[] = {
    { "writable_count_never_wraps", writable_count_never_wraps },
    { "hypervisor_reference_keeps_frame_untyped",
      hypervisor_reference_keeps_frame_untyped },
    { "read_only_ranges_lose_rw", read_only_ranges_lose_rw },
    { "pin_l4_types_the_tree", pin_l4_types_the_tree },
    { "unpin_releases_everything", unpin_releases_everything },
    { "pinned_twice_or_at_two_levels", pinned_twice_or_at_two_levels },
    { "shared_l1_has_two_references", shared_l1_has_two_references },
    { "writable_mapping_of_a_table_refused",
      writable_mapping_of_a_table_refused },
    { "table_mapped_writable_elsewhere_refused",
      table_mapped_writable_elsewhere_refused },
    { "loops_and_wrong_levels_refused", loops_and_wrong_levels_refused },
    { "superpage_and_foreign_links_refused",
      superpage_and_foreign_links_refused },
    { "failure_late_in_the_tree_rolls_back",
      failure_late_in_the_tree_rolls_back },
    { "writes_move_references", writes_move_references },
    { "accessed_dirty_kept_on_request", accessed_dirty_kept_on_request },
    { "every_mapping_counted", every_mapping_counted },
};

UNIT_SUITE(pvpt, pvpt_cases)
