/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TEMPORARY: the guest ABI the hypervisor side of the PV dom0 needs, in
 * Xen's names and layouts (reference sections 4 and 6), until
 * include/public/ arrives from the abi branch; then this file includes
 * those headers instead.
 */
#ifndef XEN_PV_ABI_H
#define XEN_PV_ABI_H

#include <xen/types.h>

/* Hypercall numbers (reference 4.1). */
#define __HYPERVISOR_mmu_update             1
#define __HYPERVISOR_platform_op            7
#define __HYPERVISOR_memory_op              12
#define __HYPERVISOR_update_va_mapping      14
#define __HYPERVISOR_xen_version            17
#define __HYPERVISOR_console_io             18
#define __HYPERVISOR_mmuext_op              26
#define __HYPERVISOR_sched_op               29

/* Xen's errno values (positive; handlers return the negation). */
#define XEN_EPERM       1
#define XEN_ENOENT      2
#define XEN_ESRCH       3
#define XEN_EIO         5
#define XEN_E2BIG       7
#define XEN_ENOMEM      12
#define XEN_EACCES      13
#define XEN_EFAULT      14
#define XEN_EBUSY       16
#define XEN_EINVAL      22
#define XEN_ENOSPC      28
#define XEN_ENOSYS      38
#define XEN_ENODATA     61
#define XEN_EOPNOTSUPP  95

#define CONSOLEIO_write     0
#define CONSOLEIO_read      1

#define SCHEDOP_yield       0
#define SCHEDOP_shutdown    2
#define SHUTDOWN_poweroff   0
#define SHUTDOWN_reboot     1
#define SHUTDOWN_suspend    2
#define SHUTDOWN_crash      3
#define SHUTDOWN_watchdog   4

struct sched_shutdown {
    uint32_t reason;        /* 0 */
};
_Static_assert(sizeof(struct sched_shutdown) == 4, "sched_shutdown");

#define XENVER_version      0
#define XENVER_extraversion 1
#define XENVER_compile_info 2
#define XENVER_capabilities 3
#define XENVER_changeset    4
#define XENVER_platform_parameters 5
#define XENVER_get_features 6
#define XENVER_pagesize     7

struct xen_feature_info {
    uint32_t submap_idx;    /* 0 */
    uint32_t submap;        /* 4 */
};
_Static_assert(sizeof(struct xen_feature_info) == 8, "xen_feature_info");

struct xen_platform_parameters {
    uint64_t virt_start;    /* 0 */
};

#define XENFEAT_writable_page_tables        0
#define XENFEAT_writable_descriptor_tables  1
#define XENFEAT_auto_translated_physmap     2
#define XENFEAT_supervisor_mode_kernel      3
#define XENFEAT_pae_pgdir_above_4gb         4
#define XENFEAT_mmu_pt_update_preserve_ad   5
#define XENFEAT_gnttab_map_avail_bits       7
#define XENFEAT_dom0                        11

/* memory_op (reference 4.6). */
#define XENMEM_memory_map           9
#define XENMEM_machine_memory_map   10

struct xen_memory_map {
    uint32_t nr_entries;    /* 0 */
    uint32_t pad;
    uint64_t buffer;        /* 8: guest handle */
};
_Static_assert(sizeof(struct xen_memory_map) == 16, "xen_memory_map");

/* platform_op (reference 4.3, 4.4). */
#define XENPF_INTERFACE_VERSION     0x03000001
#define XENPF_firmware_info         50
#define XEN_FW_EFI_INFO             4
#define XEN_FW_EFI_VERSION          0
#define XEN_FW_EFI_CONFIG_TABLE     1
#define XEN_FW_EFI_VENDOR           2
#define XEN_FW_EFI_MEM_INFO         3
#define XEN_FW_EFI_RT_VERSION       4
#define XEN_FW_EFI_PCI_ROM          5
#define XEN_FW_EFI_APPLE_PROPERTIES 6

union xenpf_efi_info {
    uint32_t version;
    struct {
        uint64_t addr;          /* 0 */
        uint32_t nent;          /* 8 */
    } cfg;
    struct {
        uint32_t revision;      /* 0 */
        uint32_t bufsz;         /* 4 */
        uint64_t name;          /* 8: guest handle */
    } vendor;
    struct {
        uint64_t addr;          /* 0 */
        uint64_t size;          /* 8 */
        uint64_t attr;          /* 16 */
        uint32_t type;          /* 24 */
    } mem;
    uint8_t raw[32];
};
_Static_assert(sizeof(union xenpf_efi_info) == 32, "xenpf_efi_info");

struct xenpf_firmware_info {
    uint32_t type;              /* 0 */
    uint32_t index;             /* 4 */
    union xenpf_efi_info efi_info;  /* 8 */
};
_Static_assert(sizeof(struct xenpf_firmware_info) == 40, "firmware_info");

struct xen_platform_op {
    uint32_t cmd;               /* 0 */
    uint32_t interface_version; /* 4 */
    union {
        struct xenpf_firmware_info firmware_info;
        uint8_t pad[128];
    } u;                        /* 8 */
};
_Static_assert(sizeof(struct xen_platform_op) == 136, "platform_op");

/* mmu_update, update_va_mapping, mmuext_op. */
#define MMU_NORMAL_PT_UPDATE        0
#define MMU_MACHPHYS_UPDATE         1
#define UVMF_NONE                   0
#define UVMF_TLB_FLUSH              1
#define UVMF_INVLPG                 2
#define UVMF_FLUSHTYPE_MASK         3
#define MMUEXT_PIN_L1_TABLE         0
#define MMUEXT_UNPIN_TABLE          4
#define MMUEXT_TLB_FLUSH_LOCAL      6
#define MMUEXT_INVLPG_LOCAL         7
#define DOMID_SELF                  0x7ff0

struct mmu_update {
    uint64_t ptr;               /* 0 */
    uint64_t val;               /* 8 */
};
_Static_assert(sizeof(struct mmu_update) == 16, "mmu_update");

struct mmuext_op {
    uint32_t cmd;               /* 0 */
    uint32_t pad;
    uint64_t arg1;              /* 8: mfn or linear_addr */
    uint64_t arg2;              /* 16 */
};
_Static_assert(sizeof(struct mmuext_op) == 24, "mmuext_op");

/* start_info (reference 6.1). */
#define SIF_PRIVILEGED      (1 << 0)
#define SIF_INITDOMAIN      (1 << 1)
#define SIF_MOD_START_PFN   (1 << 3)

struct start_info {
    char magic[32];             /* 0 */
    uint64_t nr_pages;          /* 32 */
    uint64_t shared_info;       /* 40 */
    uint32_t flags;             /* 48 */
    uint64_t store_mfn;         /* 56 */
    uint32_t store_evtchn;      /* 64 */
    union {
        struct {
            uint64_t mfn;       /* 72 */
            uint32_t evtchn;    /* 80 */
        } domU;
        struct {
            uint32_t info_off;  /* 72 */
            uint32_t info_size; /* 76 */
        } dom0;
    } console;
    uint64_t pt_base;           /* 88 */
    uint64_t nr_pt_frames;      /* 96 */
    uint64_t mfn_list;          /* 104 */
    uint64_t mod_start;         /* 112 */
    uint64_t mod_len;           /* 120 */
    char cmd_line[1024];        /* 128 */
    uint64_t first_p2m_pfn;     /* 1152 */
    uint64_t nr_p2m_frames;     /* 1160 */
};
_Static_assert(sizeof(struct start_info) == 1168, "start_info");
_Static_assert(__builtin_offsetof(struct start_info, pt_base) == 88, "pt");
_Static_assert(__builtin_offsetof(struct start_info, cmd_line) == 128, "cl");

#endif /* XEN_PV_ABI_H */
