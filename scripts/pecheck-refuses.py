#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Proves that pecheck refuses what it must: from a good xen.efi, makes
images with one fault each and requires pecheck --sbat to fail on each
with the expected reason (and to pass on the original).

  - the relocation block moved onto .text's first page (a DIR64 entry in
    a read-only, executable section)
  - the relocation block moved onto .rodata's first page
  - 512 bytes appended after the last section
  - the header checksum off by one
  - no .sbat section (renamed)
  - .sbat text with a bad generation

    pecheck-refuses.py PECHECK XEN.EFI WORKDIR
"""
import os
import struct
import subprocess
import sys


def sections(d):
    pe, = struct.unpack_from("<I", d, 0x3C)
    nsec, = struct.unpack_from("<H", d, pe + 6)
    optsz, = struct.unpack_from("<H", d, pe + 20)
    out = {}
    for i in range(nsec):
        so = pe + 24 + optsz + 40 * i
        name = d[so:so + 8].rstrip(b"\0").decode()
        vsz, rva, rawsz, rawoff = struct.unpack_from("<IIII", d, so + 8)
        out[name] = dict(hdr=so, rva=rva, vsz=vsz, raw=rawoff, rawsz=rawsz)
    return pe + 24, out


def reloc_to(d, sec):
    d = bytearray(d)
    opt, secs = sections(d)
    rva, = struct.unpack_from("<I", d, opt + 112 + 5 * 8)
    r = secs[".reloc"]
    off = r["raw"] + rva - r["rva"]
    struct.pack_into("<I", d, off, secs[sec]["rva"])
    return d


def checksum_off(d):
    d = bytearray(d)
    opt, _ = sections(d)
    v, = struct.unpack_from("<I", d, opt + 64)
    struct.pack_into("<I", d, opt + 64, v + 1)
    return d


def fix_checksum(d):
    """Sets the header checksum for the bytes as they are now."""
    opt, _ = sections(d)
    struct.pack_into("<I", d, opt + 64, 0)
    total = 0
    for i in range(0, len(d) - 1, 2):
        total += d[i] | d[i + 1] << 8
        total = (total & 0xFFFF) + (total >> 16)
    if len(d) % 2:
        total += d[-1]
    total = (total & 0xFFFF) + (total >> 16)
    struct.pack_into("<I", d, opt + 64, (total + len(d)) & 0xFFFFFFFF)
    return d


def rename_sbat(d):
    d = bytearray(d)
    _, secs = sections(d)
    d[secs[".sbat"]["hdr"]:secs[".sbat"]["hdr"] + 8] = b".sbax\0\0\0"
    return fix_checksum(d)


def bad_generation(d):
    d = bytearray(d)
    _, secs = sections(d)
    s = secs[".sbat"]
    text = bytes(d[s["raw"]:s["raw"] + s["vsz"]])
    i = text.index(b"\n") + 1
    j = text.index(b",", i) + 1
    d[s["raw"] + j] = ord("x")
    return fix_checksum(d)


CASES = [
    ("reloc-in-text", lambda d: reloc_to(d, ".text"),
     "relocation target not in a writable, non-executable section"),
    ("reloc-in-rodata", lambda d: reloc_to(d, ".rodata"),
     "relocation target not in a writable, non-executable section"),
    ("trailing-bytes", lambda d: d + bytes(512),
     "file bytes after the last section belong to no section"),
    ("bad-checksum", checksum_off, "header checksum"),
    ("no-sbat", rename_sbat, "no .sbat section"),
    ("bad-sbat", bad_generation, "generation not a decimal number"),
]


def main():
    pecheck, efi, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    good = open(efi, "rb").read()
    bad = 0
    r = subprocess.run([pecheck, "--sbat", efi], capture_output=True,
                       text=True)
    if r.returncode:
        print(f"pecheck-refuses: {efi} itself fails: {r.stderr.strip()}")
        sys.exit(1)
    for name, make, reason in CASES:
        path = os.path.join(work, name + ".efi")
        with open(path, "wb") as f:
            f.write(make(good))
        r = subprocess.run([pecheck, "--sbat", path], capture_output=True,
                           text=True)
        if r.returncode != 1 or reason not in r.stderr:
            print(f"pecheck-refuses: {name}: exit {r.returncode}, "
                  f"{(r.stderr or r.stdout).strip()!r}; wanted {reason!r}")
            bad += 1
    if bad:
        sys.exit(1)
    print(f"pecheck-refuses: all {len(CASES)} faulty images refused")


if __name__ == "__main__":
    main()
