/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one way the linked-address code calls the firmware while boot
 * services run (and the runtime services after): the firmware gets its own
 * page tables and interrupt flag for the duration of the call.
 *
 * Boot services only: once efi_bridge_retire() has cleared the bridge
 * (after ExitBootServices, when the firmware's page tables become free
 * memory) the thunk refuses every call with EFI_UNSUPPORTED.
 *
 * Under the firmware's CR3 the linked address is not mapped, so the thunk
 * passes through the bridge, efi_l4_bootmap, which maps both the linked
 * address and everything the firmware maps: load it, move to the image's
 * physical alias (the firmware maps RAM 1:1), and move a stack that lives
 * in the image there too; then load the firmware's CR3. The way back is the
 * mirror image. Before ExitBootServices the bridge is our CR3 anyway; after
 * it, our own L4 maps nothing of the firmware's. Interrupts stay masked
 * whenever a CR3 of ours is live.
 */
#include <asm/asm.h>

        .text
        .code64

/*
 * uint64_t efi_thunk_call(fn, a1, a2, a3, a4, a5, a6)
 * in (SysV): %rdi fn, %rsi a1, %rdx a2, %rcx a3, %r8 a4, %r9 a5, 16(%rbp) a6
 * out: %rax the firmware's return value
 */
FUNC(efi_thunk_call)
        push    %rbp
        mov     %rsp, %rbp
        push    %rbx
        push    %r12
        push    %r13
        push    %r14
        mov     $0x8000000000000003, %rax   /* EFI_UNSUPPORTED */
        cmpq    $0, efi_bridge_cr3(%rip)
        je      5f
        mov     16(%rbp), %r10          /* a6 */
        mov     %rdi, %rax              /* fn */

        /* Microsoft x64: %rcx %rdx %r8 %r9, then stack after 32 bytes of
         * shadow space; %rsp is 16-byte aligned here and stays so. */
        sub     $48, %rsp
        mov     %r9, 32(%rsp)
        mov     %r10, 40(%rsp)
        mov     %r8, %r9
        mov     %rcx, %r8
        mov     %rsi, %rcx

        /* %r12: physical minus linked. %r14: the same if the stack is in
         * the image (after ExitBootServices), else 0. */
        mov     efi_phys_offset(%rip), %r12
        xor     %r14d, %r14d
        lea     _start(%rip), %r13
        cmp     %r13, %rsp
        jb      1f
        lea     _end(%rip), %r13
        cmp     %r13, %rsp
        jae     1f
        mov     %r12, %r14
1:      mov     %cr3, %rbx              /* ours, callee-saved in both ABIs */
        mov     efi_bridge_cr3(%rip), %r13
        mov     %r13, %cr3
        lea     2f(%rip), %r13
        add     %r12, %r13
        add     %r14, %rsp
        jmp     *%r13

        /* Now at the physical alias: RIP-relative data is physical too. */
2:      mov     efi_fw_cr3(%rip), %r13
        mov     %r13, %cr3
        testb   $1, efi_fw_if(%rip)
        jz      3f
        sti
3:      call    *%rax
        cli
        mov     efi_bridge_cr3(%rip), %r13
        mov     %r13, %cr3
        sub     %r14, %rsp
        lea     4f(%rip), %r13
        sub     %r12, %r13
        jmp     *%r13

4:      mov     %rbx, %cr3
        add     $48, %rsp
5:      pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbx
        pop     %rbp
        ret
END(efi_thunk_call)

/*
 * void arch_efi_start_xen(struct boot_info *bi): boot services are gone;
 * leave the firmware's stack for our own and never come back.
 * in: %rdi bi
 */
FUNC(arch_efi_start_xen)
        lea     cpu0_stack_top(%rip), %rsp
        xor     %ebp, %ebp
        call    __start_xen
        ud2
END(arch_efi_start_xen)
