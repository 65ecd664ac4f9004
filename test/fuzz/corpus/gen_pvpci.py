#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_pvpci.c into corpus/pvpci/.
# Input: a 64-byte PCI configuration header (little-endian dwords), then
# 8-byte records: with bit 7 of the first byte clear, header type, register
# (low 6 bits), width (1 << (b % 3)), a 32-bit value (a configuration
# write); with it set, a 24-bit frame, a 16-bit port, a width and flags
# (bit 0 writable, bit 1 cache attributes) (the frame and port rules).
# Seeds: an AHCI-like function (BAR5 at 0x24), a 64-bit BAR pair, a
# bridge, sizing writes, BARs moved onto RAM and onto the UART's ports,
# frames of RAM, MMCONFIG, the MSI window and past the address width.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pvpci")


def header(bars, ht=0):
    d = [0x29228086, 0x02b00007, 0x01060102, ht << 16] + bars
    d += [0] * (16 - len(d))
    return struct.pack("<16I", *d)


def wr(reg, val, width=2, ht=0):
    return struct.pack("<BBBI", ht, reg, width, val & 0xffffffff) + b"\0"


def frame(mfn, port=0, width=0, flags=0):
    return struct.pack("<BBBBHBB", 0x80, mfn & 0xff, (mfn >> 8) & 0xff,
                       (mfn >> 16) & 0xff, port, width, flags)


def main():
    os.makedirs(OUT, exist_ok=True)
    ahci = header([0, 0, 0, 0, 0xc041, 0xfebff000])
    pair = header([0xfe000004, 0, 0xc001, 0, 0, 0])
    seeds = {
        "ahci_bar5": ahci + wr(0x24, 0xffffffff) + wr(0x24, 0xfebff000)
        + wr(0x24, 0x00200000) + wr(0x26, 0x0020, 1) + wr(0x30, 0x200001),
        "bar64_pair": pair + wr(0x10, 0x00200004) + wr(0x14, 1)
        + wr(0x10, 0x00200004) + wr(0x14, 0) + wr(0x18, 0x3f9),
        "bridge": header([0xfe000000, 0, 0x00010100], ht=1)
        + wr(0x18, 0x00200000, ht=1) + wr(0x38, 0x00200001, ht=1),
        "frames": ahci + frame(0x100) + frame(0xb0000, flags=3)
        + frame(0xfee00, flags=1) + frame(0x40010, flags=2)
        + frame(0xffffff) + frame(0xa0, 0x3f7, 1)
        + frame(0xc0000, 0x20, 2),
    }
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
