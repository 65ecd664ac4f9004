#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_pe into corpus/pe/.

Seeds are small PE32+ EFI applications built from the PE/COFF layouts
(MS-DOS header with e_lfanew at 0x3c, "PE\\0\\0", COFF header, PE32+
optional header with 16 data directories, 40-byte section headers) shaped
like GNU ld's output for xen.efi: .text RX, .data RW, .reloc R with DIR64
fixups; variants that break one rule each; and raw relocation inputs in
the harness's second format {s64 delta, u16 image size, table}.
"""
import os
import struct

SCN_CODE, SCN_IDATA, SCN_DISCARD = 0x20, 0x40, 0x02000000
SCN_X, SCN_R, SCN_W = 0x20000000, 0x40000000, 0x80000000


def block(page, entries):
    data = struct.pack("<II", page, 8 + 2 * len(entries))
    return data + b"".join(struct.pack("<H", e) for e in entries)


def pe_image(relocs=None, data_flags=SCN_IDATA | SCN_R | SCN_W,
             nx=True, subsystem=10, reloc_dir=True, entry=0x1000):
    if relocs is None:
        relocs = block(0x2000, [0xA000, 0xA008, 0x3010, 0x0000])
    lfanew, opt_bytes, nsec = 0x40, 240, 3
    dos = b"MZ" + bytes(0x3A) + struct.pack("<I", lfanew)
    coff = b"PE\0\0" + struct.pack("<HHIIIHH", 0x8664, nsec, 0, 0, 0,
                                   opt_bytes, 0x22)
    dirs = [(0, 0)] * 16
    if reloc_dir:
        dirs[5] = (0x3000, len(relocs))
    opt = struct.pack("<HBBIIIII", 0x20B, 2, 40, 0x200, 0x400, 0, entry,
                      0x1000)
    opt += struct.pack("<QII", 0xFFFF82D040000000, 0x1000, 0x200)
    opt += struct.pack("<HHHHHHI", 2, 0, 4, 17, 2, 0, 0)
    opt += struct.pack("<IIIHH", 0x4000, 0x200, 0, subsystem,
                       0x140 if nx else 0x40)
    opt += struct.pack("<QQQQII", 0, 0, 0, 0, 0, 16)
    opt += b"".join(struct.pack("<II", *d) for d in dirs)
    assert len(opt) == opt_bytes

    def section(name, rva, raw, flags):
        return struct.pack("<8sIIIIIIHHI", name, 0x100, rva, 0x200, raw,
                           0, 0, 0, 0, flags)
    table = section(b".text", 0x1000, 0x200, SCN_CODE | SCN_X | SCN_R)
    table += section(b".data", 0x2000, 0x400, data_flags)
    table += section(b".reloc", 0x3000, 0x600,
                     SCN_IDATA | SCN_R | SCN_DISCARD)
    head = dos + coff + opt + table
    head += bytes(0x200 - len(head))
    text = b"\xc3" + bytes(0x1FF)
    data = struct.pack("<QQ", 0xFFFF82D040001000, 0xFFFF82D040002000)
    data += bytes(0x200 - len(data))
    rel = relocs + bytes(0x200 - len(relocs))
    return head + text + data + rel


def raw(delta, image_bytes, table):
    return struct.pack("<qH", delta, image_bytes) + table


SEEDS = {
    "pe_ok": pe_image(),
    "pe_no_nx": pe_image(nx=False),
    "pe_wx": pe_image(data_flags=SCN_IDATA | SCN_R | SCN_W | SCN_X),
    "pe_no_reloc": pe_image(reloc_dir=False),
    # Entry points outside .text (0x1000, VirtualSize 0x100): refused.
    "pe_entry_in_data": pe_image(entry=0x2000),
    "pe_entry_past_text": pe_image(entry=0x1100),
    "pe_entry_in_headers": pe_image(entry=0x10),
    "pe_entry_text_end": pe_image(entry=0x10FF),
    "pe_bad_subsystem": pe_image(subsystem=3),
    "pe_bad_type": pe_image(relocs=block(0x2000, [0x1000])),
    "pe_hits_table": pe_image(relocs=block(0x3000, [0xA000])),
    "pe_two_blocks": pe_image(relocs=block(0x1000, [0xA010, 0x0000]) +
                              block(0x2000, [0xA000, 0xA008])),
    "pe_truncated": pe_image()[:0x150],
    "raw_ok": raw(-0x200000, 0x2000,
                  block(0x0, [0xA000, 0x3008, 0xAFF0]) +
                  block(0x1000, [0xAFF8, 0])),
    "raw_zero_block": raw(0x1000, 0x1000, struct.pack("<II", 0, 0)),
    "raw_odd_block": raw(0x1000, 0x1000, struct.pack("<II", 0, 9) + b"\0"),
    "raw_overrun": raw(0x1000, 0x1000, struct.pack("<II", 0, 64)),
    "raw_past_image": raw(1, 0x100, block(0, [0xA0FC])),
    "raw_unsorted": raw(1, 0x100, block(0, [0xA010, 0xA00C])),
    "raw_page_wrap": raw(1, 0xFFFF, block(0xFFFFF000, [0xAFFF])),
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pe")
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
