#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_memattr into corpus/memattr/.

Each seed is laid out as test/fuzz/fuzz_memattr.c reads it: one byte of
output slots, then a loaded image: the DOS header (e_lfanew at 0x3c), the
PE signature, a COFF header whose section count and optional-header size
place the section table, and 40-byte section headers (VirtualSize,
VirtualAddress, Characteristics), padded to the image size. Seeds cover
the layout of xen.efi, an empty section, a writable and executable
section, a section past the image, too few slots and broken headers.
"""
import os
import struct

EXEC, READ, WRITE = 0x20000000, 0x40000000, 0x80000000
LFANEW, OPT = 0x80, 240


def image(sections, size, nsec=None, magic=b"MZ", lfanew=LFANEW):
    hdr = bytearray(size)
    hdr[0:2] = magic
    struct.pack_into("<I", hdr, 0x3C, lfanew)
    if lfanew + 24 <= size:
        hdr[lfanew:lfanew + 4] = b"PE\0\0"
        struct.pack_into("<HH", hdr, lfanew + 4, 0x8664,
                         len(sections) if nsec is None else nsec)
        struct.pack_into("<H", hdr, lfanew + 20, OPT)
    table = lfanew + 24 + OPT
    for i, (name, rva, vsize, ch) in enumerate(sections):
        o = table + 40 * i
        hdr[o:o + 8] = name.encode().ljust(8, b"\0")[:8]
        struct.pack_into("<II", hdr, o + 8, vsize, rva)
        struct.pack_into("<I", hdr, o + 36, ch)
    return bytes(hdr)


# xen.efi's sections, shrunk to a page or two each.
XEN = [(".text", 0x1000, 0x1800, EXEC | READ),
       (".rodata", 0x3000, 0x800, READ),
       (".sbat", 0x4000, 0x9e, READ),
       (".data", 0x5000, 0x1000, READ | WRITE),
       (".reloc", 0x6000, 0x230, READ),
       (".bss", 0x7000, 0x1000, READ | WRITE)]

SEEDS = {
    "xen_layout": bytes([16]) + image(XEN, 0x8000),
    "empty_section": bytes([4]) + image([(".e", 0x1000, 0, READ),
                                         (".t", 0x1000, 1, EXEC)], 0x2000),
    "wx": bytes([4]) + image([(".wx", 0x1000, 0x1000, EXEC | WRITE)],
                             0x2000),
    "past_end": bytes([4]) + image([(".t", 0x1000, 0x2000, EXEC)], 0x2000),
    "few_slots": bytes([2]) + image(XEN, 0x8000),
    "bad_magic": bytes([4]) + image(XEN, 0x8000, magic=b"ZM"),
    "bad_lfanew": bytes([4]) + image(XEN, 0x2000, lfanew=0xff0),
    "many_sections": bytes([19]) + image(XEN, 0x8000, nsec=100),
    "short": bytes([4]) + b"MZ",
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "memattr")
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
