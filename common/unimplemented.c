/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls and sub-ops this hypervisor does not implement: dom0 gets
 * Xen's -ENOSYS and the console one line naming the call, so the next gap
 * a kernel runs into is visible. The line is rate-limited per call: the
 * 1st, 10th, 100th, ... time the same hypercall and sub-op come.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>

#define SEEN_MAX    64

static const char *const names[] = {
    [0] = "set_trap_table", [1] = "mmu_update", [2] = "set_gdt",
    [3] = "stack_switch", [4] = "set_callbacks", [5] = "fpu_taskswitch",
    [6] = "sched_op_compat", [7] = "platform_op", [8] = "set_debugreg",
    [9] = "get_debugreg", [10] = "update_descriptor", [12] = "memory_op",
    [13] = "multicall", [14] = "update_va_mapping", [15] = "set_timer_op",
    [16] = "event_channel_op_compat", [17] = "xen_version",
    [18] = "console_io", [19] = "physdev_op_compat",
    [20] = "grant_table_op", [21] = "vm_assist",
    [22] = "update_va_mapping_otherdomain", [23] = "iret",
    [24] = "vcpu_op", [25] = "set_segment_base", [26] = "mmuext_op",
    [27] = "xsm_op", [28] = "nmi_op", [29] = "sched_op",
    [30] = "callback_op", [31] = "xenoprof_op",
    [32] = "event_channel_op", [33] = "physdev_op", [34] = "hvm_op",
    [35] = "sysctl", [36] = "domctl", [37] = "kexec_op", [38] = "tmem_op",
    [39] = "argo_op", [40] = "xenpmu_op", [41] = "dm_op",
    [42] = "hypfs_op", [48] = "mca",
};

static struct {
    uint32_t nr;
    uint64_t sub;
    uint64_t count;
} seen[SEEN_MAX];
static unsigned int nr_seen;
static uint64_t overflow_count;

/* The count of this call so far, this one included. */
static uint64_t count_call(unsigned int nr, uint64_t sub)
{
    for ( unsigned int i = 0; i < nr_seen; i++ )
        if ( seen[i].nr == nr && seen[i].sub == sub )
            return ++seen[i].count;
    if ( nr_seen == SEEN_MAX )
        return ++overflow_count;
    seen[nr_seen].nr = nr;
    seen[nr_seen].sub = sub;
    seen[nr_seen].count = 1;
    return seen[nr_seen++].count;
}

static bool power_of_ten(uint64_t n)
{
    while ( n >= 10 && n % 10 == 0 )
        n /= 10;
    return n == 1;
}

/* See xen/hypercall.h. */
long hypercall_unimplemented(unsigned int nr, uint64_t sub)
{
    uint64_t n = count_call(nr, sub);
    const char *name = nr < sizeof(names) / sizeof(names[0]) && names[nr]
                       ? names[nr] : "unknown";

    if ( !power_of_ten(n) )
        return -XEN_ENOSYS;
    if ( sub == HYPERCALL_NO_SUBOP )
        printk("d0: hypercall %u (%s) not implemented: -ENOSYS "
               "(call %llu)\n", nr, name, (unsigned long long)n);
    else
        printk("d0: hypercall %u (%s) sub-op %llu not implemented: "
               "-ENOSYS (call %llu)\n", nr, name, (unsigned long long)sub,
               (unsigned long long)n);
    return -XEN_ENOSYS;
}
