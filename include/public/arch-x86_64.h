/* SPDX-License-Identifier: MIT */
/*
 * The x86-64 PV CPU interface: the virtual IDT (set_trap_table), the
 * frame of the iret hypercall, segment bases, and the shared_info and
 * vcpu_info pages. Numbers and layouts are Xen's (xen/include/public/
 * xen.h, arch-x86/xen.h and arch-x86/xen-x86_64.h).
 */
#ifndef PUBLIC_ARCH_X86_64_H
#define PUBLIC_ARCH_X86_64_H

#include "xen.h"

/* set_segment_base (hypercall 25). */
#define SEGBASE_FS                  0
#define SEGBASE_GS_USER             1
#define SEGBASE_GS_KERNEL           2
#define SEGBASE_GS_USER_SEL         3

/* iret_context.flags: the guest entered the kernel by `syscall`. */
#define _VGCF_in_syscall            8
#define VGCF_in_syscall             (1 << _VGCF_in_syscall)

/* Virtual CPUs one shared_info page describes. */
#define XEN_LEGACY_MAX_VCPUS        32

#ifndef __ASSEMBLY__

/*
 * Xen arch-x86/xen.h: one entry of the virtual IDT; a table ends at an
 * entry whose address is 0. flags bits 0-1: the lowest privilege that
 * may raise the vector by `int` (0 none, 1-2 kernel, 3 everyone); bit 2:
 * mask events on entry.
 */
struct trap_info {
    uint8_t vector;             /* 0 */
    uint8_t flags;              /* 1 */
    uint16_t cs;                /* 2 */
    unsigned long address;      /* 8 */
};
typedef struct trap_info trap_info_t;
DEFINE_XEN_GUEST_HANDLE(trap_info_t);
_Static_assert(sizeof(struct trap_info) == 16, "trap_info");
_Static_assert(offsetof(struct trap_info, address) == 8, "trap_info.addr");

/*
 * Xen arch-x86/xen-x86_64.h: what the guest pushed for the iret
 * hypercall, lowest address (its RSP at the `syscall`) first.
 */
struct iret_context {
    uint64_t rax, r11, rcx, flags, rip, cs, rflags, rsp, ss;
};
_Static_assert(sizeof(struct iret_context) == 72, "iret_context");
_Static_assert(offsetof(struct iret_context, rip) == 32, "iret.rip");

/* Xen arch-x86/xen-x86_64.h: the x86 part of a vcpu_info. */
struct arch_vcpu_info {
    unsigned long cr2;          /* 0: CR2 of the last page fault */
    unsigned long pad;          /* 8 */
};
typedef struct arch_vcpu_info arch_vcpu_info_t;

/*
 * Xen xen.h: system time for one vCPU: ns = system_time +
 * ((tsc - tsc_timestamp) << tsc_shift (>> when negative)) *
 * tsc_to_system_mul >> 32. version is odd while an update is under way.
 */
struct vcpu_time_info {
    uint32_t version;           /* 0 */
    uint32_t pad0;              /* 4 */
    uint64_t tsc_timestamp;     /* 8 */
    uint64_t system_time;       /* 16 */
    uint32_t tsc_to_system_mul; /* 24 */
    int8_t tsc_shift;           /* 28 */
    uint8_t flags;              /* 29 */
    uint8_t pad1[2];            /* 30 */
};
typedef struct vcpu_time_info vcpu_time_info_t;
_Static_assert(sizeof(struct vcpu_time_info) == 32, "vcpu_time_info");

/* Xen xen.h: the per-vCPU event state and time. */
struct vcpu_info {
    uint8_t evtchn_upcall_pending;  /* 0 */
    uint8_t evtchn_upcall_mask;     /* 1 */
    xen_ulong_t evtchn_pending_sel; /* 8: one bit per evtchn_pending word */
    struct arch_vcpu_info arch;     /* 16 */
    struct vcpu_time_info time;     /* 32 */
};
typedef struct vcpu_info vcpu_info_t;
_Static_assert(sizeof(struct vcpu_info) == 64, "vcpu_info");
_Static_assert(offsetof(struct vcpu_info, evtchn_pending_sel) == 8,
               "vcpu_info.sel");
_Static_assert(offsetof(struct vcpu_info, arch) == 16, "vcpu_info.arch");
_Static_assert(offsetof(struct vcpu_info, time) == 32, "vcpu_info.time");

/* Xen arch-x86/xen.h: the x86 part of shared_info. */
struct arch_shared_info {
    unsigned long max_pfn;                  /* 0 */
    xen_pfn_t pfn_to_mfn_frame_list_list;   /* 8 */
    unsigned long nmi_reason;               /* 16 */
    uint64_t p2m_cr3;                       /* 24 */
    uint64_t p2m_vaddr;                     /* 32 */
    uint64_t p2m_generation;                /* 40 */
};
typedef struct arch_shared_info arch_shared_info_t;
_Static_assert(sizeof(struct arch_shared_info) == 48, "arch_shared_info");

/* Xen xen.h: the page start_info.shared_info names. */
struct shared_info {
    struct vcpu_info vcpu_info[XEN_LEGACY_MAX_VCPUS];   /* 0 */
    xen_ulong_t evtchn_pending[sizeof(xen_ulong_t) * 8]; /* 2048 */
    xen_ulong_t evtchn_mask[sizeof(xen_ulong_t) * 8];    /* 2560 */
    uint32_t wc_version;                    /* 3072 */
    uint32_t wc_sec;                        /* 3076 */
    uint32_t wc_nsec;                       /* 3080 */
    uint32_t wc_sec_hi;                     /* 3084 */
    struct arch_shared_info arch;           /* 3088 */
};
typedef struct shared_info shared_info_t;
_Static_assert(sizeof(struct shared_info) == 3136, "shared_info");
_Static_assert(offsetof(struct shared_info, evtchn_pending) == 2048,
               "shared_info.evtchn_pending");
_Static_assert(offsetof(struct shared_info, evtchn_mask) == 2560,
               "shared_info.evtchn_mask");
_Static_assert(offsetof(struct shared_info, arch) == 3088,
               "shared_info.arch");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_ARCH_X86_64_H */
