/* SPDX-License-Identifier: GPL-2.0-only */
/* Version of the hypervisor, reported on the console and to dom0. */
#ifndef XEN_VERSION_H
#define XEN_VERSION_H

#define XEN_VERSION_MAJOR   0
#define XEN_VERSION_MINOR   1
#define XEN_VERSION_STRING  "0.1"
#define XEN_BUILD_INFO      "x86_64"

#endif /* XEN_VERSION_H */
