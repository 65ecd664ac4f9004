/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the hypercall argument decoding: the dispatcher and the
 * common handlers (arch/x86/pv/hypercall.c, common/console_io.c,
 * kernel.c, sched.c, memory.c, platform_op.c, multicall.c, efi/runtime_op.c,
 * perfc.c for sysctl) built
 * on the host, over a fake guest (a 16 KiB window of guest virtual memory
 * at 0x1000; every other address is -EFAULT, as the real checked copy
 * says) and a fake firmware (system table, vendor string, runtime table
 * and an EFI memory map taken from the input).
 *
 * Input: h[0] bit 0 booted through EFI, bit 1 runtime services present,
 * bit 2 no ExitBootServices stamp in the boot timeline (and the firmware
 * answers EFI_BUFFER_TOO_SMALL), bits 3-7 how many bytes (times 13) a
 * successful GetVariable or GetNextVariableName adds to the size it
 * answers (firmware that lies);
 * h[1] hypercall (an index into calls[] below, or the raw number);
 * h[2..41] five u64 arguments; the rest seeds the guest window, whose
 * first 480 bytes are also the EFI memory map (48-byte descriptors).
 *
 * Invariants: every result is 0, a documented positive value, or a
 * negated Xen errno from the set below; the handlers touch guest memory
 * only through the copies (ASan watches the rest); console output lines
 * are at most 256 printable bytes; a shutdown request ends the call; a
 * runtime call reaches the (fake) firmware only with hypervisor pointers,
 * never one into guest memory, and a capsule's scatter-gather list only
 * as the hypervisor's copy, mapped for the call (unmapped after it unless
 * the capsule is pending); a GetVariable or GetNextVariableName that
 * returns 0 copies no more bytes to the guest's buffer than the size the
 * guest gave, whatever size the firmware answers. Pseudo-physical
 * addresses from 0x100000 on are dom0's memory for the capsule
 * scatter-gather lists (the guest window again), everything else is
 * beyond it.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../arch/x86/pv/hypercall.c"
#include "../../common/console_io.c"
#include "../../common/kernel.c"
#include "../../common/sched.c"
#include "../../common/memory.c"
#include "../../common/platform_op.c"
#include "../../common/multicall.c"
#include "../../common/unimplemented.c"
#include "../../arch/x86/boot_timeline.c"
#include "../../common/efi/runtime_op.c"
#include "../../common/perfc.c"

#define WIN_VA      0x1000ULL
#define WIN_BYTES   16384
#define FW_PA       0x7f000000ULL
#define MAP_BYTES   480

static uint8_t window[WIN_BYTES];
static struct {
    struct efi_system_table st;
    struct efi_runtime_services rt;
    uint16_t vendor[8];
} fw;
static struct boot_info bi;
static struct e820entry host_map[3] = {
    { 0, 0x9fc00, E820_RAM },
    { 0x100000, 0x1ff00000, E820_RAM },
    { 0xfec00000, 0x1000, E820_RESERVED },
};
static jmp_buf shutdown_jmp;

int copy_from_guest(void *dst, uint64_t gva, size_t len)
{
    if ( gva < WIN_VA || gva - WIN_VA > WIN_BYTES ||
         len > WIN_BYTES - (gva - WIN_VA) )
        return -XEN_EFAULT;
    memcpy(dst, window + (gva - WIN_VA), len);
    return 0;
}

/* The copies to the guest of one hypercall, for the size invariant. */
#define MAX_COPIES  64
static struct { uint64_t gva, len; } copies[MAX_COPIES];
static unsigned int nr_copies;

int copy_to_guest(uint64_t gva, const void *src, size_t len)
{
    if ( gva < WIN_VA || gva - WIN_VA > WIN_BYTES ||
         len > WIN_BYTES - (gva - WIN_VA) )
        return -XEN_EFAULT;
    memcpy(window + (gva - WIN_VA), src, len);
    if ( nr_copies < MAX_COPIES )
    {
        copies[nr_copies].gva = gva;
        copies[nr_copies++].len = len;
    }
    return 0;
}

const void *arch_fw_ptr(uint64_t pa, size_t len)
{
    if ( pa < FW_PA || pa - FW_PA > sizeof(fw) ||
         len > sizeof(fw) - (pa - FW_PA) )
        return NULL;
    return (const uint8_t *)&fw + (pa - FW_PA);
}

void console_guest_text(const char *prefix, const char *s, size_t len,
                        bool eol)
{
    if ( strcmp(prefix, "(d0) ") || len > 256 )
        abort();
    for ( size_t i = 0; i < len; i++ )
        if ( s[i] == '\n' || s[i] == '\r' || s[i] == '\0' )
            abort();
}

void console_guest_line(const char *prefix, const char *s, size_t len)
{
    console_guest_text(prefix, s, len, true);
}

/* Two hypervisor-owned ranges, one touching the other's end. */
const struct efimap_hv_range *arch_mm_owned(unsigned int *nr)
{
    static const struct efimap_hv_range owned[] = {
        { 0x100000, 0x180000 }, { 0x180000, 0x200123 },
    };

    *nr = sizeof(owned) / sizeof(owned[0]);
    return owned;
}

/* A 2 GHz TSC calibrated against the PIT, for XENPF_get_boot_timeline. */
uint32_t arch_tsc_khz(enum tsc_source *src)
{
    *src = TSC_SRC_PIT;
    return 2000000;
}

uint32_t arch_timestamp_khz(void)
{
    return 2000000;
}

void arch_domain_shutdown(unsigned int reason)
{
    longjmp(shutdown_jmp, 1);
}

long do_update_va_mapping(uint64_t va, uint64_t val, uint64_t flags)
{
    return -XEN_EPERM;
}

long do_mmu_update(uint64_t reqs, uint64_t count, uint64_t done_ptr,
                   uint64_t domid)
{
    return -XEN_EPERM;
}

long do_mmuext_op(uint64_t ops, uint64_t count, uint64_t done_ptr,
                  uint64_t domid)
{
    return -XEN_EPERM;
}

long do_vm_assist(uint64_t cmd, uint64_t type)
{
    return -XEN_EINVAL;
}

long arch_memory_op(uint64_t cmd, uint64_t arg)
{
    return -XEN_ENOSYS;
}
/* The CPU side and event channels (arch/x86/pv/, event_channel.c)
 * need dom0's vCPU: stand-ins that refuse. */
long do_set_trap_table(uint64_t traps) { return -XEN_EINVAL; }
long do_set_callbacks(uint64_t e, uint64_t f, uint64_t s) { return 0; }
long do_callback_op(uint64_t cmd, uint64_t arg) { return -XEN_EINVAL; }
long do_stack_switch(uint64_t ss, uint64_t sp) { return 0; }
long do_fpu_taskswitch(uint64_t set) { return 0; }
long do_physdev_op(uint64_t cmd, uint64_t arg) { return -XEN_ENOSYS; }
long do_set_segment_base(uint64_t w, uint64_t b) { return -XEN_EINVAL; }
long do_set_gdt(uint64_t list, uint64_t n) { return -XEN_EINVAL; }
long do_update_descriptor(uint64_t ma, uint64_t d) { return -XEN_EINVAL; }
long do_vcpu_op(uint64_t c, uint64_t v, uint64_t a) { return -XEN_EINVAL; }
long do_set_timer_op(uint64_t timeout) { return 0; }
long arch_vcpu_block(void) { return 0; }
long arch_vcpu_poll(uint64_t arg) { return -XEN_EINVAL; }
long arch_platform_settime(uint64_t s, uint32_t ns, uint64_t st) { return 0; }
/* Serial input: 300 bytes wait at every call, so CONSOLEIO_read copies
 * more than one chunk. */
size_t console_rx_peek(char *buf, size_t max)
{
    size_t n = max < 300 ? max : 300;

    memset(buf, 'x', n);
    return n;
}
void console_rx_consume(size_t n) { }
long do_event_channel_op(uint64_t c, uint64_t a) { return -XEN_EINVAL; }
long do_grant_table_op(uint64_t c, uint64_t a, uint64_t n) { return 0; }
long do_set_debugreg(uint64_t r, uint64_t v) { return -XEN_EINVAL; }
long do_mca(uint64_t arg) { return -XEN_EINVAL; }
long do_get_debugreg(uint64_t r) { return -XEN_EINVAL; }
long arch_platform_op(uint64_t arg, struct xen_platform_op *op)
{
    return -XEN_ENOSYS;
}
/* Pseudo-physical [DOM0_PA, DOM0_PA + WIN_BYTES) is the guest window. */
#define DOM0_PA     0x100000ULL

/* The runtime page tables: what is mapped for the firmware, counted. */
static unsigned int nr_extra_maps;

void printk(const char *fmt, ...)
{
}

static bool in_window(uint64_t p)
{
    return p >= (uint64_t)(uintptr_t)window &&
           p < (uint64_t)(uintptr_t)window + sizeof(window);
}

static uint64_t fw_status, fw_extra;

/*
 * The fake firmware: checks its pointers, answers with fw_status, and on
 * success grows the size GetVariable or GetNextVariableName answers by
 * fw_extra bytes, as broken firmware may.
 */
uint64_t efi_rs_call(enum efi_rs_service svc, uint64_t a1, uint64_t a2,
                     uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t args[5] = { a1, a2, a3, a4, a5 };

    for ( unsigned int i = 0; i < 5; i++ )
        if ( in_window(args[i]) )
            abort();
    if ( svc == EFI_RS_UPDATE_CAPSULE || svc ==
         EFI_RS_QUERY_CAPSULE_CAPABILITIES )
        for ( uint64_t i = 0; i < a2; i++ )
            if ( in_window(((const uint64_t *)(uintptr_t)a1)[i]) )
                abort();
    /* The list the firmware gets is the hypervisor's copy, mapped. */
    if ( svc == EFI_RS_UPDATE_CAPSULE && a3 && !nr_extra_maps )
        abort();
    if ( fw_status == 0 && svc == EFI_RS_GET_VARIABLE )
        *(uint64_t *)(uintptr_t)a4 += fw_extra;
    if ( fw_status == 0 && svc == EFI_RS_GET_NEXT_VARIABLE_NAME )
        *(uint64_t *)(uintptr_t)a1 += fw_extra;
    return fw_status;
}

/*
 * A variable call that succeeded wrote no more to the guest's buffer than
 * the guest's size: op is the argument as the guest gave it, at op_gva.
 * The write-back of the op itself (its results) does not count, even
 * when the guest pointed its buffer into the op.
 */
static void check_variable_copies(const struct xen_platform_op *op,
                                  uint64_t op_gva)
{
    const struct xenpf_efi_runtime_call *rt = &op->u.efi_runtime_call;
    uint64_t buf, size;

    if ( op->cmd != XENPF_efi_runtime_call )
        return;
    if ( rt->function == XEN_EFI_get_variable )
    {
        buf = guest_handle_va(rt->u.get_variable.data);
        size = rt->u.get_variable.size;
    }
    else if ( rt->function == XEN_EFI_get_next_variable_name )
    {
        buf = guest_handle_va(rt->u.get_next_variable_name.name);
        size = rt->u.get_next_variable_name.size;
    }
    else
        return;
    for ( unsigned int i = 0; i < nr_copies; i++ )
    {
        if ( copies[i].gva >= op_gva &&
             copies[i].gva - op_gva + copies[i].len <= sizeof(*op) )
            continue;
        if ( copies[i].gva == buf && copies[i].len > size )
            abort();
    }
}

void *arch_rtcall_alloc(uint64_t bytes)
{
    return bytes && bytes <= EFIRT_CAPSULE_MAX_BYTES ? calloc(1, bytes)
                                                     : NULL;
}

void arch_rtcall_free(void *va, uint64_t bytes)
{
    free(va);
}

uint64_t arch_rtcall_pa(const void *va)
{
    return (uint64_t)(uintptr_t)va;
}

/* dom0's pseudo-physical memory is the guest window, from DOM0_PA. */
enum efirt_owner arch_dom0_gpa_owner(uint64_t gpa)
{
    if ( gpa >= DOM0_PA && gpa - DOM0_PA < WIN_BYTES )
        return EFIRT_OWNER_DOM0;
    return EFIRT_OWNER_OUTSIDE;
}

bool arch_dom0_gpa_read(uint64_t gpa, void *dst, size_t len)
{
    if ( gpa < DOM0_PA || gpa - DOM0_PA > WIN_BYTES ||
         len > WIN_BYTES - (gpa - DOM0_PA) )
        abort();    /* the walk must check ownership first */
    memcpy(dst, window + (gpa - DOM0_PA), len);
    return true;
}

bool arch_efi_rs_map_extra(uint64_t pa, uint64_t bytes)
{
    if ( in_window(pa) || !bytes )
        abort();    /* only hypervisor copies are handed over */
    nr_extra_maps++;
    return true;
}

void arch_efi_rs_unmap_extra(uint64_t pa, uint64_t bytes)
{
    if ( !nr_extra_maps )
        abort();    /* only what was mapped is unmapped */
    nr_extra_maps--;
}

static bool known_error(long rc)
{
    static const long ok[] = {
        XEN_EPERM, XEN_ESRCH, XEN_EACCES, XEN_EFAULT, XEN_EINVAL,
        XEN_ENOSYS, XEN_ENODATA, XEN_EOPNOTSUPP, XEN_ENOBUFS, XEN_E2BIG,
        XEN_ENOMEM, XEN_EIO,
    };

    for ( size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++ )
        if ( rc == -ok[i] )
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t calls[] = {
        __HYPERVISOR_console_io, __HYPERVISOR_sched_op,
        __HYPERVISOR_xen_version, __HYPERVISOR_memory_op,
        __HYPERVISOR_platform_op, __HYPERVISOR_mmu_update,
    };
    volatile long rc;
    uint64_t a[5], nr;
    struct xen_platform_op op_in;
    bool have_op;

    if ( size < 42 )
        return 0;
    nr = data[1] < 2 * sizeof(calls) ? calls[data[1] % sizeof(calls)]
                                      : data[1];
    memcpy(a, data + 2, sizeof(a));
    memset(window, 0, sizeof(window));
    memcpy(window, data + 42, MIN(size - 42, sizeof(window)));

    memset(&fw, 0, sizeof(fw));
    fw.st.hdr.revision = 0x20046;
    fw.st.firmware_revision = 0x10000;
    fw.st.firmware_vendor = FW_PA + offsetof(__typeof__(fw), vendor);
    memcpy(fw.vendor, u"EDK II", sizeof(u"EDK II"));
    fw.st.nr_tables = 3;
    fw.st.tables = (void *)(uintptr_t)0x7e000000;
    if ( data[0] & 2 )
    {
        fw.st.rt = (void *)(uintptr_t)(FW_PA + offsetof(__typeof__(fw), rt));
        fw.rt.hdr.signature = EFI_RT_SIGNATURE;
        fw.rt.hdr.revision = 0x20046;
    }
    memset(&bi, 0, sizeof(bi));
    for ( unsigned int i = 0; i < BOOT_NR_PHASES; i++ )
        bi.tsc[i] = (data[0] & 4) && i == BOOT_PHASE_EXIT_BS ? 0
                                                             : 1000 + i;
    if ( data[0] & 1 )
    {
        static uint8_t map[MAP_BYTES];

        bi.efi_systab_pa = FW_PA;
        bi.efi_desc_bytes = 48;
        bi.efi_map_bytes = MAP_BYTES;
        memcpy(map, window, MAP_BYTES);
        bi.efi_map = map;
    }
    hv_info = (struct hv_info){ .bi = &bi, .host_e820 = host_map,
                                .host_e820_nr = 3, .dom0_nr_pages = 8192 };
    con_len = 0;
    multicall_running = false;  /* a shutdown inside one jumped out */
    fw_status = data[0] & 4 ? 0x8000000000000005ULL : 0;
    fw_extra = (uint64_t)(data[0] >> 3) * 13;
    nr_copies = 0;
    /* A capsule left pending by an earlier input: gone with the reset. */
    while ( capsule_state.nr_kept )
        sg_copy_free(&capsule_state.kept[--capsule_state.nr_kept]);
    capsule_state.pending = false;
    have_op = nr == __HYPERVISOR_platform_op &&
              !copy_from_guest(&op_in, a[0], sizeof(op_in));

    if ( setjmp(shutdown_jmp) )
        return 0;               /* sched_op shutdown: the call ends */
    rc = do_hypercall(nr, a[0], a[1], a[2], a[3], a[4]);
    if ( rc == 0 && have_op )
        check_variable_copies(&op_in, a[0]);
    if ( rc > 0 )
    {
        /*
         * Only xen_version's version and pagesize, memory_op's
         * reservations (dom0's pages, Xen's UINT_MAX) and CONSOLEIO_read's
         * count of bytes copied (never above the count asked) are
         * positive.
         */
        if ( nr == __HYPERVISOR_console_io && a[0] == CONSOLEIO_read )
        {
            if ( (uint64_t)rc > a[1] )
                abort();
        }
        else if ( nr == __HYPERVISOR_memory_op &&
             (a[0] == XENMEM_current_reservation ||
              a[0] == XENMEM_maximum_reservation) )
        {
            if ( rc != (a[0] == XENMEM_current_reservation ? 8192
                                                            : UINT32_MAX) )
                abort();
        }
        else if ( nr != __HYPERVISOR_xen_version ||
                  !(a[0] == XENVER_version || a[0] == XENVER_pagesize) )
            abort();
    }
    else if ( rc < 0 && !known_error(rc) )
        abort();
    return 0;
}
