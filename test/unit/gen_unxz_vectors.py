#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes test/unit/unxz_vectors.h, the XZ fixtures of test_unxz.c.

Every stream is made by Python's lzma module (liblzma), or built here
around raw LZMA2 data that liblzma made or that is written by hand, with
the helpers of test/fuzz/corpus/gen_unxz.py. For each fixture the header
holds the stream, and the length and CRC-32 of what it decodes to.

    python3 test/unit/gen_unxz_vectors.py > test/unit/unxz_vectors.h
"""
import lzma
import os
import struct
import sys
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "fuzz", "corpus"))
import gen_unxz as g  # noqa: E402


def raw_stream(raw, plain_len=0, check=0):
    """One block (no size fields) around hand-made LZMA2 bytes."""
    head = b"\0" + bytes([check])
    out = b"\xfd7zXZ\0" + head + struct.pack("<I", zlib.crc32(head))
    bh = b"\x02\x00\x21\x01\x08\x00\x00\x00"
    bh += struct.pack("<I", zlib.crc32(bh))
    out += bh + raw + b"\0" * (-len(raw) % 4)
    index = b"\0\x01" + g.vli(len(bh) + len(raw)) + g.vli(plain_len)
    index += b"\0" * (-len(index) % 4)
    index += struct.pack("<I", zlib.crc32(index))
    tail = struct.pack("<I", len(index) // 4 - 1) + head
    return out + index + struct.pack("<I", zlib.crc32(tail)) + tail + b"YZ"


def main():
    text = g.words(2000)
    code = g.code(1500)
    rnd = bytes((((i * 1103515245 + 12345) & 0xFFFFFFFF) >> 16) & 0xff
                for i in range(700))
    # Runs of one byte (matches at distance 1), patterns of period 2..10
    # (matches shorter and longer than a word's distance), and call/jmp
    # opcodes amid them for the x86 filter: a kernel image in small.
    runs = bytearray()
    for i in range(1, 48):
        runs += bytes(i * 97 % 120)
        per = i % 9 + 2
        runs += bytes((j * 31 + i) & 0xff for j in range(per)) * (i % 20 + 3)
        runs += (b"\xe8" + bytes([i, 0, 0, 0]) if i % 3 else
                 b"\xe9\x10\xff\xff\xff")
    runs = bytes(runs)
    fx = [
        ("crc32", g.xz(text, lzma.CHECK_CRC32), text),
        ("none", g.xz(text, lzma.CHECK_NONE), text),
        ("crc64", g.xz(text, lzma.CHECK_CRC64), text),
        ("sha256", g.xz(text[:100], lzma.CHECK_SHA256), text[:100]),
        ("x86", g.xz(code, lzma.CHECK_CRC32, x86=True), code),
        ("runs", g.xz(runs, lzma.CHECK_CRC32), runs),
        ("runs_x86", g.xz(runs, lzma.CHECK_CRC32, x86=True), runs),
        ("x86_start", lzma.compress(code, format=lzma.FORMAT_XZ, filters=[
            {"id": lzma.FILTER_X86, "start_offset": 0x1000},
            {"id": lzma.FILTER_LZMA2}]), code),
        ("lclppb", lzma.compress(text, format=lzma.FORMAT_XZ, filters=[
            {"id": lzma.FILTER_LZMA2, "lc": 1, "lp": 3, "pb": 4}]), text),
        ("empty", g.xz(b""), b""),
        ("blocks", g.multi_block([text[:700], text[700:1500], text[1500:]],
                                 check=4), text),
        ("blocks_x86", g.multi_block([code[:900], code[900:]], check=1,
                                     x86=True, sizes=False), code),
        ("stored", g.multi_block([rnd + text[:300] + rnd]),
         rnd + text[:300] + rnd),
        ("delta", lzma.compress(text, format=lzma.FORMAT_XZ, filters=[
            {"id": lzma.FILTER_DELTA, "dist": 4},
            {"id": lzma.FILTER_LZMA2}]), text),
        ("copy_resets", raw_stream(b"\x01\x00\x02abc\x02\x00\x02def"
                                   b"\x01\x00\x02ghi\x00", 9), b"abcdefghi"),
        ("first_no_reset", raw_stream(b"\x02\x00\x02abc\x00"), b""),
        ("bad_control", raw_stream(b"\x01\x00\x02abc\x03\x00"), b""),
        ("lzma_no_props", raw_stream(b"\x01\x00\x02abc\x80\x00\x00\x00\x04"
                                     b"\x00\x00\x00\x00\x00\x00"), b""),
        ("no_end", raw_stream(b"\x01\x00\x02abc"), b""),
    ]
    print("/* SPDX-License-Identifier: GPL-2.0-only */")
    print("/* Made by test/unit/gen_unxz_vectors.py (Python's lzma module,")
    print(" * liblzma); do not edit. */")
    for name, data, plain in fx:
        print(f"static const uint8_t xz_{name}[{len(data)}] = {{")
        for i in range(0, len(data), 12):
            print("    " + " ".join(f"0x{b:02x}," for b in data[i:i + 12]))
        print("};")
        print(f"#define XZ_{name.upper()}_LEN {len(plain)}")
        print(f"#define XZ_{name.upper()}_CRC 0x{zlib.crc32(plain):08x}U")


if __name__ == "__main__":
    main()
