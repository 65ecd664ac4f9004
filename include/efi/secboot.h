/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The two protocols a Secure Boot chain offers an image besides the
 * firmware's signature check: EFI_MEMORY_ATTRIBUTE_PROTOCOL (UEFI 2.10,
 * 7.5: page permissions under the firmware's own page tables) and shim's
 * SHIM_LOCK protocol (verify a buffer against db/MokList as shim would).
 * Our own definitions of the published layouts; the test shim
 * (test/efi-shim/) implements both, xen.efi calls them.
 */
#ifndef EFI_SECBOOT_H
#define EFI_SECBOOT_H

#include <efi/efi.h>

/* Status codes these protocols return beyond efi.h's. */
#define EFI_SECURITY_VIOLATION  (EFI_ERR_BIT | 26)
#define EFI_NO_MAPPING          (EFI_ERR_BIT | 17)

/* Memory attribute bits (UEFI 2.10, 7.2, EFI_MEMORY_DESCRIPTOR). */
#define EFI_MEMORY_RP           0x0000000000002000ULL   /* read protect */
#define EFI_MEMORY_XP           0x0000000000004000ULL   /* execute protect */
#define EFI_MEMORY_RO           0x0000000000020000ULL   /* read only */
/* The only bits the memory attribute protocol takes. */
#define EFI_MEMORY_ACCESS_MASK  (EFI_MEMORY_RP | EFI_MEMORY_XP | \
                                 EFI_MEMORY_RO)

#define EFI_MEMORY_ATTRIBUTE_PROTOCOL_GUID EFI_GUID(0xf4560cf6, 0x40ec, \
    0x4b4a, 0xa1, 0x92, 0xbf, 0x1d, 0x57, 0xd0, 0xb1, 0x89)

/*
 * EFI_MEMORY_ATTRIBUTE_PROTOCOL: base and length page aligned; Get returns
 * EFI_NO_MAPPING when the range's attributes differ; Set adds the given
 * bits, Clear removes them, neither touches the others.
 */
struct efi_memory_attribute {
    efi_status_t (EFIAPI *get)(struct efi_memory_attribute *self,
                               uint64_t base, uint64_t bytes,
                               uint64_t *attrs);                /* 0 */
    efi_status_t (EFIAPI *set)(struct efi_memory_attribute *self,
                               uint64_t base, uint64_t bytes,
                               uint64_t attrs);                 /* 8 */
    efi_status_t (EFIAPI *clear)(struct efi_memory_attribute *self,
                                 uint64_t base, uint64_t bytes,
                                 uint64_t attrs);               /* 16 */
};
_Static_assert(__builtin_offsetof(struct efi_memory_attribute, clear) == 16,
               "ClearMemoryAttributes");

/* shim's SHIM_LOCK_GUID, also the vendor GUID of its variables. */
#define EFI_SHIM_LOCK_GUID EFI_GUID(0x605dab50, 0xe046, 0x4300, \
    0xab, 0xb6, 0x3d, 0xd8, 0x10, 0xdd, 0x8b, 0x23)

/*
 * SHIM_LOCK: shim declares its functions without the Microsoft
 * convention, so on x86-64 they use the System V one (as Xen and GRUB
 * call them). Verify returns EFI_SUCCESS when the buffer is a PE image
 * signed by a key of db or MokList and not revoked by dbx or MokListX.
 */
typedef efi_status_t efi_shim_lock_verify_fn(void *buffer, uint32_t bytes);
struct efi_shim_lock {
    efi_shim_lock_verify_fn *verify;    /* 0 */
    void *hash;                         /* 8 */
    void *context;                      /* 16 */
};

#endif /* EFI_SECBOOT_H */
