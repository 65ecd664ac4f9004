/* SPDX-License-Identifier: MIT */
/*
 * sched_op (hypercall 29): yielding, blocking and shutting the domain down.
 * Numbers and layouts are Xen's (xen/include/public/sched.h).
 */
#ifndef PUBLIC_SCHED_H
#define PUBLIC_SCHED_H

#include "xen.h"

#define SCHEDOP_yield               0
#define SCHEDOP_block               1
#define SCHEDOP_shutdown            2
#define SCHEDOP_poll                3
#define SCHEDOP_remote_shutdown     4
#define SCHEDOP_shutdown_code       5
#define SCHEDOP_watchdog            6
#define SCHEDOP_pin_override        7

/* sched_shutdown.reason. */
#define SHUTDOWN_poweroff           0
#define SHUTDOWN_reboot             1
#define SHUTDOWN_suspend            2
#define SHUTDOWN_crash              3
#define SHUTDOWN_watchdog           4
#define SHUTDOWN_soft_reset         5
#define SHUTDOWN_MAX                5

#ifndef __ASSEMBLY__

/* Xen sched.h: argument of SCHEDOP_shutdown and SCHEDOP_shutdown_code. */
struct sched_shutdown {
    unsigned int reason;        /* 0: SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);
_Static_assert(sizeof(struct sched_shutdown) == 4, "sched_shutdown");

/* Xen sched.h: argument of SCHEDOP_remote_shutdown. */
struct sched_remote_shutdown {
    domid_t domain_id;          /* 0 */
    unsigned int reason;        /* 4: SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);
_Static_assert(sizeof(struct sched_remote_shutdown) == 8,
               "sched_remote_shutdown");
_Static_assert(offsetof(struct sched_remote_shutdown, reason) == 4,
               "sched_remote_shutdown.reason");

/* Xen sched.h: argument of SCHEDOP_poll. */
struct sched_poll {
    XEN_GUEST_HANDLE(uint) ports;   /* 0: evtchn_port_t[nr_ports] */
    unsigned int nr_ports;          /* 8 */
    uint64_t timeout;               /* 16: system time, 0 for none */
};
typedef struct sched_poll sched_poll_t;
DEFINE_XEN_GUEST_HANDLE(sched_poll_t);
_Static_assert(sizeof(struct sched_poll) == 24, "sched_poll");
_Static_assert(offsetof(struct sched_poll, timeout) == 16,
               "sched_poll.timeout");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_SCHED_H */
