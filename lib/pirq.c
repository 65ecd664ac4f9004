/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * dom0's pirq numbering and GSI setup, with Xen's rules for a hardware
 * domain (xen/pirq.h).
 */
#include <xen/pirq.h>
#include <public/errno.h>

/* See xen/pirq.h. */
void pirq_init(struct pirq_table *t, unsigned int nr_gsis)
{
    if ( nr_gsis > PIRQ_MAX_GSIS )
        nr_gsis = PIRQ_MAX_GSIS;
    t->nr_gsis = nr_gsis;
    t->nr_pirqs = nr_gsis + (PIRQ_MAX - PIRQ_MAX_GSIS);
    for ( unsigned int i = 0; i < PIRQ_MAX; i++ )
    {
        t->gsi_of[i] = -1;
        t->port[i] = 0;
    }
    for ( unsigned int i = 0; i < PIRQ_MAX_GSIS; i++ )
    {
        t->pirq_of[i] = -1;
        t->gsi_flags[i] = 0;
    }
}

/* A free pirq: first the GSI range from 16, then from the top down. */
static int free_pirq(const struct pirq_table *t)
{
    for ( unsigned int i = 16; i < t->nr_gsis; i++ )
        if ( t->gsi_of[i] < 0 )
            return i;
    for ( unsigned int i = t->nr_pirqs; i-- > t->nr_gsis; )
        if ( t->gsi_of[i] < 0 )
            return i;
    return -XEN_ENOSPC;
}

/* See xen/pirq.h. */
int pirq_map_gsi(struct pirq_table *t, int gsi, int *pirq)
{
    int cur, want = *pirq;

    if ( gsi < 0 || (unsigned int)gsi >= t->nr_gsis )
        return -XEN_EINVAL;
    cur = t->pirq_of[gsi];
    if ( want < 0 )
    {
        if ( cur >= 0 )
        {
            *pirq = cur;                /* mapped already: the same pirq */
            return 0;
        }
        want = t->gsi_of[gsi] < 0 ? gsi : free_pirq(t);
        if ( want < 0 )
            return want;
    }
    else if ( (unsigned int)want >= t->nr_pirqs )
        return -XEN_EINVAL;
    else if ( cur >= 0 && cur != want )
        return -XEN_EEXIST;             /* the GSI has another pirq */
    else if ( t->gsi_of[want] >= 0 && t->gsi_of[want] != gsi )
        return 0;       /* Xen's map_domain_pirq: warns, changes nothing */
    t->gsi_of[want] = gsi;
    t->pirq_of[gsi] = want;
    *pirq = want;
    return 0;
}

/* See xen/pirq.h. */
int pirq_unmap(struct pirq_table *t, int pirq)
{
    if ( pirq < 0 || (unsigned int)pirq >= t->nr_pirqs ||
         t->gsi_of[pirq] < 0 )
        return -XEN_EINVAL;
    t->pirq_of[t->gsi_of[pirq]] = -1;
    t->gsi_of[pirq] = -1;
    t->port[pirq] = 0;
    return 0;
}

/* See xen/pirq.h. */
int pirq_setup_gsi(struct pirq_table *t, int gsi, bool level, bool low)
{
    if ( gsi < 0 || (unsigned int)gsi >= t->nr_gsis )
        return -XEN_EINVAL;
    if ( t->gsi_flags[gsi] & PIRQ_GSI_SETUP )
        return -XEN_EEXIST;
    t->gsi_flags[gsi] = PIRQ_GSI_SETUP | (level ? PIRQ_GSI_LEVEL : 0) |
                        (low ? PIRQ_GSI_LOW : 0);
    return 0;
}

/* See xen/pirq.h. */
void pirq_reserve_gsi(struct pirq_table *t, int gsi, bool level, bool low)
{
    if ( gsi >= 0 && (unsigned int)gsi < t->nr_gsis )
        t->gsi_flags[gsi] = PIRQ_GSI_SETUP | PIRQ_GSI_HV |
                            (level ? PIRQ_GSI_LEVEL : 0) |
                            (low ? PIRQ_GSI_LOW : 0);
}

/* See xen/pirq.h. */
int pirq_bind_check(const struct pirq_table *t, uint32_t pirq)
{
    if ( pirq >= t->nr_pirqs )
        return -XEN_EINVAL;
    if ( t->gsi_of[pirq] < 0 )
        return -XEN_EPERM;              /* no access: Xen's answer */
    if ( t->gsi_flags[t->gsi_of[pirq]] & PIRQ_GSI_HV )
        return -XEN_EBUSY;
    return t->port[pirq] ? -XEN_EEXIST : 0;
}

/* See xen/pirq.h. */
void pirq_set_port(struct pirq_table *t, uint32_t pirq, uint16_t port)
{
    if ( pirq < t->nr_pirqs )
        t->port[pirq] = port;
}
