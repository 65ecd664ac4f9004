/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * `int N` from dom0: through its trap table when the entry's DPL allows,
 * as Xen does from its #GP handler; otherwise dom0's #GP with the gate in
 * the error code (rules in arch/x86/lib/pvsoftint.c).
 */
#include <xen/hypercall.h>
#include <xen/pvcpu.h>
#include <xen/pvsoftint.h>
#include <asm/pv.h>
#include <asm/regs.h>

#define EXC_GP          13
#define INT_IB_BYTES    2

/* See asm/pv.h. */
bool pv_softint(struct cpu_regs *r)
{
    const struct trap_info *ti;
    uint8_t insn[INT_IB_BYTES];
    unsigned int vec;
    size_t n = INT_IB_BYTES;

    if ( r->vector != EXC_GP ||
         (r->error_code & PVSOFTINT_EC_MASK) != PVSOFTINT_EC_IDT )
        return false;
    if ( copy_from_guest(insn, r->rip, sizeof(insn)) )
        n = 0;
    vec = pvsoftint_vector(r->error_code, insn, n);
    ti = &dom0_vcpu.traps[vec];
    if ( ti->address &&
         pvsoftint_permitted(ti->flags, dom0_vcpu.kernel_mode) )
    {
        /* A trap: the handler returns after the instruction. */
        r->rip += INT_IB_BYTES;
        r->vector = vec;
        return pv_bounce(r, ti->address, ti->flags & PVCPU_TI_MASK_EVENTS,
                         false, 0);
    }
    r->error_code = pvsoftint_error_code(vec);
    return false;
}
