/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/efi/efirt.c: the misc and size rules of each runtime
 * call, the name scan and its page-bounded chunks, the capsule header
 * check, and scatter-gather walks over a fake machine whose frames
 * 0x10000-0x17fff belong to dom0, 0x20000-0x20fff to the hypervisor,
 * and everything else to the firmware.
 */
#include <string.h>

#include <public/errno.h>
#include <xen/efirt.h>

#include "unit.h"

#define MEM_BASE    0x10000ULL
#define MEM_BYTES   0x8000ULL

static uint8_t mem[MEM_BYTES];
static unsigned int reads;

static enum efirt_owner t_owner(void *ctx, uint64_t pa)
{
    if ( pa >= MEM_BASE && pa < MEM_BASE + MEM_BYTES )
        return EFIRT_OWNER_DOM0;
    if ( pa >= 0x20000 && pa < 0x21000 )
        return EFIRT_OWNER_HYPERVISOR;
    return EFIRT_OWNER_FIRMWARE;
}

static bool t_read(void *ctx, uint64_t pa, struct efirt_sg_desc *d)
{
    reads++;
    memcpy(d, mem + (pa - MEM_BASE), sizeof(*d));
    return true;
}

static const struct efirt_sg_ops t_ops = { t_owner, t_read, NULL };

static void put_desc(uint64_t pa, uint64_t len, uint64_t addr)
{
    struct efirt_sg_desc d = { len, addr };

    memcpy(mem + (pa - MEM_BASE), &d, sizeof(d));
}

static struct xenpf_efi_runtime_call op_of(uint32_t fn, uint32_t misc)
{
    struct xenpf_efi_runtime_call op;

    memset(&op, 0, sizeof(op));
    op.function = fn;
    op.misc = misc;
    return op;
}

static void misc_rules_are_xens(struct unit_ctx *ctx)
{
    struct xenpf_efi_runtime_call op;

    for ( uint32_t fn = 1; fn <= 8; fn++ )
    {
        if ( fn == XEN_EFI_set_wakeup_time || fn == XEN_EFI_set_variable )
            continue;
        op = op_of(fn, 0);
        CHECK_EQ(efirt_check_args(&op, 0x20046), 0);
        op = op_of(fn, 1);
        CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_EINVAL);
    }
    op = op_of(XEN_EFI_set_wakeup_time, 3);
    CHECK_EQ(efirt_check_args(&op, 0x20046), 0);
    op = op_of(XEN_EFI_set_wakeup_time, 4);
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_EINVAL);
    op = op_of(XEN_EFI_set_variable, 0x27);
    CHECK_EQ(efirt_check_args(&op, 0x20046), 0);
    op = op_of(0, 0);
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_ENOSYS);
    op = op_of(12, 0);
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_ENOSYS);
}

static void sizes_and_revisions_bounded(struct unit_ctx *ctx)
{
    struct xenpf_efi_runtime_call op = op_of(XEN_EFI_set_variable, 7);

    op.u.set_variable.size = EFIRT_DATA_MAX_BYTES;
    CHECK_EQ(efirt_check_args(&op, 0x20046), 0);
    op.u.set_variable.size = EFIRT_DATA_MAX_BYTES + 1;
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_E2BIG);
    op.u.set_variable.size = UINT64_MAX;
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_E2BIG);

    op = op_of(XEN_EFI_update_capsule, 0);
    op.u.update_capsule.capsule_count = EFIRT_CAPSULE_MAX_COUNT;
    CHECK_EQ(efirt_check_args(&op, 0x20046), 0);
    CHECK_EQ(efirt_check_args(&op, 0x10000), -XEN_EOPNOTSUPP);
    op.u.update_capsule.capsule_count = EFIRT_CAPSULE_MAX_COUNT + 1;
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_E2BIG);
    op = op_of(XEN_EFI_query_capsule_capabilities, 1);
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_EINVAL);

    op = op_of(XEN_EFI_query_variable_info, 0);
    CHECK_EQ(efirt_check_args(&op, 0x20046), 0);
    CHECK_EQ(efirt_check_args(&op, 0x1000a), -XEN_EOPNOTSUPP);
    op = op_of(XEN_EFI_query_variable_info, 2);
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_EINVAL);
    op = op_of(XEN_EFI_query_variable_info, 1);
    op.u.query_variable_info.attr = 7;
    CHECK_EQ(efirt_check_args(&op, 0x20046), 0);
    op.u.query_variable_info.attr = 0x47;
    CHECK_EQ(efirt_check_args(&op, 0x20046), 0);
    op.u.query_variable_info.attr = 3;
    CHECK_EQ(efirt_check_args(&op, 0x20046), -XEN_EINVAL);

    CHECK_EQ(efirt_get_size(10, 64), 10);
    CHECK_EQ(efirt_get_size(UINT64_MAX, 64), 64);
    /* Success answering more than the buffer given: refused. */
    CHECK(!efirt_answer_too_big(10, 10));
    CHECK(!efirt_answer_too_big(10, 3));
    CHECK(efirt_answer_too_big(10, 11));
    CHECK(efirt_answer_too_big(efirt_get_size(10, 64), 60));
    CHECK(efirt_answer_too_big(0, 1));
}

static void name_scan_finds_the_terminator(struct unit_ctx *ctx)
{
    uint8_t buf[EFIRT_NAME_MAX_BYTES + 4];
    size_t units = 0;

    memcpy(buf, "A\0B\0\0\0", 6);
    CHECK_EQ(efirt_name_scan(buf, 6, &units), EFIRT_NAME_OK);
    CHECK_EQ(units, 3);
    /* A 0 byte that is half of a unit is no terminator. */
    memcpy(buf, "A\0\0B\0\0", 6);
    CHECK_EQ(efirt_name_scan(buf, 6, &units), EFIRT_NAME_OK);
    CHECK_EQ(units, 3);
    CHECK_EQ(efirt_name_scan(buf, 5, &units), EFIRT_NAME_MORE);
    CHECK_EQ(efirt_name_scan(buf, 0, &units), EFIRT_NAME_MORE);
    memset(buf, 'x', sizeof(buf));
    CHECK_EQ(efirt_name_scan(buf, EFIRT_NAME_MAX_BYTES - 2, &units),
             EFIRT_NAME_MORE);
    CHECK_EQ(efirt_name_scan(buf, EFIRT_NAME_MAX_BYTES, &units),
             EFIRT_NAME_TOO_LONG);
    /* A terminator just past the bound does not count. */
    memset(buf + EFIRT_NAME_MAX_BYTES, 0, 4);
    CHECK_EQ(efirt_name_scan(buf, sizeof(buf), &units),
             EFIRT_NAME_TOO_LONG);
    buf[EFIRT_NAME_MAX_BYTES - 2] = buf[EFIRT_NAME_MAX_BYTES - 1] = 0;
    CHECK_EQ(efirt_name_scan(buf, EFIRT_NAME_MAX_BYTES, &units),
             EFIRT_NAME_OK);
    CHECK_EQ(units, EFIRT_NAME_MAX_UNITS);
}

static void name_chunks_stop_at_pages_and_bound(struct unit_ctx *ctx)
{
    CHECK_EQ(efirt_name_chunk(0x1000, 0), EFIRT_NAME_MAX_BYTES);
    CHECK_EQ(efirt_name_chunk(0x1ff8, 0), 8);
    CHECK_EQ(efirt_name_chunk(0x1ff8, 8), EFIRT_NAME_MAX_BYTES - 8);
    CHECK_EQ(efirt_name_chunk(0x1fff, 0), 1);
    CHECK_EQ(efirt_name_chunk(0x1000, EFIRT_NAME_MAX_BYTES), 0);
    CHECK_EQ(efirt_name_chunk(UINT64_MAX, 0), 1);
}

static void capsule_headers_checked(struct unit_ctx *ctx)
{
    struct efirt_capsule_hdr h = { .header_size = 28, .image_size = 4096 };
    uint32_t bytes = 0;

    CHECK_EQ(efirt_capsule_check(&h, 0, &bytes), 0);
    CHECK_EQ(bytes, 4096);
    h.header_size = 27;
    CHECK_EQ(efirt_capsule_check(&h, 0, &bytes), -XEN_EINVAL);
    h.header_size = 4097;
    CHECK_EQ(efirt_capsule_check(&h, 0, &bytes), -XEN_EINVAL);
    h.header_size = 28;
    CHECK_EQ(efirt_capsule_check(&h, EFIRT_CAPSULE_MAX_BYTES - 4096,
                                 &bytes), 0);
    CHECK_EQ(efirt_capsule_check(&h, EFIRT_CAPSULE_MAX_BYTES - 4095,
                                 &bytes), -XEN_E2BIG);
    h.image_size = UINT32_MAX;
    CHECK_EQ(efirt_capsule_check(&h, 0, &bytes), -XEN_E2BIG);
    /* The firmware must not reset the machine inside UpdateCapsule. */
    h.image_size = 4096;
    h.flags = EFIRT_CAPSULE_PERSIST_ACROSS_RESET |
              EFIRT_CAPSULE_POPULATE_SYSTEM_TABLE;
    CHECK_EQ(efirt_capsule_check(&h, 0, &bytes), 0);
    h.flags |= EFIRT_CAPSULE_INITIATE_RESET;
    CHECK_EQ(efirt_capsule_check(&h, 0, &bytes), -XEN_EINVAL);
}

/* The blocks a walk hands over, in order, and a failure on demand. */
static uint64_t taken_pa[8], taken_len[8];
static unsigned int nr_taken, fail_at = ~0U;

static bool t_block(void *ctx, uint64_t pa, uint64_t len)
{
    if ( nr_taken == fail_at )
        return false;
    taken_pa[nr_taken] = pa;
    taken_len[nr_taken++] = len;
    return true;
}

static const struct efirt_sg_ops t_take = { t_owner, t_read, t_block };

static void sg_walk_hands_over_blocks_in_order(struct unit_ctx *ctx)
{
    struct efirt_sg_result r;

    memset(mem, 0, sizeof(mem));
    put_desc(0x10000, 0x1000, 0x11000);
    put_desc(0x10010, 0, 0x14000);          /* continuation */
    put_desc(0x14000, 0x10, 0x12ff8);
    put_desc(0x14010, 0, 0);
    nr_taken = 0;
    fail_at = ~0U;
    CHECK_EQ(efirt_sg_walk(&t_take, NULL, 0x10000, &r), EFIRT_SG_OK);
    CHECK_EQ(nr_taken, 2);
    CHECK_EQ(taken_pa[0], 0x11000);
    CHECK_EQ(taken_len[0], 0x1000);
    CHECK_EQ(taken_pa[1], 0x12ff8);
    CHECK_EQ(taken_len[1], 0x10);
    /* A block refused outright is never handed over. */
    put_desc(0x14000, 0x10, 0x20000);
    nr_taken = 0;
    CHECK_EQ(efirt_sg_walk(&t_take, NULL, 0x10000, &r),
             EFIRT_SG_BLOCK_NOT_DOM0);
    CHECK_EQ(nr_taken, 1);
    /* No memory for a copy. */
    put_desc(0x14000, 0x10, 0x12ff8);
    nr_taken = 0;
    fail_at = 1;
    CHECK_EQ(efirt_sg_walk(&t_take, NULL, 0x10000, &r), EFIRT_SG_NO_MEMORY);
    CHECK_EQ(r.bad_pa, 0x12ff8);
    CHECK_EQ(efirt_sg_errno(EFIRT_SG_NO_MEMORY), -XEN_ENOMEM);
    fail_at = ~0U;
}

static void sg_walk_accepts_dom0_blocks(struct unit_ctx *ctx)
{
    struct efirt_sg_result r;

    memset(mem, 0, sizeof(mem));
    put_desc(0x10000, 0x1000, 0x11000);
    put_desc(0x10010, 0x10, 0x12ff8);       /* crosses into 0x13000 */
    put_desc(0x10020, 0, 0x14000);          /* continuation */
    put_desc(0x14000, 0x100, 0x15000);
    put_desc(0x14010, 0, 0);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10000, &r), EFIRT_SG_OK);
    CHECK_EQ(r.nr_desc, 5);
    CHECK_EQ(r.nr_blocks, 3);
    CHECK_EQ(r.nr_cont, 1);
    CHECK_EQ(r.block_bytes, 0x1110);
}

static void sg_walk_refuses_foreign_memory(struct unit_ctx *ctx)
{
    struct efirt_sg_result r;

    memset(mem, 0, sizeof(mem));
    /* A block that runs from dom0's last frame into the firmware's. */
    put_desc(0x10000, 0x20, 0x17ff0);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10000, &r),
             EFIRT_SG_BLOCK_NOT_DOM0);
    CHECK_EQ(r.bad_pa, 0x18000);
    CHECK_EQ(r.bad_owner, EFIRT_OWNER_FIRMWARE);
    CHECK_EQ(efirt_sg_errno(EFIRT_SG_BLOCK_NOT_DOM0), -XEN_EPERM);
    /* A block in the hypervisor. */
    put_desc(0x10000, 0x10, 0x20800);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10000, &r),
             EFIRT_SG_BLOCK_NOT_DOM0);
    CHECK_EQ(r.bad_pa, 0x20800);
    CHECK_EQ(r.bad_owner, EFIRT_OWNER_HYPERVISOR);
    /* The list itself in the hypervisor: nothing of it is read. */
    reads = 0;
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x20000, &r),
             EFIRT_SG_DESC_NOT_DOM0);
    CHECK_EQ(reads, 0);
    CHECK_EQ(r.bad_owner, EFIRT_OWNER_HYPERVISOR);
    /* A descriptor straddling dom0's end. */
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x17ff8, &r),
             EFIRT_SG_DESC_NOT_DOM0);
    CHECK_EQ(r.bad_pa, 0x18000);
    /* A continuation into the hypervisor. */
    put_desc(0x10000, 0, 0x20000);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10000, &r),
             EFIRT_SG_DESC_NOT_DOM0);
    CHECK_EQ(r.bad_pa, 0x20000);
}

static void sg_walk_is_bounded(struct unit_ctx *ctx)
{
    struct efirt_sg_result r;

    memset(mem, 0, sizeof(mem));
    /* A continuation pointing at itself. */
    put_desc(0x10000, 0, 0x10000);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10000, &r),
             EFIRT_SG_TOO_MANY_CONT);
    CHECK_EQ(r.nr_cont, EFIRT_SG_MAX_CONT);
    CHECK_EQ(efirt_sg_errno(EFIRT_SG_TOO_MANY_CONT), -XEN_E2BIG);
    /* 2048 one-byte blocks per list, the second list continuing to the
     * first: the descriptor bound ends it. */
    for ( uint64_t i = 0; i < 0x7ff; i++ )
        put_desc(0x10000 + 16 * i, 1, 0x10000);
    put_desc(0x10000 + 16 * 0x7ff, 0, 0x10000);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10000, &r),
             EFIRT_SG_TOO_MANY_DESC);
    CHECK_EQ(r.nr_desc, EFIRT_SG_MAX_DESC);
    /* Misaligned list, wrapping block, too many bytes. */
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10004, &r), EFIRT_SG_MISALIGNED);
    CHECK_EQ(efirt_sg_errno(EFIRT_SG_MISALIGNED), -XEN_EINVAL);
    put_desc(0x10000, 0x100, UINT64_MAX - 0x10);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10000, &r), EFIRT_SG_WRAP);
    put_desc(0x10000, EFIRT_CAPSULE_MAX_BYTES + 1, 0x10000);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, 0x10000, &r), EFIRT_SG_TOO_BIG);
    CHECK_EQ(efirt_sg_walk(&t_ops, NULL, UINT64_MAX - 7, &r),
             EFIRT_SG_WRAP);
}

static void names_for_every_status(struct unit_ctx *ctx)
{
    for ( int st = 0; st < EFIRT_SG_NR_STATUS; st++ )
        CHECK(strcmp(efirt_sg_strerror(st), "?") != 0);
    CHECK(strcmp(efirt_sg_strerror(EFIRT_SG_NR_STATUS), "?") == 0);
    CHECK(strcmp(efirt_owner_name(EFIRT_OWNER_FREE), "free") == 0);
    CHECK(strcmp(efirt_owner_name(EFIRT_OWNER_OUTSIDE), "beyond dom0's") ==
          0);
}

static const struct unit_case efirt_cases[] = {
    { "misc rules are Xen's per function", misc_rules_are_xens },
    { "sizes, counts and revisions are bounded",
      sizes_and_revisions_bounded },
    { "name scan finds the terminator, bound 1024 units",
      name_scan_finds_the_terminator },
    { "name chunks stop at page ends and the bound",
      name_chunks_stop_at_pages_and_bound },
    { "capsule headers checked, total bounded", capsule_headers_checked },
    { "scatter-gather walk accepts dom0's blocks",
      sg_walk_accepts_dom0_blocks },
    { "scatter-gather walk refuses foreign memory",
      sg_walk_refuses_foreign_memory },
    { "scatter-gather walk is bounded", sg_walk_is_bounded },
    { "scatter-gather walk hands over blocks in order",
      sg_walk_hands_over_blocks_in_order },
    { "every status and owner has a name", names_for_every_status },
};

UNIT_SUITE(efirt, efirt_cases)
