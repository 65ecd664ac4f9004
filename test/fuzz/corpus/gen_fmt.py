#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_fmt.c into corpus/fmt/. Each
# seed is a run of recipes in the harness's byte layout:
#   conv, prefix (len&7 + bytes), flags, width mode, precision mode,
#   [length], value u64 big-endian, [width n / star], [precision n / star],
#   suffix (len&7 + bytes), buffer size.
# Field bytes appear only where the harness reads them.

import os
import struct

CONVS = "diuxXocsp%"
LENS = ["", "hh", "h", "l", "ll", "z", "t", "j"]
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fmt")


def lit(text):
    return bytes([len(text)]) + text.encode()


def recipe(conv, flags=0, width=None, prec=None, length="", value=0,
           prefix="", suffix="", size=64):
    """width/prec: None, an int (written as digits) or ('*', n)."""
    b = bytes([CONVS.index(conv)]) + lit(prefix)
    wmode = 0 if width is None else (2 if isinstance(width, tuple) else 1)
    if prec is None:
        pmode = 0
    elif prec == ".":
        pmode = 3
    else:
        pmode = 2 if isinstance(prec, tuple) else 1
    b += bytes([flags, wmode, pmode])
    if conv in "diuxXo":
        b += bytes([LENS.index(length)])
    b += struct.pack(">Q", value & (2**64 - 1))
    for mode, field in ((wmode, width), (pmode if pmode != 3 else 0, prec)):
        if mode == 1:
            b += bytes([field])
        elif mode == 2:
            b += struct.pack("b", field[1] * 2)
    return b + lit(suffix) + bytes([size])


SEEDS = {
    "decimal": recipe("d", value=-42, prefix="v=", suffix="!"),
    "plus_zero_width": recipe("d", flags=2 | 8, width=8, value=42),
    "left_space": recipe("i", flags=1 | 4, width=6, value=7),
    "unsigned_ll": recipe("u", length="ll", value=2**64 - 1),
    "hex_alt": recipe("x", flags=16, width=10, prec=4, value=0xbeef),
    "hex_upper_z": recipe("X", length="z", value=0xdeadbeefcafe),
    "octal_alt_zero": recipe("o", flags=16, prec=0, value=0),
    "hh_wrap": recipe("d", length="hh", value=0x1ff),
    "h_wrap": recipe("u", length="h", value=0x12345),
    "star_neg_width": recipe("d", width=("*", -12), value=5),
    "star_neg_prec": recipe("d", flags=2, width=9, prec=("*", -1),
                            value=77),
    "prec_dot_only": recipe("d", prec=".", value=0),
    "char": recipe("c", flags=1, width=4, value=ord("Q")),
    "char_nul": recipe("c", value=0, suffix="after"),
    "string_prec": recipe("s", width=12, prec=3, value=0x0102050a),
    "string_null": recipe("s", width=8, value=0x0a),
    "pointer": recipe("p", flags=1, width=20, value=0xffff82d040200000),
    "percent": recipe("%", prefix="100", suffix=" done"),
    "truncate_small": recipe("d", width=30, value=1, size=5),
    "size_zero": recipe("x", value=0x1234, size=0),
    "many": (recipe("d", value=1) + recipe("s", value=0x0305) +
             recipe("x", length="l", value=3, size=2)),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
