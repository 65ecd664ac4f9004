/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The arch side of the debug keys (xen/keyhandler.h). Keys arrive in
 * interrupt context, while dom0 runs or in its blocked `hlt`: either way
 * its registers are the frame at the top of pv_stack.
 */
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/keyhandler.h>
#include <xen/setup.h>
#include <asm/apic.h>
#include <asm/io.h>
#include <asm/irq.h>
#include <asm/pv.h>
#include <asm/regs.h>

/* See xen/keyhandler.h. */
void arch_key_dump_dom0(void)
{
    printk("*** Dumping Dom0 vcpu#0 state: ***\n");
    arch_regs_print("dom0 ", pv_guest_regs(), dom0_vcpu.vi->arch.cr2,
                    dom0.l4_mfn << PAGE_SHIFT);
    printk("dom0 guest %s mode, events %s, %s pending\n",
           dom0_vcpu.kernel_mode ? "kernel" : "user",
           dom0_vcpu.vi->evtchn_upcall_mask ? "masked" : "unmasked",
           dom0_vcpu.vi->evtchn_upcall_pending ? "upcall" : "nothing");
}

/* See xen/keyhandler.h. */
void arch_key_clocks(void)
{
    const struct shared_info *si = __va(hv_info.dom0_shared_info_pa);
    uint64_t now = pv_now_ns();

    printk("dom0 system time %lu.%09lu s, wallclock %lu s (UTC) at system "
           "time 0, %lu timer interrupts\n", (unsigned long)(now / 1000000000),
           (unsigned long)(now % 1000000000),
           (unsigned long)(((uint64_t)si->wc_sec_hi << 32) | si->wc_sec),
           (unsigned long)irq_nr_taken(APIC_VEC_TIMER));
}

/* See xen/keyhandler.h. */
void arch_key_reboot(void)
{
    /* Firmware calls need the hypervisor's own tables. */
    write_cr3(dom0.idle_cr3);
    arch_reboot(hv_info.bi);
    panic("reboot failed");
}
