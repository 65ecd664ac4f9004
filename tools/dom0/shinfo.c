/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * shared_info for the small dom0's tools (tools/dom0/shinfo.h).
 */
#include "console.h"
#include "hypercall.h"
#include "mm.h"
#include "shinfo.h"

static uint8_t si_page[MM_PAGE_BYTES] __attribute__((__aligned__(4096)));
static volatile struct shared_info *shinfo;

volatile struct shared_info *shinfo_map(const struct start_info *si,
                                        const char *tool)
{
    long rc = hypercall_update_va_mapping((unsigned long)si_page,
                                          si->shared_info | MM_PTE_P |
                                          MM_PTE_RW | MM_PTE_US | MM_PTE_A |
                                          MM_PTE_D, UVMF_INVLPG);

    if ( rc )
    {
        console_line("%s: cannot map shared_info: rc=%ld", tool, rc);
        return NULL;
    }
    shinfo = (volatile struct shared_info *)si_page;
    return shinfo;
}

void shinfo_unmap(void)
{
    hypercall_update_va_mapping((unsigned long)si_page,
                                mm_virt_to_mfn(si_page) * MM_PAGE_BYTES |
                                MM_PTE_P | MM_PTE_RW | MM_PTE_US |
                                MM_PTE_A | MM_PTE_D, UVMF_INVLPG);
    shinfo = NULL;
}

uint64_t shinfo_system_ns(void)
{
    volatile struct vcpu_time_info *t = &shinfo->vcpu_info[0].time;
    uint32_t v, lo, hi;
    uint64_t d, ns;

    do
    {
        v = t->version;
        asm volatile ( "" ::: "memory" );
        asm volatile ( "rdtsc" : "=a" (lo), "=d" (hi) );
        d = (((uint64_t)hi << 32) | lo) - t->tsc_timestamp;
        d = t->tsc_shift < 0 ? d >> -t->tsc_shift : d << t->tsc_shift;
        ns = t->system_time +
             (uint64_t)(((unsigned __int128)d * t->tsc_to_system_mul) >> 32);
        asm volatile ( "" ::: "memory" );
    } while ( (v & 1) || v != t->version );
    return ns;
}
