/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Unit tests for lib/evtchn.c: binding, Xen's errors, and the pending,
 * mask and selector bits of the 2-level ABI.
 */
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <xen/evtchn.h>

#include "unit.h"

struct fixture {
    struct evtchn_table t;
    struct shared_info si;
};

static struct fixture *setup(void)
{
    struct fixture *f = calloc(1, sizeof(*f));

    evtchn_init(&f->t, &f->si, &f->si.vcpu_info[0]);
    return f;
}

static void bind_virq_rules(struct unit_ctx *ctx)
{
    struct fixture *f = setup();
    struct evtchn_bind_virq b = { VIRQ_TIMER, 0, 0 };

    CHECK_EQ(evtchn_bind_virq(&f->t, &b), 0);
    CHECK_EQ(b.port, 1);
    CHECK_EQ(evtchn_bind_virq(&f->t, &b), -XEN_EEXIST);
    b.virq = NR_VIRQS;
    CHECK_EQ(evtchn_bind_virq(&f->t, &b), -XEN_EINVAL);
    b.virq = VIRQ_CONSOLE;
    b.vcpu = 1;
    CHECK_EQ(evtchn_bind_virq(&f->t, &b), -XEN_EINVAL);
    b.virq = VIRQ_DEBUG;
    CHECK_EQ(evtchn_bind_virq(&f->t, &b), -XEN_ENOENT);
    b.vcpu = 0;
    CHECK_EQ(evtchn_bind_virq(&f->t, &b), 0);
    CHECK_EQ(b.port, 2);
    free(f);
}

static void pending_reaches_vcpu_unless_masked(struct unit_ctx *ctx)
{
    struct fixture *f = setup();
    struct evtchn_bind_virq b = { VIRQ_TIMER, 0, 0 };
    struct vcpu_info *vi = &f->si.vcpu_info[0];

    CHECK_EQ(evtchn_bind_virq(&f->t, &b), 0);
    f->si.evtchn_mask[0] = 1ULL << b.port;
    evtchn_send_virq(&f->t, VIRQ_TIMER);
    CHECK(evtchn_is_pending(&f->t, b.port));
    CHECK_EQ(vi->evtchn_upcall_pending, 0);
    CHECK_EQ(vi->evtchn_pending_sel, 0);
    CHECK_EQ(evtchn_unmask(&f->t, b.port), 0);
    CHECK_EQ(vi->evtchn_upcall_pending, 1);
    CHECK_EQ(vi->evtchn_pending_sel, 1);
    CHECK_EQ(f->si.evtchn_mask[0], 0);
    CHECK_EQ(evtchn_unmask(&f->t, EVTCHN_NR_PORTS), -XEN_EINVAL);
    free(f);
}

static void send_close_status(struct unit_ctx *ctx)
{
    struct fixture *f = setup();
    struct evtchn_bind_ipi ipi = { 0, 0 };
    struct evtchn_alloc_unbound a = { DOMID_SELF, DOMID_SELF, 0 };
    struct evtchn_status s = { DOMID_SELF, 0, 9, 9, { { 0 } } };

    CHECK_EQ(evtchn_bind_ipi(&f->t, &ipi), 0);
    CHECK_EQ(evtchn_send(&f->t, ipi.port), 0);
    CHECK(evtchn_is_pending(&f->t, ipi.port));
    CHECK_EQ(f->si.vcpu_info[0].evtchn_upcall_pending, 1);
    CHECK_EQ(evtchn_alloc_unbound(&f->t, &a), 0);
    CHECK_EQ(evtchn_send(&f->t, a.port), 0);
    CHECK(!evtchn_is_pending(&f->t, a.port));
    s.port = a.port;
    CHECK_EQ(evtchn_status(&f->t, &s), 0);
    CHECK_EQ(s.status, EVTCHNSTAT_unbound);
    CHECK_EQ(evtchn_close(&f->t, a.port), 0);
    CHECK_EQ(evtchn_status(&f->t, &s), 0);
    CHECK_EQ(s.status, EVTCHNSTAT_closed);
    CHECK_EQ(evtchn_close(&f->t, a.port), -XEN_EINVAL);
    CHECK_EQ(evtchn_close(&f->t, 0), -XEN_EINVAL);
    CHECK_EQ(evtchn_send(&f->t, 0), -XEN_EINVAL);
    CHECK_EQ(evtchn_close(&f->t, ipi.port), 0);
    CHECK(!evtchn_is_pending(&f->t, ipi.port));
    s.dom = 7;
    CHECK_EQ(evtchn_status(&f->t, &s), -XEN_ESRCH);
    a.dom = 7;
    CHECK_EQ(evtchn_alloc_unbound(&f->t, &a), -XEN_ESRCH);
    ipi.vcpu = 1;
    CHECK_EQ(evtchn_bind_ipi(&f->t, &ipi), -XEN_ENOENT);
    free(f);
}

static void ports_run_out(struct unit_ctx *ctx)
{
    struct fixture *f = setup();
    struct evtchn_bind_ipi ipi = { 0, 0 };

    for ( unsigned int i = 1; i < EVTCHN_NR_PORTS; i++ )
        CHECK_EQ(evtchn_bind_ipi(&f->t, &ipi), 0);
    CHECK_EQ(ipi.port, EVTCHN_NR_PORTS - 1);
    CHECK_EQ(evtchn_bind_ipi(&f->t, &ipi), -XEN_ENOSPC);
    free(f);
}

static const struct unit_case evtchn_cases[] = {
    { "bind_virq_rules", bind_virq_rules },
    { "pending_reaches_vcpu_unless_masked",
      pending_reaches_vcpu_unless_masked },
    { "send_close_status", send_close_status },
    { "ports_run_out", ports_run_out },
};

UNIT_SUITE(evtchn, evtchn_cases)
