/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Page types of a PV guest's frames (arch/x86/lib/pvpt.c, pure): which frames
 * are page tables of which level, how many references hold each type, and
 * how many writable mappings each frame has. The rules, as Xen keeps them
 * for a 64-bit PV guest:
 *
 *  - a frame is a table of one level while something references it with
 *    that type: a pin, a base pointer, or a present entry of a typed table
 *    of the level above; at zero references it is an ordinary frame again;
 *  - a frame gets a table type only when no typed L1 maps it writable, and
 *    a typed L1 may never map a table writable;
 *  - typing a table validates every present entry, recursively typing the
 *    tables it links (an L4 entry links an L3, and so on; no superpages);
 *  - the L4 slots of the hypervisor are the hypervisor's: filled in when a
 *    frame becomes an L4, skipped by validation, never writable.
 *
 * Frames are numbered 0..nr_frames-1 in the domain's own order (the
 * caller's; not the guest's pseudo-physical numbers, which can change).
 */
#ifndef XEN_PVPT_H
#define XEN_PVPT_H

#include <xen/types.h>

#define PVPT_ENTRIES    512
/*
 * Most writable references a frame may hold: an L1 being typed adds up to
 * PVPT_ENTRIES at once, so the 32-bit count never wraps (a wrapped count
 * would let a writably mapped frame become a table).
 */
#define PVPT_WCOUNT_MAX (UINT32_MAX - PVPT_ENTRIES)

struct pvpt_dom {
    uint64_t nr_frames;
    uint8_t *level;         /* frame -> 0, or its table level 1..4 */
    uint8_t *pinned;        /* frame -> 1 while pinned */
    uint32_t *tref;         /* frame -> references to its table type */
    uint32_t *wcount;       /* frame -> writable entries of typed L1s */
    uint32_t *mcount;       /* frame -> all entries of typed L1s (NULL:
                               not counted) */
    unsigned int hv_first, hv_end;  /* L4 slots [first, end) are ours */
    void *ctx;
    /* The 512 entries of frame's page. */
    uint64_t *(*table)(void *ctx, uint64_t frame);
    /* The domain's frame of a machine frame number; false: not its. */
    bool (*frame_of)(void *ctx, uint64_t mfn, uint64_t *frame);
    /*
     * Rules for an L1 entry naming a frame not the domain's: 0, 1 (allowed
     * read-only only: a writable entry is entered without RW, as Xen
     * forces its read-only ranges) or -errno.
     */
    long (*foreign_l1e)(void *ctx, uint64_t val);
    /* Writes the hypervisor's slots of an L4 that becomes one (or NULL). */
    void (*fill_hv_slots)(void *ctx, uint64_t *l4);
};

/*
 * May a typed L1 hold val? 0, 1 (only without RW: it is entered
 * read-only), -XEN_EPERM (frame rules) or -XEN_EINVAL (the frame's
 * writable count at PVPT_WCOUNT_MAX).
 */
long pvpt_check_l1e(const struct pvpt_dom *d, uint64_t val);

/*
 * Takes one reference to frame as a table of level (1..4), validating and
 * typing it (and what it links) when it has no type yet. 0; -XEN_EINVAL
 * when it is typed at another level, mapped writable, or an entry is bad
 * (-XEN_EPERM when an entry breaks the frame rules). Nothing changes on
 * failure.
 */
long pvpt_get(struct pvpt_dom *d, uint64_t frame, unsigned int level);

/* Drops one reference; at zero the frame and what it linked lose theirs. */
void pvpt_put(struct pvpt_dom *d, uint64_t frame);

/*
 * MMUEXT_PIN_Ln_TABLE and MMUEXT_UNPIN_TABLE on a domain frame: 0 or
 * -XEN_EINVAL (already pinned / not pinned / validation failed).
 */
long pvpt_pin(struct pvpt_dom *d, uint64_t frame, unsigned int level);
long pvpt_unpin(struct pvpt_dom *d, uint64_t frame);

/*
 * Writes entry idx of the typed table frame: val with the user bit forced
 * when present (keep_ad: Accessed and Dirty kept from the old entry),
 * references moved from the old entry's target to the new one. 0,
 * -XEN_EINVAL (frame not a table, superpage, bad target level or
 * validation), -XEN_EPERM (frame rules, hypervisor slot).
 */
long pvpt_write(struct pvpt_dom *d, uint64_t frame, unsigned int idx,
                uint64_t val, bool keep_ad);

/*
 * A writable reference the hypervisor itself holds on a domain frame it
 * keeps writing (a registered vcpu_info), counted with the writable
 * mappings so the frame cannot become a table while it is held (Xen's
 * PGT_writable_page reference). 0, or -XEN_EINVAL when the frame is a
 * table, out of range or its count is at PVPT_WCOUNT_MAX.
 */
long pvpt_get_writable(struct pvpt_dom *d, uint64_t frame);
void pvpt_put_writable(struct pvpt_dom *d, uint64_t frame);

#endif /* XEN_PVPT_H */
