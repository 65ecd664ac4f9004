#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_madt.c into corpus/madt/:
# QEMU q35's MADT layout (one local APIC, one I/O APIC at 0xfec00000, the
# ISA overrides, a local APIC NMI), an x2APIC entry, and cut tables.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "madt")


def header(body):
    return (b"APIC" + struct.pack("<I", 44 + len(body)) + bytes(28)
            + struct.pack("<II", 0xfee00000, 1) + body)


LAPIC = bytes([0, 8, 0, 0, 1, 0, 0, 0])
IOAPIC = bytes([1, 12, 0, 0]) + struct.pack("<II", 0xfec00000, 0)
ISO = b"".join(bytes([2, 10, 0, irq]) + struct.pack("<IH", gsi, fl)
               for irq, gsi, fl in ((0, 2, 0), (5, 5, 0xd), (9, 9, 0xd),
                                    (10, 10, 0xd), (11, 11, 0xd)))
NMI = bytes([4, 6, 0xff, 0, 0, 1])
X2 = bytes([9, 16, 0, 0]) + struct.pack("<III", 0x100, 1, 7)

SEEDS = {
    "q35": header(LAPIC + IOAPIC + ISO + NMI),
    "x2apic": header(LAPIC + X2),
    "cut_entry": header(LAPIC + IOAPIC[:8]),
    "zero_length": header(LAPIC + bytes([7, 0])),
    "header_only": header(b""),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
