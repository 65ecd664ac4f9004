/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's debug keys (common/keyhandler.c), reached by switching
 * the serial console's input to the hypervisor (Ctrl-A three times), with
 * Xen's letters and messages: 'h' lists them.
 */
#ifndef XEN_KEYHANDLER_H
#define XEN_KEYHANDLER_H

/* Runs the handler of key, if there is one (interrupt context). */
void keyhandler_press(char key);

/*
 * The arch side (arch/x86/pv/keyhandler.c): '0' prints dom0's registers
 * as they were when the hypervisor was entered, 't' the clocks, 'R'
 * resets the machine.
 */
void arch_key_dump_dom0(void);
void arch_key_clocks(void);
void __noreturn arch_key_reboot(void);

#endif /* XEN_KEYHANDLER_H */
