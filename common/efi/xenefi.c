/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The xen.efi path at the linked address: load options, xen.cfg from the
 * image's directory, the modules it names, then the common boot-services
 * phase and __start_xen. Every failure while boot services live prints one
 * "ERR:" line and returns the EFI error to the firmware, which then moves
 * on to its next boot option.
 */
#include <efi/secboot.h>
#include <xen/arch.h>
#include <xen/console.h>
#include <xen/devpath.h>
#include <xen/efi.h>
#include <xen/efi_boot.h>
#include <xen/fmt.h>
#include <xen/loadopt.h>
#include <xen/memattr.h>
#include <xen/string.h>
#include <xen/xencfg.h>

#define PATH_MAX_CHARS  256
#define FILE_MAX_BYTES  (512ULL << 20)
/* Modules must stay inside the boot direct map. */
#define FILE_MAX_PA     0xffffffffULL

static struct boot_info boot_info;
static struct loadopt lo;

static efi_status_t efi_fail(efi_status_t s, const char *fmt, ...)
    __printf(2, 3);
static efi_status_t efi_fail(efi_status_t s, const char *fmt, ...)
{
    char msg[256], st[32];
    va_list ap;

    va_start(ap, fmt);
    fmt_vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    printk("ERR: %s (%s)\n", msg, efi_status_str(s, st, sizeof(st)));
    printk(XENLOG_ERR "Returning to the firmware\n");
    return s;
}

static efi_status_t open_root(const struct efi_loaded_image *li,
                              struct efi_file **root)
{
    static const struct efi_guid sfs_guid = EFI_SIMPLE_FILE_SYSTEM_GUID;
    struct efi_simple_file_system *sfs;
    efi_status_t s;

    s = efi_call(efi_fw.bs->handle_protocol, li->device, efi_pa(&sfs_guid),
                 &sfs);
    if ( s )
        return s;
    return efi_call(sfs->open_volume, sfs, root);
}

/*
 * Reads dir + name (ASCII) into pages of EfiLoaderData below 4 GiB with
 * one spare NUL byte after the contents.
 */
static efi_status_t read_file(struct efi_file *root, const char *dir,
                              const char *name, size_t name_len,
                              paddr_t *pa, uint64_t *bytes)
{
    static const struct efi_guid info_guid = EFI_FILE_INFO_GUID;
    char16_t path[PATH_MAX_CHARS];
    uint64_t info[64], info_bytes = sizeof(info), got, addr = FILE_MAX_PA;
    struct efi_file *f;
    size_t n = 0;
    efi_status_t s;

    for ( const char *c = dir; *c && n < PATH_MAX_CHARS - 1; c++ )
        path[n++] = (unsigned char)*c;
    for ( size_t i = 0; i < name_len && n < PATH_MAX_CHARS - 1; i++ )
        path[n++] = (unsigned char)(name[i] == '/' ? '\\' : name[i]);
    if ( n == PATH_MAX_CHARS - 1 )
        return EFI_INVALID_PARAMETER;
    path[n] = 0;

    s = efi_call(root->open, root, &f, path, EFI_FILE_MODE_READ, 0);
    if ( s )
        return s;
    s = efi_call(f->get_info, f, efi_pa(&info_guid), &info_bytes, info);
    if ( s == EFI_SUCCESS &&
         ((struct efi_file_info *)info)->file_size > FILE_MAX_BYTES )
        s = EFI_BUFFER_TOO_SMALL;
    if ( s == EFI_SUCCESS )
    {
        *bytes = ((struct efi_file_info *)info)->file_size;
        s = efi_call(efi_fw.bs->allocate_pages, EFI_ALLOCATE_MAX_ADDRESS,
                     EFI_LOADER_DATA, (*bytes + 1 + EFI_PAGE_SIZE - 1) >> 12,
                     &addr);
    }
    if ( s == EFI_SUCCESS )
    {
        got = *bytes;
        s = efi_call(f->read, f, &got, addr);
        if ( s == EFI_SUCCESS && got != *bytes )
            s = EFI_DEVICE_ERROR;
        if ( s == EFI_SUCCESS )
        {
            ((char *)(uintptr_t)addr)[*bytes] = 0;
            *pa = addr;
        }
        else
            efi_call(efi_fw.bs->free_pages, addr,
                     (*bytes + 1 + EFI_PAGE_SIZE - 1) >> 12);
    }
    efi_call(f->close, f);
    return s;
}

/* Tries the -cfg= file, else Xen's sequence of names from the image's. */
static efi_status_t read_config(struct efi_file *root, const char *dir,
                                const char *image_name, paddr_t *pa,
                                uint64_t *bytes)
{
    struct xencfg_names it;
    char name[128];
    size_t len;
    efi_status_t s = EFI_NOT_FOUND;

    if ( lo.cfg[0] )
    {
        s = read_file(root, dir, lo.cfg, strlen(lo.cfg), pa, bytes);
        if ( s == EFI_SUCCESS )
            printk("Using configuration file %s%s\n", dir, lo.cfg);
        else
            efi_fail(s, "cannot read configuration file %s%s", dir, lo.cfg);
        return s;
    }
    if ( xencfg_names_init(&it, image_name, strlen(image_name)) != XENCFG_OK )
        return efi_fail(EFI_NOT_FOUND, "no configuration name from %s",
                        image_name);
    while ( xencfg_names_next(&it, name, sizeof(name), &len) == XENCFG_OK )
    {
        s = read_file(root, dir, name, len, pa, bytes);
        if ( s == EFI_SUCCESS )
        {
            printk("Using configuration file %s%s\n", dir, name);
            return s;
        }
        if ( s != EFI_NOT_FOUND )
            return efi_fail(s, "cannot read %s%s", dir, name);
    }
    return efi_fail(EFI_NOT_FOUND, "no configuration file for %s in %s",
                    image_name, dir);
}

static efi_status_t add_module(struct boot_info *bi, struct efi_file *root,
                               const char *dir, const char *key,
                               const char *val, size_t len)
{
    const char *file, *args;
    size_t file_len, args_len;
    struct boot_module *m = &bi->modules[bi->nr_modules];
    efi_status_t s;

    xencfg_split_word(val, len, &file, &file_len, &args, &args_len);
    if ( !file_len )
        return efi_fail(EFI_INVALID_PARAMETER, "%s= names no file", key);
    if ( args_len >= sizeof(m->cmdline) )
        return efi_fail(EFI_INVALID_PARAMETER, "%s= arguments too long", key);
    s = read_file(root, dir, file, file_len, &m->start_pa, &m->size_bytes);
    if ( s )
        return efi_fail(s, "cannot load %s file %s%.*s", key, dir,
                        (int)file_len, file);
    memcpy(m->cmdline, args, args_len);
    m->cmdline[args_len] = 0;
    printk(XENLOG_INFO
           "Loaded %s %s%.*s: %lu bytes at %#lx\n", key, dir, (int)file_len,
           file, (unsigned long)m->size_bytes, (unsigned long)m->start_pa);
    bi->nr_modules++;
    return EFI_SUCCESS;
}

static efi_status_t apply_config(struct boot_info *bi, struct efi_file *root,
                                 const char *dir, const char *cfg,
                                 size_t cfg_len)
{
    const char *sec, *val;
    size_t sec_len, len;
    unsigned int bad;
    enum xencfg_status st;
    struct xencfg_warnings warn;
    efi_status_t s;

    st = xencfg_check(cfg, cfg_len, &bad, &warn);
    if ( st != XENCFG_OK )
        return efi_fail(EFI_INVALID_PARAMETER, "configuration line %u: %s",
                        bad, xencfg_strerror(st));
    if ( warn.nr_unknown_keys )
        printk("WARNING: configuration line %u: unknown key ignored\n",
               warn.first_unknown_line);
    st = xencfg_select(cfg, cfg_len, lo.section, strlen(lo.section), &sec,
                       &sec_len, &bad);
    if ( st != XENCFG_OK )
        return efi_fail(EFI_NOT_FOUND, "configuration: %s%s%s",
                        xencfg_strerror(st), lo.section[0] ? ": " : "",
                        lo.section);
    if ( xencfg_get(cfg, cfg_len, sec, sec_len, "options", &val, &len,
                    &bad) == XENCFG_OK )
    {
        if ( len >= sizeof(bi->cmdline) )
            return efi_fail(EFI_INVALID_PARAMETER, "options= too long");
        memcpy(bi->cmdline, val, len);
    }
    /* Words after `--` in the load options come last, so they win. */
    if ( lo.has_args && lo.args[0] )
    {
        size_t n = strlen(bi->cmdline), a = strlen(lo.args);

        if ( n + 1 + a >= sizeof(bi->cmdline) )
            return efi_fail(EFI_INVALID_PARAMETER, "command line too long");
        if ( n )
            bi->cmdline[n++] = ' ';
        memcpy(bi->cmdline + n, lo.args, a + 1);
    }
    /* The options are known: lines from here obey their loglvl=. */
    console_loglvl_init(bi->cmdline);
    if ( sec )
        printk(XENLOG_INFO "Configuration section [%.*s]\n", (int)sec_len,
               sec);

    if ( xencfg_get(cfg, cfg_len, sec, sec_len, "kernel", &val, &len,
                    &bad) != XENCFG_OK )
        return efi_fail(EFI_NOT_FOUND, "configuration has no kernel= line");
    if ( (s = add_module(bi, root, dir, "kernel", val, len)) )
        return s;
    if ( xencfg_get(cfg, cfg_len, sec, sec_len, "ramdisk", &val, &len,
                    &bad) == XENCFG_OK &&
         (s = add_module(bi, root, dir, "ramdisk", val, len)) )
        return s;
    return EFI_SUCCESS;
}

/*
 * What memattr_apply() changed under the firmware's page tables, for
 * memattr_undo() when we hand the image back to the firmware.
 */
static struct {
    struct efi_memory_attribute *proto;
    unsigned int nr;
    struct {
        uint64_t base, bytes, set, cleared;
    } change[MEMATTR_MAX_SECTIONS];
} memattr_done;

/*
 * Where the firmware offers the memory attribute protocol, gives each
 * section of the loaded image its own permissions under the firmware's
 * page tables, through the protocol only: code read-only and executable,
 * read-only data neither writable nor executable, writable data not
 * executable. Nothing needs it to run: this code already runs from .text,
 * and relocations touch .data only (tools/pecheck). It keeps the image's
 * physical alias W^X while the firmware's tables map it (the thunk runs
 * there), and fixes code a firmware left non-executable. One line reports
 * each section's final permissions as the protocol reads them.
 */
static void memattr_apply(const struct efi_loaded_image *li)
{
    static const struct efi_guid guid = EFI_MEMORY_ATTRIBUTE_PROTOCOL_GUID;
    static const uint64_t mask = EFI_MEMORY_RO | EFI_MEMORY_XP |
                                 EFI_MEMORY_RP;
    struct memattr_section sec[MEMATTR_MAX_SECTIONS];
    struct efi_memory_attribute *p;
    char line[256] = "", perms[4], st[32];
    unsigned int nr, calls = 0, changes = 0, len = 0;
    enum memattr_status ms;
    efi_status_t s;

    if ( efi_call(efi_fw.bs->locate_protocol, efi_pa(&guid), 0, &p) ||
         !p )
    {
        printk("Memory attributes: no EFI_MEMORY_ATTRIBUTE_PROTOCOL; "
               "sections as the firmware mapped them\n");
        return;
    }
    ms = memattr_sections(li->image_base, li->image_bytes, sec,
                          ARRAY_SIZE(sec), &nr);
    if ( ms != MEMATTR_OK )
    {
        printk("WARNING: memory attributes not set: %s\n",
               memattr_strerror(ms));
        return;
    }
    memattr_done.proto = p;
    for ( unsigned int i = 0; i < nr; i++ )
    {
        uint64_t base = (uint64_t)(uintptr_t)li->image_base + sec[i].rva;
        uint64_t cur = 0, set, clr;

        s = efi_call(p->get, p, base, sec[i].bytes, &cur);
        calls++;
        if ( s != EFI_SUCCESS && s != EFI_NO_MAPPING )
        {
            printk("WARNING: memory attributes: %s: GetMemoryAttributes "
                   "failed (%s)\n", sec[i].name,
                   efi_status_str(s, st, sizeof(st)));
            continue;
        }
        /* Mixed attributes (EFI_NO_MAPPING): set and clear RO and XP. */
        if ( s == EFI_NO_MAPPING )
            cur = ~sec[i].want & (EFI_MEMORY_RO | EFI_MEMORY_XP);
        set = sec[i].want & ~cur & mask;
        clr = cur & ~sec[i].want & mask;
        calls += !!set + !!clr;
        if ( set && !(s = efi_call(p->set, p, base, sec[i].bytes, set)) )
            changes++;
        else if ( set )
            set = 0;
        if ( clr && !(s = efi_call(p->clear, p, base, sec[i].bytes, clr)) )
            changes++;
        else if ( clr )
            clr = 0;
        if ( set || clr )
            memattr_done.change[memattr_done.nr++] =
                (typeof(memattr_done.change[0])){ base, sec[i].bytes, set,
                                                  clr };
        calls++;
        if ( efi_call(p->get, p, base, sec[i].bytes, &cur) )
            len += fmt_snprintf(line + len, sizeof(line) - len, "%s%s ?",
                                i ? ", " : "", sec[i].name);
        else
            len += fmt_snprintf(line + len, sizeof(line) - len, "%s%s %s%s",
                                i ? ", " : "", sec[i].name,
                                memattr_perms(cur, perms),
                                (cur & mask) == sec[i].want ? "" : " (!)");
        len = MIN(len, (unsigned int)sizeof(line) - 1);
    }
    printk("Memory attributes: %s (%u protocol calls, %u changes)\n", line,
           calls, changes);
}

/* Gives back what memattr_apply() changed, before a return to firmware. */
static void memattr_undo(void)
{
    struct efi_memory_attribute *p = memattr_done.proto;

    for ( unsigned int i = 0; i < memattr_done.nr; i++ )
    {
        if ( memattr_done.change[i].set )
            efi_call(p->clear, p, memattr_done.change[i].base,
                     memattr_done.change[i].bytes,
                     memattr_done.change[i].set);
        if ( memattr_done.change[i].cleared )
            efi_call(p->set, p, memattr_done.change[i].base,
                     memattr_done.change[i].bytes,
                     memattr_done.change[i].cleared);
    }
    memattr_done.nr = 0;
}

/*
 * Under Secure Boot the load options (a boot entry anyone with access to
 * the variables may write, or a shell command line) may not pick another
 * configuration file or add hypervisor options: each is refused with a
 * WARNING line and the default is used.
 */
static void secure_boot_options(void)
{
    if ( !efi_secure_boot )
        return;
    if ( lo.cfg[0] )
    {
        printk("WARNING: Secure Boot: -cfg=%s refused, using the default "
               "configuration file\n", lo.cfg);
        lo.cfg[0] = 0;
    }
    if ( lo.has_args && lo.args[0] )
    {
        printk("WARNING: Secure Boot: options after -- refused: %s\n",
               lo.args);
        lo.args[0] = 0;
    }
}

static efi_status_t efi_xen_boot(efi_handle_t image,
                                 struct efi_system_table *st,
                                 struct efi_loaded_image *li);

efi_status_t efi_xen_main(efi_handle_t image, struct efi_system_table *st,
                          void *arg)
{
    efi_status_t s = efi_xen_boot(image, st, arg);

    /* Only a return to the firmware comes back here. */
    memattr_undo();
    return s;
}

static efi_status_t efi_xen_boot(efi_handle_t image,
                                 struct efi_system_table *st,
                                 struct efi_loaded_image *li)
{
    struct boot_info *bi = &boot_info;
    char path[PATH_MAX_CHARS], *base, dir[PATH_MAX_CHARS];
    struct efi_file *root;
    enum loadopt_status ls;
    enum devpath_status ds;
    const struct efimap_entry *map;
    unsigned int nr_map = 0;
    size_t dp_bytes;
    paddr_t cfg_pa;
    uint64_t cfg_bytes;
    efi_status_t s;

    bi->tsc[BOOT_PHASE_LINKED] = arch_timestamp();
    bi->tsc[BOOT_PHASE_ENTRY] = efi_start_tsc;
    bi->entry = BOOT_ENTRY_EFI;
    bi->load_base_pa = efi_pa(_start);
    console_init_early();
    efi_boot_init(image, st, bi);
    printk("xen.efi: EFI entry, image at %#lx, efi_xen_main at %p; "
           "efi_l4_bootmap active (CR3 %#lx, firmware CR3 %#lx)\n",
           (unsigned long)bi->load_base_pa, (void *)efi_xen_main,
           (unsigned long)arch_current_pt_base(), (unsigned long)efi_fw_cr3);
    memattr_apply(li);

    ls = loadopt_parse(li->load_options, li->load_options_bytes, &lo);
    if ( ls != LOADOPT_OK )
        return efi_fail(EFI_INVALID_PARAMETER, "load options: %s",
                        loadopt_strerror(ls));
    if ( lo.nr_unknown )
        printk("WARNING: unknown switch %s ignored\n", lo.first_unknown);
    if ( lo.help )
    {
        printk("Usage: xen.efi [-cfg=FILE] [-mapbs] [-basevideo] [SECTION] "
               "[-- XEN OPTIONS]\n");
        return EFI_SUCCESS;
    }
    secure_boot_options();

    /*
     * The loaded image gives the path no length: read at most to the end
     * of the memory-map entry holding it (the firmware's allocation), and
     * never past the end of the next page (longer paths are refused).
     */
    map = efi_memmap_snapshot(&nr_map);
    dp_bytes = devpath_readable_bytes(map, map ? nr_map : 0,
                                      (uintptr_t)li->file_path,
                                      2 * EFI_PAGE_SIZE -
                                      ((uintptr_t)li->file_path &
                                       (EFI_PAGE_SIZE - 1)));
    ds = devpath_file_path(li->file_path, dp_bytes, path, sizeof(path));
    if ( ds != DEVPATH_OK )
        return efi_fail(EFI_LOAD_ERROR, "the image's file path: %s",
                        devpath_strerror(ds));
    base = path;
    for ( char *c = path; *c; c++ )
        if ( *c == '\\' )
            base = c + 1;
    memcpy(dir, path, base - path);
    dir[base - path] = 0;

    if ( (s = open_root(li, &root)) )
        return efi_fail(s, "cannot open the image's file system");
    if ( (s = read_config(root, dir, base, &cfg_pa, &cfg_bytes)) )
        return s;
    if ( (s = apply_config(bi, root, dir, (const char *)(uintptr_t)cfg_pa,
                           cfg_bytes)) )
        return s;
    efi_call(root->close, root);
    if ( (s = efi_verify_dom0(&bi->modules[0])) )
    {
        printk(XENLOG_ERR "Returning to the firmware\n");
        return s;
    }

    efi_tables_scan(bi);
    efi_retain_tables(bi);
    printk(XENLOG_INFO "Calling ExitBootServices\n");
    bi->efi_mapbs = lo.mapbs;
    if ( (s = efi_exit_boot_services(bi)) )
        return efi_fail(s, "ExitBootServices failed after %u calls",
                        bi->efi_ebs_tries);
    arch_efi_start_xen(bi);
}
