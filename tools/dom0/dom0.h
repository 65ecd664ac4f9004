/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Entry points between the parts of the dom0 kernel.
 */
#ifndef DOM0_DOM0_H
#define DOM0_DOM0_H

#include "abi_tmp.h"

/* C entry from head.S with the hypervisor's start_info. Never returns. */
void dom0_main(const struct start_info *si) __attribute__((__noreturn__));

#endif /* DOM0_DOM0_H */
