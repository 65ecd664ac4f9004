/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Symbol macros for assembly: every routine and object opens with FUNC,
 * LOCAL_FUNC or DATA and closes with END, so type, size, alignment and
 * visibility are always set.
 */
#ifndef ASM_ASM_H
#define ASM_ASM_H

#ifdef __ASSEMBLY__

#define FUNC(name)          \
    .globl name;            \
    .hidden name;           \
    .type name, @function;  \
    .balign 16;             \
name:

#define LOCAL_FUNC(name)    \
    .type name, @function;  \
    .balign 16;             \
name:

#define DATA(name, align)   \
    .globl name;            \
    .hidden name;           \
    .type name, @object;    \
    .balign align;          \
name:

#define LOCAL_DATA(name, align) \
    .type name, @object;    \
    .balign align;          \
name:

#define END(name)           \
    .size name, . - name

#endif /* __ASSEMBLY__ */
#endif /* ASM_ASM_H */
