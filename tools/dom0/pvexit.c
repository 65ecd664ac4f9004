/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0-pvcpu's cases for the way back from the hypervisor to dom0 (issue
 * 21, finding 4) and the 32-bit `syscall` (finding 2). Each one, on a
 * hypervisor without the checks, makes the hypervisor itself fault at
 * ring 0 and panic; with them dom0 gets the fault the CPU would have
 * raised, at the context it asked for:
 *
 *  - forced-emulation cpuid (ud2; "xen"; cpuid) in the last 7 bytes below
 *    the canonical boundary: emulated, it leaves RIP at 0x800000000000,
 *    which iretq cannot load: dom0's #GP(0) with that RIP;
 *  - the iret hypercall to the 32-bit CS 0xe023 with RIP 0x100000000,
 *    past its 4 GiB limit: dom0's #GP(0) from user mode;
 *  - `syscall` from 32-bit code (CSTAR): dom0's #UD at the instruction
 *    when no syscall32 callback is registered, else that callback with
 *    RCX the return address, as Xen does;
 *  - TF set into a hypercall: the single step comes after the return,
 *    to dom0's #DB handler, never as a #DB in the hypervisor.
 *
 * Code runs from pages mapped below the kernel through page tables this
 * file builds, links into the L4 and takes down again.
 */
#include <public/callback.h>
#include <public/version.h>

#include "console.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"
#include "pvcpu.h"

#define PAGE_BYTES          4096
#define FEP_CPUID_VA        0x00007ffffffffff9UL
#define TOP_PAGE_VA         0x00007ffffffff000UL
#define NONCANONICAL_NEXT   0x0000800000000000UL
#define COMPAT_CODE_VA      0x0000000040000000UL
#define COMPAT_STACK_VA     0x0000000040001000UL
#define COMPAT_CS           0xe023
#define PAST_4G             0x0000000100000000UL
#define PTE_TABLE           (MM_PTE_P | MM_PTE_RW | MM_PTE_US | MM_PTE_A)
#define PTE_CODE            (MM_PTE_P | MM_PTE_US | MM_PTE_A)

/* A page-table chain per mapping: L3, L2, L1; and the code pages. */
static uint64_t tables[2][3][PAGE_BYTES / 8]
    __attribute__((__aligned__(PAGE_BYTES)));
static uint8_t code[2][PAGE_BYTES] __attribute__((__aligned__(PAGE_BYTES)));
static uint64_t l4_mfn;

static long remap(void *va, bool writable)
{
    return hypercall_update_va_mapping((unsigned long)va,
                                       mm_virt_to_mfn(va) * PAGE_BYTES |
                                       MM_PTE_P | MM_PTE_US | MM_PTE_A |
                                       (writable ? MM_PTE_RW | MM_PTE_D
                                                 : 0), UVMF_INVLPG);
}

static long set_l4e(uint64_t va, uint64_t val)
{
    struct mmu_update u = {
        .ptr = (l4_mfn * PAGE_BYTES + ((va >> 39) & 511) * 8) |
               MMU_NORMAL_PT_UPDATE,
        .val = val,
    };
    unsigned int done = 0;

    return hypercall_mmu_update(&u, 1, &done, DOMID_SELF);
}

/*
 * Maps code page chain i at va through tables of its own: filled while
 * writable, made read-only (a page table never is writable), then linked
 * into the L4, which validates them.
 */
static long map_code(unsigned int i, uint64_t va)
{
    uint64_t *l3 = tables[i][0], *l2 = tables[i][1], *l1 = tables[i][2];
    long rc = 0;

    memset(tables[i], 0, sizeof(tables[i]));
    l3[(va >> 30) & 511] = mm_virt_to_mfn(l2) * PAGE_BYTES | PTE_TABLE;
    l2[(va >> 21) & 511] = mm_virt_to_mfn(l1) * PAGE_BYTES | PTE_TABLE;
    l1[(va >> 12) & 511] = mm_virt_to_mfn(code[i]) * PAGE_BYTES | PTE_CODE;
    for ( unsigned int t = 0; t < 3 && !rc; t++ )
        rc = remap(tables[i][t], false);
    return rc ? rc : set_l4e(va, mm_virt_to_mfn(l3) * PAGE_BYTES |
                                 PTE_TABLE);
}

static void unmap_code(unsigned int i, uint64_t va)
{
    set_l4e(va, 0);
    for ( unsigned int t = 0; t < 3; t++ )
        remap(tables[i][t], true);
}

/* Emulated cpuid that ends exactly at the top of the lower half. */
static void fep_at_the_boundary(void)
{
    static const uint8_t fep_cpuid[] = { 0x0f, 0x0b, 'x', 'e', 'n',
                                         0x0f, 0xa2 };
    unsigned int before = pvcpu_seen.count;

    memcpy(code[0] + (FEP_CPUID_VA - TOP_PAGE_VA), fep_cpuid,
           sizeof(fep_cpuid));
    pvcpu_expect("map code at 0x7ffffffff000", map_code(0, TOP_PAGE_VA), 0);
    /* The #GP handler resumes at 1: with the stack as it was. */
    asm volatile ( "lea 1f(%%rip), %%rax\n\t"
                   "mov %%rax, %[rip]\n\t"
                   "mov %%rsp, %[rsp]\n\t"
                   "mov $1, %%eax\n\t"
                   "jmp *%[target]\n"
                   "1:"
                   : [rip] "=m" (pvcpu_redirect.rip),
                     [rsp] "=m" (pvcpu_redirect.rsp)
                   : [target] "r" (FEP_CPUID_VA)
                   : "rax", "rbx", "rcx", "rdx", "memory" );
    console_line("pvcpu: emulated cpuid ending at the canonical boundary: "
                 "vector %llu error code %#llx rip %#llx",
                 (unsigned long long)pvcpu_seen.vec,
                 (unsigned long long)pvcpu_seen.ec,
                 (unsigned long long)pvcpu_seen.rip);
    pvcpu_check("emulation returning to a non-canonical RIP is dom0's #GP",
                pvcpu_seen.count == before + 1 && pvcpu_seen.vec == 13 &&
                pvcpu_seen.ec == 0 && pvcpu_seen.rip == NONCANONICAL_NEXT);
    unmap_code(0, TOP_PAGE_VA);
}

/* iret to a 32-bit code segment at an address past its limit. */
static void iret_past_the_limit(void)
{
    unsigned int before = pvcpu_seen.count;

    pvcpu_redirect.to_kernel = true;
    pvcpu_run_user((void (*)(void))PAST_4G, (void *)COMPAT_STACK_VA,
                   COMPAT_CS);
    pvcpu_redirect.to_kernel = false;
    console_line("pvcpu: iret to %x:%#lx: vector %llu error code %#llx rip "
                 "%#llx cs %llx", COMPAT_CS, PAST_4G,
                 (unsigned long long)pvcpu_seen.vec,
                 (unsigned long long)pvcpu_seen.ec,
                 (unsigned long long)pvcpu_seen.rip,
                 (unsigned long long)pvcpu_seen.cs);
    pvcpu_check("iret to a 32-bit CS past its limit is dom0's #GP",
                pvcpu_seen.count == before + 1 && pvcpu_seen.vec == 13 &&
                pvcpu_seen.ec == 0 && pvcpu_seen.rip == PAST_4G &&
                (pvcpu_seen.cs & 0xffff) == COMPAT_CS);
}

/* `syscall` (0f 05) from 32-bit code, then a loop it never reaches. */
static void compat_syscall(void)
{
    static const uint8_t syscall_loop[] = { 0x0f, 0x05, 0xeb, 0xfe };
    struct callback_register cb = { CALLBACKTYPE_syscall32,
                                     CALLBACKF_mask_events, 0 };
    unsigned int before = pvcpu_seen.count;

    memcpy(code[1], syscall_loop, sizeof(syscall_loop));
    pvcpu_expect("map 32-bit code at 0x40000000",
                 map_code(1, COMPAT_CODE_VA), 0);

    /* No syscall32 callback: #UD at the syscall instruction (Xen). */
    pvcpu_redirect.to_kernel = true;
    pvcpu_run_user((void (*)(void))COMPAT_CODE_VA, (void *)COMPAT_STACK_VA,
                   COMPAT_CS);
    pvcpu_redirect.to_kernel = false;
    console_line("pvcpu: 32-bit syscall without a callback: vector %llu "
                 "rip %#llx cs %llx", (unsigned long long)pvcpu_seen.vec,
                 (unsigned long long)pvcpu_seen.rip,
                 (unsigned long long)pvcpu_seen.cs);
    pvcpu_check("32-bit syscall without a syscall32 callback is dom0's #UD",
                pvcpu_seen.count == before + 1 && pvcpu_seen.vec == 6 &&
                pvcpu_seen.rip == COMPAT_CODE_VA &&
                (pvcpu_seen.cs & 0xffff) == COMPAT_CS);

    cb.address = (unsigned long)pvcpu_entry_syscall32;
    pvcpu_expect("callback_op register syscall32",
                 pvcpu_hc(__HYPERVISOR_callback_op, CALLBACKOP_register,
                          (unsigned long)&cb, 0), 0);
    before = pvcpu_seen.count;
    pvcpu_run_user((void (*)(void))COMPAT_CODE_VA, (void *)COMPAT_STACK_VA,
                   COMPAT_CS);
    console_line("pvcpu: 32-bit syscall: callback with rip %#llx rcx %#llx "
                 "cs %llx", (unsigned long long)pvcpu_seen.rip,
                 (unsigned long long)pvcpu_seen.rcx,
                 (unsigned long long)pvcpu_seen.cs);
    pvcpu_check("32-bit syscall reaches the syscall32 callback",
                pvcpu_seen.count == before + 1 && pvcpu_seen.vec == 0x102 &&
                pvcpu_seen.rip == COMPAT_CODE_VA + 2 &&
                pvcpu_seen.rcx == COMPAT_CODE_VA + 2 &&
                (pvcpu_seen.cs & 0xffff) == COMPAT_CS);
    unmap_code(1, COMPAT_CODE_VA);
}

/* TF set by popf: the step after the hypercall is dom0's #DB. */
static void single_step_into_a_hypercall(void)
{
    unsigned int before = pvcpu_seen.count;
    long v;

    asm volatile ( "pushf\n\t"
                   "orl $0x100, (%%rsp)\n\t"
                   "popf\n\t"
                   "syscall\n\t"
                   "nop"
                   : "=a" (v)
                   : "a" (__HYPERVISOR_xen_version), "D" (XENVER_version),
                     "S" (0)
                   : "rcx", "r11", "memory" );
    console_line("pvcpu: TF into a hypercall: xen_version %#lx, #DB seen %u "
                 "time(s), last vector %llu", v,
                 pvcpu_seen.count - before,
                 (unsigned long long)pvcpu_seen.vec);
    pvcpu_check("a single step into a hypercall reaches dom0's #DB",
                v == (4 << 16 | 17) && pvcpu_seen.count > before &&
                pvcpu_seen.vec == 1);
}

/* See pvcpu.h. */
void pvexit_run(const struct start_info *si, void *trap_stack_top)
{
    l4_mfn = mm_virt_to_mfn((const void *)si->pt_base);
    fep_at_the_boundary();
    iret_past_the_limit();
    compat_syscall();
    single_step_into_a_hypercall();
}
