/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The page tables EFI runtime calls run on, and the CPU state around each
 * call (include/xen/efi_rs.h).
 *
 * The runtime L4 is built once, after ExitBootServices, from frames of the
 * allocator: its upper half is the idle L4's (image, direct map: the IDT,
 * GDT, TSS, stacks and console stay mapped, so an exception inside the
 * firmware is handled and reported like any other), its lower half maps
 * the runtime ranges 1:1 as lib/efi/rt_map.c plans them. Nothing of the
 * firmware's own page tables is used: they were boot-services memory and
 * went to the allocator with it.
 *
 * Physical mode: SetVirtualAddressMap is never called, so the firmware
 * runs at the physical addresses its images were loaded at, and pointer
 * arguments in the image or the direct map reach it through the upper
 * half, unchanged.
 */
#include <xen/console.h>
#include <xen/crc32.h>
#include <xen/efi_boot.h>
#include <xen/efi_rs.h>
#include <xen/efi_rtcall.h>
#include <xen/efiopt.h>
#include <xen/fmt.h>
#include <xen/mm.h>
#include <xen/rt_map.h>
#include <xen/setup.h>
#include <xen/string.h>
#include <asm/bootmap.h>
#include <asm/config.h>
#include <asm/io.h>
#include <asm/x86-defs.h>

#define RT_MAX_RANGES       512
#define RT_LIMIT_PA         (1UL << 47)     /* end of the lower half */
#define PTE_TABLE           (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED)
#define NR_ENTRIES          L1_PAGETABLE_ENTRIES
#define FIRST_HV_SLOT       (NR_ENTRIES / 2)

/* UEFI spec 2.3.4 (x64): what the firmware may expect of the FPU. */
#define RS_FPU_CW           0x037f
#define RS_MXCSR            0x1f80
#define RS_CR0_EM           0x00000004UL
#define RS_CR0_TS           0x00000008UL
#define RS_CR4_OSXMMEXCPT   0x00000400UL
#define RS_CR4_OSXSAVE      0x00040000UL
#define RS_FPU_BYTES        4096

static paddr_t rs_l4_pa;
static struct rt_map_range rs_ranges_static[RT_MAX_RANGES];
static unsigned int rs_nr_tables;

/* The caller's state while a call runs: the runtime lock guards it. */
static struct {
    uint64_t cr3, cr0, cr4, rflags;
    bool xsave;
} rs_saved;
static uint8_t rs_fpu[RS_FPU_BYTES] __aligned(64);
static uint32_t rs_xsave_bytes;

/* See xen/efi_rs.h. */
bool arch_efi_rs_ready(void)
{
    return rs_l4_pa != 0;
}

/* The table an entry points to, allocated (below 4 GiB) if absent. */
static uint64_t *next_table(uint64_t *entry)
{
    paddr_t t;

    if ( *entry & _PAGE_PRESENT )
        return (*entry & _PAGE_PSE) ? NULL : __va(*entry & PTE_ADDR_MASK);
    t = alloc_frames_scrubbed(0, BOOT_DIRECTMAP_BYTES);
    if ( !t )
        return NULL;
    rs_nr_tables++;
    *entry = t | PTE_TABLE;
    return __va(t);
}

static uint64_t leaf_flags(uint32_t flags)
{
    uint64_t f = _PAGE_PRESENT | _PAGE_ACCESSED;

    if ( flags & RT_MAP_W )
        f |= _PAGE_RW | _PAGE_DIRTY;
    if ( !(flags & RT_MAP_X) )
        f |= _PAGE_NX;
    if ( flags & RT_MAP_UC )
        f |= _PAGE_PCD | _PAGE_PWT;     /* PAT entry 3: UC */
    return f;
}

/* Maps one planned range 1:1: 2 MiB pages where alignment allows. */
static bool map_range(uint64_t *l4, const struct rt_map_range *r)
{
    uint64_t va = r->pa, end = r->pa + (r->nr_pages << PAGE_SHIFT);
    uint64_t f = leaf_flags(r->flags);

    while ( va < end )
    {
        uint64_t *l3, *l2, *l1;

        if ( !(l3 = next_table(&l4[l4_table_offset(va)])) ||
             !(l2 = next_table(&l3[l3_table_offset(va)])) )
            return false;
        if ( !(va & (MB(2) - 1)) && end - va >= MB(2) )
        {
            l2[l2_table_offset(va)] = va | f | _PAGE_PSE;
            va += MB(2);
            continue;
        }
        if ( !(l1 = next_table(&l2[l2_table_offset(va)])) )
            return false;
        l1[l1_table_offset(va)] = va | f;
        va += PAGE_SIZE;
    }
    return true;
}

/*
 * The retained memory attributes table through the boot direct map (the
 * low 4 GiB, mapped whatever the memory type), or NULL. Only a copy that
 * still has the checksum taken when it was judged is used.
 */
static const void *find_mat(const struct boot_info *bi, size_t *bytes)
{
    static const uint8_t guid[16] = {
        0x1d, 0x91, 0xfa, 0xdc, 0xeb, 0x26, 0x9f, 0x46,
        0xa2, 0x20, 0x38, 0xb7, 0xdc, 0x46, 0x12, 0x20,
    };

    for ( unsigned int i = 0; i < bi->nr_retained; i++ )
    {
        const struct boot_retained *r = &bi->retained[i];

        if ( memcmp(r->guid, guid, 16) || !r->pa || !r->bytes )
            continue;
        if ( r->pa >= BOOT_DIRECTMAP_BYTES ||
             r->bytes > BOOT_DIRECTMAP_BYTES - r->pa )
        {
            printk("WARNING: EFI memory attributes table at %#lx is above "
                   "4 GiB: not used\n", (unsigned long)r->pa);
            return NULL;
        }
        if ( crc32_update(0, __va(r->pa), r->bytes) != r->crc32 )
        {
            printk("WARNING: EFI memory attributes table at %#lx changed "
                   "since it was judged: not used\n", (unsigned long)r->pa);
            return NULL;
        }
        *bytes = r->bytes;
        return __va(r->pa);
    }
    return NULL;
}

static void cpuid_count(uint32_t leaf, uint32_t sub, uint32_t *a,
                        uint32_t *b, uint32_t *c, uint32_t *d)
{
    __asm__ volatile ( "cpuid" : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                       : "a" (leaf), "c" (sub) );
}

/* XSAVE area size for the enabled XCR0 features, if XSAVE is on. */
static void fpu_setup(void)
{
    uint32_t a, b, c, d;
    uint64_t cr4;

    __asm__ volatile ( "mov %%cr4, %0" : "=r" (cr4) );
    if ( !(cr4 & RS_CR4_OSXSAVE) )
        return;
    cpuid_count(0xd, 0, &a, &b, &c, &d);
    if ( b && b <= RS_FPU_BYTES )
        rs_xsave_bytes = b;
}

/* One line that says which hypervisor slots the runtime L4 carries. */
static void slots_string(const uint64_t *l4, char *buf, size_t len)
{
    size_t at = 0;

    buf[0] = '\0';
    for ( unsigned int i = FIRST_HV_SLOT; i < NR_ENTRIES && at + 5 < len;
          i++ )
        if ( (l4[i] & _PAGE_PRESENT) && l4[i] == l4_boot[i] )
            at += fmt_snprintf(buf + at, len - at, "%s%u", at ? "," : "", i);
}

/* UEFI spec 8.3, EFI_TIME. */
struct rs_time {
    uint16_t year;          /* 0 */
    uint8_t month;          /* 2 */
    uint8_t day;            /* 3 */
    uint8_t hour;           /* 4 */
    uint8_t minute;         /* 5 */
    uint8_t second;         /* 6 */
    uint8_t pad1;           /* 7 */
    uint32_t nanosecond;    /* 8 */
    int16_t time_zone;      /* 12 */
    uint8_t daylight;       /* 14 */
    uint8_t pad2;           /* 15 */
};
_Static_assert(sizeof(struct rs_time) == 16, "EFI_TIME");

static uint16_t fpu_cw(void)
{
    uint16_t cw;

    __asm__ volatile ( "fnstcw %0" : "=m" (cw) );
    return cw;
}

static uint32_t fpu_mxcsr(void)
{
    uint32_t v;

    __asm__ volatile ( "stmxcsr %0" : "=m" (v) );
    return v;
}

/*
 * One call that returns, before anything depends on the runtime services:
 * GetTime into a buffer on the hypervisor's stack (an image address), with
 * an x87 control word and MXCSR of the caller's that differ from what the
 * firmware is given; all of them, CR3 and the interrupt flag must come
 * back as they were.
 */
static void rs_selfcheck(void)
{
    static const uint16_t cw = 0x027f;          /* 53-bit precision */
    static const uint32_t mxcsr = 0x3f80;       /* round toward zero */
    struct rs_time t = { 0 };
    uint64_t cr3 = read_cr3(), cr4, flags, s;
    bool fpu_ok = true;

    __asm__ volatile ( "mov %%cr4, %0" : "=r" (cr4) );
    if ( cr4 & X86_CR4_OSFXSR )
        __asm__ volatile ( "fldcw %0; ldmxcsr %1" :: "m" (cw), "m" (mxcsr) );
    s = efi_rs_call(EFI_RS_GET_TIME, (uint64_t)(uintptr_t)&t, 0, 0, 0, 0);
    if ( cr4 & X86_CR4_OSFXSR )
        fpu_ok = fpu_cw() == cw && fpu_mxcsr() == mxcsr;
    __asm__ volatile ( "pushf; pop %0" : "=r" (flags) );
    if ( s != EFI_SUCCESS )
    {
        printk("WARNING: EFI runtime call check: GetTime returned %#lx\n",
               (unsigned long)s);
        return;
    }
    printk("EFI runtime call check: GetTime %04u-%02u-%02u %02u:%02u:%02u, "
           "caller's FPU control word and MXCSR %s, CR3 %s, interrupts %s\n",
           t.year, t.month, t.day, t.hour, t.minute, t.second,
           !(cr4 & X86_CR4_OSFXSR) ? "not checked (no SSE)" :
           fpu_ok ? "kept" : "CHANGED", read_cr3() == cr3 ? "kept" :
           "CHANGED", flags & X86_EFLAGS_IF ? "ON" : "masked");
}

/*
 * The plan, in rs_ranges_static or, for a map that needs more ranges
 * (efi=mapbs on a fragmented map), in frames of the allocator.
 */
static struct rt_map_range *plan(const struct efimap_entry *map,
                                 unsigned int nr, const void *mat,
                                 size_t mat_bytes, unsigned int flags,
                                 unsigned int *nr_ranges,
                                 struct rt_map_report *rep)
{
    struct rt_map_range *out = rs_ranges_static;
    unsigned int room = RT_MAX_RANGES, order = 0;
    enum rt_map_status st;
    paddr_t pa;

    st = rt_map_plan(map, nr, mat, mat_bytes, RT_LIMIT_PA, flags, out, room,
                     nr_ranges, rep);
    if ( st == RT_MAP_ERR_NO_ROOM )
    {
        while ( order < FRAME_MAX_ORDER &&
                (PAGE_SIZE << order) / sizeof(*out) < *nr_ranges )
            order++;
        pa = alloc_frames_scrubbed(order, BOOT_DIRECTMAP_BYTES);
        if ( !pa )
        {
            printk("WARNING: EFI runtime services disabled: no memory for "
                   "a plan of %u ranges\n", *nr_ranges);
            return NULL;
        }
        out = __va(pa);
        room = (PAGE_SIZE << order) / sizeof(*out);
        st = rt_map_plan(map, nr, mat, mat_bytes, RT_LIMIT_PA, flags, out,
                         room, nr_ranges, rep);
    }
    if ( st != RT_MAP_OK )
    {
        printk("WARNING: EFI runtime services disabled: no runtime page "
               "tables: %s\n", rt_map_strerror(st));
        return NULL;
    }
    return out;
}

/*
 * One info line per planned range that is writable and executable, with
 * why: an attributes-table entry with neither RO nor XP (UEFI spec 4.6:
 * the firmware cannot protect it), runtime code the table does not
 * describe, memory without XP when there is no table, efi=mapbs.
 * Returns how many there are.
 */
static unsigned int wx_ranges(const struct rt_map_range *r, unsigned int nr,
                              const struct efimap_entry *map,
                              unsigned int nr_map, bool have_mat)
{
    unsigned int n = 0, i;

    for ( unsigned int k = 0; k < nr; k++ )
    {
        const char *why;

        if ( (r[k].flags & (RT_MAP_W | RT_MAP_X)) != (RT_MAP_W | RT_MAP_X) )
            continue;
        n++;
        if ( efimap_find(map, nr_map, r[k].pa, &i) != EFIMAP_OK )
            continue;
        why = r[k].flags & RT_MAP_MAT ?
              "attributes-table entry with neither RO nor XP" :
              !(map[i].attr & EFIMAP_ATTR_RUNTIME) ? "efi=mapbs" :
              have_mat ? "not in the attributes table" :
              "no attributes table, no XP in the memory map";
        printk(XENLOG_INFO " W+X [%#lx, %#lx) %s: %s\n",
               (unsigned long)r[k].pa,
               (unsigned long)(r[k].pa + (r[k].nr_pages << PAGE_SHIFT)),
               efimap_type_name(map[i].type), why);
    }
    return n;
}

/* See xen/efi_rs.h. */
void efi_rs_pagetables_init(const struct boot_info *bi)
{
    const struct efimap_entry *map;
    const struct rt_map_range *ranges;
    struct rt_map_report rep;
    struct pt_wx_count wx;
    struct efiopt opt;
    unsigned int nr, nr_ranges, nr_wx;
    const void *mat;
    size_t mat_bytes = 0;
    paddr_t l4_pa;
    uint64_t *l4;
    char slots[64];

    if ( bi->entry == BOOT_ENTRY_MB2_BIOS || !efi_fw.rt ||
         !bi->efi_map_bytes )
        return;
    map = efi_memmap_get(&nr);
    if ( !map )
        return;
    efi_rs_init(bi);
    efiopt_parse(bi->cmdline, sizeof(bi->cmdline), &opt);
    mat = find_mat(bi, &mat_bytes);
    ranges = plan(map, nr, mat, mat_bytes,
                  bi->efi_mapbs || opt.mapbs ? RT_PLAN_MAPBS : 0,
                  &nr_ranges, &rep);
    if ( !ranges )
        return;
    if ( rep.nr_clipped )
        printk("WARNING: EFI runtime page tables: %u runtime ranges at or "
               "above 128 TiB left unmapped\n", rep.nr_clipped);
    if ( rep.nr_mat_outside )
        printk("WARNING: EFI memory attributes table: %u entries outside "
               "runtime code and data ignored\n", rep.nr_mat_outside);

    l4_pa = alloc_frames_scrubbed(0, BOOT_DIRECTMAP_BYTES);
    if ( !l4_pa )
    {
        printk("WARNING: EFI runtime services disabled: no memory for "
               "their page tables\n");
        return;
    }
    rs_nr_tables = 1;
    arch_efi_rs_stack_init();
    l4 = __va(l4_pa);
    memcpy(&l4[FIRST_HV_SLOT], &l4_boot[FIRST_HV_SLOT],
           (NR_ENTRIES - FIRST_HV_SLOT) * sizeof(*l4));
    for ( unsigned int i = 0; i < nr_ranges; i++ )
        if ( !map_range(l4, &ranges[i]) )
        {
            printk("WARNING: EFI runtime services disabled: no memory for "
                   "their page tables\n");
            return;
        }

    fpu_setup();
    rs_l4_pa = l4_pa;
    arch_pagetable_walk(bi, l4_pa, &wx);
    slots_string(l4, slots, sizeof(slots));
    nr_wx = wx_ranges(ranges, nr_ranges, map, nr, rep.mat == RT_MAT_OK);
    printk("EFI runtime page tables: %u ranges, %lu pages, W+X %lu in %u "
           "ranges, hypervisor slots %s present, attributes table %s%s\n",
           nr_ranges, (unsigned long)rep.pages,
           (unsigned long)(wx.wx_bytes >> PAGE_SHIFT), nr_wx, slots,
           rt_mat_strerror(rep.mat),
           wx.unreadable ? ", some tables not reachable" : "");
    rs_selfcheck();
    efi_rs_fault_test();
}

/* See xen/efi_rtcall.h. */
bool arch_efi_rs_map_extra(uint64_t pa, uint64_t bytes)
{
    uint64_t first = pa & ~(PAGE_SIZE - 1);
    struct rt_map_range r = {
        .pa = first,
        .nr_pages = (pa + bytes - first + PAGE_SIZE - 1) >> PAGE_SHIFT,
        .flags = RT_MAP_W,
    };

    return rs_l4_pa && pa < RT_LIMIT_PA && bytes &&
           map_range(__va(rs_l4_pa), &r);
}

/* See xen/efi_rtcall.h. */
void arch_efi_rs_unmap_extra(uint64_t pa, uint64_t bytes)
{
    uint64_t *l4 = rs_l4_pa ? __va(rs_l4_pa) : NULL;
    uint64_t va = pa & ~(PAGE_SIZE - 1), end = pa + bytes;

    while ( l4 && va < end )
    {
        uint64_t *l3, *l2, *l1;
        uint64_t e4 = l4[l4_table_offset(va)], e3, e2;

        /* map_range() made every table on the way, or 2 MiB leaves. */
        if ( !(e4 & _PAGE_PRESENT) )
            return;
        l3 = __va(e4 & PTE_ADDR_MASK);
        e3 = l3[l3_table_offset(va)];
        if ( !(e3 & _PAGE_PRESENT) )
            return;
        l2 = __va(e3 & PTE_ADDR_MASK);
        e2 = l2[l2_table_offset(va)];
        if ( (e2 & _PAGE_PSE) || !(e2 & _PAGE_PRESENT) )
        {
            l2[l2_table_offset(va)] = 0;
            va = (va & ~(MB(2) - 1)) + MB(2);
            continue;
        }
        l1 = __va(e2 & PTE_ADDR_MASK);
        l1[l1_table_offset(va)] = 0;
        va += PAGE_SIZE;
    }
}

/* See xen/efi_rs.h. */
void arch_efi_rs_enter(void)
{
    uint64_t cr0, cr4;

    __asm__ volatile ( "pushf; pop %0; cli" : "=r" (rs_saved.rflags)
                       :: "memory" );
    __asm__ volatile ( "mov %%cr0, %0" : "=r" (cr0) );
    __asm__ volatile ( "mov %%cr4, %0" : "=r" (cr4) );
    rs_saved.cr0 = cr0;
    rs_saved.cr4 = cr4;
    /* SSE on, no FPU emulation or lazy switching: the firmware uses it. */
    cr0 = (cr0 | X86_CR0_MP) & ~(RS_CR0_EM | RS_CR0_TS);
    cr4 |= X86_CR4_OSFXSR | RS_CR4_OSXMMEXCPT;
    if ( cr0 != rs_saved.cr0 )
        __asm__ volatile ( "mov %0, %%cr0" :: "r" (cr0) );
    if ( cr4 != rs_saved.cr4 )
        __asm__ volatile ( "mov %0, %%cr4" :: "r" (cr4) );

    /* dom0's FPU and SSE registers are live during a hypercall. */
    rs_saved.xsave = rs_xsave_bytes && (cr4 & RS_CR4_OSXSAVE);
    if ( rs_saved.xsave )
        __asm__ volatile ( "xsave64 %0" : "=m" (rs_fpu)
                           : "a" (~0U), "d" (~0U) : "memory" );
    else
        __asm__ volatile ( "fxsave64 %0" : "=m" (rs_fpu) :: "memory" );
    {
        uint16_t cw = RS_FPU_CW;
        uint32_t mxcsr = RS_MXCSR;

        __asm__ volatile ( "fninit; fldcw %0; ldmxcsr %1"
                           :: "m" (cw), "m" (mxcsr) );
    }

    /* Slots the idle L4 gained since the build come along. */
    memcpy((uint64_t *)__va(rs_l4_pa) + FIRST_HV_SLOT, &l4_boot[FIRST_HV_SLOT],
           (NR_ENTRIES - FIRST_HV_SLOT) * sizeof(uint64_t));
    rs_saved.cr3 = read_cr3();
    write_cr3(rs_l4_pa);
}

/* See xen/efi_rs.h. */
void arch_efi_rs_leave(void)
{
    write_cr3(rs_saved.cr3);
    if ( rs_saved.xsave )
        __asm__ volatile ( "xrstor64 %0" :: "m" (rs_fpu), "a" (~0U),
                           "d" (~0U) : "memory" );
    else
        __asm__ volatile ( "fxrstor64 %0" :: "m" (rs_fpu) : "memory" );
    __asm__ volatile ( "mov %0, %%cr4" :: "r" (rs_saved.cr4) );
    __asm__ volatile ( "mov %0, %%cr0" :: "r" (rs_saved.cr0) );
    __asm__ volatile ( "push %0; popf" :: "r" (rs_saved.rflags)
                       : "memory", "cc" );
}

/* See xen/efi_rs.h. */
void arch_efi_rs_abandon(void)
{
    write_cr3(rs_saved.cr3);
    __asm__ volatile ( "mov %0, %%cr4" :: "r" (rs_saved.cr4) );
    __asm__ volatile ( "mov %0, %%cr0" :: "r" (rs_saved.cr0) );
}
