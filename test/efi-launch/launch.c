/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * efilaunch.efi: starts the firmware's built-in UEFI shell at once.
 *
 * The boot tests that drive the shell through \startup.nsh used to leave
 * the ESP without a removable-media boot file, so that OVMF fell back to
 * its "EFI Internal Shell" boot option. Started that way the shell counts
 * down before it runs the script, and even a key pressed during the
 * countdown is read only after a full second: one second of every such
 * boot. Put at \EFI\BOOT\BOOTX64.EFI, this application finds the shell's
 * boot option (BootOrder, then Boot####, matched by its description) and
 * starts the shell from the same device path with the load options
 * `-delay 0` (the shell's own option: no countdown). Everything else is as
 * before: same shell, same \startup.nsh, same file system mapping.
 *
 * It prints one line on ConOut before the shell starts:
 *
 *   LAUNCH: starting Boot%04X "EFI Internal Shell" with -delay 0
 *
 * or, when it cannot, `LAUNCH: ERR: <what>` and returns an error, after
 * which the firmware goes on with its next boot option (the same shell,
 * with its countdown).
 */
#include <efi/efi.h>
#include <xen/string.h>
#include <xen/types.h>

#define LAUNCH_ORDER_MAX        64      /* BootOrder entries looked at */
#define LAUNCH_OPTION_MAX       2048    /* bytes of one Boot#### variable */

typedef efi_status_t (EFIAPI *launch_load_image_fn)(
    uint8_t boot_policy, efi_handle_t parent, const void *device_path,
    void *source, uint64_t source_bytes, efi_handle_t *image);
typedef efi_status_t (EFIAPI *launch_start_image_fn)(
    efi_handle_t image, uint64_t *exit_data_bytes, char16_t **exit_data);

/* The entry point (the linker's -e). */
efi_status_t EFIAPI launch_entry(efi_handle_t image,
                                 struct efi_system_table *st);

static const char16_t launch_shell_name[] = u"EFI Internal Shell";
/*
 * The shell's load options; the first word is the image's name, which the
 * shell skips. Reached through an absolute pointer, so the image has a
 * base relocation like any real EFI image (scripts/pecheck wants one).
 */
static char16_t launch_options[] = u"Shell.efi -delay 0";
static char16_t *volatile launch_options_ptr = launch_options;

static struct efi_simple_text_output *launch_out;

static void launch_say(const char16_t *s)
{
    launch_out->output_string(launch_out, s);
}

/*
 * The file path list of the EFI_LOAD_OPTION opt (bytes long, UEFI spec
 * 3.1.3) when its description is launch_shell_name; NULL otherwise or when
 * the option does not fit in its own bytes.
 */
static const uint8_t *launch_match(const uint8_t *opt, uint64_t bytes)
{
    uint64_t off = 6, i;
    uint16_t fpl_bytes;
    char16_t c;

    if ( bytes < off )
        return NULL;
    memcpy(&fpl_bytes, opt + 4, sizeof(fpl_bytes));
    for ( i = 0; ; i++, off += 2 )
    {
        if ( bytes - off < 2 )
            return NULL;
        memcpy(&c, opt + off, sizeof(c));
        if ( c != launch_shell_name[i] )
            return NULL;
        if ( !c )
            break;
    }
    off += 2;
    if ( fpl_bytes < 4 || fpl_bytes > bytes - off )
        return NULL;
    return opt + off;
}

/* "Boot" and four upper-case hex digits of n, NUL-terminated. */
static void launch_var_name(uint16_t n, char16_t name[9])
{
    static const char hex[] = "0123456789ABCDEF";
    unsigned int i;

    memcpy(name, u"Boot", 4 * sizeof(char16_t));
    for ( i = 0; i < 4; i++ )
        name[4 + i] = (char16_t)hex[(n >> (12 - 4 * i)) & 0xf];
    name[8] = 0;
}

static char16_t launch_hex_digit(unsigned int v)
{
    return (char16_t)(v < 10 ? '0' + v : 'A' + v - 10);
}

efi_status_t EFIAPI launch_entry(efi_handle_t image,
                                 struct efi_system_table *st)
{
    static const struct efi_guid global = EFI_GLOBAL_VARIABLE_GUID;
    static const struct efi_guid li_guid = EFI_LOADED_IMAGE_GUID;
    static uint16_t order[LAUNCH_ORDER_MAX];
    static uint8_t opt[LAUNCH_OPTION_MAX];
    struct efi_boot_services *bs = st->bs;
    struct efi_runtime_services *rt = st->rt;
    launch_load_image_fn load = (launch_load_image_fn)bs->load_image;
    launch_start_image_fn start = (launch_start_image_fn)bs->start_image;
    struct efi_loaded_image *li;
    const uint8_t *path = NULL;
    uint64_t bytes = sizeof(order), n, i;
    efi_handle_t shell = NULL;
    char16_t name[9];
    uint32_t attr;
    efi_status_t s;

    launch_out = st->con_out;
    if ( rt->get_variable(u"BootOrder", &global, &attr, &bytes,
                          order) != EFI_SUCCESS )
    {
        launch_say(u"LAUNCH: ERR: cannot read BootOrder\r\n");
        return EFI_NOT_FOUND;
    }
    n = bytes / sizeof(order[0]);
    for ( i = 0; i < n && !path; i++ )
    {
        launch_var_name(order[i], name);
        bytes = sizeof(opt);
        if ( rt->get_variable(name, &global, &attr, &bytes,
                              opt) == EFI_SUCCESS )
            path = launch_match(opt, bytes);
    }
    if ( !path )
    {
        launch_say(u"LAUNCH: ERR: no \"EFI Internal Shell\" boot option\r\n");
        return EFI_NOT_FOUND;
    }
    if ( (s = load(0, image, path, NULL, 0, &shell)) != EFI_SUCCESS ||
         (s = bs->handle_protocol(shell, &li_guid,
                                  (void **)&li)) != EFI_SUCCESS )
    {
        /* The low byte of the status is enough to tell which error. */
        char16_t code[] = { launch_hex_digit((s >> 4) & 0xf),
                            launch_hex_digit(s & 0xf), 0 };

        launch_say(u"LAUNCH: ERR: cannot load the shell (status 0x");
        launch_say(code);
        launch_say(u")\r\n");
        return s;
    }
    li->load_options = launch_options_ptr;
    li->load_options_bytes = sizeof(launch_options);
    launch_say(u"LAUNCH: starting ");
    launch_say(name);
    launch_say(u" \"EFI Internal Shell\" with -delay 0\r\n");
    return start(shell, NULL, NULL);
}
