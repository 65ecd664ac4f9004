/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Guest virtual address checks and copies by a software page walk
 * (include/xen/guestmem.h).
 */
#include <xen/guestmem.h>
#include <xen/string.h>

#define GM_PRESENT      0x001ULL
#define GM_RW           0x002ULL
#define GM_USER         0x004ULL
#define GM_PSE          0x080ULL
#define GM_ADDR_MASK    0x000ffffffffff000ULL
#define GM_PAGE_BYTES   4096ULL
/* Bits 13..20 (2 MiB pages) or 13..29 (1 GiB pages) must be clear. */
#define GM_L2_RSVD      0x00000000001fe000ULL
#define GM_L3_RSVD      0x000000003fffe000ULL

const char *guestmem_strerror(enum guestmem_status st)
{
    static const char *const names[GUESTMEM_NR_STATUS] = {
        [GUESTMEM_OK] = "ok",
        [GUESTMEM_ERR_NONCANONICAL] = "non-canonical address",
        [GUESTMEM_ERR_HYPERVISOR] = "hypervisor address",
        [GUESTMEM_ERR_WRAP] = "range wraps",
        [GUESTMEM_ERR_TOO_BIG] = "range too long",
        [GUESTMEM_ERR_NOT_PRESENT] = "not mapped",
        [GUESTMEM_ERR_NOT_USER] = "not a guest mapping",
        [GUESTMEM_ERR_READ_ONLY] = "read-only mapping",
        [GUESTMEM_ERR_RESERVED] = "reserved page-table bits",
        [GUESTMEM_ERR_TABLE] = "page table not the guest's",
        [GUESTMEM_ERR_FRAME] = "frame not the guest's",
    };

    return st < GUESTMEM_NR_STATUS ? names[st] : "unknown";
}

static bool canonical(uint64_t va)
{
    uint64_t top = va >> 47;

    return top == 0 || top == 0x1ffff;
}

enum guestmem_status guestmem_check_range(uint64_t va, uint64_t len)
{
    uint64_t last;

    if ( len > GUESTMEM_MAX_COPY )
        return GUESTMEM_ERR_TOO_BIG;
    if ( !canonical(va) )
        return GUESTMEM_ERR_NONCANONICAL;
    if ( len == 0 )
        return va >= GUESTMEM_HV_START && va < GUESTMEM_HV_END
               ? GUESTMEM_ERR_HYPERVISOR : GUESTMEM_OK;
    last = va + (len - 1);
    if ( last < va )
        return GUESTMEM_ERR_WRAP;
    /* Both ends canonical and in the same half: nothing between is not. */
    if ( !canonical(last) )
        return GUESTMEM_ERR_NONCANONICAL;
    if ( (va >> 63) != (last >> 63) )
        return GUESTMEM_ERR_WRAP;
    if ( va < GUESTMEM_HV_END && last >= GUESTMEM_HV_START )
        return GUESTMEM_ERR_HYPERVISOR;
    return GUESTMEM_OK;
}

enum guestmem_status guestmem_translate(const struct guestmem_ops *ops,
                                        void *ctx, uint64_t root_pa,
                                        uint64_t va, bool write,
                                        uint64_t *pa)
{
    uint64_t table = root_pa & GM_ADDR_MASK;

    if ( !canonical(va) )
        return GUESTMEM_ERR_NONCANONICAL;
    if ( va >= GUESTMEM_HV_START && va < GUESTMEM_HV_END )
        return GUESTMEM_ERR_HYPERVISOR;
    for ( int level = 4; level >= 1; level-- )
    {
        unsigned int shift = 12 + 9 * (level - 1);
        unsigned int idx = (va >> shift) & 511;
        uint64_t e;

        if ( !ops->read_pte(ctx, table, idx, &e) )
            return GUESTMEM_ERR_TABLE;
        if ( !(e & GM_PRESENT) )
            return GUESTMEM_ERR_NOT_PRESENT;
        if ( !(e & GM_USER) )
            return GUESTMEM_ERR_NOT_USER;
        if ( write && !(e & GM_RW) )
            return GUESTMEM_ERR_READ_ONLY;
        if ( (level == 2 || level == 3) && (e & GM_PSE) )
        {
            uint64_t rsvd = level == 2 ? GM_L2_RSVD : GM_L3_RSVD;
            uint64_t mask = (1ULL << shift) - 1;

            if ( e & rsvd )
                return GUESTMEM_ERR_RESERVED;
            *pa = ((e & GM_ADDR_MASK) & ~mask) | (va & mask);
            return GUESTMEM_OK;
        }
        if ( level == 4 && (e & GM_PSE) )
            return GUESTMEM_ERR_RESERVED;
        table = e & GM_ADDR_MASK;
    }
    *pa = table | (va & (GM_PAGE_BYTES - 1));
    return GUESTMEM_OK;
}

/* Walks every page of the range; copies when buf is not NULL. */
static enum guestmem_status pass(const struct guestmem_ops *ops, void *ctx,
                                 uint64_t root_pa, uint64_t va,
                                 uint8_t *buf, size_t len, bool to_guest)
{
    while ( len )
    {
        uint64_t off = va & (GM_PAGE_BYTES - 1), pa;
        size_t n = MIN(len, (size_t)(GM_PAGE_BYTES - off));
        enum guestmem_status st;
        uint8_t *frame;

        st = guestmem_translate(ops, ctx, root_pa, va, to_guest, &pa);
        if ( st != GUESTMEM_OK )
            return st;
        frame = ops->frame(ctx, pa & ~(GM_PAGE_BYTES - 1), to_guest);
        if ( !frame )
            return GUESTMEM_ERR_FRAME;
        if ( buf && to_guest )
            memcpy(frame + off, buf, n);
        else if ( buf )
            memcpy(buf, frame + off, n);
        if ( buf )
            buf += n;
        va += n;
        len -= n;
    }
    return GUESTMEM_OK;
}

enum guestmem_status guestmem_copy(const struct guestmem_ops *ops, void *ctx,
                                   uint64_t root_pa, uint64_t va, void *buf,
                                   size_t len, bool to_guest)
{
    enum guestmem_status st = guestmem_check_range(va, len);

    if ( st != GUESTMEM_OK )
        return st;
    st = pass(ops, ctx, root_pa, va, NULL, len, to_guest);
    if ( st != GUESTMEM_OK )
        return st;
    return pass(ops, ctx, root_pa, va, buf, len, to_guest);
}
