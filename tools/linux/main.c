/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The Linux back end of the dom0 firmware tools (tools/lib/fwtools.h):
 * xen-info, xen-esrt, xen-e820 and xen-efimap as ordinary programs for a
 * Linux dom0, and the runtime-call tools xen-efivar, xen-time and
 * xen-capsule (tools/linux/rtcall.c). Hypercalls go through the kernel's
 * privcmd driver with Debian's libxencall (buffers from
 * xencall_alloc_buffer, which the hypervisor may touch); machine memory
 * such as the ESRT is read from /dev/mem; the ESRT Linux itself found is
 * read from sysfs. One program, named by argv[0]; usage and exit codes
 * in docs/tools.md.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xencall.h>

#include <public/xen.h>

#include "fwinfo.h"
#include "fwtools.h"
#include "linux.h"

#define SYSFS_ESRT  "/sys/firmware/efi/esrt"

struct lx {
    xencall_handle *xc;
    int mem_fd;             /* /dev/mem, opened on the first read */
    int mem_errno;          /* why it could not be opened */
    uint64_t last_pa;       /* the address of the last failed read */
    char hint[320];
};

static long lx_efi_info(void *ctx, unsigned int index,
                        union xenpf_efi_info *info)
{
    struct lx *lx = ctx;
    struct xen_platform_op *op;
    long rc;

    op = xencall_alloc_buffer(lx->xc, sizeof(*op));
    if ( !op )
        return -ENOMEM;
    memset(op, 0, sizeof(*op));
    op->cmd = XENPF_firmware_info;
    op->interface_version = XENPF_INTERFACE_VERSION;
    op->u.firmware_info.type = XEN_FW_EFI_INFO;
    op->u.firmware_info.index = index;
    op->u.firmware_info.u.efi_info = *info;
    rc = xencall1(lx->xc, __HYPERVISOR_platform_op,
                  (uint64_t)(uintptr_t)op);
    if ( rc < 0 )
        rc = -errno;
    *info = op->u.firmware_info.u.efi_info;
    xencall_free_buffer(lx->xc, op);
    return rc;
}

static long lx_memory_map(void *ctx, struct xen_memory_map *map)
{
    struct lx *lx = ctx;
    struct xen_memory_map *m;
    long rc;

    m = xencall_alloc_buffer(lx->xc, sizeof(*m));
    if ( !m )
        return -ENOMEM;
    *m = *map;
    rc = xencall2(lx->xc, __HYPERVISOR_memory_op,
                  XENMEM_machine_memory_map, (uint64_t)(uintptr_t)m);
    if ( rc < 0 )
        rc = -errno;
    *map = *m;
    xencall_free_buffer(lx->xc, m);
    return rc;
}

static void *lx_buf_alloc(void *ctx, size_t size)
{
    struct lx *lx = ctx;
    void *p = xencall_alloc_buffer(lx->xc, size);

    if ( p )
        memset(p, 0, size);
    return p;
}

static void lx_buf_free(void *ctx, void *buf, size_t size)
{
    struct lx *lx = ctx;

    xencall_free_buffer(lx->xc, buf);
}

static const void *lx_map(void *ctx, uint64_t pa, size_t size, long *rc)
{
    struct lx *lx = ctx;
    uint8_t *p;
    ssize_t n;
    size_t done = 0;

    lx->last_pa = pa;
    if ( lx->mem_fd < 0 && !lx->mem_errno )
    {
        lx->mem_fd = open("/dev/mem", O_RDONLY | O_CLOEXEC);
        if ( lx->mem_fd < 0 )
            lx->mem_errno = errno;
    }
    if ( lx->mem_fd < 0 )
    {
        *rc = -lx->mem_errno;
        return NULL;
    }
    p = malloc(size);
    if ( !p )
    {
        *rc = -ENOMEM;
        return NULL;
    }
    while ( done < size )
    {
        n = pread(lx->mem_fd, p + done, size - done, pa + done);
        if ( n <= 0 )
        {
            *rc = n < 0 ? -errno : -EIO;
            lx->last_pa = pa + done;
            free(p);
            return NULL;
        }
        done += n;
    }
    return p;
}

static void lx_unmap(void *ctx, const void *view, size_t size)
{
    free((void *)view);
}

static void lx_line(void *ctx, const char *line)
{
    puts(line);
}

static const char *lx_map_hint(void *ctx, long rc)
{
    struct lx *lx = ctx;

    if ( lx->mem_fd < 0 )
        snprintf(lx->hint, sizeof(lx->hint), "cannot open /dev/mem (%s): "
                 "run as root on a kernel with CONFIG_DEVMEM",
                 strerror(lx->mem_errno));
    else if ( rc == -EPERM )
        snprintf(lx->hint, sizeof(lx->hint), "the kernel refused to read "
                 "0x%llx through /dev/mem: CONFIG_STRICT_DEVMEM forbids "
                 "RAM, and CONFIG_IO_STRICT_DEVMEM also forbids ranges the "
                 "kernel holds busy (ACPI tables, where Xen keeps the "
                 "ESRT); boot the kernel with iomem=relaxed",
                 (unsigned long long)lx->last_pa);
    else
        snprintf(lx->hint, sizeof(lx->hint), "reading 0x%llx through "
                 "/dev/mem failed: %s", (unsigned long long)lx->last_pa,
                 strerror((int)-rc));
    return lx->hint;
}

/* Reads the number in the sysfs file dir/name into *v. */
static int sysfs_num(const char *dir, const char *name, uint64_t *v)
{
    char path[256], text[64], *end;
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "r");
    if ( !f )
        return -errno;
    if ( !fgets(text, sizeof(text), f) )
    {
        fclose(f);
        return -EIO;
    }
    fclose(f);
    errno = 0;
    *v = strtoull(text, &end, 0);
    return errno || end == text ? -EINVAL : 0;
}

static void put_le(uint8_t *p, uint64_t v, unsigned int bytes)
{
    unsigned int i;

    for ( i = 0; i < bytes; i++ )
        p[i] = v >> (8 * i);
}

/* The ESRT Linux exposes in sysfs, rebuilt as the raw table. */
static long lx_kernel_esrt(void *ctx, void *buf, size_t size)
{
    static const char *const fields[] = {
        "fw_type", "fw_version", "lowest_supported_fw_version",
        "capsule_flags", "last_attempt_version", "last_attempt_status",
    };
    char dir[128], path[160], text[64];
    uint8_t *t = buf;
    uint64_t count, max, version, v;
    unsigned int i, j;
    FILE *f;
    int rc;

    if ( access(SYSFS_ESRT, F_OK) )
        return -ENOENT;
    if ( (rc = sysfs_num(SYSFS_ESRT, "fw_resource_count", &count)) ||
         (rc = sysfs_num(SYSFS_ESRT, "fw_resource_count_max", &max)) ||
         (rc = sysfs_num(SYSFS_ESRT, "fw_resource_version", &version)) )
        return rc;
    if ( FWINFO_ESRT_HDR_BYTES + count * FWINFO_ESRT_ENTRY_BYTES > size )
        return -E2BIG;
    put_le(t, count, 4);
    put_le(t + 4, max, 4);
    put_le(t + 8, version, 8);
    for ( i = 0; i < count; i++ )
    {
        uint8_t *e = t + FWINFO_ESRT_HDR_BYTES +
                     i * FWINFO_ESRT_ENTRY_BYTES;

        snprintf(dir, sizeof(dir), SYSFS_ESRT "/entries/entry%u", i);
        snprintf(path, sizeof(path), "%s/fw_class", dir);
        f = fopen(path, "r");
        if ( !f )
            return -errno;
        if ( !fgets(text, sizeof(text), f) || !fwinfo_guid_parse(e, text) )
        {
            fclose(f);
            return -EINVAL;
        }
        fclose(f);
        /* fw_type and the five 32-bit fields after the class. */
        for ( j = 0; j < 6; j++ )
        {
            if ( (rc = sysfs_num(dir, fields[j], &v)) )
                return rc;
            put_le(e + 16 + 4 * j, v, 4);
        }
    }
    return FWINFO_ESRT_HDR_BYTES + count * FWINFO_ESRT_ENTRY_BYTES;
}

/* The tools: the firmware tools take no words, the runtime ones some. */
static const struct {
    const char *name;
    int (*run)(const struct fwtools_backend *b);    /* NULL: runtime call */
    const char *args;
    const char *what;
} lx_tools[] = {
    { "xen-info", fwtools_info, "",
      "the EFI firmware as the hypervisor reports it" },
    { "xen-esrt", fwtools_esrt, "",
      "the ESRT the hypervisor kept, checked as Linux checks it" },
    { "xen-e820", fwtools_e820, "",
      "the host e820 from XENMEM_machine_memory_map" },
    { "xen-efimap", fwtools_efimap, "",
      "the EFI memory map the hypervisor kept" },
    { "xen-efivar", NULL, " list | read NAME [GUID] | write NAME GUID HEX "
      "[ATTR] | delete NAME [GUID] | info [ATTR]",
      "EFI variables through XENPF_efi_runtime_call" },
    { "xen-time", NULL, " [set | wakeup-off]",
      "the EFI clock through XENPF_efi_runtime_call" },
    { "xen-capsule", NULL, " query FILE [FLAGS]",
      "QueryCapsuleCapabilities of the capsule in FILE" },
};

static int usage(const char *name, FILE *f, int code)
{
    unsigned int i;

    for ( i = 0; i < sizeof(lx_tools) / sizeof(lx_tools[0]); i++ )
        if ( !strcmp(name, lx_tools[i].name) )
        {
            fprintf(f, "usage: %s [-h|--help]%s\n", name, lx_tools[i].args);
            fprintf(f, "%s: %s (docs/tools.md).\n", name, lx_tools[i].what);
        }
    fprintf(f, "Exit: 0 ok, 1 damaged data, 2 nothing to show, 3 error, "
            "64 usage.\n");
    return code;
}

int main(int argc, char **argv)
{
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1
                                             : argv[0];
    struct lx lx = { .mem_fd = -1 };
    struct fwtools_backend b = {
        .ctx = &lx,
        .efi_info = lx_efi_info,
        .machine_memory_map = lx_memory_map,
        .buf_alloc = lx_buf_alloc,
        .buf_free = lx_buf_free,
        .map = lx_map,
        .unmap = lx_unmap,
        .line = lx_line,
        .kernel_esrt = lx_kernel_esrt,
        .map_hint = lx_map_hint,
    };
    unsigned int i;
    int rc;

    for ( i = 0; i < sizeof(lx_tools) / sizeof(lx_tools[0]); i++ )
        if ( !strcmp(name, lx_tools[i].name) )
            break;
    if ( i == sizeof(lx_tools) / sizeof(lx_tools[0]) )
    {
        fprintf(stderr, "%s: call me as xen-info, xen-esrt, xen-e820, "
                "xen-efimap, xen-efivar, xen-time or xen-capsule\n", name);
        return FWTOOLS_EXIT_USAGE;
    }
    if ( argc == 2 && (!strcmp(argv[1], "-h") ||
                       !strcmp(argv[1], "--help")) )
        return usage(name, stdout, FWTOOLS_EXIT_OK);
    if ( argc != 1 && lx_tools[i].run )
        return usage(name, stderr, FWTOOLS_EXIT_USAGE);

    lx.xc = xencall_open(NULL, 0);
    if ( !lx.xc )
    {
        printf("%s: error: cannot open the hypervisor interface "
               "(/dev/xen/privcmd): %s; this runs in a Xen dom0 as root, "
               "with the xen-privcmd module loaded\n", name,
               strerror(errno));
        return FWTOOLS_EXIT_ERROR;
    }
    if ( lx_tools[i].run )
        rc = lx_tools[i].run(&b);
    else
        rc = lx_rt_run(lx.xc, name, argc - 1, argv + 1);
    fflush(stdout);
    if ( lx.mem_fd >= 0 )
        close(lx.mem_fd);
    xencall_close(lx.xc);
    return rc;
}
