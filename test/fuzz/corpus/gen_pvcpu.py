#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_pvcpu.c into corpus/pvcpu/.
# Input format: records of an op byte and three u64 a, b, c (little
# endian); op % 6 picks descriptor, trap entry, bounce frame, iret
# context, event channel operation ((op >> 3) % 8) or time scale. The
# seeds are what a Linux PV kernel does: its GDT descriptors, trap table,
# exception frames from kernel and user mode, iret frames, VIRQ_TIMER and
# IPI bindings, and common TSC frequencies.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pvcpu")


def rec(op, a=0, b=0, c=0):
    m = (1 << 64) - 1
    return struct.pack("<BQQQ", op, a & m, b & m, c & m)


def evt(kind, a=0, b=0):
    return rec(4 | (kind << 3), a, b)


SEEDS = {
    "gdt": b"".join(rec(0, d, s) for d, s in (
        (0x00af9b000000ffff, 0x10), (0x00cf93000000ffff, 0x18),
        (0x00affb000000ffff, 0x33), (0x00cff3000000ffff, 0x2b),
        (0x0000ec000000e033, 0x43), (0x0000890000000067, 0x40),
        (0, 0), (0x00af1b000000ffff, 0xe033))),
    "traps": b"".join(rec(1, v | (f << 8) | (0xe030 << 16), addr) for v, f,
                      addr in ((3, 3, 0xffffffff81000000),
                               (14, 4, 0xffffffff81000100),
                               (6, 0, 0x8000000000000000),
                               (0, 0, 0))),
    "bounce": b"".join(rec(2, rip, rsp, c) for rip, rsp, c in (
        (0xffffffff81001000, 0xffffc90000003f58,
         0xe033 | 0x246 << 8 | 0xe02b << 24 | 1 << 40 | 1 << 41),
        (0x400000, 0x7ffffffde000, 0xe033 | 0x202 << 8 | 1 << 42),
        ((1 << 64) - 1, 0, (1 << 64) - 1))),
    "iret": b"".join(rec(3, a, b, c) for a, b, c in (
        (0, 0xe033, 0x202), (0x5a5a, 0xe030, 0x100 | 0x3000),
        ((1 << 64) - 1, (1 << 64) - 1, (1 << 64) - 1))),
    "events": b"".join((
        evt(0, 0, 0), evt(0, 0, 0), evt(1, 0, 0), evt(4, 2), evt(5, 2),
        evt(7, 1, 0), evt(3, 1), evt(6, 1), evt(2, 0, 1 << 16),
        evt(0, 0, 2 | 1 << 8), evt(4, 0), evt(3, 4199))),
    "time": b"".join(rec(5, k) for k in (1, 1000000, 2596258, 3999999,
                                         0xffffffff)),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    with open(os.path.join(OUT, "all"), "wb") as f:
        f.write(b"".join(SEEDS.values()))


if __name__ == "__main__":
    main()
