/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for lib/efi/efirt.c. Input: 56 bytes of
 * xenpf_efi_runtime_call and a u32 runtime revision, a u64 list address,
 * then 16 KiB of "machine memory" at 0x10000 that is dom0's (the rest
 * beyond is another owner's, by address: below 0x10000 the firmware's,
 * above the hypervisor's). The same bytes are also scanned as a name.
 *
 * Invariants: efirt_check_args answers 0 or one of its documented
 * errors, and 0 only within the bounds; a name scan reports a terminator
 * that is there, within the bound; the walk reads only descriptors that
 * lie wholly in dom0's memory, reads at most EFIRT_SG_MAX_DESC of them,
 * and on success every block it counted was dom0's (recounted here);
 * a refusal names an address that is not dom0's.
 */
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <xen/efirt.h>

#define BASE        0x10000ULL
#define BYTES       16384ULL

static uint8_t mem[BYTES];
static unsigned int nr_reads;

static enum efirt_owner f_owner(void *ctx, uint64_t pa)
{
    if ( pa >= BASE && pa - BASE < BYTES )
        return EFIRT_OWNER_DOM0;
    return pa < BASE ? EFIRT_OWNER_FIRMWARE : EFIRT_OWNER_HYPERVISOR;
}

static bool f_read(void *ctx, uint64_t pa, struct efirt_sg_desc *d)
{
    if ( pa < BASE || pa - BASE > BYTES - sizeof(*d) )
        abort();
    nr_reads++;
    memcpy(d, mem + (pa - BASE), sizeof(*d));
    return true;
}

static const struct efirt_sg_ops f_ops = { f_owner, f_read, NULL };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct xenpf_efi_runtime_call op;
    struct efirt_sg_result r;
    enum efirt_sg_status st;
    uint32_t rev;
    uint64_t sg;
    size_t units;
    long rc;

    if ( size < 68 )
        return 0;
    memcpy(&op, data, 56);
    memcpy(&rev, data + 56, 4);
    memcpy(&sg, data + 60, 8);
    memset(mem, 0, sizeof(mem));
    memcpy(mem, data + 68, size - 68 < BYTES ? size - 68 : BYTES);

    rc = efirt_check_args(&op, rev);
    if ( rc != 0 && rc != -XEN_EINVAL && rc != -XEN_ENOSYS &&
         rc != -XEN_E2BIG && rc != -XEN_EOPNOTSUPP )
        abort();
    if ( rc == 0 && (op.function < 1 || op.function > 11) )
        abort();
    if ( rc == 0 && op.function == XEN_EFI_set_variable &&
         op.u.set_variable.size > EFIRT_DATA_MAX_BYTES )
        abort();
    if ( rc == 0 && op.function >= XEN_EFI_query_capsule_capabilities &&
         op.u.update_capsule.capsule_count > EFIRT_CAPSULE_MAX_COUNT )
        abort();

    if ( efirt_name_scan(mem, size - 68 < BYTES ? size - 68 : BYTES,
                         &units) == EFIRT_NAME_OK &&
         (units < 1 || units > EFIRT_NAME_MAX_UNITS ||
          mem[2 * units - 2] || mem[2 * units - 1]) )
        abort();

    nr_reads = 0;
    st = efirt_sg_walk(&f_ops, NULL, sg, &r);
    if ( nr_reads > EFIRT_SG_MAX_DESC || nr_reads != r.nr_desc )
        abort();
    if ( (st == EFIRT_SG_DESC_NOT_DOM0 || st == EFIRT_SG_BLOCK_NOT_DOM0) &&
         (f_owner(NULL, r.bad_pa) == EFIRT_OWNER_DOM0 ||
          r.bad_owner == EFIRT_OWNER_DOM0) )
        abort();
    if ( st == EFIRT_SG_OK )
    {
        /* Recount: every block inside dom0's memory. */
        uint64_t pa = sg, bytes = 0;

        for ( unsigned int n = 0; n < r.nr_desc; n++ )
        {
            struct efirt_sg_desc d;

            f_read(NULL, pa, &d);
            nr_reads--;
            if ( d.length == 0 )
            {
                pa = d.addr;
                continue;
            }
            if ( d.addr < BASE || d.addr - BASE >= BYTES ||
                 d.length > BYTES - (d.addr - BASE) )
                abort();
            bytes += d.length;
            pa += sizeof(d);
        }
        if ( bytes != r.block_bytes )
            abort();
    }
    if ( efirt_sg_errno(st) > 0 || (st == EFIRT_SG_OK) != !efirt_sg_errno(st) )
        abort();
    return 0;
}
