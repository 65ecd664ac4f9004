/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * efishim.efi, the project's firmware test shim, run by the UEFI shell
 * before the image under test. It makes ranges of conventional memory
 * look like EfiUnacceptedMemoryType (15) in GetMemoryMap() and installs a
 * memory-accept protocol that turns them back into conventional memory,
 * logging every call. The file is an EFI application, which is what the
 * shell runs; it restarts itself as a resident boot-service driver
 * (relaunch.c) and does its work in that role.
 *
 * Lines it prints on ConOut (the serial port under OVMF), one fixed format
 * each, for test/boot to match:
 *
 *   SHIM: poisoned %u pages in %u ranges, %u ranges skipped     poison=1
 *   SHIM: esrt replaces the firmware's table at 0x%016x   if it had one
 *   SHIM: esrt planted at 0x%016x type %u bytes %u crc32 %08x
 *   SHIM: esrt straddles into type %u at 0x%016x     straddle-desc only
 *   SHIM: esrt header: ...                     include/xen/esrt.h, then
 *   SHIM: esrt entry %u: ...                   one per entry laid out
 *   SHIM: esrt pages freed: conventional memory    a conventional part
 *   SHIM: esrt pages reused: 0x%016x, %u pages written over with 0xaf
 *                                              esrt-type=reused
 *   SHIM: esrt pointer 0x%016x outside the memory map installed
 *   SHIM: acpi20 pointer 0x%016x installed                acpi20=ADDR
 *   SHIM: unaccepted [0x%016x, 0x%016x) %u pages     one per range
 *   SHIM: unaccepted total %u pages in %u ranges
 *   SHIM: memory-accept protocol installed
 *   SHIM: GetMemoryMap wrapped
 *   SHIM: ExitBootServices wrapped: first %u calls fail      ebs-fail=K
 *   SHIM: accept [0x%016x, 0x%016x) ok               each AcceptMemory()
 *   SHIM: ebs-fail %u of %u: map key changed     each failed EBS call
 *   SHIM: ERR: <what>                                 any failure
 *
 * in this order. "type" is the EFI memory type of the table's first byte
 * as the map shows it (7 for esrt-type=conventional); crc32 is
 * include/xen/crc32.h over exactly the planted bytes (16 + 40 * N).
 *
 * The types and slots of include/efi/efi.h are reused; what the
 * hypervisor never needs lives here.
 */
#ifndef SHIM_H
#define SHIM_H

#include <efi/efi.h>

#define SHIM_ALLOCATE_ADDRESS   2       /* EFI_ALLOCATE_TYPE AllocateAddress */
#define SHIM_NATIVE_INTERFACE   0       /* EFI_INTERFACE_TYPE */
#define SHIM_TPL_HIGH_LEVEL     31

/*
 * The memory type the shim allocates its unaccepted ranges as, so that
 * nothing else is handed them and GetMemoryMap() shows exactly them under
 * a type no other driver uses (UEFI reserves 0x70000000..0x7fffffff for
 * OEMs; the shim stands in for the platform). Touching allocations of one
 * type may be merged by the firmware; the wrapper cuts by range anyway.
 */
#define SHIM_MEM_TYPE           0x7fe15000U

/* EDK2 MdePkg/Include/Protocol/MemoryAccept.h. */
#define SHIM_MEMORY_ACCEPT_GUID EFI_GUID(0x38c74800, 0x5590, 0x4db4, \
    0xa0, 0xf3, 0x67, 0x5d, 0x9b, 0x8e, 0x80, 0x26)

/* One AcceptMemory() call as the shim saw it. */
struct shim_accept_record {
    uint64_t start_pa;          /* 0 */
    uint64_t bytes;             /* 8 */
    efi_status_t status;        /* 16: what the call returned */
};

#define SHIM_ACCEPT_LOG         128
#define SHIM_ACCEPT_SIGNATURE   0x545043414d494853ULL   /* "SHIMACPT" */

/*
 * EDKII_MEMORY_ACCEPT_PROTOCOL: one function, AcceptMemory(This, Start,
 * Size). The shim's call log follows the protocol's slot, so a test that
 * holds the interface pointer can read it after checking the signature.
 */
struct shim_memory_accept {
    efi_status_t (EFIAPI *accept_memory)(struct shim_memory_accept *self,
                                         uint64_t start_pa,
                                         uint64_t bytes);  /* 0 */
    uint64_t signature;         /* 8: SHIM_ACCEPT_SIGNATURE */
    uint32_t nr_calls;          /* 16: every call, logged or not */
    uint32_t nr_logged;         /* 20: the first SHIM_ACCEPT_LOG of them */
    struct shim_accept_record log[SHIM_ACCEPT_LOG];    /* 24 */
};
_Static_assert(__builtin_offsetof(struct shim_memory_accept, accept_memory)
               == 0, "accept_memory");
_Static_assert(__builtin_offsetof(struct shim_memory_accept, log) == 24,
               "log");

/*
 * Boot-services slots efi.h keeps opaque (UEFI spec 4.4, table order),
 * typed here; the offsets are checked against struct efi_boot_services.
 */
typedef uint64_t (EFIAPI *shim_raise_tpl_fn)(uint64_t tpl);
typedef void (EFIAPI *shim_restore_tpl_fn)(uint64_t tpl);
typedef efi_status_t (EFIAPI *shim_install_protocol_fn)(
    efi_handle_t *handle, const struct efi_guid *guid, uint32_t iface_type,
    void *iface);
typedef efi_status_t (EFIAPI *shim_install_config_table_fn)(
    const struct efi_guid *guid, void *table);
typedef efi_status_t (EFIAPI *shim_exit_boot_services_fn)(efi_handle_t image,
                                                          uint64_t key);
typedef efi_status_t (EFIAPI *shim_calculate_crc32_fn)(const void *data,
                                                       uint64_t bytes,
                                                       uint32_t *crc);
typedef efi_status_t (EFIAPI *shim_load_image_fn)(
    uint8_t boot_policy, efi_handle_t parent, const void *device_path,
    void *source, uint64_t source_bytes, efi_handle_t *image);
typedef efi_status_t (EFIAPI *shim_start_image_fn)(efi_handle_t image,
                                                   uint64_t *exit_data_bytes,
                                                   char16_t **exit_data);
typedef efi_status_t (EFIAPI *shim_unload_image_fn)(efi_handle_t image);
typedef efi_status_t (EFIAPI *shim_get_memory_map_fn)(
    uint64_t *map_bytes, void *map, uint64_t *key, uint64_t *desc_bytes,
    uint32_t *desc_version);

#define SHIM_BS_CRC32_SLOT      2       /* rest[2]: CalculateCrc32 */

/*
 * Entries of OVMF's configuration table nothing reads once the DXE phase
 * is over (EDK2 MdePkg/Include/Guid/DebugImageInfoTable.h and
 * MdeModulePkg/Include/Guid/MemoryTypeInformation.h): esrt-dup= writes
 * its second ESRT entry over one of them, so the array keeps its size.
 */
#define SHIM_DEBUG_IMAGE_INFO_GUID EFI_GUID(0x49152e77, 0x1ada, 0x4764, \
    0xb7, 0xa2, 0x7a, 0xfe, 0xfe, 0xd9, 0x5e, 0x8b)
#define SHIM_MEMORY_TYPE_INFO_GUID EFI_GUID(0x4c19049f, 0x4137, 0x4dd3, \
    0x9c, 0x10, 0x8b, 0x97, 0xa8, 0x3f, 0xfd, 0xfa)

/* UEFI spec 10.2: the device path protocol. */
#define EFI_DEVICE_PATH_GUID EFI_GUID(0x09576e91, 0x6d3f, 0x11d2, \
    0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)

/* EDK2 MdePkg/Include/Guid/SystemResourceTable.h. */
#define SHIM_ESRT_GUID EFI_GUID(0xb122a263, 0x3661, 0x4f68, \
    0x99, 0x29, 0x78, 0xf8, 0xb0, 0xd6, 0x21, 0x80)

_Static_assert(__builtin_offsetof(struct efi_boot_services, raise_tpl) == 24,
               "RaiseTPL");
_Static_assert(__builtin_offsetof(struct efi_boot_services, restore_tpl)
               == 32, "RestoreTPL");
_Static_assert(__builtin_offsetof(struct efi_boot_services, install_protocol)
               == 128, "InstallProtocolInterface");
_Static_assert(__builtin_offsetof(struct efi_boot_services, load_image)
               == 200, "LoadImage");
_Static_assert(__builtin_offsetof(struct efi_boot_services, start_image)
               == 208, "StartImage");
_Static_assert(__builtin_offsetof(struct efi_boot_services, unload_image)
               == 224, "UnloadImage");
_Static_assert(__builtin_offsetof(struct efi_boot_services, rest) +
               SHIM_BS_CRC32_SLOT * sizeof(void *) == 344, "CalculateCrc32");

/*
 * The entry point (PE AddressOfEntryPoint) of both roles: loaded as an
 * application it relaunches itself, loaded as a driver it does the work.
 */
efi_status_t EFIAPI shim_entry(efi_handle_t image,
                               struct efi_system_table *st);

/*
 * Where the shim's own GetMemoryMap() calls put the map (boot services
 * run one thing at a time: one buffer serves them all).
 */
#define SHIM_MAP_BUF_BYTES  (64 * 1024)
extern uint8_t shim_map_buf[SHIM_MAP_BUF_BYTES];

/* Prints "SHIM: " and the formatted text as one line on ConOut. */
void shim_line(const char *fmt, ...) __printf(1, 2);

/*
 * Loads the file of image (li its loaded-image protocol) again as a
 * boot-service driver, hands it li's load options and starts it; returns
 * what the driver's entry point returned, or why it could not start.
 */
efi_status_t relaunch_as_driver(efi_handle_t image,
                                const struct efi_loaded_image *li,
                                struct efi_boot_services *bs);

#endif /* SHIM_H */
