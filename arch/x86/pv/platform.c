/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The platform_op commands of the machine's side for dom0, answered as
 * Xen 4.17 answers them on one CPU: XENPF_enter_acpi_sleep (S5 writes
 * dom0's PM1 values, as Xen's enter_state, and the machine powers off;
 * other states as Xen without S3 support) and XENPF_get_cpuinfo (the
 * boot CPU, its APIC ID and the MADT's ACPI processor UID for it).
 */
#include <xen/acpi_madt.h>
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/setup.h>
#include <asm/acpi.h>
#include <asm/io.h>
#include <asm/pv.h>

#define ACPI_STATE_S3           3
#define ACPI_STATE_S5           5
#define PM1_SLP_EN              0x2000
#define SLEEP_CTL_SLP_EN        0x20
#define SLEEP_CTL_TYP_SHIFT     2
#define SLEEP_TYPE_MAX          7
#define SLEEP_TYPE_INVALID      0xff
#define GAS_SYSTEM_IO           1

static struct acpi_madt_info madt;
static bool madt_read;

/* The MADT, parsed once; NULL when the firmware has none we can read. */
static const struct acpi_madt_info *machine_madt(void)
{
    static bool madt_ok;
    uint32_t len;
    const void *t;

    if ( !madt_read )
    {
        madt_read = true;
        t = arch_acpi_table(hv_info.bi, "APIC", &len);
        madt_ok = t && acpi_madt_parse(t, len, &madt) != ACPI_ERR_SIGNATURE &&
                  madt.nr_cpus;
    }
    return madt_ok ? &madt : NULL;
}

/* See asm/pv.h. */
const struct acpi_madt_info *pv_machine_madt(void)
{
    return machine_madt();
}

static uint32_t boot_apic_id(void)
{
    uint32_t a = 1, b, c = 0, d;

    __asm__ volatile ( "cpuid" : "+a" (a), "=b" (b), "+c" (c), "=d" (d) );
    return b >> 24;
}

/* XENPF_get_cpuinfo: CPU 0 is the one there is. */
static long get_cpuinfo(uint64_t arg, struct xenpf_pcpuinfo *info)
{
    const struct acpi_madt_info *m = machine_madt();

    info->max_present = 0;
    if ( info->xen_cpuid != 0 )
        info->flags = XEN_PCPU_FLAGS_INVALID;
    else
    {
        info->apic_id = boot_apic_id();
        info->acpi_id = info->apic_id;
        for ( unsigned int i = 0; m && i < m->nr_cpus &&
              i < ACPI_MADT_MAX_CPUS; i++ )
            if ( m->cpu[i].apic_id == info->apic_id )
                info->acpi_id = m->cpu[i].uid;
        info->flags = XEN_PCPU_FLAGS_ONLINE;
    }
    return copy_to_guest(arg + 8, info, sizeof(*info)) ? -XEN_EFAULT : 0;
}

/* Writes dom0's sleep values (SLP_EN last, as Xen) and waits. */
static void sleep_write(const struct acpi_fadt_info *f,
                        const struct xenpf_enter_acpi_sleep *s)
{
    if ( s->flags & XENPF_ACPI_SLEEP_EXTENDED )
    {
        uint8_t v = (s->val_a << SLEEP_CTL_TYP_SHIFT) & 0x1c;

        outb(v, (uint16_t)f->sleep_cnt_addr);
        outb(v | SLEEP_CTL_SLP_EN, (uint16_t)f->sleep_cnt_addr);
    }
    else
    {
        outw(s->val_a & ~PM1_SLP_EN, f->pm1a_cnt_port);
        if ( f->pm1b_cnt_port )
            outw(s->val_b & ~PM1_SLP_EN, f->pm1b_cnt_port);
        outw(s->val_a | PM1_SLP_EN, f->pm1a_cnt_port);
        if ( f->pm1b_cnt_port )
            outw(s->val_b | PM1_SLP_EN, f->pm1b_cnt_port);
    }
    for ( unsigned int i = 0; i < 10000000; i++ )
        __asm__ volatile ( "pause" );
}

/*
 * XENPF_enter_acpi_sleep, with Xen's checks in Xen's order. S5 does not
 * return: the machine powers off with dom0's values, or, should it still
 * run, through the hypervisor's own poweroff.
 */
static long enter_acpi_sleep(const struct xenpf_enter_acpi_sleep *s)
{
    struct acpi_fadt_info f;
    bool have = arch_acpi_fadt(hv_info.bi, &f);

    if ( s->sleep_state == ACPI_STATE_S3 )
        return -XEN_EOPNOTSUPP;         /* no wakeup path: Xen's answer */
    if ( s->flags & XENPF_ACPI_SLEEP_EXTENDED )
    {
        if ( !have || !f.hw_reduced || f.sleep_cnt_space != GAS_SYSTEM_IO ||
             !f.sleep_cnt_addr || f.sleep_cnt_addr > 0xffff )
            return -XEN_EPERM;
        if ( s->flags & ~XENPF_ACPI_SLEEP_EXTENDED )
            return -XEN_EINVAL;
        if ( s->val_a > SLEEP_TYPE_MAX ||
             (s->val_b != SLEEP_TYPE_INVALID && s->val_b > SLEEP_TYPE_MAX) )
            return -XEN_ERANGE;
    }
    else if ( !have || !f.pm1a_cnt_port || f.pm1a_cnt_port > 0xffff ||
              f.pm1b_cnt_port > 0xffff )
        return -XEN_EPERM;
    else if ( s->val_b && ((s->val_a ^ s->val_b) & PM1_SLP_EN) )
        return -XEN_EINVAL;
    else if ( s->flags )
        return -XEN_EINVAL;
    if ( s->sleep_state == 0 || s->sleep_state > ACPI_STATE_S5 )
        return -XEN_EINVAL;
    if ( s->sleep_state != ACPI_STATE_S5 )
        return -XEN_EOPNOTSUPP;         /* S1, S2, S4: not entered */

    write_cr3(dom0.idle_cr3);
    console_guest_flush();
    printk("dom0 asked for ACPI S5 (%s %#x, %#x)\n",
           s->flags ? "sleep type" : "PM1 control", s->val_a, s->val_b);
    boot_timeline_print(hv_info.bi);
    printk("Boot complete: powering off\n");
    sleep_write(&f, s);
    printk("ACPI S5: the machine is still running\n");
    arch_poweroff(hv_info.bi);
    panic("poweroff failed");
}

/* See xen/hypercall.h. */
long arch_platform_op(uint64_t arg, struct xen_platform_op *op)
{
    switch ( op->cmd )
    {
    case XENPF_get_cpuinfo:
        return get_cpuinfo(arg, &op->u.pcpu_info);
    case XENPF_enter_acpi_sleep:
        return enter_acpi_sleep(&op->u.enter_acpi_sleep);
    }
    return hypercall_unimplemented(__HYPERVISOR_platform_op, op->cmd);
}
