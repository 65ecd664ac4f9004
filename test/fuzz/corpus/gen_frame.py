#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_frame.c into corpus/frame/.
# Input format: a 9-byte header (h[0]: bits 0-1 window, bits 2-4 range
# storage size index, bit 5 track unaccepted memory, bit 6 start with the
# window free; u32 mask of 2 MiB units that are type 15; u32 mask of units
# whose accept is refused), then 5-byte operations: a kind byte (low 2
# bits add/reserve/alloc/free; bit 2 swaps the ends or makes a free bogus,
# bit 3 gives the length in bytes or misaligns a bogus free, the high
# nibble is added to max_pa) and two u16, a and b, little endian. The
# scenarios follow a boot: RAM added, the image and modules reserved, page
# tables and dom0 memory allocated, some of it in TDX-style unaccepted
# memory above a boundary.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "frame")

WIN_BASE0, WIN_4G, WIN_TOP, WIN_1G = 0, 1, 2, 3
SIZE_1, SIZE_2, SIZE_3, SIZE_4, SIZE_6, SIZE_8, SIZE_32, SIZE_BIG = range(8)
ADD, RESERVE, ALLOC, FREE = range(4)
SWAP, BYTES = 4, 8
KiB, MiB = 1 << 10, 1 << 20


def hdr(win, size, track=False, init_free=True, ua=0, refuse=0):
    h0 = win | size << 2 | (0x20 if track else 0) | (0x40 if init_free else 0)
    return bytes([h0]) + struct.pack("<II", ua, refuse)


def op(kind, a=0, b=0, flags=0):
    return struct.pack("<BHH", kind | flags, a & 0xFFFF, b & 0xFFFF)


def add(start, length, flags=0):
    # Start in KiB; length in KiB minus one unless given in bytes.
    ln = length if flags & BYTES else length // KiB - 1
    return op(ADD, start // KiB, ln, flags)


def reserve(start, length, flags=0):
    ln = length if flags & BYTES else length // KiB - 1
    return op(RESERVE, start // KiB, ln, flags)


def alloc(order, max_off=None, odd=0):
    return op(ALLOC, order, 0 if max_off is None else max_off // KiB,
              odd << 4)


def free(index):
    return op(FREE, index)


def bogus_free(off, order, misalign=False):
    return op(FREE, off // KiB, order, SWAP | (BYTES if misalign else 0))


def write(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    allocs = [alloc(o) for o in (0, 0, 9, 1, 10, 0, 12, 3, 9, 0)]
    write("plain-alloc-free", hdr(WIN_BASE0, SIZE_BIG) + b"".join(allocs) +
          free(3) + free(0) + free(7) + alloc(13) + free(1))
    # Boot shape: RAM with holes, image and modules reserved.
    write("boot-reserves", hdr(WIN_4G, SIZE_8, init_free=False) +
          add(0, 640 * KiB) + add(MiB, 30 * MiB) + add(32 * MiB, 32 * MiB) +
          reserve(2 * MiB, 3 * MiB) + reserve(0x9fc00, 0x400, BYTES) +
          reserve(40 * MiB + 512, 100, BYTES) + alloc(0) + alloc(9) +
          alloc(9, 16 * MiB) + alloc(0, MiB) + alloc(18) + free(0))
    # TDX-like: the top half of the window is type 15.
    write("ua-top-half", hdr(WIN_4G, SIZE_BIG, True, True, 0xFFFF0000) +
          b"".join(alloc(o) for o in (0, 0, 8, 9, 10, 11, 0, 12, 9)) +
          free(2) + alloc(8) + bogus_free(40 * MiB, 0))
    write("ua-refused", hdr(WIN_BASE0, SIZE_BIG, True, True, 0xFFFF0000,
                            0x80400000) +
          b"".join(alloc(o) for o in (0, 10, 9, 0, 13, 0)))
    write("ua-refuse-all", hdr(WIN_BASE0, SIZE_32, True, True, 0xFFFFFFF0,
                               0xFFFFFFFF) + alloc(0) + alloc(0) +
          alloc(11) + free(0))
    # A refused unit strictly inside the one range storage holds.
    write("ua-refused-full-storage",
          hdr(WIN_BASE0, SIZE_1, True, False, 0xFFFF0000, 1 << 30) +
          add(4 * KiB, 64 * MiB - 4 * KiB) + alloc(10) + alloc(0) + alloc(9))
    write("ua-short-runs", hdr(WIN_1G, SIZE_6, True, True, 0x5A5A0F0F,
                               0x00010100) +
          b"".join(alloc(o, 60 * MiB) for o in (0, 9, 9, 11, 0, 9)) +
          reserve(8 * MiB, 3 * MiB))
    write("top-of-space", hdr(WIN_TOP, SIZE_4, True, True, 0xC0000000) +
          alloc(0) + alloc(0) + alloc(13) + reserve(62 * MiB, 2 * MiB) +
          bogus_free(64 * MiB - 4 * KiB, 0) + bogus_free(0, 14) +
          add(62 * MiB, 2 * MiB))
    write("small-storage", hdr(WIN_BASE0, SIZE_2) +
          reserve(8 * MiB, MiB) + reserve(16 * MiB, MiB) +
          reserve(0, 4 * KiB) + alloc(1, 6 * MiB) + alloc(9) + alloc(9) +
          alloc(14) + free(0) + free(0))
    write("full-storage-edges", hdr(WIN_4G, SIZE_2, init_free=False) +
          add(2 * MiB, 5 * MiB) + add(8 * MiB + 4 * KiB, 3 * MiB) +
          alloc(9) + alloc(9) + alloc(10) + alloc(1, 10 * MiB))
    write("add-errors", hdr(WIN_BASE0, SIZE_3, init_free=False) +
          add(MiB, MiB) + add(MiB + 512 * KiB, MiB) + add(0, 3000, BYTES) +
          add(4 * MiB, 4 * MiB, SWAP) + add(2 * MiB, MiB) +
          add(8 * MiB, MiB) + add(12 * MiB, MiB) + add(20 * MiB, MiB) +
          add(3 * MiB + 1 * KiB, 4097, BYTES))
    write("max-pa", hdr(WIN_1G, SIZE_BIG) + alloc(0, 16 * MiB, 7) +
          alloc(9, 16 * MiB) + alloc(9, 3 * MiB, 1) + alloc(13, 33 * MiB) +
          alloc(0, KiB) + alloc(14, 64 * MiB - KiB))
    write("bogus-frees", hdr(WIN_BASE0, SIZE_8, True, True, 0x0000FF00) +
          alloc(9) + bogus_free(63 * MiB, 9) + bogus_free(62 * MiB, 9, True) +
          bogus_free(0, 19) + bogus_free(20 * MiB, 0) + free(0) +
          bogus_free(62 * MiB, 9))
    # Blocks reaching from untracked into tracked units.
    write("ua-straddle", hdr(WIN_BASE0, SIZE_BIG, True, True, 0xFFFFFFF0) +
          alloc(12, 16 * MiB) + alloc(14) + free(0) + alloc(13, 32 * MiB))
    write("ua-reserved-free", hdr(WIN_4G, SIZE_8, True, True, 0x0000FF00) +
          reserve(20 * MiB, 2 * MiB) + bogus_free(20 * MiB, 0) +
          bogus_free(16 * MiB, 12) + alloc(0, 22 * MiB))
    # Exhaust the window in 2 MiB and 4 KiB blocks, then give it back.
    write("exhaust", hdr(WIN_4G, SIZE_BIG, True, True, 0x0FF00000, 0x00100000)
          + alloc(9) * 40 + alloc(0) * 40 + alloc(3) * 20)
    # A refused unit low in the only range: the side below it goes too.
    write("ua-refused-drops-low-side",
          hdr(WIN_BASE0, SIZE_1, True, True, 0xFFFFFFFF, 0x2) +
          alloc(10, 6 * MiB) + alloc(0) + alloc(9, 8 * MiB))
    # The last page of the address space is never free.
    write("top-last-page", hdr(WIN_TOP, SIZE_8) +
          add(64 * MiB - 3 * KiB, 100, BYTES) +
          reserve(64 * MiB - 2 * KiB, 1000, BYTES) + alloc(19) + alloc(20) +
          alloc(18) + alloc(0) + free(0) + bogus_free(64 * MiB - 4 * KiB, 0))
    write("reverse-everything", hdr(WIN_BASE0, SIZE_BIG) +
          reserve(4 * MiB, 2 * MiB, SWAP) + reserve(0, 0, BYTES) +
          add(0, 0, BYTES))


if __name__ == "__main__":
    main()
