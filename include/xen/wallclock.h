/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calendar arithmetic for the wallclock dom0 reads in shared_info
 * (lib/wallclock.c): a UTC date and time as seconds since the Unix epoch,
 * and the MC146818 CMOS clock's registers decoded. Pure: no hardware.
 */
#ifndef XEN_WALLCLOCK_H
#define XEN_WALLCLOCK_H

#include <xen/types.h>

/* A broken-down UTC time. */
struct wallclock_tm {
    uint16_t year;          /* 1970..9999 */
    uint8_t month;          /* 1..12 */
    uint8_t day;            /* 1..days in that month */
    uint8_t hour;           /* 0..23 */
    uint8_t minute;         /* 0..59 */
    uint8_t second;         /* 0..59 (60, a leap second, counts as 59) */
};

/*
 * Seconds since 1970-01-01 00:00:00 UTC of *tm (proleptic Gregorian);
 * false when a field is out of range (the firmware's clock is not
 * believed then).
 */
bool wallclock_to_unix(const struct wallclock_tm *tm, uint64_t *secs);

/* The CMOS clock's registers as read (MC146818 / PC CMOS map). */
struct wallclock_cmos {
    uint8_t sec, min, hour, day, mon, year;     /* 0x00 0x02 0x04 0x07-0x09 */
    uint8_t century;        /* the FADT's century register, 0: none */
    uint8_t status_b;       /* 0x0b: bit 1 24-hour, bit 2 binary */
};

/*
 * Decodes the CMOS registers (BCD unless status B says binary, 12-hour
 * with bit 7 of the hour for PM unless it says 24-hour; years 00-69 are
 * 20xx, 70-99 19xx without a century register). False when a field is
 * not a valid number.
 */
bool wallclock_from_cmos(const struct wallclock_cmos *c,
                         struct wallclock_tm *tm);

#endif /* XEN_WALLCLOCK_H */
