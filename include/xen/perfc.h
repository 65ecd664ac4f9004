/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Performance counters in the manner of Xen's (CONFIG_PERF_COUNTERS):
 * what dom0 makes the hypervisor do, counted by plain increments of one
 * array of 64-bit values (one CPU, no locks), always compiled in. The
 * list is include/xen/perfc_defn.h; lib/perfc.c (pure) names and formats
 * them; common/perfc.c keeps the values, prints them when dom0 shuts
 * down (hypervisor option `perfc`) and answers XEN_SYSCTL_perfc_op.
 */
#ifndef XEN_PERFC_H
#define XEN_PERFC_H

#include <public/sysctl.h>
#include <xen/types.h>

/* Kinds of emulated privileged operation (the "emulations" array). */
enum perfc_emul {
    PERFC_EMUL_cpuid,           /* behind Xen's forced-emulation prefix */
    PERFC_EMUL_rdmsr,
    PERFC_EMUL_wrmsr,
    PERFC_EMUL_read_cr,
    PERFC_EMUL_write_cr,
    PERFC_EMUL_in,
    PERFC_EMUL_out,
    PERFC_EMUL_cli_sti,
    PERFC_EMUL_ptwr,            /* a store to a page table, redone */
    PERFC_EMUL_other,
    PERFC_EMUL_NR
};

/* Offsets of the counters' first values in the value array. */
enum perfc_offset {
#define PERFC(id, name, unit) PERFC_##id,
#define PERFC_ARRAY(id, name, unit, nr, elems) \
    PERFC_##id, PERFC_last_##id = PERFC_##id + (nr) - 1,
#include <xen/perfc_defn.h>
#undef PERFC
#undef PERFC_ARRAY
    PERFC_NR_VALS
};

/* Indices of the counters, in list order. */
enum perfc_index {
#define PERFC(id, name, unit) PERFC_IDX_##id,
#define PERFC_ARRAY(id, name, unit, nr, elems) PERFC_IDX_##id,
#include <xen/perfc_defn.h>
#undef PERFC
#undef PERFC_ARRAY
    PERFC_NR_COUNTERS
};

enum perfc_unit {
    PERFC_UNIT_COUNT,
    PERFC_UNIT_CYCLES,          /* TSC cycles, shown in microseconds */
};

/* What an array's entries are named after. */
enum perfc_elems {
    PERFC_ELEMS_NONE,
    PERFC_ELEMS_HYPERCALL,      /* hypercall numbers */
    PERFC_ELEMS_VECTOR,         /* exception vectors */
    PERFC_ELEMS_EMUL,           /* enum perfc_emul */
    PERFC_ELEMS_MMUEXT,         /* MMUEXT_* commands */
};

struct perfc_counter {
    const char *name;
    uint16_t offset;            /* of its first value */
    uint16_t nr;                /* its values: 1, or the array's length */
    uint8_t unit;               /* enum perfc_unit */
    uint8_t elems;              /* enum perfc_elems */
};

/* Counter idx of the list, or NULL past its end. */
const struct perfc_counter *perfc_counter(unsigned int idx);

/* The name of entry i of an array of elems, or NULL when it has none. */
const char *perfc_elem_name(unsigned int elems, unsigned int i);

/*
 * A value as shown and as XEN_SYSCTL_perfc_op gives it: counts modulo
 * 2^32 (Xen's 32-bit values), cycles in microseconds at khz (saturating
 * at UINT32_MAX; in kilocycles when khz is 0).
 */
uint32_t perfc_shown(const struct perfc_counter *c, uint64_t raw,
                     uint32_t khz);

/* Fills the PERFC_NR_COUNTERS descriptions of XEN_SYSCTL_perfc_op. */
void perfc_fill_desc(struct xen_sysctl_perfc_desc *desc);

/* Fills the PERFC_NR_VALS values of XEN_SYSCTL_perfc_op from vals. */
void perfc_fill_vals(const uint64_t *vals, uint32_t khz, uint32_t *out);

/* Where perfc_next_line() stands; zero it to start. */
struct perfc_cursor {
    unsigned int counter;
    unsigned int elem;          /* 0: the counter's total line next */
};

#define PERFC_LINE_WIDTH    76

/*
 * The next line of the counter report for vals (PERFC_NR_VALS values):
 * for each counter "NAME  TOTAL[N]", then, for an array with a non-zero
 * total, its non-zero entries as "name=N", several a line, no line
 * longer than PERFC_LINE_WIDTH. Writes it into buf (size bytes, at least
 * PERFC_LINE_WIDTH + 1 to hold every line whole) and returns true, or
 * returns false when the report is done.
 */
bool perfc_next_line(const uint64_t *vals, uint32_t khz,
                     struct perfc_cursor *cur, char *buf, size_t size);

/* ---- the hypervisor's counters (common/perfc.c) ---------------------- */

extern uint64_t perfc_vals[PERFC_NR_VALS];

/* Entry i of array id, the last one for an index past the end. */
#define PERFC_AT(id, i) ({                                                \
    uint64_t perfc_i_ = (i);                                              \
    PERFC_##id + (perfc_i_ < PERFC_last_##id - PERFC_##id                 \
                  ? perfc_i_ : PERFC_last_##id - PERFC_##id); })

#define perfc_incr(id)          ((void)perfc_vals[PERFC_##id]++)
#define perfc_add(id, n)        ((void)(perfc_vals[PERFC_##id] += (n)))
#define perfc_incra(id, i)      ((void)perfc_vals[PERFC_AT(id, i)]++)
#define perfc_adda(id, i, n)    ((void)(perfc_vals[PERFC_AT(id, i)] += (n)))

/* Reads the hypervisor command line: `perfc` prints at shutdown. */
void perfc_init(const char *cmdline);

/*
 * Prints every counter (when the command line asked, or always when
 * force) with a header naming the TSC frequency used for times.
 */
void perfc_print(bool force);

/* Zeroes every counter (the debug key 'P', XEN_SYSCTL_PERFCOP_reset). */
void perfc_reset(void);

/*
 * sysctl (hypercall 35) at guest address arg: XEN_SYSCTL_perfc_op,
 * anything else -ENOSYS; -EACCES for another interface version.
 */
long do_sysctl(uint64_t arg);

#endif /* XEN_PERFC_H */
