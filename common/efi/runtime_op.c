/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENPF_efi_runtime_call for dom0, in Xen's layout and with Xen's misc
 * rules (reference 4.5), plus the capsule calls Xen leaves out. Every
 * guest buffer is copied into hypervisor storage first (names, data,
 * times, GUIDs into the bounce area below, capsules and the blocks of a
 * capsule's scatter-gather list into pool frames), so the firmware only
 * ever sees hypervisor addresses, and every bound is checked before the
 * firmware is called (lib/efi/efirt.c). The firmware's
 * EFI status goes back verbatim in op->status; the hypercall's own result
 * is 0 or a Xen errno. One dom0 vCPU and interrupts masked in the
 * hypervisor: the static bounce area has one user at a time.
 */
#include <public/errno.h>
#include <xen/console.h>
#include <xen/efi_rs.h>
#include <xen/efi_rtcall.h>
#include <xen/guestmem.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/string.h>

/* EFI_TIME_CAPABILITIES (UEFI spec 8.3). */
struct rtop_time_caps {
    uint32_t resolution;
    uint32_t accuracy;
    uint8_t sets_to_zero;
};

/* What the firmware reads and writes: all of it in the image. */
static struct {
    uint8_t name[EFIRT_NAME_MAX_BYTES + 8];
    uint8_t data[EFIRT_DATA_MAX_BYTES];
    uint64_t capsules[EFIRT_CAPSULE_MAX_COUNT];
    uint64_t capsule_bytes[EFIRT_CAPSULE_MAX_COUNT];
    struct xenpf_efi_time time;
    struct rtop_time_caps caps;
    struct xenpf_efi_guid guid;
    uint64_t size, max_store, remain, max_size;
    uint32_t attr, count, reset_type;
    uint8_t enabled, pending;
} rtop __attribute__((__aligned__(16)));

static uint64_t va(const void *p)
{
    return (uint64_t)(uintptr_t)p;
}

/*
 * Copies the 0-terminated UCS-2 name at guest address gva into rtop.name,
 * a page at a time so that no page past the terminator is touched.
 */
static long rtop_copy_name(uint64_t gva)
{
    size_t done = 0, units, n;

    memset(rtop.name, 0, sizeof(rtop.name));
    for ( ;; )
    {
        switch ( efirt_name_scan(rtop.name, done, &units) )
        {
        case EFIRT_NAME_OK:
            return 0;
        case EFIRT_NAME_TOO_LONG:
            return -XEN_EINVAL;
        case EFIRT_NAME_MORE:
            break;
        }
        n = efirt_name_chunk(gva, done);
        if ( !n )
            return -XEN_EINVAL;
        if ( copy_from_guest(rtop.name + done, gva + done, n) )
            return -XEN_EFAULT;
        done += n;
    }
}

static long rtop_time(struct xenpf_efi_runtime_call *op)
{
    uint64_t s;

    switch ( op->function )
    {
    case XEN_EFI_get_time:
        memset(&rtop.caps, 0, sizeof(rtop.caps));
        s = efi_rs_call(EFI_RS_GET_TIME, va(&rtop.time), va(&rtop.caps),
                        0, 0, 0);
        op->u.get_time.time = rtop.time;
        op->u.get_time.resolution = rtop.caps.resolution;
        op->u.get_time.accuracy = rtop.caps.accuracy;
        op->misc = rtop.caps.sets_to_zero ? XEN_EFI_GET_TIME_SET_CLEARS_NS
                                          : 0;
        break;
    case XEN_EFI_set_time:
        rtop.time = op->u.set_time;
        s = efi_rs_call(EFI_RS_SET_TIME, va(&rtop.time), 0, 0, 0, 0);
        break;
    case XEN_EFI_get_wakeup_time:
        rtop.enabled = rtop.pending = 0;
        s = efi_rs_call(EFI_RS_GET_WAKEUP_TIME, va(&rtop.enabled),
                        va(&rtop.pending), va(&rtop.time), 0, 0);
        op->u.get_wakeup_time = rtop.time;
        op->misc = (rtop.enabled ? XEN_EFI_GET_WAKEUP_TIME_ENABLED : 0) |
                   (rtop.pending ? XEN_EFI_GET_WAKEUP_TIME_PENDING : 0);
        break;
    case XEN_EFI_set_wakeup_time:
        rtop.time = op->u.set_wakeup_time;
        s = efi_rs_call(EFI_RS_SET_WAKEUP_TIME,
                        !!(op->misc & XEN_EFI_SET_WAKEUP_TIME_ENABLE),
                        (op->misc & XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY)
                        ? 0 : va(&rtop.time), 0, 0, 0);
        op->misc = 0;
        break;
    default:    /* XEN_EFI_get_next_high_monotonic_count */
        rtop.count = 0;
        s = efi_rs_call(EFI_RS_GET_NEXT_HIGH_MONO_COUNT, va(&rtop.count),
                        0, 0, 0, 0);
        op->misc = rtop.count;
        break;
    }
    op->status = s;
    return 0;
}

static long rtop_get_variable(struct xenpf_efi_runtime_call *op)
{
    long rc = rtop_copy_name(guest_handle_va(op->u.get_variable.name));
    uint64_t given;

    if ( rc )
        return rc;
    rtop.guid = op->u.get_variable.vendor_guid;
    given = efirt_get_size(op->u.get_variable.size, EFIRT_DATA_MAX_BYTES);
    rtop.size = given;
    rtop.attr = 0;
    op->status = efi_rs_call(EFI_RS_GET_VARIABLE, va(rtop.name),
                             va(&rtop.guid), va(&rtop.attr), va(&rtop.size),
                             rtop.size ? va(rtop.data) : 0);
    if ( op->status == 0 )
    {
        /*
         * Success with more than the buffer the firmware was given (dom0's
         * size, or our bound if smaller) is a firmware bug: copying what
         * it says would write past dom0's buffer.
         */
        if ( efirt_answer_too_big(given, rtop.size) )
            return -XEN_EIO;
        if ( copy_to_guest(guest_handle_va(op->u.get_variable.data),
                           rtop.data, rtop.size) )
            return -XEN_EFAULT;
    }
    op->misc = rtop.attr;
    op->u.get_variable.size = rtop.size;
    return 0;
}

static long rtop_set_variable(struct xenpf_efi_runtime_call *op)
{
    long rc = rtop_copy_name(guest_handle_va(op->u.set_variable.name));
    uint64_t size = op->u.set_variable.size;

    if ( rc )
        return rc;
    if ( size && copy_from_guest(rtop.data,
                                 guest_handle_va(op->u.set_variable.data),
                                 size) )
        return -XEN_EFAULT;
    rtop.guid = op->u.set_variable.vendor_guid;
    op->status = efi_rs_call(EFI_RS_SET_VARIABLE, va(rtop.name),
                             va(&rtop.guid), op->misc, size,
                             size ? va(rtop.data) : 0);
    return 0;
}

static long rtop_next_variable_name(struct xenpf_efi_runtime_call *op)
{
    uint64_t gva = guest_handle_va(op->u.get_next_variable_name.name);
    uint64_t given;
    size_t units;

    given = efirt_get_size(op->u.get_next_variable_name.size,
                           EFIRT_NAME_MAX_BYTES);
    rtop.size = given;
    memset(rtop.name, 0, sizeof(rtop.name));
    if ( copy_from_guest(rtop.name, gva, rtop.size) )
        return -XEN_EFAULT;
    /* The name passed in (the previous one, or "") must end inside it. */
    if ( efirt_name_scan(rtop.name, rtop.size, &units) != EFIRT_NAME_OK )
        return -XEN_EINVAL;
    rtop.guid = op->u.get_next_variable_name.vendor_guid;
    op->status = efi_rs_call(EFI_RS_GET_NEXT_VARIABLE_NAME, va(&rtop.size),
                             va(rtop.name), va(&rtop.guid), 0, 0);
    if ( op->status == 0 )
    {
        if ( efirt_answer_too_big(given, rtop.size) )
            return -XEN_EIO;
        if ( copy_to_guest(gva, rtop.name, rtop.size) )
            return -XEN_EFAULT;
        op->u.get_next_variable_name.vendor_guid = rtop.guid;
    }
    op->u.get_next_variable_name.size = rtop.size;
    return 0;
}

static long rtop_query_variable_info(struct xenpf_efi_runtime_call *op)
{
    /* No boot-time snapshot is kept (Xen's answer without one). */
    if ( op->misc & XEN_EFI_VARINFO_BOOT_SNAPSHOT )
        return -XEN_EOPNOTSUPP;
    rtop.max_store = rtop.remain = rtop.max_size = 0;
    op->status = efi_rs_call(EFI_RS_QUERY_VARIABLE_INFO,
                             op->u.query_variable_info.attr,
                             va(&rtop.max_store), va(&rtop.remain),
                             va(&rtop.max_size), 0);
    op->u.query_variable_info.max_store_size = rtop.max_store;
    op->u.query_variable_info.remain_store_size = rtop.remain;
    op->u.query_variable_info.max_size = rtop.max_size;
    return 0;
}

static void rtop_free_capsules(unsigned int nr)
{
    for ( unsigned int i = 0; i < nr; i++ )
        arch_rtcall_free((void *)(uintptr_t)rtop.capsules[i],
                         rtop.capsule_bytes[i]);
}

/*
 * Copies the guest's capsule header array and every capsule (header and
 * body) into pool frames; rtop.capsules[] then holds their hypervisor
 * addresses, *persist whether one asks to persist across a reset. On
 * error nothing stays allocated.
 */
static long rtop_copy_capsules(uint64_t array_gva, unsigned int count,
                               uint64_t *total, bool *persist)
{
    uint64_t gva[EFIRT_CAPSULE_MAX_COUNT];
    unsigned int i;
    long rc = 0;

    *total = 0;
    *persist = false;
    if ( count && copy_from_guest(gva, array_gva, count * sizeof(gva[0])) )
        return -XEN_EFAULT;
    for ( i = 0; i < count; i++ )
    {
        struct efirt_capsule_hdr h;
        uint32_t bytes;
        uint8_t *copy;

        if ( copy_from_guest(&h, gva[i], sizeof(h)) )
        {
            rc = -XEN_EFAULT;
            break;
        }
        rc = efirt_capsule_check(&h, *total, &bytes);
        if ( rc )
            break;
        copy = arch_rtcall_alloc(bytes);
        if ( !copy )
        {
            rc = -XEN_ENOMEM;
            break;
        }
        rtop.capsules[i] = va(copy);
        rtop.capsule_bytes[i] = bytes;
        for ( uint32_t off = 0; off < bytes && !rc; off += GUESTMEM_MAX_COPY )
            if ( copy_from_guest(copy + off, gva[i] + off,
                                 MIN(bytes - off, GUESTMEM_MAX_COPY)) )
                rc = -XEN_EFAULT;
        /* The copy is what the firmware reads: it must say what was
         * checked. */
        if ( !rc && memcmp(copy, &h, sizeof(h)) )
            rc = -XEN_EINVAL;
        if ( rc )
        {
            i++;
            break;
        }
        *total += bytes;
        *persist |= h.flags & EFIRT_CAPSULE_PERSIST_ACROSS_RESET;
    }
    if ( rc )
        rtop_free_capsules(i);
    return rc;
}

/*
 * The hypervisor's copy of a capsule's scatter-gather list for the
 * firmware: every block, back to back, in one buffer, and a list of one
 * descriptor for it and the end. The firmware reads a persisting capsule
 * again after the reset, when dom0's pages may hold anything: it must
 * read pages the hypervisor owns.
 */
struct sg_copy {
    uint8_t *data;
    uint64_t bytes, done;
    struct efirt_sg_desc *list;
    bool mapped;                /* 1:1 in the runtime page tables */
};

/*
 * Pending capsules (persisting across the reset, accepted by the
 * firmware): the reset type QueryCapsuleCapabilities asked for, and their
 * copies, which stay allocated and mapped for the firmware until the
 * reset.
 */
#define RTOP_MAX_PENDING    8
static struct {
    bool pending;
    uint32_t reset_type;
    unsigned int nr_kept;
    struct sg_copy kept[RTOP_MAX_PENDING];
} capsule_state;

/* See xen/efi_rtcall.h. */
bool efi_capsule_pending(uint32_t *reset_type)
{
    if ( capsule_state.pending )
        *reset_type = capsule_state.reset_type;
    return capsule_state.pending;
}

static enum efirt_owner rtop_sg_owner(void *ctx, uint64_t gpa)
{
    return arch_dom0_gpa_owner(gpa);
}

static bool rtop_sg_read(void *ctx, uint64_t gpa, struct efirt_sg_desc *d)
{
    return arch_dom0_gpa_read(gpa, d, sizeof(*d));
}

static bool rtop_sg_block(void *ctx, uint64_t gpa, uint64_t len)
{
    struct sg_copy *c = ctx;

    if ( len > c->bytes - c->done ||
         !arch_dom0_gpa_read(gpa, c->data + c->done, len) )
        return false;
    c->done += len;
    return true;
}

static const struct efirt_sg_ops rtop_sg_check = {
    .owner = rtop_sg_owner,
    .read = rtop_sg_read,
};

static const struct efirt_sg_ops rtop_sg_take = {
    .owner = rtop_sg_owner,
    .read = rtop_sg_read,
    .block = rtop_sg_block,
};

static void sg_copy_free(struct sg_copy *c)
{
    if ( c->mapped )
    {
        arch_efi_rs_unmap_extra(arch_rtcall_pa(c->list), 2 * sizeof(*c->list));
        if ( c->bytes )
            arch_efi_rs_unmap_extra(arch_rtcall_pa(c->data), c->bytes);
    }
    if ( c->data )
        arch_rtcall_free(c->data, c->bytes);
    if ( c->list )
        arch_rtcall_free(c->list, 2 * sizeof(*c->list));
    *c = (struct sg_copy){ 0 };
}

/*
 * Walks dom0's list at pseudo-physical address sg (Linux writes
 * page_to_phys() addresses there, dom0's p2m is not 1:1): checked first,
 * then copied. A refusal prints one line and returns the Xen errno.
 */
static long rtop_sg_copy(uint64_t sg, const char *what, struct sg_copy *c)
{
    struct efirt_sg_result r;
    enum efirt_sg_status st = efirt_sg_walk(&rtop_sg_check, NULL, sg, &r);

    if ( st == EFIRT_SG_OK )
    {
        c->bytes = r.block_bytes;
        c->list = arch_rtcall_alloc(2 * sizeof(*c->list));
        c->data = c->bytes ? arch_rtcall_alloc(c->bytes) : NULL;
        if ( !c->list || (c->bytes && !c->data) )
            st = EFIRT_SG_NO_MEMORY;
        else
            st = efirt_sg_walk(&rtop_sg_take, c, sg, &r);
    }
    if ( st != EFIRT_SG_OK )
    {
        if ( st == EFIRT_SG_DESC_NOT_DOM0 || st == EFIRT_SG_BLOCK_NOT_DOM0 )
            printk("WARNING: %s refused: %s: 0x%llx is %s memory\n", what,
                   efirt_sg_strerror(st), (unsigned long long)r.bad_pa,
                   efirt_owner_name(r.bad_owner));
        else
            printk("WARNING: %s refused: %s at 0x%llx\n", what,
                   efirt_sg_strerror(st), (unsigned long long)r.bad_pa);
        sg_copy_free(c);
        return efirt_sg_errno(st);
    }
    if ( c->bytes )
        c->list[0] = (struct efirt_sg_desc){ c->bytes,
                                             arch_rtcall_pa(c->data) };
    c->list[c->bytes ? 1 : 0] = (struct efirt_sg_desc){ 0, 0 };
    return 0;
}

/*
 * The firmware's QueryCapsuleCapabilities for the copied capsules: its
 * status; *reset_type and rtop.max_size its answer.
 */
static uint64_t rtop_query(unsigned int count, uint32_t *reset_type)
{
    uint64_t s;

    rtop.max_size = 0;
    rtop.reset_type = 0;
    s = efi_rs_call(EFI_RS_QUERY_CAPSULE_CAPABILITIES, va(rtop.capsules),
                    count, va(&rtop.max_size), va(&rtop.reset_type), 0);
    *reset_type = rtop.reset_type;
    return s;
}

/*
 * UpdateCapsule of the copied capsules with the copied list. A capsule
 * that persists across the reset is first put to QueryCapsuleCapabilities
 * (as Linux does before it submits one): a refusal there is the answer,
 * and the reset type it asks for is the one the next reset uses. The
 * copies are mapped 1:1 for the call; a pending capsule's stay allocated
 * and mapped until the reset. Returns true when the capsule is pending.
 */
static bool rtop_update(struct xenpf_efi_runtime_call *op, unsigned int count,
                        bool persist, struct sg_copy *c, long *rc)
{
    uint64_t list_pa = c->list ? arch_rtcall_pa(c->list) : 0;
    uint32_t reset_type = 0;

    if ( persist && (op->status = rtop_query(count, &reset_type)) )
    {
        printk("WARNING: UpdateCapsule not made: QueryCapsuleCapabilities "
               "status 0x%llx\n", (unsigned long long)op->status);
        return false;
    }
    if ( persist && capsule_state.nr_kept == RTOP_MAX_PENDING )
    {
        printk("WARNING: UpdateCapsule refused: %u capsules pending "
               "already\n", RTOP_MAX_PENDING);
        *rc = -XEN_E2BIG;
        return false;
    }
    if ( persist && capsule_state.pending &&
         capsule_state.reset_type != reset_type )
    {
        printk("WARNING: UpdateCapsule refused: reset type %u, the pending "
               "capsule's is %u\n", reset_type, capsule_state.reset_type);
        *rc = -XEN_EINVAL;
        return false;
    }
    if ( list_pa )
    {
        /* Mapped once asked for: a half-done mapping is undone too. */
        c->mapped = true;
        if ( !arch_efi_rs_map_extra(list_pa, 2 * sizeof(*c->list)) ||
             (c->bytes && !arch_efi_rs_map_extra(arch_rtcall_pa(c->data),
                                                 c->bytes)) )
        {
            *rc = -XEN_ENOMEM;
            return false;
        }
    }
    op->status = efi_rs_call(EFI_RS_UPDATE_CAPSULE, va(rtop.capsules), count,
                             list_pa, 0, 0);
    if ( persist && op->status == 0 )
    {
        capsule_state.pending = true;
        capsule_state.reset_type = reset_type;
        capsule_state.kept[capsule_state.nr_kept++] = *c;
        return true;
    }
    return false;
}

static long rtop_capsule(struct xenpf_efi_runtime_call *op)
{
    bool update = op->function == XEN_EFI_update_capsule;
    unsigned int count = op->u.update_capsule.capsule_count;
    uint64_t sg = update ? op->u.update_capsule.sg_list : 0;
    const char *what = update ? "UpdateCapsule" : "QueryCapsuleCapabilities";
    struct sg_copy c = { 0 };
    uint64_t total;
    uint32_t reset_type;
    bool persist, pending = false;
    long rc;

    if ( sg && (rc = rtop_sg_copy(sg, what, &c)) )
        return rc;
    rc = rtop_copy_capsules(guest_handle_va(
                                op->u.update_capsule.capsule_header_array),
                            count, &total, &persist);
    if ( rc )
    {
        sg_copy_free(&c);
        return rc;
    }
    if ( update )
        pending = rtop_update(op, count, persist, &c, &rc);
    else
    {
        op->status = rtop_query(count, &reset_type);
        op->u.query_capsule_capabilities.max_capsule_size = rtop.max_size;
        op->u.query_capsule_capabilities.reset_type = reset_type;
    }
    if ( !rc )
        printk("%s: %u capsule(s), %llu bytes, sg 0x%llx: firmware status "
               "0x%llx\n", what, count, (unsigned long long)total,
               (unsigned long long)sg, (unsigned long long)op->status);
    if ( pending )
        printk("UpdateCapsule: %llu bytes copied from dom0's list, pending "
               "until the next reset, which will be of type %u\n",
               (unsigned long long)c.bytes, capsule_state.reset_type);
    else
        sg_copy_free(&c);
    rtop_free_capsules(count);
    return rc;
}

long efi_runtime_op(struct xenpf_efi_runtime_call *op, uint32_t rt_revision)
{
    long rc;

    if ( !rt_revision )
        return -XEN_EOPNOTSUPP;
    rc = efirt_check_args(op, rt_revision);
    if ( rc )
        return rc;
    switch ( op->function )
    {
    case XEN_EFI_get_variable:
        return rtop_get_variable(op);
    case XEN_EFI_set_variable:
        return rtop_set_variable(op);
    case XEN_EFI_get_next_variable_name:
        return rtop_next_variable_name(op);
    case XEN_EFI_query_variable_info:
        return rtop_query_variable_info(op);
    case XEN_EFI_query_capsule_capabilities:
    case XEN_EFI_update_capsule:
        return rtop_capsule(op);
    default:
        return rtop_time(op);
    }
}
