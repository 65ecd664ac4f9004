/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Accepting memory that UEFI reports as unaccepted (type 15). Before
 * ExitBootServices the firmware's memory-accept protocol does it
 * (common/efi/accept.c); after it, only the platform can: TDX guests with
 * TDG.MEM.PAGE.ACCEPT, SEV-SNP guests with a page-state change and
 * PVALIDATE (arch/x86/accept.c). Elsewhere nothing can, and the memory
 * stays out of RAM: nothing pretends to accept it.
 */
#ifndef XEN_ACCEPT_H
#define XEN_ACCEPT_H

#include <xen/types.h>
#include <xen/efimap.h>
#include <xen/unaccepted.h>

enum accept_platform {
    ACCEPT_NONE,        /* no way to accept after ExitBootServices */
    ACCEPT_TDX,
    ACCEPT_SEV_SNP,
};

/* What this CPU offers, from CPUID (and SEV_STATUS on AMD). */
enum accept_platform arch_accept_platform(void);
const char *accept_platform_name(enum accept_platform p);

/*
 * The address below which arch_accept_memory() can accept on platform p
 * after ExitBootServices: UINT64_MAX for no limit, 0 for none at all.
 * SEV-SNP is limited to the boot direct map (4 GiB), which PVALIDATE
 * addresses pages through.
 */
uint64_t arch_accept_limit_pa(enum accept_platform p);

/*
 * Accepts [pa, pa + bytes) (4 KiB aligned) with the platform's mechanism.
 * Returns 0, or -1 after printing why (including: not that platform).
 */
int arch_accept_memory(enum accept_platform p, paddr_t pa, uint64_t bytes);

/*
 * Before ExitBootServices (EFI paths): accepts, through the firmware's
 * protocol, what cannot be tracked in 2 MiB units (unaligned edges, ranges
 * below 4 MiB), and tells OVMF's SEV protocol to leave the rest unaccepted
 * only when the platform can accept it later. Prints what it did.
 */
void efi_accept_before_exit(void);

/*
 * After ExitBootServices: tracks what is still unaccepted in the final EFI
 * map. With a platform mechanism it becomes RAM accepted on use; without
 * one it is listed and stays out of RAM. map is the normalized final map.
 * Returns the e820 conversion flags to use for unaccepted memory.
 */
unsigned int accept_setup_after_exit(const struct efimap_entry *map,
                                     unsigned int nr);

/* What is still unaccepted: empty when nothing is, or nothing can accept. */
extern struct unaccepted_table accept_table;

#endif /* XEN_ACCEPT_H */
