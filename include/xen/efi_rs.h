/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calls into the EFI runtime services after ExitBootServices
 * (common/efi/rs_call.c). Every runtime call of the hypervisor, its own or
 * on behalf of dom0, goes through efi_rs_call().
 */
#ifndef XEN_EFI_RS_H
#define XEN_EFI_RS_H

#include <xen/types.h>
#include <xen/bootinfo.h>

/* The services, numbered in the order of their table (UEFI spec 8). */
enum efi_rs_service {
    EFI_RS_GET_TIME,
    EFI_RS_SET_TIME,
    EFI_RS_GET_WAKEUP_TIME,
    EFI_RS_SET_WAKEUP_TIME,
    EFI_RS_SET_VIRTUAL_ADDRESS_MAP,
    EFI_RS_CONVERT_POINTER,
    EFI_RS_GET_VARIABLE,
    EFI_RS_GET_NEXT_VARIABLE_NAME,
    EFI_RS_SET_VARIABLE,
    EFI_RS_GET_NEXT_HIGH_MONO_COUNT,
    EFI_RS_RESET_SYSTEM,
    EFI_RS_UPDATE_CAPSULE,
    EFI_RS_QUERY_CAPSULE_CAPABILITIES,
    EFI_RS_QUERY_VARIABLE_INFO,
    EFI_RS_NR
};

/* The service's name as the UEFI spec spells it ("GetVariable"). */
const char *efi_rs_name(enum efi_rs_service svc);

/* True when the firmware's runtime services table is present and valid. */
bool efi_rs_available(void);

/*
 * Calls service svc with up to five arguments (unused ones 0) and returns
 * its EFI status; EFI_UNSUPPORTED when there are no runtime services or
 * svc is out of range. Pointer arguments are hypervisor addresses: in the
 * image, or in the direct map below 4 GiB.
 */
uint64_t efi_rs_call(enum efi_rs_service svc, uint64_t a1, uint64_t a2,
                     uint64_t a3, uint64_t a4, uint64_t a5);

/*
 * While the runtime page tables are built (arch), before any call:
 * remembers bi for the shutdown after a fault, reads the test-only
 * efi-rs-fault-test option, and says in one line when the runtime
 * services table lies where it cannot be read (above 4 GiB).
 */
void efi_rs_init(const struct boot_info *bi);

/*
 * Once the runtime page tables are checked: carries out efi-rs-fault-test
 * (a test-only option: a GetTime call that faults on purpose).
 */
void efi_rs_fault_test(void);

/* True while a runtime call runs (the exception handler asks). */
bool efi_rs_in_call(void);

/*
 * An exception hit during a runtime call: reports it in one ERR line
 * (vector and its name, RIP, error code, fault address, the service),
 * disables the runtime services for good, leaves the call (a fault during
 * the poweroff is then the hypervisor's own) and powers off without them,
 * on a stack of its own.
 */
void __noreturn efi_rs_fault(unsigned int vector, const char *name,
                             uint64_t rip, uint64_t error_code,
                             uint64_t fault_addr);

/*
 * An NMI during a runtime call is not the firmware's doing: one line, and
 * the call goes on when the handler returns.
 */
void efi_rs_nmi(void);

/*
 * A machine check during a runtime call is the hardware's, not the
 * firmware's: one line, the call is left (the caller's CR3, CR0 and CR4
 * back, the runtime services disabled), and the exception handler goes on
 * with its fatal report.
 */
void efi_rs_machine_check(void);

/*
 * The arch side (arch/x86/efi/rt_pt.c). efi_rs_pagetables_init() builds
 * the runtime L4 once after ExitBootServices, with the frame allocator up
 * (it runs at the end of mm_init), prints its summary line and calls
 * efi_rs_init(); arch_efi_rs_ready() is true once it exists.
 * arch_efi_rs_enter() masks interrupts, saves the caller's FPU and SSE
 * state, loads the control word and MXCSR the UEFI spec promises and the
 * runtime L4; arch_efi_rs_leave() undoes all of it. Callers hold the
 * runtime lock (one call at a time). arch_efi_rs_abandon() is for the
 * exception handler: it puts back the caller's CR3, CR0 and CR4 only.
 */
void efi_rs_pagetables_init(const struct boot_info *bi);
bool arch_efi_rs_ready(void);
void arch_efi_rs_enter(void);
void arch_efi_rs_leave(void);
void arch_efi_rs_abandon(void);

/*
 * The stacks (arch/x86/efi/rs_stack.c): arch_efi_rs_call() calls fn with
 * the firmware's convention and args[0..4] on the runtime stack, which
 * has an unmapped guard page below it (arch_efi_rs_stack_init() unmaps
 * it, before the runtime page tables are built); arch_efi_rs_fault_exit()
 * moves the fault path to a stack of its own and calls fn, which does not
 * return.
 */
typedef void efi_rs_fault_fn(unsigned int vector, const char *name,
                             uint64_t rip, uint64_t error_code,
                             uint64_t fault_addr);
uint64_t arch_efi_rs_call(const void *fn, const uint64_t args[5]);
void __noreturn arch_efi_rs_fault_exit(efi_rs_fault_fn *fn,
                                       unsigned int vector, const char *name,
                                       uint64_t rip, uint64_t error_code,
                                       uint64_t fault_addr);
void arch_efi_rs_stack_init(void);

#endif /* XEN_EFI_RS_H */
