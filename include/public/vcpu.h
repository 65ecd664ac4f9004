/* SPDX-License-Identifier: MIT */
/*
 * vcpu_op (hypercall 24): vCPU state, timers and where the vCPU's
 * structures live. Numbers and layouts are Xen's
 * (xen/include/public/vcpu.h).
 */
#ifndef PUBLIC_VCPU_H
#define PUBLIC_VCPU_H

#include "xen.h"

#define VCPUOP_initialise                   0
#define VCPUOP_up                           1
#define VCPUOP_down                         2
#define VCPUOP_is_up                        3
#define VCPUOP_get_runstate_info            4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer           6
#define VCPUOP_stop_periodic_timer          7
#define VCPUOP_set_singleshot_timer         8
#define VCPUOP_stop_singleshot_timer        9
#define VCPUOP_register_vcpu_info           10
#define VCPUOP_send_nmi                     11
#define VCPUOP_get_physid                   12
#define VCPUOP_register_vcpu_time_memory_area 13

/* vcpu_runstate_info.state. */
#define RUNSTATE_running                    0
#define RUNSTATE_runnable                   1
#define RUNSTATE_blocked                    2
#define RUNSTATE_offline                    3

/* vcpu_set_singleshot_timer.flags: -ETIME when the time has passed. */
#define _VCPU_SSHOTTMR_future               0
#define VCPU_SSHOTTMR_future                (1U << _VCPU_SSHOTTMR_future)

#ifndef __ASSEMBLY__

struct vcpu_runstate_info {
    int state;                  /* 0: RUNSTATE_* */
    uint64_t state_entry_time;  /* 8: system time */
    uint64_t time[4];           /* 16: ns spent in each state */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
_Static_assert(sizeof(struct vcpu_runstate_info) == 48, "runstate_info");

struct vcpu_register_runstate_memory_area {
    union {
        XEN_GUEST_HANDLE(void) h;
        uint64_t p;
    } addr;                     /* 0: guest virtual address */
};
typedef struct vcpu_register_runstate_memory_area
    vcpu_register_runstate_memory_area_t;
_Static_assert(sizeof(struct vcpu_register_runstate_memory_area) == 8,
               "register_runstate_memory_area");

struct vcpu_set_periodic_timer {
    uint64_t period_ns;         /* 0 */
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;

struct vcpu_set_singleshot_timer {
    uint64_t timeout_abs_ns;    /* 0: system time */
    uint32_t flags;             /* 8: VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
_Static_assert(sizeof(struct vcpu_set_singleshot_timer) == 16,
               "set_singleshot_timer");

struct vcpu_register_vcpu_info {
    uint64_t mfn;               /* 0: frame holding the vcpu_info */
    uint32_t offset;            /* 8: its offset in the frame */
    uint32_t rsvd;              /* 12: must be 0 */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
_Static_assert(sizeof(struct vcpu_register_vcpu_info) == 16,
               "register_vcpu_info");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_VCPU_H */
