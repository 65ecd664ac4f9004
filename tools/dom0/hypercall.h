/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hypercalls of the dom0 kernel (tools/dom0/hypercall.c), issued with
 * `syscall` from guest kernel mode as the PV64 ABI says (reference 4.1):
 * number in RAX, arguments in RDI, RSI, RDX, R10, R8, result in RAX
 * (negative errno on failure). Pointers are dom0 virtual addresses.
 */
#ifndef DOM0_HYPERCALL_H
#define DOM0_HYPERCALL_H

#include <stdint.h>

/*
 * Decides how hypercalls are made: through the hypercall page when the
 * image has one (DOM0_HYPERCALL_PAGE) and the hypervisor filled it, else
 * by `syscall`. Returns the page's address when it is used, else NULL.
 */
const void *hypercall_init(void);

/* Any hypercall, for the hostile self-test; returns RAX. */
long hypercall_raw(unsigned long nr, unsigned long a1, unsigned long a2,
                   unsigned long a3, unsigned long a4, unsigned long a5);

/* Hypercalls made through hypercall_raw() so far (xen-perfc's check). */
extern unsigned long hypercall_count;

/* console_io(CONSOLEIO_write, len, buf). */
long hypercall_console_write(const char *buf, unsigned long len);

/* sched_op(SCHEDOP_shutdown, {reason}). Returns only on failure. */
long hypercall_shutdown(unsigned int reason);

/* platform_op(op); op is read and written back by the hypervisor. */
long hypercall_platform_op(void *op);

/* memory_op(cmd, arg). */
long hypercall_memory_op(unsigned int cmd, void *arg);

/* sysctl(op); op (struct xen_sysctl) is read and written back. */
long hypercall_sysctl(void *op);

/* xen_version(cmd, arg). */
long hypercall_xen_version(unsigned int cmd, void *arg);

/* update_va_mapping(va, pte, flags): one L1 entry of the current tables. */
long hypercall_update_va_mapping(unsigned long va, uint64_t pte,
                                 unsigned long flags);

/* mmu_update(req, count, done, domid). */
long hypercall_mmu_update(void *req, unsigned int count,
                          unsigned int *done, unsigned int domid);

#endif /* DOM0_HYPERCALL_H */
