/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Text helpers of the dom0 runtime-call tools (tools/lib/rtfmt.h).
 */
#include <xen/fmt.h>

#include "rtfmt.h"

#define EFI_ERROR_BIT   0x8000000000000000ULL

/* 8BE4DF61-93CA-11D2-AA0D-00E098032B8C (UEFI spec 3.3). */
const uint8_t rtfmt_global_guid[16] = {
    0x61, 0xdf, 0xe4, 0x8b, 0xca, 0x93, 0xd2, 0x11,
    0xaa, 0x0d, 0x00, 0xe0, 0x98, 0x03, 0x2b, 0x8c,
};

const char *rtfmt_status_name(uint64_t status)
{
    /* UEFI spec appendix D, errors 1 to 26 (and 32, 33). */
    static const char *const err[] = {
        NULL, "EFI_LOAD_ERROR", "EFI_INVALID_PARAMETER", "EFI_UNSUPPORTED",
        "EFI_BAD_BUFFER_SIZE", "EFI_BUFFER_TOO_SMALL", "EFI_NOT_READY",
        "EFI_DEVICE_ERROR", "EFI_WRITE_PROTECTED", "EFI_OUT_OF_RESOURCES",
        "EFI_VOLUME_CORRUPTED", "EFI_VOLUME_FULL", "EFI_NO_MEDIA",
        "EFI_MEDIA_CHANGED", "EFI_NOT_FOUND", "EFI_ACCESS_DENIED",
        "EFI_NO_RESPONSE", "EFI_NO_MAPPING", "EFI_TIMEOUT",
        "EFI_NOT_STARTED", "EFI_ALREADY_STARTED", "EFI_ABORTED",
        "EFI_ICMP_ERROR", "EFI_TFTP_ERROR", "EFI_PROTOCOL_ERROR",
        "EFI_INCOMPATIBLE_VERSION", "EFI_SECURITY_VIOLATION",
    };
    uint64_t code = status & ~EFI_ERROR_BIT;

    if ( status == 0 )
        return "EFI_SUCCESS";
    if ( !(status & EFI_ERROR_BIT) )
        return "EFI_WARN";
    if ( code < sizeof(err) / sizeof(err[0]) && err[code] )
        return err[code];
    return "EFI_?";
}

char *rtfmt_guid(char *buf, const void *guid)
{
    const uint8_t *g = guid;

    fmt_snprintf(buf, RTFMT_GUID_CHARS,
                 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                 "%02x%02x%02x%02x%02x%02x",
                 g[3], g[2], g[1], g[0], g[5], g[4], g[7], g[6], g[8], g[9],
                 g[10], g[11], g[12], g[13], g[14], g[15]);
    return buf;
}

char *rtfmt_time(char *buf, size_t size, const struct xenpf_efi_time *t)
{
    fmt_snprintf(buf, size, "%04u-%02u-%02uT%02u:%02u:%02u.%09u", t->year,
                 t->month, t->day, t->hour, t->min, t->sec, t->ns);
    return buf;
}

int64_t rtfmt_time_epoch(const struct xenpf_efi_time *t)
{
    static const uint16_t before[12] = {
        0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334,
    };
    int64_t days;
    uint32_t y = t->year;

    if ( y < 1970 || y > 9999 || t->month < 1 || t->month > 12 ||
         t->day < 1 || t->day > 31 || t->hour > 23 || t->min > 59 ||
         t->sec > 59 )
        return -1;
    days = (int64_t)(y - 1970) * 365 + (y - 1969) / 4 - (y - 1901) / 100 +
           (y - 1601) / 400 + before[t->month - 1] + t->day - 1;
    if ( t->month > 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) )
        days++;
    return days * 86400 + t->hour * 3600 + t->min * 60 + t->sec;
}

static int hexval(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

long rtfmt_hex_parse(uint8_t *out, size_t max, const char *s)
{
    size_t n = 0;

    while ( s[0] )
    {
        int hi = hexval(s[0]), lo = s[1] ? hexval(s[1]) : -1;

        if ( hi < 0 || lo < 0 || n >= max )
            return -1;
        out[n++] = hi << 4 | lo;
        s += 2;
    }
    return n;
}

bool rtfmt_num_parse(uint64_t *v, const char *s)
{
    unsigned int base = 10;
    uint64_t x = 0;

    if ( s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
    {
        base = 16;
        s += 2;
    }
    if ( !*s )
        return false;
    for ( ; *s; s++ )
    {
        int d = hexval(*s);

        if ( d < 0 || (unsigned int)d >= base ||
             x > (UINT64_MAX - d) / base )
            return false;
        x = x * base + d;
    }
    *v = x;
    return true;
}

char *rtfmt_hex(char *buf, size_t size, const uint8_t *data, size_t nr)
{
    size_t i, at = 0;

    buf[0] = '\0';
    for ( i = 0; i < nr && at + 2 + 4 <= size; i++ )
        at += fmt_snprintf(buf + at, size - at, "%02x", data[i]);
    if ( i < nr )
        fmt_snprintf(buf + at, size - at, "...");
    return buf;
}

size_t rtfmt_ucs2(uint16_t *out, size_t max, const char *s)
{
    size_t n = 0;

    for ( ; ; s++ )
    {
        if ( n >= max )
            return 0;
        out[n++] = (uint8_t)*s;
        if ( !*s )
            return n;
    }
}
