/* SPDX-License-Identifier: MIT */
/*
 * What a 64-bit PV dom0 sees of the hypervisor: hypercall numbers, the
 * guest handle, the start_info page, page-table updates and the console.
 * Names, numbers and layouts are those of Xen's public interface
 * (xen/include/public/xen.h and arch-x86/xen-x86_64.h, checked against
 * Debian's libxen-dev by test/abi/), so code written for Xen's headers
 * reads the same against these. Only x86-64 (LP64) is described.
 *
 * This header and its siblings in include/public/ include nothing of ours
 * outside this directory and compile alone as plain C (the Makefile checks
 * each one on its own).
 */
#ifndef PUBLIC_XEN_H
#define PUBLIC_XEN_H

#if !defined(__x86_64__)
#error "include/public describes the x86-64 (LP64) interface only"
#endif

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>
#endif

/* Typed constants in C, plain numbers for the assembler. */
#ifndef __ASSEMBLY__
#define xen_mk_uint(x)      x ## U
#define xen_mk_ulong(x)     x ## UL
#else
#define xen_mk_uint(x)      x
#define xen_mk_ulong(x)     x
#endif

/*
 * Hypercall numbers (RAX at `syscall`; arguments in RDI, RSI, RDX, R10,
 * R8; result in RAX, a negative XEN_E* value on failure).
 */
#define __HYPERVISOR_set_trap_table                 0
#define __HYPERVISOR_mmu_update                     1
#define __HYPERVISOR_set_gdt                        2
#define __HYPERVISOR_stack_switch                   3
#define __HYPERVISOR_set_callbacks                  4
#define __HYPERVISOR_fpu_taskswitch                 5
#define __HYPERVISOR_sched_op_compat                6
#define __HYPERVISOR_platform_op                    7
#define __HYPERVISOR_set_debugreg                   8
#define __HYPERVISOR_get_debugreg                   9
#define __HYPERVISOR_update_descriptor             10
#define __HYPERVISOR_memory_op                     12
#define __HYPERVISOR_multicall                     13
#define __HYPERVISOR_update_va_mapping             14
#define __HYPERVISOR_set_timer_op                  15
#define __HYPERVISOR_event_channel_op_compat       16
#define __HYPERVISOR_xen_version                   17
#define __HYPERVISOR_console_io                    18
#define __HYPERVISOR_physdev_op_compat             19
#define __HYPERVISOR_grant_table_op                20
#define __HYPERVISOR_vm_assist                     21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                          23
#define __HYPERVISOR_vcpu_op                       24
#define __HYPERVISOR_set_segment_base              25
#define __HYPERVISOR_mmuext_op                     26
#define __HYPERVISOR_xsm_op                        27
#define __HYPERVISOR_nmi_op                        28
#define __HYPERVISOR_sched_op                      29
#define __HYPERVISOR_callback_op                   30
#define __HYPERVISOR_xenoprof_op                   31
#define __HYPERVISOR_event_channel_op              32
#define __HYPERVISOR_physdev_op                    33
#define __HYPERVISOR_hvm_op                        34
#define __HYPERVISOR_sysctl                        35
#define __HYPERVISOR_domctl                        36
#define __HYPERVISOR_kexec_op                      37
#define __HYPERVISOR_tmem_op                       38
#define __HYPERVISOR_argo_op                       39
#define __HYPERVISOR_xenpmu_op                     40
#define __HYPERVISOR_dm_op                         41
#define __HYPERVISOR_hypfs_op                      42
#define __HYPERVISOR_arch_0                        48
#define __HYPERVISOR_arch_1                        49
#define __HYPERVISOR_arch_2                        50
#define __HYPERVISOR_arch_3                        51
#define __HYPERVISOR_arch_4                        52
#define __HYPERVISOR_arch_5                        53
#define __HYPERVISOR_arch_6                        54
#define __HYPERVISOR_arch_7                        55

/*
 * Flat segments in the hypervisor's part of every GDT (entries 260-262).
 * A 64-bit PV kernel runs at CPL 3 and shares these with its user mode.
 */
#define FLAT_RING3_CS32     0xe023
#define FLAT_RING3_CS64     0xe033
#define FLAT_RING3_DS32     0xe02b
#define FLAT_RING3_DS64     0x0000
#define FLAT_RING3_SS32     0xe02b
#define FLAT_RING3_SS64     0xe02b
#define FLAT_KERNEL_DS64    FLAT_RING3_DS64
#define FLAT_KERNEL_DS32    FLAT_RING3_DS32
#define FLAT_KERNEL_DS      FLAT_KERNEL_DS64
#define FLAT_KERNEL_CS64    FLAT_RING3_CS64
#define FLAT_KERNEL_CS32    FLAT_RING3_CS32
#define FLAT_KERNEL_CS      FLAT_KERNEL_CS64
#define FLAT_KERNEL_SS64    FLAT_RING3_SS64
#define FLAT_KERNEL_SS32    FLAT_RING3_SS32
#define FLAT_KERNEL_SS      FLAT_KERNEL_SS64
#define FLAT_USER_DS64      FLAT_RING3_DS64
#define FLAT_USER_DS32      FLAT_RING3_DS32
#define FLAT_USER_DS        FLAT_USER_DS64
#define FLAT_USER_CS64      FLAT_RING3_CS64
#define FLAT_USER_CS32      FLAT_RING3_CS32
#define FLAT_USER_CS        FLAT_USER_CS64
#define FLAT_USER_SS64      FLAT_RING3_SS64
#define FLAT_USER_SS32      FLAT_RING3_SS32
#define FLAT_USER_SS        FLAT_USER_SS64

/* The virtual range a PV guest must leave to the hypervisor. */
#define __HYPERVISOR_VIRT_START 0xFFFF800000000000
#define __HYPERVISOR_VIRT_END   0xFFFF880000000000
#define __MACH2PHYS_VIRT_START  0xFFFF800000000000
#define __MACH2PHYS_VIRT_END    0xFFFF804000000000

/* mmu_update: the low two bits of ptr select the command. */
#define MMU_NORMAL_PT_UPDATE        0
#define MMU_MACHPHYS_UPDATE         1
#define MMU_PT_UPDATE_PRESERVE_AD   2
#define MMU_PT_UPDATE_NO_TRANSLATE  3

/* mmuext_op commands. */
#define MMUEXT_PIN_L1_TABLE         0
#define MMUEXT_PIN_L2_TABLE         1
#define MMUEXT_PIN_L3_TABLE         2
#define MMUEXT_PIN_L4_TABLE         3
#define MMUEXT_UNPIN_TABLE          4
#define MMUEXT_NEW_BASEPTR          5
#define MMUEXT_TLB_FLUSH_LOCAL      6
#define MMUEXT_INVLPG_LOCAL         7
#define MMUEXT_TLB_FLUSH_MULTI      8
#define MMUEXT_INVLPG_MULTI         9
#define MMUEXT_TLB_FLUSH_ALL        10
#define MMUEXT_INVLPG_ALL           11
#define MMUEXT_FLUSH_CACHE          12
#define MMUEXT_SET_LDT              13
#define MMUEXT_NEW_USER_BASEPTR     15
#define MMUEXT_CLEAR_PAGE           16
#define MMUEXT_COPY_PAGE            17
#define MMUEXT_FLUSH_CACHE_GLOBAL   18
#define MMUEXT_MARK_SUPER           19
#define MMUEXT_UNMARK_SUPER         20

/* update_va_mapping flags (third argument). */
#define UVMF_NONE                   xen_mk_ulong(0x0)
#define UVMF_TLB_FLUSH              xen_mk_ulong(0x1)
#define UVMF_INVLPG                 xen_mk_ulong(0x2)
#define UVMF_FLUSHTYPE_MASK         xen_mk_ulong(0x3)
#define UVMF_MULTI                  xen_mk_ulong(0x0)
#define UVMF_LOCAL                  xen_mk_ulong(0x0)
#define UVMF_ALL                    xen_mk_ulong(0x4)

/* console_io commands. */
#define CONSOLEIO_write             0
#define CONSOLEIO_read              1

/* vm_assist. */
#define VMASST_CMD_enable                   0
#define VMASST_CMD_disable                  1
#define VMASST_TYPE_4gb_segments            0
#define VMASST_TYPE_4gb_segments_notify     1
#define VMASST_TYPE_writable_pagetables     2
#define VMASST_TYPE_pae_extended_cr3        3
#define VMASST_TYPE_architectural_iopl      4
#define VMASST_TYPE_runstate_update_flag    5
#define VMASST_TYPE_m2p_strict              32

/* Domain ids with a special meaning. */
#define DOMID_FIRST_RESERVED        xen_mk_uint(0x7FF0)
#define DOMID_SELF                  xen_mk_uint(0x7FF0)
#define DOMID_IO                    xen_mk_uint(0x7FF1)
#define DOMID_XEN                   xen_mk_uint(0x7FF2)
#define DOMID_COW                   xen_mk_uint(0x7FF3)
#define DOMID_INVALID               xen_mk_uint(0x7FF4)
#define DOMID_IDLE                  xen_mk_uint(0x7FFF)
#define DOMID_MASK                  xen_mk_uint(0x7FFF)

/* start_info.flags. */
#define SIF_PRIVILEGED              (1 << 0)
#define SIF_INITDOMAIN              (1 << 1)
#define SIF_MULTIBOOT_MOD           (1 << 2)
#define SIF_MOD_START_PFN           (1 << 3)
#define SIF_VIRT_P2M_4TOOLS         (1 << 4)
#define SIF_PM_MASK                 (0xFF << 8)

#define MAX_GUEST_CMDLINE           1024

/* dom0_vga_console_info.video_type. */
#define XEN_VGATYPE_TEXT_MODE_3     0x03
#define XEN_VGATYPE_VESA_LFB        0x23
#define XEN_VGATYPE_EFI_LFB         0x70

#ifndef __ASSEMBLY__

typedef uint64_t xen_pfn_t;
typedef uint64_t xen_ulong_t;
typedef uint16_t domid_t;

/*
 * A guest handle is a guest virtual address wrapped in a struct so that
 * handles of different types do not mix; on x86-64 it is one 64-bit
 * pointer. The hypervisor never dereferences .p itself: every guest
 * address goes through its checked copy routine.
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \
    typedef struct { type *p; } __guest_handle_ ## name
#define __DEFINE_XEN_GUEST_HANDLE(name, type) \
    ___DEFINE_XEN_GUEST_HANDLE(name, type); \
    ___DEFINE_XEN_GUEST_HANDLE(const_ ## name, const type)
#define DEFINE_XEN_GUEST_HANDLE(name)   __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name)        __guest_handle_ ## name
#define XEN_GUEST_HANDLE(name)          __XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_64(name)       XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name)    XEN_GUEST_HANDLE(name)
#define set_xen_guest_handle_raw(hnd, val) \
    do { (hnd).p = (val); } while ( 0 )
#define set_xen_guest_handle(hnd, val)  set_xen_guest_handle_raw(hnd, val)

__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
__DEFINE_XEN_GUEST_HANDLE(uint, unsigned int);
__DEFINE_XEN_GUEST_HANDLE(char, char);
__DEFINE_XEN_GUEST_HANDLE(int, int);
__DEFINE_XEN_GUEST_HANDLE(void, void);
__DEFINE_XEN_GUEST_HANDLE(uint8, uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);

_Static_assert(sizeof(XEN_GUEST_HANDLE(void)) == 8, "guest handle");

/* Xen xen.h, mmu_update: one request of an mmu_update batch. */
struct mmu_update {
    uint64_t ptr;    /* 0: machine address of the PTE; low bits MMU_* */
    uint64_t val;    /* 8: new PTE contents */
};
typedef struct mmu_update mmu_update_t;
DEFINE_XEN_GUEST_HANDLE(mmu_update_t);
_Static_assert(sizeof(struct mmu_update) == 16, "mmu_update");
_Static_assert(offsetof(struct mmu_update, val) == 8, "mmu_update.val");

/* Xen xen.h, mmuext_op: one request of an mmuext_op batch. */
struct mmuext_op {
    unsigned int cmd;                   /* 0: MMUEXT_* */
    union {
        xen_pfn_t mfn;                  /* (un)pin, baseptr, page ops */
        unsigned long linear_addr;      /* INVLPG_*, SET_LDT */
    } arg1;                             /* 8 */
    union {
        unsigned int nr_ents;           /* SET_LDT */
        XEN_GUEST_HANDLE(const_void) vcpumask; /* *_MULTI */
        xen_pfn_t src_mfn;              /* COPY_PAGE */
    } arg2;                             /* 16 */
};
typedef struct mmuext_op mmuext_op_t;
DEFINE_XEN_GUEST_HANDLE(mmuext_op_t);
_Static_assert(sizeof(struct mmuext_op) == 24, "mmuext_op");
_Static_assert(offsetof(struct mmuext_op, arg1) == 8, "mmuext_op.arg1");
_Static_assert(offsetof(struct mmuext_op, arg2) == 16, "mmuext_op.arg2");

/*
 * Xen xen.h, start_info: the page whose address a PV kernel finds in RSI
 * at its entry point.
 */
struct start_info {
    char magic[32];             /* 0: "xen-<version>-x86_64" */
    uint64_t nr_pages;          /* 32: pages given to the domain */
    uint64_t shared_info;       /* 40: machine address of shared info */
    uint32_t flags;             /* 48: SIF_* */
    xen_pfn_t store_mfn;        /* 56 */
    uint32_t store_evtchn;      /* 64 */
    union {
        struct {
            xen_pfn_t mfn;      /* 72 */
            uint32_t evtchn;    /* 80 */
        } domU;
        struct {
            uint32_t info_off;  /* 72: offset of dom0_vga_console_info */
            uint32_t info_size; /* 76 */
        } dom0;
    } console;                  /* 72 */
    uint64_t pt_base;           /* 88: virtual address of the top table */
    uint64_t nr_pt_frames;      /* 96: bootstrap page-table frames */
    uint64_t mfn_list;          /* 104: virtual address of the p2m list */
    uint64_t mod_start;         /* 112: virtual address, or PFN with
                                   SIF_MOD_START_PFN */
    uint64_t mod_len;           /* 120: bytes */
    int8_t cmd_line[MAX_GUEST_CMDLINE]; /* 128 */
    uint64_t first_p2m_pfn;     /* 1152 */
    uint64_t nr_p2m_frames;     /* 1160 */
};
typedef struct start_info start_info_t;
_Static_assert(sizeof(struct start_info) == 1168, "start_info");
_Static_assert(offsetof(struct start_info, nr_pages) == 32, "nr_pages");
_Static_assert(offsetof(struct start_info, flags) == 48, "flags");
_Static_assert(offsetof(struct start_info, store_mfn) == 56, "store_mfn");
_Static_assert(offsetof(struct start_info, console) == 72, "console");
_Static_assert(offsetof(struct start_info, console.domU.evtchn) == 80,
               "console.domU.evtchn");
_Static_assert(offsetof(struct start_info, console.dom0.info_size) == 76,
               "console.dom0.info_size");
_Static_assert(offsetof(struct start_info, pt_base) == 88, "pt_base");
_Static_assert(offsetof(struct start_info, mfn_list) == 104, "mfn_list");
_Static_assert(offsetof(struct start_info, mod_start) == 112, "mod_start");
_Static_assert(offsetof(struct start_info, cmd_line) == 128, "cmd_line");
_Static_assert(offsetof(struct start_info, first_p2m_pfn) == 1152,
               "first_p2m_pfn");

/*
 * Xen xen.h, dom0_vga_console_info: the console dom0 inherits, placed at
 * start_info + console.dom0.info_off (1168, directly after start_info).
 */
typedef struct dom0_vga_console_info {
    uint8_t video_type;                 /* 0: XEN_VGATYPE_* */
    union {
        struct {
            uint16_t font_height;       /* 4 */
            uint16_t cursor_x;          /* 6 */
            uint16_t cursor_y;          /* 8 */
            uint16_t rows;              /* 10 */
            uint16_t columns;           /* 12 */
        } text_mode_3;
        struct {
            uint16_t width;             /* 4: pixels */
            uint16_t height;            /* 6 */
            uint16_t bytes_per_line;    /* 8 */
            uint16_t bits_per_pixel;    /* 10 */
            uint32_t lfb_base;          /* 12: low 32 bits */
            uint32_t lfb_size;          /* 16: in 64 KiB units */
            uint8_t red_pos;            /* 20 */
            uint8_t red_size;           /* 21 */
            uint8_t green_pos;          /* 22 */
            uint8_t green_size;         /* 23 */
            uint8_t blue_pos;           /* 24 */
            uint8_t blue_size;          /* 25 */
            uint8_t rsvd_pos;           /* 26 */
            uint8_t rsvd_size;          /* 27 */
            uint32_t gbl_caps;          /* 28: VBE capabilities */
            uint16_t mode_attrs;        /* 32: VBE mode attributes */
            uint16_t pad;               /* 34 */
            uint32_t ext_lfb_base;      /* 36: high 32 bits of lfb_base */
        } vesa_lfb;
    } u;                                /* 4 */
} dom0_vga_console_info_t;
_Static_assert(sizeof(dom0_vga_console_info_t) == 40, "dom0_vga_console");
_Static_assert(offsetof(dom0_vga_console_info_t, u) == 4, "vga.u");
_Static_assert(offsetof(dom0_vga_console_info_t, u.vesa_lfb.lfb_base) == 12,
               "vga.lfb_base");
_Static_assert(offsetof(dom0_vga_console_info_t, u.vesa_lfb.gbl_caps) == 28,
               "vga.gbl_caps");
_Static_assert(offsetof(dom0_vga_console_info_t,
                        u.vesa_lfb.ext_lfb_base) == 36, "vga.ext_lfb_base");

/*
 * Xen xen.h, multicall_entry: one hypercall of a multicall batch; the
 * hypervisor writes each call's return value into result.
 */
struct multicall_entry {
    xen_ulong_t op;                     /* 0: __HYPERVISOR_* */
    xen_ulong_t result;                 /* 8 */
    xen_ulong_t args[6];                /* 16 */
};
typedef struct multicall_entry multicall_entry_t;
DEFINE_XEN_GUEST_HANDLE(multicall_entry_t);
_Static_assert(sizeof(struct multicall_entry) == 64, "multicall_entry");
_Static_assert(offsetof(struct multicall_entry, result) == 8,
               "multicall_entry.result");
_Static_assert(offsetof(struct multicall_entry, args) == 16,
               "multicall_entry.args");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_XEN_H */
