/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Serial console input routing (include/xen/conrx.h).
 */
#include <xen/conrx.h>

#define RING_MASK   (CONRX_RING_BYTES - 1)

/* See xen/conrx.h. */
void conrx_init(struct conrx *s, bool to_dom0)
{
    s->prod = s->cons = 0;
    s->nr_switch = 0;
    s->to_hypervisor = !to_dom0;
}

/* See xen/conrx.h. */
size_t conrx_pending(const struct conrx *s)
{
    return s->prod - s->cons;
}

/* One byte to wherever input goes now (Xen's __serial_rx). */
static void deliver(struct conrx *s, char c, struct conrx_result *r)
{
    if ( s->to_hypervisor )
    {
        r->keys[r->nr_keys++] = c;
        return;
    }
    /* A full ring drops the new byte, as Xen's does. */
    if ( conrx_pending(s) == CONRX_RING_BYTES )
    {
        r->dropped++;
        return;
    }
    s->ring[s->prod++ & RING_MASK] = c;
    r->queued++;
}

/* See xen/conrx.h. */
void conrx_feed(struct conrx *s, char c, struct conrx_result *r)
{
    *r = (struct conrx_result){ 0 };
    if ( c == CONRX_SWITCH_CHAR )
    {
        if ( ++s->nr_switch == CONRX_SWITCH_COUNT )
        {
            s->nr_switch = 0;
            s->to_hypervisor = !s->to_hypervisor;
            r->switched = true;
        }
        return;
    }
    /* Ctrl-As that did not make three are ordinary input after all. */
    for ( ; s->nr_switch; s->nr_switch-- )
        deliver(s, CONRX_SWITCH_CHAR, r);
    deliver(s, c, r);
}

/* See xen/conrx.h. */
size_t conrx_peek(const struct conrx *s, char *buf, size_t max)
{
    size_t n = 0;

    for ( uint32_t i = s->cons; n < max && i != s->prod; i++ )
        buf[n++] = s->ring[i & RING_MASK];
    return n;
}

/* See xen/conrx.h. */
void conrx_consume(struct conrx *s, size_t n)
{
    s->cons += n < conrx_pending(s) ? n : conrx_pending(s);
}

/* See xen/conrx.h. */
size_t conrx_take(struct conrx *s, char *buf, size_t max)
{
    size_t n = conrx_peek(s, buf, max);

    conrx_consume(s, n);
    return n;
}
