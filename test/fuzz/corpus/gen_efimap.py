#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_efimap.c into corpus/efimap/.
# Input format: byte 0 selects the descriptor size (low nibble indexes
# 40 48 56 64 72 80 96 128 40 48 40 48 4096 44 32 0), byte 1 holds the
# options (1 skip bad, 2 shaped, 4 mapbs, 8 type 15 as RAM, 0x30
# granularity, 0x40 truncate 8 bytes, 0x80 near 2^64), then the raw map:
# EFI_MEMORY_DESCRIPTOR version 1 (type u32, pad, PhysicalStart,
# VirtualStart, NumberOfPages, Attribute), padded to the descriptor size.
# The OVMF map is shaped after what OVMF on QEMU q35 reports in the UEFI
# shell's `memmap`; the TDX one after a guest with memory above 4 GiB left
# unaccepted.
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "efimap")

SIZE_IDX = {40: 0, 48: 1, 56: 2, 64: 3, 128: 7, 4096: 12, 44: 13, 32: 14}
WB = 0xF
RT = 1 << 63
MAX = (1 << 64) - 1

OVMF = [
    (3, 0x0, 0x1, WB), (7, 0x1000, 0x9F, WB), (7, 0x100000, 0x700, WB),
    (10, 0x800000, 0x8, WB), (7, 0x808000, 0x8, WB),
    (10, 0x810000, 0xF0, WB), (4, 0x900000, 0xB00, WB),
    (7, 0x1400000, 0x7A1E5, WB), (4, 0x7B5E5000, 0x20, WB),
    (1, 0x7B605000, 0x1A0, WB), (7, 0x7B7A5000, 0x1000, WB),
    (3, 0x7C7A5000, 0x45B, WB), (6, 0x7CC00000, 0x100, WB | RT),
    (5, 0x7CD00000, 0x100, WB | RT), (0, 0x7CE00000, 0x200, WB),
    (4, 0x7D000000, 0x2B6F, WB), (9, 0x7FB6F000, 0x10, WB),
    (10, 0x7FB7F000, 0x80, WB), (4, 0x7FBFF000, 0x3E1, WB),
    (0, 0x7FFE0000, 0x20, 0), (0, 0xB0000000, 0x10000, 1),
    (11, 0xFFC00000, 0x400, 1 | RT), (7, 0x100000000, 0x40000, WB),
]

TDX = [
    (7, 0x0, 0xA0, WB), (7, 0x100000, 0x7F00, WB),
    (15, 0x8000000, 0x77F00, WB),              # unaccepted below 2 GiB
    (6, 0x7FF00000, 0x100, WB | RT),
    (15, 0x100000000, 0x40000, WB),            # aligned, 1 GiB
    (15, 0x140001000, 0x3FF, WB),              # < 4 MiB, unaligned
    (15, 0x140800000, 0x1801, WB | 0x4000),    # touches the next one
    (15, 0x142001000, 0x800, WB),
]


def desc(typ, start, pages, attr, size):
    d = struct.pack("<IIQQQQ", typ & 0xFFFFFFFF, 0, start & MAX,
                    0xBAAAD00000000000, pages & MAX, attr & MAX)
    return d + b"\xa5" * (size - len(d))


def write(name, size, opt, descs, raw_size=None):
    body = b"".join(desc(*d, size=raw_size or size) for d in descs)
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([SIZE_IDX[size], opt]) + body)


def main():
    os.makedirs(OUT, exist_ok=True)
    write("ovmf-48", 48, 0x00, OVMF)
    write("ovmf-40-mapbs", 40, 0x04, OVMF)
    rnd = random.Random(4)
    shuffled = OVMF[:]
    rnd.shuffle(shuffled)
    write("ovmf-shuffled-56", 56, 0x00, shuffled)
    write("tdx-48-ua", 48, 0x08, TDX)
    write("tdx-48-reserved", 48, 0x04, TDX)
    write("overlaps", 48, 0x00, [
        (7, 0x100000, 0x100, WB), (4, 0x180000, 0x10, WB),
        (10, 0x1F0000, 0x20, WB), (6, 0x1F0000, 0x20, WB | RT),
        (6, 0x1F0000, 0x20, WB), (7, 0x100000, 0x100, WB),
        (15, 0x120000, 0x40, WB), (0x80000001, 0x130000, 4, 0)])
    bad = [(7, 0x1000, 4, WB), (4, 0x8000, 0, WB), (7, 0x10800, 1, WB),
           (7, MAX - 0xFFF, 2, WB), (7, 0, (1 << 52) + 1, WB),
           (9, 0x20000, 4, WB)]
    write("bad-strict", 48, 0x00, bad)
    write("bad-skip", 48, 0x01, bad)
    write("top-of-space", 40, 0x08, [
        (0, MAX - 0xFFF, 1, 0), (15, MAX - 0x9FFFFF, 0x9FF, WB),
        (7, 0, 0x1000, WB)])
    write("whole-space", 40, 0x00, [(7, 0, 1 << 52, WB)])
    write("desc-4096", 4096, 0x00, [(7, 0x100000, 0x10, WB)])
    write("desc-128", 128, 0x00, OVMF[:6])
    write("desc-44-bad", 44, 0x00, OVMF[:3])
    write("desc-32-bad", 32, 0x00, OVMF[:3], raw_size=40)
    write("truncated", 48, 0x40, OVMF[:5])
    # Shaped mode rewrites every field; random bytes make good maps there.
    for gran in range(4):
        for top in (0, 0x80):
            body = bytes(rnd.getrandbits(8) for _ in range(48 * 20))
            name = "shaped-g%d%s" % (gran, "-top" if top else "")
            with open(os.path.join(OUT, name), "wb") as f:
                f.write(bytes([1, 0x02 | 0x01 | 0x08 | (gran << 4) | top])
                        + body)


if __name__ == "__main__":
    main()
