#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Proves that xen.efi's base relocations cover every absolute pointer.

The same objects are linked twice as ELF, at the real base and at a base
moved by SHIFT. Every 64-bit field whose value differs by exactly SHIFT
between the two loaded images holds an absolute address; every other byte
must be identical. The set of those fields must equal, exactly, the set of
DIR64 entries in xen.efi's .reloc (same RVAs): a missing entry would leave
a pointer unrelocated, an extra one would corrupt data.

    check-relocs.py XEN-SYMS XEN-SYMS-SHIFTED SHIFT IMAGE-BASE XEN.EFI
"""
import struct
import sys


def load_elf(path):
    """The loaded image as {vaddr: bytes} of its PT_LOAD file contents."""
    d = open(path, "rb").read()
    phoff, = struct.unpack_from("<Q", d, 0x20)
    phentsize, phnum = struct.unpack_from("<HH", d, 0x36)
    segs = []
    for i in range(phnum):
        o = phoff + i * phentsize
        ptype, _fl, off, vaddr, _pa, filesz = struct.unpack_from(
            "<IIQQQQ", d, o)
        if ptype == 1 and filesz:
            segs.append((vaddr, d[off:off + filesz]))
    return sorted(segs)


def pointer_fields(a, b, shift, image_base):
    fields = set()
    for (va, da), (vb, db) in zip(a, b):
        if vb - va != shift or len(da) != len(db):
            sys.exit("check-relocs: segment layouts differ")
        i = 0
        while i < len(da):
            if da[i] == db[i]:
                i += 1
                continue
            # The first differing byte lies inside a 64-bit field; find
            # one aligned or not whose values differ by exactly shift.
            for start in range(max(0, i - 7), i + 1):
                if start + 8 > len(da):
                    continue
                x, = struct.unpack_from("<Q", da, start)
                y, = struct.unpack_from("<Q", db, start)
                if (y - x) & (2**64 - 1) == shift:
                    fields.add(va + start - image_base)
                    i = start + 8
                    break
            else:
                sys.exit(f"check-relocs: byte at {va + i:#x} differs but "
                         "is not part of a moved 64-bit address")
    return fields


def pe_dir64(path):
    d = open(path, "rb").read()
    pe, = struct.unpack_from("<I", d, 0x3C)
    nsec, = struct.unpack_from("<H", d, pe + 6)
    optsz, = struct.unpack_from("<H", d, pe + 20)
    opt = pe + 24
    rva, size = struct.unpack_from("<II", d, opt + 112 + 5 * 8)
    # Map the directory's RVA to its file offset through the sections.
    for i in range(nsec):
        so = opt + optsz + 40 * i
        vsz, vaddr, rawsz, rawoff = struct.unpack_from("<IIII", d, so + 8)
        if vaddr <= rva < vaddr + max(vsz, rawsz):
            off = rawoff + rva - vaddr
            break
    else:
        sys.exit("check-relocs: .reloc not in any section")
    fields, others = set(), 0
    end = off + size
    while off < end:
        page, bsz = struct.unpack_from("<II", d, off)
        for j in range(8, bsz, 2):
            e, = struct.unpack_from("<H", d, off + j)
            if e >> 12 == 10:
                fields.add(page + (e & 0xFFF))
            elif e >> 12 != 0:
                others += 1
        off += bsz
    return fields, others


def main():
    syms, shifted, efi = sys.argv[1], sys.argv[2], sys.argv[5]
    shift, image_base = int(sys.argv[3], 0), int(sys.argv[4], 0)
    want = pointer_fields(load_elf(syms), load_elf(shifted), shift,
                          image_base)
    have, others = pe_dir64(efi)
    missing, extra = sorted(want - have), sorted(have - want)
    for rva in missing[:10]:
        print(f"check-relocs: pointer at RVA {rva:#x} has no DIR64 entry")
    for rva in extra[:10]:
        print(f"check-relocs: DIR64 entry at RVA {rva:#x} names no pointer")
    if others:
        print(f"check-relocs: {others} relocations of other types")
    if missing or extra or others:
        sys.exit(1)
    print(f"check-relocs: {efi}: ok, all {len(want)} absolute pointers "
          "covered by DIR64 entries, none extra")


if __name__ == "__main__":
    main()
