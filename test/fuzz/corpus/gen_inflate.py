#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_inflate into corpus/inflate/.

Seeds are gzip members made by Python's zlib (stored, fixed, dynamic and
multi-block streams; every header flag), members damaged in one place
each (truncated, CRC, ISIZE, stored length, block type, reserved flags),
and a few plain inputs, which the harness also compresses itself.
"""
import os
import struct
import zlib


def words(n):
    w = [b"xen ", b"dom0 ", b"gzip ", b"huffman ", b"block ", b"code ",
         b"the ", b"a ", b"page ", b"table ", b"esrt ", b"efi ", b"boot ",
         b"kernel ", b"of ", b"in "]
    x, out = 1, b""
    while len(out) < n:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        out += w[(x >> 16) & 15]
    return out[:n]


def gz(data, level=9, strategy=zlib.Z_DEFAULT_STRATEGY, flush_at=None):
    c = zlib.compressobj(level, zlib.DEFLATED, 31, 8, strategy)
    if flush_at is None:
        return c.compress(data) + c.flush()
    return (c.compress(data[:flush_at]) + c.flush(zlib.Z_SYNC_FLUSH) +
            c.compress(data[flush_at:]) + c.flush())


def with_header(member, flags, extra=b"", name=b"", comment=b""):
    """Rebuilds member's header with FEXTRA/FNAME/FCOMMENT/FHCRC."""
    head = bytearray(member[:10])
    head[3] = flags
    if flags & 4:
        head += struct.pack("<H", len(extra)) + extra
    if flags & 8:
        head += name + b"\0"
    if flags & 16:
        head += comment + b"\0"
    if flags & 2:
        head += struct.pack("<H", zlib.crc32(bytes(head)) & 0xFFFF)
    return bytes(head) + member[10:]


def flip(data, index, mask):
    b = bytearray(data)
    b[index] ^= mask
    return bytes(b)


def binary(n):
    x, out = 7, bytearray()
    for i in range(n):
        x = (x * 69069 + 1) & 0xFFFFFFFF
        out.append((x >> 24) if i % 3 else (i & 0xFF))
    return bytes(out)


text = words(2000)
SEEDS = {
    "fixed": gz(b"hello, hello, hello xen dom0\n"),
    "stored": gz(binary(300), level=0),
    "dynamic": gz(text),
    "multi": gz(text, flush_at=700),
    "huffman_only": gz(text, strategy=zlib.Z_HUFFMAN_ONLY),
    "rle": gz(binary(1500) + bytes(500), strategy=zlib.Z_RLE),
    "forced_fixed": gz(text[:800], strategy=zlib.Z_FIXED),
    "empty": gz(b""),
    "all_flags": with_header(gz(b"flags"), 0x1E, b"AB\x02\x00xy",
                             b"dom0.gz", b"comment"),
    "bad_header_crc": flip(with_header(gz(b"flags"), 0x02), 10, 1),
    "reserved_flag": with_header(gz(b"flags"), 0x20),
    "truncated": gz(text)[:300],
    "bad_crc": flip(gz(text), -8, 0x40),
    "bad_isize": flip(gz(text), -4, 0x01),
    "bad_stored_len": flip(gz(binary(40), level=0), 12, 0x10),
    "block_type_3": gz(b"")[:10] + b"\x07\x00" + bytes(8),
    "trailing_bytes": gz(b"abc") + bytes(16),
    "not_gzip": b"\x7fELF\x02\x01\x01" + bytes(57),
    "plain_text": text[:1000],
    "plain_zeros": bytes(3000),
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inflate")
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
