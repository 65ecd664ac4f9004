#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_e820.c into corpus/e820/.
# Input format: one mode byte (0 raw, 1 small overlapping window, 2 near
# 2^64; the high nibble sets spare room for e820_add), then 20-byte
# records: u64 addr, u64 size, u32 type, little endian. The maps are
# shaped after BIOS e820 tables (QEMU SeaBIOS, a typical server with ACPI
# tables and NVS below 4 GiB) and the corner cases a loader can produce.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "e820")

RAM, RES, ACPI, NVS, UNUS = 1, 2, 3, 4, 5
GiB = 1 << 30
MAX = (1 << 64) - 1


def rec(addr, size, typ):
    return struct.pack("<QQI", addr & MAX, size & MAX, typ & 0xFFFFFFFF)


def write(name, mode, recs):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(bytes([mode]) + b"".join(rec(*r) for r in recs))


def main():
    os.makedirs(OUT, exist_ok=True)
    seabios = [(0, 0x9FC00, RAM), (0x9FC00, 0x400, RES),
               (0xF0000, 0x10000, RES), (0x100000, 0x7FEE0000, RAM),
               (0x7FFE0000, 0x20000, RES), (0xFEFFC000, 0x4000, RES),
               (0xFFFC0000, 0x40000, RES), (0x100000000, 2 * GiB, RAM)]
    write("seabios", 0x00, seabios)
    write("seabios-reversed", 0x10, list(reversed(seabios)))
    server = [(0, 0x9E800, RAM), (0x9E800, 0x1800, RES),
              (0xE0000, 0x20000, RES), (0x100000, 0x76F00000, RAM),
              (0x77000000, 0x8000000, RES), (0x7F000000, 0x400000, ACPI),
              (0x7F400000, 0x800000, NVS), (0x7FC00000, 0x400000, RES),
              (0x80000000, 0x10000000, RES), (0xFEC00000, 0x1400000, RES),
              (0x100000000, 60 * GiB, RAM)]
    write("server", 0x00, server)
    # Overlaps of every kind, including unknown types 0, 7 and 12.
    write("overlaps", 0x00, [(0, 0x100000, RAM), (0x80000, 0x10000, RES),
                             (0x88000, 0x10000, NVS), (0x8C000, 0x1000, UNUS),
                             (0x90000, 0x20000, ACPI), (0x40000, 0x1000, 7),
                             (0x40000, 0x1000, 12), (0x41000, 0x1000, 0)])
    write("zero-sizes", 0x00, [(0x1000, 0, RAM), (0, 0x1000, RAM),
                               (MAX, 0, RES), (0x2000, 0x1000, RAM)])
    write("clip-top", 0x00, [(MAX - 0xFFF, 0x10000, RES), (MAX, MAX, RAM),
                             (1 << 63, 1 << 63, RAM), (0, 1 << 63, RAM)])
    write("whole-space", 0x00, [(0, MAX, RAM), (MAX, 1, RAM)])
    write("touching-merge", 0x20, [(0x3000, 0x1000, RAM),
                                   (0x1000, 0x1000, RAM),
                                   (0x2000, 0x1000, RAM),
                                   (0x5000, 0x1000, RAM)])
    # Mode 1 and 2 reinterpret fields; any bytes make useful maps there.
    body = b"".join(rec(i * 0x1234567 + 11, i * 0x89ABC + 3, i)
                    for i in range(24))
    with open(os.path.join(OUT, "window-overlap"), "wb") as f:
        f.write(bytes([0x01]) + body)
    with open(os.path.join(OUT, "near-top"), "wb") as f:
        f.write(bytes([0x02]) + body)
    with open(os.path.join(OUT, "add-no-room"), "wb") as f:
        f.write(bytes([0x01]) + rec(0x10000, 0x800, 9) + body[:200])
    # The second range starts on the last byte of the first, and wins.
    write("one-byte-overlap", 0x00, [(0x1000, 0x1001, RAM),
                                     (0x2000, 0x1000, RES),
                                     (0x2FFF, 0x1, UNUS)])
    write("empty", 0x00, [])
    write("one", 0x30, [(0x100000, 0x100000, NVS)])


if __name__ == "__main__":
    main()
