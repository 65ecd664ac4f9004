/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * libFuzzer harness for the multiboot2 info parser. Besides surviving any
 * input, the parser must give the same answer for the same bytes wherever
 * they sit (the input, and an unaligned exact-size copy of it), leave the
 * caller's fields alone, leave nothing behind on failure, and on success
 * hand back a boot_info whose counts and strings fit their buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xen/mb2.h>

#define CALLER_ENTRY    BOOT_ENTRY_MB2_BIOS
#define CALLER_LOAD_PA  0x1234000ull
#define CALLER_MBI_PA   0x9000ull
#define CALLER_TSC      0x7777ull

static struct boot_info first, second, blank;
static const struct boot_module no_module;

static void require(int ok)
{
    if ( !ok )
        abort();
}

static void set_caller_fields(struct boot_info *bi)
{
    bi->entry = CALLER_ENTRY;
    bi->load_base_pa = CALLER_LOAD_PA;
    bi->mbi_pa = CALLER_MBI_PA;
    for ( unsigned int i = 0; i < BOOT_NR_PHASES; i++ )
        bi->tsc[i] = CALLER_TSC + i;
}

/* Junk everywhere the parser must overwrite. */
static void preset(struct boot_info *bi)
{
    memset(bi, 0x5A, sizeof(*bi));
    set_caller_fields(bi);
}

static int terminated(const char *s, size_t max)
{
    return memchr(s, '\0', max) != NULL;
}

static void check_success(const struct boot_info *bi, const uint8_t *in,
                          size_t size)
{
    require(bi->mbi_bytes >= 16 && bi->mbi_bytes <= size);
    require(terminated(bi->cmdline, sizeof(bi->cmdline)));
    require(terminated(bi->loader_name, sizeof(bi->loader_name)));
    require(bi->nr_modules <= BOOT_MAX_MODULES);
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
    {
        const struct boot_module *mod = &bi->modules[i];

        require(terminated(mod->cmdline, sizeof(mod->cmdline)));
        require(mod->start_pa + mod->size_bytes <= UINT32_MAX);
    }
    /* Unused module slots stay empty. */
    for ( unsigned int i = bi->nr_modules; i < BOOT_MAX_MODULES; i++ )
        require(!memcmp(&bi->modules[i], &no_module, sizeof(no_module)));
    require(bi->nr_e820 <= E820_MAX);
    require(bi->rsdp_bytes == 0 ||
            (bi->rsdp_bytes >= 20 && bi->rsdp_bytes <= BOOT_RSDP_MAX));
    if ( bi->efi_map_bytes )
        require(bi->efi_desc_bytes >= 40 && bi->efi_desc_bytes % 8 == 0 &&
                bi->efi_map_bytes % bi->efi_desc_bytes == 0);
    /* The EFI map stays inside the input; what is copied came out of it. */
    require(!bi->efi_map_bytes ||
            ((const uint8_t *)bi->efi_map >= (const uint8_t *)in &&
             bi->efi_map_bytes <= size &&
             (size_t)((const uint8_t *)bi->efi_map -
                      (const uint8_t *)in) <= size - bi->efi_map_bytes));
    require(bi->efi_map_bytes + bi->rsdp_bytes < size);
    require(bi->mb2_load_base_pa <= UINT32_MAX);
    require(bi->have_mb2_load_base || !bi->mb2_load_base_pa);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *shifted = malloc(size + 1);
    enum mb2_status rc, rc2;

    require(shifted != NULL);
    memcpy(shifted + 1, data, size);
    preset(&first);
    preset(&second);
    rc = mb2_parse(data, size, &first);
    rc2 = mb2_parse(shifted + 1, size, &second);

    require(rc == rc2);
    /* The EFI map points into each input at the same offset. */
    require(!first.efi_map == !second.efi_map);
    require(!first.efi_map ||
            first.efi_map - data == second.efi_map - (shifted + 1));
    first.efi_map = second.efi_map = NULL;
    free(shifted);
    require(!memcmp(&first, &second, sizeof(first)));
    require(mb2_strerror(rc) != NULL);
    require(first.entry == CALLER_ENTRY);
    require(first.load_base_pa == CALLER_LOAD_PA);
    require(first.mbi_pa == CALLER_MBI_PA);
    for ( unsigned int i = 0; i < BOOT_NR_PHASES; i++ )
        require(first.tsc[i] == CALLER_TSC + i);

    if ( rc != MB2_OK )
    {
        /* A failed parse leaves zeroes plus the caller's fields. */
        memset(&blank, 0, sizeof(blank));
        set_caller_fields(&blank);
        require(!memcmp(&first, &blank, sizeof(first)));
        return 0;
    }
    mb2_parse(data, size, &first);
    check_success(&first, data, size);
    return 0;
}
