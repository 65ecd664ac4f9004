#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_dom0tools.c into
# corpus/dom0tools/. Input format: u64 room (bytes from the table to the
# end of its EFI descriptor, as derived from MEM_INFO), u64 MEM_INFO
# address, then the table bytes. The ESRT entries follow the layout of
# reference 7.5; "xen417-short" is what Xen 4.17 leaves under OVMF: a
# 3-entry table whose last 16 bytes are EDK2's pool tail ("ptal", 0xaf
# fill, block size 0xa0), seen in the xen417-shim-esrt boot test.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "dom0tools")


def entry(i):
    guid = struct.pack("<IHH8s", 0x03f0a9b4 + i, 0x7416, 0x4532,
                       bytes(range(8)))
    return guid + struct.pack("<6I", 1 + i % 3, 0x70d29b6c + i, i, 0x8001,
                              0xffffffff, i % 9)


def esrt(count, max_=None, version=1, entries=None):
    n = count if entries is None else entries
    return struct.pack("<IIQ", count, count if max_ is None else max_,
                       version) + b"".join(entry(i) for i in range(n))


def seed(room, addr, table):
    return struct.pack("<QQ", room, addr) + table


SEEDS = {
    "ok-3": seed(136, 0x3f773018, esrt(3)),
    "ok-1-big-room": seed(0xafe8, 0x3f773018, esrt(1)),
    "empty": seed(16, 0x1000, esrt(0)),
    "xen417-short": seed(0xafe8, 0x3f773018, esrt(3)[:120] +
                         b"ptal" + b"\xaf" * 4 + struct.pack("<Q", 0xa0)),
    "region-short": seed(120, 0x3f773018, esrt(3)),
    "no-room": seed(15, 0x3f773ff1, esrt(1)),
    "bad-version": seed(4096, 0x1000, esrt(1, version=2)),
    "over-max": seed(4096, 0x1000, esrt(3, max_=2)),
    "over-linux": seed(1 << 20, 0x1000, esrt(129, entries=4)),
    "huge-count": seed((1 << 64) - 1, (1 << 64) - 0x1000,
                       esrt(0xffffffff, entries=1)),
    "cfg-and-e820": seed(3, 0x5, bytes.fromhex(
        "63a222b16136684f992978f8b0d62180") + struct.pack("<Q", 0x1000) +
        bytes(range(40))),
    "vendor": seed(0, 0, "EDK II\u00e9\0junk".encode("utf-16-le")),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
