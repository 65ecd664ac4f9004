/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The performance counters, one line each, read by xen/perfc.h (the value
 * offsets) and lib/perfc.c (names, sizes): include it only with PERFC()
 * and PERFC_ARRAY() defined.
 *
 *   PERFC(id, "name", unit)
 *   PERFC_ARRAY(id, "name", unit, nr, elements)
 *
 * unit is COUNT (events) or CYCLES (TSC cycles, shown in microseconds);
 * elements names an array's entries (HYPERCALL, VECTOR, EMUL, MMUEXT,
 * NONE). An index past the end counts in the last entry. Where Xen has
 * the same counter (xen/include/xen/perfc_defn.h and its x86 list), the
 * name is Xen's, so xenperf output reads the same.
 */

/* Hypercalls from dom0's kernel by number, and the time they took. */
PERFC_ARRAY(hypercalls,         "hypercalls", COUNT, 64, HYPERCALL)
PERFC_ARRAY(hypercall_time,     "hypercall time (us)", CYCLES, 64, HYPERCALL)
/* Entries run by multicall, by their hypercall number. */
PERFC_ARRAY(multicall_entries,  "multicall entries", COUNT, 64, HYPERCALL)

/* Exceptions dom0 took (emulated or not), by vector, and their time. */
PERFC_ARRAY(exceptions,         "exceptions", COUNT, 32, VECTOR)
PERFC_ARRAY(exception_time,     "exception time (us)", CYCLES, 32, VECTOR)
/* Those reflected to dom0's own handler. */
PERFC_ARRAY(exceptions_bounced, "exceptions bounced to dom0", COUNT, 32,
            VECTOR)
/* Privileged instructions emulated, by kind (xen/perfc.h PERFC_EMUL_*). */
PERFC_ARRAY(emulations,         "emulated privileged ops", COUNT,
            PERFC_EMUL_NR, EMUL)

PERFC(calls_to_mmu_update,      "calls to mmu_update", COUNT)
PERFC(num_page_updates,         "page updates", COUNT)
PERFC(writable_mmu_updates,     "mmu_updates of writable pages", COUNT)
PERFC(calls_to_mmuext_op,       "calls to mmuext_op", COUNT)
PERFC(num_mmuext_ops,           "mmuext ops", COUNT)
PERFC_ARRAY(mmuext_cmds,        "mmuext ops by cmd", COUNT, 22, MMUEXT)
PERFC(calls_to_update_va,       "calls to update_va_map", COUNT)
PERFC(ptwr_emulations,          "writable pt emulations", COUNT)

PERFC(events_delivered,         "events delivered", COUNT)
PERFC(user_syscalls,            "dom0 user syscalls", COUNT)
PERFC(guest_copies,             "guest copies", COUNT)

PERFC(domain_page_tlb_flush,    "domain page tlb flushes", COUNT)
PERFC(tlb_flush_one,            "single-page tlb flushes", COUNT)
PERFC(guest_cr3_loads,          "guest cr3 loads", COUNT)
