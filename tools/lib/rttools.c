/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * xen-efivar and xen-time for every back end (tools/lib/rttools.h); the
 * line formats are docs/tools.md's.
 */
#include <public/errno.h>
#include <xen/fmt.h>

#include "fwinfo.h"
#include "rtfmt.h"
#include "rttools.h"

#define RTTOOLS_LINE_MAX    320
#define RTTOOLS_LIST_MAX    1000
#define EFI_NOT_FOUND       0x800000000000000eULL

static void __printf(2, 3) out(const struct rttools_backend *b,
                               const char *fmt, ...)
{
    char line[RTTOOLS_LINE_MAX];
    va_list ap;

    va_start(ap, fmt);
    fmt_vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    b->line(b->ctx, line);
}

static bool word_is(const char *a, const char *w)
{
    while ( *a && *a == *w )
    {
        a++;
        w++;
    }
    return *a == *w;
}

static size_t text_len(const char *s)
{
    size_t n = 0;

    while ( s[n] )
        n++;
    return n;
}

void rttools_init(struct xenpf_efi_runtime_call *rt, uint32_t fn,
                  uint32_t misc)
{
    __builtin_memset(rt, 0, sizeof(*rt));
    rt->function = fn;
    rt->misc = misc;
}

const char *rttools_status(char *buf, size_t size, uint64_t status)
{
    fmt_snprintf(buf, size, "status=0x%llx (%s)", (unsigned long long)status,
                 rtfmt_status_name(status));
    return buf;
}

bool rttools_parse_guid(struct xenpf_efi_guid *g, const char *s)
{
    if ( !s || word_is(s, "global") )
    {
        __builtin_memcpy(g, rtfmt_global_guid, sizeof(*g));
        return true;
    }
    return text_len(s) == 36 && fwinfo_guid_parse(g, s);
}

/* ---- xen-efivar -------------------------------------------------------- */

long rttools_var_get(const struct rttools_backend *b, const char *name,
                     const struct xenpf_efi_guid *g,
                     struct xenpf_efi_runtime_call *rt)
{
    rttools_init(rt, XEN_EFI_get_variable, 0);
    if ( !rtfmt_ucs2(b->name, b->name_units, name) )
        return -XEN_EINVAL;
    set_xen_guest_handle(rt->u.get_variable.name, b->name);
    set_xen_guest_handle(rt->u.get_variable.data, b->data);
    rt->u.get_variable.size = b->data_bytes;
    rt->u.get_variable.vendor_guid = *g;
    return b->rt_call(b->ctx, rt);
}

long rttools_var_set(const struct rttools_backend *b, const char *name,
                     const struct xenpf_efi_guid *g, uint32_t attr,
                     const void *data, uint64_t size,
                     struct xenpf_efi_runtime_call *rt)
{
    rttools_init(rt, XEN_EFI_set_variable, attr);
    if ( !rtfmt_ucs2(b->name, b->name_units, name) )
        return -XEN_EINVAL;
    set_xen_guest_handle(rt->u.set_variable.name, b->name);
    set_xen_guest_handle(rt->u.set_variable.data, (void *)data);
    rt->u.set_variable.size = size;
    rt->u.set_variable.vendor_guid = *g;
    return b->rt_call(b->ctx, rt);
}

static void var_read(const struct rttools_backend *b, const char *name,
                     const char *guid_s)
{
    struct xenpf_efi_runtime_call rt;
    struct xenpf_efi_guid g;
    char gs[RTFMT_GUID_CHARS], sb[64], hex[140];
    long rc;

    if ( !rttools_parse_guid(&g, guid_s) )
    {
        out(b, "xen-efivar: read %s: bad GUID", name);
        return;
    }
    rtfmt_guid(gs, &g);
    rc = rttools_var_get(b, name, &g, &rt);
    if ( rc )
        out(b, "xen-efivar: read %s %s: error rc=%ld (%s)", name, gs, rc,
            fwinfo_errno_name(rc));
    else if ( rt.status )
        out(b, "xen-efivar: read %s %s: %s size=%llu", name, gs,
            rttools_status(sb, sizeof(sb), rt.status),
            (unsigned long long)rt.u.get_variable.size);
    else
        out(b, "xen-efivar: read %s %s: %s attr=0x%x size=%llu data=%s",
            name, gs, rttools_status(sb, sizeof(sb), rt.status), rt.misc,
            (unsigned long long)rt.u.get_variable.size,
            rtfmt_hex(hex, sizeof(hex), b->data,
                      MIN(rt.u.get_variable.size, b->data_bytes)));
}

/* write (hex_s given) or delete (size 0, attributes 0). */
static void var_write(const struct rttools_backend *b, const char *what,
                      const char *name, const char *guid_s,
                      const char *hex_s, const char *attr_s)
{
    struct xenpf_efi_runtime_call rt;
    struct xenpf_efi_guid g;
    char gs[RTFMT_GUID_CHARS], sb[64];
    uint64_t attr = hex_s ? RTTOOLS_ATTR_DEFAULT : 0;
    long n = 0, rc;

    if ( !rttools_parse_guid(&g, guid_s) ||
         (hex_s && (n = rtfmt_hex_parse(b->data, b->data_bytes,
                                        hex_s)) < 0) ||
         (attr_s && !rtfmt_num_parse(&attr, attr_s)) )
    {
        out(b, "xen-efivar: %s: bad arguments", what);
        return;
    }
    rtfmt_guid(gs, &g);
    rc = rttools_var_set(b, name, &g, attr, b->data, n, &rt);
    if ( rc )
        out(b, "xen-efivar: %s %s %s: error rc=%ld (%s)", what, name, gs,
            rc, fwinfo_errno_name(rc));
    else
        out(b, "xen-efivar: %s %s %s attr=0x%llx size=%ld: %s", what, name,
            gs, (unsigned long long)attr, n,
            rttools_status(sb, sizeof(sb), rt.status));
}

long rttools_var_list(const struct rttools_backend *b, bool print)
{
    struct xenpf_efi_runtime_call rt;
    struct xenpf_efi_guid g;
    char gs[RTFMT_GUID_CHARS], name[96], sb[64];
    long n;

    __builtin_memset(&g, 0, sizeof(g));
    __builtin_memset(b->name, 0, b->name_units * 2);
    for ( n = 0; n < RTTOOLS_LIST_MAX; n++ )
    {
        long rc;

        rttools_init(&rt, XEN_EFI_get_next_variable_name, 0);
        rt.u.get_next_variable_name.size = b->name_units * 2;
        set_xen_guest_handle(rt.u.get_next_variable_name.name, b->name);
        rt.u.get_next_variable_name.vendor_guid = g;
        rc = b->rt_call(b->ctx, &rt);
        if ( rc || rt.status )
        {
            if ( print )
                out(b, "xen-efivar: list: %ld variables, rc=%ld %s", n, rc,
                    rttools_status(sb, sizeof(sb), rt.status));
            return !rc && rt.status == EFI_NOT_FOUND ? n : -1;
        }
        g = rt.u.get_next_variable_name.vendor_guid;
        if ( print )
            out(b, "xen-efivar: var %s %s", rtfmt_guid(gs, &g),
                fwinfo_ucs2_ascii(name, sizeof(name), b->name,
                                  b->name_units));
    }
    return -1;
}

static void var_info(const struct rttools_backend *b, const char *attr_s)
{
    struct xenpf_efi_runtime_call rt;
    uint64_t attr = RTTOOLS_ATTR_DEFAULT;
    char sb[64];
    long rc;

    if ( attr_s && !rtfmt_num_parse(&attr, attr_s) )
        attr = 0;
    rttools_init(&rt, XEN_EFI_query_variable_info, 0);
    rt.u.query_variable_info.attr = attr;
    rc = b->rt_call(b->ctx, &rt);
    if ( rc )
        out(b, "xen-efivar: info attr=0x%llx: error rc=%ld (%s)",
            (unsigned long long)attr, rc, fwinfo_errno_name(rc));
    else
        out(b, "xen-efivar: info attr=0x%llx: %s max_store=%llu "
            "remain=%llu max_size=%llu", (unsigned long long)attr,
            rttools_status(sb, sizeof(sb), rt.status),
            (unsigned long long)rt.u.query_variable_info.max_store_size,
            (unsigned long long)rt.u.query_variable_info.remain_store_size,
            (unsigned long long)rt.u.query_variable_info.max_size);
}

int rttools_efivar(const struct rttools_backend *b, unsigned int argc,
                   char **argv)
{
    const char *a1 = argc > 1 ? argv[1] : NULL;
    const char *a2 = argc > 2 ? argv[2] : NULL;

    if ( argc >= 1 && word_is(argv[0], "list") )
        rttools_var_list(b, true);
    else if ( argc >= 2 && word_is(argv[0], "read") )
        var_read(b, a1, a2);
    else if ( argc >= 4 && word_is(argv[0], "write") )
        var_write(b, "write", a1, a2, argv[3], argc > 4 ? argv[4] : NULL);
    else if ( argc >= 2 && word_is(argv[0], "delete") )
        var_write(b, "delete", a1, a2, NULL, NULL);
    else if ( argc >= 1 && word_is(argv[0], "info") )
        var_info(b, a1);
    else
    {
        out(b, "xen-efivar: usage: list | read NAME [GUID] | write NAME "
            "GUID HEX [ATTR] | delete NAME [GUID] | info [ATTR] | hostile");
        return 1;
    }
    return 0;
}

/* ---- xen-time ---------------------------------------------------------- */

int rttools_time(const struct rttools_backend *b, unsigned int argc,
                 char **argv)
{
    struct xenpf_efi_runtime_call rt, now;
    char ts[40], sb[64];
    long rc;

    rttools_init(&now, XEN_EFI_get_time, 0);
    rc = b->rt_call(b->ctx, &now);
    if ( rc )
    {
        out(b, "xen-time: error rc=%ld (%s)", rc, fwinfo_errno_name(rc));
        return 0;
    }
    out(b, "xen-time: time=%s epoch=%lld tz=%d daylight=%u resolution=%u "
        "accuracy=%u sets_to_zero=%u %s",
        rtfmt_time(ts, sizeof(ts), &now.u.get_time.time),
        (long long)rtfmt_time_epoch(&now.u.get_time.time),
        now.u.get_time.time.tz, now.u.get_time.time.daylight,
        now.u.get_time.resolution, now.u.get_time.accuracy,
        now.misc & XEN_EFI_GET_TIME_SET_CLEARS_NS ? 1 : 0,
        rttools_status(sb, sizeof(sb), now.status));

    if ( argc && word_is(argv[0], "set") )
    {
        rttools_init(&rt, XEN_EFI_set_time, 0);
        rt.u.set_time = now.u.get_time.time;
        rc = b->rt_call(b->ctx, &rt);
        out(b, "xen-time: set time=%s: rc=%ld %s", ts, rc,
            rttools_status(sb, sizeof(sb), rt.status));
    }
    if ( argc && word_is(argv[0], "wakeup-off") )
    {
        rttools_init(&rt, XEN_EFI_set_wakeup_time,
                     XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY);
        rc = b->rt_call(b->ctx, &rt);
        out(b, "xen-time: wakeup-off: rc=%ld %s", rc,
            rttools_status(sb, sizeof(sb), rt.status));
    }

    rttools_init(&rt, XEN_EFI_get_wakeup_time, 0);
    rc = b->rt_call(b->ctx, &rt);
    out(b, "xen-time: wakeup rc=%ld enabled=%u pending=%u time=%s %s", rc,
        rt.misc & XEN_EFI_GET_WAKEUP_TIME_ENABLED ? 1 : 0,
        rt.misc & XEN_EFI_GET_WAKEUP_TIME_PENDING ? 1 : 0,
        rtfmt_time(ts, sizeof(ts), &rt.u.get_wakeup_time),
        rttools_status(sb, sizeof(sb), rt.status));

    rttools_init(&rt, XEN_EFI_get_next_high_monotonic_count, 0);
    rc = b->rt_call(b->ctx, &rt);
    out(b, "xen-time: monotonic rc=%ld high=%u %s", rc, rt.misc,
        rttools_status(sb, sizeof(sb), rt.status));
    return 0;
}
