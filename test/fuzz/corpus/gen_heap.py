#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Seeds for fuzz_heap: record size, key offset, skew, index-heap slots,
then the records (also the index-heap keys and operations). The record
shapes are those the memory-map cores sort: 8-byte keys alone, e820
entries (20 bytes, key at 0, padded to 24 here), EFI memory descriptors
(40 bytes, PhysicalStart at 8); plus odd sizes, unaligned records and the
refused sizes and key offsets."""
import os
import random
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "heap")


def head(elem, key_off, skew=0, slots=16):
    return bytes([elem, key_off, skew, slots])


def records(elem, key_off, keys, fill=0xAB):
    out = b""
    for i, k in enumerate(keys):
        rec = bytearray([(fill + i) & 0xFF] * elem)
        rec[key_off:key_off + 8] = struct.pack("<Q", k)
        out += bytes(rec)
    return out


def main():
    rnd = random.Random(8)
    keys = [rnd.randrange(2**64) for _ in range(40)]
    seeds = {
        "words_random": head(8, 0) + records(8, 0, keys),
        "words_sorted": head(8, 0) + records(8, 0, sorted(keys)),
        "words_reverse": head(8, 0) + records(8, 0, sorted(keys)[::-1]),
        "words_equal": head(8, 0) + records(8, 0, [7] * 33),
        "e820_like": head(24, 0, slots=4)
        + records(24, 0, [0x100000, 0, 0x9fc00, 0xfee00000, 0x100000]),
        "efi_desc_like": head(40, 8, skew=3)
        + records(40, 8, [0x1000 * k for k in (9, 3, 3, 0, 12, 1)]),
        "odd_size_unaligned": head(13, 5, skew=7)
        + records(13, 5, keys[:12]),
        "max_size": head(64, 56, skew=1) + records(64, 56, keys[:9]),
        "elem_zero": head(0, 0) + bytes(32),
        "elem_too_big": head(65, 0) + bytes(130),
        "key_past_record": head(16, 9) + bytes(64),
        "elem_below_key": head(7, 0) + bytes(21),
        # Index heap: pushes (even bytes) and pops (odd), a full heap.
        "index_push_pop": head(8, 0, slots=3)
        + bytes([0, 2, 4, 6, 8, 1, 10, 1, 1, 1, 1, 12, 14, 1]),
        "index_many_ties": head(9, 1, slots=63)
        + bytes([2 * (i % 5) for i in range(90)] + [1] * 40),
        "index_no_slots": head(8, 0, slots=0) + bytes([0, 1, 2, 3]),
    }
    os.makedirs(OUT, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
