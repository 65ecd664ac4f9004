/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The iret hypercall (23), handled by the syscall entry itself since it
 * needs the frame dom0 pushed: back to guest kernel or user mode, with
 * RCX and R11 from the frame unless the guest came from a syscall.
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/pvcpu.h>
#include <asm/pv.h>
#include <asm/regs.h>

/* See asm/pv.h. */
bool pv_do_iret(struct cpu_regs *r)
{
    struct pv_vcpu *v = &dom0_vcpu;
    struct iret_context ic;
    struct pvcpu_iret_out o;

    if ( copy_from_guest(&ic, r->rsp, sizeof(ic)) )
        pv_guest_crash("iret frame unreadable", r);
    pvcpu_iret(&ic, &o);
    if ( !pvcpu_selector_ok(o.cs, pv_selector_desc(o.cs), true, false) ||
         !pvcpu_selector_ok(o.ss, pv_selector_desc(o.ss), false, true) )
        pv_guest_crash("iret to an unusable CS or SS", r);
    if ( o.to_user && v->kernel_mode )
        pv_toggle_guest_mode();
    r->rip = o.rip;
    r->cs = o.cs;
    r->rflags = o.rflags;
    r->rsp = o.rsp;
    r->ss = o.ss;
    if ( o.restore_rcx_r11 )
    {
        r->rcx = ic.rcx;
        r->r11 = ic.r11;
    }
    v->vi->evtchn_upcall_mask = o.upcall_mask;
    r->rax = ic.rax;
    return o.restore_rcx_r11;
}
