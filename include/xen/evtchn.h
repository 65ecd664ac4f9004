/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels of one single-vCPU domain, 2-level ABI (lib/evtchn.c):
 * which ports are bound to what, and the pending, mask and selector bits
 * in shared_info and vcpu_info. Pure: the caller owns the table and the
 * pages; errors are negated Xen errnos.
 */
#ifndef XEN_EVTCHN_H
#define XEN_EVTCHN_H

#include <xen/types.h>
#include <public/arch-x86_64.h>
#include <public/event_channel.h>

/* 64 words of 64 bits: the 2-level ABI's ports on x86-64. */
#define EVTCHN_NR_PORTS     4096

enum evtchn_state {
    EVTCHN_FREE,
    EVTCHN_RESERVED,        /* port 0 */
    EVTCHN_UNBOUND,
    EVTCHN_VIRQ,
    EVTCHN_IPI,
    EVTCHN_PIRQ,
};

struct evtchn_port {
    uint8_t state;          /* enum evtchn_state */
    uint8_t virq;           /* EVTCHN_VIRQ */
    uint16_t remote_dom;    /* EVTCHN_UNBOUND */
    uint16_t pirq;          /* EVTCHN_PIRQ */
};

struct evtchn_table {
    struct evtchn_port ports[EVTCHN_NR_PORTS];
    uint16_t virq_port[NR_VIRQS];   /* 0: not bound */
    struct shared_info *si;
    struct vcpu_info *vi;           /* vCPU 0's, where it lives now */
};

/* Empties the table (port 0 reserved) over the given pages. */
void evtchn_init(struct evtchn_table *t, struct shared_info *si,
                 struct vcpu_info *vi);

/* The operations of event_channel_op for vCPU 0 of domain 0. */
int evtchn_alloc_unbound(struct evtchn_table *t, struct
                         evtchn_alloc_unbound *a);
int evtchn_bind_virq(struct evtchn_table *t, struct evtchn_bind_virq *b);
int evtchn_bind_ipi(struct evtchn_table *t, struct evtchn_bind_ipi *b);
/*
 * A port for pirq (which the caller checked may be bound: xen/pirq.h);
 * b->port is set. 0 or -XEN_ENOSPC.
 */
int evtchn_bind_pirq(struct evtchn_table *t, struct evtchn_bind_pirq *b);
/*
 * EVTCHNOP_bind_vcpu with one vCPU: 0, -XEN_ENOENT for another vCPU,
 * -XEN_EINVAL for a bad port or one that is bound per vCPU (IPI, timer).
 */
int evtchn_bind_vcpu(const struct evtchn_table *t,
                     const struct evtchn_bind_vcpu *b);
/*
 * Closes port; for a pirq port *pirq receives its pirq (else -1), so the
 * caller can unbind it.
 */
int evtchn_close_pirq(struct evtchn_table *t, uint32_t port, int *pirq);
int evtchn_close(struct evtchn_table *t, uint32_t port);
int evtchn_send(struct evtchn_table *t, uint32_t port);
int evtchn_unmask(struct evtchn_table *t, uint32_t port);
int evtchn_status(struct evtchn_table *t, struct evtchn_status *s);

/*
 * Marks port pending; when it is not masked, sets its selector bit and
 * vcpu_info.evtchn_upcall_pending. Ports out of range are ignored.
 */
void evtchn_set_pending(struct evtchn_table *t, uint32_t port);

/* Raises a VIRQ: its port pending when one is bound. */
void evtchn_send_virq(struct evtchn_table *t, unsigned int virq);

/* Whether port is in range and its pending bit set (SCHEDOP_poll). */
bool evtchn_is_pending(const struct evtchn_table *t, uint32_t port);

/* dom0's event-channel table (arch/x86/pv/vcpu.c). */
struct evtchn_table *arch_dom0_evtchn(void);

/* dom0's pirqs (arch/x86/pv/physdev.c), numbered for the machine's GSIs. */
struct pirq_table;
struct pirq_table *arch_dom0_pirqs(void);

/*
 * Whether gfn names a frame of dom0's that the hypervisor could keep
 * writing (its own, not a page table): what Xen asks of a frame a guest
 * registers (arch/x86/pv/vcpu.c).
 */
bool arch_dom0_frame_writable(uint64_t gfn);

#endif /* XEN_EVTCHN_H */
