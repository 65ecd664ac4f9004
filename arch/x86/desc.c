/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hypervisor's GDT, TSS and IDT for the boot CPU.
 *
 * The GDT is 64 KiB minus one page of entries that PV guests will own, then
 * the hypervisor's page with Xen's selector values (asm/x86-defs.h), so the
 * selectors a PV kernel expects (0xe033, 0xe02b) are where it looks for
 * them. Double fault, NMI, machine check and debug run on their own IST
 * stacks: a broken stack still gets reported, and an NMI, #MC or #DB
 * taken on the first instruction of the syscall entry (still on dom0's
 * stack, at ring 0) never writes there. Vectors 32-255 are interrupt
 * gates of DPL 0 (an `int N` from dom0 is its #GP).
 */
#include <xen/string.h>
#include <asm/config.h>
#include <asm/pv.h>
#include <asm/regs.h>
#include <asm/x86-defs.h>

#define GDT_ENTRIES     ((FIRST_RESERVED_GDT_BYTE + PAGE_SIZE) / 8)
#define IST_DF          1
#define IST_NMI         2
#define IST_MC          3
#define IST_DB          4
#define NR_IST_STACKS   4
#define IST_STACK_BYTES PAGE_SIZE

/* Intel SDM 8.7: 64-bit task-state segment. */
struct tss64 {
    uint32_t rsvd0;         /* 0 */
    uint64_t rsp[3];        /* 4 */
    uint64_t rsvd1;         /* 28 */
    uint64_t ist[7];        /* 36 */
    uint64_t rsvd2;         /* 92 */
    uint16_t rsvd3;         /* 100 */
    uint16_t iomap_base;    /* 102 */
} __packed;
_Static_assert(sizeof(struct tss64) == 104, "tss64");

/* Intel SDM 6.14.1: 64-bit interrupt gate. */
struct idt_entry {
    uint16_t offset_lo;     /* 0 */
    uint16_t selector;      /* 2 */
    uint8_t ist;            /* 4 */
    uint8_t type_attr;      /* 5 */
    uint16_t offset_mid;    /* 6 */
    uint32_t offset_hi;     /* 8 */
    uint32_t rsvd;          /* 12 */
};
_Static_assert(sizeof(struct idt_entry) == 16, "idt_entry");

struct desc_ptr {
    uint16_t limit;
    uint64_t base;
} __packed;

extern char exception_stubs[], irq_stubs[];

static uint64_t gdt[GDT_ENTRIES] __aligned(PAGE_SIZE);
static struct idt_entry idt[256] __aligned(PAGE_SIZE);
static struct tss64 tss __aligned(128);
static uint8_t ist_stacks[NR_IST_STACKS][IST_STACK_BYTES] __aligned(16);

/* Descriptor words: architectural encodings of flat segments. */
static const uint64_t gdt_reserved_page[] = {
    0x0000000000000000,     /* 0xe000 */
    0x00af9b000000ffff,     /* 0xe008 ring 0 code, 64-bit */
    0x00cf93000000ffff,     /* 0xe010 ring 0 data */
    0x0000000000000000,     /* 0xe018 */
    0x00cffb000000ffff,     /* 0xe023 ring 3 code, compatibility */
    0x00cff3000000ffff,     /* 0xe02b ring 3 data */
    0x00affb000000ffff,     /* 0xe033 ring 3 code, 64-bit */
    0x00cf9b000000ffff,     /* 0xe038 ring 0 code, compatibility */
};

static void set_tss_desc(uint64_t *d, const struct tss64 *t)
{
    uint64_t base = (uint64_t)(uintptr_t)t, limit = sizeof(*t) - 1;

    /* Available 64-bit TSS (type 9), present, DPL 0; 16 bytes. */
    d[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
           ((limit >> 16) << 48) | (((base >> 24) & 0xff) << 56);
    d[1] = base >> 32;
}

static void set_gate(unsigned int vec, const void *handler, unsigned int ist,
                     unsigned int dpl)
{
    uint64_t a = (uint64_t)(uintptr_t)handler;

    idt[vec] = (struct idt_entry){
        .offset_lo = a & 0xffff,
        .selector = __HYPERVISOR_CS,
        .ist = ist,
        .type_attr = 0x8e | (dpl << 5), /* present, interrupt gate */
        .offset_mid = (a >> 16) & 0xffff,
        .offset_hi = a >> 32,
    };
}

static void load_gdt(void)
{
    struct desc_ptr p = { sizeof(gdt) - 1, (uint64_t)(uintptr_t)gdt };

    /*
     * Reload CS through a far return and every data selector at once, so
     * no selector of the loader or firmware survives the switch.
     */
    __asm__ volatile ( "lgdt %0\n\t"
                       "pushq %1\n\t"
                       "leaq 1f(%%rip), %%rax\n\t"
                       "pushq %%rax\n\t"
                       "lretq\n"
                       "1:\n\t"
                       "mov %2, %%ds\n\t"
                       "mov %2, %%es\n\t"
                       "mov %2, %%ss\n\t"
                       "mov %3, %%fs\n\t"
                       "mov %3, %%gs\n\t"
                       :: "m" (p), "i" (__HYPERVISOR_CS),
                          "r" (__HYPERVISOR_DS), "r" (0)
                       : "rax", "memory" );
}

void arch_set_rsp0(uint64_t rsp)
{
    tss.rsp[0] = rsp;
}

uint64_t arch_gdt_entry(unsigned int idx)
{
    return idx < GDT_ENTRIES ? gdt[idx] : 0;
}

void arch_gdt_set_guest(unsigned int idx, uint64_t desc)
{
    if ( idx < FIRST_RESERVED_GDT_BYTE / 8 )
        gdt[idx] = desc;
}

void arch_cpu_init(void)
{
    unsigned int first = FIRST_RESERVED_GDT_BYTE / 8;
    struct desc_ptr p = { sizeof(idt) - 1, (uint64_t)(uintptr_t)idt };

    memcpy(&gdt[first], gdt_reserved_page, sizeof(gdt_reserved_page));
    tss.iomap_base = sizeof(tss);       /* no I/O bitmap */
    for ( unsigned int i = 0; i < NR_IST_STACKS; i++ )
        tss.ist[i] = (uint64_t)(uintptr_t)&ist_stacks[i][IST_STACK_BYTES];
    set_tss_desc(&gdt[TSS_SELECTOR / 8], &tss);
    load_gdt();
    __asm__ volatile ( "ltr %w0" :: "r" (TSS_SELECTOR) );

    for ( unsigned int v = 0; v < X86_EXC_NR_STUBS; v++ )
    {
        unsigned int ist = v == 1 ? IST_DB : v == 2 ? IST_NMI :
                           v == 8 ? IST_DF : v == 18 ? IST_MC : 0;

        /* int3 and into from ring 3 (a PV kernel) raise #BP and #OF. */
        set_gate(v, exception_stubs + v * X86_EXC_STUB_BYTES, ist,
                 v == 3 || v == 4 ? 3 : 0);
    }
    for ( unsigned int v = X86_IRQ_FIRST_VECTOR; v < 256; v++ )
        set_gate(v, irq_stubs + (v - X86_IRQ_FIRST_VECTOR) *
                    X86_EXC_STUB_BYTES, 0, 0);
    __asm__ volatile ( "lidt %0" :: "m" (p) );
}
