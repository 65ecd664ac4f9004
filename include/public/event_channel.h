/* SPDX-License-Identifier: MIT */
/*
 * event_channel_op (hypercall 32) and the virtual IRQs. Numbers and
 * layouts are Xen's (xen/include/public/event_channel.h and xen.h).
 */
#ifndef PUBLIC_EVENT_CHANNEL_H
#define PUBLIC_EVENT_CHANNEL_H

#include "xen.h"

#define EVTCHNOP_bind_interdomain   0
#define EVTCHNOP_bind_virq          1
#define EVTCHNOP_bind_pirq          2
#define EVTCHNOP_close              3
#define EVTCHNOP_send               4
#define EVTCHNOP_status             5
#define EVTCHNOP_alloc_unbound      6
#define EVTCHNOP_bind_ipi           7
#define EVTCHNOP_bind_vcpu          8
#define EVTCHNOP_unmask             9
#define EVTCHNOP_reset              10
#define EVTCHNOP_init_control       11
#define EVTCHNOP_expand_array       12
#define EVTCHNOP_set_priority       13

/* evtchn_status.status. */
#define EVTCHNSTAT_closed           0
#define EVTCHNSTAT_unbound          1
#define EVTCHNSTAT_interdomain      2
#define EVTCHNSTAT_pirq             3
#define EVTCHNSTAT_virq             4
#define EVTCHNSTAT_ipi              5

/* Virtual IRQs (xen.h). */
#define VIRQ_TIMER                  0
#define VIRQ_DEBUG                  1
#define VIRQ_CONSOLE                2
#define VIRQ_DOM_EXC                3
#define VIRQ_TBUF                   4
#define VIRQ_DEBUGGER               6
#define VIRQ_XENOPROF               7
#define VIRQ_CON_RING               8
#define VIRQ_PCPU_STATE             9
#define VIRQ_MEM_EVENT              10
#define VIRQ_ARGO                   11
#define VIRQ_ENOMEM                 12
#define VIRQ_XENPMU                 13
#define NR_VIRQS                    24

#ifndef __ASSEMBLY__

typedef uint32_t evtchn_port_t;
DEFINE_XEN_GUEST_HANDLE(evtchn_port_t);

struct evtchn_alloc_unbound {
    domid_t dom, remote_dom;    /* 0, 2 */
    evtchn_port_t port;         /* 4: out */
};
typedef struct evtchn_alloc_unbound evtchn_alloc_unbound_t;
_Static_assert(sizeof(struct evtchn_alloc_unbound) == 8, "alloc_unbound");

struct evtchn_bind_virq {
    uint32_t virq;              /* 0: VIRQ_* */
    uint32_t vcpu;              /* 4 */
    evtchn_port_t port;         /* 8: out */
};
typedef struct evtchn_bind_virq evtchn_bind_virq_t;
_Static_assert(sizeof(struct evtchn_bind_virq) == 12, "bind_virq");

struct evtchn_bind_ipi {
    uint32_t vcpu;              /* 0 */
    evtchn_port_t port;         /* 4: out */
};
typedef struct evtchn_bind_ipi evtchn_bind_ipi_t;
_Static_assert(sizeof(struct evtchn_bind_ipi) == 8, "bind_ipi");

#define BIND_PIRQ__WILL_SHARE       1
struct evtchn_bind_pirq {
    uint32_t pirq;              /* 0 */
    uint32_t flags;             /* 4: BIND_PIRQ__* */
    evtchn_port_t port;         /* 8: out */
};
typedef struct evtchn_bind_pirq evtchn_bind_pirq_t;
_Static_assert(sizeof(struct evtchn_bind_pirq) == 12, "bind_pirq");

struct evtchn_bind_vcpu {
    evtchn_port_t port;         /* 0 */
    uint32_t vcpu;              /* 4 */
};
typedef struct evtchn_bind_vcpu evtchn_bind_vcpu_t;
_Static_assert(sizeof(struct evtchn_bind_vcpu) == 8, "bind_vcpu");

/* Argument of close, send and unmask. */
struct evtchn_close {
    evtchn_port_t port;
};
typedef struct evtchn_close evtchn_close_t;

struct evtchn_send {
    evtchn_port_t port;
};
typedef struct evtchn_send evtchn_send_t;

struct evtchn_unmask {
    evtchn_port_t port;
};
typedef struct evtchn_unmask evtchn_unmask_t;

struct evtchn_status {
    domid_t dom;                /* 0 */
    evtchn_port_t port;         /* 4 */
    uint32_t status;            /* 8: out, EVTCHNSTAT_* */
    uint32_t vcpu;              /* 12: out */
    union {
        struct {
            domid_t dom;
        } unbound;
        struct {
            domid_t dom;
            evtchn_port_t port;
        } interdomain;
        uint32_t pirq;
        uint32_t virq;
    } u;                        /* 16: out */
};
typedef struct evtchn_status evtchn_status_t;
_Static_assert(sizeof(struct evtchn_status) == 24, "evtchn_status");
_Static_assert(offsetof(struct evtchn_status, u) == 16, "evtchn_status.u");

/* The FIFO ABI's first call (not offered: its arguments are checked). */
struct evtchn_init_control {
    uint64_t control_gfn;       /* 0: frame of the control block */
    uint32_t offset;            /* 8: 8-byte aligned, inside the frame */
    uint32_t vcpu;              /* 12 */
    uint8_t link_bits;          /* 16: out */
    uint8_t _pad[7];            /* 17 */
};
typedef struct evtchn_init_control evtchn_init_control_t;
_Static_assert(sizeof(struct evtchn_init_control) == 24, "init_control");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_EVENT_CHANNEL_H */
