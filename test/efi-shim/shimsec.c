/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The firmware test shim's Secure Boot stand-ins (shimsec.h):
 *
 * - memattr=1 (or 2): an EFI_MEMORY_ATTRIBUTE_PROTOCOL of its own, for
 *   firmware that has none (OVMF 2022.11 here), which edits the
 *   firmware's page tables as a firmware would: 4 KiB leaves, large pages
 *   split with pages of EfiReservedMemoryType taken up front (they stay
 *   in use after ExitBootServices, under the runtime services). With
 *   memattr=2 StartImage() is also wrapped: each image started later gets
 *   its sections mapped as strict firmware maps an NX_COMPAT image (code
 *   r-x, read-only data r--, writable data rw-) before it runs, and its
 *   previous attributes back if it returns.
 * - shimlock=accept|refuse: shim's SHIM_LOCK protocol, whose Verify (the
 *   System V convention, as shim's) prints the buffer's CRC-32 and answers
 *   as asked.
 * - moksbstate=B: shim's volatile MokSBStateRT variable set to B.
 *
 * This is test code standing in for the firmware and shim: writing the
 * firmware's page tables is its job here.
 */
#include <efi/secboot.h>
#include <xen/crc32.h>
#include <xen/fmt.h>
#include <xen/memattr.h>
#include <xen/string.h>

#include "shim.h"
#include "shimsec.h"

#define PTE_P           0x1ULL
#define PTE_RW          0x2ULL
#define PTE_PS          0x80ULL
#define PTE_PAT_4K      0x80ULL
#define PTE_PAT_LARGE   0x1000ULL
#define PTE_NX          (1ULL << 63)
#define PTE_ADDR        0x000ffffffffff000ULL
#define CR0_WP          (1UL << 16)
#define CR4_PGE         (1UL << 7)
#define CR4_LA57        (1UL << 12)
#define MSR_EFER        0xc0000080U
#define EFER_NXE        (1ULL << 11)
/* Page-table pages for splits, taken before any edit. */
#define POOL_PAGES      32
#define EFI_RESERVED_MEMORY_TYPE 0
#define VAR_BS_RT       0x6U    /* BOOTSERVICE_ACCESS | RUNTIME_ACCESS */

static struct efi_boot_services *sec_bs;
static shim_start_image_fn sec_fw_start_image;
static uint64_t sec_pool_pa;
static unsigned int sec_pool_used;
static enum shimopt_shimlock sec_lock_mode;
static unsigned int sec_verify_calls;
static unsigned int sec_memattr_calls;

static uint64_t cr_read(int n)
{
    uint64_t v = 0;

    if ( n == 0 )
        __asm__ volatile ( "mov %%cr0, %0" : "=r" (v) );
    else if ( n == 3 )
        __asm__ volatile ( "mov %%cr3, %0" : "=r" (v) );
    else
        __asm__ volatile ( "mov %%cr4, %0" : "=r" (v) );
    return v;
}

static void cr0_write(uint64_t v)
{
    __asm__ volatile ( "mov %0, %%cr0" :: "r" (v) : "memory" );
}

static void cr4_write(uint64_t v)
{
    __asm__ volatile ( "mov %0, %%cr4" :: "r" (v) : "memory" );
}

/* Every TLB entry, global ones too. */
static void tlb_flush_all(void)
{
    uint64_t cr4 = cr_read(4);

    if ( cr4 & CR4_PGE )
    {
        cr4_write(cr4 & ~CR4_PGE);
        cr4_write(cr4);
    }
    __asm__ volatile ( "mov %0, %%cr3" :: "r" (cr_read(3)) : "memory" );
}

static uint64_t *table_of(uint64_t e)
{
    return (uint64_t *)(uintptr_t)(e & PTE_ADDR);
}

/* Splits large leaf *e of a level (3: 1 GiB, 2: 2 MiB) into a table. */
static bool split(uint64_t *e, int level)
{
    uint64_t *t, old = *e, step = level == 3 ? 1ULL << 21 : 1ULL << 12;
    uint64_t base = level == 3 ? old & 0x000fffffc0000000ULL
                               : old & 0x000fffffffe00000ULL;
    uint64_t flags = old & ~PTE_ADDR & ~PTE_PAT_LARGE;

    if ( sec_pool_used == POOL_PAGES )
        return false;
    t = (uint64_t *)(uintptr_t)(sec_pool_pa + sec_pool_used++ * 4096ULL);
    if ( level == 2 )
    {
        flags &= ~PTE_PS;
        if ( old & PTE_PAT_LARGE )
            flags |= PTE_PAT_4K;
    }
    else
        flags |= old & PTE_PAT_LARGE;
    for ( unsigned int i = 0; i < 512; i++ )
        t[i] = flags | (base + i * step);
    /* The leaves now carry what the large page said. */
    *e = (uint64_t)(uintptr_t)t | (old & 0x7) | 0x20;
    return true;
}

/*
 * The entry mapping the 4 KiB page at pa (identity mapped), split down to
 * a 4 KiB leaf when want_4k; NULL when not mapped. *eff gets the
 * attributes the whole walk gives the page.
 */
static uint64_t *leaf(uint64_t pa, bool want_4k, uint64_t *eff)
{
    uint64_t *t = table_of(cr_read(3));
    bool ro = false, nx = false;

    for ( int level = 4; level >= 1; level-- )
    {
        uint64_t *e = &t[(pa >> (12 + 9 * (level - 1))) & 511];

        if ( !(*e & PTE_P) )
            return NULL;
        if ( level > 1 && level < 4 && (*e & PTE_PS) && want_4k &&
             !split(e, level) )
            return NULL;
        ro |= !(*e & PTE_RW);
        nx |= !!(*e & PTE_NX);
        if ( level == 1 || (level < 4 && (*e & PTE_PS)) )
        {
            *eff = (ro ? EFI_MEMORY_RO : 0) | (nx ? EFI_MEMORY_XP : 0);
            return e;
        }
        t = table_of(*e);
    }
    return NULL;
}

static bool range_ok(uint64_t base, uint64_t bytes)
{
    return bytes && !(base & 0xfff) && !(bytes & 0xfff) &&
           base + bytes > base;
}

static efi_status_t get(uint64_t base, uint64_t bytes, uint64_t *attrs)
{
    uint64_t first = 0, eff;

    if ( !attrs || !range_ok(base, bytes) )
        return EFI_INVALID_PARAMETER;
    for ( uint64_t pa = base; pa < base + bytes; pa += 4096 )
    {
        if ( !leaf(pa, false, &eff) )
            return EFI_NO_MAPPING;
        if ( pa == base )
            first = eff;
        else if ( eff != first )
            return EFI_NO_MAPPING;
    }
    *attrs = first;
    return EFI_SUCCESS;
}

/* Sets (on) or clears the attrs on every 4 KiB leaf of the range. */
static efi_status_t change(uint64_t base, uint64_t bytes, uint64_t attrs,
                           bool on)
{
    efi_status_t s = EFI_SUCCESS;
    uint64_t flags, cr0, eff;

    if ( !range_ok(base, bytes) || !attrs ||
         (attrs & ~(EFI_MEMORY_RO | EFI_MEMORY_XP)) )
        return (attrs & EFI_MEMORY_RP) ? EFI_UNSUPPORTED
                                       : EFI_INVALID_PARAMETER;
    __asm__ volatile ( "pushf; pop %0; cli" : "=r" (flags) :: "memory" );
    cr0 = cr_read(0);
    cr0_write(cr0 & ~CR0_WP);
    for ( uint64_t pa = base; pa < base + bytes; pa += 4096 )
    {
        uint64_t *e = leaf(pa, true, &eff);

        if ( !e )
        {
            s = sec_pool_used == POOL_PAGES ? EFI_OUT_OF_RESOURCES
                                            : EFI_NO_MAPPING;
            break;
        }
        if ( attrs & EFI_MEMORY_RO )
            *e = on ? *e & ~PTE_RW : *e | PTE_RW;
        if ( attrs & EFI_MEMORY_XP )
            *e = on ? *e | PTE_NX : *e & ~PTE_NX;
    }
    cr0_write(cr0);
    tlb_flush_all();
    __asm__ volatile ( "push %0; popf" :: "r" (flags) : "memory", "cc" );
    return s;
}

static void call_line(const char *what, uint64_t base, uint64_t bytes,
                      uint64_t attrs, efi_status_t s);

static efi_status_t EFIAPI sec_get(struct efi_memory_attribute *self,
                                   uint64_t base, uint64_t bytes,
                                   uint64_t *attrs)
{
    efi_status_t s = get(base, bytes, attrs);

    call_line("get", base, bytes, s == EFI_SUCCESS ? *attrs : 0, s);
    return s;
}

static void call_line(const char *what, uint64_t base, uint64_t bytes,
                      uint64_t attrs, efi_status_t s)
{
    sec_memattr_calls++;
    shim_line("memattr %s 0x%016lx +0x%lx attrs 0x%lx: %s (call %u)", what,
              (unsigned long)base, (unsigned long)bytes,
              (unsigned long)attrs, s == EFI_SUCCESS ? "ok" : "failed",
              sec_memattr_calls);
}

static efi_status_t EFIAPI sec_set(struct efi_memory_attribute *self,
                                   uint64_t base, uint64_t bytes,
                                   uint64_t attrs)
{
    efi_status_t s = change(base, bytes, attrs, true);

    call_line("set", base, bytes, attrs, s);
    return s;
}

static efi_status_t EFIAPI sec_clear(struct efi_memory_attribute *self,
                                     uint64_t base, uint64_t bytes,
                                     uint64_t attrs)
{
    efi_status_t s = change(base, bytes, attrs, false);

    call_line("clear", base, bytes, attrs, s);
    return s;
}

static struct efi_memory_attribute sec_memattr = {
    .get = sec_get, .set = sec_set, .clear = sec_clear,
};

/*
 * StartImage() as strict firmware does it: the image's sections mapped by
 * their characteristics first; their attributes before that come back if
 * the image returns.
 */
static efi_status_t EFIAPI sec_start_image(efi_handle_t image,
                                           uint64_t *exit_data_bytes,
                                           char16_t **exit_data)
{
    static const struct efi_guid li_guid = EFI_LOADED_IMAGE_GUID;
    struct memattr_section sec[MEMATTR_MAX_SECTIONS];
    uint64_t before[MEMATTR_MAX_SECTIONS];
    struct efi_loaded_image *li;
    enum memattr_status ms;
    unsigned int nr = 0;
    uint64_t base;
    efi_status_t s;
    char line[200], perms[4];
    size_t len = 0;

    if ( sec_bs->handle_protocol(image, &li_guid, (void **)&li) !=
         EFI_SUCCESS )
        return sec_fw_start_image(image, exit_data_bytes, exit_data);
    base = (uint64_t)(uintptr_t)li->image_base;
    ms = memattr_sections(li->image_base, li->image_bytes, sec,
                          ARRAY_SIZE(sec), &nr);
    if ( ms != MEMATTR_OK )
    {
        shim_line("ERR: memattr: image at 0x%016lx: %s", (unsigned long)base,
                  memattr_strerror(ms));
        nr = 0;
    }
    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t a = base + sec[i].rva, mask = EFI_MEMORY_RO | EFI_MEMORY_XP;

        if ( get(a, sec[i].bytes, &before[i]) )
            before[i] = 0;
        if ( (sec[i].want & mask) &&
             change(a, sec[i].bytes, sec[i].want & mask, true) )
            shim_line("ERR: memattr: cannot map %s", sec[i].name);
        if ( (~sec[i].want & mask) &&
             change(a, sec[i].bytes, ~sec[i].want & mask, false) )
            shim_line("ERR: memattr: cannot map %s", sec[i].name);
        len += fmt_snprintf(line + len, sizeof(line) - len, "%s%s %s",
                            i ? ", " : "", sec[i].name,
                            memattr_perms(sec[i].want, perms));
        len = MIN(len, sizeof(line) - 1);
    }
    if ( nr )
        shim_line("memattr strict image at 0x%016lx: %s", (unsigned long)base,
                  line);
    s = sec_fw_start_image(image, exit_data_bytes, exit_data);
    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t a = base + sec[i].rva, mask = EFI_MEMORY_RO | EFI_MEMORY_XP;

        if ( before[i] & mask )
            change(a, sec[i].bytes, before[i] & mask, true);
        if ( ~before[i] & mask )
            change(a, sec[i].bytes, ~before[i] & mask, false);
    }
    if ( nr )
        shim_line("memattr image at 0x%016lx returned: attributes restored",
                  (unsigned long)base);
    return s;
}

/* shim's Verify: the System V convention, as shim's own. */
static efi_status_t sec_verify(void *buf, uint32_t bytes)
{
    bool ok = sec_lock_mode == SHIMOPT_SHIMLOCK_ACCEPT;

    sec_verify_calls++;
    shim_line("shim-lock verify %u: 0x%016lx bytes %u crc32 %08x: %s",
              sec_verify_calls, (unsigned long)(uintptr_t)buf, bytes,
              buf ? crc32_update(0, buf, bytes) : 0,
              ok ? "accepted" : "refused");
    return ok ? EFI_SUCCESS : EFI_SECURITY_VIOLATION;
}

static struct efi_shim_lock sec_lock = { .verify = sec_verify };

static efi_status_t install(const struct efi_guid *guid, void *iface)
{
    shim_install_protocol_fn fn =
        (shim_install_protocol_fn)sec_bs->install_protocol;
    efi_handle_t handle = NULL;

    return fn(&handle, guid, SHIM_NATIVE_INTERFACE, iface);
}

static efi_status_t setup_memattr(unsigned int memattr_level)
{
    static const struct efi_guid guid = EFI_MEMORY_ATTRIBUTE_PROTOCOL_GUID;
    void *old;
    uint64_t efer, tpl;
    efi_status_t s;

    if ( sec_bs->locate_protocol(&guid, NULL, &old) == EFI_SUCCESS )
    {
        shim_line("ERR: memattr: the firmware has a memory attribute "
                  "protocol already");
        return EFI_ACCESS_DENIED;
    }
    if ( cr_read(4) & CR4_LA57 )
    {
        shim_line("ERR: memattr: 5-level paging");
        return EFI_UNSUPPORTED;
    }
    s = sec_bs->allocate_pages(EFI_ALLOCATE_ANY_PAGES,
                               EFI_RESERVED_MEMORY_TYPE, POOL_PAGES,
                               &sec_pool_pa);
    if ( s != EFI_SUCCESS )
    {
        shim_line("ERR: memattr: no pages for page tables (status 0x%lx)",
                  (unsigned long)s);
        return s;
    }
    /* NX bits mean nothing, or fault, without EFER.NXE. */
    {
        uint32_t lo, hi;

        __asm__ volatile ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (MSR_EFER) );
        efer = (uint64_t)hi << 32 | lo;
        if ( !(efer & EFER_NXE) )
        {
            efer |= EFER_NXE;
            __asm__ volatile ( "wrmsr" :: "c" (MSR_EFER), "a" ((uint32_t)efer),
                               "d" ((uint32_t)(efer >> 32)) );
        }
    }
    if ( (s = install(&guid, &sec_memattr)) != EFI_SUCCESS )
    {
        shim_line("ERR: memattr: InstallProtocolInterface failed (status "
                  "0x%lx)", (unsigned long)s);
        return s;
    }
    if ( memattr_level < 2 )
    {
        shim_line("memory attribute protocol installed (%u page-table "
                  "pages at 0x%016lx)", POOL_PAGES,
                  (unsigned long)sec_pool_pa);
        return EFI_SUCCESS;
    }
    tpl = ((shim_raise_tpl_fn)sec_bs->raise_tpl)(SHIM_TPL_HIGH_LEVEL);
    sec_fw_start_image = (shim_start_image_fn)sec_bs->start_image;
    sec_bs->start_image = (void *)sec_start_image;
    sec_bs->hdr.crc32 = 0;
    {
        uint32_t crc = 0;

        ((shim_calculate_crc32_fn)sec_bs->rest[SHIM_BS_CRC32_SLOT])(
            sec_bs, sec_bs->hdr.header_size, &crc);
        sec_bs->hdr.crc32 = crc;
    }
    ((shim_restore_tpl_fn)sec_bs->restore_tpl)(tpl);
    shim_line("memory attribute protocol installed (%u page-table pages "
              "at 0x%016lx)", POOL_PAGES, (unsigned long)sec_pool_pa);
    shim_line("StartImage wrapped: images started later are mapped "
              "strictly");
    return EFI_SUCCESS;
}

/* See shimsec.h. */
efi_status_t shimsec_setup(struct efi_system_table *st,
                           const struct shimopt *o)
{
    static const struct efi_guid shim_guid = EFI_SHIM_LOCK_GUID;
    static const char16_t mok_name[] = u"MokSBStateRT";
    efi_status_t s;

    sec_bs = st->bs;
    if ( o->moksbstate >= 0 )
    {
        typedef efi_status_t (EFIAPI *set_var_fn)(const char16_t *,
                                                  const struct efi_guid *,
                                                  uint32_t, uint64_t,
                                                  const void *);
        uint8_t v = (uint8_t)o->moksbstate;

        s = ((set_var_fn)st->rt->set_variable)(mok_name, &shim_guid,
                                               VAR_BS_RT, 1, &v);
        if ( s != EFI_SUCCESS )
        {
            shim_line("ERR: MokSBStateRT: SetVariable failed (status 0x%lx)",
                      (unsigned long)s);
            return s;
        }
        shim_line("MokSBStateRT %u set", v);
    }
    if ( o->shimlock != SHIMOPT_SHIMLOCK_NONE )
    {
        sec_lock_mode = o->shimlock;
        if ( (s = install(&shim_guid, &sec_lock)) != EFI_SUCCESS )
        {
            shim_line("ERR: shim-lock: InstallProtocolInterface failed "
                      "(status 0x%lx)", (unsigned long)s);
            return s;
        }
        shim_line("shim-lock protocol installed: %s",
                  o->shimlock == SHIMOPT_SHIMLOCK_ACCEPT ? "accept"
                                                         : "refuse");
    }
    if ( o->memattr && (s = setup_memattr(o->memattr)) != EFI_SUCCESS )
        return s;
    return EFI_SUCCESS;
}
