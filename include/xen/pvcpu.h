/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Pure rules of the 64-bit PV CPU interface (arch/x86/lib/pvcpu.c): descriptor
 * and trap-table checks, the exception frame the hypervisor writes on the
 * guest kernel's stack, the state the iret hypercall returns to, and the
 * TSC-to-system-time scale. No hardware access, no globals.
 */
#ifndef XEN_PVCPU_H
#define XEN_PVCPU_H

#include <xen/types.h>
#include <public/arch-x86_64.h>

/* RFLAGS bits. */
#define PVCPU_RF_IF         0x00000200ULL
#define PVCPU_RF_TF         0x00000100ULL
#define PVCPU_RF_IOPL       0x00003000ULL
#define PVCPU_RF_NT         0x00004000ULL
#define PVCPU_RF_RF         0x00010000ULL
#define PVCPU_RF_VM         0x00020000ULL
#define PVCPU_RF_AC         0x00040000ULL
/* The architecturally defined bits a guest may hold (no IF, IOPL, VM). */
#define PVCPU_RF_GUEST      0x00254dd5ULL

/* trap_info.flags: bit 2 masks events on entry. */
#define PVCPU_TI_MASK_EVENTS    0x04

/*
 * Checks one descriptor a guest wants in its GDT (update_descriptor,
 * set_gdt). A not-present descriptor always faults, so any is accepted;
 * a present code or data segment with a DPL below 3 is given DPL 3 (the
 * guest kernel runs at ring 3); every present system descriptor (call
 * gates, task gates, LDT and TSS descriptors) is refused. Returns 0 with
 * *d possibly adjusted, or -XEN_EINVAL.
 */
int pvcpu_check_descriptor(uint64_t *d);

/*
 * Whether a selector may be loaded as CS (code true) or SS/DS/ES/FS/GS
 * (code false) at CPL 3 given its descriptor word desc (the caller reads
 * it from the live GDT; pass 0 when the index is beyond the table): the
 * selector must name the GDT, have RPL 3, and the descriptor must be a
 * present DPL 3 segment of the right kind (CS: code, 64-bit or 32-bit,
 * not conforming; SS: writable data; other data selectors: data or
 * readable code). A null selector is valid only for data (not SS).
 */
bool pvcpu_selector_ok(uint16_t sel, uint64_t desc, bool code, bool ss);

/*
 * One entry of a set_trap_table list: 1 when it ends the list (address
 * 0), -XEN_EINVAL when the handler address is not canonical, else 0 with
 * *out the entry to store (a code selector of RPL 0 made RPL 3, as Xen
 * does for a 64-bit guest).
 */
int pvcpu_trap_entry(const struct trap_info *in, struct trap_info *out);

/* What the guest was doing when an event is bounced to its kernel. */
struct pvcpu_bounce_in {
    uint64_t rip, cs, rflags, rsp, ss;  /* the interrupted context */
    uint64_t rcx, r11;                  /* its RCX and R11 */
    bool kernel_mode;                   /* guest kernel (else user) mode */
    uint64_t kernel_sp;                 /* stack_switch's, for user mode */
    bool has_error_code;
    uint64_t error_code;
    uint8_t upcall_mask;                /* vcpu_info before the bounce */
};

/* The frame to write and where; at most 8 words. */
struct pvcpu_bounce_out {
    uint64_t sp;                        /* the guest's RSP at its handler */
    unsigned int nr_words;
    uint64_t words[8];                  /* words[0] is at sp */
};

/*
 * Builds Xen's 64-bit PV exception frame: on the kernel stack
 * (kernel_sp when coming from user mode, else the current RSP), 16-byte
 * aligned, from the lowest address: RCX, R11, the error code when there
 * is one, RIP, CS (RPL cleared when the guest was in kernel mode; the
 * saved upcall mask in bits 32-39), RFLAGS (IF set when events were not
 * masked; IOPL cleared), RSP, SS.
 */
void pvcpu_bounce_frame(const struct pvcpu_bounce_in *in,
                        struct pvcpu_bounce_out *out);

/* The CPU state the iret hypercall returns to. */
struct pvcpu_iret_out {
    uint64_t rip, cs, rflags, rsp, ss;
    bool to_user;                       /* CS RPL 3: guest user mode */
    bool restore_rcx_r11;               /* VGCF_in_syscall was clear */
    uint8_t upcall_mask;                /* from the frame's RFLAGS.IF */
};

/*
 * Interprets an iret_context: CS and SS given RPL 3, RFLAGS reduced to
 * what a guest may hold, the upcall mask from RFLAGS.IF. The caller
 * still checks the selectors (pvcpu_selector_ok) and RIP.
 */
void pvcpu_iret(const struct iret_context *ic, struct pvcpu_iret_out *out);

/*
 * The scale vcpu_time_info carries for a TSC of khz kHz: ns = ((tsc
 * delta) shifted by *shift) * *mul >> 32. khz must be non-zero.
 */
void pvcpu_time_scale(uint32_t khz, uint32_t *mul, int8_t *shift);

/* Applies a scale as a guest does (for tests and the hypervisor's now). */
uint64_t pvcpu_scale_delta(uint64_t delta, uint32_t mul, int8_t shift);

/* Exceptions a return to the guest can raise. */
#define PVCPU_EXC_NP        11
#define PVCPU_EXC_SS        12
#define PVCPU_EXC_GP        13

/* The context a return to the guest (iretq to ring 3) would load. */
struct pvcpu_exit_in {
    uint64_t rip, cs, ss;
    uint64_t cs_desc, ss_desc;          /* 0 beyond the GDT, or LDT */
};

/* What the CPU would raise at ring 0 instead of returning. */
struct pvcpu_exit_fault {
    unsigned int vector;                /* PVCPU_EXC_* */
    uint16_t error_code;                /* the selector, or 0 */
    const char *why;                    /* for the crash report */
};

/*
 * Checks a return to ring 3 as the CPU checks iretq (Intel SDM, IRET,
 * "return to outer privilege level"): CS must be a non-null GDT selector
 * of RPL 3 naming a DPL 3 non-conforming code segment (not L and D both
 * set), present (else #NP); SS the same for a writable data segment
 * (else #SS when not present); then RIP canonical for a 64-bit CS, within
 * the limit for a 32- or 16-bit one. Returns true when the return cannot
 * fault, else false with *f the fault (#GP with the selector, or 0 for
 * RIP).
 */
bool pvcpu_exit_check(const struct pvcpu_exit_in *in,
                      struct pvcpu_exit_fault *f);

/* Whether va is a canonical 48-bit address. */
bool pvcpu_canonical(uint64_t va);

#endif /* XEN_PVCPU_H */
