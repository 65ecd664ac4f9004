/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The runtime-call tools of the dom0 kernel (docs/tools.md):
 *   xen-efivar list | read NAME [GUID] | write NAME GUID HEX [ATTR] |
 *              delete NAME [GUID] | info [ATTR] | hostile | oversize
 *   xen-time [set | wakeup-off]
 *   xen-capsule query [FLAGS] | submit [FLAGS] | linux [FLAGS] | hostile
 *   xen-reset [poweroff]
 * all through platform_op XENPF_efi_runtime_call, except xen-reset:
 * Xen's runtime call has no ResetSystem, so a reset is sched_op
 * shutdown, which the hypervisor carries out with EFI ResetSystem. GUID
 * is 8-4-4-4-12 hex or "global" (the EFI global variable GUID, also the
 * default). The capsule is the dom0 module (start_info mod_start).
 * xen-efivar and xen-time themselves are tools/lib/rttools.c; this file
 * is their back end, the hostile cases, xen-capsule and xen-reset.
 */
#include <public/errno.h>
#include <public/sched.h>
#include <xen/fmt.h>

#include "console.h"
#include "dom0.h"
#include "layout.h"
#include "fwinfo.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"
#include "rtfmt.h"
#include "rttools.h"
#include "tally.h"

#define RT_NAME_UNITS       1100
#define RT_DATA_BYTES       (64 * 1024)
#define RT_CAPSULE_BYTES    (60 * 1024)
#define EFI_NOT_FOUND       0x800000000000000eULL
#define CAPSULE_FLAGS_AT    20
#define HV_DIRECTMAP        0xffff830000000000UL

static uint16_t rt_name[RT_NAME_UNITS];
static uint8_t rt_data[RT_DATA_BYTES];
static uint8_t rt_capsule[RT_CAPSULE_BYTES]
    __attribute__((__aligned__(MM_PAGE_BYTES)));
/*
 * Scatter-gather list pages, as Linux's efi_capsule_update() lays them
 * out: descriptors of dom0 pseudo-physical addresses (page_to_phys),
 * each page ending in a continuation to the next, the last in 0.
 */
#define SG_PAGES            4
static struct efirt_desc {
    uint64_t length, addr;
} rt_sg[SG_PAGES][MM_PAGE_BYTES / 16]
    __attribute__((__aligned__(MM_PAGE_BYTES)));
static uint64_t rt_capsule_ptrs[66];

/* platform_op(XENPF_efi_runtime_call) on *rt, written back on success. */
static long rt_call(struct xenpf_efi_runtime_call *rt)
{
    struct xen_platform_op op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XENPF_efi_runtime_call;
    op.interface_version = XENPF_INTERFACE_VERSION;
    op.u.efi_runtime_call = *rt;
    rc = hypercall_platform_op(&op);
    if ( rc == 0 )
        *rt = op.u.efi_runtime_call;
    return rc;
}

static long rt_be_call(void *ctx, struct xenpf_efi_runtime_call *rt)
{
    return rt_call(rt);
}

static void rt_be_line(void *ctx, const char *line)
{
    console_line("%s", line);
}

static const struct rttools_backend rt_be = {
    .rt_call = rt_be_call,
    .line = rt_be_line,
    .name = rt_name,
    .name_units = RT_NAME_UNITS,
    .data = rt_data,
    .data_bytes = RT_DATA_BYTES,
};

/* The variable name must not exist: GetVariable says EFI_NOT_FOUND. */
static void report_absent(struct tally *t, const char *case_name,
                          const char *var)
{
    struct xenpf_efi_runtime_call rt;
    struct xenpf_efi_guid g;
    long rc;

    memcpy(&g, rtfmt_global_guid, sizeof(g));
    rc = rttools_var_get(&rt_be, var, &g, &rt);
    if ( rc == 0 && rt.status == EFI_NOT_FOUND )
        rc = -XEN_ENOENT;   /* shown as ENOENT: not written */
    tally_is(t, case_name, rc, -XEN_ENOENT);
}

/* A name with no terminator that ends where window page 7 is unmapped. */
static long name_at_hole(void)
{
    static const char text[] = "XenRtNoNul";
    uint8_t *page6 = mm_window_page(6), *page7 = mm_window_page(7);
    uint16_t *name = (uint16_t *)(page6 + MM_PAGE_BYTES) -
                     (sizeof(text) - 1);
    struct xenpf_efi_runtime_call rt;
    struct xenpf_efi_guid g;
    long rc;

    for ( size_t i = 0; i < sizeof(text) - 1; i++ )
        name[i] = text[i];
    memcpy(&g, rtfmt_global_guid, sizeof(g));
    rc = hypercall_update_va_mapping((unsigned long)page7, 0, UVMF_INVLPG);
    if ( rc )
        return rc;
    rttools_init(&rt, XEN_EFI_set_variable, RTTOOLS_ATTR_DEFAULT);
    set_xen_guest_handle(rt.u.set_variable.name, name);
    set_xen_guest_handle(rt.u.set_variable.data, rt_data);
    rt.u.set_variable.size = 4;
    rt.u.set_variable.vendor_guid = g;
    rc = rt_call(&rt);
    hypercall_update_va_mapping((unsigned long)page7,
                                mm_virt_to_mfn(page7) * MM_PAGE_BYTES |
                                MM_PTE_P | MM_PTE_RW | MM_PTE_US |
                                MM_PTE_A | MM_PTE_D, UVMF_INVLPG);
    return rc;
}

static void var_hostile(void)
{
    static uint16_t long_name[1100];
    struct xenpf_efi_runtime_call rt;
    struct xenpf_efi_guid g;
    struct tally t = { "xen-efivar: hostile", 0, 0 };
    long before = rttools_var_list(&rt_be, false), after;

    memcpy(&g, rtfmt_global_guid, sizeof(g));
    memset(rt_data, 0x5a, 64);

    tally_is(&t, "setvar-name-no-nul", name_at_hole(),
             -XEN_EFAULT);
    report_absent(&t, "setvar-name-no-nul-absent", "XenRtNoNul");

    for ( size_t i = 0; i < ARRAY_SIZE(long_name); i++ )
        long_name[i] = 'L';
    rttools_init(&rt, XEN_EFI_set_variable, RTTOOLS_ATTR_DEFAULT);
    set_xen_guest_handle(rt.u.set_variable.name, long_name);
    set_xen_guest_handle(rt.u.set_variable.data, rt_data);
    rt.u.set_variable.size = 4;
    rt.u.set_variable.vendor_guid = g;
    tally_is(&t, "setvar-name-too-long", rt_call(&rt),
             -XEN_EINVAL);

    tally_is(&t, "setvar-size-over-64k",
             rttools_var_set(&rt_be, "XenRtBig", &g, RTTOOLS_ATTR_DEFAULT,
                             rt_data, RT_DATA_BYTES + 1, &rt), -XEN_E2BIG);
    report_absent(&t, "setvar-size-over-64k-absent", "XenRtBig");

    tally_is(&t, "setvar-data-hypervisor",
             rttools_var_set(&rt_be, "XenRtBadPtr", &g, RTTOOLS_ATTR_DEFAULT,
                             (const void *)(HV_DIRECTMAP + 0x100000), 16,
                             &rt),
             -XEN_EFAULT);
    report_absent(&t, "setvar-data-hypervisor-absent", "XenRtBadPtr");

    tally_is(&t, "setvar-data-unmapped",
             rttools_var_set(&rt_be, "XenRtUnmapped", &g,
                             RTTOOLS_ATTR_DEFAULT, (const void *)0x1000, 16,
                             &rt), -XEN_EFAULT);
    report_absent(&t, "setvar-data-unmapped-absent", "XenRtUnmapped");

    rttools_init(&rt, XEN_EFI_get_variable, 0);
    set_xen_guest_handle(rt.u.get_variable.name,
                         (void *)(HV_DIRECTMAP + 0x100000));
    set_xen_guest_handle(rt.u.get_variable.data, rt_data);
    rt.u.get_variable.size = 64;
    rt.u.get_variable.vendor_guid = g;
    tally_is(&t, "getvar-name-hypervisor", rt_call(&rt),
             -XEN_EFAULT);

    rttools_init(&rt, XEN_EFI_get_variable, 1);
    rtfmt_ucs2(rt_name, RT_NAME_UNITS, "PlatformLang");
    set_xen_guest_handle(rt.u.get_variable.name, rt_name);
    set_xen_guest_handle(rt.u.get_variable.data, rt_data);
    rt.u.get_variable.size = 64;
    rt.u.get_variable.vendor_guid = g;
    tally_is(&t, "getvar-misc-set", rt_call(&rt), -XEN_EINVAL);

    rt.misc = 0;
    set_xen_guest_handle(rt.u.get_variable.data,
                         (void *)(HV_DIRECTMAP + 0x100000));
    tally_is(&t, "getvar-data-hypervisor", rt_call(&rt),
             -XEN_EFAULT);

    rttools_init(&rt, XEN_EFI_get_next_variable_name, 0);
    memcpy(rt_name, u"ABCD", 8);
    rt.u.get_next_variable_name.size = 8;
    set_xen_guest_handle(rt.u.get_next_variable_name.name, rt_name);
    tally_is(&t, "nextname-unterminated", rt_call(&rt),
             -XEN_EINVAL);

    rttools_init(&rt, XEN_EFI_query_variable_info,
            XEN_EFI_VARINFO_BOOT_SNAPSHOT);
    rt.u.query_variable_info.attr = RTTOOLS_ATTR_DEFAULT;
    tally_is(&t, "varinfo-boot-snapshot", rt_call(&rt),
             -XEN_EOPNOTSUPP);

    rttools_init(&rt, 12, 0);
    tally_is(&t, "unknown-function", rt_call(&rt),
             -XEN_ENOSYS);

    after = rttools_var_list(&rt_be, false);
    console_line("xen-efivar: hostile: variables before=%ld after=%ld",
                 before, after);
    if ( before < 0 || before != after )
        t.failed++;
    tally_end(&t, "xen-efivar: hostile");
}

/* What sits after the buffer a call is given: must stay as it was. */
#define CANARY_BYTES        256
#define CANARY              0xc3
#define NAME_ROOM           512
#define OVERSIZE_GUID       "6d1e4c2a-58b3-4f0e-9a61-2b7c0d93e415"

static bool canary_intact(const uint8_t *p)
{
    for ( unsigned int i = 0; i < CANARY_BYTES; i++ )
        if ( p[i] != CANARY )
            return false;
    return true;
}

/*
 * Firmware that answers a successful GetVariable or GetNextVariableName
 * with a size larger than the buffer it was given (the test shim's
 * rt-var-extra=, for names starting XenRt): the hypervisor must answer
 * -EIO and write nothing past dom0's buffer. The variable XenRtOversize
 * (10 bytes) is written, read into a buffer of exactly 10 bytes, its
 * name fetched into a 512-byte buffer, then deleted. With the shim adding
 * 1000 bytes both answers fit the hypervisor's own bounds (64 KiB, 2048
 * bytes) but not dom0's buffers.
 */
static void var_oversize(void)
{
    static const char name[] = "XenRtOversize";
    struct xenpf_efi_runtime_call rt;
    struct xenpf_efi_guid g, own;
    struct tally t = { "xen-efivar: hostile", 0, 0 };
    long rc;

    /* Not the global GUID: firmware refuses unknown global variables. */
    rttools_parse_guid(&own, OVERSIZE_GUID);
    g = own;
    memset(rt_data, 0x5a, 10);
    rc = rttools_var_set(&rt_be, name, &g, RTTOOLS_ATTR_DEFAULT, rt_data, 10,
                         &rt);
    console_line("xen-efivar: oversize: write rc=%ld status=0x%llx", rc,
                 (unsigned long long)rt.status);

    /* GetVariable into exactly 10 bytes, the canary right after. */
    memset(rt_data, CANARY, 10 + CANARY_BYTES);
    rttools_init(&rt, XEN_EFI_get_variable, 0);
    rtfmt_ucs2(rt_name, RT_NAME_UNITS, name);
    set_xen_guest_handle(rt.u.get_variable.name, rt_name);
    set_xen_guest_handle(rt.u.get_variable.data, rt_data);
    rt.u.get_variable.size = 10;
    rt.u.get_variable.vendor_guid = g;
    rc = rt_call(&rt);
    tally_is(&t, "getvar-answer-too-big", rc, -XEN_EIO);
    console_line("xen-efivar: oversize: getvar canary %s",
                 canary_intact(rt_data + 10) ? "intact" : "OVERWRITTEN");
    if ( !canary_intact(rt_data + 10) )
        t.failed++;

    /*
     * GetNextVariableName into 512 bytes until the firmware names a XenRt
     * variable (the call the shim lies on), the canary after the 512.
     */
    memset(rt_name, 0, NAME_ROOM);
    memset((uint8_t *)rt_name + NAME_ROOM, CANARY, CANARY_BYTES);
    memset(&g, 0, sizeof(g));
    for ( unsigned int i = 0; i < 4096; i++ )
    {
        rttools_init(&rt, XEN_EFI_get_next_variable_name, 0);
        set_xen_guest_handle(rt.u.get_next_variable_name.name, rt_name);
        rt.u.get_next_variable_name.size = NAME_ROOM;
        rt.u.get_next_variable_name.vendor_guid = g;
        rc = rt_call(&rt);
        if ( rc || rt.status )
            break;
        g = rt.u.get_next_variable_name.vendor_guid;
    }
    tally_is(&t, "nextname-answer-too-big", rc, -XEN_EIO);
    console_line("xen-efivar: oversize: nextname canary %s",
                 canary_intact((uint8_t *)rt_name + NAME_ROOM) ?
                 "intact" : "OVERWRITTEN");
    if ( !canary_intact((uint8_t *)rt_name + NAME_ROOM) )
        t.failed++;

    rc = rttools_var_set(&rt_be, name, &own, 0, rt_data, 0, &rt);
    console_line("xen-efivar: oversize: delete rc=%ld status=0x%llx", rc,
                 (unsigned long long)rt.status);
    tally_end(&t, "xen-efivar: oversize");
}

void efivar_run(const struct start_info *si, unsigned int argc, char **argv)
{
    if ( argc && lib_word_is(argv[0], lib_strlen(argv[0]), "hostile") )
        var_hostile();
    else if ( argc && lib_word_is(argv[0], lib_strlen(argv[0]), "oversize") )
        var_oversize();
    else
        rttools_efivar(&rt_be, argc, argv);
}

/* ---- xen-time ---------------------------------------------------------- */

void time_run(const struct start_info *si, unsigned int argc, char **argv)
{
    rttools_time(&rt_be, argc, argv);
}

/* ---- xen-capsule ------------------------------------------------------- */

/* The module as a capsule in rt_capsule; its image size, or 0. */
static uint32_t capsule_load(const struct start_info *si, const char *flags)
{
    uint32_t hsize, fl, isize;
    uint64_t f;
    char gs[RTFMT_GUID_CHARS];

    if ( !si->mod_start || si->mod_len < 28 ||
         si->mod_len > sizeof(rt_capsule) )
    {
        console_line("xen-capsule: no capsule module (%llu bytes)",
                     (unsigned long long)si->mod_len);
        return 0;
    }
    memcpy(rt_capsule, (const void *)si->mod_start, si->mod_len);
    if ( flags && rtfmt_num_parse(&f, flags) )
    {
        fl = f;
        memcpy(rt_capsule + CAPSULE_FLAGS_AT, &fl, 4);
    }
    memcpy(&hsize, rt_capsule + 16, 4);
    memcpy(&fl, rt_capsule + 20, 4);
    memcpy(&isize, rt_capsule + 24, 4);
    console_line("xen-capsule: capsule guid=%s header_size=%u flags=0x%x "
                 "image_size=%u module=%llu", rtfmt_guid(gs, rt_capsule),
                 hsize, fl, isize, (unsigned long long)si->mod_len);
    return isize <= si->mod_len ? isize : 0;
}

/* dom0's pseudo-physical address of a byte of its kernel image. */
static uint64_t gpa_of(const void *va)
{
    return (unsigned long)va - DOM0_VIRT_BASE;
}

/*
 * Linux's list for the first bytes of rt_capsule: one descriptor per
 * page (to the page's end at most), per_page descriptors per list page
 * then the continuation (Linux fits 255; fewer here make continuations
 * with a small capsule). Returns the list's pseudo-physical address, 0
 * if it does not fit SG_PAGES pages.
 */
static uint64_t capsule_sg(uint32_t bytes, unsigned int per_page)
{
    unsigned int page = 0, n = 0;

    for ( uint32_t off = 0; off < bytes; )
    {
        uint32_t len = MIN(bytes - off,
                           MM_PAGE_BYTES - off % MM_PAGE_BYTES);

        if ( n == per_page )
        {
            if ( page + 1 == SG_PAGES )
                return 0;
            rt_sg[page][n] = (struct efirt_desc){ 0, gpa_of(rt_sg[page + 1]) };
            page++;
            n = 0;
        }
        rt_sg[page][n++] = (struct efirt_desc){ len,
                                                gpa_of(rt_capsule + off) };
        off += len;
    }
    rt_sg[page][n] = (struct efirt_desc){ 0, 0 };
    return gpa_of(rt_sg[0]);
}

/* Pages of the capsule and of its list whose pfn is their mfn too. */
static unsigned int identity_pages(uint32_t bytes)
{
    unsigned int n = 0;

    for ( uint32_t off = 0; off < bytes; off += MM_PAGE_BYTES )
        n += mm_virt_to_mfn(rt_capsule + off) ==
             gpa_of(rt_capsule + off) / MM_PAGE_BYTES;
    for ( unsigned int i = 0; i < SG_PAGES; i++ )
        n += mm_virt_to_mfn(rt_sg[i]) == gpa_of(rt_sg[i]) / MM_PAGE_BYTES;
    return n;
}

static long capsule_op(uint32_t fn, uint64_t count, uint64_t sg,
                       struct xenpf_efi_runtime_call *rt)
{
    rttools_init(rt, fn, 0);
    for ( unsigned int i = 0; i < ARRAY_SIZE(rt_capsule_ptrs); i++ )
        rt_capsule_ptrs[i] = (uint64_t)(unsigned long)rt_capsule;
    set_xen_guest_handle(rt->u.update_capsule.capsule_header_array,
                         rt_capsule_ptrs);
    rt->u.update_capsule.capsule_count = count;
    if ( fn == XEN_EFI_update_capsule )
        rt->u.update_capsule.sg_list = sg;
    return rt_call(rt);
}

static void capsule_hostile(const struct start_info *si, uint32_t bytes)
{
    struct xenpf_efi_runtime_call rt;
    struct tally t = { "xen-capsule: hostile", 0, 0 };
    uint64_t sg = capsule_sg(bytes, 255);
    uint64_t beyond = si->nr_pages * MM_PAGE_BYTES + 16 * MM_PAGE_BYTES;
    uint64_t machine = mm_virt_to_mfn(rt_capsule) * MM_PAGE_BYTES;
    struct efirt_desc keep = rt_sg[0][0];
    uint32_t hs, fl;

    /* Addresses past dom0's pseudo-physical memory are not dom0's. */
    rt_sg[0][0].addr = beyond;
    console_line("xen-capsule: hostile: block at 0x%llx (beyond dom0's %llu "
                 "pages)", (unsigned long long)beyond,
                 (unsigned long long)si->nr_pages);
    tally_is(&t, "sg-block-beyond-dom0",
             capsule_op(XEN_EFI_update_capsule, 1, sg, &rt), -XEN_EPERM);
    rt_sg[0][0] = keep;
    tally_is(&t, "sg-list-beyond-dom0",
             capsule_op(XEN_EFI_update_capsule, 1, beyond, &rt), -XEN_EPERM);
    /* The capsule's machine address, as the interface once took it. */
    rt_sg[0][0].addr = machine;
    console_line("xen-capsule: hostile: block at 0x%llx (its machine "
                 "address)", (unsigned long long)machine);
    tally_is(&t, "sg-block-machine-address",
             capsule_op(XEN_EFI_update_capsule, 1, sg, &rt), -XEN_EPERM);
    rt_sg[0][0] = (struct efirt_desc){ 0, sg };
    tally_is(&t, "sg-continuation-loop",
             capsule_op(XEN_EFI_update_capsule, 1, sg, &rt), -XEN_E2BIG);
    rt_sg[0][0] = keep;
    tally_is(&t, "sg-misaligned",
             capsule_op(XEN_EFI_update_capsule, 1, sg + 4, &rt), -XEN_EINVAL);
    tally_is(&t, "capsule-count-65",
             capsule_op(XEN_EFI_query_capsule_capabilities, 65, 0, &rt),
             -XEN_E2BIG);
    memcpy(&hs, rt_capsule + 16, 4);
    memcpy(rt_capsule + 16, &(uint32_t){ 16 }, 4);
    tally_is(&t, "capsule-header-size-16",
             capsule_op(XEN_EFI_query_capsule_capabilities, 1, 0, &rt),
             -XEN_EINVAL);
    memcpy(rt_capsule + 16, &hs, 4);
    /* CAPSULE_FLAGS_INITIATE_RESET (with PERSIST, as the spec needs). */
    memcpy(&fl, rt_capsule + CAPSULE_FLAGS_AT, 4);
    memcpy(rt_capsule + CAPSULE_FLAGS_AT, &(uint32_t){ 0x50000 }, 4);
    tally_is(&t, "capsule-initiate-reset",
             capsule_op(XEN_EFI_update_capsule, 1, sg, &rt), -XEN_EINVAL);
    tally_is(&t, "capsule-initiate-reset-query",
             capsule_op(XEN_EFI_query_capsule_capabilities, 1, 0, &rt),
             -XEN_EINVAL);
    memcpy(rt_capsule + CAPSULE_FLAGS_AT, &fl, 4);
    rttools_init(&rt, XEN_EFI_query_capsule_capabilities, 0);
    set_xen_guest_handle(rt.u.query_capsule_capabilities.capsule_header_array,
                         (void *)(HV_DIRECTMAP + 0x100000));
    rt.u.query_capsule_capabilities.capsule_count = 1;
    tally_is(&t, "capsule-array-hypervisor", rt_call(&rt),
             -XEN_EFAULT);
    tally_end(&t, "xen-capsule: hostile");
}

/*
 * What Linux's efi_capsule_update() does: QueryCapsuleCapabilities of a
 * header alone with the capsule's GUID and flags, then UpdateCapsule with
 * a list of pseudo-physical addresses (two descriptors per list page, so
 * continuations are followed); then dom0 overwrites the capsule and its
 * list, as it may once the call returned (the firmware must have the
 * hypervisor's copies).
 */
static void capsule_linux(uint32_t bytes)
{
    struct xenpf_efi_runtime_call rt;
    uint8_t hdr[28];
    uint64_t ptr = (unsigned long)hdr, sg;
    char sb[64];
    long rc;

    memcpy(hdr, rt_capsule, 28);
    memcpy(hdr + 16, &(uint32_t){ 28 }, 4);
    memcpy(hdr + 24, &(uint32_t){ 28 }, 4);
    rttools_init(&rt, XEN_EFI_query_capsule_capabilities, 0);
    set_xen_guest_handle(rt.u.query_capsule_capabilities.capsule_header_array,
                         &ptr);
    rt.u.query_capsule_capabilities.capsule_count = 1;
    rc = rt_call(&rt);
    console_line("xen-capsule: linux query: rc=%ld %s max_capsule_size=%llu "
                 "reset_type=%u", rc, rttools_status(sb, sizeof(sb),
                                                      rt.status),
                 (unsigned long long)rt.u.query_capsule_capabilities.
                     max_capsule_size,
                 rt.u.query_capsule_capabilities.reset_type);
    sg = capsule_sg(bytes, 2);
    console_line("xen-capsule: linux list at pseudo-physical 0x%llx (mfn "
                 "0x%llx), %u bytes, %u pages whose pfn is their mfn",
                 (unsigned long long)sg,
                 (unsigned long long)mm_virt_to_mfn(rt_sg[0]), bytes,
                 identity_pages(bytes));
    rc = capsule_op(XEN_EFI_update_capsule, 1, sg, &rt);
    console_line("xen-capsule: linux submit: rc=%ld %s", rc,
                 rttools_status(sb, sizeof(sb), rt.status));
    memset(rt_capsule, 0xee, sizeof(rt_capsule));
    memset(rt_sg, 0xee, sizeof(rt_sg));
    console_line("xen-capsule: linux: capsule and list overwritten");
}

void capsule_run(const struct start_info *si, unsigned int argc, char **argv)
{
    struct xenpf_efi_runtime_call rt;
    char sb[64];
    uint32_t bytes, flags;
    uint64_t sg;
    long rc;

    if ( argc < 1 )
    {
        console_line("xen-capsule: usage: query|submit|linux [FLAGS] | "
                     "hostile");
        return;
    }
    bytes = capsule_load(si, argc > 1 ? argv[1] : NULL);
    if ( !bytes )
        return;
    memcpy(&flags, rt_capsule + CAPSULE_FLAGS_AT, 4);
    if ( lib_word_is(argv[0], lib_strlen(argv[0]), "query") )
    {
        rc = capsule_op(XEN_EFI_query_capsule_capabilities, 1, 0, &rt);
        if ( rc )
            console_line("xen-capsule: query flags=0x%x: error rc=%ld (%s)",
                         flags, rc, fwinfo_errno_name(rc));
        else
            console_line("xen-capsule: query flags=0x%x: %s "
                         "max_capsule_size=%llu reset_type=%u", flags,
                         rttools_status(sb, sizeof(sb), rt.status),
                         (unsigned long long)rt.u.query_capsule_capabilities.
                             max_capsule_size,
                         rt.u.query_capsule_capabilities.reset_type);
    }
    else if ( lib_word_is(argv[0], lib_strlen(argv[0]), "linux") )
        capsule_linux(bytes);
    else if ( lib_word_is(argv[0], lib_strlen(argv[0]), "submit") )
    {
        sg = capsule_sg(bytes, 255);
        rc = capsule_op(XEN_EFI_update_capsule, 1, sg, &rt);
        if ( rc )
            console_line("xen-capsule: submit flags=0x%x sg=0x%llx: error "
                         "rc=%ld (%s)", flags, (unsigned long long)sg, rc,
                         fwinfo_errno_name(rc));
        else
            console_line("xen-capsule: submit flags=0x%x sg=0x%llx: %s",
                         flags, (unsigned long long)sg,
                         rttools_status(sb, sizeof(sb), rt.status));
    }
    else if ( lib_word_is(argv[0], lib_strlen(argv[0]), "hostile") )
        capsule_hostile(si, bytes);
    else
        console_line("xen-capsule: bad arguments");
}

/* ---- xen-reset --------------------------------------------------------- */

void reset_run(const struct start_info *si, unsigned int argc, char **argv)
{
    bool off = argc && lib_word_is(argv[0], lib_strlen(argv[0]),
                                   "poweroff");
    unsigned int reason = off ? SHUTDOWN_poweroff : SHUTDOWN_reboot;
    long rc;

    console_line("xen-reset: sched_op shutdown reason=%u (%s)", reason,
                 off ? "poweroff" : "reboot");
    rc = hypercall_shutdown(reason);
    console_line("xen-reset: error rc=%ld (%s)", rc, fwinfo_errno_name(rc));
}
