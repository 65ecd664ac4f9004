#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_efirt.c into corpus/efirt/.
# Input: 56 bytes of xenpf_efi_runtime_call, u32 runtime revision, u64
# scatter-gather list address, then dom0's memory at 0x10000 (16 KiB).
# Seeds: each function with good and bad misc, oversized SetVariable and
# capsule counts, and lists that are good, continue, loop, run into
# another owner's memory, or are misaligned.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "efirt")
BASE = 0x10000


def op(function, misc, union=b""):
    b = struct.pack("<IIQ", function, misc, 0) + union
    return b + bytes(56 - len(b))


def seed(o, sg=0, mem=b"", rev=0x20046):
    return o + struct.pack("<IQ", rev, sg) + mem


def desc(*pairs):
    return b"".join(struct.pack("<QQ", a, b) for a, b in pairs)


def main():
    os.makedirs(OUT, exist_ok=True)
    name = "Boot0001\0".encode("utf-16-le")
    seeds = {}
    for fn in range(0, 13):
        seeds[f"fn{fn}"] = seed(op(fn, 0), mem=name)
        seeds[f"fn{fn}_misc"] = seed(op(fn, 3), mem=name)
    seeds["setvar_big"] = seed(op(7, 7, struct.pack("<QQ", 0, 65537)))
    seeds["capsule_count"] = seed(op(11, 0, struct.pack("<QQ", 0, 65)))
    seeds["capsule_old_rev"] = seed(op(10, 0, struct.pack("<QQ", 0, 1)),
                                    rev=0x1000a)
    seeds["sg_good"] = seed(op(11, 0), BASE, desc(
        (0x100, BASE + 0x1000), (0, BASE + 0x40), (0, 0), (0, 0),
        (0x10, BASE + 0x2000), (0, 0)))
    seeds["sg_loop"] = seed(op(11, 0), BASE, desc((0, BASE)))
    seeds["sg_hv"] = seed(op(11, 0), BASE, desc((0x100, 0x7f000000), (0, 0)))
    seeds["sg_edge"] = seed(op(11, 0), BASE, desc((0x20, BASE + 0x3ff0),
                                                  (0, 0)))
    seeds["sg_fw_list"] = seed(op(11, 0), 0x1000)
    seeds["sg_misaligned"] = seed(op(11, 0), BASE + 4, desc((0, 0)))
    seeds["sg_wrap"] = seed(op(11, 0), BASE, desc((0x100, 2**64 - 0x10)))
    seeds["name_long"] = seed(op(6, 0), mem=b"x\0" * 1100)
    for n, data in seeds.items():
        with open(os.path.join(OUT, n), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
