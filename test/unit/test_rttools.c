/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for tools/lib/rttools.c (xen-efivar, xen-time) on a fake
 * firmware: a store of up to four variables, a fixed clock, and a
 * hypercall result the case can force. The lines checked are those
 * docs/tools.md documents and test/boot/rtcall_scenarios.py reads.
 */
#include <stdio.h>
#include <string.h>

#include <public/errno.h>

#include "rtfmt.h"
#include "rttools.h"
#include "unit.h"

#define NOT_FOUND   0x800000000000000eULL
#define TOO_SMALL   0x8000000000000005ULL

struct fake_var {
    bool used;
    uint16_t name[32];
    struct xenpf_efi_guid guid;
    uint32_t attr;
    uint8_t data[64];
    size_t size;
};

static struct fake {
    struct fake_var v[4];
    long force_rc;
    char lines[16][320];
    unsigned int nr_lines;
} fk;

static bool same_name(const uint16_t *a, const uint16_t *b)
{
    for ( ; *a == *b; a++, b++ )
        if ( !*a )
            return true;
    return false;
}

static struct fake_var *find(const uint16_t *name,
                             const struct xenpf_efi_guid *g)
{
    for ( unsigned int i = 0; i < 4; i++ )
        if ( fk.v[i].used && same_name(fk.v[i].name, name) &&
             !memcmp(&fk.v[i].guid, g, sizeof(*g)) )
            return &fk.v[i];
    return NULL;
}

static long f_call(void *ctx, struct xenpf_efi_runtime_call *op)
{
    struct fake_var *v;
    unsigned int i;

    if ( fk.force_rc )
        return fk.force_rc;
    op->status = 0;
    switch ( op->function )
    {
    case XEN_EFI_get_variable:
        v = find(op->u.get_variable.name.p, &op->u.get_variable.vendor_guid);
        if ( !v )
            op->status = NOT_FOUND;
        else if ( op->u.get_variable.size < v->size )
            op->status = TOO_SMALL;
        else
        {
            memcpy(op->u.get_variable.data.p, v->data, v->size);
            op->misc = v->attr;
        }
        if ( v )
            op->u.get_variable.size = v->size;
        break;
    case XEN_EFI_set_variable:
        v = find(op->u.set_variable.name.p, &op->u.set_variable.vendor_guid);
        if ( !op->u.set_variable.size )
        {
            if ( v )
                v->used = false;
            else
                op->status = NOT_FOUND;
            break;
        }
        for ( i = 0; !v && i < 4; i++ )
            if ( !fk.v[i].used )
                v = &fk.v[i];
        memcpy(v->name, op->u.set_variable.name.p, sizeof(v->name));
        v->guid = op->u.set_variable.vendor_guid;
        v->attr = op->misc;
        v->size = op->u.set_variable.size;
        memcpy(v->data, op->u.set_variable.data.p, v->size);
        v->used = true;
        break;
    case XEN_EFI_get_next_variable_name:
    {
        uint16_t *name = op->u.get_next_variable_name.name.p;
        bool take = !name[0];

        for ( i = 0; i < 4; i++ )
        {
            if ( !fk.v[i].used )
                continue;
            if ( take )
            {
                memcpy(name, fk.v[i].name, sizeof(fk.v[i].name));
                op->u.get_next_variable_name.vendor_guid = fk.v[i].guid;
                return 0;
            }
            take = same_name(fk.v[i].name, name);
        }
        op->status = NOT_FOUND;
        break;
    }
    case XEN_EFI_query_variable_info:
        op->u.query_variable_info.max_store_size = 1000;
        op->u.query_variable_info.remain_store_size = 900;
        op->u.query_variable_info.max_size = 100;
        break;
    case XEN_EFI_get_time:
        op->u.get_time.time = (struct xenpf_efi_time){
            .year = 2026, .month = 11, .day = 27, .hour = 8, .min = 1,
            .sec = 2, .tz = 2047 };
        op->u.get_time.resolution = 1;
        op->u.get_time.accuracy = 50000000;
        break;
    case XEN_EFI_get_next_high_monotonic_count:
        op->misc = 7;
        break;
    }
    return 0;
}

static void f_line(void *ctx, const char *line)
{
    if ( fk.nr_lines < 16 )
        snprintf(fk.lines[fk.nr_lines++], sizeof(fk.lines[0]), "%s", line);
}

static uint16_t name_buf[64];
static uint8_t data_buf[64];
static const struct rttools_backend be = {
    .rt_call = f_call, .line = f_line, .name = name_buf, .name_units = 64,
    .data = data_buf, .data_bytes = 64,
};

static int run_efivar(const char *words)
{
    static char buf[256];
    char *argv[8];
    unsigned int argc = 0;

    snprintf(buf, sizeof(buf), "%s", words);
    for ( char *t = strtok(buf, " "); t && argc < 8; t = strtok(NULL, " ") )
        argv[argc++] = t;
    fk.nr_lines = 0;
    return rttools_efivar(&be, argc, argv);
}

#define G "6d1e4c2a-58b3-4f0e-9a61-2b7c0d93e415"

static void write_read_delete(struct unit_ctx *ctx)
{
    memset(&fk, 0, sizeof(fk));
    CHECK_EQ(run_efivar("write XenT " G " 01ab"), 0);
    CHECK(!strcmp(fk.lines[0], "xen-efivar: write XenT " G " attr=0x7 "
                  "size=2: status=0x0 (EFI_SUCCESS)"));
    run_efivar("read XenT " G);
    CHECK(!strcmp(fk.lines[0], "xen-efivar: read XenT " G ": status=0x0 "
                  "(EFI_SUCCESS) attr=0x7 size=2 data=01ab"));
    run_efivar("list");
    CHECK(!strcmp(fk.lines[0], "xen-efivar: var " G " XenT"));
    CHECK(!strcmp(fk.lines[1], "xen-efivar: list: 1 variables, rc=0 "
                  "status=0x800000000000000e (EFI_NOT_FOUND)"));
    CHECK_EQ(rttools_var_list(&be, false), 1);
    run_efivar("delete XenT " G);
    CHECK(!strcmp(fk.lines[0], "xen-efivar: delete XenT " G " attr=0x0 "
                  "size=0: status=0x0 (EFI_SUCCESS)"));
    run_efivar("read XenT " G);
    CHECK(!strcmp(fk.lines[0], "xen-efivar: read XenT " G ": "
                  "status=0x800000000000000e (EFI_NOT_FOUND) size=64"));
    CHECK_EQ(rttools_var_list(&be, false), 0);
}

static void global_guid_is_the_default(struct unit_ctx *ctx)
{
    memset(&fk, 0, sizeof(fk));
    run_efivar("write SecureBoot global 01 6");
    run_efivar("read SecureBoot");
    CHECK(!strcmp(fk.lines[0], "xen-efivar: read SecureBoot "
                  "8be4df61-93ca-11d2-aa0d-00e098032b8c: status=0x0 "
                  "(EFI_SUCCESS) attr=0x6 size=1 data=01"));
}

static void errors_and_usage(struct unit_ctx *ctx)
{
    memset(&fk, 0, sizeof(fk));
    CHECK_EQ(run_efivar("frobnicate"), 1);
    CHECK(!strncmp(fk.lines[0], "xen-efivar: usage: ", 19));
    CHECK_EQ(run_efivar("read"), 1);
    run_efivar("write X " G " 0");
    CHECK(!strcmp(fk.lines[0], "xen-efivar: write: bad arguments"));
    run_efivar("read X not-a-guid");
    CHECK(!strcmp(fk.lines[0], "xen-efivar: read X: bad GUID"));
    fk.force_rc = -XEN_EFAULT;
    run_efivar("read X");
    CHECK(!strcmp(fk.lines[0], "xen-efivar: read X "
                  "8be4df61-93ca-11d2-aa0d-00e098032b8c: error rc=-14 "
                  "(EFAULT)"));
    CHECK_EQ(rttools_var_list(&be, false), -1);
}

static void info_and_time_lines(struct unit_ctx *ctx)
{
    memset(&fk, 0, sizeof(fk));
    run_efivar("info");
    CHECK(!strcmp(fk.lines[0], "xen-efivar: info attr=0x7: status=0x0 "
                  "(EFI_SUCCESS) max_store=1000 remain=900 max_size=100"));
    fk.nr_lines = 0;
    CHECK_EQ(rttools_time(&be, 0, NULL), 0);
    CHECK(!strcmp(fk.lines[0], "xen-time: time=2026-11-27T08:01:02."
                  "000000000 epoch=1795766462 tz=2047 daylight=0 "
                  "resolution=1 accuracy=50000000 sets_to_zero=0 "
                  "status=0x0 (EFI_SUCCESS)"));
    CHECK(!strcmp(fk.lines[2], "xen-time: monotonic rc=0 high=7 "
                  "status=0x0 (EFI_SUCCESS)"));
}

static const struct unit_case rttools_cases[] = {
    { "write, read back, list, delete, gone", write_read_delete },
    { "the EFI global GUID is the default", global_guid_is_the_default },
    { "bad arguments and hypercall errors reported",
      errors_and_usage },
    { "QueryVariableInfo and GetTime lines", info_and_time_lines },
};

UNIT_SUITE(rttools, rttools_cases)
