/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Fuzz harness for the PV CPU rules (arch/x86/lib/pvcpu.c) and event channels
 * (lib/evtchn.c).
 *
 * Input: records of 1 + 24 bytes: an op byte, then three u64 (little
 * endian) a, b, c.
 *   op % 6 == 0  descriptor a: refused only when present and a system
 *                descriptor; when accepted, a present one has DPL 3 and
 *                no other bit changed; a selector check of (b, the
 *                result) never accepts a DPL < 3 or system descriptor
 *   op % 6 == 1  trap entry {vector a, flags a>>8, cs a>>16, address b}:
 *                end exactly at address 0, refused exactly when the
 *                address is not canonical, stored CS has RPL != 0
 *   op % 6 == 2  bounce frame from the context (rip a, rsp b, others from
 *                c): SP 16-byte aligned below the source stack, 7 or 8
 *                words, CS and SS words fit 16 bits plus the mask, RFLAGS
 *                never carries IOPL, and IF exactly when not masked
 *   op % 6 == 3  iret context from a, b, c: RFLAGS only guest bits and
 *                bit 1, CS and SS RPL 3, mask the inverse of IF
 *   op % 6 == 4  event channel operation (op >> 3) % 8 on port a % 4200
 *                with virq/vcpu from b (7: dom0 masks the port in
 *                shared_info or unmasks it by hypercall, then a VIRQ is
 *                sent): results are 0 or Xen errors; after every
 *                operation a pending unmasked port has its selector bit
 *                set and the upcall flag raised
 *   op % 6 == 5  time scale for khz a (non-zero): mul >= 2^31 and one
 *                second of ticks scales to within 2 ns below 1e9
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <public/errno.h>
#include <xen/evtchn.h>
#include <xen/pvcpu.h>

#define REC_BYTES   25
#define DESC_P      (1ULL << 47)
#define DESC_S      (1ULL << 44)
#define DESC_DPL    (3ULL << 45)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint64_t get64(const uint8_t *p)
{
    uint64_t v;

    memcpy(&v, p, sizeof(v));
    return v;
}

static void check(int ok)
{
    if ( !ok )
        abort();
}

static void fuzz_descriptor(uint64_t a, uint64_t b)
{
    uint64_t d = a;
    int rc = pvcpu_check_descriptor(&d);

    check(rc == 0 || rc == -XEN_EINVAL);
    check((rc != 0) == ((a & DESC_P) && !(a & DESC_S)));
    if ( rc == 0 && (a & DESC_P) )
        check((d & DESC_DPL) == DESC_DPL && (d & ~DESC_DPL) ==
                                            (a & ~DESC_DPL));
    if ( rc == 0 && !(a & DESC_P) )
        check(d == a);
    for ( int code = 0; code < 2; code++ )
        for ( int ss = 0; ss < 2; ss++ )
            if ( pvcpu_selector_ok((uint16_t)b, a, code, ss) &&
                 ((uint16_t)b & ~3) )
                check((a & DESC_P) && (a & DESC_S) &&
                      (a & DESC_DPL) == DESC_DPL && ((uint16_t)b & 3) == 3);
}

static void fuzz_trap(uint64_t a, uint64_t b)
{
    struct trap_info in = { (uint8_t)a, (uint8_t)(a >> 8),
                            (uint16_t)(a >> 16), b }, out;
    int rc = pvcpu_trap_entry(&in, &out);

    if ( b == 0 )
        check(rc == 1);
    else if ( !pvcpu_canonical(b) )
        check(rc == -XEN_EINVAL);
    else
        check(rc == 0 && (out.cs & 3) != 0 && out.address == b &&
              out.vector == in.vector);
}

static void fuzz_bounce(uint64_t a, uint64_t b, uint64_t c)
{
    struct pvcpu_bounce_in in = {
        .rip = a, .cs = c & 0xffff, .rflags = c >> 8, .rsp = b,
        .ss = c >> 24, .rcx = c, .r11 = ~c, .kernel_mode = c >> 40 & 1,
        .kernel_sp = b ^ c, .has_error_code = c >> 41 & 1,
        .error_code = a ^ b, .upcall_mask = c >> 42 & 1,
    };
    struct pvcpu_bounce_out out;
    uint64_t src = in.kernel_mode ? b : b ^ c;
    unsigned int cs_i;

    pvcpu_bounce_frame(&in, &out);
    check(out.nr_words == (in.has_error_code ? 8u : 7u));
    check((out.sp + out.nr_words * 8) % 16 == 0);
    check(out.sp + out.nr_words * 8 == (src & ~15ULL));
    cs_i = out.nr_words - 4;
    check((out.words[cs_i] >> 16) == (uint64_t)in.upcall_mask << 16);
    check(!(out.words[cs_i + 1] & PVCPU_RF_IOPL));
    check(!!(out.words[cs_i + 1] & PVCPU_RF_IF) == !in.upcall_mask);
    check(out.words[cs_i + 3] <= 0xffff);
    if ( in.kernel_mode )
        check((out.words[cs_i] & 3) == 0);
}

static void fuzz_iret(uint64_t a, uint64_t b, uint64_t c)
{
    struct iret_context ic = { a, b, c, c >> 3, a ^ b, b >> 7, c ^ a,
                               a + b, c >> 13 };
    struct pvcpu_iret_out o;

    pvcpu_iret(&ic, &o);
    check((o.rflags & ~(PVCPU_RF_GUEST | 2)) == 0 && (o.rflags & 2));
    check((o.cs & 3) == 3 && (o.ss & 3) == 3 && o.cs <= 0xffff &&
          o.ss <= 0xffff);
    check(o.upcall_mask == !(ic.rflags & PVCPU_RF_IF));
    check(o.to_user == ((ic.cs & 3) == 3));
}

static void fuzz_evtchn(struct evtchn_table *t, unsigned int op, uint64_t a,
                        uint64_t b)
{
    uint32_t port = a % 4200;
    struct evtchn_bind_virq bv = { (uint32_t)b % 30, (uint32_t)(b >> 8) % 3,
                                   0 };
    struct evtchn_bind_ipi bi = { (uint32_t)(b >> 8) % 3, 0 };
    struct evtchn_alloc_unbound au = { (uint16_t)(b >> 16) % 2 ? 0 : 9, 0,
                                       0 };
    struct evtchn_status st = { DOMID_SELF, port, 0, 0, { { 0 } } };
    struct vcpu_info *vi = t->vi;
    int rc = 0;

    switch ( op % 8 )
    {
    case 0: rc = evtchn_bind_virq(t, &bv); break;
    case 1: rc = evtchn_bind_ipi(t, &bi); break;
    case 2: rc = evtchn_alloc_unbound(t, &au); break;
    case 3: rc = evtchn_close(t, port); break;
    case 4: rc = evtchn_send(t, port); break;
    case 5: rc = evtchn_unmask(t, port); break;
    case 6: rc = evtchn_status(t, &st); break;
    case 7:
        /*
         * dom0 masks a port by setting its bit in shared_info itself, but
         * unmasks through EVTCHNOP_unmask (Linux does when the port may be
         * pending: clearing the bit alone raises no upcall, on Xen either).
         */
        if ( port < EVTCHN_NR_PORTS &&
             (t->si->evtchn_mask[port / 64] >> (port % 64) & 1) )
            rc = evtchn_unmask(t, port);
        else if ( port < EVTCHN_NR_PORTS )
            t->si->evtchn_mask[port / 64] |= 1ULL << (port % 64);
        evtchn_send_virq(t, (unsigned int)b % 30);
        break;
    }
    check(rc == 0 || rc == -XEN_EINVAL || rc == -XEN_ENOENT ||
          rc == -XEN_EEXIST || rc == -XEN_ENOSPC || rc == -XEN_ESRCH);
    /* Port 0 is never bound, never pending by a send. */
    check(t->ports[0].state == EVTCHN_RESERVED);
    for ( unsigned int w = 0; w < 64; w++ )
    {
        uint64_t live = t->si->evtchn_pending[w] & ~t->si->evtchn_mask[w];

        if ( live )
            check(((vi->evtchn_pending_sel >> w) & 1) &&
                  vi->evtchn_upcall_pending);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct {
        struct evtchn_table t;
        struct shared_info si;
    } *e = calloc(1, sizeof(*e));

    evtchn_init(&e->t, &e->si, &e->si.vcpu_info[0]);
    for ( size_t off = 0; off + REC_BYTES <= size; off += REC_BYTES )
    {
        uint8_t op = data[off];
        uint64_t a = get64(data + off + 1), b = get64(data + off + 9);
        uint64_t c = get64(data + off + 17);

        switch ( op % 6 )
        {
        case 0: fuzz_descriptor(a, b); break;
        case 1: fuzz_trap(a, b); break;
        case 2: fuzz_bounce(a, b, c); break;
        case 3: fuzz_iret(a, b, c); break;
        case 4: fuzz_evtchn(&e->t, op >> 3, a, b); break;
        case 5:
            if ( a & 0xffffffff )
            {
                uint32_t mul;
                int8_t shift;
                uint64_t ns;

                pvcpu_time_scale((uint32_t)a, &mul, &shift);
                check(mul >= 0x80000000u);
                ns = pvcpu_scale_delta((uint64_t)(uint32_t)a * 1000, mul,
                                       shift);
                check(ns <= 1000000000ULL && ns + 2 >= 1000000000ULL);
            }
            break;
        }
    }
    free(e);
    return 0;
}
