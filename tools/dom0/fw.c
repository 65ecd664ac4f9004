/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The dom0 kernel's back end for the shared tools (tools/lib/fwtools.h):
 * hypercalls by the kernel's own stubs, machine memory through the mapping
 * window of mm.c, lines on the console, and one static buffer for what
 * the hypervisor writes. The tools themselves are tools/lib/fwtools.c.
 */
#include <public/errno.h>
#include <public/memory.h>

#include "console.h"
#include "dom0.h"
#include "fwtools.h"
#include "hypercall.h"
#include "lib.h"
#include "mm.h"

long fw_efi_info(unsigned int index, union xenpf_efi_info *info)
{
    struct xen_platform_op op;
    long rc;

    memset(&op, 0, sizeof(op));
    op.cmd = XENPF_firmware_info;
    op.interface_version = XENPF_INTERFACE_VERSION;
    op.u.firmware_info.type = XEN_FW_EFI_INFO;
    op.u.firmware_info.index = index;
    op.u.firmware_info.u.efi_info = *info;
    rc = hypercall_platform_op(&op);
    *info = op.u.firmware_info.u.efi_info;
    return rc;
}

/*
 * The largest buffer a tool asks for: the EFI map, which may hold
 * thousands of descriptors (1 MiB: 21845 of 48 bytes).
 */
static uint8_t fw_buf[1024 * 1024];
static bool fw_buf_busy;

static long fw_be_efi_info(void *ctx, unsigned int index,
                           union xenpf_efi_info *info)
{
    return fw_efi_info(index, info);
}

static long fw_be_memory_map(void *ctx, struct xen_memory_map *map)
{
    return hypercall_memory_op(XENMEM_machine_memory_map, map);
}

static void *fw_be_buf_alloc(void *ctx, size_t size)
{
    if ( fw_buf_busy || size > sizeof(fw_buf) )
        return NULL;
    fw_buf_busy = true;
    memset(fw_buf, 0, size);
    return fw_buf;
}

static void fw_be_buf_free(void *ctx, void *buf, size_t size)
{
    fw_buf_busy = false;
}

static const void *fw_be_map(void *ctx, uint64_t pa, size_t size, long *rc)
{
    return mm_map(pa, size, rc);
}

static void fw_be_unmap(void *ctx, const void *view, size_t size)
{
    mm_unmap();
}

static void fw_be_line(void *ctx, const char *line)
{
    console_line("%s", line);
}

static const struct fwtools_backend fw_backend = {
    .efi_info = fw_be_efi_info,
    .machine_memory_map = fw_be_memory_map,
    .buf_alloc = fw_be_buf_alloc,
    .buf_free = fw_be_buf_free,
    .map = fw_be_map,
    .unmap = fw_be_unmap,
    .line = fw_be_line,
};

void info_run(const struct start_info *si)
{
    fwtools_info(&fw_backend);
}

void esrt_run(const struct start_info *si)
{
    fwtools_esrt(&fw_backend);
}

void e820_run(const struct start_info *si)
{
    fwtools_e820(&fw_backend);
}

void efimap_run(const struct start_info *si)
{
    fwtools_efimap(&fw_backend);
}
