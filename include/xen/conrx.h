/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Serial console input as Xen routes it (lib/conrx.c): bytes go either to
 * dom0, through a ring CONSOLEIO_read empties, or to the hypervisor's key
 * handlers; Ctrl-A typed three times in a row switches between the two
 * and is eaten. Fewer than three Ctrl-As followed by another byte are
 * passed on as ordinary input, then that byte. Pure: the caller owns the
 * state and does the printing, the event and the keys.
 */
#ifndef XEN_CONRX_H
#define XEN_CONRX_H

#include <xen/types.h>

#define CONRX_RING_BYTES    1024    /* a power of two */
#define CONRX_SWITCH_CHAR   0x01    /* Ctrl-A, Xen's default conswitch=a */
#define CONRX_SWITCH_COUNT  3

struct conrx {
    char ring[CONRX_RING_BYTES];
    uint32_t prod, cons;            /* free-running, masked on use */
    unsigned int nr_switch;         /* Ctrl-As seen in a row */
    bool to_hypervisor;             /* input goes to the key handlers */
};

/* What one received byte did. */
struct conrx_result {
    bool switched;                  /* direction changed: see to_hypervisor */
    unsigned int queued;            /* bytes added to dom0's ring */
    unsigned int dropped;           /* bytes for dom0 lost: the ring full */
    unsigned int nr_keys;           /* bytes for the key handlers */
    char keys[CONRX_SWITCH_COUNT];
};

/* Empties the state; input goes to dom0 when to_dom0, else the keys. */
void conrx_init(struct conrx *s, bool to_dom0);

/* Routes one received byte. */
void conrx_feed(struct conrx *s, char c, struct conrx_result *r);

/* Moves up to max bytes of dom0's input to buf; returns how many. */
size_t conrx_take(struct conrx *s, char *buf, size_t max);

/*
 * Copies up to max bytes of dom0's input to buf without taking them;
 * conrx_consume() then drops the first n (at most what is pending), so a
 * copy to the guest that fails loses nothing (as Xen's CONSOLEIO_read).
 */
size_t conrx_peek(const struct conrx *s, char *buf, size_t max);
void conrx_consume(struct conrx *s, size_t n);

/* Bytes waiting for dom0. */
size_t conrx_pending(const struct conrx *s);

#endif /* XEN_CONRX_H */
