/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Forced into every hypervisor object (-include): all symbols, declared or
 * defined, are local to the image. With -fpie this makes every reference,
 * address-of included, a plain RIP-relative one: no GOT, and code that
 * runs at the load address before the switch computes load addresses.
 */
#pragma GCC visibility push(hidden)
