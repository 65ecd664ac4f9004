#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_unxz into corpus/unxz/.

Seeds are XZ streams made by Python's lzma module (liblzma): each check
type (none, CRC32, CRC64, SHA-256), with and without the x86 BCJ filter,
several LZMA2 chunks, several blocks, uncompressed chunks, two streams
with stream padding; streams damaged in one place each (header, block
header, data, check, index and footer bytes, truncation, non-zero
padding); and a few plain inputs, which the harness compresses itself.
"""
import hashlib
import lzma
import os
import struct
import zlib


def words(n):
    w = [b"xen ", b"dom0 ", b"lzma ", b"range ", b"block ", b"chunk ",
         b"the ", b"a ", b"page ", b"index ", b"x86 ", b"efi ", b"boot ",
         b"kernel ", b"of ", b"in "]
    x, out = 1, b""
    while len(out) < n:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        out += w[(x >> 16) & 15]
    return out[:n]


def code(n):
    """x86-like bytes: calls and jumps (e8/e9 rel32) among other bytes."""
    x, out = 7, bytearray()
    while len(out) < n:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        k = (x >> 16) & 7
        if k < 3:
            out += bytes([0xe8 + (k & 1)]) + ((x >> 8) & 0xffff).to_bytes(
                2, "little") + (b"\0\0" if k else b"\xff\xff")
        else:
            out += bytes([0x48, 0x89, (x >> 20) & 0xff])
    return bytes(out[:n])


def xz(data, check=lzma.CHECK_CRC64, x86=False, preset=6, dict_size=None):
    opt = {"id": lzma.FILTER_LZMA2, "preset": preset}
    if dict_size:
        opt["dict_size"] = dict_size
    filters = ([{"id": lzma.FILTER_X86}] if x86 else []) + [opt]
    return lzma.compress(data, format=lzma.FORMAT_XZ, check=check,
                         filters=filters)


def crc64(data):
    c = 0xFFFFFFFFFFFFFFFF
    for b in data:
        c ^= b
        for _ in range(8):
            c = (c >> 1) ^ (0xC96C5795D7870F42 if c & 1 else 0)
    return c ^ 0xFFFFFFFFFFFFFFFF


def vli(n):
    out = b""
    while n >= 0x80:
        out += bytes([n & 0x7F | 0x80])
        n >>= 7
    return out + bytes([n])


CHECKS = {0: (0, lambda d: b""),
          1: (4, lambda d: struct.pack("<I", zlib.crc32(d))),
          4: (8, lambda d: struct.pack("<Q", crc64(d))),
          10: (32, lambda d: hashlib.sha256(d).digest())}


def multi_block(parts, check=1, x86=False, sizes=True):
    """A stream built here around raw LZMA2 data, one block per part."""
    head = b"\0" + bytes([check])
    out = b"\xfd7zXZ\0" + head + struct.pack("<I", zlib.crc32(head))
    records = []
    for p in parts:
        filters = [{"id": lzma.FILTER_LZMA2, "dict_size": 1 << 16}]
        if x86:
            filters.insert(0, {"id": lzma.FILTER_X86})
        raw = lzma.compress(p, format=lzma.FORMAT_RAW, filters=filters)
        flags = len(filters) - 1 | (0xC0 if sizes else 0)
        bh = bytes([flags]) + (vli(len(raw)) + vli(len(p)) if sizes else b"")
        bh += (b"\x04\x00" if x86 else b"") + b"\x21\x01\x08"
        size = (len(bh) + 1 + 4 + 3) // 4 * 4
        bh = bytes([size // 4 - 1]) + bh
        bh += b"\0" * (size - 4 - len(bh))
        bh += struct.pack("<I", zlib.crc32(bh))
        out += bh + raw + b"\0" * (-len(raw) % 4) + CHECKS[check][1](p)
        records.append((len(bh) + len(raw) + CHECKS[check][0], len(p)))
    index = b"\0" + vli(len(records))
    for u, n in records:
        index += vli(u) + vli(n)
    index += b"\0" * (-len(index) % 4)
    index += struct.pack("<I", zlib.crc32(index))
    tail = struct.pack("<I", len(index) // 4 - 1) + head
    return out + index + struct.pack("<I", zlib.crc32(tail)) + tail + b"YZ"


def flip(data, index, mask):
    b = bytearray(data)
    b[index] ^= mask
    return bytes(b)


def main():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "unxz")
    os.makedirs(here, exist_ok=True)
    text = words(3000)
    rnd = bytes((((i * 1103515245 + 12345) & 0xFFFFFFFF) >> 16) & 0xff
                for i in range(1500))
    seeds = {
        "empty": xz(b""),
        "check_none": xz(text, lzma.CHECK_NONE),
        "check_crc32": xz(text, lzma.CHECK_CRC32),
        "check_crc64": xz(text, lzma.CHECK_CRC64),
        "check_sha256": xz(text, lzma.CHECK_SHA256),
        "x86": xz(code(4000), lzma.CHECK_CRC32, x86=True),
        "x86_crc64": xz(code(2000) + text[:500], x86=True),
        "preset0": xz(text, preset=0),
        "small_dict": xz(text * 2, dict_size=4096),
        "incompressible": xz(rnd),
        "lc_lp_pb": lzma.compress(text, format=lzma.FORMAT_XZ, filters=[
            {"id": lzma.FILTER_LZMA2, "lc": 0, "lp": 2, "pb": 0}]),
    }
    seeds["two_blocks"] = multi_block([text[:1000], text[1000:]])
    seeds["three_blocks_x86"] = multi_block(
        [code(300), code(200), b""], check=4, x86=True, sizes=False)
    seeds["uncompressed_chunks"] = multi_block([rnd + text[:300] + rnd])
    seeds["two_streams"] = xz(text[:100]) + b"\0" * 8 + xz(text[100:300])
    seeds["size_appended"] = xz(text[:200]) + b"\x2c\x01\x00\x00"
    good = seeds["check_crc32"]
    seeds.update({
        "bad_magic": flip(good, 1, 0x01),
        "bad_flags_crc": flip(good, 8, 0x01),
        "bad_flags": flip(good, 6, 0x01),
        "bad_block_header_crc": flip(good, 14, 0x01),
        "bad_data": flip(good, 40, 0x10),
        "bad_check": flip(good, len(good) - 13 - 24, 0x01),
        "bad_index_crc": flip(good, len(good) - 14, 0x01),
        "bad_footer_magic": flip(good, len(good) - 1, 0x01),
        "bad_backward_size": flip(good, len(good) - 8, 0x01),
        "truncated": good[:len(good) // 2],
        "truncated_footer": good[:-1],
        "bad_padding": good + b"\0\0",
    })
    seeds["plain_text"] = b"\x25" + text[:400]
    seeds["plain_code"] = b"\x17" + code(600)
    seeds["plain_empty"] = b""
    for name, data in seeds.items():
        with open(os.path.join(here, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
