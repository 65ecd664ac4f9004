#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Seeds for fuzz_unaccepted, in the harness's layout: window placement
(byte 0, bytes 1..4), the map pieces, then 6-byte operations. The maps
are shaped like what TDX and SEV-SNP firmware report: conventional memory
below 1 MiB-ish, then type-15 runs several units long, sometimes split by attributes or
holes, with unaligned heads and tails and runs too short to track."""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "unaccepted")
UNIT = 512                      # pages per 2 MiB unit
BASE = {"zero": 0, "4g": 1, "top": 2, "given": 3}
GAP, CONV, UNACC, UNACC_B = 0, 1, 2, 5   # UNACC_B: other attributes
TAKE, IS_ACC, NEXT, ODD = 0, 2, 3, 4
UNALIGNED, TO_TOP, PAST_TOP = 9, 19, 54
# Zero-length take (and is_accepted): at the page, 0x800 or 0x1800 into
# it (unaligned: refused), 0x1000 into it, or the last page of the space.
ZERO, ZERO_800, ZERO_1000, ZERO_1800, ZERO_LAST = 240, 243, 245, 247, 248


def head(base, given=0):
    return bytes([BASE[base]]) + struct.pack("<I", given)


def pieces(*ps):
    out = bytes([len(ps)])
    for kind, pages in ps:
        out += bytes([kind]) + struct.pack("<H", pages - 1)
    return out


def op(kind, off=0, pages=1, max_out=8):
    return bytes([kind, max_out - 1]) + struct.pack("<HH", off + 1024,
                                                    pages - 1)


TDX = pieces((CONV, 160), (GAP, 96), (UNACC, 3 * UNIT + 17),
             (UNACC_B, 2 * UNIT), (GAP, 5), (UNACC, UNIT + 3),
             (CONV, UNIT), (UNACC, 3 * UNIT), (UNACC_B, 3 * UNIT - 100))


def main():
    seeds = {
        "tdx_walk": head("zero") + TDX
        + op(NEXT) + op(IS_ACC, 0, 20 * UNIT) + op(TAKE, 300, 2)
        + op(NEXT, 300) + op(TAKE, 0, 20 * UNIT, max_out=1)
        + op(TAKE, 0, 20 * UNIT, max_out=2) + op(IS_ACC, 0, 20 * UNIT),
        "take_all": head("4g") + TDX + op(TAKE, 0, 24 * UNIT),
        "top_of_space": head("top") + pieces((GAP, 12 * UNIT - 7),
                                             (UNACC, 8 * UNIT + 7))
        + op(IS_ACC, 19 * UNIT, 4 * UNIT) + op(TAKE, 18 * UNIT, 2 * UNIT)
        + op(TO_TOP, 17 * UNIT) + op(PAST_TOP, 16 * UNIT) + op(NEXT),
        "unaligned_take": head("given", 0x12345) + TDX
        + op(UNALIGNED, 400, 9) + op(TAKE, 700, 1) + op(TAKE, 701, 1),
        "short_runs_only": head("zero") + pieces(
            (UNACC, UNIT), (CONV, 1), (UNACC, 2 * UNIT - 1), (GAP, 1),
            (UNACC, 2 * UNIT)) + op(NEXT) + op(IS_ACC, 0, 6 * UNIT),
        "split_by_attr": head("zero") + pieces(
            (UNACC, UNIT + 1), (UNACC_B, UNIT + 1), (UNACC, UNIT - 2))
        + op(TAKE, UNIT, 1, max_out=1) + op(NEXT),
        "empty_map": head("4g") + pieces() + op(TAKE, 0, 100) + op(NEXT),
        "before_window": head("given", 7) + TDX
        + op(TAKE, -1000, 1200) + op(IS_ACC, -1024, 2000),
        "many_runs_small_out": head("zero") + pieces(
            *[(UNACC if i % 2 == 0 else CONV, 2 * UNIT) for i in range(10)])
        + op(TAKE, 0, 24 * UNIT, max_out=1) * 6,
        # Zero-length calls inside pending units, at their edges, unaligned
        # and at the top page, between real takes: each must be a no-op.
        "zero_length": head("zero") + TDX
        + op(ZERO, 300) + op(ZERO_800, 300) + op(ZERO_1000, 512)
        + op(ZERO_1800, 1023) + op(ZERO_LAST) + op(TAKE, 300, 2)
        + op(ZERO, 300) + op(ZERO_1000, 0) + op(IS_ACC, 0, 20 * UNIT)
        + op(TAKE, 0, 20 * UNIT) + op(ZERO, 2 * UNIT),
        "zero_length_top": head("top") + pieces((GAP, 12 * UNIT - 7),
                                                (UNACC, 8 * UNIT + 7))
        + op(ZERO, 19 * UNIT) + op(ZERO_LAST) + op(ZERO_1800, 20 * UNIT - 1)
        + op(NEXT),
    }
    os.makedirs(OUT, exist_ok=True)
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
