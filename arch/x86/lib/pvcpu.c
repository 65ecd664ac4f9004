/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure rules of the 64-bit PV CPU interface (include/xen/pvcpu.h).
 */
#include <public/errno.h>
#include <xen/pvcpu.h>

/* Descriptor bits (Intel SDM 3.4.5), in the 64-bit descriptor word. */
#define DESC_TYPE_SHIFT     40
#define DESC_S              (1ULL << 44)
#define DESC_DPL_SHIFT      45
#define DESC_DPL            (3ULL << DESC_DPL_SHIFT)
#define DESC_P              (1ULL << 47)
#define DESC_L              (1ULL << 53)
#define DESC_DB             (1ULL << 54)
#define DESC_G              (1ULL << 55)
/* Type bits of a code or data segment. */
#define TYPE_CODE           0x8
#define TYPE_CONFORMING     0x4     /* code */
#define TYPE_READABLE       0x2     /* code */
#define TYPE_WRITABLE       0x2     /* data */

int pvcpu_check_descriptor(uint64_t *d)
{
    if ( !(*d & DESC_P) )
        return 0;
    if ( !(*d & DESC_S) )
        return -XEN_EINVAL;
    *d |= DESC_DPL;
    return 0;
}

bool pvcpu_selector_ok(uint16_t sel, uint64_t desc, bool code, bool ss)
{
    unsigned int type = (desc >> DESC_TYPE_SHIFT) & 0xf;

    if ( (sel & ~3U) == 0 )
        return !code && !ss;
    if ( (sel & 3) != 3 || (sel & 4) )
        return false;
    if ( !(desc & DESC_P) || !(desc & DESC_S) ||
         ((desc & DESC_DPL) >> DESC_DPL_SHIFT) != 3 )
        return false;
    if ( code )
        return (type & TYPE_CODE) && !(type & TYPE_CONFORMING) &&
               !((desc & DESC_L) && (desc & DESC_DB));
    if ( ss )
        return !(type & TYPE_CODE) && (type & TYPE_WRITABLE);
    return !(type & TYPE_CODE) || (type & TYPE_READABLE);
}

/* The byte limit of a segment descriptor (granularity applied). */
static uint64_t desc_limit(uint64_t desc)
{
    uint64_t limit = (desc & 0xffff) | ((desc >> 32) & 0xf0000);

    return desc & DESC_G ? (limit << 12) | 0xfff : limit;
}

/* Whether a descriptor is present, DPL 3, a segment, of the right kind. */
static bool exit_desc_ok(uint64_t desc, bool code)
{
    unsigned int type = (desc >> DESC_TYPE_SHIFT) & 0xf;

    if ( !(desc & DESC_S) || ((desc & DESC_DPL) >> DESC_DPL_SHIFT) != 3 )
        return false;
    if ( code )
        return (type & TYPE_CODE) && !(type & TYPE_CONFORMING) &&
               !((desc & DESC_L) && (desc & DESC_DB));
    return !(type & TYPE_CODE) && (type & TYPE_WRITABLE);
}

bool pvcpu_exit_check(const struct pvcpu_exit_in *in,
                      struct pvcpu_exit_fault *f)
{
    uint16_t cs = in->cs & 0xffff, ss = in->ss & 0xffff;

    /* SDM "IRET" to an outer privilege level: CS, then SS, then RIP. */
    *f = (struct pvcpu_exit_fault){ PVCPU_EXC_GP, cs & ~3U, "CS selector" };
    if ( (cs & ~3U) == 0 || (cs & 4) || (cs & 3) != 3 ||
         !exit_desc_ok(in->cs_desc, true) )
        return false;
    if ( !(in->cs_desc & DESC_P) )
    {
        *f = (struct pvcpu_exit_fault){ PVCPU_EXC_NP, cs & ~3U,
                                        "CS not present" };
        return false;
    }
    *f = (struct pvcpu_exit_fault){ PVCPU_EXC_GP, ss & ~3U, "SS selector" };
    if ( (ss & ~3U) == 0 || (ss & 4) || (ss & 3) != 3 ||
         !exit_desc_ok(in->ss_desc, false) )
        return false;
    if ( !(in->ss_desc & DESC_P) )
    {
        *f = (struct pvcpu_exit_fault){ PVCPU_EXC_SS, ss & ~3U,
                                        "SS not present" };
        return false;
    }
    *f = (struct pvcpu_exit_fault){ PVCPU_EXC_GP, 0, NULL };
    if ( in->cs_desc & DESC_L )
    {
        if ( !pvcpu_canonical(in->rip) )
        {
            f->why = "RIP not canonical";
            return false;
        }
    }
    else if ( in->rip > desc_limit(in->cs_desc) )
    {
        f->why = "RIP beyond the CS limit";
        return false;
    }
    return true;
}

bool pvcpu_canonical(uint64_t va)
{
    uint64_t top = va >> 47;

    return top == 0 || top == 0x1ffff;
}

int pvcpu_trap_entry(const struct trap_info *in, struct trap_info *out)
{
    if ( in->address == 0 )
        return 1;
    if ( !pvcpu_canonical(in->address) )
        return -XEN_EINVAL;
    *out = *in;
    if ( (out->cs & 3) == 0 )
        out->cs |= 3;
    return 0;
}

void pvcpu_bounce_frame(const struct pvcpu_bounce_in *in,
                        struct pvcpu_bounce_out *out)
{
    uint64_t sp = (in->kernel_mode ? in->rsp : in->kernel_sp) & ~15ULL;
    uint64_t cs = in->kernel_mode ? (in->cs & ~3ULL) : in->cs;
    uint64_t rflags = in->rflags & ~(PVCPU_RF_IF | PVCPU_RF_IOPL);
    unsigned int n = 0;

    if ( !in->upcall_mask )
        rflags |= PVCPU_RF_IF;
    cs = (cs & 0xffff) | ((uint64_t)in->upcall_mask << 32);
    out->words[n++] = in->rcx;
    out->words[n++] = in->r11;
    if ( in->has_error_code )
        out->words[n++] = in->error_code & 0xffffffffULL;
    out->words[n++] = in->rip;
    out->words[n++] = cs;
    out->words[n++] = rflags;
    out->words[n++] = in->rsp;
    out->words[n++] = in->ss & 0xffff;
    out->nr_words = n;
    out->sp = sp - n * 8;
}

void pvcpu_iret(const struct iret_context *ic, struct pvcpu_iret_out *out)
{
    out->rip = ic->rip;
    out->cs = (ic->cs & 0xffff) | 3;
    out->ss = (ic->ss & 0xffff) | 3;
    out->rsp = ic->rsp;
    out->rflags = (ic->rflags & PVCPU_RF_GUEST) | 2;
    out->to_user = (ic->cs & 3) == 3;
    out->restore_rcx_r11 = !(ic->flags & VGCF_in_syscall);
    out->upcall_mask = !(ic->rflags & PVCPU_RF_IF);
}

void pvcpu_time_scale(uint32_t khz, uint32_t *mul, int8_t *shift)
{
    uint64_t hz = (uint64_t)khz * 1000, lo = 1000000000ULL, hi = 2 * lo;
    uint64_t q = 0, r = 1000000000ULL;
    int s = 0;

    /*
     * The shift that brings the frequency, exactly, into (1 GHz, 2 GHz]:
     * then 10^9 * 2^32 / (hz * 2^s) lies in [2^31, 2^32). Upwards hz
     * itself is doubled; downwards the bounds are, so nothing is lost.
     */
    while ( hz <= lo )
    {
        hz <<= 1;
        s++;
    }
    while ( hz > hi )
    {
        lo <<= 1;
        hi <<= 1;
        s--;
    }
    /* 10^9 * 2^(32 - min(s, 0)) / hz by long division (10^9 < hz). */
    for ( int i = 0; i < 32 + (s < 0 ? -s : 0); i++ )
    {
        r <<= 1;
        q <<= 1;
        if ( r >= hz )
        {
            r -= hz;
            q |= 1;
        }
    }
    *mul = (uint32_t)q;
    *shift = (int8_t)s;
}

uint64_t pvcpu_scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
    if ( shift < 0 )
        delta >>= -shift;
    else
        delta <<= shift;
    return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}
