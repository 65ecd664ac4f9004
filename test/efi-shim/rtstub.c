/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The runtime stubs of the firmware test shim (shimrt.h says what each
 * does). Everything here lies in .rtstub.text and .rtstub.rodata, which
 * shim.lds keeps together between shimrt_blob_start and shimrt_blob_end;
 * the shim copies that blob into runtime memory and fills in the copy's
 * data. So nothing here may reach outside the blob: no library call, no
 * jump table, no string (the Makefile checks the object has no undefined
 * symbol), and the data is reached with RIP-relative addressing only.
 */
#include "shimrt.h"

#define RTSTUB_TEXT     __attribute__((section(".rtstub.text")))
#define FNV_OFFSET      0xcbf29ce484222325ULL
#define FNV_PRIME       0x100000001b3ULL
#define SG_MAX_DESC     4096
#define SG_MAX_CONT     64

/* In the image this is only a template: the copy is what gets written. */
const struct shimrt_data shimrt_data
    __attribute__((section(".rtstub.rodata"), aligned(64))) = {
    .magic = SHIMRT_DATA_MAGIC,
};

/*
 * The copy's data, found RIP-relative from the running code; the asm
 * hides from the compiler that it is the const template it was
 * initialised as.
 */
static inline __attribute__((always_inline)) struct shimrt_data *
rt_data(void)
{
    struct shimrt_data *d;

    __asm__ ( "lea shimrt_data(%%rip), %0" : "=r" (d) );
    return d;
}

typedef efi_status_t (EFIAPI *gettime_fn)(void *, void *);
typedef efi_status_t (EFIAPI *getvar_fn)(const char16_t *, void *,
                                         uint32_t *, uint64_t *, void *);
typedef efi_status_t (EFIAPI *nextname_fn)(uint64_t *, char16_t *, void *);
typedef efi_status_t (EFIAPI *querycap_fn)(uint64_t *, uint64_t, uint64_t *,
                                           uint32_t *);
typedef efi_status_t (EFIAPI *updatecap_fn)(uint64_t *, uint64_t, uint64_t);
typedef void (EFIAPI *reset_fn)(uint32_t, efi_status_t, uint64_t, void *);

/* Touches SHIMRT_STACK_PROBE bytes below the stack pointer, page by page,
 * as a function with a large frame and stack probes would. */
static void RTSTUB_TEXT probe_stack(void)
{
    __asm__ volatile ( "mov %%rsp, %%rax\n\t"
                       "mov %0, %%ecx\n"
                       "1:\n\t"
                       "sub $4096, %%rsp\n\t"
                       "movq $0, (%%rsp)\n\t"
                       "dec %%ecx\n\t"
                       "jnz 1b\n\t"
                       "mov %%rax, %%rsp"
                       :: "i" (SHIMRT_STACK_PROBE / 4096)
                       : "rax", "rcx", "memory" );
}

efi_status_t EFIAPI RTSTUB_TEXT shimrt_get_time(void *time, void *caps)
{
    struct shimrt_data *d = rt_data();

    if ( d->armed )
    {
        d->gettime_calls++;
        if ( d->gettime == SHIMOPT_GT_BSREAD &&
             *(const volatile uint64_t *)d->bs_pa != SHIMRT_BS_MAGIC )
            return EFI_VOLUME_CORRUPTED;
        if ( d->gettime == SHIMOPT_GT_NMI )
            __asm__ volatile ( "int $2" ::: "memory" );
        if ( d->gettime == SHIMOPT_GT_MCE )
            __asm__ volatile ( "int $18" ::: "memory" );
        if ( d->gettime == SHIMOPT_GT_STACK )
            probe_stack();
    }
    return ((gettime_fn)d->fw_get_time)(time, caps);
}

/* Whether a variable name starts "XenRt" (the tests' own variables). */
static bool RTSTUB_TEXT xenrt_name(const char16_t *n)
{
    return n && n[0] == 'X' && n[1] == 'e' && n[2] == 'n' && n[3] == 'R' &&
           n[4] == 't';
}

efi_status_t EFIAPI RTSTUB_TEXT shimrt_get_variable(const char16_t *name,
                                                    void *guid,
                                                    uint32_t *attr,
                                                    uint64_t *bytes,
                                                    void *data)
{
    struct shimrt_data *d = rt_data();
    efi_status_t s = ((getvar_fn)d->fw_get_variable)(name, guid, attr,
                                                     bytes, data);

    if ( d->armed && d->var_extra && s == EFI_SUCCESS && bytes &&
         xenrt_name(name) )
        *bytes += d->var_extra;
    return s;
}

efi_status_t EFIAPI RTSTUB_TEXT shimrt_get_next_variable_name(
    uint64_t *bytes, char16_t *name, void *guid)
{
    struct shimrt_data *d = rt_data();
    efi_status_t s = ((nextname_fn)d->fw_get_next_variable_name)(bytes,
                                                                 name, guid);

    if ( d->armed && d->var_extra && s == EFI_SUCCESS && xenrt_name(name) )
        *bytes += d->var_extra;
    return s;
}

/* The capsule header at p asks to persist across a reset. */
static bool RTSTUB_TEXT persists(uint64_t p)
{
    return p && (*(const volatile uint32_t *)(p + 20) &
                 SHIMRT_CAPSULE_PERSIST);
}

static uint64_t RTSTUB_TEXT hash_bytes(uint64_t h, uint64_t p, uint64_t n)
{
    for ( uint64_t i = 0; i < n; i++ )
        h = (h ^ ((const volatile uint8_t *)p)[i]) * FNV_PRIME;
    return h;
}

/*
 * The bytes a scatter-gather list at physical address sg_pa names, in
 * order, as a hash and a count; false if the list is too long or its
 * blocks pass SHIMRT_CAPSULE_MAX.
 */
static bool RTSTUB_TEXT sg_hash(uint64_t sg_pa, uint64_t *hash,
                                uint64_t *bytes)
{
    uint64_t pa = sg_pa, h = FNV_OFFSET, n = 0;
    unsigned int nd = 0, nc = 0;

    for ( ;; )
    {
        const volatile uint64_t *desc = (const volatile uint64_t *)pa;
        uint64_t len = desc[0], addr = desc[1];

        if ( ++nd > SG_MAX_DESC )
            return false;
        if ( !len )
        {
            if ( !addr )
                break;
            if ( ++nc > SG_MAX_CONT )
                return false;
            pa = addr;
            continue;
        }
        if ( len > SHIMRT_CAPSULE_MAX - n )
            return false;
        h = hash_bytes(h, addr, len);
        n += len;
        pa += 16;
    }
    *hash = h;
    *bytes = n;
    return true;
}

efi_status_t EFIAPI RTSTUB_TEXT shimrt_query_capsule(uint64_t *array,
                                                     uint64_t count,
                                                     uint64_t *max_bytes,
                                                     uint32_t *reset_type)
{
    struct shimrt_data *d = rt_data();

    if ( d->armed && d->capsule && count && persists(array[0]) )
    {
        *max_bytes = SHIMRT_CAPSULE_MAX;
        *reset_type = SHIMRT_RESET_WARM;
        return EFI_SUCCESS;
    }
    return ((querycap_fn)d->fw_query_capsule)(array, count, max_bytes,
                                              reset_type);
}

efi_status_t EFIAPI RTSTUB_TEXT shimrt_update_capsule(uint64_t *array,
                                                      uint64_t count,
                                                      uint64_t sg_pa)
{
    struct shimrt_data *d = rt_data();
    uint64_t h = FNV_OFFSET, n = 0, sg_h, sg_n;

    if ( !d->armed || !d->capsule || !count || !persists(array[0]) )
        return ((updatecap_fn)d->fw_update_capsule)(array, count, sg_pa);
    for ( uint64_t i = 0; i < count; i++ )
    {
        uint32_t image = *(const volatile uint32_t *)(array[i] + 24);

        if ( image > SHIMRT_CAPSULE_MAX - n )
            return EFI_VOLUME_CORRUPTED;
        h = hash_bytes(h, array[i], image);
        n += image;
    }
    if ( !sg_pa || !sg_hash(sg_pa, &sg_h, &sg_n) || sg_h != h || sg_n != n )
        return EFI_VOLUME_CORRUPTED;
    d->pending_sg = sg_pa;
    d->pending_hash = h;
    d->pending_bytes = n;
    return EFI_SUCCESS;
}

void EFIAPI RTSTUB_TEXT shimrt_reset_system(uint32_t type,
                                           efi_status_t status,
                                           uint64_t data_bytes, void *data)
{
    struct shimrt_data *d = rt_data();
    uint64_t h, n;

    /* A capsule read back changed after it was accepted: not applied. */
    if ( d->armed && d->pending_sg &&
         (!sg_hash(d->pending_sg, &h, &n) || h != d->pending_hash ||
          n != d->pending_bytes) )
        type = SHIMRT_RESET_SHUTDOWN;
    ((reset_fn)d->fw_reset_system)(type, status, data_bytes, data);
}
