/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for arch/x86/lib/pvpt.c: a guest of NR_FRAMES page-table-sized
 * frames (machine frames MFN_BASE + n) and a sequence of operations a PV
 * guest can cause: pin, unpin, an entry written through the hypervisor,
 * an entry written directly into a frame that is no table (the guest's
 * own writable memory), a base-pointer reference taken or dropped.
 *
 * Input: 4-byte operations: kind, frame, index, value byte (see
 * gen_pvpt.py). Invariants, checked after every operation: every typed
 * frame's reference count equals its pins, base references and the
 * present entries of typed tables one level up that link it; an untyped
 * frame has no references and no pin; every present entry of a typed
 * table links a frame of the level below (no superpage); the writable
 * count of every frame equals the writable entries of typed L1s naming
 * it, and no typed frame has one; a typed L4 holds the hypervisor's
 * slots. After dropping every pin and base reference nothing is typed.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <xen/pvpt.h>

#define NR_FRAMES   8
#define MFN_BASE    0x1000ULL
#define P           0x001ULL
#define RW          0x002ULL
#define PSE         0x080ULL
#define ADDR        0x000ffffffffff000ULL
#define HV_FIRST    256
#define HV_END      272
#define HV_MARK     (0xabc000ULL | P)

static uint64_t mem[NR_FRAMES][PVPT_ENTRIES];
static uint8_t level[NR_FRAMES], pinned[NR_FRAMES];
static uint32_t tref[NR_FRAMES], wcount[NR_FRAMES], mcount[NR_FRAMES];
static uint32_t held[NR_FRAMES];
/* Writable references the hypervisor holds (pvpt_get_writable). */
static uint32_t hv_writable[NR_FRAMES];
static uint8_t held_level[NR_FRAMES];

static uint64_t *f_table(void *ctx, uint64_t frame)
{
    if ( frame >= NR_FRAMES )
        abort();
    return mem[frame];
}

static bool f_frame_of(void *ctx, uint64_t mfn, uint64_t *frame)
{
    if ( mfn < MFN_BASE || mfn >= MFN_BASE + NR_FRAMES )
        return false;
    *frame = mfn - MFN_BASE;
    return true;
}

static long f_foreign(void *ctx, uint64_t val)
{
    if ( ((val & ADDR) >> 12) < 0x100 )
        return (val & RW) ? 1 : 0;      /* read-only, forced */
    return -XEN_EPERM;
}

static void f_fill(void *ctx, uint64_t *l4)
{
    for ( unsigned int i = HV_FIRST; i < HV_END; i++ )
        l4[i] = HV_MARK;
}

static struct pvpt_dom dom = {
    .nr_frames = NR_FRAMES, .level = level, .pinned = pinned, .tref = tref,
    .wcount = wcount, .mcount = mcount, .hv_first = HV_FIRST,
    .hv_end = HV_END,
    .table = f_table, .frame_of = f_frame_of, .foreign_l1e = f_foreign,
    .fill_hv_slots = f_fill,
};

static bool own(uint64_t e, uint64_t *f)
{
    return f_frame_of(NULL, (e & ADDR) >> 12, f);
}

static void check_invariants(void)
{
    uint32_t refs[NR_FRAMES] = { 0 }, writes[NR_FRAMES] = { 0 };
    uint32_t maps[NR_FRAMES] = { 0 };
    uint64_t f;

    for ( unsigned int t = 0; t < NR_FRAMES; t++ )
    {
        if ( !level[t] )
            continue;
        for ( unsigned int i = 0; i < PVPT_ENTRIES; i++ )
        {
            uint64_t e = mem[t][i];

            if ( level[t] == 4 && i >= HV_FIRST && i < HV_END )
            {
                if ( e != HV_MARK )
                    abort();
                continue;
            }
            if ( !(e & P) )
                continue;
            if ( level[t] == 1 )
            {
                if ( own(e, &f) )
                    maps[f]++;
                if ( (e & RW) && own(e, &f) )
                    writes[f]++;
                if ( (e & RW) && !own(e, &f) && f_foreign(NULL, e) )
                    abort();            /* a read-only range left RW */
                continue;
            }
            if ( (e & PSE) || !own(e, &f) || level[f] != level[t] - 1 )
                abort();
            refs[f]++;
        }
    }
    for ( unsigned int n = 0; n < NR_FRAMES; n++ )
    {
        if ( wcount[n] != writes[n] + hv_writable[n] || mcount[n] != maps[n] )
            abort();
        if ( !level[n] )
        {
            if ( tref[n] || pinned[n] || held[n] || refs[n] )
                abort();
            continue;
        }
        if ( wcount[n] || tref[n] != refs[n] + pinned[n] + held[n] )
            abort();
        if ( held[n] && held_level[n] != level[n] )
            abort();
    }
}

/* An entry from the value byte: target frame, present, RW, PSE, foreign. */
static uint64_t entry(uint8_t v)
{
    uint64_t mfn = (v & 0x40) ? ((v & 0x80) ? 0x500 : 0x10)
                              : MFN_BASE + (v & 7);

    return (v & 8 ? P : 0) | (v & 0x10 ? RW : 0) | (v & 0x20 ? PSE : 0) |
           (mfn << 12);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    memset(mem, 0, sizeof(mem));
    memset(level, 0, sizeof(level));
    memset(pinned, 0, sizeof(pinned));
    memset(tref, 0, sizeof(tref));
    memset(wcount, 0, sizeof(wcount));
    memset(mcount, 0, sizeof(mcount));
    memset(held, 0, sizeof(held));
    memset(hv_writable, 0, sizeof(hv_writable));
    for ( size_t at = 0; at + 4 <= size && at < 4 * 512; at += 4 )
    {
        unsigned int kind = data[at] % 8, fr = data[at + 1] % NR_FRAMES;
        unsigned int lv = 1 + (data[at + 2] & 3);
        unsigned int idx = (data[at + 2] >> 2) & 7;
        long rc;

        if ( data[at + 2] & 0x80 )
            idx = HV_FIRST + (idx & 1);     /* sometimes our slots */
        switch ( kind )
        {
        case 0:
            rc = pvpt_pin(&dom, fr, lv);
            if ( rc && rc != -XEN_EINVAL )
                abort();
            break;
        case 1:
            rc = pvpt_unpin(&dom, fr);
            if ( rc && rc != -XEN_EINVAL )
                abort();
            break;
        case 2:
            rc = pvpt_write(&dom, fr, idx, entry(data[at + 3]),
                            data[at] & 0x80);
            if ( rc && rc != -XEN_EINVAL && rc != -XEN_EPERM )
                abort();
            break;
        case 3:
            if ( !level[fr] )               /* the guest's own page */
                mem[fr][idx] = entry(data[at + 3]);
            break;
        case 4:
            if ( !held[fr] || held_level[fr] == lv )
                if ( !pvpt_get(&dom, fr, lv) )
                {
                    held[fr]++;
                    held_level[fr] = lv;
                }
            break;
        case 5:
            if ( held[fr] )
            {
                held[fr]--;
                pvpt_put(&dom, fr);
            }
            break;
        case 6:
            rc = pvpt_get_writable(&dom, fr);
            if ( !rc )
                hv_writable[fr]++;
            else if ( rc != -XEN_EINVAL || !level[fr] )
                abort();                /* refused only for a table */
            break;
        case 7:
            if ( hv_writable[fr] )
            {
                hv_writable[fr]--;
                pvpt_put_writable(&dom, fr);
            }
            break;
        }
        check_invariants();
    }
    for ( unsigned int n = 0; n < NR_FRAMES; n++ )
    {
        while ( held[n] )
        {
            held[n]--;
            pvpt_put(&dom, n);
        }
        pvpt_unpin(&dom, n);
        while ( hv_writable[n] )
        {
            hv_writable[n]--;
            pvpt_put_writable(&dom, n);
        }
        check_invariants();
    }
    for ( unsigned int n = 0; n < NR_FRAMES; n++ )
        if ( level[n] || tref[n] || wcount[n] )
            abort();
    return 0;
}
