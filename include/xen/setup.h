/* SPDX-License-Identifier: GPL-2.0-only */
/* The common start of the hypervisor, reached by all three entry paths. */
#ifndef XEN_SETUP_H
#define XEN_SETUP_H

#include <xen/bootinfo.h>

/*
 * Runs at the linked address on the hypervisor's boot page tables with
 * boot services gone. *bi must stay valid for the whole boot.
 */
void __noreturn __start_xen(struct boot_info *bi);

/*
 * Prints the boot timeline: each stamp of bi->tsc[] in microseconds since
 * the first, with the TSC's frequency and its source (calibrating the TSC
 * on the first call if CPUID does not give the frequency). Called once at
 * the end of the boot: when dom0 shuts down, or when there is no dom0.
 * The performance counters follow when the command line says `perfc`.
 */
void boot_timeline_print(const struct boot_info *bi);

/*
 * Moves to the hypervisor's own L4 (only its image and direct-map slots),
 * dropping the loader's identity map or the firmware's mappings.
 */
void arch_pagetables_final(const struct boot_info *bi);

/* Walks the live page tables and prints how many leaves are W+X. */
void arch_pagetable_report(const struct boot_info *bi);

/* What arch_pagetable_walk() found under one L4. */
struct pt_wx_count {
    uint64_t leaves;
    uint64_t wx_leaves;
    uint64_t wx_bytes;
    uint64_t unreadable;    /* tables we could not reach to check */
};

/*
 * The walk behind arch_pagetable_report(), over the L4 at l4_pa (its
 * tables in the image or below 4 GiB): counts leaves and W+X leaves.
 */
void arch_pagetable_walk(const struct boot_info *bi, paddr_t l4_pa,
                         struct pt_wx_count *c);

/* Powers the machine off (arch/x86/acpi_power.c); returns on failure. */
void arch_poweroff(const struct boot_info *bi);

/*
 * Resets the machine (arch/x86/acpi_power.c): EFI ResetSystem(EfiResetCold)
 * on EFI machines, then the FADT reset register, port 0xcf9 and the
 * keyboard controller in turn; returns when none of them took.
 */
void arch_reboot(const struct boot_info *bi);

#endif /* XEN_SETUP_H */
