/* SPDX-License-Identifier: MIT */
/*
 * callback_op (hypercall 30): where the hypervisor enters the guest kernel
 * for events, a failed return and `syscall` from user mode. Numbers and
 * layouts are Xen's (xen/include/public/callback.h).
 */
#ifndef PUBLIC_CALLBACK_H
#define PUBLIC_CALLBACK_H

#include "xen.h"

#define CALLBACKTYPE_event              0
#define CALLBACKTYPE_failsafe           1
#define CALLBACKTYPE_syscall            2
#define CALLBACKTYPE_sysenter_deprecated 3
#define CALLBACKTYPE_nmi                4
#define CALLBACKTYPE_sysenter           5
#define CALLBACKTYPE_syscall32          7

/* Mask events while the callback runs (failsafe and syscall). */
#define _CALLBACKF_mask_events          0
#define CALLBACKF_mask_events           (1U << _CALLBACKF_mask_events)

#define CALLBACKOP_register             0
#define CALLBACKOP_unregister           1

#ifndef __ASSEMBLY__

/* Xen callback.h: argument of CALLBACKOP_register. */
struct callback_register {
    uint16_t type;              /* 0: CALLBACKTYPE_* */
    uint16_t flags;             /* 2: CALLBACKF_* */
    unsigned long address;      /* 8: xen_callback_t on x86-64 */
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);
_Static_assert(sizeof(struct callback_register) == 16, "callback_register");
_Static_assert(offsetof(struct callback_register, address) == 8,
               "callback_register.address");

/* Xen callback.h: argument of CALLBACKOP_unregister. */
struct callback_unregister {
    uint16_t type;              /* 0 */
    uint16_t _unused;           /* 2 */
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);
_Static_assert(sizeof(struct callback_unregister) == 4,
               "callback_unregister");

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_CALLBACK_H */
