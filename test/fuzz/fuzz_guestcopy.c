/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the guest copy core (arch/x86/lib/guestmem.c): a fake guest
 * machine of 8 pages whose page-table contents, table and ownership maps,
 * root, address, length and direction all come from the input.
 *
 * Input: a 14-byte header, then 11-byte writes into the zeroed machine.
 *   h[0..7]   guest virtual address (little endian)
 *   h[8..9]   length (u16)
 *   h[10]     bit 0: copy to the guest
 *   h[11]     which pages the guest may use as page tables
 *   h[12]     which pages are the guest's data frames
 *   h[13]     root table page (mod 8)
 *   write:    u8 page (mod 8), u16 entry index (mod 512), u64 value
 * Entry addresses are folded into the machine (frame number mod 8).
 *
 * Invariants: success implies the range check passes, nothing of it is in
 * the hypervisor's range, and every page translates independently (in
 * the machine as it was before the copy) with the permissions the
 * direction needs, to an owned frame that, for a copy in, is no table;
 * a copy out returns the bytes the independent walk finds; a failed copy into the guest changes nothing.
 * ASan catches any access outside the fake machine.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/guestmem.h>

#define NPAGES  8
#define PG      4096ULL
#define BASE    0x40000000ULL
#define HDR     14
#define WR      11

struct machine {
    uint8_t mem[NPAGES][PG];
    uint8_t tables, owned;
};

static bool page_of(uint64_t pa, unsigned int *page)
{
    if ( pa < BASE || pa >= BASE + NPAGES * PG )
        return false;
    *page = (pa - BASE) / PG;
    return true;
}

static bool m_read_pte(void *ctx, uint64_t table_pa, unsigned int idx,
                       uint64_t *pte)
{
    struct machine *m = ctx;
    unsigned int page;
    uint64_t e;

    if ( idx >= 512 || !page_of(table_pa, &page) ||
         !(m->tables & (1u << page)) )
        return false;
    memcpy(&e, &m->mem[page][idx * 8], 8);
    /* Fold the frame into the machine; keep flags and high bits. */
    *pte = (e & ~0x000ffffffffff000ULL) |
           (BASE + ((e >> 12) % NPAGES) * PG);
    return true;
}

static void *m_frame(void *ctx, uint64_t pa, bool write)
{
    struct machine *m = ctx;
    unsigned int page;

    if ( (pa & (PG - 1)) || !page_of(pa, &page) ||
         !(m->owned & (1u << page)) ||
         (write && (m->tables & (1u << page))) )
        return NULL;
    return m->mem[page];
}

static const struct guestmem_ops ops = { m_read_pte, m_frame };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct machine m, before;
    static uint8_t buf[65536], ref[65536];
    uint64_t va, root;
    size_t len;
    bool to_guest;
    enum guestmem_status st;

    if ( size < HDR )
        return 0;
    memset(&m, 0, sizeof(m));
    memcpy(&va, data, 8);
    len = data[8] | (data[9] << 8);
    to_guest = data[10] & 1;
    m.tables = data[11];
    m.owned = data[12];
    root = BASE + (data[13] % NPAGES) * PG;
    for ( size_t off = HDR; off + WR <= size; off += WR )
    {
        unsigned int page = data[off] % NPAGES;
        unsigned int idx = (data[off + 1] | (data[off + 2] << 8)) % 512;

        memcpy(&m.mem[page][idx * 8], data + off + 3, 8);
    }
    for ( size_t i = 0; i < len; i++ )
        buf[i] = (uint8_t)(i * 13 + 7);
    before = m;

    st = guestmem_copy(&ops, &m, root, va, buf, len, to_guest);
    if ( st >= GUESTMEM_NR_STATUS )
        abort();
    if ( st != GUESTMEM_OK )
    {
        if ( to_guest && memcmp(&m, &before, sizeof(m)) )
            abort();                /* a failed copy wrote something */
        return 0;
    }
    if ( guestmem_check_range(va, len) != GUESTMEM_OK )
        abort();
    for ( size_t i = 0; i < len; i++ )
    {
        uint64_t a = va + i, pa;
        unsigned int page;

        if ( a >= GUESTMEM_HV_START && a < GUESTMEM_HV_END )
            abort();
        if ( guestmem_translate(&ops, &before, root, a, to_guest, &pa) !=
             GUESTMEM_OK || !page_of(pa, &page) ||
             !(m.owned & (1u << page)) )
            abort();
        /* Never a write into a page-table frame. */
        if ( to_guest && (m.tables & (1u << page)) )
            abort();
        ref[i] = m.mem[page][pa & (PG - 1)];
    }
    /* Out of the guest: the bytes the independent walk finds. */
    if ( !to_guest && memcmp(buf, ref, len) )
        abort();
    return 0;
}
