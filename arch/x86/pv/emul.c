/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few privileged instructions a Linux PV kernel executes from its
 * first lines, emulated as Xen does for a PV guest kernel (each a #GP or
 * #UD at CPL 3): wrmsr and rdmsr of the FS, GS and shadow GS bases; rdmsr
 * of the microcode revision (0, as Xen); reads of CR0 and CR4 (CR4 shows
 * PAE and the SSE bits, then what the guest wrote of its allowed bits,
 * for Linux's CR4 shadow), of CR2 (the guest's last page-fault address,
 * as in its vcpu_info), writes of CR4 (kept as the guest's view only); cpuid behind Xen's
 * forced-emulation prefix (ud2; "xen"; cpuid) with the hypervisor bit and
 * Xen's leaves 0x40000000-0x40000005; guest-kernel writes to its own L1
 * tables (#PF, write to a read-only page table: stores of 1-8 bytes,
 * xchg, cmpxchg, and/or/xor, bts/btr/btc; xen/ptwr.h) redone as
 * validated updates (Xen's writable page tables); cli and sti as no-ops
 * (Xen's) when the virtual IOPL allows; in and out (not the string forms)
 * when the virtual IOPL of PHYSDEVOP_set_iopl allows, on every port but
 * those of the hypervisor's own serial console (reads all ones, writes
 * dropped, as Xen for a port it keeps). Anything else stays dom0's
 * exception. Interim: privileged-operation emulation belongs with the
 * trap work, which may replace this file.
 */
#include <xen/hypercall.h>
#include <xen/pv_abi.h>
#include <xen/pvio.h>
#include <xen/ptwr.h>
#include <xen/pvmsr.h>
#include <xen/serial.h>
#include <xen/string.h>
#include <asm/hypercall.h>
#include <asm/io.h>
#include <asm/pv.h>
#include <asm/regs.h>

#define MSR_FS_BASE         0xc0000100
#define MSR_GS_BASE         0xc0000101
#define MSR_SHADOW_GS_BASE  0xc0000102
#define MSR_UCODE_REV       0x0000008b
#define EXC_UD              6
#define EXC_GP              13
#define EXC_PF              14
/* Present, write, user; not reserved bit, not instruction fetch. */
#define PF_EC_MASK          0x1f
#define PF_EC_WRITE_PROT    0x07
#define CPUID_HV_BASE       0x40000000
#define CPUID_HV_LAST       0x40000005
#define CPUID1_ECX_HIDE     ((1U << 3) | (1U << 5) | (1U << 6) | \
                             (1U << 7) | (1U << 8) | (1U << 21) | \
                             (1U << 24) | (1U << 26) | (1U << 27))
#define CPUID1_ECX_HV       (1U << 31)
/* Leaf 1 EDX a PV guest does not get: VME, PSE, PGE, PSE36 (as Xen). */
#define CPUID1_EDX_HIDE     ((1U << 1) | (1U << 3) | (1U << 13) | \
                             (1U << 17))

static bool canonical(uint64_t va)
{
    return (uint64_t)(((int64_t)va << 16) >> 16) == va;
}

static bool msr_base(uint32_t msr)
{
    return msr == MSR_FS_BASE || msr == MSR_GS_BASE ||
           msr == MSR_SHADOW_GS_BASE;
}

#define X86_CR4_PAE         0x020
#define X86_CR4_OSFXSR      0x200
#define X86_CR4_OSXMMEXCPT  0x400
/* CR4 bits a PV kernel may set in its view: TSD, DE, PSE, MCE, PGE, PCE. */
#define CR4_GUEST_MAY       (0x004 | 0x008 | 0x010 | 0x040 | 0x080 | 0x100)

/* The general register a ModRM r/m field (with REX.B) names. */
static uint64_t *gpr(struct cpu_regs *r, unsigned int n)
{
    uint64_t *const regs[16] = {
        &r->rax, &r->rcx, &r->rdx, &r->rbx, &r->rsp, &r->rbp, &r->rsi,
        &r->rdi, &r->r8, &r->r9, &r->r10, &r->r11, &r->r12, &r->r13,
        &r->r14, &r->r15 };

    return regs[n & 15];
}

/* mov %crN, %reg (0f 20 /r, mod 11) for CR0 and CR4; length or 0. */
static unsigned int emul_read_cr(struct cpu_regs *r, const uint8_t *insn)
{
    static bool cr4_set;
    static uint64_t guest_cr4;
    unsigned int rex = 0, cr, len = 3;
    uint64_t v, *reg;

    if ( (insn[0] & 0xf0) == 0x40 )
    {
        rex = insn[0];
        insn++;
        len++;
    }
    if ( insn[0] != 0x0f || (insn[1] != 0x20 && insn[1] != 0x22) ||
         (insn[2] & 0xc0) != 0xc0 )
        return 0;
    cr = ((insn[2] >> 3) & 7) | ((rex & 4) << 1);
    reg = gpr(r, (insn[2] & 7) | ((rex & 1) << 3));
    if ( !cr4_set )
    {
        __asm__ volatile ( "mov %%cr4, %0" : "=r" (v) );
        guest_cr4 = v & (X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT);
        cr4_set = true;
    }
    if ( insn[1] == 0x22 )
    {
        /*
         * Only CR4, and only the guest's view of it (as Xen's
         * pv_fixup_guest_cr4): the bits a PV kernel may ask for are kept
         * for its later reads, the machine's CR4 stays the hypervisor's.
         */
        if ( cr != 4 )
            return 0;
        guest_cr4 = (*reg & CR4_GUEST_MAY) |
                    X86_CR4_PAE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT;
        return len;
    }
    if ( cr == 0 )
        __asm__ volatile ( "mov %%cr0, %0" : "=r" (v) );
    else if ( cr == 2 )
        v = dom0_vcpu.vi->arch.cr2;     /* the guest's, as Xen keeps it */
    else if ( cr == 3 )
        v = dom0.l4_mfn << PAGE_SHIFT;  /* Xen: the kernel's base pointer */
    else if ( cr == 4 )
        v = guest_cr4;
    else
        return 0;
    *reg = v;
    return len;
}

static void emul_cpuid(struct cpu_regs *r)
{
    uint32_t leaf = r->rax, sub = r->rcx, a, b, c, d;

    if ( leaf >= CPUID_HV_BASE && leaf <= CPUID_HV_BASE + 0xff )
    {
        a = b = c = d = 0;
        switch ( leaf )
        {
        case CPUID_HV_BASE:
            a = CPUID_HV_LAST;
            memcpy(&b, "XenV", 4);
            memcpy(&c, "MMXe", 4);
            memcpy(&d, "nVMM", 4);
            break;
        case CPUID_HV_BASE + 1:
            a = (4 << 16) | 17;             /* the interface we follow */
            break;
        case CPUID_HV_BASE + 2:
            a = 1;                          /* hypercall pages */
            b = CPUID_HV_BASE;              /* their MSR */
            break;
        }
    }
    else
    {
        __asm__ volatile ( "cpuid" : "=a" (a), "=b" (b), "=c" (c), "=d" (d)
                                   : "a" (leaf), "c" (sub) );
        if ( leaf == 1 )
        {
            c = (c & ~CPUID1_ECX_HIDE) | CPUID1_ECX_HV;
            d &= ~CPUID1_EDX_HIDE;      /* no superpages, no global pages */
        }
    }
    r->rax = a;
    r->rbx = b;
    r->rcx = c;
    r->rdx = d;
}

/*
 * A kernel write to one of its L1 tables (mov, xchg, cmpxchg, and/or/xor,
 * bts/btr/btc, 1-8 bytes), redone on a copy of the entry and validated;
 * registers and flags change only once the entry is written.
 */
static bool emul_ptwr(struct cpu_regs *r)
{
    uint8_t insn[16];
    struct ptwr_insn op;
    struct ptwr_result res;
    uint64_t va = read_cr2(), entry_va = va & ~7ULL, old, regs[16];

    if ( copy_from_guest(insn, r->rip, sizeof(insn)) ||
         !ptwr_decode(insn, sizeof(insn), &op) ||
         copy_from_guest(&old, entry_va, sizeof(old)) )
        return false;
    for ( unsigned int i = 0; i < 16; i++ )
        regs[i] = *gpr(r, i);
    /* A cmpxchg that does not match rewrites the old entry (a check). */
    if ( !ptwr_apply(&op, va & 7, old, regs, r->rflags, &res) ||
         !pv_ptwr_write(entry_va, res.entry) )
        return false;
    if ( res.reg >= 0 )
        *gpr(r, res.reg) = res.reg_val;
    r->rflags = res.rflags;
    r->rip += op.len;
    return true;
}

/* in or out at RIP when dom0's IOPL allows; false to leave the #GP. */
static bool emul_port_io(struct cpu_regs *r, const uint8_t *insn, size_t n)
{
    struct pvio_op op;
    uint32_t val = ~0U;

    if ( !pvio_iopl_allows(dom0_vcpu.iopl, dom0_vcpu.kernel_mode) ||
         !pvio_decode(insn, n, r->rdx, &op) )
        return false;
    if ( op.out )
    {
        if ( !ns16550_owns_port(op.port) )
        {
            if ( op.bytes == 1 )
                outb(r->rax, op.port);
            else if ( op.bytes == 2 )
                outw(r->rax, op.port);
            else
                outl(r->rax, op.port);
        }
    }
    else
    {
        if ( !ns16550_owns_port(op.port) )
            val = op.bytes == 1 ? inb(op.port) :
                  op.bytes == 2 ? inw(op.port) : inl(op.port);
        r->rax = pvio_merge_in(r->rax, op.bytes, val);
    }
    r->rip += op.len;
    return true;
}

/* The PAT and vMCE registers Xen answers (arch/x86/lib/pvmsr.c). */
static enum pvmsr_result emul_vmsr(struct cpu_regs *r, bool write)
{
    static struct pvmsr_vmce vmce;
    static bool vmce_ready;
    enum pvmsr_result res;
    uint64_t val;

    if ( !vmce_ready )
    {
        uint32_t a = 0, b, c = 0, d;

        __asm__ volatile ( "cpuid" : "+a" (a), "=b" (b), "+c" (c), "=d" (d) );
        /* "GenuineIntel": Xen's Intel MCG_CAP, else AMD's. */
        pvmsr_vmce_init(&vmce, b == 0x756e6547 && d == 0x49656e69 &&
                               c == 0x6c65746e);
        vmce_ready = true;
    }
    if ( write )
        return pvmsr_write(&vmce, r->rcx, (r->rdx << 32) | (uint32_t)r->rax);
    res = pvmsr_read(&vmce, r->rcx, &val);
    if ( res == PVMSR_DONE )
    {
        r->rax = (uint32_t)val;
        r->rdx = val >> 32;
    }
    return res;
}

bool pv_emulate(struct cpu_regs *r)
{
    static const uint8_t fep[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2 };
    uint8_t insn[sizeof(fep)];
    uint32_t msr = r->rcx;
    unsigned int len;
    uint64_t val;

    if ( pv_softint(r) )
        return true;
    if ( copy_from_guest(insn, r->rip, sizeof(insn)) )
        return false;
    if ( r->vector == EXC_UD && !memcmp(insn, fep, sizeof(fep)) )
    {
        emul_cpuid(r);
        r->rip += sizeof(fep);
        return true;
    }
    if ( r->vector == EXC_GP && !r->error_code &&
         emul_port_io(r, insn, sizeof(insn)) )
        return true;
    /*
     * cli/sti under the virtual IOPL: no-ops, as Xen makes them. Setting
     * the event mask instead would leave it set after Linux's
     * this_cpu_cmpxchg16b_emu (pushf; cli; ...; popf: the popf cannot
     * give the mask back).
     */
    if ( r->vector == EXC_GP && !r->error_code &&
         (insn[0] == 0xfa || insn[0] == 0xfb) &&
         pvio_iopl_allows(dom0_vcpu.iopl, dom0_vcpu.kernel_mode) )
    {
        r->rip += 1;
        return true;
    }
    if ( r->vector == EXC_PF && dom0_vcpu.kernel_mode &&
         (r->error_code & PF_EC_MASK) == PF_EC_WRITE_PROT )
        return emul_ptwr(r);
    /* The privileged ones only for the guest kernel, never its users. */
    if ( r->vector != EXC_GP || r->error_code || !dom0_vcpu.kernel_mode )
        return false;
    len = emul_read_cr(r, insn);
    if ( len )
    {
        r->rip += len;
        return true;
    }
    if ( insn[0] == 0x0f && insn[1] == 0x32 && msr == MSR_UCODE_REV )
    {
        r->rax = r->rdx = 0;            /* Xen: no microcode revision */
        r->rip += 2;
        return true;
    }
    if ( insn[0] == 0x0f && (insn[1] == 0x30 || insn[1] == 0x32) )
    {
        enum pvmsr_result res = emul_vmsr(r, insn[1] == 0x30);

        if ( res == PVMSR_GP )
            return false;
        if ( res == PVMSR_DONE )
        {
            r->rip += 2;
            return true;
        }
    }
    if ( insn[0] != 0x0f || !msr_base(msr) )
        return false;
    if ( insn[1] == 0x30 )                  /* wrmsr */
    {
        val = (r->rdx << 32) | (uint32_t)r->rax;
        if ( !canonical(val) )
            return false;
        wrmsr(msr, val);
    }
    else if ( insn[1] == 0x32 )             /* rdmsr */
    {
        val = rdmsr(msr);
        r->rax = (uint32_t)val;
        r->rdx = val >> 32;
    }
    else
        return false;
    r->rip += 2;
    return true;
}
