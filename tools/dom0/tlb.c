/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-tlb: what the hypervisor does to the TLB for dom0's page-table
 * hypercalls, as Xen does it: a page remapped with UVMF_INVLPG or
 * UVMF_TLB_FLUSH, or remapped without a flush and then flushed with
 * MMUEXT_INVLPG_LOCAL or _ALL, reads the new page at once. And the
 * hypervisor's own duty, since changing an L1 entry no longer flushes:
 * a writable mapping dropped without a flush may linger in the TLB, so
 * before the frame becomes a page table the hypervisor must flush; the
 * store through the old address then faults and is emulated as a
 * page-table write (the "writable pt emulations" counter, read by
 * sysctl, goes up by one) instead of landing in a pinned table unseen.
 * And a rule on the same path: a writable entry for EFI runtime memory
 * is entered read-only, for every runtime descriptor however many the
 * firmware has (when booted through EFI; skipped otherwise).
 *
 * Lines: "tlb CASE: rc=R (NAME) expected=E pass|FAIL" for each case,
 * then "tlb: N passed, N failed".
 */
#include <public/errno.h>
#include <public/platform.h>

#include "console.h"
#include "dom0.h"
#include "fwinfo.h"
#include "hypercall.h"
#include "layout.h"
#include "lib.h"
#include "mm.h"
#include "tally.h"

#define EFI_RUNTIME (1ULL << 63)
#define EFI_MAP_MAX 65536     /* 1365 descriptors of 48 bytes */
#define PTE_OWN     (MM_PTE_P | MM_PTE_US | MM_PTE_A)
#define PTE_OWN_RW  (PTE_OWN | MM_PTE_RW | MM_PTE_D)


static uint8_t page_a[MM_PAGE_BYTES]
    __attribute__((__aligned__(MM_PAGE_BYTES)));
static uint8_t page_b[MM_PAGE_BYTES]
    __attribute__((__aligned__(MM_PAGE_BYTES)));
static uint8_t page_x[MM_PAGE_BYTES]
    __attribute__((__aligned__(MM_PAGE_BYTES)));
static uint8_t efi_map[EFI_MAP_MAX] __attribute__((__aligned__(8)));

static uint64_t pte(const void *page, uint64_t flags)
{
    return mm_virt_to_mfn(page) * MM_PAGE_BYTES | flags;
}

static long map(void *va, const void *page, uint64_t flags,
                unsigned long uvmf)
{
    return hypercall_update_va_mapping((unsigned long)va, pte(page, flags),
                                       uvmf);
}

static long mmuext(unsigned int cmd, uint64_t arg1)
{
    struct mmuext_op op = { .cmd = cmd };
    unsigned int done = 0;

    op.arg1.mfn = arg1;
    return hypercall_raw(__HYPERVISOR_mmuext_op, (unsigned long)&op, 1,
                         (unsigned long)&done, DOMID_SELF, 0);
}

/* The first byte at va, read now (after the remap). */
static uint8_t peek(const void *va)
{
    return *(const volatile uint8_t *)va;
}

/* Remaps with each flush Xen offers; the new page shows at once. */
static void flushes(struct tally *t, void *v)
{
    tally_ok(t, "map-a", map(v, page_a, PTE_OWN, UVMF_INVLPG));
    tally_true(t, "reads-a", peek(v) == 0xa1);
    tally_ok(t, "remap-b-invlpg", map(v, page_b, PTE_OWN, UVMF_INVLPG));
    tally_true(t, "reads-b-after-invlpg", peek(v) == 0xb2);
    tally_ok(t, "remap-a-flush", map(v, page_a, PTE_OWN, UVMF_TLB_FLUSH));
    tally_true(t, "reads-a-after-flush", peek(v) == 0xa1);
    tally_ok(t, "remap-b-no-flush", map(v, page_b, PTE_OWN, UVMF_NONE));
    tally_ok(t, "mmuext-invlpg-local",
             mmuext(MMUEXT_INVLPG_LOCAL, (unsigned long)v));
    tally_true(t, "reads-b-after-invlpg-local", peek(v) == 0xb2);
    tally_ok(t, "remap-a-no-flush", map(v, page_a, PTE_OWN, UVMF_NONE));
    tally_ok(t, "mmuext-invlpg-all",
             mmuext(MMUEXT_INVLPG_ALL, (unsigned long)v));
    tally_true(t, "reads-a-after-invlpg-all", peek(v) == 0xa1);
    tally_ok(t, "mmuext-invlpg-noncanonical",
             mmuext(MMUEXT_INVLPG_LOCAL, 0x0000800000000000UL));
}

/*
 * page_x is written through v, then v loses RW without a flush, then
 * page_x is pinned as an L1: the next store through v must fault.
 */
static void stale_writable(struct tally *t, void *v)
{
    unsigned long before = 0, after = 0;

    /* page_x's own mapping read-only: v will be its only writable one. */
    tally_ok(t, "x-own-mapping-read-only", map(page_x, page_x, PTE_OWN,
                                               UVMF_INVLPG));
    tally_ok(t, "x-writable-at-v", map(v, page_x, PTE_OWN_RW, UVMF_INVLPG));
    *(volatile uint64_t *)v = 0;    /* the TLB now holds it writable */
    tally_ok(t, "x-read-only-at-v-no-flush", map(v, page_x, PTE_OWN,
                                                 UVMF_NONE));
    tally_ok(t, "pin-x-as-l1", mmuext(MMUEXT_PIN_L1_TABLE,
                                      mm_virt_to_mfn(page_x)));
    tally_true(t, "ptwr-counter-read",
               perfc_total("writable pt emulations", &before));
    *(volatile uint64_t *)((uint8_t *)v + 8) = 0;
    tally_true(t, "ptwr-counter-read-again",
               perfc_total("writable pt emulations", &after));
    console_line("tlb: writable pt emulations %lu -> %lu", before, after);
    tally_true(t, "store-after-pin-was-emulated", after == before + 1);
    tally_ok(t, "unpin-x", mmuext(MMUEXT_UNPIN_TABLE,
                                  mm_virt_to_mfn(page_x)));
    tally_ok(t, "x-own-mapping-writable", map(page_x, page_x, PTE_OWN_RW,
                                              UVMF_INVLPG));
}

/*
 * The number of descriptors of the EFI map (read into efi_map), 0
 * without one.
 */
static uint32_t efi_map_read(uint32_t *desc_size)
{
    union xenpf_efi_info info;

    if ( efimap_query(&info, efi_map, sizeof(efi_map)) ||
         info.memmap.desc_size < 40 )
        return 0;
    *desc_size = info.memmap.desc_size;
    return info.memmap.nr_desc;
}

/*
 * Mapped writable, EFI runtime memory is entered read-only: the first
 * page of every runtime descriptor, however many the firmware has (a
 * table of 64 ranges once let the ones past it stay writable: code the
 * hypervisor runs at ring 0), the first one twice.
 */
static void efi_runtime_read_only(struct tally *t,
                                  const struct start_info *si, void *v)
{
    uint32_t desc_size = 0, nr = efi_map_read(&desc_size), seen = 0;
    uint32_t refused = 0, writable = 0;
    uint64_t first_bad = 0;

    if ( !nr )
    {
        console_line("tlb: no EFI runtime memory, case skipped");
        return;
    }
    for ( uint32_t i = 0; i < nr; i++ )
    {
        const uint8_t *d = efi_map + (uint64_t)i * desc_size;
        uint64_t pa, pages, attr, e;

        memcpy(&pa, d + 8, 8);
        memcpy(&pages, d + 24, 8);
        memcpy(&attr, d + 32, 8);
        if ( !(attr & EFI_RUNTIME) || !pages )
            continue;
        for ( unsigned int k = 0; k < (seen ? 1 : 2); k++ )
        {
            if ( hypercall_update_va_mapping((unsigned long)v,
                                             pa | PTE_OWN_RW, UVMF_INVLPG) )
            {
                refused++;
                continue;
            }
            e = mm_l1e_value((unsigned long)v);
            if ( (e & MM_PTE_ADDR) != pa || !(e & MM_PTE_P) ||
                 (e & MM_PTE_RW) )
            {
                if ( !writable++ )
                    first_bad = pa;
            }
        }
        seen++;
    }
    console_line("tlb: %u EFI runtime descriptors mapped writable: %u "
                 "refused, %u left writable (first 0x%llx)", seen, refused,
                 writable, (unsigned long long)first_bad);
    tally_ok(t, "map-efi-runtime-writable", refused ? -XEN_EPERM : 0);
    tally_true(t, "efi-runtime-forced-read-only", seen && !writable);
}

/* See dom0.h. */
void tlb_run(const struct start_info *si)
{
    struct tally t = { "tlb", 0, 0 };
    void *v = mm_window_page(3);

    memset(page_a, 0xa1, sizeof(page_a));
    memset(page_b, 0xb2, sizeof(page_b));
    flushes(&t, v);
    stale_writable(&t, v);
    efi_runtime_read_only(&t, si, v);
    mm_unmap();
    tally_end(&t, "tlb");
}
