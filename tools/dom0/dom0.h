/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry points between the parts of the dom0 kernel.
 */
#ifndef DOM0_DOM0_H
#define DOM0_DOM0_H

#include <public/platform.h>
#include <public/xen.h>

/* C entry from head.S with the hypervisor's start_info. Never returns. */
void dom0_main(const struct start_info *si) __attribute__((__noreturn__));

/*
 * platform_op(XENPF_firmware_info, XEN_FW_EFI_INFO, index) with *info as
 * the in/out union (tools/dom0/fw.c). Returns the hypercall's result.
 */
long fw_efi_info(unsigned int index, union xenpf_efi_info *info);

/*
 * XEN_FW_EFI_MEMORY_MAP into size bytes at buf (NULL: sizes only), with
 * *info as the in/out union (tools/dom0/efimap.c).
 */
long efimap_query(union xenpf_efi_info *info, void *buf, uint64_t size);

/* The tools (docs/tools.md): xen-hostile in tools/dom0/hostile.c, the
 * others tools/lib/fwtools.c through the back end in tools/dom0/fw.c. */
void info_run(const struct start_info *si);      /* xen-info */
void esrt_run(const struct start_info *si);      /* xen-esrt */
void e820_run(const struct start_info *si);      /* xen-e820 */
void efimap_run(const struct start_info *si);    /* xen-efimap */
void hostile_run(const struct start_info *si);   /* xen-hostile */
void pvcpu_run(const struct start_info *si);     /* dom0-pvcpu */
void wallclock_run(const struct start_info *si); /* xen-wallclock */
void console_echo_run(const struct start_info *si); /* dom0-console-echo */

/* The runtime-call tools (tools/dom0/rtcall.c), with the words that
 * followed their name on the command line. */
void efivar_run(const struct start_info *si, unsigned int argc,
                char **argv);                       /* xen-efivar */
void time_run(const struct start_info *si, unsigned int argc,
              char **argv);                         /* xen-time */
void capsule_run(const struct start_info *si, unsigned int argc,
                 char **argv);                      /* xen-capsule */
void reset_run(const struct start_info *si, unsigned int argc,
               char **argv);                        /* xen-reset */

#endif /* DOM0_DOM0_H */
