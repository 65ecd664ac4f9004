#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for fuzz_mb2.c into test/fuzz/corpus/mb2/.
#
# The GRUB-like blocks follow the tag order of GRUB's multiboot2 info
# writer (see the ABI reference 1.2) with values a QEMU pc machine with
# 2 GiB reports under SeaBIOS or OVMF: its e820 map, its "BOCHS " RSDP,
# a 1024x768x32 framebuffer and 48-byte EFI descriptors. The rest are edge
# cases, valid and invalid, each named for what it exercises.
import os
import struct

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mb2")

QEMU_E820 = [
    (0x0, 0x9FC00, 1),
    (0x9FC00, 0x400, 2),
    (0xF0000, 0x10000, 2),
    (0x100000, 0x7FEE0000, 1),
    (0x7FFE0000, 0x20000, 2),
    (0xFFFC0000, 0x40000, 2),
]

# (type, physical start, pages, attribute) for an OVMF-like EFI map.
OVMF_EFI_MAP = [
    (7, 0x0, 0xA0, 0xF),
    (4, 0x100000, 0x700, 0xF),
    (7, 0x800000, 0x3000, 0xF),
    (2, 0x3800000, 0x400, 0xF),
    (5, 0x7F800000, 0x100, 0x800000000000000F),
    (6, 0x7F900000, 0x80, 0x800000000000000F),
    (9, 0x7FB00000, 0x10, 0xF),
    (10, 0x7FB10000, 0x40, 0xF),
    (11, 0xFFC00000, 0x400, 0x8000000000000001),
]


def pad8(b):
    return b + b"\0" * (-len(b) % 8)


def tag(ttype, body=b"", size=None):
    if size is None:
        size = 8 + len(body)
    return pad8(struct.pack("<II", ttype, size) + body)


def string(ttype, s):
    return tag(ttype, s.encode() + b"\0")


def module(start, end, s):
    return tag(3, struct.pack("<II", start, end) + s.encode() + b"\0")


def mmap(entries, entry_size=24):
    body = struct.pack("<II", entry_size, 0)
    for base, length, mtype in entries:
        e = struct.pack("<QQII", base, length, mtype, 0)
        body += e + b"\xEE" * (entry_size - len(e))
    return tag(6, body)


def efi_mmap(descs, desc_size=48):
    body = struct.pack("<II", desc_size, 1)
    for etype, pa, pages, attr in descs:
        d = struct.pack("<IIQQQQ", etype, 0, pa, 0, pages, attr)
        body += d + b"\0" * (desc_size - len(d))
    return tag(17, body)


def rsdp_v1():
    b = b"RSD PTR " + b"\0" + b"BOCHS " + b"\0" + struct.pack("<I", 0x7FFE182D)
    return b[:8] + bytes([(-sum(b)) & 0xFF]) + b[9:]


def rsdp_v2():
    v1 = rsdp_v1()
    b = v1[:15] + b"\x02" + v1[16:] + struct.pack("<IQ", 36, 0x7FFE1900)
    b += b"\0\0\0\0"
    return b


def framebuffer():
    body = struct.pack("<QIIIBBH", 0xFD000000, 4096, 1024, 768, 32, 1, 0)
    body += bytes([16, 8, 8, 8, 0, 8, 0, 0])
    return tag(8, body)


def mbi(*tags, total=None, tail=b""):
    body = b"".join(tags) + tag(0)
    if total is None:
        total = 8 + len(body)
    return struct.pack("<II", total, 0) + body + tail


def grub_bios():
    return mbi(
        tag(21, struct.pack("<I", 0x200000)),
        string(1, "/boot/xen.gz console=com1 com1=115200,8n1 dom0_mem=1G"),
        string(2, "GRUB 2.06-13+deb12u1"),
        tag(10, struct.pack("<HHIHHHHHH", 0x102, 0xF000, 0xB7E0, 0xF000,
                            0x40, 3, 0xFFF0, 0xFFF0, 0x100)),
        module(0x1000000, 0x1A3B5C0, "/boot/vmlinuz root=/dev/vda1 ro"),
        module(0x1A3C000, 0x2F00000, "/boot/initrd.img"),
        mmap(QEMU_E820),
        tag(4, struct.pack("<II", 639, 2096000)),
        tag(5, struct.pack("<III", 0x80, 0, 0xFFFFFFFF)),
        framebuffer(),
        tag(14, rsdp_v1()),
    )


def grub_efi_bs():
    return mbi(
        tag(21, struct.pack("<I", 0x1C00000)),
        string(1, "/xen.efi console=vga,com1 dom0_mem=2G"),
        string(2, "GRUB 2.12"),
        module(0x3E000000, 0x3E900000, "/vmlinuz console=hvc0"),
        module(0x3D000000, 0x3DF00000, "/initrd.img"),
        framebuffer(),
        tag(12, struct.pack("<Q", 0x7F9EE018)),
        tag(14, rsdp_v1()),
        tag(15, rsdp_v2()),
        tag(18),
        tag(20, struct.pack("<Q", 0x7E4C3A98)),
    )


def grub_efi_exited():
    return mbi(
        tag(21, struct.pack("<I", 0x200000)),
        string(1, "/xen.gz"),
        string(2, "GRUB 2.12"),
        module(0x3E000000, 0x3E900000, "/vmlinuz"),
        mmap(QEMU_E820),
        tag(4, struct.pack("<II", 640, 2096000)),
        tag(12, struct.pack("<Q", 0x7F9EE018)),
        tag(15, rsdp_v2()),
        efi_mmap(OVMF_EFI_MAP),
    )


SEEDS = {
    "grub-bios": grub_bios(),
    "grub-efi-bs": grub_efi_bs(),
    "grub-efi-exited": grub_efi_exited(),
    "minimal": mbi(),
    "trailing-after-end": mbi(string(1, "x"), total=48,
                              tail=string(1, "never")),
    "odd-size-tag": mbi(tag(99, b"abc")),
    "unknown-tags": mbi(tag(99, b"\xFF" * 5), tag(0xFFFFFFFF),
                        tag(9, struct.pack("<III", 3, 64, 2) + b"\0" * 192),
                        tag(13, b"\x03\x00" + b"\0" * 30),
                        tag(16, b"\x02" * 300), string(1, "after")),
    "mmap-stride-32": mbi(mmap(QEMU_E820, entry_size=32)),
    "mmap-stride-20": mbi(mmap(QEMU_E820[:2], entry_size=20)),
    "efi-desc-40": mbi(efi_mmap(OVMF_EFI_MAP[:3], desc_size=40)),
    "efi-desc-36": mbi(efi_mmap(OVMF_EFI_MAP[:3], desc_size=36)),
    "sixteen-modules": mbi(*[module(i << 20, (i << 20) + i, "m%d" % i)
                             for i in range(16)]),
    "seventeen-modules": mbi(*[module(i << 20, (i << 20) + 4096, "m")
                               for i in range(17)]),
    "module-backwards": mbi(module(0x2000, 0x1FFF, "b")),
    "rsdp-v2-then-v1": mbi(tag(15, rsdp_v2()), tag(14, rsdp_v1())),
    "efi32": mbi(tag(11, struct.pack("<I", 0x7F000000)),
                 tag(19, struct.pack("<I", 0x7E000000))),
    "duplicate-cmdline": mbi(string(1, "a"), string(1, "b")),
    "unterminated-cmdline": mbi(tag(1, b"abcd")),
    "tag-size-zero": mbi(tag(99, size=0)),
    "tag-size-max": mbi(tag(99, b"\0" * 8, size=0xFFFFFFF9)),
    "total-max": mbi(string(1, "x"), total=0xFFFFFFFF),
    "end-size-16": struct.pack("<IIII", 24, 0, 0, 16) + b"\0" * 8,
    "truncated": struct.pack("<I", 100) + grub_bios()[4:100],
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in sorted(SEEDS.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
