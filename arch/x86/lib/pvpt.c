/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page types of a PV guest's frames (rules in include/xen/pvpt.h). Pure:
 * the tables are reached through the caller's callbacks, the counters are
 * the caller's arrays.
 *
 * Typing is depth first and undone on failure: a frame is given its level
 * before its entries are checked, so a table that links back to itself or
 * to an ancestor meets a frame typed at another level and fails (levels
 * only go down, so there is no cycle to follow).
 */
#include <public/errno.h>
#include <xen/pvpt.h>

#define PT_PRESENT      0x001ULL
#define PT_RW           0x002ULL
#define PT_USER         0x004ULL
#define PT_ACCESSED     0x020ULL
#define PT_DIRTY        0x040ULL
#define PT_PSE          0x080ULL
#define PT_ADDR_MASK    0x000ffffffffff000ULL
#define PT_SHIFT        12

static bool pvpt_hv_slot(const struct pvpt_dom *d, unsigned int level,
                         unsigned int idx)
{
    return level == 4 && idx >= d->hv_first && idx < d->hv_end;
}

long pvpt_check_l1e(const struct pvpt_dom *d, uint64_t val)
{
    uint64_t frame;

    if ( !(val & PT_PRESENT) )
        return 0;
    if ( d->frame_of(d->ctx, (val & PT_ADDR_MASK) >> PT_SHIFT, &frame) )
    {
        if ( !(val & PT_RW) )
            return 0;
        if ( d->level[frame] )
            return -XEN_EPERM;
        return d->wcount[frame] >= PVPT_WCOUNT_MAX ? -XEN_EINVAL : 0;
    }
    return d->foreign_l1e(d->ctx, val);
}

long pvpt_get_writable(struct pvpt_dom *d, uint64_t frame)
{
    if ( frame >= d->nr_frames || d->level[frame] ||
         d->wcount[frame] >= PVPT_WCOUNT_MAX )
        return -XEN_EINVAL;
    d->wcount[frame]++;
    return 0;
}

void pvpt_put_writable(struct pvpt_dom *d, uint64_t frame)
{
    if ( frame < d->nr_frames && d->wcount[frame] )
        d->wcount[frame]--;
}

/*
 * Mapping counts of an L1 entry's frame, when the domain owns it: every
 * present entry (mcount), and the writable ones (wcount).
 */
static void pvpt_count_l1e(struct pvpt_dom *d, uint64_t val, int delta)
{
    uint64_t frame;

    if ( !(val & PT_PRESENT) ||
         !d->frame_of(d->ctx, (val & PT_ADDR_MASK) >> PT_SHIFT, &frame) )
        return;
    if ( d->mcount )
        d->mcount[frame] += delta;
    if ( val & PT_RW )
        d->wcount[frame] += delta;
}

/* The domain frame an entry of a level > 1 table links, for pvpt_get. */
static long pvpt_link(struct pvpt_dom *d, uint64_t val, uint64_t *frame)
{
    if ( val & PT_PSE )
        return -XEN_EINVAL;             /* no superpages in a PV guest */
    if ( !d->frame_of(d->ctx, (val & PT_ADDR_MASK) >> PT_SHIFT, frame) )
        return -XEN_EPERM;
    return 0;
}

/* Drops the references the entries [0, upto) of a typed table hold. */
static void pvpt_release(struct pvpt_dom *d, uint64_t frame,
                         unsigned int upto)
{
    const uint64_t *t = d->table(d->ctx, frame);
    unsigned int level = d->level[frame];
    uint64_t child;

    for ( unsigned int i = 0; i < upto; i++ )
    {
        if ( !(t[i] & PT_PRESENT) || pvpt_hv_slot(d, level, i) )
            continue;
        if ( level == 1 )
            pvpt_count_l1e(d, t[i], -1);
        else if ( d->frame_of(d->ctx, (t[i] & PT_ADDR_MASK) >> PT_SHIFT,
                              &child) )
            pvpt_put(d, child);
    }
}

/* Types an untyped frame as a table of level; undone on failure. */
static long pvpt_validate(struct pvpt_dom *d, uint64_t frame,
                          unsigned int level)
{
    uint64_t *t = d->table(d->ctx, frame);
    unsigned int i;
    long rc = 0;

    d->level[frame] = level;
    d->tref[frame] = 1;
    if ( level == 1 )
    {
        for ( i = 0; i < PVPT_ENTRIES && rc >= 0; i++ )
            rc = pvpt_check_l1e(d, t[i]);
        if ( rc < 0 )
        {
            d->level[frame] = 0;
            d->tref[frame] = 0;
            return rc;
        }
        for ( i = 0; i < PVPT_ENTRIES; i++ )
        {
            if ( pvpt_check_l1e(d, t[i]) > 0 )
                t[i] &= ~PT_RW;         /* a read-only range: forced */
            pvpt_count_l1e(d, t[i], 1);
            if ( t[i] & PT_PRESENT )
                t[i] |= PT_USER;        /* the PV kernel runs at CPL 3 */
        }
        return 0;
    }
    for ( i = 0; i < PVPT_ENTRIES; i++ )
    {
        uint64_t child;

        if ( !(t[i] & PT_PRESENT) || pvpt_hv_slot(d, level, i) )
            continue;
        rc = pvpt_link(d, t[i], &child);
        if ( !rc )
            rc = pvpt_get(d, child, level - 1);
        if ( rc )
            break;
    }
    if ( rc )
    {
        pvpt_release(d, frame, i);
        d->level[frame] = 0;
        d->tref[frame] = 0;
        return rc;
    }
    for ( i = 0; i < PVPT_ENTRIES; i++ )
        if ( (t[i] & PT_PRESENT) && !pvpt_hv_slot(d, level, i) )
            t[i] |= PT_USER;
    if ( level == 4 && d->fill_hv_slots )
        d->fill_hv_slots(d->ctx, t);
    return 0;
}

long pvpt_get(struct pvpt_dom *d, uint64_t frame, unsigned int level)
{
    if ( level < 1 || level > 4 || frame >= d->nr_frames )
        return -XEN_EINVAL;
    if ( d->level[frame] )
    {
        if ( d->level[frame] != level || d->tref[frame] == UINT32_MAX )
            return -XEN_EINVAL;
        d->tref[frame]++;
        return 0;
    }
    if ( d->wcount[frame] )
        return -XEN_EINVAL;             /* mapped writable somewhere */
    return pvpt_validate(d, frame, level);
}

void pvpt_put(struct pvpt_dom *d, uint64_t frame)
{
    if ( frame >= d->nr_frames || !d->level[frame] || !d->tref[frame] )
        return;                         /* not ours to drop: a caller bug */
    if ( --d->tref[frame] )
        return;
    pvpt_release(d, frame, PVPT_ENTRIES);
    if ( d->level[frame] == 4 )
    {
        uint64_t *t = d->table(d->ctx, frame);

        /* The hypervisor's entries do not stay in a guest frame. */
        for ( unsigned int i = d->hv_first; i < d->hv_end; i++ )
            t[i] = 0;
    }
    d->level[frame] = 0;
    d->pinned[frame] = 0;
}

long pvpt_pin(struct pvpt_dom *d, uint64_t frame, unsigned int level)
{
    long rc;

    if ( frame >= d->nr_frames || d->pinned[frame] )
        return -XEN_EINVAL;
    rc = pvpt_get(d, frame, level);
    if ( rc )
        return -XEN_EINVAL;
    d->pinned[frame] = 1;
    return 0;
}

long pvpt_unpin(struct pvpt_dom *d, uint64_t frame)
{
    if ( frame >= d->nr_frames || !d->pinned[frame] )
        return -XEN_EINVAL;
    d->pinned[frame] = 0;
    pvpt_put(d, frame);
    return 0;
}

long pvpt_write(struct pvpt_dom *d, uint64_t frame, unsigned int idx,
                uint64_t val, bool keep_ad)
{
    unsigned int level;
    uint64_t *e, child, old_child;
    bool had_child;
    long rc;

    if ( frame >= d->nr_frames || idx >= PVPT_ENTRIES ||
         !(level = d->level[frame]) )
        return -XEN_EINVAL;
    if ( pvpt_hv_slot(d, level, idx) )
        return -XEN_EPERM;
    e = d->table(d->ctx, frame) + idx;
    if ( keep_ad )
        val = (val & ~(PT_ACCESSED | PT_DIRTY)) |
              (*e & (PT_ACCESSED | PT_DIRTY));
    if ( val & PT_PRESENT )
        val |= PT_USER;
    if ( level == 1 )
    {
        rc = pvpt_check_l1e(d, val);
        if ( rc < 0 )
            return rc;
        if ( rc > 0 )
            val &= ~PT_RW;              /* a read-only range: forced */
        pvpt_count_l1e(d, *e, -1);
        pvpt_count_l1e(d, val, 1);
        *e = val;
        return 0;
    }
    if ( val & PT_PRESENT )
    {
        rc = pvpt_link(d, val, &child);
        if ( rc )
            return rc;
        /*
         * A table of the wrong level, or one that fails validation: Xen's
         * -EINVAL. That includes a link to a table of the same level (a
         * linear page table): not offered, as Xen with pv-linear-pt=0.
         */
        if ( d->level[child] && d->level[child] != level - 1 )
            return -XEN_EINVAL;
        rc = pvpt_get(d, child, level - 1);
        if ( rc )
            return rc;
    }
    had_child = (*e & PT_PRESENT) &&
                d->frame_of(d->ctx, (*e & PT_ADDR_MASK) >> PT_SHIFT,
                            &old_child);
    *e = val;
    if ( had_child )
        pvpt_put(d, old_child);
    return 0;
}
