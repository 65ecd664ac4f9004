#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_rt_map.c into corpus/rt_map/.
# Input format: byte 0 the number of map records (low 5 bits), byte 1 the
# options (1 shaped, 2 limit inside the window, 4 table version 2, 8 table
# descriptors of 48 bytes, 0x10 no table, 0x20 mapbs: boot-services code
# and data mapped too), then the map records and the
# table. Shaped records are 8 bytes: type index (5 6 5 6 11 7 4 0), attribute
# index plus 8 = WB and 16 = not runtime, start page (9 bits), pages - 1,
# then for table records the gap before it in pages, 0xff for an overlap,
# and 1 = code (0xfe = conventional, a malformed table). Raw records are
# EFI_MEMORY_DESCRIPTOR version 1; the raw table is header plus descriptors.
# The OVMF case follows the runtime entries OVMF on QEMU q35 reports and an
# attributes table split per image section (header and data XP, text RO).
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "rt_map")
RT = 1 << 63
WB = 0xF
RO = 1 << 17
XP = 1 << 14
RP = 1 << 13


def rec(t, a, start, pages, gap=0, extra=0, code=1):
    return bytes([t, a, start & 0xff, (start >> 8) & 1, pages - 1, gap,
                  extra, code])


def desc(t, pa, pages, attr):
    return struct.pack("<IIQQQQ", t, 0, pa, pa, pages, attr)


def mat(version, dsize, entries):
    b = struct.pack("<IIII", version, len(entries), dsize, 0)
    for t, pa, pages, attr in entries:
        b += desc(t, pa, pages, attr).ljust(dsize, b"\0")
    return b


def shaped(opt, maps, mats):
    return bytes([len(maps), 1 | opt]) + b"".join(maps) + b"".join(mats)


def raw(opt, maps, table):
    return bytes([len(maps), opt]) + b"".join(maps) + table


CASES = {
    # A code block, data around it, MMIO; table splits the code.
    "shaped-code-data": shaped(0, [rec(0, 8, 0, 32), rec(1, 8, 32, 16),
                                   rec(4, 0, 64, 8), rec(5, 8, 80, 8)],
                               [rec(0, 1, 0, 1, 0, 0, 1),
                                rec(0, 0, 0, 10, 0, 0, 1),
                                rec(0, 1, 0, 21, 0, 0, 1),
                                rec(0, 1, 0, 16, 0, 0, 0)]),
    "shaped-no-table": shaped(0x10, [rec(0, 8, 0, 32), rec(1, 8, 40, 16)],
                              []),
    "shaped-low-limit": shaped(2, [rec(0, 8, 250, 20), rec(1, 8, 300, 4)],
                               [rec(0, 0, 0, 60, 7, 0, 1)]),
    "shaped-rwx-entry": shaped(4, [rec(0, 8, 0, 64)],
                               [rec(0, 2, 0, 8, 0, 0, 1),
                                rec(0, 3, 0, 2, 1, 0, 1)]),
    "shaped-overlap": shaped(8, [rec(0, 8, 0, 64), rec(2, 8, 10, 5)],
                             [rec(0, 1, 0, 8), rec(0, 0, 0, 8, 0, 0xff)]),
    "shaped-bad-type": shaped(0, [rec(0, 8, 0, 64)],
                              [rec(0, 0, 0, 8, 0, 0, 0xfe)]),
    "raw-ovmf": raw(0, [desc(7, 0x0, 0x9f, WB),
                        desc(6, 0x1eaa0000, 258, WB | RT),
                        desc(6, 0x1f4ec000, 256, WB | RT),
                        desc(5, 0x1f5ec000, 256, WB | RT),
                        desc(6, 0x1fef4000, 132, WB | RT),
                        desc(11, 0xffc00000, 1024, 1 | RT)],
                    mat(1, 48, [(5, 0x1f5ec000, 1, RT | XP),
                                (5, 0x1f5ed000, 10, RT | RO),
                                (5, 0x1f5f7000, 245, RT | XP),
                                (6, 0x1fef4000, 132, RT | XP)])),
    "raw-table-outside": raw(0, [desc(5, 0x200000, 16, WB | RT)],
                             mat(2, 40, [(5, 0x100000, 0x200, RT | RO),
                                         (6, 0x400000, 4, RT | RP)])),
    "raw-high": raw(0, [desc(5, (1 << 47) - 0x2000, 4, WB | RT),
                        desc(6, 0xfffffffffffff000, 1, WB | RT)], b""),
    # mapbs: boot-services code and data (types 3 and 4) around runtime
    # entries, one data range with XP; with and without a table.
    "raw-mapbs": raw(0x20, [desc(3, 0x100000, 16, WB),
                            desc(7, 0x110000, 16, WB),
                            desc(4, 0x120000, 8, WB | XP),
                            desc(4, 0x128000, 8, WB),
                            desc(5, 0x200000, 16, WB | RT),
                            desc(6, 0x210000, 4, WB | RT)],
                     mat(1, 40, [(5, 0x200000, 4, RT | RO),
                                 (5, 0x204000, 12, RT)])),
    "raw-mapbs-no-table": raw(0x30, [desc(3, 0x100000, 16, WB),
                                     desc(4, 0x120000, 8, WB | XP),
                                     desc(6, 0x210000, 4, WB | RT | XP),
                                     desc(6, 0x214000, 4, WB | RT)], b""),
    "shaped-mapbs": shaped(0x20, [rec(6, 8 | 16, 0, 16), rec(0, 8, 16, 16),
                                  rec(6, 1 | 8 | 16, 40, 4)],
                           [rec(0, 2, 0, 8, 16, 0, 1)]),
    "raw-short-table": raw(0, [desc(5, 0x200000, 16, WB | RT)],
                           mat(1, 40, [(5, 0x200000, 4, RT | RO)])[:50]),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in sorted(CASES.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
