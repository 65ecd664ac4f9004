/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/esrt.c, the ESRT line format that the hypervisor,
 * the test shim and dom0 print and tests compare. The entry bytes are
 * written out by hand from the layout in reference 7.5.
 */
#include <string.h>

#include <xen/esrt.h>

#include "unit.h"

/* GUID 01234567-89ab-cdef-0011-223344556677 in its in-memory byte order. */
static const unsigned char entry_bytes[41] = {
    0x00, /* one byte of misalignment */
    0x67, 0x45, 0x23, 0x01, 0xab, 0x89, 0xef, 0xcd,
    0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
    2, 0, 0, 0,                 /* fw_type */
    0x78, 0x56, 0x34, 0x12,     /* fw_version */
    0, 0, 0, 0,                 /* lowest_supported_fw_version */
    0x01, 0x80, 0, 0,           /* capsule_flags */
    0xff, 0xff, 0xff, 0xff,     /* last_attempt_version */
    5, 0, 0, 0,                 /* last_attempt_status */
};

static void entry_line_names_every_field(struct unit_ctx *ctx)
{
    char buf[ESRT_LINE_MAX];

    esrt_entry_line(buf, 7, entry_bytes + 1);
    CHECK(!strcmp(buf, "esrt entry 7: class=01234567-89ab-cdef-0011-"
                       "223344556677 fw_type=2 fw_version=0x12345678 "
                       "lowest_supported_fw_version=0x0 "
                       "capsule_flags=0x8001 "
                       "last_attempt_version=0xffffffff "
                       "last_attempt_status=5"));
}

static void header_line(struct unit_ctx *ctx)
{
    static const unsigned char hdr[16] = { 3, 0, 0, 0, 0x10, 0, 0, 0,
                                           1, 0, 0, 0, 0, 0, 0, 0 };
    char buf[ESRT_LINE_MAX];

    CHECK(!strcmp(esrt_header_line(buf, hdr),
                  "esrt header: count=3 max=16 version=1"));
}

static void longest_entry_line_fits(struct unit_ctx *ctx)
{
    unsigned char e[40];
    char buf[ESRT_LINE_MAX + 16];

    memset(e, 0xff, sizeof(e));
    memset(buf, 'x', sizeof(buf));
    esrt_entry_line(buf, ~0u, e);
    CHECK(strlen(buf) < ESRT_LINE_MAX);
    CHECK(strstr(buf, "last_attempt_status=4294967295"));
    CHECK(buf[ESRT_LINE_MAX] == 'x');
}

static const struct unit_case esrt_cases[] = {
    { "entry_line_names_every_field", entry_line_names_every_field },
    { "header_line", header_line },
    { "longest_entry_line_fits", longest_entry_line_fits },
};

UNIT_SUITE(esrt, esrt_cases)
