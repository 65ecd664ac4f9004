/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The boot-services phase common to xen.efi and multiboot2-on-EFI, at the
 * linked address: ConOut as a console, the configuration tables, and the
 * one home of ExitBootServices. Every firmware call goes through efi_call()
 * with addresses the firmware can use (efi_pa()).
 */
#include <efi/secboot.h>
#include <xen/accept.h>
#include <xen/arch.h>
#include <xen/cfgtable.h>
#include <xen/console.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <xen/efimap.h>
#include <xen/esrt.h>
#include <xen/retain.h>
#include <xen/fmt.h>
#include <xen/serial.h>
#include <xen/string.h>

/*
 * The spec lets a loader repeat GetMemoryMap and ExitBootServices as often
 * as the key goes stale; firmware whose exit notifications allocate can
 * change the map more than once, so one retry (Linux, Xen) is not enough.
 */
#define EBS_MAX_TRIES   8

struct efi_fw efi_fw;

/* The map snapshots' buffer (efi_memmap_snapshot()), reused. */
static struct efi_map_store snap;

/* ConOut wants UCS-2 lines; collect a line, then make one call. */
static char16_t con_line[160];
static unsigned int con_len;

static void con_flush(void)
{
    struct efi_simple_text_output *out = efi_fw.st->con_out;

    con_line[con_len] = 0;
    if ( out && efi_fw.bs )
        efi_call(out->output_string, out, efi_pa(con_line));
    con_len = 0;
}

static void con_putc(char c)
{
    con_line[con_len++] = (unsigned char)c;
    if ( c == '\n' || con_len == ARRAY_SIZE(con_line) - 1 )
        con_flush();
}

static struct console_sink con_sink = { .name = "efi", .putc = con_putc };

/*
 * True when the firmware's console (the ConOut variable, a multi-instance
 * device path) includes a UART: then ConOut already reaches a serial port.
 */
static bool conout_has_uart(void)
{
    static const struct efi_guid global = EFI_GLOBAL_VARIABLE_GUID;
    static const char16_t name[] = u"ConOut";
    uint8_t dp[1024];
    uint64_t bytes = sizeof(dp);
    uint32_t attr;

    if ( efi_call(efi_fw.rt->get_variable, efi_pa(name), efi_pa(&global),
                  &attr, &bytes, dp) != EFI_SUCCESS )
        return false;
    for ( uint64_t i = 0; i + 4 <= bytes; )
    {
        unsigned int len = dp[i + 2] | (dp[i + 3] << 8);

        if ( len < 4 || len > bytes - i )
            break;
        if ( dp[i] == EFI_DP_TYPE_MESSAGING &&
             dp[i + 1] == EFI_DP_SUBTYPE_UART )
            return true;
        i += len;
    }
    return false;
}

/* UEFI spec 8.2: a variable's attribute bits. */
#define EFI_VARIABLE_NON_VOLATILE   0x00000001U

/*
 * Reads one byte-sized EFI variable and its attributes; false when it is
 * absent, of another size, or unreadable.
 */
static bool efi_var_u8(const char16_t *name, const struct efi_guid *vendor,
                       uint8_t *val, uint32_t *attr)
{
    uint8_t buf[8];
    uint64_t bytes = sizeof(buf);

    *attr = 0;
    if ( efi_call(efi_fw.rt->get_variable, efi_pa(name), efi_pa(vendor),
                  attr, &bytes, buf) != EFI_SUCCESS || bytes != 1 )
        return false;
    *val = buf[0];
    return true;
}

/* See xen/efi_boot.h. */
bool efi_secure_boot;

/*
 * One line with the firmware's Secure Boot state, as the SecureBoot and
 * SetupMode variables (UEFI 2.10, 3.3) tell it: the firmware verified this
 * image's signature before starting it only when SecureBoot is 1. shim's
 * MokSBStateRT, when present, is added: 1 means its user turned shim's
 * own verification off (mokutil --disable-validation), so what shim
 * starts is not verified and Secure Boot counts as off, as Linux counts
 * it. shim creates it volatile, every boot; a non-volatile one is what
 * anyone with root in an OS could leave behind to turn Secure Boot off
 * for the next boot, so it is ignored (Linux's EFI stub checks the same
 * attribute).
 */
static void secure_boot_report(void)
{
    static const struct efi_guid global = EFI_GLOBAL_VARIABLE_GUID;
    static const struct efi_guid shim = EFI_SHIM_LOCK_GUID;
    static const char16_t sb_name[] = u"SecureBoot";
    static const char16_t sm_name[] = u"SetupMode";
    static const char16_t mok_name[] = u"MokSBStateRT";
    uint8_t sb = 0, sm = 0, mok = 0;
    uint32_t sb_attr, sm_attr, mok_attr;
    bool have_sb = efi_var_u8(sb_name, &global, &sb, &sb_attr);
    bool have_sm = efi_var_u8(sm_name, &global, &sm, &sm_attr);
    bool have_mok = efi_var_u8(mok_name, &shim, &mok, &mok_attr);
    bool mok_nv = have_mok && (mok_attr & EFI_VARIABLE_NON_VOLATILE);
    char mode[16] = "unknown", tail[64] = "";

    efi_secure_boot = have_sb && sb == 1 &&
                      !(have_mok && !mok_nv && mok == 1);
    if ( have_sm )
        fmt_snprintf(mode, sizeof(mode), "%u", sm);
    if ( have_mok )
        fmt_snprintf(tail, sizeof(tail), ", MokSBStateRT %u%s", mok,
                     mok_nv ? " non-volatile, ignored" : "");
    printk("Secure Boot: %s (SetupMode %s%s)\n",
           efi_secure_boot ? "enabled" :
           have_sb && sb == 1 ? "disabled by shim" : "disabled", mode, tail);
}

void efi_boot_init(efi_handle_t image, struct efi_system_table *st,
                   struct boot_info *bi)
{
    const char16_t *v = (const void *)(uintptr_t)st->firmware_vendor;
    unsigned int i;

    efi_fw.image = image;
    efi_fw.st = st;
    efi_fw.bs = st->bs;
    efi_fw.rt = st->rt;
    console_register(&con_sink);

    /*
     * While boot services run, the firmware console is the console. When
     * it already drives a serial port, our own COM1 output would print
     * every line twice there; COM1 returns at ExitBootServices.
     */
    if ( conout_has_uart() )
    {
        ns16550_unregister(0);
        printk(XENLOG_INFO
               "Firmware console includes a serial port: using it until "
               "ExitBootServices\n");
    }
    secure_boot_report();

    /* Without a boot loader the firmware is the loader: name it. */
    if ( bi->loader_name[0] )
        return;
    for ( i = 0; v && v[i] && i < sizeof(bi->loader_name) - 1; i++ )
        bi->loader_name[i] = v[i] < 0x7f && v[i] >= 0x20 ? v[i] : '?';
    bi->loader_name[i] = 0;
}

const char *efi_status_str(efi_status_t s, char *buf, size_t len)
{
    static const struct { efi_status_t s; const char *name; } names[] = {
        { EFI_SUCCESS, "EFI_SUCCESS" },
        { EFI_LOAD_ERROR, "EFI_LOAD_ERROR" },
        { EFI_INVALID_PARAMETER, "EFI_INVALID_PARAMETER" },
        { EFI_UNSUPPORTED, "EFI_UNSUPPORTED" },
        { EFI_BUFFER_TOO_SMALL, "EFI_BUFFER_TOO_SMALL" },
        { EFI_DEVICE_ERROR, "EFI_DEVICE_ERROR" },
        { EFI_OUT_OF_RESOURCES, "EFI_OUT_OF_RESOURCES" },
        { EFI_NOT_FOUND, "EFI_NOT_FOUND" },
        { EFI_ACCESS_DENIED, "EFI_ACCESS_DENIED" },
        { EFI_ABORTED, "EFI_ABORTED" },
        { EFI_SECURITY_VIOLATION, "EFI_SECURITY_VIOLATION" },
    };

    for ( unsigned int i = 0; i < ARRAY_SIZE(names); i++ )
        if ( names[i].s == s )
            return names[i].name;
    fmt_snprintf(buf, len, "EFI status %#lx", (unsigned long)s);
    return buf;
}

static bool guid_eq(const struct efi_guid *a, const struct efi_guid *b)
{
    return !memcmp(a, b, sizeof(*a));
}

void efi_tables_scan(struct boot_info *bi)
{
    static const struct {
        struct efi_guid guid;
        const char *name;
    } known[] = {
        { EFI_ACPI_20_TABLE_GUID, "ACPI 2.0" },
        { EFI_ACPI_TABLE_GUID, "ACPI 1.0" },
        { EFI_SMBIOS_TABLE_GUID, "SMBIOS" },
        { EFI_SMBIOS3_TABLE_GUID, "SMBIOS3" },
    };
    const struct efi_config_table *t = efi_fw.st->tables;
    uint64_t n = efi_fw.st->nr_tables;

    bi->efi_systab_pa = (paddr_t)(uintptr_t)efi_fw.st;
    printk(XENLOG_INFO
           "EFI system table at %#lx, revision %u.%02u, %lu configuration "
           "tables\n", (unsigned long)bi->efi_systab_pa,
           efi_fw.st->hdr.revision >> 16, efi_fw.st->hdr.revision & 0xffff,
           (unsigned long)n);
    for ( uint64_t i = 0; cfgtable_next(t, n, NULL, &i); i++ )
    {
        const struct retain_kind *rk = retain_kind_of((const void *)
                                                      &t[i].guid);
        unsigned int k = 0;
        char guid[37];

        while ( k < ARRAY_SIZE(known) &&
                !guid_eq(&t[i].guid, &known[k].guid) )
            k++;
        printk(XENLOG_INFO
               " %-18s at %#lx\n", k < ARRAY_SIZE(known) ? known[k].name :
               rk ? rk->name : esrt_guid_string(guid, &t[i].guid),
               (unsigned long)t[i].table);
        /*
         * The RSDP (v2 preferred) for ACPI poweroff and dom0; the bound is
         * written so that an address near 2^64 cannot wrap it.
         */
        if ( k <= 1 && (k == 0 || !bi->rsdp_bytes) && t[i].table &&
             arch_boot_directmap_covers(t[i].table, BOOT_RSDP_MAX) )
        {
            const uint8_t *r = (const void *)(uintptr_t)t[i].table;

            bi->rsdp_bytes = k == 0 ? MIN(*(const uint32_t *)(r + 20),
                                          (uint32_t)BOOT_RSDP_MAX) : 20;
            memcpy(bi->rsdp, r, bi->rsdp_bytes);
        }
    }
}

/* See xen/efi_boot.h. */
const struct efimap_entry *efi_memmap_snapshot(unsigned int *nr)
{
    uint64_t need, desc_bytes;
    uint32_t desc_version;
    efi_status_t s;

    /* The map may grow between the size question and the answer. */
    for ( unsigned int tries = 0; tries < 4; tries++ )
    {
        if ( efi_map_size(&need, &desc_bytes, &desc_version) != EFI_SUCCESS )
            return NULL;
        if ( !snap.pa || need > snap.room || desc_bytes != snap.desc_bytes )
        {
            efi_map_store_free(&snap);
            if ( efi_map_store_alloc(&snap, need, desc_bytes) != EFI_SUCCESS )
                return NULL;
        }
        s = efi_map_store_fill(&snap);
        if ( s == EFI_SUCCESS )
            return efi_map_store_normalize(&snap,
                                           (const void *)(uintptr_t)snap.pa,
                                           nr);
        if ( s != EFI_BUFFER_TOO_SMALL )
            return NULL;
    }
    return NULL;
}

/* See xen/efi_boot.h. */
void efi_memmap_snapshot_free(void)
{
    efi_map_store_free(&snap);
}

/*
 * ExitBootServices failed for good after at least one call: the UEFI
 * spec allows no boot service but the memory services from the first
 * call on, and this calls none at all any more (no ConOut, no memory
 * attribute protocol, no Exit back to the firmware). One line on the
 * hypervisor's own serial port, then a halt.
 */
static void __noreturn ebs_gave_up(unsigned int calls, efi_status_t s)
{
    char st[32];

    efi_fw.bs = NULL;
    console_unregister(&con_sink);
    console_init_early();
    printk("ERR: ExitBootServices failed after %u calls (%s)\n", calls,
           efi_status_str(s, st, sizeof(st)));
    printk("Halting: no boot service may be used after a failed "
           "ExitBootServices, a return to the firmware included\n");
    arch_halt();
}

efi_status_t efi_exit_boot_services(struct boot_info *bi)
{
    struct efi_map_store st = { 0 };
    uint64_t need, desc_bytes;
    uint32_t desc_version;
    efi_status_t s;
    unsigned int calls = 0;

    efi_accept_before_exit();
    efi_memmap_snapshot_free();
    /*
     * The buffer is sized for the map as it is now plus slack, and taken
     * before the loop: nothing may allocate between GetMemoryMap and
     * ExitBootServices, printing included (ConOut may allocate), or the
     * key goes stale.
     */
    s = efi_map_size(&need, &desc_bytes, &desc_version);
    if ( s != EFI_SUCCESS )
        return s;
    if ( desc_version != EFI_MEMORY_DESCRIPTOR_VERSION )
    {
        printk("EFI memory map: descriptor version %u, not %u\n",
               desc_version, EFI_MEMORY_DESCRIPTOR_VERSION);
        return EFI_UNSUPPORTED;
    }
    if ( (s = efi_map_store_alloc(&st, need, desc_bytes)) != EFI_SUCCESS )
        return s;
    con_flush();
    while ( calls < EBS_MAX_TRIES )
    {
        s = efi_map_store_fill(&st);
        if ( s == EFI_SUCCESS &&
             (st.desc_version != desc_version || st.desc_bytes != desc_bytes) )
            s = EFI_UNSUPPORTED;
        if ( s != EFI_SUCCESS )
            break;
        calls++;
        s = efi_call(efi_fw.bs->exit_boot_services, efi_fw.image, st.key);
        if ( s != EFI_INVALID_PARAMETER )
            break;
    }
    bi->efi_ebs_tries = calls;
    if ( s != EFI_SUCCESS && !calls )
    {
        efi_map_store_free(&st);
        return s;
    }
    if ( s != EFI_SUCCESS )
        ebs_gave_up(calls, s);

    bi->tsc[BOOT_PHASE_EXIT_BS] = arch_timestamp();
    efi_fw.bs = NULL;
    console_unregister(&con_sink);
    console_init_early();
    bi->efi_desc_bytes = desc_bytes;
    bi->efi_desc_version = desc_version;
    /* Below 4 GiB, so the boot direct map reaches it from here on. */
    bi->efi_map = maddr_to_virt(st.pa);
    bi->efi_map_bytes = st.map_bytes;
    bi->efi_map_store_pa = st.pa;
    bi->efi_map_store_bytes = st.bytes;
    bi->efi_map_room_bytes = st.room;
    if ( calls > 1 )
        printk("ExitBootServices succeeded on call %u (the map key went "
               "stale %u times)\n", calls, calls - 1);
    return EFI_SUCCESS;
}

/*
 * Called by the thunk with the Microsoft convention at the image's
 * physical alias under the firmware's CR3, it calls shim's Verify with
 * the System V convention shim uses (include/efi/secboot.h).
 */
static efi_status_t EFIAPI shim_lock_call(efi_shim_lock_verify_fn *verify,
                                          void *buf, uint64_t bytes)
{
    return verify(buf, (uint32_t)bytes);
}

/* See xen/efi_boot.h. */
efi_status_t efi_verify_dom0(const struct boot_module *m)
{
    static const struct efi_guid guid = EFI_SHIM_LOCK_GUID;
    struct efi_shim_lock *lock;
    efi_status_t s;
    char st[32];

    if ( efi_call(efi_fw.bs->locate_protocol, efi_pa(&guid), 0, &lock) ||
         !lock )
    {
        if ( efi_secure_boot )
            printk("WARNING: Secure Boot: no shim lock protocol, the dom0 "
                   "kernel is not verified\n");
        return EFI_SUCCESS;
    }
    if ( m->size_bytes > UINT32_MAX )
    {
        printk("ERR: dom0 kernel too large for the shim lock protocol "
               "(EFI_SECURITY_VIOLATION)\n");
        return EFI_SECURITY_VIOLATION;
    }
    s = efi_call(efi_pa((const void *)shim_lock_call), lock->verify,
                 m->start_pa, m->size_bytes);
    if ( s != EFI_SUCCESS )
    {
        printk("ERR: dom0 kernel refused by the shim lock protocol (%s)\n",
               efi_status_str(s, st, sizeof(st)));
        return s;
    }
    printk("Dom0 kernel verified by the shim lock protocol (%lu bytes)\n",
           (unsigned long)m->size_bytes);
    return EFI_SUCCESS;
}
