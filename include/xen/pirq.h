/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's physical IRQs (pirqs) as Xen numbers them for a hardware domain
 * (pure, lib/pirq.c): a GSI is mapped to a pirq (by default the pirq of
 * the same number, as Xen gives dom0 its GSIs), a pirq may be bound to
 * one event channel, and each GSI's trigger and polarity are set once
 * (PHYSDEVOP_setup_gsi). Errors are negated Xen errnos, with Xen's
 * choice among them.
 */
#ifndef XEN_PIRQ_H
#define XEN_PIRQ_H

#include <xen/types.h>

/* Pirq numbers: the GSIs, then as many more (Xen: GSIs + nr_static_irqs). */
#define PIRQ_MAX_GSIS       240
#define PIRQ_MAX            512

struct pirq_table {
    unsigned int nr_gsis;           /* the machine's GSIs (<= PIRQ_MAX_GSIS) */
    unsigned int nr_pirqs;          /* pirqs 0..nr_pirqs-1 exist */
    int16_t gsi_of[PIRQ_MAX];       /* pirq -> GSI, -1: not mapped */
    int16_t pirq_of[PIRQ_MAX_GSIS]; /* GSI -> pirq, -1: not mapped */
    uint16_t port[PIRQ_MAX];        /* event channel, 0: not bound */
    uint8_t gsi_flags[PIRQ_MAX_GSIS]; /* PIRQ_GSI_* */
};

#define PIRQ_GSI_SETUP      0x01    /* setup_gsi done */
#define PIRQ_GSI_LEVEL      0x02    /* level triggered */
#define PIRQ_GSI_LOW        0x04    /* active low */
#define PIRQ_GSI_HV         0x08    /* the hypervisor's own (its UART) */

/* An empty table for a machine with nr_gsis GSIs. */
void pirq_init(struct pirq_table *t, unsigned int nr_gsis);

/*
 * PHYSDEVOP_map_pirq of type GSI: maps GSI gsi to *pirq (< 0: the
 * GSI's own number when free, else a free pirq from 16 up), as Xen's
 * allocate_and_map_gsi_pirq for dom0. 0 and *pirq set, or -XEN_EINVAL
 * (bad GSI or pirq), -XEN_EEXIST (the GSI has another pirq),
 * -XEN_ENOSPC. A pirq that names another GSI is left alone with 0, as
 * Xen does.
 */
int pirq_map_gsi(struct pirq_table *t, int gsi, int *pirq);

/* PHYSDEVOP_unmap_pirq: 0, or -XEN_EINVAL when pirq is not mapped. */
int pirq_unmap(struct pirq_table *t, int pirq);

/*
 * PHYSDEVOP_setup_gsi: 0, -XEN_EINVAL for a GSI the machine lacks,
 * -XEN_EEXIST when it was set up before (Xen never reprograms a pin).
 */
int pirq_setup_gsi(struct pirq_table *t, int gsi, bool level, bool low);

/*
 * A GSI the hypervisor routed for itself (its console's UART): set up
 * already, so dom0's setup_gsi is -XEN_EEXIST, and never bound to dom0.
 */
void pirq_reserve_gsi(struct pirq_table *t, int gsi, bool level, bool low);

/*
 * EVTCHNOP_bind_pirq's check: 0 when pirq may be bound, -XEN_EINVAL
 * (no such pirq), -XEN_EPERM (not mapped), -XEN_EEXIST (bound already)
 * or -XEN_EBUSY (the hypervisor's own line, as Xen's "in use").
 */
int pirq_bind_check(const struct pirq_table *t, uint32_t pirq);

/* Records or clears (port 0) the event channel of a mapped pirq. */
void pirq_set_port(struct pirq_table *t, uint32_t pirq, uint16_t port);

#endif
