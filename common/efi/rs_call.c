/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Runtime services after ExitBootServices, in physical mode (no
 * SetVirtualAddressMap). Every call runs on the hypervisor's runtime page
 * tables (arch/x86/efi/rt_pt.c: the hypervisor's slots plus the runtime
 * ranges 1:1), one at a time, interrupts masked, with the FPU state the
 * UEFI spec promises and the caller's saved around it. An exception
 * inside the firmware ends in efi_rs_fault(): reported, the runtime
 * services disabled, the machine powered off without them.
 */
#include <efi/efi.h>
#include <xen/arch.h>
#include <xen/cmdline.h>
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <xen/efi_rs.h>
#include <xen/efi_rtcall.h>
#include <xen/setup.h>
#include <xen/string.h>

#define EFI_RT_SIGNATURE    0x56524553544e5552ULL

/*
 * efi-rs-fault-test hands GetTime this pointer: a page of PML4 slot 256,
 * which no page table of the hypervisor maps.
 */
#define EFI_RS_FAULT_TEST_VA    0xffff800000002000UL

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

/*
 * The runtime lock: 1 while a call runs. The hypervisor runs on one CPU
 * with interrupts masked, so a call that finds it taken was made from
 * inside a call (an exception handler, or code the firmware reached): it
 * is refused, never waited for, which would deadlock.
 */
static uint32_t rs_lock;
static volatile int rs_current = -1;
/* The service that faulted, for the report after the call is left. */
static int rs_faulted = -1;
static bool rs_disabled;
static const struct boot_info *rs_bi;

/* efi-rs-fault-test[=reenter|twice]: test only, see docs/boot.md. */
enum rs_fault_test { RS_TEST_NONE, RS_TEST_FAULT, RS_TEST_REENTER,
                     RS_TEST_TWICE };
static enum rs_fault_test rs_test;

/* See xen/efi_rs.h. */
const char *efi_rs_name(enum efi_rs_service svc)
{
    return (unsigned int)svc < EFI_RS_NR ? efi_rs_names[svc] : "?";
}

/* The runtime services table through the direct map, or NULL. */
static const struct efi_runtime_services *efi_rs_table(void)
{
    uint64_t rt_pa = (uint64_t)(uintptr_t)efi_fw.rt;
    const struct efi_runtime_services *rt;

    if ( !rt_pa || rs_disabled || !arch_efi_rs_ready() ||
         !arch_boot_directmap_covers(rt_pa, sizeof(*rt)) )
        return NULL;
    rt = maddr_to_virt(rt_pa);
    return rt->hdr.signature == EFI_RT_SIGNATURE ? rt : NULL;
}

/* See xen/efi_rs.h. */
bool efi_rs_available(void)
{
    return efi_rs_table() != NULL;
}

/* See xen/efi_rs.h. */
bool efi_rs_in_call(void)
{
    return rs_current >= 0;
}

/* See xen/efi_rs.h. */
uint64_t efi_rs_call(enum efi_rs_service svc, uint64_t a1, uint64_t a2,
                     uint64_t a3, uint64_t a4, uint64_t a5)
{
    const struct efi_runtime_services *rt = efi_rs_table();
    const uint64_t args[5] = { a1, a2, a3, a4, a5 };
    const void *fn;
    efi_status_t s;

    if ( !rt || (unsigned int)svc >= EFI_RS_NR )
        return EFI_UNSUPPORTED;
    fn = (&rt->get_time)[svc];
    if ( !fn )
        return EFI_UNSUPPORTED;
    if ( __atomic_exchange_n(&rs_lock, 1, __ATOMIC_ACQUIRE) )
    {
        printk("ERR: EFI runtime call %s made inside %s: refused\n",
               efi_rs_name(svc),
               rs_current >= 0 ? efi_rs_name(rs_current) : "another");
        return EFI_UNSUPPORTED;
    }
    arch_efi_rs_enter();
    rs_current = svc;
    s = arch_efi_rs_call(fn, args);
    rs_current = -1;
    arch_efi_rs_leave();
    __atomic_store_n(&rs_lock, 0, __ATOMIC_RELEASE);
    return s;
}

/*
 * The rest of the fault path, on a stack of its own (the one the fault
 * came on may be the runtime stack, overrun, or a 4 KiB IST stack), with
 * the call already left.
 */
static void __noreturn rs_fault_report(unsigned int vector, const char *name,
                                       uint64_t rip, uint64_t error_code,
                                       uint64_t fault_addr)
{
    printk("ERR: exception %u (%s) in EFI runtime service %s: RIP %#lx, "
           "error code %#lx, address %#lx\n", vector, name,
           efi_rs_name(rs_faulted), (unsigned long)rip,
           (unsigned long)error_code, (unsigned long)fault_addr);
    printk("EFI runtime services disabled: powering off without them\n");
    /* efi-rs-fault-test=twice: a fault in the poweroff path itself. */
    if ( rs_test == RS_TEST_TWICE )
    {
        printk("efi-rs-fault-test: raising #UD in the poweroff path\n");
        __asm__ volatile ( "ud2" );
    }
    if ( rs_bi )
        arch_poweroff(rs_bi);
    panic("poweroff after the EFI runtime fault failed");
}

/* See xen/efi_rs.h. */
void efi_rs_fault(unsigned int vector, const char *name, uint64_t rip,
                  uint64_t error_code, uint64_t fault_addr)
{
    uint64_t s;

    /*
     * efi-rs-fault-test=reenter: a runtime call from here, inside the
     * faulting one, must be refused at once (not deadlock on the lock).
     */
    if ( rs_test == RS_TEST_REENTER )
    {
        s = efi_rs_call(EFI_RS_GET_NEXT_HIGH_MONO_COUNT, 0, 0, 0, 0, 0);
        printk("efi-rs-fault-test: nested call returned %#lx\n",
               (unsigned long)s);
    }
    /*
     * The firmware may hold its own locks now: never call it again. The
     * call is over for the exception handler too, so an exception in
     * what follows is reported as the hypervisor's own, not taken for
     * the firmware's again.
     */
    rs_disabled = true;
    rs_faulted = rs_current;
    rs_current = -1;
    arch_efi_rs_abandon();
    arch_efi_rs_fault_exit(rs_fault_report, vector, name, rip, error_code,
                           fault_addr);
}

/* See xen/efi_rs.h. */
void efi_rs_nmi(void)
{
    printk("WARNING: NMI during EFI runtime service %s: not a firmware "
           "fault, the call goes on\n", efi_rs_name(rs_current));
}

/* See xen/efi_rs.h. */
void efi_rs_machine_check(void)
{
    const char *svc = efi_rs_name(rs_current);

    rs_disabled = true;
    rs_current = -1;
    arch_efi_rs_abandon();
    printk("ERR: machine check during EFI runtime service %s: a hardware "
           "error, not a firmware fault\n", svc);
}

static enum rs_fault_test fault_test_wanted(const char *cmdline)
{
    enum rs_fault_test t = RS_TEST_NONE;
    struct cmdline_iter it;
    struct cmdline_word w;

    cmdline_iter_init(&it, cmdline, strlen(cmdline));
    while ( cmdline_next(&it, &w) )
    {
        if ( !cmdline_name_is(&w, "efi-rs-fault-test") )
            continue;
        if ( !w.value )
            t = RS_TEST_FAULT;
        else if ( w.value_len == 7 && !strncmp(w.value, "reenter", 7) )
            t = RS_TEST_REENTER;
        else if ( w.value_len == 5 && !strncmp(w.value, "twice", 5) )
            t = RS_TEST_TWICE;
        else
            printk("WARNING: efi-rs-fault-test=%.*s not understood\n",
                   (int)w.value_len, w.value);
    }
    return t;
}

/* See xen/efi_rs.h. */
void efi_rs_init(const struct boot_info *bi)
{
    uint64_t rt_pa = (uint64_t)(uintptr_t)efi_fw.rt;

    rs_bi = bi;
    rs_test = fault_test_wanted(bi->cmdline);
    /* The table is read through the boot direct map, the low 4 GiB. */
    if ( !arch_boot_directmap_covers(rt_pa,
                                     sizeof(struct efi_runtime_services)) )
        printk("WARNING: EFI runtime services table at %#lx is above "
               "4 GiB: runtime services disabled\n", (unsigned long)rt_pa);
}

/* See xen/efi_rs.h. */
void efi_rs_fault_test(void)
{
    uint64_t s;

    if ( rs_test == RS_TEST_NONE )
        return;
    printk("efi-rs-fault-test: GetTime(%#lx), a page no page table maps\n",
           EFI_RS_FAULT_TEST_VA);
    s = efi_rs_call(EFI_RS_GET_TIME, EFI_RS_FAULT_TEST_VA, 0, 0, 0, 0);
    printk("ERR: efi-rs-fault-test: GetTime returned %#lx without a "
           "fault\n", (unsigned long)s);
}

void efi_reset_system(uint32_t type)
{
    static const char *const names[] = {
        "cold reset", "warm reset", "shutdown", "platform-specific reset",
    };
    uint32_t capsule_type;

    if ( !efi_rs_available() )
    {
        printk(rs_disabled ? "EFI runtime services disabled after a fault\n"
                           : "EFI runtime services not available\n");
        return;
    }
    /*
     * A capsule that persists across the reset is lost on a reset of
     * another type than the one QueryCapsuleCapabilities asked for
     * (EfiResetCold clears the memory it waits in).
     */
    if ( type != EFI_RESET_SHUTDOWN && efi_capsule_pending(&capsule_type) )
    {
        printk("A capsule update is pending: the reset is of the type the "
               "firmware asked for\n");
        type = capsule_type;
    }
    printk("Calling EFI ResetSystem(%s)\n",
           type < ARRAY_SIZE(names) ? names[type] : "reset");
    efi_rs_call(EFI_RS_RESET_SYSTEM, type, EFI_SUCCESS, 0, 0, 0);
    printk("EFI ResetSystem returned\n");
}
