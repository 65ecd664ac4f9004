/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The UEFI types, tables and protocols the hypervisor uses, with the x64
 * layouts of the UEFI specification (offsets in trailing comments, checked
 * below). Function slots we never call are kept as opaque pointers so the
 * offsets stay right. Every function pointer uses the Microsoft x64
 * convention; the hypervisor calls them only through efi_call().
 */
#ifndef EFI_EFI_H
#define EFI_EFI_H

#include <xen/types.h>

#define EFIAPI __attribute__((ms_abi))

typedef uint64_t efi_status_t;
typedef void *efi_handle_t;
typedef uint16_t char16_t;

/* UEFI spec 7.2: an EFI page is always 4 KiB. */
#define EFI_PAGE_SHIFT          12
#define EFI_PAGE_SIZE           (1ULL << EFI_PAGE_SHIFT)

#define EFI_ERR_BIT             (1ULL << 63)
#define EFI_SUCCESS             0
#define EFI_LOAD_ERROR          (EFI_ERR_BIT | 1)
#define EFI_INVALID_PARAMETER   (EFI_ERR_BIT | 2)
#define EFI_UNSUPPORTED         (EFI_ERR_BIT | 3)
#define EFI_BUFFER_TOO_SMALL    (EFI_ERR_BIT | 5)
#define EFI_NOT_READY           (EFI_ERR_BIT | 6)
#define EFI_DEVICE_ERROR        (EFI_ERR_BIT | 7)
#define EFI_OUT_OF_RESOURCES    (EFI_ERR_BIT | 9)
#define EFI_VOLUME_CORRUPTED    (EFI_ERR_BIT | 10)
#define EFI_NOT_FOUND           (EFI_ERR_BIT | 14)
#define EFI_ACCESS_DENIED       (EFI_ERR_BIT | 15)
#define EFI_ABORTED             (EFI_ERR_BIT | 21)

/* UEFI spec, "EFI_GUID". */
struct efi_guid {
    uint32_t d1;        /* 0 */
    uint16_t d2;        /* 4 */
    uint16_t d3;        /* 6 */
    uint8_t d4[8];      /* 8 */
};
_Static_assert(sizeof(struct efi_guid) == 16, "efi_guid");

#define EFI_GUID(a, b, c, d0, d1, d2, d3, d4, d5, d6, d7) \
    { a, b, c, { d0, d1, d2, d3, d4, d5, d6, d7 } }

/* UEFI spec 4.2: common header of the system and services tables. */
struct efi_table_header {
    uint64_t signature;     /* 0 */
    uint32_t revision;      /* 8 */
    uint32_t header_size;   /* 12 */
    uint32_t crc32;         /* 16 */
    uint32_t reserved;      /* 20 */
};
_Static_assert(sizeof(struct efi_table_header) == 24, "efi_table_header");

#define EFI_SYSTEM_TABLE_SIGNATURE  0x5453595320494249ULL

/* UEFI spec 12.4: simple text output (only OutputString is called). */
struct efi_simple_text_output {
    void *reset;                                    /* 0 */
    efi_status_t (EFIAPI *output_string)(struct efi_simple_text_output *,
                                         const char16_t *);  /* 8 */
    void *rest[8];
};

/* UEFI spec 4.6: configuration table entry. */
struct efi_config_table {
    struct efi_guid guid;   /* 0 */
    uint64_t table;         /* 16: physical address */
};
_Static_assert(sizeof(struct efi_config_table) == 24, "efi_config_table");

/* UEFI spec 4.3: system table. */
struct efi_system_table {
    struct efi_table_header hdr;            /* 0 */
    uint64_t firmware_vendor;               /* 24: char16_t * */
    uint32_t firmware_revision;             /* 32 */
    uint32_t pad;
    efi_handle_t con_in_handle;             /* 40 */
    void *con_in;                           /* 48 */
    efi_handle_t con_out_handle;            /* 56 */
    struct efi_simple_text_output *con_out; /* 64 */
    efi_handle_t std_err_handle;            /* 72 */
    void *std_err;                          /* 80 */
    struct efi_runtime_services *rt;        /* 88 */
    struct efi_boot_services *bs;           /* 96 */
    uint64_t nr_tables;                     /* 104 */
    struct efi_config_table *tables;        /* 112 */
};
_Static_assert(sizeof(struct efi_system_table) == 120, "efi_system_table");
_Static_assert(__builtin_offsetof(struct efi_system_table, bs) == 96, "bs");
_Static_assert(__builtin_offsetof(struct efi_system_table, tables) == 112,
               "tables");

/* UEFI spec 7.2: GetMemoryMap's descriptor version, the only one. */
#define EFI_MEMORY_DESCRIPTOR_VERSION   1

#define EFI_ALLOCATE_ANY_PAGES      0
#define EFI_ALLOCATE_MAX_ADDRESS    1
#define EFI_ALLOCATE_ADDRESS        2
#define EFI_LOADER_DATA             2
#define EFI_ACPI_RECLAIM_MEMORY     9

/* UEFI spec 4.4: boot services, in table order. */
struct efi_boot_services {
    struct efi_table_header hdr;            /* 0 */
    void *raise_tpl, *restore_tpl;          /* 24, 32 */
    efi_status_t (EFIAPI *allocate_pages)(uint32_t type, uint32_t mem_type,
                                          uint64_t nr_pages, uint64_t *pa);
                                            /* 40 */
    efi_status_t (EFIAPI *free_pages)(uint64_t pa, uint64_t nr_pages); /* 48 */
    efi_status_t (EFIAPI *get_memory_map)(uint64_t *map_bytes, void *map,
                                          uint64_t *key, uint64_t *desc_bytes,
                                          uint32_t *desc_version);  /* 56 */
    void *allocate_pool, *free_pool;        /* 64, 72 */
    void *create_event, *set_timer, *wait_for_event, *signal_event,
         *close_event, *check_event;        /* 80 .. 120 */
    void *install_protocol, *reinstall_protocol, *uninstall_protocol;
                                            /* 128 .. 144 */
    efi_status_t (EFIAPI *handle_protocol)(efi_handle_t h,
                                           const struct efi_guid *guid,
                                           void **iface);   /* 152 */
    void *reserved, *register_notify, *locate_handle, *locate_device_path;
                                            /* 160 .. 184 */
    void *install_configuration_table;      /* 192 */
    void *load_image, *start_image;         /* 200, 208 */
    efi_status_t (EFIAPI *exit)(efi_handle_t image, efi_status_t status,
                                uint64_t data_bytes, char16_t *data); /* 216 */
    void *unload_image;                     /* 224 */
    efi_status_t (EFIAPI *exit_boot_services)(efi_handle_t image,
                                              uint64_t key);  /* 232 */
    void *get_next_monotonic_count, *stall, *set_watchdog_timer;
                                            /* 240 .. 256 */
    void *connect_controller, *disconnect_controller;  /* 264, 272 */
    void *open_protocol, *close_protocol, *open_protocol_information;
                                            /* 280 .. 296 */
    void *protocols_per_handle, *locate_handle_buffer;  /* 304, 312 */
    efi_status_t (EFIAPI *locate_protocol)(const struct efi_guid *guid,
                                           void *registration,
                                           void **iface);   /* 320 */
    void *rest[6];
};
_Static_assert(__builtin_offsetof(struct efi_boot_services, get_memory_map)
               == 56, "get_memory_map");
_Static_assert(__builtin_offsetof(struct efi_boot_services, exit) == 216,
               "exit");
_Static_assert(__builtin_offsetof(struct efi_boot_services, handle_protocol)
               == 152, "handle_protocol");
_Static_assert(__builtin_offsetof(struct efi_boot_services,
                                  exit_boot_services) == 232, "ebs");
_Static_assert(__builtin_offsetof(struct efi_boot_services, locate_protocol)
               == 320, "locate_protocol");

#define EFI_RESET_COLD      0
#define EFI_RESET_SHUTDOWN  2

/* UEFI spec 4.5: runtime services. */
struct efi_runtime_services {
    struct efi_table_header hdr;            /* 0 */
    void *get_time, *set_time, *get_wakeup_time, *set_wakeup_time;
                                            /* 24 .. 48 */
    void *set_virtual_address_map, *convert_pointer;    /* 56, 64 */
    efi_status_t (EFIAPI *get_variable)(const char16_t *name,
                                        const struct efi_guid *vendor,
                                        uint32_t *attr, uint64_t *bytes,
                                        void *data);    /* 72 */
    void *get_next_variable_name, *set_variable;        /* 80, 88 */
    void *get_next_high_monotonic_count;    /* 96 */
    void (EFIAPI *reset_system)(uint32_t type, efi_status_t status,
                                uint64_t data_bytes, void *data);  /* 104 */
    void *update_capsule, *query_capsule_capabilities,
         *query_variable_info;              /* 112 .. 128 */
};
_Static_assert(sizeof(struct efi_runtime_services) == 136, "rt");
_Static_assert(__builtin_offsetof(struct efi_runtime_services, get_variable)
               == 72, "get_variable");
_Static_assert(__builtin_offsetof(struct efi_runtime_services, reset_system)
               == 104, "reset_system");

/* UEFI spec 9.1: loaded image protocol. */
struct efi_loaded_image {
    uint32_t revision;                      /* 0 */
    efi_handle_t parent;                    /* 8 */
    struct efi_system_table *system_table;  /* 16 */
    efi_handle_t device;                    /* 24 */
    void *file_path;                        /* 32: device path */
    void *reserved;                         /* 40 */
    uint32_t load_options_bytes;            /* 48 */
    void *load_options;                     /* 56 */
    void *image_base;                       /* 64 */
    uint64_t image_bytes;                   /* 72 */
    uint32_t code_type, data_type;          /* 80, 84 */
    void *unload;                           /* 88 */
};
_Static_assert(__builtin_offsetof(struct efi_loaded_image, image_base) == 64,
               "image_base");
_Static_assert(sizeof(struct efi_loaded_image) == 96, "loaded_image");

/* UEFI spec 10.3.1: device path node header; 10.3.5.4 file path node. */
struct efi_device_path {
    uint8_t type;           /* 0 */
    uint8_t subtype;        /* 1 */
    uint8_t length[2];      /* 2: little endian, header included */
};
#define EFI_DP_TYPE_MESSAGING   3
#define EFI_DP_SUBTYPE_UART     14
#define EFI_DP_TYPE_MEDIA       4
#define EFI_DP_SUBTYPE_FILE     4
#define EFI_DP_TYPE_END         0x7f

/* UEFI spec 13.4: simple file system; 13.5: file protocol. */
struct efi_file {
    uint64_t revision;                                      /* 0 */
    efi_status_t (EFIAPI *open)(struct efi_file *self,
                                struct efi_file **out,
                                const char16_t *name, uint64_t mode,
                                uint64_t attr);             /* 8 */
    efi_status_t (EFIAPI *close)(struct efi_file *self);    /* 16 */
    void *delete;                                           /* 24 */
    efi_status_t (EFIAPI *read)(struct efi_file *self, uint64_t *bytes,
                                void *buf);                 /* 32 */
    void *write;                                            /* 40 */
    void *get_position, *set_position;                      /* 48, 56 */
    efi_status_t (EFIAPI *get_info)(struct efi_file *self,
                                    const struct efi_guid *type,
                                    uint64_t *bytes, void *buf); /* 64 */
};
_Static_assert(__builtin_offsetof(struct efi_file, get_info) == 64, "info");

struct efi_simple_file_system {
    uint64_t revision;                                      /* 0 */
    efi_status_t (EFIAPI *open_volume)(struct efi_simple_file_system *self,
                                       struct efi_file **root); /* 8 */
};

#define EFI_FILE_MODE_READ  1

/* UEFI spec 13.5.16: EFI_FILE_INFO (name follows). */
struct efi_file_info {
    uint64_t size;              /* 0: of this structure */
    uint64_t file_size;         /* 8 */
    uint64_t physical_size;     /* 16 */
    uint8_t times[48];          /* 24: create, access, modification */
    uint64_t attribute;         /* 72 */
};
_Static_assert(__builtin_offsetof(struct efi_file_info, attribute) == 72,
               "file_info");

#define EFI_GLOBAL_VARIABLE_GUID EFI_GUID(0x8be4df61, 0x93ca, 0x11d2, \
    0xaa, 0x0d, 0x00, 0xe0, 0x98, 0x03, 0x2b, 0x8c)
/* EDK2 Protocol/MemoryAccept.h: one function. */
struct efi_memory_accept {
    efi_status_t (EFIAPI *accept)(struct efi_memory_accept *self,
                                  uint64_t start_pa, uint64_t bytes);
};
#define EFI_MEMORY_ACCEPT_PROTOCOL_GUID EFI_GUID(0x38c74800, 0x5590, \
    0x4db4, 0xa0, 0xf3, 0x67, 0x5d, 0x9b, 0x8e, 0x80, 0x26)

/*
 * OVMF's SEV memory-acceptance protocol: calling it before ExitBootServices
 * stops OVMF from accepting all memory at that point.
 */
struct efi_sev_accept {
    efi_status_t (EFIAPI *allow_unaccepted)(struct efi_sev_accept *self);
};
#define EFI_SEV_MEMORY_ACCEPTANCE_GUID EFI_GUID(0xc5a010fe, 0x38a7, 0x4531, \
    0x8a, 0x4a, 0x05, 0x00, 0xd2, 0xfd, 0x16, 0x49)

#define EFI_LOADED_IMAGE_GUID EFI_GUID(0x5b1b31a1, 0x9562, 0x11d2, \
    0x8e, 0x3f, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define EFI_SIMPLE_FILE_SYSTEM_GUID EFI_GUID(0x964e5b22, 0x6459, 0x11d2, \
    0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define EFI_FILE_INFO_GUID EFI_GUID(0x09576e92, 0x6d3f, 0x11d2, \
    0x8e, 0x39, 0x00, 0xa0, 0xc9, 0x69, 0x72, 0x3b)
#define EFI_ACPI_20_TABLE_GUID EFI_GUID(0x8868e871, 0xe4f1, 0x11d3, \
    0xbc, 0x22, 0x00, 0x80, 0xc7, 0x3c, 0x88, 0x81)
#define EFI_ACPI_TABLE_GUID EFI_GUID(0xeb9d2d30, 0x2d88, 0x11d3, \
    0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d)
#define EFI_SMBIOS_TABLE_GUID EFI_GUID(0xeb9d2d31, 0x2d88, 0x11d3, \
    0x9a, 0x16, 0x00, 0x90, 0x27, 0x3f, 0xc1, 0x4d)
#define EFI_SMBIOS3_TABLE_GUID EFI_GUID(0xf2fd1544, 0x9794, 0x4a2c, \
    0x99, 0x2e, 0xe5, 0xbb, 0xcf, 0x20, 0xe3, 0x94)
#define EFI_ESRT_GUID EFI_GUID(0xb122a263, 0x3661, 0x4f68, \
    0x99, 0x29, 0x78, 0xf8, 0xb0, 0xd6, 0x21, 0x80)
#define EFI_MEMORY_ATTRIBUTES_TABLE_GUID EFI_GUID(0xdcfa911d, 0x26eb, 0x469f, \
    0xa2, 0x20, 0x38, 0xb7, 0xdc, 0x46, 0x12, 0x20)

#endif /* EFI_EFI_H */
