/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Basic types shared by the hypervisor and the host-built tests. Only the
 * compiler's freestanding headers are used, so the same pure C files build
 * unchanged in both worlds.
 */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;

#define ARRAY_SIZE(a)       (sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)      (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a)    ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)    (((x) & ((__typeof__(x))(a) - 1)) == 0)
#define MIN(a, b)           ((a) < (b) ? (a) : (b))
#define MAX(a, b)           ((a) > (b) ? (a) : (b))

#define __init              __attribute__((__section__(".init.text")))
#define __initdata          __attribute__((__section__(".init.data")))
#define __noreturn          __attribute__((__noreturn__))
#define __packed            __attribute__((__packed__))
#define __aligned(n)        __attribute__((__aligned__(n)))
#define __printf(f, a)      __attribute__((__format__(__printf__, f, a)))
#define __unused            __attribute__((__unused__))

#endif /* XEN_TYPES_H */
