#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes test/unit/unzstd_vectors.h: Zstandard frames for
test/unit/test_unzstd.c, each with how it was made.

Most are made by the zstd command-line tool (libzstd 1.5.4 on Debian 12,
`apt-get install zstd`) from deterministic inputs: on a file (the frame
then records the content size, single-segment when it fits the window)
or on stdin (no content size, the level's full window in the header).
Each is checked here to decode back with `zstd -d`, and comes with the
length and CRC-32 of what it decodes to. Two are written by hand (the
sequence bitstream built from the predefined FSE tables of RFC 8878
3.1.1.3.2.2): a match that stays inside the frame, which `zstd -d`
decodes, and one whose offset reaches before the frame's first byte,
which it refuses.

The frames are parsed here far enough to list the block, literals and
sequence modes they use (RFC 8878 3.1.1.2 and 3.1.1.3), and the script
fails unless every one of them appears somewhere.

usage: test/unit/gen_unzstd_vectors.py > test/unit/unzstd_vectors.h
"""
import os
import subprocess
import sys
import tempfile
import zlib


def words(n, seed=1):
    w = [b"xen ", b"dom0 ", b"zstd ", b"frame ", b"block ", b"huffman ",
         b"the ", b"a ", b"page ", b"fse ", b"x86 ", b"efi ", b"boot ",
         b"kernel ", b"of ", b"in "]
    x, out = seed, b""
    while len(out) < n:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        out += w[(x >> 16) & 15]
    return out[:n]


def code(n):
    """x86-like bytes: calls, moves and runs of zeros."""
    x, out = 7, bytearray()
    while len(out) < n:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        k = (x >> 16) & 7
        if k < 3:
            out += bytes([0xe8, (x >> 8) & 0xff, 0, 0, 0])
        elif k < 6:
            out += bytes([0x48, 0x89, (x >> 20) & 0xff])
        else:
            out += bytes(16)
    return bytes(out[:n])


def noise(n, seed=5):
    """Incompressible bytes (stored as a raw block)."""
    x, out = seed, bytearray()
    while len(out) < n:
        x = (x * 6364136223846793005 + 1442695040888963407) & (2**64 - 1)
        out.append(x >> 56)
    return bytes(out)


def lcg_symbols(n, k, seed=3):
    """n bytes below k from a linear congruential generator."""
    x, out = seed, bytearray()
    while len(out) < n:
        x = (x * 1103515245 + 12345) & 0xFFFFFFFF
        out.append((x >> 16) % k)
    return bytes(out)


def periods():
    """Runs of 150 to 250 bytes repeating a pattern of 1 to 17 bytes."""
    out = bytearray()
    for p in range(1, 18):
        pat = bytes((p * 37 + 11 * k + 5) & 0xFF for k in range(p))
        out += b"|" + (pat * (250 // p + 1))[:150 + 6 * p]
    return bytes(out)


def zstd(data, args, stdin=False):
    if stdin:
        return subprocess.run(["zstd", "-q", "-c", *args], input=data,
                              stdout=subprocess.PIPE, check=True).stdout
    with tempfile.NamedTemporaryFile() as f:
        f.write(data)
        f.flush()
        return subprocess.run(["zstd", "-q", "-c", *args, f.name],
                              stdout=subprocess.PIPE, check=True).stdout


def unzstd(frames):
    r = subprocess.run(["zstd", "-q", "-d", "-c", "--long=31"], input=frames,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return r.stdout if r.returncode == 0 else None


# ---- hand-made frames: one sequence with the predefined tables --------------

LL_NORM = [4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2,
           2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1]
ML_NORM = [1, 4, 3, 2, 2, 2, 2, 2, 2] + [1] * 37 + [-1] * 7
OF_NORM = [1, 1, 1, 1, 1, 1, 2, 2, 2] + [1] * 15 + [-1] * 5


def fse_symbols(norm, log):
    """The symbol of each state of a predefined table (RFC 8878 4.1.1)."""
    size = 1 << log
    high = size - 1
    sym = [None] * size
    for s, c in enumerate(norm):
        if c == -1:
            sym[high] = s
            high -= 1
    pos, step = 0, (size >> 1) + (size >> 3) + 3
    for s, c in enumerate(norm):
        for _ in range(max(c, 0)):
            sym[pos] = s
            pos = (pos + step) & (size - 1)
            while pos > high:
                pos = (pos + step) & (size - 1)
    return sym


def raw_lits(lits):
    """A raw literals section (RFC 8878 3.1.1.3.1.1, Size_Format 0)."""
    return bytes([len(lits) << 3]) + lits


def one_sequence(lits, ll_code, of_code, of_extra, ml_code):
    """A frame: literals section lits, one sequence with those codes."""
    ll_state = fse_symbols(LL_NORM, 6).index(ll_code)
    of_state = fse_symbols(OF_NORM, 5).index(of_code)
    ml_state = fse_symbols(ML_NORM, 6).index(ml_code)
    # Written in the reverse of the reading order, then the end mark.
    bits, pos = 0, 0
    for v, n in ((of_extra, of_code), (ml_state, 6), (of_state, 5),
                 (ll_state, 6), (1, 1)):
        bits |= v << pos
        pos += n
    stream = bits.to_bytes((pos + 7) // 8, "little")
    block = lits + b"\x01\x00" + stream
    # No content size, a 1 KiB window (descriptor 0), no checksum.
    return (b"\x28\xb5\x2f\xfd\x00\x00" +
            (len(block) << 3 | 2 << 1 | 1).to_bytes(3, "little") + block)


# ---- what a frame uses ------------------------------------------------------

def features(data):
    """The block, literals and sequence modes in the frames of data."""
    got, pos = set(), 0
    while pos + 4 <= len(data):
        magic = int.from_bytes(data[pos:pos + 4], "little")
        if magic & 0xFFFFFFF0 == 0x184D2A50:
            got.add("skippable frame")
            pos += 8 + int.from_bytes(data[pos + 4:pos + 8], "little")
            continue
        if magic != 0xFD2FB528:
            break
        fhd = data[pos + 4]
        single, fcs = fhd >> 5 & 1, fhd >> 6
        got.add("checksum" if fhd & 4 else "no checksum")
        got.add("single segment" if single else "window descriptor")
        pos += 5 + (not single) + [0, 1, 2, 4][fhd & 3] + \
            [int(single), 2, 4, 8][fcs]
        while True:
            bh = int.from_bytes(data[pos:pos + 3], "little")
            kind, size = bh >> 1 & 3, bh >> 3
            pos += 3
            got.add(["raw block", "RLE block", "compressed block"][kind])
            if kind == 2:
                block_features(data[pos:pos + size], got)
            pos += 1 if kind == 1 else size
            if bh & 1:
                break
        pos += 4 if fhd & 4 else 0
    return got


def block_features(b, got):
    lt, sf = b[0] & 3, b[0] >> 2 & 3
    got.add(["raw literals", "RLE literals", "Huffman literals",
             "treeless literals"][lt])
    if lt >= 2:
        got.add("1 Huffman stream" if sf == 0 else "4 Huffman streams")
        lh = 3 if sf <= 1 else sf + 2
        lhc = int.from_bytes(b[:4], "little")
        c = (lhc >> 14) & 0x3FF if sf <= 1 else (
            lhc >> 18 if sf == 2 else (lhc >> 22) | b[4] << 10)
        if lt == 2:
            got.add("direct weights" if b[lh] >= 128 else "FSE weights")
        s = b[lh + c:]
    else:
        lh = 1 if sf in (0, 2) else sf
        n = b[0] >> 3 if lh == 1 else int.from_bytes(b[:lh], "little") >> 4
        s = b[lh + (1 if lt == 1 else n):]
    nr = s[0]
    if nr == 0:
        got.add("no sequences")
        return
    at = 1 if nr < 128 else 2 if nr < 255 else 3
    modes = s[at]
    for shift in (6, 4, 2):
        got.add(["predefined", "RLE", "FSE", "repeat"][modes >> shift & 3] +
                " sequence table")


REQUIRED = {"raw block", "RLE block", "compressed block", "raw literals",
            "RLE literals", "Huffman literals", "treeless literals",
            "1 Huffman stream", "4 Huffman streams", "direct weights",
            "FSE weights", "no sequences", "predefined sequence table",
            "RLE sequence table", "FSE sequence table",
            "repeat sequence table", "checksum", "no checksum",
            "single segment", "window descriptor", "skippable frame"}


def vectors():
    text, bin_ = words(3000), code(3000)
    mixed = noise(3000) + bytes(3000) + text[:3000]
    v = [
        ("level1", "zstd -1 on a file (content size, checksum)",
         zstd(text, ["-1"])),
        ("level3_nocheck", "zstd -3 --no-check on a file",
         zstd(bin_, ["-3", "--no-check"])),
        ("level19", "zstd -19 on a file", zstd(text + bin_, ["-19"])),
        ("ultra22", "zstd --ultra -22 on stdin (128 MiB window in the "
         "header, no content size)", zstd(bin_ + text, ["--ultra", "-22"],
                                          True)),
        ("long30", "zstd --long=30 -3 on stdin (1 GiB window in the "
         "header)", zstd(text, ["--long=30", "-3"], True)),
        ("blocks", "zstd -3 --zstd=wlog=10 (1 KiB window, so 1 KiB "
         "blocks) on a file of 3000 random bytes, 3000 zeros and text: "
         "raw, RLE and compressed blocks", zstd(mixed, ["-3",
                                                        "--zstd=wlog=10"])),
        ("raw_literals", "zstd -3 --no-compress-literals on a file",
         zstd(text, ["-3", "--no-compress-literals"])),
        ("small_blocks", "zstd -9 --target-compressed-block-size=1340 on "
         "a file (many blocks: treeless literals, repeated tables)",
         zstd(text + bin_, ["-9", "--target-compressed-block-size=1340"])),
        ("direct_weights", "zstd -1 on a file of 2000 bytes drawn from "
         "0-11 by a linear congruential generator (4-bit Huffman weights "
         "given directly; no match, so no sequences)",
         zstd(lcg_symbols(2000, 12), ["-1"])),
        ("many_literals", "zstd -1 --zstd=wlog=12 (4 KiB blocks) on a "
         "file of 12000 bytes drawn from 0-39 by a linear congruential "
         "generator: literal sections of thousands of symbols in four "
         "streams (the two-symbol Huffman decoder)",
         zstd(lcg_symbols(12000, 40), ["-1", "--zstd=wlog=12"])),
        ("periods", "zstd -3 on a file of runs repeating patterns of 1 to "
         "17 bytes: long matches at each offset below 16, whose copies "
         "store the pattern again and again", zstd(periods(), ["-3"])),
        ("empty", "zstd -3 on an empty file", zstd(b"", ["-3"])),
        ("match_ok", "by hand: literals 'abcd', one sequence (literal "
         "length 4, repeat offset 2 = 4, match length 3): 'abcdabc'",
         one_sequence(raw_lits(b"abcd"), 4, 1, 0, 0)),
        ("rle_literals", "by hand: RLE literals 4 x 'z' (header 0x21), "
         "one sequence (literal length 4, repeat offset 2 = 4, match "
         "length 5): 9 x 'z'", one_sequence(b"\x21z", 4, 1, 0, 2)),
        ("offset_before_start", "by hand: literal 'a', one sequence "
         "(literal length 1, repeat offset 2 = 4, match length 3): the "
         "match starts 3 bytes before the frame",
         one_sequence(raw_lits(b"a"), 1, 1, 0, 0)),
    ]
    skippable = b"\x5f\x2a\x4d\x18\x05\x00\x00\x00hello"
    v.append(("two_frames", "level1, a skippable frame (magic 0x184d2a5f, "
              "5 bytes) and level3_nocheck, concatenated",
              v[0][2] + skippable + v[1][2]))
    return v


def carray(name, data):
    out = [f"static const uint8_t zst_{name}[{len(data)}] = {{"]
    for i in range(0, len(data), 12):
        out.append("    " + " ".join(f"0x{b:02x}," for b in
                                     data[i:i + 12]))
    out.append("};")
    return out


def main():
    lines = ["/* SPDX-License-Identifier: GPL-2.0-only */",
             "/* Generated by test/unit/gen_unzstd_vectors.py; do not "
             "edit. */",
             "#ifndef TEST_UNZSTD_VECTORS_H", "#define TEST_UNZSTD_VECTORS_H",
             ""]
    seen = set()
    for name, how, data in vectors():
        plain = unzstd(data)
        if name == "offset_before_start":
            if plain is not None:
                sys.exit("zstd -d decodes offset_before_start")
            plain = b""
        elif plain is None:
            sys.exit(f"zstd -d refuses {name}")
        got = features(data)
        seen |= got
        lines.append(f"/* {how}. Uses: {', '.join(sorted(got))}. */")
        lines += carray(name, data)
        lines.append(f"#define ZST_{name.upper()}_LEN {len(plain)}")
        lines.append(f"#define ZST_{name.upper()}_CRC "
                     f"0x{zlib.crc32(plain):08x}U")
        lines.append("")
    missing = REQUIRED - seen
    if missing:
        sys.exit(f"no vector uses: {', '.join(sorted(missing))}")
    lines.append("#endif /* TEST_UNZSTD_VECTORS_H */")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
