#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_bzimage into corpus/bzimage/.

Seeds are small bzImage-shaped files built here: a setup header at the
x86 boot protocol's offsets (protocol 2.15, as Debian's 6.1 kernel) whose
payload is an xz stream made by Python's lzma module with the x86 filter,
with Linux's appended size; the same with a gzip payload and with
setup_sects 0; and broken ones (old protocol, payload past the end, no
magic).
"""
import gzip
import lzma
import os
import struct


def bzimage(payload, sects=3, version=0x20f, off=0x40, extra=0,
            length=None):
    code = (sects or 4) + 1
    img = bytearray(code * 512 + off)
    img[0x1f1] = sects
    struct.pack_into("<H", img, 0x1fe, 0xaa55)
    img[0x202:0x206] = b"HdrS"
    struct.pack_into("<H", img, 0x206, version)
    struct.pack_into("<II", img, 0x248, off,
                     len(payload) + extra if length is None else length)
    return bytes(img) + payload + b"\0" * 16


def main():
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "bzimage")
    os.makedirs(here, exist_ok=True)
    body = b"\x7fELF" + bytes(range(256)) * 4 + b"\xe8\x10\x00\x00\x00" * 40
    xz = lzma.compress(body, format=lzma.FORMAT_XZ, check=lzma.CHECK_CRC32,
                       filters=[{"id": lzma.FILTER_X86},
                                {"id": lzma.FILTER_LZMA2, "preset": 6}])
    xz += struct.pack("<I", len(body))
    gz = gzip.compress(body, mtime=0)
    seeds = {
        "xz": bzimage(xz),
        "gzip": bzimage(gz),
        "sects0": bzimage(xz, sects=0),
        "elf": bzimage(body + struct.pack("<I", len(body))),
        "old_protocol": bzimage(xz, version=0x207),
        "past_end": bzimage(xz, extra=100),
        "huge_length": bzimage(xz, length=0xffffffff),
        "no_magic": bzimage(xz)[:0x202] + b"hdrs" + bzimage(xz)[0x206:],
    }
    for name, data in seeds.items():
        with open(os.path.join(here, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
