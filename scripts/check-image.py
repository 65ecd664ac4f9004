#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Post-link checks of build/xen (ELF). Fails the build when:
- there is no valid multiboot2 header (magic, i386 arch, length, checksum)
  8-byte aligned within the first 32 KiB of the file;
- the program headers are not within the first 32 KiB (GRUB reads them
  from there);
- a loadable segment is both writable and executable;
- a section of type REL/RELA exists (GRUB refuses such multiboot2 images)
  or a .got/.plt/.rela section is non-empty.
"""
import struct
import sys

MB2_MAGIC = 0xE85250D6
SEARCH = 32768
PT_LOAD, PF_X, PF_W = 1, 1, 2
SHT_RELA, SHT_REL = 4, 9


def fail(path, msg):
    sys.exit(f"check-image: {path}: {msg}")


def check_mb2(path, data):
    for off in range(0, min(len(data), SEARCH) - 16, 8):
        magic, arch, length, csum = struct.unpack_from("<IIII", data, off)
        if magic != MB2_MAGIC:
            continue
        if (magic + arch + length + csum) & 0xFFFFFFFF:
            fail(path, f"multiboot2 header at {off:#x}: bad checksum")
        if arch != 0:
            fail(path, f"multiboot2 header at {off:#x}: arch {arch} != 0")
        if length < 24 or length % 8 or off + length > SEARCH:
            fail(path, f"multiboot2 header at {off:#x}: bad length {length}")
        # Walk the tags to the end tag.
        pos = off + 16
        while True:
            ttype, _flags, size = struct.unpack_from("<HHI", data, pos)
            if size < 8 or pos + size > off + length:
                fail(path, f"multiboot2 tag at {pos:#x}: bad size {size}")
            if ttype == 0:
                break
            pos += (size + 7) & ~7
        return off
    fail(path, "no multiboot2 header in the first 32 KiB")


def check_elf(path, data):
    if data[:4] != b"\x7fELF" or data[4] != 2:
        fail(path, "not an ELF64 file")
    (phoff, shoff) = struct.unpack_from("<QQ", data, 0x20)
    (phentsize, phnum, shentsize, shnum, shstrndx) = \
        struct.unpack_from("<HHHHH", data, 0x36)
    if phoff + phnum * phentsize > SEARCH:
        fail(path, "program headers beyond the first 32 KiB")
    for i in range(phnum):
        ptype, flags = struct.unpack_from("<II", data, phoff + i * phentsize)
        if ptype == PT_LOAD and flags & PF_W and flags & PF_X:
            fail(path, f"segment {i} is writable and executable")
    names = None
    if shnum and shstrndx < shnum:
        so = shoff + shstrndx * shentsize
        str_off, = struct.unpack_from("<Q", data, so + 0x18)
        names = data[str_off:]
    for i in range(shnum):
        so = shoff + i * shentsize
        name_off, stype = struct.unpack_from("<II", data, so)
        size, = struct.unpack_from("<Q", data, so + 0x20)
        name = names[name_off:names.index(b"\0", name_off)].decode() \
            if names else "?"
        if stype in (SHT_REL, SHT_RELA):
            fail(path, f"section {name} holds relocations")
        if name in (".got", ".plt", ".got.plt") and size:
            fail(path, f"section {name} is not empty")


def main():
    for path in sys.argv[1:]:
        with open(path, "rb") as f:
            data = f.read()
        check_elf(path, data)
        off = check_mb2(path, data)
        print(f"check-image: {path}: ok (multiboot2 header at {off:#x})")


if __name__ == "__main__":
    main()
