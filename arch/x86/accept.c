/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Platform back ends that accept memory after ExitBootServices.
 *
 * TDX (Intel TDX module ABI, TDG.MEM.PAGE.ACCEPT, TDCALL leaf 6): RCX holds
 * the guest physical address with the mapping level in bits 2:0 (0: 4 KiB,
 * 1: 2 MiB). SEV-SNP (AMD APM vol. 2 and the GHCB specification): each
 * page is first made private with a page-state change request over the
 * GHCB MSR protocol, then validated with PVALIDATE on its virtual address.
 *
 * Neither exists under QEMU TCG: there, detection reports ACCEPT_NONE and
 * every accept request is refused with a message. These paths have not run
 * on TDX or SEV-SNP hardware.
 */
#include <xen/accept.h>
#include <xen/console.h>
#include <asm/config.h>
#include <asm/page.h>
#include <asm/io.h>

#define TDX_CPUID_LEAF          0x21
#define TDG_MEM_PAGE_ACCEPT     6
#define TDX_LEVEL_4K            0
#define TDX_LEVEL_2M            1

#define AMD_CPUID_SEV           0x8000001f
#define MSR_SEV_STATUS          0xc0010131
#define SEV_STATUS_SNP          (1ULL << 2)
#define MSR_GHCB                0xc0010130
#define GHCB_PSC_REQ            0x014
#define GHCB_PSC_RESP           0x015
#define GHCB_PSC_PRIVATE        1ULL

static void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b,
                  uint32_t *c, uint32_t *d)
{
    __asm__ volatile ( "cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                       : "a" (leaf), "c" (sub) );
}

static bool is_tdx_guest(void)
{
    uint32_t max, b, c, d;

    cpuid(0, 0, &max, &b, &c, &d);
    if ( max < TDX_CPUID_LEAF )
        return false;
    cpuid(TDX_CPUID_LEAF, 0, &max, &b, &c, &d);
    /* "IntelTDX    " in EBX, EDX, ECX. */
    return b == 0x65746e49 && d == 0x5844546c && c == 0x20202020;
}

static bool is_sev_snp_guest(void)
{
    uint32_t a, b, c, d;

    cpuid(0x80000000, 0, &a, &b, &c, &d);
    if ( a < AMD_CPUID_SEV )
        return false;
    cpuid(AMD_CPUID_SEV, 0, &a, &b, &c, &d);
    /* Bit 4: SEV-SNP; only then is SEV_STATUS safe to read. */
    if ( !(a & (1U << 4)) )
        return false;
    return rdmsr(MSR_SEV_STATUS) & SEV_STATUS_SNP;
}

enum accept_platform arch_accept_platform(void)
{
    if ( is_tdx_guest() )
        return ACCEPT_TDX;
    if ( is_sev_snp_guest() )
        return ACCEPT_SEV_SNP;
    return ACCEPT_NONE;
}

uint64_t arch_accept_limit_pa(enum accept_platform p)
{
    switch ( p )
    {
    case ACCEPT_TDX:        return UINT64_MAX;
    case ACCEPT_SEV_SNP:    return BOOT_DIRECTMAP_BYTES;
    case ACCEPT_NONE:       break;
    }
    return 0;
}

static uint64_t tdcall_accept(paddr_t pa, unsigned int level)
{
    uint64_t rax = TDG_MEM_PAGE_ACCEPT, rcx = pa | level;

    /* TDCALL, spelled out for assemblers that do not know it. */
    __asm__ volatile ( ".byte 0x66, 0x0f, 0x01, 0xcc"
                       : "+a" (rax), "+c" (rcx) :: "rdx", "r8", "r9",
                         "r10", "r11", "memory" );
    return rax;
}

static int tdx_accept(paddr_t pa, uint64_t bytes)
{
    while ( bytes )
    {
        bool big = IS_ALIGNED(pa, MB(2)) && bytes >= MB(2);
        uint64_t step = big ? MB(2) : PAGE_SIZE;

        if ( tdcall_accept(pa, big ? TDX_LEVEL_2M : TDX_LEVEL_4K) )
        {
            if ( !big )
            {
                printk("TDX: TDG.MEM.PAGE.ACCEPT failed at %#lx\n",
                       (unsigned long)pa);
                return -1;
            }
            /* The module may refuse 2 MiB; accept the pages one by one. */
            for ( uint64_t o = 0; o < MB(2); o += PAGE_SIZE )
                if ( tdcall_accept(pa + o, TDX_LEVEL_4K) )
                {
                    printk("TDX: TDG.MEM.PAGE.ACCEPT failed at %#lx\n",
                           (unsigned long)(pa + o));
                    return -1;
                }
        }
        pa += step;
        bytes -= step;
    }
    return 0;
}

static int snp_make_private(paddr_t pa)
{
    uint64_t resp;

    wrmsr(MSR_GHCB, (GHCB_PSC_PRIVATE << 52) | (pa & PTE_ADDR_MASK) |
                    GHCB_PSC_REQ);
    __asm__ volatile ( "rep; vmmcall" ::: "memory" );   /* VMGEXIT */
    resp = rdmsr(MSR_GHCB);
    return ((resp & 0xfff) == GHCB_PSC_RESP && !(resp >> 32)) ? 0 : -1;
}

static int snp_accept(paddr_t pa, uint64_t bytes)
{
    for ( ; bytes; pa += PAGE_SIZE, bytes -= PAGE_SIZE )
    {
        uint64_t rax = (uint64_t)(uintptr_t)__va(pa);
        uint32_t rc;
        bool unchanged;

        if ( pa + PAGE_SIZE > BOOT_DIRECTMAP_BYTES || snp_make_private(pa) )
        {
            printk("SEV-SNP: page-state change failed at %#lx\n",
                   (unsigned long)pa);
            return -1;
        }
        /* PVALIDATE: rAX virtual address, ECX 0 (4 KiB), EDX 1 (valid). */
        __asm__ volatile ( ".byte 0xf2, 0x0f, 0x01, 0xff"
                           : "+a" (rax), "=@ccc" (unchanged)
                           : "c" (0), "d" (1) : "memory" );
        rc = (uint32_t)rax;
        if ( rc || unchanged )
        {
            printk("SEV-SNP: PVALIDATE failed at %#lx (%u)\n",
                   (unsigned long)pa, rc);
            return -1;
        }
    }
    return 0;
}

int arch_accept_memory(enum accept_platform p, paddr_t pa, uint64_t bytes)
{
    if ( !IS_ALIGNED(pa | bytes, PAGE_SIZE) )
        return -1;
    if ( p != arch_accept_platform() || p == ACCEPT_NONE )
    {
        printk("Cannot accept memory at %#lx: this is not a %s guest\n",
               (unsigned long)pa, accept_platform_name(p));
        return -1;
    }
    return p == ACCEPT_TDX ? tdx_accept(pa, bytes) : snp_accept(pa, bytes);
}
