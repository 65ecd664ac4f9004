#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_unzstd into corpus/unzstd/.

Seeds are Zstandard frames made by the zstd command-line tool (libzstd,
`apt-get install zstd`): levels -5, 1, 3, 19 and --ultra -22, with and
without the checksum and the content size, --long windows, literals left
uncompressed, small target blocks (many blocks, treeless literals and
repeated tables), an empty input, two frames with a skippable frame
between; frames damaged in one place each (magic, reserved bit, window,
dictionary ID, block type, a literal or sequence byte, the checksum,
truncation); and a few plain inputs, which the harness compresses
itself. The harness's first two bytes choose its own compression
settings, so the plain seeds start with different ones.
"""
import os
import subprocess
import sys
import tempfile

# The same text-like and x86-like inputs as the unit vectors.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "unit"))
from gen_unzstd_vectors import code, words  # noqa: E402


def zstd(data, *args):
    """zstd on a file, so the frame records the content size."""
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        return subprocess.run(["zstd", "-q", "-c", *args, f.name],
                              stdout=subprocess.PIPE, check=True).stdout


def flip(b, i, mask):
    b = bytearray(b)
    b[i] ^= mask
    return bytes(b)


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "unzstd")
    os.makedirs(out, exist_ok=True)
    text, bin_ = words(20000), code(30000)
    seeds = {
        "level1": zstd(text, "-1"),
        "level3_nocheck": zstd(text, "-3", "--no-check"),
        "level19": zstd(bin_, "-19"),
        "ultra22": zstd(bin_ + text, "--ultra", "-22"),
        "fast5": zstd(text, "--fast=5"),
        "long27": zstd(bin_, "--long=27", "-3"),
        "no_content_size": zstd(text, "--no-content-size", "-3"),
        "raw_literals": zstd(text, "-3", "--no-compress-literals"),
        "small_blocks": zstd(text + bin_, "-9",
                             "--target-compressed-block-size=1340"),
        "empty": zstd(b"", "-3"),
        "tiny": zstd(b"a", "-3"),
        "rle": zstd(bytes(200000), "-3"),
    }
    skippable = b"\x50\x2a\x4d\x18\x04\x00\x00\x00none"
    seeds["two_frames"] = (seeds["level1"] + skippable +
                           seeds["level3_nocheck"])
    seeds["skippable_only"] = skippable
    seeds["trailing_size"] = seeds["level19"] + b"\x30\x75\x00\x00"

    # Header damage on a frame with a window descriptor (no content size,
    # so not single-segment: magic, descriptor, window at 0-5), the rest
    # on a single-segment frame (2-byte content size: block at 7).
    head, base = seeds["no_content_size"], seeds["level1"]
    seeds["bad_magic"] = flip(head, 0, 0x01)
    seeds["bad_reserved"] = flip(head, 4, 0x08)
    seeds["bad_window"] = head[:5] + bytes([0xb8]) + head[6:]
    seeds["bad_dict_id"] = (head[:4] + bytes([head[4] | 1]) + head[5:6] +
                            b"\x07" + head[6:])
    seeds["bad_block_type"] = flip(base, 7, 0x06)
    seeds["bad_literals"] = flip(base, 12, 0x20)
    seeds["bad_sequences"] = flip(base, len(base) - 12, 0x10)
    seeds["bad_checksum"] = flip(base, len(base) - 1, 0x01)
    seeds["truncated"] = base[:len(base) // 2]
    seeds["truncated_checksum"] = base[:-2]

    # Plain inputs: the first two bytes are the harness's settings.
    seeds["plain_text"] = b"\x09\x00" + text[:3000]
    seeds["plain_code"] = b"\x26\x05" + bin_[:4000]
    seeds["plain_two"] = b"\x8b\x9a" + text[:2000] + bin_[:2000]
    seeds["plain_short"] = b"\x01\x00abc"

    for name, data in seeds.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
