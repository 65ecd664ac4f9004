/* SPDX-License-Identifier: MIT */
/*
 * platform_op (hypercall 7): privileged platform queries, here chiefly the
 * firmware information a dom0 needs to find EFI, its configuration tables
 * and the memory descriptors around them. Numbers and layouts are Xen's
 * (xen/include/public/platform.h) except XEN_FW_EFI_MEMORY_MAP, this
 * project's extension, described where it is defined and in
 * docs/hypercalls.md.
 *
 * There is no e820 query here: Xen gives the host e820 to dom0 through
 * memory_op XENMEM_machine_memory_map (memory.h), and so do we.
 */
#ifndef PUBLIC_PLATFORM_H
#define PUBLIC_PLATFORM_H

#include "xen.h"

/* xen_platform_op.interface_version must hold this, else -EACCES. */
#define XENPF_INTERFACE_VERSION     0x03000001

/* xen_platform_op.cmd. */
#define XENPF_settime32             17
#define XENPF_add_memtype           31
#define XENPF_del_memtype           32
#define XENPF_read_memtype          33
#define XENPF_microcode_update      35
#define XENPF_platform_quirk        39
#define XENPF_get_cpu_version       48
#define XENPF_efi_runtime_call      49
#define XENPF_firmware_info         50
#define XENPF_enter_acpi_sleep      51
#define XENPF_change_freq           52
#define XENPF_getidletime           53
#define XENPF_set_processor_pminfo  54
#define XENPF_get_cpuinfo           55
#define XENPF_cpu_online            56
#define XENPF_cpu_offline           57
#define XENPF_cpu_hotadd            58
#define XENPF_mem_hotadd            59
#define XENPF_core_parking          60
#define XENPF_resource_op           61
#define XENPF_settime64             62
#define XENPF_get_symbol            63
/* Added after Xen 4.17 (not in Debian's libxen-dev, so not probed). */
#define XENPF_get_dom0_console      64
#define XENPF_get_ucode_revision    65
#define XENPF_microcode_update2     66

/*
 * Our extension: the boot timeline (TSC stamps from the image's first
 * instruction to dom0's), argument struct xenpf_boot_timeline. Xen numbers
 * its platform_op commands densely (1 to 66 so far), so a command with bit
 * 31 set cannot collide with a current or future Xen one; Xen answers
 * -ENOSYS to it, which tells a tool the extension is absent.
 */
#define XENPF_get_boot_timeline     xen_mk_uint(0x80000000)

/* Bytes of a stamp's name and of the TSC source's name, NUL included. */
#define XENPF_BOOT_STAMP_NAME_SIZE  24
#define XENPF_BOOT_TSC_SOURCE_SIZE  16

/* XENPF_efi_runtime_call: xenpf_efi_runtime_call.function. */
#define XEN_EFI_get_time                        1
#define XEN_EFI_set_time                        2
#define XEN_EFI_get_wakeup_time                 3
#define XEN_EFI_set_wakeup_time                 4
#define XEN_EFI_get_next_high_monotonic_count   5
#define XEN_EFI_get_variable                    6
#define XEN_EFI_set_variable                    7
#define XEN_EFI_get_next_variable_name          8
#define XEN_EFI_query_variable_info             9
#define XEN_EFI_query_capsule_capabilities      10
#define XEN_EFI_update_capsule                  11

/* xenpf_efi_runtime_call.misc, per function. */
#define XEN_EFI_GET_TIME_SET_CLEARS_NS          0x00000001
#define XEN_EFI_GET_WAKEUP_TIME_ENABLED         0x00000001
#define XEN_EFI_GET_WAKEUP_TIME_PENDING         0x00000002
#define XEN_EFI_SET_WAKEUP_TIME_ENABLE          0x00000001
#define XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY     0x00000002
#define XEN_EFI_VARIABLE_NON_VOLATILE           0x00000001
#define XEN_EFI_VARIABLE_BOOTSERVICE_ACCESS     0x00000002
#define XEN_EFI_VARIABLE_RUNTIME_ACCESS         0x00000004
#define XEN_EFI_VARINFO_BOOT_SNAPSHOT           0x00000001

/* XENPF_firmware_info: xenpf_firmware_info.type. */
#define XEN_FW_DISK_INFO            1
#define XEN_FW_DISK_MBR_SIGNATURE   2
#define XEN_FW_VBEDDC_INFO          3
#define XEN_FW_EFI_INFO             4
#define XEN_FW_KBD_SHIFT_FLAGS      5

/* XEN_FW_EFI_INFO: xenpf_firmware_info.index selects the sub-op. */
#define XEN_FW_EFI_VERSION          0
#define XEN_FW_EFI_CONFIG_TABLE     1
#define XEN_FW_EFI_VENDOR           2
#define XEN_FW_EFI_MEM_INFO         3
#define XEN_FW_EFI_RT_VERSION       4
#define XEN_FW_EFI_PCI_ROM          5
#define XEN_FW_EFI_APPLE_PROPERTIES 6

/*
 * Our extension: the EFI memory map as the hypervisor keeps it after
 * ExitBootServices. Xen numbers its sub-ops densely from 0 (0 to 6 in
 * fifteen years), so its next one will be 7 and a dense list never reaches
 * bit 31; an index with bit 31 set can therefore not collide with a
 * current or future Xen sub-op that might give the same index another
 * layout. Xen itself answers -EINVAL to it (unknown index), which tells a
 * tool that the extension is absent. Layout: union xenpf_efi_info.memmap.
 */
#define XEN_FW_EFI_MEMORY_MAP       xen_mk_uint(0x80000000)

/*
 * Descriptor version XEN_FW_EFI_MEMORY_MAP reports (UEFI's
 * EFI_MEMORY_DESCRIPTOR_VERSION), and the least descriptor size a caller
 * must accept; records are stepped by the reported desc_size, which may be
 * larger.
 */
#define XEN_FW_EFI_MEMORY_DESC_VERSION  1
#define XEN_FW_EFI_MEMORY_DESC_MIN_SIZE 40

#ifndef __ASSEMBLY__

/* Xen platform.h: laid out exactly like EFI_TIME. */
struct xenpf_efi_time {
    uint16_t year;              /* 0 */
    uint8_t month;              /* 2 */
    uint8_t day;                /* 3 */
    uint8_t hour;               /* 4 */
    uint8_t min;                /* 5 */
    uint8_t sec;                /* 6 */
    uint32_t ns;                /* 8 */
    int16_t tz;                 /* 12 */
    uint8_t daylight;           /* 14 */
};
_Static_assert(sizeof(struct xenpf_efi_time) == 16, "xenpf_efi_time");
_Static_assert(offsetof(struct xenpf_efi_time, ns) == 8, "efi_time.ns");
_Static_assert(offsetof(struct xenpf_efi_time, tz) == 12, "efi_time.tz");

/* Xen platform.h: laid out exactly like EFI_GUID. */
struct xenpf_efi_guid {
    uint32_t data1;             /* 0 */
    uint16_t data2;             /* 4 */
    uint16_t data3;             /* 6 */
    uint8_t data4[8];           /* 8 */
};
_Static_assert(sizeof(struct xenpf_efi_guid) == 16, "xenpf_efi_guid");

/* Xen platform.h: argument of XENPF_efi_runtime_call. */
struct xenpf_efi_runtime_call {
    uint32_t function;          /* 0: XEN_EFI_* */
    uint32_t misc;              /* 4: per-function flags, or the count */
    xen_ulong_t status;         /* 8: out: EFI_STATUS */
    union {
        struct {
            struct xenpf_efi_time time;         /* 16 */
            uint32_t resolution;                /* 32 */
            uint32_t accuracy;                  /* 36 */
        } get_time;
        struct xenpf_efi_time set_time;         /* 16 */
        struct xenpf_efi_time get_wakeup_time;  /* 16 */
        struct xenpf_efi_time set_wakeup_time;  /* 16 */
        struct {
            XEN_GUEST_HANDLE(void) name;        /* 16: UCS-2, 0-ended */
            xen_ulong_t size;                   /* 24: bytes, in/out */
            XEN_GUEST_HANDLE(void) data;        /* 32 */
            struct xenpf_efi_guid vendor_guid;  /* 40 */
        } get_variable, set_variable;
        struct {
            xen_ulong_t size;                   /* 16: bytes, in/out */
            XEN_GUEST_HANDLE(void) name;        /* 24 */
            struct xenpf_efi_guid vendor_guid;  /* 32 */
        } get_next_variable_name;
        struct {
            uint32_t attr;                      /* 16 */
            uint64_t max_store_size;            /* 24 */
            uint64_t remain_store_size;         /* 32 */
            uint64_t max_size;                  /* 40 */
        } query_variable_info;
        struct {
            XEN_GUEST_HANDLE(void) capsule_header_array; /* 16 */
            xen_ulong_t capsule_count;          /* 24 */
            uint64_t max_capsule_size;          /* 32 */
            uint32_t reset_type;                /* 40 */
        } query_capsule_capabilities;
        struct {
            XEN_GUEST_HANDLE(void) capsule_header_array; /* 16 */
            xen_ulong_t capsule_count;          /* 24 */
            uint64_t sg_list;                   /* 32: machine address */
        } update_capsule;
    } u;                        /* 16 */
};
typedef struct xenpf_efi_runtime_call xenpf_efi_runtime_call_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_efi_runtime_call_t);
_Static_assert(sizeof(struct xenpf_efi_runtime_call) == 56,
               "xenpf_efi_runtime_call");
_Static_assert(offsetof(struct xenpf_efi_runtime_call, status) == 8,
               "efi_runtime_call.status");
_Static_assert(offsetof(struct xenpf_efi_runtime_call, u) == 16,
               "efi_runtime_call.u");
_Static_assert(offsetof(struct xenpf_efi_runtime_call,
                        u.get_variable.vendor_guid) == 40,
               "efi_runtime_call.get_variable.vendor_guid");
_Static_assert(offsetof(struct xenpf_efi_runtime_call,
                        u.query_variable_info.max_size) == 40,
               "efi_runtime_call.query_variable_info.max_size");
_Static_assert(offsetof(struct xenpf_efi_runtime_call,
                        u.query_capsule_capabilities.reset_type) == 40,
               "efi_runtime_call.query_capsule_capabilities.reset_type");

/*
 * Xen platform.h, union xenpf_efi_info: the XEN_FW_EFI_INFO sub-ops, offsets
 * from the start of the union (add 8 within xenpf_firmware_info, 16 within
 * xen_platform_op). Which fields are in and out is in docs/hypercalls.md.
 */
union xenpf_efi_info {
    uint32_t version;                   /* 0: VERSION, RT_VERSION */
    struct {
        uint64_t addr;                  /* 0: config table array */
        uint32_t nent;                  /* 8: its entries */
    } cfg;                              /* CONFIG_TABLE */
    struct {
        uint32_t revision;              /* 0: firmware revision */
        uint32_t bufsz;                 /* 4: in: bytes at name */
        XEN_GUEST_HANDLE(void) name;    /* 8: UCS-2 vendor string */
    } vendor;                           /* VENDOR */
    struct {
        uint64_t addr;                  /* 0: in */
        uint64_t size;                  /* 8: in/out */
        uint64_t attr;                  /* 16: out: EFI attributes */
        uint32_t type;                  /* 24: out: EFI memory type */
    } mem;                              /* MEM_INFO */
    struct {
        uint16_t segment;               /* 0: in */
        uint8_t bus;                    /* 2: in */
        uint8_t devfn;                  /* 3: in */
        uint16_t vendor;                /* 4: in */
        uint16_t devid;                 /* 6: in */
        uint64_t address;               /* 8: out */
        xen_ulong_t size;               /* 16: out */
    } pci_rom;                          /* PCI_ROM */
    struct {
        uint64_t address;               /* 0: out */
        xen_ulong_t size;               /* 8: out */
    } apple_properties;                 /* APPLE_PROPERTIES */
    /*
     * Ours, XEN_FW_EFI_MEMORY_MAP. In: buffer (may be null) and size, the
     * bytes available there; pad must be 0. Out, on success and on
     * -ENOBUFS: size = bytes of the whole map (nr_desc * desc_size),
     * desc_size, desc_version, nr_desc. A null buffer only asks for the
     * sizes (returns 0); a smaller non-zero buffer gets -ENOBUFS and is
     * left untouched.
     */
    struct {
        XEN_GUEST_HANDLE(void) buffer;  /* 0: in: EFI descriptors */
        uint64_t size;                  /* 8: in/out: bytes */
        uint32_t desc_size;             /* 16: out: bytes per record */
        uint32_t desc_version;          /* 20: out: 1 */
        uint32_t nr_desc;               /* 24: out: records */
        uint32_t pad;                   /* 28: in: 0 */
    } memmap;                           /* MEMORY_MAP */
};
_Static_assert(sizeof(union xenpf_efi_info) == 32, "xenpf_efi_info");
_Static_assert(offsetof(union xenpf_efi_info, cfg.nent) == 8, "cfg.nent");
_Static_assert(offsetof(union xenpf_efi_info, vendor.bufsz) == 4,
               "vendor.bufsz");
_Static_assert(offsetof(union xenpf_efi_info, vendor.name) == 8,
               "vendor.name");
_Static_assert(offsetof(union xenpf_efi_info, mem.size) == 8, "mem.size");
_Static_assert(offsetof(union xenpf_efi_info, mem.attr) == 16, "mem.attr");
_Static_assert(offsetof(union xenpf_efi_info, mem.type) == 24, "mem.type");
_Static_assert(offsetof(union xenpf_efi_info, pci_rom.address) == 8,
               "pci_rom.address");
_Static_assert(offsetof(union xenpf_efi_info, pci_rom.size) == 16,
               "pci_rom.size");
_Static_assert(offsetof(union xenpf_efi_info, apple_properties.size) == 8,
               "apple_properties.size");
_Static_assert(offsetof(union xenpf_efi_info, memmap.size) == 8,
               "memmap.size");
_Static_assert(offsetof(union xenpf_efi_info, memmap.desc_size) == 16,
               "memmap.desc_size");
_Static_assert(offsetof(union xenpf_efi_info, memmap.desc_version) == 20,
               "memmap.desc_version");
_Static_assert(offsetof(union xenpf_efi_info, memmap.nr_desc) == 24,
               "memmap.nr_desc");
_Static_assert(offsetof(union xenpf_efi_info, memmap.pad) == 28,
               "memmap.pad");

/*
 * UEFI spec, "GetMemoryMap()": EFI_MEMORY_DESCRIPTOR version 1, the record
 * XEN_FW_EFI_MEMORY_MAP writes (every desc_size bytes; fields past 40
 * bytes, if any, are the firmware's). Ours: Xen's public headers have no
 * EFI descriptor.
 */
struct xenpf_efi_memory_desc {
    uint32_t type;              /* 0: EFI memory type */
    uint32_t pad;               /* 4 */
    uint64_t phys_addr;         /* 8 */
    uint64_t virt_addr;         /* 16 */
    uint64_t num_pages;         /* 24: 4 KiB pages */
    uint64_t attribute;         /* 32: EFI_MEMORY_* bits */
};
_Static_assert(sizeof(struct xenpf_efi_memory_desc) ==
               XEN_FW_EFI_MEMORY_DESC_MIN_SIZE, "xenpf_efi_memory_desc");
_Static_assert(offsetof(struct xenpf_efi_memory_desc, phys_addr) == 8,
               "efi_memory_desc.phys_addr");
_Static_assert(offsetof(struct xenpf_efi_memory_desc, num_pages) == 24,
               "efi_memory_desc.num_pages");
_Static_assert(offsetof(struct xenpf_efi_memory_desc, attribute) == 32,
               "efi_memory_desc.attribute");

/* Xen platform.h: argument of XENPF_enter_acpi_sleep. */
#define XENPF_ACPI_SLEEP_EXTENDED   0x00000001
struct xenpf_enter_acpi_sleep {
    uint16_t val_a;             /* 0: PM1a control, or sleep type A */
    uint16_t val_b;             /* 2: PM1b control, or sleep type B */
    uint32_t sleep_state;       /* 4: S-state */
    uint32_t flags;             /* 8: XENPF_ACPI_SLEEP_* */
};
typedef struct xenpf_enter_acpi_sleep xenpf_enter_acpi_sleep_t;
_Static_assert(sizeof(struct xenpf_enter_acpi_sleep) == 12,
               "xenpf_enter_acpi_sleep");

/* Xen platform.h: argument of XENPF_get_cpuinfo. */
#define XEN_PCPU_FLAGS_ONLINE       1
#define XEN_PCPU_FLAGS_INVALID      2
struct xenpf_pcpuinfo {
    uint32_t xen_cpuid;         /* 0: in */
    uint32_t max_present;       /* 4: out: highest present CPU number */
    uint32_t flags;             /* 8: out: XEN_PCPU_FLAGS_* */
    uint32_t apic_id;           /* 12: out */
    uint32_t acpi_id;           /* 16: out */
};
typedef struct xenpf_pcpuinfo xenpf_pcpuinfo_t;
_Static_assert(sizeof(struct xenpf_pcpuinfo) == 20, "xenpf_pcpuinfo");

/* Xen platform.h: argument of XENPF_firmware_info. */
struct xenpf_firmware_info {
    uint32_t type;              /* 0: in: XEN_FW_* */
    uint32_t index;             /* 4: in: sub-op or item number */
    union {
        struct {
            uint8_t device;                     /* 8 */
            uint8_t version;                    /* 9 */
            uint16_t interface_support;         /* 10 */
            uint16_t legacy_max_cylinder;       /* 12 */
            uint8_t legacy_max_head;            /* 14 */
            uint8_t legacy_sectors_per_track;   /* 15 */
            XEN_GUEST_HANDLE(void) edd_params;  /* 16 */
        } disk_info;
        struct {
            uint8_t device;                     /* 8 */
            uint32_t mbr_signature;             /* 12 */
        } disk_mbr_signature;
        struct {
            uint8_t capabilities;               /* 8 */
            uint8_t edid_transfer_time;         /* 9 */
            XEN_GUEST_HANDLE(uint8) edid;       /* 16: 128 bytes */
        } vbeddc_info;
        union xenpf_efi_info efi_info;          /* 8 */
        uint8_t kbd_shift_flags;                /* 8 */
    } u;                        /* 8 */
};
typedef struct xenpf_firmware_info xenpf_firmware_info_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_firmware_info_t);
_Static_assert(sizeof(struct xenpf_firmware_info) == 40,
               "xenpf_firmware_info");
_Static_assert(offsetof(struct xenpf_firmware_info, index) == 4,
               "firmware_info.index");
_Static_assert(offsetof(struct xenpf_firmware_info, u) == 8,
               "firmware_info.u");
_Static_assert(offsetof(struct xenpf_firmware_info,
                        u.disk_info.edd_params) == 16,
               "firmware_info.disk_info.edd_params");
_Static_assert(offsetof(struct xenpf_firmware_info,
                        u.disk_mbr_signature.mbr_signature) == 12,
               "firmware_info.disk_mbr_signature.mbr_signature");
_Static_assert(offsetof(struct xenpf_firmware_info, u.vbeddc_info.edid) == 16,
               "firmware_info.vbeddc_info.edid");

/*
 * Ours: one record of XENPF_get_boot_timeline. name is NUL-terminated, one
 * of the names the hypervisor's own "Boot timeline" lines use ("entry",
 * "ExitBootServices", ..., "dom0 entry"); us counts microseconds since
 * the first stamp (TSC cycles when tsc_khz is 0).
 */
struct xenpf_boot_stamp {
    char name[XENPF_BOOT_STAMP_NAME_SIZE];  /* 0 */
    uint64_t us;                            /* 24 */
};
typedef struct xenpf_boot_stamp xenpf_boot_stamp_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_boot_stamp_t);
_Static_assert(sizeof(struct xenpf_boot_stamp) == 32, "xenpf_boot_stamp");
_Static_assert(offsetof(struct xenpf_boot_stamp, us) == 24,
               "boot_stamp.us");

/*
 * Ours: argument of XENPF_get_boot_timeline. In: stamps (may be null) with
 * room for nr_stamps records; pad must be 0. Out, on success and on
 * -ENOBUFS: nr_stamps = the stamps taken up to dom0's first instruction,
 * tsc_khz (0: frequency unknown) and tsc_source. On success the stamps are
 * written in the order they were taken; a null handle only asks for the
 * count; a non-null one with too little room gets -ENOBUFS and is left
 * untouched.
 */
struct xenpf_boot_timeline {
    XEN_GUEST_HANDLE(xenpf_boot_stamp_t) stamps;    /* 0: in */
    uint32_t nr_stamps;                             /* 8: in/out */
    uint32_t tsc_khz;                               /* 12: out */
    char tsc_source[XENPF_BOOT_TSC_SOURCE_SIZE];    /* 16: out, e.g. "PIT" */
    uint32_t pad;                                   /* 32: in: 0 */
};
typedef struct xenpf_boot_timeline xenpf_boot_timeline_t;
_Static_assert(sizeof(struct xenpf_boot_timeline) == 40,
               "xenpf_boot_timeline");
_Static_assert(offsetof(struct xenpf_boot_timeline, nr_stamps) == 8,
               "boot_timeline.nr_stamps");
_Static_assert(offsetof(struct xenpf_boot_timeline, tsc_khz) == 12,
               "boot_timeline.tsc_khz");
_Static_assert(offsetof(struct xenpf_boot_timeline, tsc_source) == 16,
               "boot_timeline.tsc_source");
_Static_assert(offsetof(struct xenpf_boot_timeline, pad) == 32,
               "boot_timeline.pad");

/*
 * Xen platform.h: the platform_op argument. The hypervisor copies in the
 * whole struct and writes back only the union.
 */
/* XENPF_settime32 (17): the time of day secs.nsecs at system_time. */
struct xenpf_settime32 {
    uint32_t secs;              /* 0 */
    uint32_t nsecs;             /* 4 */
    uint64_t system_time;       /* 8 */
};
typedef struct xenpf_settime32 xenpf_settime32_t;
_Static_assert(sizeof(struct xenpf_settime32) == 16, "xenpf_settime32");

/* XENPF_settime64 (62): the same with 64-bit seconds; mbz must be 0. */
struct xenpf_settime64 {
    uint64_t secs;              /* 0 */
    uint32_t nsecs;             /* 8 */
    uint32_t mbz;               /* 12 */
    uint64_t system_time;       /* 16 */
};
typedef struct xenpf_settime64 xenpf_settime64_t;
_Static_assert(sizeof(struct xenpf_settime64) == 24, "xenpf_settime64");
_Static_assert(offsetof(struct xenpf_settime64, system_time) == 16,
               "settime64.system_time");

struct xen_platform_op {
    uint32_t cmd;               /* 0: XENPF_* */
    uint32_t interface_version; /* 4: XENPF_INTERFACE_VERSION */
    union {
        xenpf_settime32_t settime32;
        xenpf_settime64_t settime64;
        xenpf_efi_runtime_call_t efi_runtime_call;
        xenpf_firmware_info_t firmware_info;
        xenpf_boot_timeline_t boot_timeline;    /* ours */
        xenpf_enter_acpi_sleep_t enter_acpi_sleep;
        xenpf_pcpuinfo_t pcpu_info;
        uint8_t pad[128];
    } u;                        /* 8 */
};
typedef struct xen_platform_op xen_platform_op_t;
DEFINE_XEN_GUEST_HANDLE(xen_platform_op_t);
_Static_assert(sizeof(struct xen_platform_op) == 136, "xen_platform_op");
_Static_assert(offsetof(struct xen_platform_op, interface_version) == 4,
               "platform_op.interface_version");
_Static_assert(offsetof(struct xen_platform_op, u) == 8, "platform_op.u");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_PLATFORM_H */
