/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the dom0-pvcpu self-test (tools/dom0/pvcpu.c) shares with its
 * exit-path cases (tools/dom0/pvexit.c): the tally, the last frame a
 * handler saw, and where a handler sends a case that faulted on purpose.
 */
#ifndef DOM0_PVCPU_H
#define DOM0_PVCPU_H

#include <public/xen.h>

/* The last exception frame a handler saw. */
struct pvcpu_seen {
    uint64_t vec, rcx, r11, ec, rip, cs, rflags, rsp, ss, cr2;
    unsigned int count;
};
extern volatile struct pvcpu_seen pvcpu_seen;

/*
 * The next fault a handler sees: with to_kernel and a frame from guest
 * user mode, it returns to the kernel at pvcpu_user_return (the end of
 * pvcpu_run_user); else with rip set, it resumes there with RSP rsp.
 */
struct pvcpu_redirect {
    bool to_kernel;
    uint64_t rip, rsp;
};
extern volatile struct pvcpu_redirect pvcpu_redirect;

/* One case's result: "pvcpu: WHAT: ok" or FAIL, counted. */
void pvcpu_check(const char *what, bool ok);
void pvcpu_expect(const char *what, long rc, long want);

/* A hypercall with three arguments. */
long pvcpu_hc(unsigned long nr, unsigned long a1, unsigned long a2,
              unsigned long a3);

/* Guest user mode at code with code selector cs (pvcpu_entry.S). */
void pvcpu_run_user(void (*code)(void), void *stack_top, unsigned long cs);
void pvcpu_user_return(void);
void pvcpu_entry_syscall32(void);

/*
 * The exit-path cases (pvexit.c): returns the hypervisor must turn into
 * dom0's fault instead of faulting itself, and `syscall` from a 32-bit
 * code segment. trap_stack_top: the stack_switch stack in use.
 */
void pvexit_run(const struct start_info *si, void *trap_stack_top);

#endif /* DOM0_PVCPU_H */
