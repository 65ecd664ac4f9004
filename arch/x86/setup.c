/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * __start_xen: the common start of every entry path. Console, descriptor
 * tables, then what the machine handed over (command line, memory map,
 * modules), the boot timeline, and poweroff at the end of the boot.
 */
#include <xen/boot_timeline.h>
#include <xen/cmdline.h>
#include <xen/console.h>
#include <xen/crc32.h>
#include <xen/e820.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <xen/hypercall.h>
#include <xen/mm.h>
#include <xen/setup.h>
#include <xen/string.h>
#include <xen/version.h>
#include <asm/bootmap.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/pv.h>
#include <asm/regs.h>
#include <asm/tsc.h>

static struct e820entry e820_map[E820_MAX];
static unsigned int e820_nr;
static uint8_t e820_scratch[96 * 1024];

static const char *entry_name(const struct boot_info *bi)
{
    switch ( bi->entry )
    {
    case BOOT_ENTRY_MB2_BIOS:
        /* A loader on UEFI that exited boot services uses this door too. */
        return bi->efi_systab_pa ? "multiboot2 (32-bit entry, EFI boot "
                                   "services exited by the loader)"
                                 : "multiboot2 (BIOS)";
    case BOOT_ENTRY_MB2_EFI:    return "multiboot2 (EFI, boot services)";
    case BOOT_ENTRY_EFI:        return "xen.efi (EFI)";
    }
    return "unknown";
}

static void print_banner(const struct boot_info *bi)
{
    printk("Xen-style hypervisor %s (%s)\n", XEN_VERSION_STRING,
           XEN_BUILD_INFO);
    printk("Entry path: %s, loader: %s\n", entry_name(bi),
           bi->loader_name[0] ? bi->loader_name : "unknown");
    printk(XENLOG_INFO
           "Running at the linked address: __start_xen at %p, image %p-%p\n",
           (void *)__start_xen, (void *)_start, (void *)_end);
    printk(XENLOG_INFO "Image loaded at physical %#lx (linked for %#lx)\n",
           (unsigned long)bi->load_base_pa, (unsigned long)XEN_LINK_PA);
    printk("Command line: %s\n", bi->cmdline);
}

static void setup_memory_map(const struct boot_info *bi)
{
    enum e820_status st;
    size_t need = e820_scratch_bytes(bi->nr_e820);
    uint64_t clipped;

    if ( need > sizeof(e820_scratch) )
        panic("e820 scratch too small: need %zu bytes", need);
    st = e820_sanitize(bi->e820, bi->nr_e820, e820_map, E820_MAX, &e820_nr,
                       e820_scratch, sizeof(e820_scratch));
    if ( st != E820_OK )
        boot_fail("memory map unusable: %s", e820_strerror(st));
    /* RAM beyond 52 address bits cannot exist (and may end at 2^64). */
    st = e820_clip_ram(e820_map, &e820_nr, E820_MAX, E820_PA_LIMIT,
                       &clipped);
    if ( st != E820_OK )
        boot_fail("memory map unusable: %s", e820_strerror(st));
    if ( clipped )
        printk("WARNING: memory map: %lu KiB of RAM at or above 2^52, past "
               "the physical address space, made unusable\n",
               (unsigned long)(clipped >> 10));

    printk(XENLOG_INFO
           "Memory map (e820, %u entries from the loader, %u sanitized):\n",
           bi->nr_e820, e820_nr);
    for ( unsigned int i = 0; i < e820_nr; i++ )
        printk(XENLOG_INFO " [%016lx, %016lx) %-9s %9lu KiB\n",
               (unsigned long)e820_map[i].addr,
               (unsigned long)(e820_map[i].addr + e820_map[i].size),
               e820_type_name(e820_map[i].type),
               (unsigned long)(e820_map[i].size >> 10));
    printk("Memory totals: RAM %lu KiB, reserved %lu KiB, ACPI %lu KiB, "
           "NVS %lu KiB, unusable %lu KiB\n",
           (unsigned long)(e820_total_bytes(e820_map, e820_nr, E820_RAM) >> 10),
           (unsigned long)(e820_total_bytes(e820_map, e820_nr,
                                            E820_RESERVED) >> 10),
           (unsigned long)(e820_total_bytes(e820_map, e820_nr, E820_ACPI) >> 10),
           (unsigned long)(e820_total_bytes(e820_map, e820_nr, E820_NVS) >> 10),
           (unsigned long)(e820_total_bytes(e820_map, e820_nr,
                                            E820_UNUSABLE) >> 10));
}

/* True when the command line has selftest=NAME. For testing only. */
static bool selftest_wanted(const char *cmdline, const char *name)
{
    struct cmdline_iter it;
    struct cmdline_word w;

    cmdline_iter_init(&it, cmdline, strlen(cmdline));
    while ( cmdline_next(&it, &w) )
        if ( cmdline_name_is(&w, "selftest") && w.value &&
             w.value_len == strlen(name) &&
             !strncmp(w.value, name, w.value_len) )
            return true;
    return false;
}

/*
 * selftest=frames: proves the allocator and the direct map end to end on a
 * real boot. The highest free 2 MiB block (top-down: above 4 GiB when there
 * is RAM there) is scrubbed through the direct map, read back and returned.
 * It cost 1.5-15 ms of every boot under QEMU, so it runs only when a test
 * asks for it; the allocator's logic is unit-tested (test/unit/test_frame.c).
 */
static void frames_self_check(const char *cmdline)
{
    paddr_t pa;
    const uint64_t *p;

    if ( !selftest_wanted(cmdline, "frames") )
        return;
    pa = alloc_frames_scrubbed(9, 0);
    if ( !pa )
        panic("frame allocator: no 2 MiB block");
    p = __va(pa);
    for ( unsigned int i = 0; i < MB(2) / 8; i++ )
        if ( p[i] )
            panic("frame allocator: block at %#lx not scrubbed",
                  (unsigned long)pa);
    printk(XENLOG_INFO
           "Frame allocator check: 2 MiB at %#lx scrubbed and read back "
           "through the direct map\n", (unsigned long)pa);
    free_frames(pa, 9);
}

/*
 * Lists the modules with a CRC-32 of each one's bytes, read through the
 * direct map (mm_init() mapped all RAM, modules included), so tests can
 * compare contents with the files the loader was given.
 */
static void print_modules(const struct boot_info *bi)
{
    printk("Modules: %u\n", bi->nr_modules);
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
    {
        const struct boot_module *m = &bi->modules[i];

        if ( !mm_directmap_covers(m->start_pa, m->size_bytes) )
            panic("module %u at %#lx is not in the direct map", i,
                  (unsigned long)m->start_pa);
        /* The checksum reads the whole module: only when it is shown. */
        if ( !console_prints(LOGLVL_INFO) )
            continue;
        printk(XENLOG_INFO " module %u: [%#lx, %#lx) %lu bytes, crc32 %08x, "
               "cmdline \"%s\"\n", i, (unsigned long)m->start_pa,
               (unsigned long)(m->start_pa + m->size_bytes),
               (unsigned long)m->size_bytes,
               crc32_update(0, __va(m->start_pa), m->size_bytes),
               m->cmdline);
    }
}

/* See xen/setup.h. */
void boot_timeline_print(const struct boot_info *bi)
{
    struct xenpf_boot_stamp stamps[BOOT_NR_PHASES];
    enum tsc_source src;
    uint32_t khz = arch_tsc_khz(&src);
    unsigned int n = boot_timeline_fill(bi->tsc, khz, stamps,
                                        BOOT_NR_PHASES);

    if ( khz )
        printk("Boot timeline (TSC %u kHz from %s, us since the first "
               "stamp):\n", khz, tsc_source_name(src));
    else
        printk("Boot timeline (TSC frequency unknown, cycles since the "
               "first stamp):\n");
    /* The same records dom0 reads with XENPF_get_boot_timeline. */
    for ( unsigned int i = 0; i < n; i++ )
        printk(" %-18s %12lu\n", stamps[i].name,
               (unsigned long)stamps[i].us);
}

/* An unmapped address in the hypervisor's range (PML4 slot 256). */
#define TESTFAULT_ADDR  0xffff800000001000UL

/*
 * testfault=ud|pf: raise that exception now, to test the exception path
 * (the register dump and halt) on a real boot. For testing only.
 */
static void testfault(const char *cmdline)
{
    struct cmdline_iter it;
    struct cmdline_word w;

    cmdline_iter_init(&it, cmdline, strlen(cmdline));
    while ( cmdline_next(&it, &w) )
    {
        if ( !cmdline_name_is(&w, "testfault") || !w.value )
            continue;
        printk("testfault: raising %.*s\n", (int)w.value_len, w.value);
        if ( w.value_len == 2 && !strncmp(w.value, "ud", 2) )
            __asm__ volatile ( "ud2" );
        else if ( w.value_len == 2 && !strncmp(w.value, "pf", 2) )
            (void)*(volatile uint64_t *)TESTFAULT_ADDR;
        else
            printk("WARNING: testfault=%.*s not understood\n",
                   (int)w.value_len, w.value);
    }
}

void __start_xen(struct boot_info *bi)
{
    bi->tsc[BOOT_PHASE_START_XEN] = rdtsc();
    console_init(bi->cmdline);
    /* Only BIOS machines promise the legacy VGA text buffer. */
    if ( bi->entry == BOOT_ENTRY_MB2_BIOS && !bi->efi_systab_pa )
        console_enable_vga();
    arch_cpu_init();
    arch_cr4_init();
    arch_pagetables_final(bi);
    bi->tsc[BOOT_PHASE_CONSOLE] = rdtsc();

    print_banner(bi);
    arch_pagetable_report(bi);
    testfault(bi->cmdline);
    /* With an EFI map (both EFI paths, or GRUB after ExitBootServices) the
     * e820 map is derived from it. */
    if ( bi->efi_map_bytes && !efi_memmap_setup(bi, bi->efi_mapbs) )
        boot_fail("the EFI memory map is unusable");
    setup_memory_map(bi);
    mm_init(bi, e820_map, e820_nr);
    frames_self_check(bi->cmdline);
    efi_retained_report(bi);
    print_modules(bi);

    /* dom0 ends the boot with sched_op shutdown; without one, we do. */
    hv_info = (struct hv_info){ .bi = bi, .host_e820 = e820_map,
                                .host_e820_nr = e820_nr };
    bi->tsc[BOOT_PHASE_DOM0] = rdtsc();
    pv_dom0_start(bi);

    boot_timeline_print(bi);
    printk("Boot complete: powering off\n");
    arch_poweroff(bi);
    panic("poweroff failed");
}
