/* SPDX-License-Identifier: MIT */
/*
 * physdev_op (hypercall 33): the physical-device operations of dom0.
 * Only the I/O privilege level is handled; the other sub-ops answer
 * -ENOSYS. Numbers and layouts are Xen's (xen/include/public/physdev.h).
 */
#ifndef PUBLIC_PHYSDEV_H
#define PUBLIC_PHYSDEV_H

#include "xen.h"

/* The virtual IOPL of the calling vCPU (0-3). */
#define PHYSDEVOP_set_iopl              6
struct physdev_set_iopl {
    uint32_t iopl;
};

#endif
