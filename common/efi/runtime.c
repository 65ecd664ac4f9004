/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runtime services after ExitBootServices, in physical mode (no
 * SetVirtualAddressMap). A call runs on the bridge L4 (efi_l4_bootmap):
 * the firmware's own 1:1 entries plus the hypervisor's image and the
 * direct map below 4 GiB, so pointers into either reach the firmware
 * unchanged. Interrupts stay masked, as everywhere in the hypervisor.
 */
#include <efi/efi.h>
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <xen/efi_rs.h>
#include <asm/config.h>
#include <asm/io.h>

#define EFI_RT_SIGNATURE    0x56524553544e5552ULL

typedef efi_status_t (EFIAPI efi_rs_fn_t)(uint64_t, uint64_t, uint64_t,
                                          uint64_t, uint64_t);

extern uint64_t efi_bridge_cr3;

static const char *const efi_rs_names[EFI_RS_NR] = {
    [EFI_RS_GET_TIME] = "GetTime",
    [EFI_RS_SET_TIME] = "SetTime",
    [EFI_RS_GET_WAKEUP_TIME] = "GetWakeupTime",
    [EFI_RS_SET_WAKEUP_TIME] = "SetWakeupTime",
    [EFI_RS_SET_VIRTUAL_ADDRESS_MAP] = "SetVirtualAddressMap",
    [EFI_RS_CONVERT_POINTER] = "ConvertPointer",
    [EFI_RS_GET_VARIABLE] = "GetVariable",
    [EFI_RS_GET_NEXT_VARIABLE_NAME] = "GetNextVariableName",
    [EFI_RS_SET_VARIABLE] = "SetVariable",
    [EFI_RS_GET_NEXT_HIGH_MONO_COUNT] = "GetNextHighMonotonicCount",
    [EFI_RS_RESET_SYSTEM] = "ResetSystem",
    [EFI_RS_UPDATE_CAPSULE] = "UpdateCapsule",
    [EFI_RS_QUERY_CAPSULE_CAPABILITIES] = "QueryCapsuleCapabilities",
    [EFI_RS_QUERY_VARIABLE_INFO] = "QueryVariableInfo",
};

const char *efi_rs_name(enum efi_rs_service svc)
{
    return (unsigned int)svc < EFI_RS_NR ? efi_rs_names[svc] : "?";
}

/* The runtime services table through the direct map, or NULL. */
static const struct efi_runtime_services *efi_rs_table(void)
{
    uint64_t rt_pa = (uint64_t)(uintptr_t)efi_fw.rt;
    const struct efi_runtime_services *rt;

    if ( !rt_pa || !efi_bridge_cr3 ||
         rt_pa + sizeof(*rt) > BOOT_DIRECTMAP_BYTES )
        return NULL;
    rt = __va(rt_pa);
    return rt->hdr.signature == EFI_RT_SIGNATURE ? rt : NULL;
}

bool efi_rs_available(void)
{
    return efi_rs_table() != NULL;
}

uint64_t efi_rs_call(enum efi_rs_service svc, uint64_t a1, uint64_t a2,
                     uint64_t a3, uint64_t a4, uint64_t a5)
{
    const struct efi_runtime_services *rt = efi_rs_table();
    efi_rs_fn_t *fn;
    uint64_t cr3;
    efi_status_t s;

    if ( !rt || (unsigned int)svc >= EFI_RS_NR )
        return EFI_UNSUPPORTED;
    fn = (efi_rs_fn_t *)(&rt->get_time)[svc];
    if ( !fn )
        return EFI_UNSUPPORTED;
    cr3 = read_cr3();
    write_cr3(efi_bridge_cr3);
    s = fn(a1, a2, a3, a4, a5);
    write_cr3(cr3);
    return s;
}

void efi_reset_system(uint32_t type)
{
    if ( !efi_rs_available() )
    {
        printk("EFI runtime services not available\n");
        return;
    }
    printk("Calling EFI ResetSystem(%s)\n",
           type == EFI_RESET_SHUTDOWN ? "shutdown" :
           type == EFI_RESET_COLD ? "cold reset" : "reset");
    efi_rs_call(EFI_RS_RESET_SYSTEM, type, EFI_SUCCESS, 0, 0, 0);
    printk("EFI ResetSystem returned\n");
}
