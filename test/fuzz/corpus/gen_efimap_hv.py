#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_efimap_hv.c into
# corpus/efimap_hv/. Input format: h[0] bits 0-1 descriptor size (40, 48,
# 56, 64), bit 2 raw size in h[1], bit 3 packed; h[2] number of owned
# ranges; the owned ranges as two u32 each (times 16 bytes when packed);
# then the map: packed 8-byte records (type, spare, u16 start page, u16
# pages, u16 attributes) or raw descriptors. The scenarios follow a boot:
# an image, modules and an MBI inside loader data and conventional memory,
# firmware page tables scattered in boot-services data, runtime and ACPI
# ranges that must stay as they are.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "efimap_hv")
PACKED = 8
PG = 4096


def hdr(size_sel=1, packed=True, nr=0, raw_size=0):
    h0 = size_sel | (PACKED if packed else 0) | (4 if raw_size else 0)
    return bytes([h0, raw_size, nr])


def own16(start, end):
    # Packed ranges are given in 16-byte units.
    return struct.pack("<II", start // 16, end // 16)


def rec(typ, start_pg, pages, attr=0xF, spare=0):
    return struct.pack("<BBHHH", typ, spare, start_pg, pages, attr)


def raw(typ, phys, pages, attr=0xF, virt=0, size=48):
    r = struct.pack("<IIQQQQ", typ, 0, phys, virt, pages, attr)
    return r + b"\xa5" * (size - 40)


def boot_map():
    return (rec(3, 0, 1) + rec(7, 1, 158) + rec(0, 0x9F, 0x61) +
            rec(7, 0x100, 0x700) + rec(2, 0x800, 0x200) +
            rec(4, 0xA00, 0x100) + rec(7, 0xB00, 0x3000) +
            rec(9, 0x3B00, 0x10) + rec(6, 0x3B10, 0x20, 0x800F, 0x80) +
            rec(5, 0x3B30, 0x20, 0x800F, 0x80) + rec(10, 0x3B50, 0x40))


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {
        "no-owned": hdr(nr=0) + boot_map(),
        "image-in-loader-data": hdr(nr=1) +
        own16(0x800000 + 0x3000, 0x900000 + 0x123) + boot_map(),
        "image-modules-mbi": hdr(nr=4) +
        own16(0x200000, 0x3A0000) + own16(0x3A0000, 0x3A1230) +
        own16(0x9FF000, 0xA02000) + own16(0xB00010, 0xB00020) + boot_map(),
        "touching-reversed": hdr(nr=3) +
        own16(0x102000, 0x103000) + own16(0x101000, 0x102000) +
        own16(0x100000, 0x101000) + boot_map(),
        "fw-page-tables": hdr(nr=8) +
        b"".join(own16(0xA00000 + i * 0x3000, 0xA01000 + i * 0x3000)
                 for i in range(8)) + boot_map(),
        "owned-over-runtime": hdr(nr=1) +
        own16(0x3B00000, 0x3B60000) + boot_map(),
        "owned-everything": hdr(nr=1) +
        struct.pack("<II", 0, 0xFFFFFFFF) + boot_map(),
        "desc-64-packed": hdr(size_sel=3, nr=2) +
        own16(0x100000, 0x180000) + own16(0x170000, 0x200000) + boot_map(),
        "raw-48": hdr(packed=False, nr=1) + struct.pack("<II", 0x100, 0x180) +
        raw(7, 0x100000, 0x100, virt=0xFFFF800000100000) +
        raw(2, 0x200000, 0x10) + raw(7, 0x1234, 1) + raw(7, 0x300000, 0) +
        raw(7, 0xFFFFFFFFFFFFF000, 2) + raw(7, 0xFFFFFFFFFFFFE000, 2),
        "raw-40-truncated": hdr(size_sel=0, packed=False, nr=1) +
        struct.pack("<II", 1, 2) + raw(7, 0x1000, 4, size=40) + b"\x01" * 8,
        "raw-bad-size": hdr(packed=False, nr=0, raw_size=44) +
        raw(7, 0, 1, size=48),
    }
    for name, blob in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(blob)


if __name__ == "__main__":
    main()
