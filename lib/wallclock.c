/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Calendar arithmetic for the wallclock (include/xen/wallclock.h).
 */
#include <xen/wallclock.h>

static bool leap(unsigned int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned int month_days(unsigned int y, unsigned int m)
{
    static const uint8_t days[12] = { 31, 28, 31, 30, 31, 30,
                                      31, 31, 30, 31, 30, 31 };

    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* See xen/wallclock.h. */
bool wallclock_to_unix(const struct wallclock_tm *tm, uint64_t *secs)
{
    uint64_t days = 0;
    unsigned int y = tm->year, m = tm->month;

    if ( y < 1970 || y > 9999 || m < 1 || m > 12 || tm->day < 1 ||
         tm->day > month_days(y, m) || tm->hour > 23 || tm->minute > 59 ||
         tm->second > 60 )
        return false;
    /*
     * Days before year y since 1970: 365 a year plus the leap days of the
     * years before y (every 4th, not every 100th, every 400th), counted
     * from year 0 and less those before 1970 (477).
     */
    days = (uint64_t)(y - 1970) * 365 + (y - 1) / 4 - (y - 1) / 100 +
           (y - 1) / 400 - 477;
    for ( unsigned int i = 1; i < m; i++ )
        days += month_days(y, i);
    days += tm->day - 1;
    *secs = ((days * 24 + tm->hour) * 60 + tm->minute) * 60 +
            (tm->second == 60 ? 59 : tm->second);
    return true;
}

/* A BCD byte as a number; false for a nibble above 9. */
static bool bcd(uint8_t v, uint8_t *out)
{
    if ( (v & 0xf) > 9 || (v >> 4) > 9 )
        return false;
    *out = (v >> 4) * 10 + (v & 0xf);
    return true;
}

/* See xen/wallclock.h. */
bool wallclock_from_cmos(const struct wallclock_cmos *c,
                         struct wallclock_tm *tm)
{
    bool binary = c->status_b & 0x04, h24 = c->status_b & 0x02;
    bool pm = !h24 && (c->hour & 0x80);
    uint8_t sec = c->sec, min = c->min, hour = c->hour & (h24 ? 0xff : 0x7f);
    uint8_t day = c->day, mon = c->mon, year = c->year, cent = c->century;

    if ( !binary && (!bcd(sec, &sec) || !bcd(min, &min) ||
                     !bcd(hour, &hour) || !bcd(day, &day) ||
                     !bcd(mon, &mon) || !bcd(year, &year) ||
                     (cent && !bcd(cent, &cent))) )
        return false;
    if ( year > 99 || (cent && (cent < 19 || cent > 99)) )
        return false;
    if ( !h24 )
    {
        /* 12-hour: 12 AM is 0, 12 PM is 12. */
        if ( hour < 1 || hour > 12 )
            return false;
        hour = (hour % 12) + (pm ? 12 : 0);
    }
    tm->second = sec;
    tm->minute = min;
    tm->hour = hour;
    tm->day = day;
    tm->month = mon;
    tm->year = cent ? cent * 100 + year : (year < 70 ? 2000 : 1900) + year;
    return true;
}
