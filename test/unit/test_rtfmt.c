/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for tools/lib/rtfmt.c, the text the runtime-call tools
 * print and parse: status names, GUIDs, times (and their epoch, which the
 * boot test compares with the host clock), hex and numbers, UCS-2 names.
 */
#include <string.h>

#include "rtfmt.h"
#include "unit.h"

static void status_names(struct unit_ctx *ctx)
{
    CHECK(!strcmp(rtfmt_status_name(0), "EFI_SUCCESS"));
    CHECK(!strcmp(rtfmt_status_name(0x800000000000000eULL),
                  "EFI_NOT_FOUND"));
    CHECK(!strcmp(rtfmt_status_name(0x800000000000001aULL),
                  "EFI_SECURITY_VIOLATION"));
    CHECK(!strcmp(rtfmt_status_name(0x800000000000001bULL), "EFI_?"));
    CHECK(!strcmp(rtfmt_status_name(0x8000000000000000ULL), "EFI_?"));
    CHECK(!strcmp(rtfmt_status_name(4), "EFI_WARN"));
}

static void guid_text(struct unit_ctx *ctx)
{
    char buf[RTFMT_GUID_CHARS];

    CHECK(!strcmp(rtfmt_guid(buf, rtfmt_global_guid),
                  "8be4df61-93ca-11d2-aa0d-00e098032b8c"));
}

static void time_text_and_epoch(struct unit_ctx *ctx)
{
    struct xenpf_efi_time t = { .year = 2026, .month = 11, .day = 27,
                                .hour = 7, .min = 30, .sec = 5, .ns = 12 };
    char buf[40];

    CHECK(!strcmp(rtfmt_time(buf, sizeof(buf), &t),
                  "2026-11-27T07:30:05.000000012"));
    /* date -u -d 2026-11-27T07:30:05 +%s */
    CHECK_EQ(rtfmt_time_epoch(&t), 1795764605LL);
    t = (struct xenpf_efi_time){ .year = 2000, .month = 3, .day = 1 };
    CHECK_EQ(rtfmt_time_epoch(&t), 951868800LL);
    t = (struct xenpf_efi_time){ .year = 1970, .month = 1, .day = 1 };
    CHECK_EQ(rtfmt_time_epoch(&t), 0);
    t.month = 13;
    CHECK_EQ(rtfmt_time_epoch(&t), -1);
}

static void hex_and_numbers(struct unit_ctx *ctx)
{
    uint8_t b[4];
    uint64_t v = 0;
    char buf[16];

    CHECK_EQ(rtfmt_hex_parse(b, 4, "00fFa5"), 3);
    CHECK_EQ(b[1], 0xff);
    CHECK_EQ(rtfmt_hex_parse(b, 4, "0"), -1);
    CHECK_EQ(rtfmt_hex_parse(b, 4, "0x00"), -1);
    CHECK_EQ(rtfmt_hex_parse(b, 2, "000000"), -1);
    CHECK_EQ(rtfmt_hex_parse(b, 2, ""), 0);
    CHECK(rtfmt_num_parse(&v, "0x20000") && v == 0x20000);
    CHECK(rtfmt_num_parse(&v, "7") && v == 7);
    CHECK(!rtfmt_num_parse(&v, "0x"));
    CHECK(!rtfmt_num_parse(&v, "12a"));
    CHECK(!rtfmt_num_parse(&v, "0x10000000000000000"));
    CHECK(!strcmp(rtfmt_hex(buf, sizeof(buf), (const uint8_t *)"\x01\xab",
                            2), "01ab"));
    CHECK(!strcmp(rtfmt_hex(buf, 10, (const uint8_t *)"abcdefgh", 8),
                  "616263..."));
}

static void ucs2_names(struct unit_ctx *ctx)
{
    uint16_t out[4];

    CHECK_EQ(rtfmt_ucs2(out, 4, "abc"), 4);
    CHECK_EQ(out[2], 'c');
    CHECK_EQ(out[3], 0);
    CHECK_EQ(rtfmt_ucs2(out, 4, "abcd"), 0);
}

static const struct unit_case rtfmt_cases[] = {
    { "EFI status names, warnings and unknown codes", status_names },
    { "GUIDs in 8-4-4-4-12 text", guid_text },
    { "EFI time as text and as seconds since 1970", time_text_and_epoch },
    { "hex data and numbers parsed strictly", hex_and_numbers },
    { "UCS-2 names bounded with their terminator", ucs2_names },
};

UNIT_SUITE(rtfmt, rtfmt_cases)
