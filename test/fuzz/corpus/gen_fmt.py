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


def field_mode(field):
    """Harness field modes: 1 digits 0..99, 2 ('*', n) for n in -64..63,
    3 ('wide', v): digits 100 + v % 5000, or beyond INT_MAX when v is
    0xfff0 or more, 4 ('*wide', n): a '*' of n up to +-5000."""
    if field is None:
        return 0
    if not isinstance(field, tuple):
        return 1
    return {"*": 2, "wide": 3, "*wide": 4}[field[0]]


def field_bytes(mode, field):
    if mode == 1:
        return bytes([field])
    if mode == 2:
        return struct.pack("b", field[1] * 2)
    if mode == 3:
        return struct.pack(">H", field[1])
    if mode == 4:
        return struct.pack(">h", field[1])
    return b""


def recipe(conv, flags=0, width=None, prec=None, length="", value=0,
           prefix="", suffix="", size=64):
    """width/prec: None, an int (written as digits) or a tuple, see
    field_mode; prec may also be "." (a bare dot)."""
    b = bytes([CONVS.index(conv)]) + lit(prefix)
    wmode = field_mode(width)
    pmode = 3 if prec == "." else field_mode(prec)
    # The harness reads the precision mode as 0..5: 3 is the bare dot, so
    # the wide modes 3 and 4 are written as 4 and 5.
    b += bytes([flags, wmode, pmode + 1 if pmode >= 3 and prec != "."
                else pmode])
    if conv in "diuxXo":
        b += bytes([LENS.index(length)])
    b += struct.pack(">Q", value & (2**64 - 1))
    b += field_bytes(wmode, width)
    if prec != ".":
        b += field_bytes(pmode, prec)
    return b + lit(suffix) + bytes([size])


UNKNOWN_LETTERS = "ykrvwKMRUVWY"
UNKNOWN_FLAGS = "-0 +#"


def unknown(letter, flag="", width=None, prec=None, prefix="", suffix="",
            size=64):
    """An unknown conversion: width 1..99, precision 0..99 or None."""
    b = bytes([10]) + lit(prefix)
    b += bytes([UNKNOWN_FLAGS.index(flag) + 1 if flag else 0])
    b += bytes([0 if width is None else 1 + 2 * (width - 1)])
    b += bytes([0 if prec is None else 1 + 2 * prec])
    b += bytes([UNKNOWN_LETTERS.index(letter)])
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
    "wide_width": recipe("d", flags=1, width=("wide", 900), value=-3),
    "wide_prec_zero": recipe("x", flags=16, prec=("wide", 400),
                             value=0xabc, size=200),
    "wide_star": recipe("s", width=("*wide", -3000), prec=("*wide", 2),
                        value=0x0a0a),
    "wide_string_prec": recipe("s", prec=("wide", 150), value=0x0f41),
    "width_past_int_max": recipe("u", width=("wide", 0xfff0), value=9,
                                 prefix="ab"),
    "prec_past_int_max": recipe("d", prec=("wide", 0xffff), value=9),
    "unknown_plain": unknown("y", prefix="a", suffix="b"),
    "unknown_fields": unknown("k", flag="-", width=12, prec=3),
    "unknown_zero_flag": unknown("W", flag="0", width=5, prec=0),
    "unknown_then_number": unknown("r", flag="#") + recipe("d", value=7),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
