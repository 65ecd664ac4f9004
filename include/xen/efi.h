/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The interface between the common EFI boot code (common/efi/) and the
 * arch side (arch/x86/efi/): how to call the firmware from the linked
 * address, and how to turn our addresses into ones the firmware can use.
 */
#ifndef XEN_EFI_H
#define XEN_EFI_H

#include <efi/efi.h>
#include <xen/bootinfo.h>

/*
 * Calls firmware function fn with up to six arguments through the thunk in
 * arch/x86/efi/thunk.S: it runs from the image's physical alias, loads the
 * firmware's CR3 and interrupt flag for the call and puts ours back after.
 * Any pointer argument must be one the firmware can use: see efi_pa().
 */
uint64_t efi_thunk_call(const void *fn, uint64_t a1, uint64_t a2,
                        uint64_t a3, uint64_t a4, uint64_t a5, uint64_t a6);

#define efi_call(fn, ...) efi_call_(fn, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define efi_call_(fn, a, b, c, d, e, f, ...) \
    efi_thunk_call((const void *)(fn), (uint64_t)(a), (uint64_t)(b), \
                   (uint64_t)(c), (uint64_t)(d), (uint64_t)(e), (uint64_t)(f))

/*
 * The address the firmware sees for p: the physical alias for anything in
 * the image (static data, BSS), p itself for anything else (the firmware's
 * stack and allocations, which it maps 1:1).
 */
uint64_t efi_pa(const void *p);

/* Physical address minus linked address of the image. */
extern int64_t efi_phys_offset;

/* The firmware's CR3, restored around every firmware call. */
extern uint64_t efi_fw_cr3;

/* The linked-address half of an EFI entry path. */
typedef efi_status_t efi_linked_fn_t(efi_handle_t image,
                                     struct efi_system_table *st, void *arg);

/* The TSC at xen.efi's first instruction (efi_start), 0 before. */
extern uint64_t efi_start_tsc;

/*
 * At the load address (arch/x86/efi/switch.c): builds efi_l4_bootmap, or
 * says on ConOut why it cannot; then switches to it and calls fn (its
 * load address) at its linked address. Only a failure returns.
 */
efi_status_t efi_prepare_bootmap(struct efi_system_table *st);
efi_status_t efi_enter_linked(efi_linked_fn_t *fn, efi_handle_t image,
                              struct efi_system_table *st, void *arg);

/*
 * After ExitBootServices, before boot-services memory is handed out:
 * clears efi_l4_bootmap's copy of the firmware's entries and the CR3
 * values the thunk would load, so nothing points at the firmware's page
 * tables any more; efi_thunk_call then refuses with EFI_UNSUPPORTED.
 */
void efi_bridge_retire(void);

/* Entry slot of efi_l4_bootmap, for the final page tables. */
uint64_t efi_l4_entry(unsigned int slot);

/* The linked address of something the load-address code pointed at. */
void *efi_linked_va(uint64_t pa);

/*
 * The xen.efi boot-services phase (common/efi/xenefi.c; arg is the loaded
 * image protocol) and the multiboot2 one (common/efi/mb2efi.c; arg is the
 * boot_info filled from the MBI). Each returns an EFI error to hand back
 * to the firmware, or does not return at all.
 */
efi_linked_fn_t efi_xen_main;
efi_linked_fn_t efi_multiboot2;

/* Leaves the firmware's stack and enters __start_xen (arch/x86/efi). */
void __noreturn arch_efi_start_xen(struct boot_info *bi);

/* Resets or powers off through the runtime services; returns on failure. */
void efi_reset_system(uint32_t type);

#endif /* XEN_EFI_H */
