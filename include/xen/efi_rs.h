/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calls into the EFI runtime services after ExitBootServices
 * (common/efi/runtime.c). Every runtime call of the hypervisor, its own or
 * on behalf of dom0, goes through efi_rs_call().
 */
#ifndef XEN_EFI_RS_H
#define XEN_EFI_RS_H

#include <xen/types.h>

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

#endif /* XEN_EFI_RS_H */
