/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-hcbench: what one round trip into the hypervisor costs dom0, in TSC
 * cycles, for the operations a Linux PV kernel repeats by the thousand
 * while it boots: a null hypercall, mmu_update of one of its own L1
 * entries (alone and 32 to a call), of an MMIO entry, update_va_mapping
 * with UVMF_INVLPG (alone and 32 in a multicall), and the traps it takes:
 * cpuid behind Xen's forced-emulation prefix, a port read, a store to
 * one of its own page tables (writable page tables). Each figure is the
 * least of 8 batches of 64, so a host that preempts the virtual CPU only
 * lengthens batches that are not counted. The same kernel runs on Xen
 * 4.17, so the two hypervisors can be compared on one machine (docs/
 * performance.md, "Round trips").
 *
 * Lines: "hcbench NAME: N cycles" per operation (per entry for batches).
 */
#include <public/physdev.h>
#include <public/xen.h>

#include "console.h"
#include "dom0.h"
#include "hypercall.h"
#include "layout.h"
#include "lib.h"
#include "mm.h"

#define BATCHES     8
#define PER_BATCH   64
#define GROUP       32
#define MMIO_PA     0xb0000000ULL   /* q35's MMCONFIG: reserved, not RAM */
#define PIT_PORT_B  0x61
#define PTE_OWN_RW  (MM_PTE_P | MM_PTE_RW | MM_PTE_US | MM_PTE_A | MM_PTE_D)

static struct mmu_update reqs[GROUP];
static struct multicall_entry calls[GROUP];

static uint64_t tsc(void)
{
    uint32_t lo, hi;

    asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static void run_null(unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        hypercall_xen_version(0, NULL);
}

static uint64_t own_pte(unsigned int page)
{
    return mm_virt_to_mfn(mm_window_page(page)) * MM_PAGE_BYTES | PTE_OWN_RW;
}

static void run_mmu_one(unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        hypercall_mmu_update(reqs, 1, NULL, DOMID_SELF);
}

static void run_mmu_group(unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        hypercall_mmu_update(reqs, GROUP, NULL, DOMID_SELF);
}

static void run_mmio(unsigned int n)
{
    struct mmu_update u = { .ptr = reqs[0].ptr,
                            .val = MMIO_PA | MM_PTE_P | MM_PTE_RW };

    for ( unsigned int i = 0; i < n; i++ )
        hypercall_mmu_update(&u, 1, NULL, DOMID_SELF);
}

static void run_uvm(unsigned int n)
{
    unsigned long va = (unsigned long)mm_window_page(0);

    for ( unsigned int i = 0; i < n; i++ )
        hypercall_update_va_mapping(va, own_pte(0), UVMF_INVLPG);
}

static void run_multicall(unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        hypercall_raw(__HYPERVISOR_multicall, (unsigned long)calls, GROUP,
                      0, 0, 0);
}

static void run_cpuid(unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
    {
        uint32_t a = 0, b, c = 0, d;

        asm volatile ( "ud2a; .ascii \"xen\"; cpuid"
                       : "+a" (a), "=b" (b), "+c" (c), "=d" (d) );
    }
}

static void run_port(unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
    {
        uint8_t v;

        asm volatile ( "inb %1, %0" : "=a" (v) : "i" (PIT_PORT_B) );
    }
}

static void run_ptwr(unsigned int n)
{
    uint64_t ma;
    volatile uint64_t *e = mm_l1e((unsigned long)mm_window_page(0), &ma);

    for ( unsigned int i = 0; i < n; i++ )
        *e = own_pte(0);
}

/* Least cycles per unit over BATCHES batches of PER_BATCH calls. */
static void measure(const char *name, void (*run)(unsigned int),
                    unsigned int units)
{
    uint64_t best = ~0ULL;

    run(1);                             /* warm: code, TLB, first faults */
    for ( unsigned int b = 0; b < BATCHES; b++ )
    {
        uint64_t t0 = tsc();

        run(PER_BATCH);
        t0 = tsc() - t0;
        if ( t0 < best )
            best = t0;
    }
    console_line("hcbench %s: %llu cycles", name,
                 (unsigned long long)(best / PER_BATCH / units));
}

/* See dom0.h. */
void hcbench_run(const struct start_info *si)
{
    struct physdev_set_iopl iopl = { .iopl = 1 };
    long rc;

    for ( unsigned int i = 0; i < GROUP; i++ )
    {
        unsigned int page = i % MM_WINDOW_PAGES;
        uint64_t ma;

        mm_l1e((unsigned long)mm_window_page(page), &ma);
        reqs[i].ptr = ma | MMU_NORMAL_PT_UPDATE;
        reqs[i].val = own_pte(page);
        calls[i].op = __HYPERVISOR_update_va_mapping;
        calls[i].args[0] = (unsigned long)mm_window_page(page);
        calls[i].args[1] = own_pte(page);
        calls[i].args[2] = UVMF_INVLPG;
    }
    /* Xen emulates stores to page tables only with this assist on. */
    rc = hypercall_raw(__HYPERVISOR_vm_assist, VMASST_CMD_enable,
                       VMASST_TYPE_writable_pagetables, 0, 0, 0);
    if ( rc )
        console_line("hcbench: vm_assist writable_pagetables: rc=%ld", rc);
    measure("null hypercall (xen_version)", run_null, 1);
    measure("mmu_update, 1 own L1 entry", run_mmu_one, 1);
    measure("mmu_update, 32 own L1 entries, per entry", run_mmu_group,
            GROUP);
    rc = hypercall_mmu_update(&(struct mmu_update){
             .ptr = reqs[0].ptr, .val = MMIO_PA | MM_PTE_P | MM_PTE_RW },
             1, NULL, DOMID_SELF);
    if ( rc )
        console_line("hcbench: mmu_update of an MMIO entry: rc=%ld", rc);
    measure("mmu_update, 1 MMIO L1 entry", run_mmio, 1);
    measure("update_va_mapping with UVMF_INVLPG", run_uvm, 1);
    measure("multicall of 32 update_va_mapping, per entry", run_multicall,
            GROUP);
    measure("cpuid (forced emulation)", run_cpuid, 1);
    measure("store to an own L1 table (ptwr)", run_ptwr, 1);
    rc = hypercall_raw(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl,
                       (unsigned long)&iopl, 0, 0, 0);
    if ( rc )
        console_line("hcbench: set_iopl: rc=%ld", rc);
    else
        measure("in from port 0x61 (emulated)", run_port, 1);
    mm_unmap();
    console_line("hcbench: done");
}
