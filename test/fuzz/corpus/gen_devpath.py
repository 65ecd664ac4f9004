#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Seeds for fuzz_devpath: byte 0 is the output size (0: large), then a
device path shaped as OVMF and the UEFI shell lay them out, plus broken
ones."""
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "devpath")


def node(t, s, body=b""):
    return struct.pack("<BBH", t, s, 4 + len(body)) + body


def file(name):
    return node(4, 4, (name + "\0").encode("utf-16-le"))


END = node(0x7F, 0xFF)
PREFIX = node(2, 1, bytes(8)) + node(1, 1, bytes(2)) + node(4, 1, bytes(38))

SEEDS = {
    "ovmf-removable": b"\0" + PREFIX + file("\\EFI\\BOOT\\BOOTX64.EFI") + END,
    "shell-split": b"\0" + file("\\EFI") + file("xen\\") + file("\\x.efi")
    + END,
    "instance-end": b"\0" + file("\\a") + node(0x7F, 1) + file("\\b") + END,
    "small-out": b"\x06" + file("\\abcd") + END,
    "no-file": b"\0" + PREFIX + END,
    "no-end": b"\0" + file("\\x"),
    "short-len": b"\0" + struct.pack("<BBH", 1, 1, 3) + END,
    "odd-name": b"\0" + node(4, 4, b"a\0b") + END,
    "non-ascii": b"\0" + node(4, 4, "\u00e9".encode("utf-16-le")) + END,
    "empty": b"",
}

os.makedirs(OUT, exist_ok=True)
for name, data in SEEDS.items():
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)
