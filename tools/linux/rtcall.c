/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The runtime-call tools of the Linux build (docs/tools.md): xen-efivar
 * and xen-time (tools/lib/rttools.c, the small dom0's code) and
 * xen-capsule, each platform_op XENPF_efi_runtime_call through the
 * kernel's privcmd driver with libxencall: the operation, the variable
 * name and data, and the capsule all live in xencall buffers, which the
 * hypervisor may read and write. Same lines as the small dom0 prints.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xencall.h>

#include <public/xen.h>

#include "fwinfo.h"
#include "fwtools.h"
#include "linux.h"
#include "rtfmt.h"
#include "rttools.h"

/* As the small dom0 (tools/dom0/rtcall.c). */
#define RT_NAME_UNITS       1100
#define RT_DATA_BYTES       (64 * 1024)
/* UEFI 8.5.3: EFI_CAPSULE_HEADER is 28 bytes; its flags at 20. */
#define CAPSULE_HDR_BYTES   28
#define CAPSULE_FLAGS_AT    20
/* The largest capsule file taken (the small dom0 takes 60 KiB). */
#define CAPSULE_MAX_BYTES   (32u << 20)

struct lx_rt {
    xencall_handle *xc;
};

static long lx_rt_call(void *ctx, struct xenpf_efi_runtime_call *rt)
{
    struct lx_rt *r = ctx;
    struct xen_platform_op *op;
    long rc;

    op = xencall_alloc_buffer(r->xc, sizeof(*op));
    if ( !op )
        return -ENOMEM;
    memset(op, 0, sizeof(*op));
    op->cmd = XENPF_efi_runtime_call;
    op->interface_version = XENPF_INTERFACE_VERSION;
    op->u.efi_runtime_call = *rt;
    rc = xencall1(r->xc, __HYPERVISOR_platform_op, (uint64_t)(uintptr_t)op);
    if ( rc < 0 )
        rc = -errno;
    if ( rc == 0 )
        *rt = op->u.efi_runtime_call;
    xencall_free_buffer(r->xc, op);
    return rc;
}

static void lx_rt_line(void *ctx, const char *line)
{
    puts(line);
}

/* ---- xen-capsule ------------------------------------------------------- */

/* The capsule file into a new xencall buffer; its size, or 0. */
static size_t capsule_load(struct lx_rt *r, const char *path,
                           const char *flags, uint8_t **cap)
{
    char gs[RTFMT_GUID_CHARS];
    uint32_t hsize, fl, isize;
    uint64_t f;
    size_t n = 0;
    FILE *file = fopen(path, "rb");
    long len = -1;

    if ( file && !fseek(file, 0, SEEK_END) )
        len = ftell(file);
    if ( len < CAPSULE_HDR_BYTES || len > CAPSULE_MAX_BYTES )
    {
        printf("xen-capsule: no capsule in %s (%ld bytes)\n", path, len);
        if ( file )
            fclose(file);
        return 0;
    }
    *cap = xencall_alloc_buffer(r->xc, len);
    if ( *cap )
    {
        rewind(file);
        n = fread(*cap, 1, len, file);
    }
    fclose(file);
    if ( n != (size_t)len )
    {
        printf("xen-capsule: cannot read %s: %s\n", path,
               *cap ? "short read" : strerror(errno));
        return 0;
    }
    if ( flags && rtfmt_num_parse(&f, flags) )
    {
        fl = f;
        memcpy(*cap + CAPSULE_FLAGS_AT, &fl, 4);
    }
    memcpy(&hsize, *cap + 16, 4);
    memcpy(&fl, *cap + 20, 4);
    memcpy(&isize, *cap + 24, 4);
    printf("xen-capsule: capsule guid=%s header_size=%u flags=0x%x "
           "image_size=%u module=%llu\n", rtfmt_guid(gs, *cap), hsize, fl,
           isize, (unsigned long long)len);
    return isize <= (size_t)len ? isize : 0;
}

/*
 * xen-capsule query FILE [FLAGS]: QueryCapsuleCapabilities of the
 * capsule in FILE. submit is the small dom0's alone: UpdateCapsule takes
 * a scatter-gather list of machine addresses, and Linux tells no process
 * where its pages lie in machine memory.
 */
static int capsule_run(struct lx_rt *r, int argc, char **argv)
{
    struct xenpf_efi_runtime_call rt;
    uint8_t *cap = NULL;
    uint64_t *array;
    uint32_t flags;
    char sb[64];
    size_t bytes;
    long rc;

    if ( argc >= 1 && !strcmp(argv[0], "submit") )
    {
        printf("xen-capsule: submit: not from a Linux process: "
               "UpdateCapsule needs the machine addresses of the capsule's "
               "pages, which Linux does not give a process (the kernel's "
               "own way is /dev/efi_capsule_loader)\n");
        return FWTOOLS_EXIT_NONE;
    }
    if ( argc < 2 || argc > 3 || strcmp(argv[0], "query") )
    {
        printf("xen-capsule: usage: query FILE [FLAGS]\n");
        return FWTOOLS_EXIT_USAGE;
    }
    bytes = capsule_load(r, argv[1], argc > 2 ? argv[2] : NULL, &cap);
    array = xencall_alloc_buffer(r->xc, sizeof(*array));
    if ( !bytes || !array )
    {
        if ( cap )
            xencall_free_buffer(r->xc, cap);
        if ( array )
            xencall_free_buffer(r->xc, array);
        return FWTOOLS_EXIT_ERROR;
    }
    memcpy(&flags, cap + CAPSULE_FLAGS_AT, 4);
    array[0] = (uint64_t)(uintptr_t)cap;
    rttools_init(&rt, XEN_EFI_query_capsule_capabilities, 0);
    set_xen_guest_handle(rt.u.query_capsule_capabilities.capsule_header_array,
                         array);
    rt.u.query_capsule_capabilities.capsule_count = 1;
    rc = lx_rt_call(r, &rt);
    if ( rc )
        printf("xen-capsule: query flags=0x%x: error rc=%ld (%s)\n", flags,
               rc, fwinfo_errno_name(rc));
    else
        printf("xen-capsule: query flags=0x%x: %s max_capsule_size=%llu "
               "reset_type=%u\n", flags,
               rttools_status(sb, sizeof(sb), rt.status),
               (unsigned long long)rt.u.query_capsule_capabilities.
                   max_capsule_size,
               rt.u.query_capsule_capabilities.reset_type);
    xencall_free_buffer(r->xc, array);
    xencall_free_buffer(r->xc, cap);
    /* Xen has no capsule calls: nothing to show, as for the others. */
    if ( rc == -ENOSYS )
        return FWTOOLS_EXIT_NONE;
    return rc ? FWTOOLS_EXIT_ERROR : FWTOOLS_EXIT_OK;
}

int lx_rt_run(xencall_handle *xc, const char *name, int argc, char **argv)
{
    struct lx_rt r = { .xc = xc };
    struct rttools_backend b = {
        .ctx = &r, .rt_call = lx_rt_call, .line = lx_rt_line,
        .name_units = RT_NAME_UNITS, .data_bytes = RT_DATA_BYTES,
    };
    int rc;

    if ( !strcmp(name, "xen-capsule") )
        return capsule_run(&r, argc, argv);
    if ( !strcmp(name, "xen-efivar") && argc >= 1 &&
         !strcmp(argv[0], "hostile") )
    {
        printf("xen-efivar: hostile: the small dom0's alone "
               "(tools/dom0/rtcall.c)\n");
        return FWTOOLS_EXIT_USAGE;
    }
    b.name = xencall_alloc_buffer(xc, RT_NAME_UNITS * sizeof(uint16_t));
    b.data = xencall_alloc_buffer(xc, RT_DATA_BYTES);
    if ( !b.name || !b.data )
    {
        printf("%s: error: no hypercall buffers: %s\n", name,
               strerror(errno));
        rc = FWTOOLS_EXIT_ERROR;
    }
    else if ( !strcmp(name, "xen-efivar") )
        rc = rttools_efivar(&b, argc, argv) ? FWTOOLS_EXIT_USAGE
                                            : FWTOOLS_EXIT_OK;
    else
        rc = rttools_time(&b, argc, argv) ? FWTOOLS_EXIT_USAGE
                                          : FWTOOLS_EXIT_OK;
    if ( b.name )
        xencall_free_buffer(xc, b.name);
    if ( b.data )
        xencall_free_buffer(xc, b.data);
    return rc;
}
