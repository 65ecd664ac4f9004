#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_shimmap into corpus/shimmap/.

Each seed is laid out as test/fuzz/fuzz_shimmap.c reads it: a control
byte (stride, spare descriptors, bad map size), the range count, two
bytes (gap, length in pages) per range, then six bytes per descriptor
(type selector, start page, pages, flags). Seeds cover exact allocations,
a merged descriptor cut at range edges, a buffer with no room, vendor
strides, unaligned and overflowing descriptors, and a bad map size.
"""
import os
import struct

SHIM = 1   # an odd selector: the shim's private type


def seed(stride_sel, spare, ranges, descs, bad_size=False):
    ctl = (stride_sel & 3) | (spare & 7) << 2 | (0x80 if bad_size else 0)
    out = bytes([ctl, len(ranges)])
    for gap, length in ranges:
        out += bytes([gap - 1, length - 1])
    for typ, start, pages, flags in descs:
        out += struct.pack("<BHHB", typ, start, pages, flags)
    return out


SEEDS = {
    # Ranges [1,3) and [4,6) pages; exact allocations of the shim's type.
    "exact": seed(2, 0, [(1, 2), (1, 2)],
                  [(SHIM, 1, 2, 0), (SHIM, 4, 2, 0), (14, 6, 10, 0)]),
    # One merged descriptor covering both ranges and the gaps.
    "merged": seed(2, 4, [(2, 3), (2, 1)], [(SHIM, 0, 12, 4), (6, 12, 1, 0)]),
    "no_room": seed(2, 0, [(2, 3), (2, 1)], [(SHIM, 0, 12, 0)]),
    "vendor_stride": seed(3, 7, [(1, 1)], [(SHIM, 0, 4, 0), (6, 4, 4, 0)]),
    "bad_descs": seed(0, 2, [(1, 255)],
                      [(SHIM, 1, 0, 0), (SHIM, 2, 1, 1), (SHIM, 3, 16, 2),
                       (SHIM, 5, 3, 0)]),
    "overlapping": seed(1, 7, [(1, 4)], [(SHIM, 0, 8, 0), (SHIM, 2, 8, 0)]),
    "no_ranges": seed(2, 0, [], [(SHIM, 0, 8, 0), (7, 8, 8, 0)]),
    "many": seed(2, 7, [(1, 1)] * 8, [(SHIM, 0, 40, 0)] +
                 [(i * 2, 40 + i, 1, 0) for i in range(8)]),
    "bad_size": seed(2, 1, [(1, 1)], [(SHIM, 0, 4, 0)], bad_size=True),
    "empty": b"",
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shimmap")
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
