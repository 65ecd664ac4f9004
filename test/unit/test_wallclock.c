/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/wallclock.c: dates as Unix seconds (reference values
 * from `date -u -d ... +%s`) and CMOS registers decoded.
 */
#include <xen/wallclock.h>

#include "unit.h"

static uint64_t unix_of(uint16_t y, uint8_t mo, uint8_t d, uint8_t h,
                        uint8_t mi, uint8_t s, bool *ok)
{
    struct wallclock_tm tm = { y, mo, d, h, mi, s };
    uint64_t secs = 0;

    *ok = wallclock_to_unix(&tm, &secs);
    return secs;
}

static void dates_as_unix_seconds(struct unit_ctx *ctx)
{
    bool ok;

    CHECK_EQ(unix_of(1970, 1, 1, 0, 0, 0, &ok), 0);
    CHECK(ok);
    CHECK_EQ(unix_of(2000, 2, 29, 12, 0, 0, &ok), 951825600ULL);
    CHECK(ok);
    CHECK_EQ(unix_of(2024, 12, 31, 23, 59, 59, &ok), 1735689599ULL);
    CHECK(ok);
    CHECK_EQ(unix_of(2038, 1, 19, 3, 14, 8, &ok), 2147483648ULL);
    CHECK(ok);
    CHECK_EQ(unix_of(2100, 3, 1, 0, 0, 0, &ok), 4107542400ULL);
    CHECK(ok);
    /* A leap second is read as :59. */
    CHECK_EQ(unix_of(2016, 12, 31, 23, 59, 60, &ok), 1483228799ULL);
    CHECK(ok);
}

static void bad_dates_refused(struct unit_ctx *ctx)
{
    bool ok;

    unix_of(1969, 12, 31, 0, 0, 0, &ok);
    CHECK(!ok);
    unix_of(2023, 2, 29, 0, 0, 0, &ok);
    CHECK(!ok);
    unix_of(2100, 2, 29, 0, 0, 0, &ok);
    CHECK(!ok);
    unix_of(2024, 13, 1, 0, 0, 0, &ok);
    CHECK(!ok);
    unix_of(2024, 4, 31, 0, 0, 0, &ok);
    CHECK(!ok);
    unix_of(2024, 1, 1, 24, 0, 0, &ok);
    CHECK(!ok);
    unix_of(2024, 1, 0, 0, 0, 0, &ok);
    CHECK(!ok);
}

static void cmos_bcd_24_hour(struct unit_ctx *ctx)
{
    struct wallclock_cmos c = { 0x59, 0x34, 0x23, 0x31, 0x12, 0x24, 0x20,
                                0x02 };
    struct wallclock_tm tm;

    CHECK(wallclock_from_cmos(&c, &tm));
    CHECK_EQ(tm.year, 2024);
    CHECK_EQ(tm.month, 12);
    CHECK_EQ(tm.day, 31);
    CHECK_EQ(tm.hour, 23);
    CHECK_EQ(tm.minute, 34);
    CHECK_EQ(tm.second, 59);
    /* Without a century register, 24 is 2024 and 99 is 1999. */
    c.century = 0;
    CHECK(wallclock_from_cmos(&c, &tm));
    CHECK_EQ(tm.year, 2024);
    c.year = 0x99;
    CHECK(wallclock_from_cmos(&c, &tm));
    CHECK_EQ(tm.year, 1999);
}

static void cmos_binary_12_hour(struct unit_ctx *ctx)
{
    struct wallclock_cmos c = { 5, 6, 0x80 | 12, 7, 8, 25, 0, 0x04 };
    struct wallclock_tm tm;

    CHECK(wallclock_from_cmos(&c, &tm));
    CHECK_EQ(tm.hour, 12);                  /* 12 PM */
    c.hour = 12;
    CHECK(wallclock_from_cmos(&c, &tm));
    CHECK_EQ(tm.hour, 0);                   /* 12 AM */
    c.hour = 0x80 | 1;
    CHECK(wallclock_from_cmos(&c, &tm));
    CHECK_EQ(tm.hour, 13);
    CHECK_EQ(tm.year, 2025);
    c.hour = 0;
    CHECK(!wallclock_from_cmos(&c, &tm));   /* no hour 0 in 12-hour mode */
}

static void cmos_garbage_refused(struct unit_ctx *ctx)
{
    struct wallclock_cmos c = { 0x5a, 0x34, 0x23, 0x31, 0x12, 0x24, 0, 0x02 };
    struct wallclock_tm tm;

    CHECK(!wallclock_from_cmos(&c, &tm));   /* BCD nibble above 9 */
    c.sec = 0x00;
    c.century = 0xff;
    CHECK(!wallclock_from_cmos(&c, &tm));
    c.century = 0x18;
    CHECK(!wallclock_from_cmos(&c, &tm));   /* 18xx */
}

static const struct unit_case wallclock_cases[] = {
    { "dates_as_unix_seconds", dates_as_unix_seconds },
    { "bad_dates_refused", bad_dates_refused },
    { "cmos_bcd_24_hour", cmos_bcd_24_hour },
    { "cmos_binary_12_hour", cmos_binary_12_hour },
    { "cmos_garbage_refused", cmos_garbage_refused },
};

UNIT_SUITE(wallclock, wallclock_cases)
