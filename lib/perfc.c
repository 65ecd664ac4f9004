/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The performance counters' names, sizes and report lines, pure (see
 * xen/perfc.h): one table built from include/xen/perfc_defn.h, used by
 * the console report and by XEN_SYSCTL_perfc_op alike, so both show the
 * same values.
 */
#include <xen/fmt.h>
#include <xen/perfc.h>
#include <xen/string.h>
#include <xen/tsc.h>

static const struct perfc_counter perfc_list[PERFC_NR_COUNTERS] = {
#define PERFC(id, nm, u) \
    [PERFC_IDX_##id] = { .name = nm, .offset = PERFC_##id, .nr = 1, \
                         .unit = PERFC_UNIT_##u },
#define PERFC_ARRAY(id, nm, u, n, el) \
    [PERFC_IDX_##id] = { .name = nm, .offset = PERFC_##id, .nr = (n), \
                         .unit = PERFC_UNIT_##u, .elems = PERFC_ELEMS_##el },
#include <xen/perfc_defn.h>
#undef PERFC
#undef PERFC_ARRAY
};

_Static_assert(PERFC_NR_VALS < UINT16_MAX, "perfc offsets fit 16 bits");

/* Xen's hypercall names (xen/include/public/xen.h, __HYPERVISOR_*). */
static const char *const perfc_hypercall_names[64] = {
    "set_trap_table", "mmu_update", "set_gdt", "stack_switch",
    "set_callbacks", "fpu_taskswitch", "sched_op_compat", "platform_op",
    "set_debugreg", "get_debugreg", "update_descriptor", NULL,
    "memory_op", "multicall", "update_va_mapping", "set_timer_op",
    "event_channel_op_compat", "xen_version", "console_io",
    "physdev_op_compat", "grant_table_op", "vm_assist",
    "update_va_mapping_otherdomain", "iret", "vcpu_op",
    "set_segment_base", "mmuext_op", "xsm_op", "nmi_op", "sched_op",
    "callback_op", "xenoprof_op", "event_channel_op", "physdev_op",
    "hvm_op", "sysctl", "domctl", "kexec_op", "tmem_op", "argo_op",
    "xenpmu_op", "dm_op", "hypfs_op",
    [48] = "arch_0", "arch_1", "arch_2", "arch_3", "arch_4", "arch_5",
    "arch_6", "arch_7",
    [63] = "other",
};

static const char *const perfc_vector_names[32] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM", "#DF", "9",
    "#TS", "#NP", "#SS", "#GP", "#PF", "15", "#MF", "#AC", "#MC", "#XM",
    "#VE", "#CP", [31] = "other",
};

static const char *const perfc_emul_names[PERFC_EMUL_NR] = {
    [PERFC_EMUL_cpuid] = "cpuid",
    [PERFC_EMUL_rdmsr] = "rdmsr",
    [PERFC_EMUL_wrmsr] = "wrmsr",
    [PERFC_EMUL_read_cr] = "read_cr",
    [PERFC_EMUL_write_cr] = "write_cr",
    [PERFC_EMUL_in] = "in",
    [PERFC_EMUL_out] = "out",
    [PERFC_EMUL_cli_sti] = "cli_sti",
    [PERFC_EMUL_ptwr] = "ptwr",
    [PERFC_EMUL_other] = "other",
};

/* Xen's MMUEXT_* commands (xen/include/public/xen.h), then "other". */
static const char *const perfc_mmuext_names[22] = {
    "pin_l1", "pin_l2", "pin_l3", "pin_l4", "unpin", "new_baseptr",
    "tlb_flush_local", "invlpg_local", "tlb_flush_multi", "invlpg_multi",
    "tlb_flush_all", "invlpg_all", "flush_cache", "set_ldt", NULL,
    "new_user_baseptr", "clear_page", "copy_page", "flush_cache_global",
    "mark_super", "unmark_super", "other",
};

/* See xen/perfc.h. */
const struct perfc_counter *perfc_counter(unsigned int idx)
{
    return idx < PERFC_NR_COUNTERS ? &perfc_list[idx] : NULL;
}

/* See xen/perfc.h. */
const char *perfc_elem_name(unsigned int elems, unsigned int i)
{
    switch ( elems )
    {
    case PERFC_ELEMS_HYPERCALL:
        return i < 64 ? perfc_hypercall_names[i] : NULL;
    case PERFC_ELEMS_VECTOR:
        return i < 32 ? perfc_vector_names[i] : NULL;
    case PERFC_ELEMS_EMUL:
        return i < PERFC_EMUL_NR ? perfc_emul_names[i] : NULL;
    case PERFC_ELEMS_MMUEXT:
        return i < 22 ? perfc_mmuext_names[i] : NULL;
    }
    return NULL;
}

/* See xen/perfc.h. */
uint32_t perfc_shown(const struct perfc_counter *c, uint64_t raw,
                     uint32_t khz)
{
    uint64_t v;

    if ( c->unit != PERFC_UNIT_CYCLES )
        return (uint32_t)raw;
    v = khz ? tsc_cycles_to_us(raw, khz) : raw / 1000;
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* See xen/perfc.h. */
void perfc_fill_desc(struct xen_sysctl_perfc_desc *desc)
{
    for ( unsigned int i = 0; i < PERFC_NR_COUNTERS; i++ )
    {
        size_t len = strlen(perfc_list[i].name);

        memset(desc[i].name, 0, sizeof(desc[i].name));
        memcpy(desc[i].name, perfc_list[i].name,
               len < sizeof(desc[i].name) ? len : sizeof(desc[i].name) - 1);
        desc[i].nr_vals = perfc_list[i].nr;
    }
}

/* See xen/perfc.h. */
void perfc_fill_vals(const uint64_t *vals, uint32_t khz, uint32_t *out)
{
    for ( unsigned int i = 0; i < PERFC_NR_COUNTERS; i++ )
    {
        const struct perfc_counter *c = &perfc_list[i];

        for ( unsigned int k = 0; k < c->nr; k++ )
            out[c->offset + k] = perfc_shown(c, vals[c->offset + k], khz);
    }
}

/* The sum of a counter's raw values. */
static uint64_t perfc_sum(const struct perfc_counter *c, const uint64_t *vals)
{
    uint64_t sum = 0;

    for ( unsigned int k = 0; k < c->nr; k++ )
        sum += vals[c->offset + k];
    return sum;
}

/* The first non-zero entry of c from k on; c->nr when there is none. */
static unsigned int perfc_next_nonzero(const struct perfc_counter *c,
                                       const uint64_t *vals, unsigned int k)
{
    while ( k < c->nr && !vals[c->offset + k] )
        k++;
    return k;
}

/* Moves the cursor to the next counter's total line. */
static void perfc_advance(struct perfc_cursor *cur)
{
    cur->counter++;
    cur->elem = 0;
}

/* See xen/perfc.h. */
bool perfc_next_line(const uint64_t *vals, uint32_t khz,
                     struct perfc_cursor *cur, char *buf, size_t size)
{
    const struct perfc_counter *c = perfc_counter(cur->counter);
    size_t room = size < PERFC_LINE_WIDTH + 1 ? size : PERFC_LINE_WIDTH + 1;
    size_t used;
    unsigned int k;

    if ( !c || !size )
        return false;
    if ( cur->elem == 0 )
    {
        uint64_t sum = perfc_sum(c, vals);

        fmt_snprintf(buf, room, "%-40s TOTAL[%12lu]", c->name,
                     (unsigned long)perfc_shown(c, sum, khz));
        if ( c->nr > 1 && sum )
            cur->elem = 1;
        else
            perfc_advance(cur);
        return true;
    }
    /* Entries from cur->elem - 1 on, as many as fit on the line. */
    used = room - 1 < 3 ? room - 1 : 3;
    memset(buf, ' ', used);
    buf[used] = '\0';
    for ( k = perfc_next_nonzero(c, vals, cur->elem - 1); k < c->nr;
          k = perfc_next_nonzero(c, vals, k + 1) )
    {
        const char *name = perfc_elem_name(c->elems, k);
        char item[48];
        size_t len;

        if ( name )
            len = fmt_snprintf(item, sizeof(item), " %s=%lu", name,
                               (unsigned long)perfc_shown(
                                   c, vals[c->offset + k], khz));
        else
            len = fmt_snprintf(item, sizeof(item), " [%u]=%lu", k,
                               (unsigned long)perfc_shown(
                                   c, vals[c->offset + k], khz));
        if ( len >= sizeof(item) )
            len = sizeof(item) - 1;
        if ( used + len + 1 > room )
        {
            if ( used > 3 )
                break;                  /* on the next line */
            len = room - used - 1;      /* alone on its line, cut */
        }
        memcpy(buf + used, item, len);
        used += len;
        buf[used] = '\0';
    }
    if ( k < c->nr )
        cur->elem = k + 1;
    else
        perfc_advance(cur);
    return true;
}
