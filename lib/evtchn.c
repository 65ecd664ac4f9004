/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event channels of one single-vCPU domain (include/xen/evtchn.h). Only
 * domain 0 exists, so DOMID_SELF and 0 name it and any other domain is
 * -ESRCH; only vCPU 0 exists, so any other vCPU is -ENOENT.
 */
#include <public/errno.h>
#include <xen/evtchn.h>
#include <xen/string.h>

#define WORD_BITS   64

static bool bit_test(const xen_ulong_t *w, uint32_t n)
{
    return (w[n / WORD_BITS] >> (n % WORD_BITS)) & 1;
}

/* Sets bit n; returns whether it was set before. */
static bool bit_test_and_set(xen_ulong_t *w, uint32_t n)
{
    bool old = bit_test(w, n);

    w[n / WORD_BITS] |= 1ULL << (n % WORD_BITS);
    return old;
}

static void bit_clear(xen_ulong_t *w, uint32_t n)
{
    w[n / WORD_BITS] &= ~(1ULL << (n % WORD_BITS));
}

static bool self(uint16_t dom)
{
    return dom == DOMID_SELF || dom == 0;
}

/* VIRQs bound per vCPU; the others are global (vCPU 0 only). */
static bool virq_per_vcpu(uint32_t virq)
{
    return virq == VIRQ_TIMER || virq == VIRQ_DEBUG ||
           virq == VIRQ_XENOPROF || virq == VIRQ_XENPMU;
}

void evtchn_init(struct evtchn_table *t, struct shared_info *si,
                 struct vcpu_info *vi)
{
    memset(t, 0, sizeof(*t));
    t->ports[0].state = EVTCHN_RESERVED;
    t->si = si;
    t->vi = vi;
}

static int alloc_port(struct evtchn_table *t, uint32_t *port)
{
    for ( uint32_t p = 1; p < EVTCHN_NR_PORTS; p++ )
        if ( t->ports[p].state == EVTCHN_FREE )
        {
            *port = p;
            return 0;
        }
    return -XEN_ENOSPC;
}

int evtchn_alloc_unbound(struct evtchn_table *t,
                         struct evtchn_alloc_unbound *a)
{
    uint32_t port;
    int rc;

    if ( !self(a->dom) )
        return -XEN_ESRCH;
    if ( (rc = alloc_port(t, &port)) )
        return rc;
    t->ports[port].state = EVTCHN_UNBOUND;
    t->ports[port].remote_dom = a->remote_dom == DOMID_SELF ? 0
                                                           : a->remote_dom;
    a->port = port;
    return 0;
}

int evtchn_bind_virq(struct evtchn_table *t, struct evtchn_bind_virq *b)
{
    uint32_t port;
    int rc;

    if ( b->virq >= NR_VIRQS )
        return -XEN_EINVAL;
    if ( !virq_per_vcpu(b->virq) && b->vcpu != 0 )
        return -XEN_EINVAL;
    if ( b->vcpu != 0 )
        return -XEN_ENOENT;
    if ( t->virq_port[b->virq] )
        return -XEN_EEXIST;
    if ( (rc = alloc_port(t, &port)) )
        return rc;
    t->ports[port].state = EVTCHN_VIRQ;
    t->ports[port].virq = b->virq;
    t->virq_port[b->virq] = port;
    b->port = port;
    return 0;
}

int evtchn_bind_ipi(struct evtchn_table *t, struct evtchn_bind_ipi *b)
{
    uint32_t port;
    int rc;

    if ( b->vcpu != 0 )
        return -XEN_ENOENT;
    if ( (rc = alloc_port(t, &port)) )
        return rc;
    t->ports[port].state = EVTCHN_IPI;
    b->port = port;
    return 0;
}

int evtchn_bind_pirq(struct evtchn_table *t, struct evtchn_bind_pirq *b)
{
    uint32_t port;
    int rc;

    if ( (rc = alloc_port(t, &port)) )
        return rc;
    t->ports[port].state = EVTCHN_PIRQ;
    t->ports[port].pirq = (uint16_t)b->pirq;
    b->port = port;
    return 0;
}

int evtchn_bind_vcpu(const struct evtchn_table *t,
                     const struct evtchn_bind_vcpu *b)
{
    const struct evtchn_port *p;

    if ( b->port >= EVTCHN_NR_PORTS )
        return -XEN_EINVAL;
    p = &t->ports[b->port];
    if ( b->vcpu != 0 )
        return -XEN_ENOENT;
    switch ( p->state )
    {
    case EVTCHN_UNBOUND:
    case EVTCHN_PIRQ:
        return 0;
    case EVTCHN_VIRQ:
        return virq_per_vcpu(p->virq) ? -XEN_EINVAL : 0;
    }
    return -XEN_EINVAL;
}

int evtchn_close_pirq(struct evtchn_table *t, uint32_t port, int *pirq)
{
    *pirq = -1;
    if ( port < EVTCHN_NR_PORTS && t->ports[port].state == EVTCHN_PIRQ )
        *pirq = t->ports[port].pirq;
    return evtchn_close(t, port);
}

int evtchn_close(struct evtchn_table *t, uint32_t port)
{
    struct evtchn_port *p;

    if ( port >= EVTCHN_NR_PORTS )
        return -XEN_EINVAL;
    p = &t->ports[port];
    if ( p->state == EVTCHN_FREE || p->state == EVTCHN_RESERVED )
        return -XEN_EINVAL;
    if ( p->state == EVTCHN_VIRQ )
        t->virq_port[p->virq] = 0;
    memset(p, 0, sizeof(*p));
    bit_clear(t->si->evtchn_pending, port);
    return 0;
}

int evtchn_send(struct evtchn_table *t, uint32_t port)
{
    if ( port >= EVTCHN_NR_PORTS )
        return -XEN_EINVAL;
    switch ( t->ports[port].state )
    {
    case EVTCHN_IPI:
        evtchn_set_pending(t, port);
        return 0;
    case EVTCHN_UNBOUND:        /* nobody listens: dropped */
        return 0;
    }
    return -XEN_EINVAL;
}

int evtchn_unmask(struct evtchn_table *t, uint32_t port)
{
    if ( port >= EVTCHN_NR_PORTS )
        return -XEN_EINVAL;
    bit_clear(t->si->evtchn_mask, port);
    if ( bit_test(t->si->evtchn_pending, port) &&
         !bit_test_and_set(&t->vi->evtchn_pending_sel, port / WORD_BITS) )
        t->vi->evtchn_upcall_pending = 1;
    return 0;
}

int evtchn_status(struct evtchn_table *t, struct evtchn_status *s)
{
    const struct evtchn_port *p;

    if ( !self(s->dom) )
        return -XEN_ESRCH;
    if ( s->port >= EVTCHN_NR_PORTS )
        return -XEN_EINVAL;
    p = &t->ports[s->port];
    memset(&s->u, 0, sizeof(s->u));
    s->vcpu = 0;
    switch ( p->state )
    {
    case EVTCHN_UNBOUND:
        s->status = EVTCHNSTAT_unbound;
        s->u.unbound.dom = p->remote_dom;
        break;
    case EVTCHN_VIRQ:
        s->status = EVTCHNSTAT_virq;
        s->u.virq = p->virq;
        break;
    case EVTCHN_IPI:
        s->status = EVTCHNSTAT_ipi;
        break;
    case EVTCHN_PIRQ:
        s->status = EVTCHNSTAT_pirq;
        s->u.pirq = p->pirq;
        break;
    default:
        s->status = EVTCHNSTAT_closed;
        break;
    }
    return 0;
}

void evtchn_set_pending(struct evtchn_table *t, uint32_t port)
{
    if ( port >= EVTCHN_NR_PORTS ||
         bit_test_and_set(t->si->evtchn_pending, port) )
        return;
    if ( !bit_test(t->si->evtchn_mask, port) &&
         !bit_test_and_set(&t->vi->evtchn_pending_sel, port / WORD_BITS) )
        t->vi->evtchn_upcall_pending = 1;
}

void evtchn_send_virq(struct evtchn_table *t, unsigned int virq)
{
    if ( virq < NR_VIRQS && t->virq_port[virq] )
        evtchn_set_pending(t, t->virq_port[virq]);
}

bool evtchn_is_pending(const struct evtchn_table *t, uint32_t port)
{
    return port < EVTCHN_NR_PORTS && bit_test(t->si->evtchn_pending, port);
}
