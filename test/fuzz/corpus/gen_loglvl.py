#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_loglvl into corpus/loglvl/.

Each seed is a loglvl= or guest_loglvl= value as Xen's command-line
documentation spells them (every level name, with and without a
rate-limited level), near misses, and message texts with and without a
Xen-style level prefix (the same input is read both ways).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "loglvl")

SEEDS = {
    "none": b"none",
    "error": b"error",
    "warning": b"warning",
    "info": b"info",
    "debug": b"debug",
    "all": b"all",
    "guest_default": b"none/warning",
    "all_all": b"all/all",
    "raised": b"debug/error",
    "empty": b"",
    "slash": b"/",
    "trailing_slash": b"info/",
    "two_slashes": b"info/debug/all",
    "case": b"WARNING",
    "prefix_of_name": b"warn",
    "embedded_nul": b"info\x00/all",
    "msg_err": b"ERR: cannot load kernel",
    "msg_warning": b"WARNING: console option not understood",
    "msg_info_prefix": b"<2>Memory map (e820)",
    "msg_debug_prefix": b"<3> [0000000000000000, 000000000009f000) RAM",
    "msg_bad_prefix": b"<4>x",
    "msg_short_prefix": b"<1",
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
