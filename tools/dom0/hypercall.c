/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercall wrappers (tools/dom0/hypercall.h). `syscall` itself destroys
 * RCX and R11, and the hypervisor may scramble the argument registers (a
 * debug Xen fills them with a poison value), so all of them are outputs
 * or clobbers of the asm statements below. With a filled hypercall page
 * the call goes through slot nr (the stub itself saves RCX and R11 and
 * issues `syscall`); numbers beyond the page's 128 slots use `syscall`.
 */
#include <public/sched.h>
#include <public/xen.h>

#include "hypercall.h"

#define HYPERCALL_SLOT_BYTES    32
#define HYPERCALL_NR_SLOTS      128

#ifdef DOM0_HYPERCALL_PAGE
extern const uint8_t hypercall_page[HYPERCALL_SLOT_BYTES *
                                    HYPERCALL_NR_SLOTS];
static const uint8_t *hypercall_slots;
#endif

const void *hypercall_init(void)
{
#ifdef DOM0_HYPERCALL_PAGE
    /* A filled slot 0 starts with push %rcx (0x51); ours holds int3. */
    if ( hypercall_page[0] == 0x51 )
        hypercall_slots = hypercall_page;
    return hypercall_slots;
#else
    return NULL;
#endif
}

unsigned long hypercall_count;

long hypercall_raw(unsigned long nr, unsigned long a1, unsigned long a2,
                   unsigned long a3, unsigned long a4, unsigned long a5)
{
    register unsigned long r10 asm("r10") = a4;
    register unsigned long r8 asm("r8") = a5;
    long ret;

    hypercall_count++;

#ifdef DOM0_HYPERCALL_PAGE
    if ( hypercall_slots && nr < HYPERCALL_NR_SLOTS )
    {
        const uint8_t *slot = hypercall_slots + nr * HYPERCALL_SLOT_BYTES;

        asm volatile ( "call *%[slot]"
                       : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                         "+r" (r10), "+r" (r8)
                       : [slot] "r" (slot)
                       : "rcx", "r11", "r9", "memory" );
        return ret;
    }
#endif
    asm volatile ( "syscall"
                   : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                     "+r" (r10), "+r" (r8)
                   : "0" (nr)
                   : "rcx", "r11", "r9", "memory" );
    return ret;
}

long hypercall_console_write(const char *buf, unsigned long len)
{
    return hypercall_raw(__HYPERVISOR_console_io, CONSOLEIO_write, len,
                         (unsigned long)buf, 0, 0);
}

long hypercall_shutdown(unsigned int reason)
{
    struct sched_shutdown arg = { .reason = reason };

    return hypercall_raw(__HYPERVISOR_sched_op, SCHEDOP_shutdown,
                         (unsigned long)&arg, 0, 0, 0);
}

long hypercall_platform_op(void *op)
{
    return hypercall_raw(__HYPERVISOR_platform_op, (unsigned long)op,
                         0, 0, 0, 0);
}

long hypercall_memory_op(unsigned int cmd, void *arg)
{
    return hypercall_raw(__HYPERVISOR_memory_op, cmd, (unsigned long)arg,
                         0, 0, 0);
}

long hypercall_sysctl(void *op)
{
    return hypercall_raw(__HYPERVISOR_sysctl, (unsigned long)op, 0, 0, 0, 0);
}

long hypercall_xen_version(unsigned int cmd, void *arg)
{
    return hypercall_raw(__HYPERVISOR_xen_version, cmd, (unsigned long)arg,
                         0, 0, 0);
}

long hypercall_update_va_mapping(unsigned long va, uint64_t pte,
                                 unsigned long flags)
{
    return hypercall_raw(__HYPERVISOR_update_va_mapping, va, pte, flags,
                         0, 0);
}

long hypercall_mmu_update(void *req, unsigned int count,
                          unsigned int *done, unsigned int domid)
{
    return hypercall_raw(__HYPERVISOR_mmu_update, (unsigned long)req, count,
                         (unsigned long)done, domid, 0);
}
