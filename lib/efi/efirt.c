/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XENPF_efi_runtime_call argument rules (include/xen/efirt.h). The misc
 * rules per function are Xen's (reference 4.5); the bounds are ours and
 * are documented in docs/hypercalls.md.
 */
#include <public/errno.h>
#include <xen/efirt.h>

#define PAGE_BYTES              4096ULL

long efirt_check_args(const struct xenpf_efi_runtime_call *op,
                      uint32_t rt_revision)
{
    switch ( op->function )
    {
    case XEN_EFI_get_time:
    case XEN_EFI_set_time:
    case XEN_EFI_get_wakeup_time:
    case XEN_EFI_get_next_high_monotonic_count:
    case XEN_EFI_get_variable:
    case XEN_EFI_get_next_variable_name:
        return op->misc ? -XEN_EINVAL : 0;
    case XEN_EFI_set_wakeup_time:
        return op->misc & ~(XEN_EFI_SET_WAKEUP_TIME_ENABLE |
                            XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY)
               ? -XEN_EINVAL : 0;
    case XEN_EFI_set_variable:
        /* misc carries the attributes; the firmware judges them. */
        return op->u.set_variable.size > EFIRT_DATA_MAX_BYTES
               ? -XEN_E2BIG : 0;
    case XEN_EFI_query_variable_info:
        if ( op->misc & ~XEN_EFI_VARINFO_BOOT_SNAPSHOT )
            return -XEN_EINVAL;
        if ( op->misc & XEN_EFI_VARINFO_BOOT_SNAPSHOT )
        {
            /* The snapshot exists only for NV+BS+RT (APPEND_WRITE, 0x40,
             * allowed), as in Xen. */
            if ( (op->u.query_variable_info.attr & ~0x40u) !=
                 (XEN_EFI_VARIABLE_NON_VOLATILE |
                  XEN_EFI_VARIABLE_BOOTSERVICE_ACCESS |
                  XEN_EFI_VARIABLE_RUNTIME_ACCESS) )
                return -XEN_EINVAL;
            return 0;
        }
        return rt_revision < EFIRT_REVISION_2_0 ? -XEN_EOPNOTSUPP : 0;
    case XEN_EFI_query_capsule_capabilities:
    case XEN_EFI_update_capsule:
        if ( op->misc )
            return -XEN_EINVAL;
        if ( rt_revision < EFIRT_REVISION_2_0 )
            return -XEN_EOPNOTSUPP;
        /* capsule_count sits at the same offset in both layouts. */
        return op->u.update_capsule.capsule_count > EFIRT_CAPSULE_MAX_COUNT
               ? -XEN_E2BIG : 0;
    }
    return -XEN_ENOSYS;
}

uint64_t efirt_get_size(uint64_t size, uint64_t bound)
{
    return size < bound ? size : bound;
}

bool efirt_answer_too_big(uint64_t given, uint64_t answered)
{
    return answered > given;
}

enum efirt_name_status efirt_name_scan(const uint8_t *buf, size_t nr_bytes,
                                       size_t *units)
{
    size_t n = nr_bytes / 2;

    if ( n > EFIRT_NAME_MAX_UNITS )
        n = EFIRT_NAME_MAX_UNITS;
    for ( size_t i = 0; i < n; i++ )
        if ( !buf[2 * i] && !buf[2 * i + 1] )
        {
            *units = i + 1;
            return EFIRT_NAME_OK;
        }
    return n == EFIRT_NAME_MAX_UNITS ? EFIRT_NAME_TOO_LONG : EFIRT_NAME_MORE;
}

size_t efirt_name_chunk(uint64_t va, size_t done)
{
    uint64_t at = va + done;
    uint64_t to_page_end = PAGE_BYTES - (at & (PAGE_BYTES - 1));
    size_t left;

    if ( done >= EFIRT_NAME_MAX_BYTES )
        return 0;
    left = EFIRT_NAME_MAX_BYTES - done;
    return to_page_end < left ? to_page_end : left;
}

long efirt_capsule_check(const struct efirt_capsule_hdr *h,
                         uint64_t bytes_before, uint32_t *image_bytes)
{
    if ( h->header_size < EFIRT_CAPSULE_HDR_BYTES ||
         h->header_size > h->image_size ||
         (h->flags & EFIRT_CAPSULE_INITIATE_RESET) )
        return -XEN_EINVAL;
    if ( bytes_before > EFIRT_CAPSULE_MAX_BYTES ||
         h->image_size > EFIRT_CAPSULE_MAX_BYTES - bytes_before )
        return -XEN_E2BIG;
    *image_bytes = h->image_size;
    return 0;
}

/* Every frame of [pa, pa + len) (len > 0, no wrap) is dom0's. */
static bool sg_range_dom0(const struct efirt_sg_ops *ops, void *ctx,
                          uint64_t pa, uint64_t len,
                          struct efirt_sg_result *r)
{
    uint64_t last = (pa + len - 1) & ~(PAGE_BYTES - 1);

    for ( uint64_t p = pa & ~(PAGE_BYTES - 1); ; p += PAGE_BYTES )
    {
        enum efirt_owner o = ops->owner(ctx, p < pa ? pa : p);

        if ( o != EFIRT_OWNER_DOM0 )
        {
            r->bad_pa = p < pa ? pa : p;
            r->bad_owner = o;
            return false;
        }
        if ( p == last )
            return true;
    }
}

enum efirt_sg_status efirt_sg_walk(const struct efirt_sg_ops *ops,
                                   void *ctx, uint64_t sg_pa,
                                   struct efirt_sg_result *r)
{
    uint64_t pa = sg_pa;

    *r = (struct efirt_sg_result){ 0 };
    for ( ;; )
    {
        struct efirt_sg_desc d;

        if ( r->nr_desc >= EFIRT_SG_MAX_DESC )
            return EFIRT_SG_TOO_MANY_DESC;
        if ( pa & 7 )
        {
            r->bad_pa = pa;
            return EFIRT_SG_MISALIGNED;
        }
        /* 8-byte aligned, so pa + 15 cannot wrap below 2^64 - 8. */
        if ( pa > UINT64_MAX - 15 )
        {
            r->bad_pa = pa;
            return EFIRT_SG_WRAP;
        }
        if ( !sg_range_dom0(ops, ctx, pa, sizeof(d), r) )
            return EFIRT_SG_DESC_NOT_DOM0;
        if ( !ops->read(ctx, pa, &d) )
        {
            r->bad_pa = pa;
            return EFIRT_SG_UNREADABLE;
        }
        r->nr_desc++;
        if ( d.length == 0 )
        {
            if ( d.addr == 0 )
                return EFIRT_SG_OK;
            if ( r->nr_cont >= EFIRT_SG_MAX_CONT )
            {
                r->bad_pa = d.addr;
                return EFIRT_SG_TOO_MANY_CONT;
            }
            r->nr_cont++;
            pa = d.addr;
            continue;
        }
        if ( d.addr + d.length - 1 < d.addr )
        {
            r->bad_pa = d.addr;
            return EFIRT_SG_WRAP;
        }
        if ( d.length > EFIRT_CAPSULE_MAX_BYTES - r->block_bytes )
        {
            r->bad_pa = d.addr;
            return EFIRT_SG_TOO_BIG;
        }
        if ( !sg_range_dom0(ops, ctx, d.addr, d.length, r) )
            return EFIRT_SG_BLOCK_NOT_DOM0;
        if ( ops->block && !ops->block(ctx, d.addr, d.length) )
        {
            r->bad_pa = d.addr;
            return EFIRT_SG_NO_MEMORY;
        }
        r->block_bytes += d.length;
        r->nr_blocks++;
        pa += sizeof(d);
    }
}

long efirt_sg_errno(enum efirt_sg_status st)
{
    switch ( st )
    {
    case EFIRT_SG_OK:
        return 0;
    case EFIRT_SG_DESC_NOT_DOM0:
    case EFIRT_SG_BLOCK_NOT_DOM0:
        return -XEN_EPERM;
    case EFIRT_SG_TOO_MANY_DESC:
    case EFIRT_SG_TOO_MANY_CONT:
    case EFIRT_SG_TOO_BIG:
        return -XEN_E2BIG;
    case EFIRT_SG_UNREADABLE:
        return -XEN_EFAULT;
    case EFIRT_SG_NO_MEMORY:
        return -XEN_ENOMEM;
    default:
        return -XEN_EINVAL;
    }
}

const char *efirt_sg_strerror(enum efirt_sg_status st)
{
    static const char *const text[EFIRT_SG_NR_STATUS] = {
        [EFIRT_SG_OK] = "ok",
        [EFIRT_SG_DESC_NOT_DOM0] = "descriptor not in dom0's RAM",
        [EFIRT_SG_BLOCK_NOT_DOM0] = "data block not in dom0's RAM",
        [EFIRT_SG_MISALIGNED] = "descriptor not 8-byte aligned",
        [EFIRT_SG_WRAP] = "block passes the end of the address space",
        [EFIRT_SG_TOO_MANY_DESC] = "too many descriptors",
        [EFIRT_SG_TOO_MANY_CONT] = "too many continuation pointers",
        [EFIRT_SG_TOO_BIG] = "blocks larger than the capsule bound",
        [EFIRT_SG_UNREADABLE] = "descriptor unreadable",
        [EFIRT_SG_NO_MEMORY] = "no memory for the copy",
    };

    return (unsigned int)st < EFIRT_SG_NR_STATUS ? text[st] : "?";
}

const char *efirt_owner_name(enum efirt_owner o)
{
    switch ( o )
    {
    case EFIRT_OWNER_DOM0:
        return "dom0";
    case EFIRT_OWNER_HYPERVISOR:
        return "hypervisor";
    case EFIRT_OWNER_FIRMWARE:
        return "firmware";
    case EFIRT_OWNER_FREE:
        return "free";
    case EFIRT_OWNER_OUTSIDE:
        return "beyond dom0's";
    }
    return "?";
}
