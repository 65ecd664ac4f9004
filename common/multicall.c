/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * multicall (hypercall 13): a batch of hypercalls run one after the other
 * through the normal dispatcher. Each entry is copied in through the
 * checked guest copy, its result written back into the entry's result
 * field; a failing call does not stop the batch (its result says why),
 * as in Xen. A multicall inside a multicall gets -EINVAL in its entry.
 * Xen preempts long batches; we have no continuations and refuse more
 * than MULTICALL_MAX entries with -EINVAL instead.
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>

#define MULTICALL_MAX   1024

static bool multicall_running;

long do_multicall(uint64_t calls, uint64_t nr)
{
    long rc = 0;

    if ( nr > MULTICALL_MAX )
        return -XEN_EINVAL;
    if ( multicall_running )
        return -XEN_EINVAL;             /* Xen disallows re-entry */
    multicall_running = true;
    for ( uint64_t i = 0; i < nr; i++ )
    {
        uint64_t at = calls + i * sizeof(struct multicall_entry);
        struct multicall_entry e;

        if ( copy_from_guest(&e, at, sizeof(e)) )
        {
            rc = -XEN_EFAULT;
            break;
        }
        e.result = arch_do_multicall_call(e.op, e.args);
        if ( copy_to_guest(at + offsetof(struct multicall_entry, result),
                           &e.result, sizeof(e.result)) )
        {
            rc = -XEN_EFAULT;
            break;
        }
    }
    multicall_running = false;
    return rc;
}
