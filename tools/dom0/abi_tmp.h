/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * TEMPORARY: the few guest ABI definitions the dom0 kernel needs until
 * include/public/ lands from the abi branch; removed at that merge.
 * Numbers and layouts from reference sections 4 and 6.
 */
#ifndef DOM0_ABI_TMP_H
#define DOM0_ABI_TMP_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#endif

#define __HYPERVISOR_mmu_update          1
#define __HYPERVISOR_set_trap_table      0
#define __HYPERVISOR_platform_op         7
#define __HYPERVISOR_memory_op          12
#define __HYPERVISOR_update_va_mapping  14
#define __HYPERVISOR_xen_version        17
#define __HYPERVISOR_console_io         18
#define __HYPERVISOR_sched_op           29

#define CONSOLEIO_write     0
#define SCHEDOP_shutdown    2
#define SHUTDOWN_poweroff   0
#define SHUTDOWN_crash      3

#define XEN_ELFNOTE_ENTRY               1
#define XEN_ELFNOTE_VIRT_BASE           3
#define XEN_ELFNOTE_XEN_VERSION         5
#define XEN_ELFNOTE_GUEST_OS            6
#define XEN_ELFNOTE_LOADER              8
#define XEN_ELFNOTE_PAE_MODE            9
#define XEN_ELFNOTE_FEATURES           10
#define XEN_ELFNOTE_SUPPORTED_FEATURES 17
#define XENFEAT_dom0                   11

#define XENPF_INTERFACE_VERSION     0x03000001
#define XENPF_firmware_info         50
#define XEN_FW_EFI_INFO             4
#define XEN_FW_EFI_VERSION          0
#define XEN_FW_EFI_CONFIG_TABLE     1
#define XEN_FW_EFI_VENDOR           2
#define XEN_FW_EFI_MEM_INFO         3
#define XEN_FW_EFI_RT_VERSION       4
/* PROVISIONAL until the abi branch defines it. */
#define XEN_FW_EFI_MEMORY_MAP       7

#define XENMEM_machine_memory_map   10
#define UVMF_INVLPG                 2
#define XENVER_version              0
#define XENVER_extraversion         1

#ifndef __ASSEMBLY__
union xenpf_efi_info {
    uint32_t version;
    struct {
        uint64_t addr;
        uint32_t nent;
    } cfg;
    struct {
        uint32_t revision;
        uint32_t bufsz;
        uint64_t name;
    } vendor;
    struct {
        uint64_t addr;
        uint64_t size;
        uint64_t attr;
        uint32_t type;
    } mem;
    struct {
        uint64_t size;
        uint32_t desc_size;
        uint32_t desc_version;
        uint64_t buffer;
    } memmap;
};

struct xenpf_firmware_info {
    uint32_t type;
    uint32_t index;
    union {
        union xenpf_efi_info efi_info;
        uint8_t pad[32];
    } u;
};

struct xen_platform_op {
    uint32_t cmd;
    uint32_t interface_version;
    union {
        struct xenpf_firmware_info firmware_info;
        uint8_t pad[128];
    } u;
};
_Static_assert(sizeof(struct xen_platform_op) == 136, "platform_op");

struct xen_memory_map {
    unsigned int nr_entries;
    uint64_t buffer;
};

struct sched_shutdown {
    uint32_t reason;
};

struct start_info {
    char magic[32];             /* 0 */
    uint64_t nr_pages;          /* 32 */
    uint64_t shared_info;       /* 40 */
    uint32_t flags;             /* 48 */
    uint64_t store_mfn;         /* 56 */
    uint32_t store_evtchn;      /* 64 */
    uint64_t console[2];        /* 72 */
    uint64_t pt_base;           /* 88 */
    uint64_t nr_pt_frames;      /* 96 */
    uint64_t mfn_list;          /* 104 */
    uint64_t mod_start;         /* 112 */
    uint64_t mod_len;           /* 120 */
    char cmd_line[1024];        /* 128 */
    uint64_t first_p2m_pfn;     /* 1152 */
    uint64_t nr_p2m_frames;     /* 1160 */
};
typedef struct start_info start_info_t;
_Static_assert(sizeof(struct start_info) == 1168, "start_info");
#endif

#endif /* DOM0_ABI_TMP_H */
