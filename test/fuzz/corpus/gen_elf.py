#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_elf into corpus/elf/.

Seeds are small ELF64 x86-64 executables built from the ELF-64 layouts
(64-byte header, 56-byte program headers, notes as namesz, descsz, type
and 4-byte padded name and desc), shaped like a PV Linux kernel: a text
segment, a data segment with bss, and a PT_NOTE segment with the Xen
notes Debian's Linux 6.1 carries (reference 6.3); then variants that
break one rule each.
"""
import os
import struct

KBASE = 0xFFFFFFFF80000000
TEXT_VA, DATA_VA = KBASE + 0x1000, KBASE + 0x3000
ENTRY = TEXT_VA + 0x40
PT_LOAD, PT_NOTE = 1, 4
PF_X, PF_W, PF_R = 1, 2, 4
NOTE_OFF, TEXT_OFF, DATA_OFF, SIZE = 0x300, 0x800, 0xA00, 0x1000


def note(name, ntype, desc):
    name = name + b"\0"
    pad = lambda b: b + bytes(-len(b) % 4)
    return struct.pack("<III", len(name), len(desc), ntype) + \
        pad(name) + pad(desc)


def num(v, size=8):
    return v.to_bytes(size, "little")


def debian_notes():
    return b"".join([
        note(b"Xen", 6, b"linux\0"), note(b"Xen", 7, b"2.6\0"),
        note(b"Xen", 5, b"xen-3.0\0"), note(b"Xen", 3, num(KBASE)),
        note(b"Xen", 15, num(0x8000000000)), note(b"Xen", 1, num(ENTRY)),
        note(b"Xen", 10, b"!writable_page_tables|pae_pgdir_above_4gb"),
        note(b"Xen", 17, num(0x8801, 4)), note(b"Xen", 9, b"yes\0"),
        note(b"Xen", 8, b"generic\0"), note(b"Xen", 13, num(1) + num(1)),
        note(b"Xen", 14, num(1, 4)), note(b"Xen", 16, num(1, 4)),
        note(b"Xen", 12, num(0xFFFF800000000000)),
        note(b"Xen", 18, num(0x1000040, 4)),
        note(b"GNU", 3, bytes(range(20))),
    ])


def elf(phdrs=None, notes=None, entry=ENTRY, etype=2, machine=62,
        ident=b"\x7fELF\x02\x01\x01", phentsize=56, size=SIZE, vbase=None):
    """p_paddr is the address minus VIRT_BASE (Xen adds it back); a
    segment given as (..., va, fsz, msz, file_va) says file_va in p_vaddr,
    as Linux's zero-based per-CPU segment does."""
    if vbase is None:
        vbase = KBASE if notes is None else 0
    notes = debian_notes() if notes is None else notes
    if phdrs is None:
        phdrs = [text(), data()]
    if notes and not any(p[0] == PT_NOTE for p in phdrs):
        phdrs = phdrs + [notes_ph(notes)]
    img = bytearray(size)
    img[0:len(ident)] = ident
    img[16:64] = struct.pack("<HHIQQQIHHHHHH", etype, machine, 1, entry, 64,
                             0, 0, 64, phentsize, len(phdrs), 64, 0, 0)
    for i, seg in enumerate(phdrs):
        t, fl, off, va, fsz, msz = seg[:6]
        file_va = seg[6] if len(seg) > 6 else va
        ph = struct.pack("<IIQQQQQQ", t, fl, off, file_va,
                         (va - vbase) & (2**64 - 1), fsz, msz, 0x1000)
        img[64 + 56 * i:120 + 56 * i] = ph
    assert 64 + 56 * len(phdrs) <= (NOTE_OFF if notes else TEXT_OFF)
    assert NOTE_OFF + len(notes) <= TEXT_OFF
    img[NOTE_OFF:NOTE_OFF + len(notes)] = notes
    for i in range(0x200):
        img[TEXT_OFF + i] = (i + 1) & 0xFF
        img[DATA_OFF + i] = (0x80 + i) & 0xFF
    return bytes(img)


def text(va=TEXT_VA, flags=PF_R | PF_X, off=TEXT_OFF, fsz=0x200,
         msz=0x200):
    return (PT_LOAD, flags, off, va, fsz, msz)


def data(va=DATA_VA, off=DATA_OFF, fsz=0x180, msz=0x2000):
    return (PT_LOAD, PF_R | PF_W, off, va, fsz, msz)


def notes_ph(n):
    return (PT_NOTE, PF_R, NOTE_OFF, 0, len(n), len(n))


N = debian_notes()
SEEDS = {
    "debian_linux": elf(),
    "no_notes": elf(phdrs=[text(), data()], notes=b""),
    "reversed": elf(phdrs=[data(), text(), notes_ph(N)]),
    "many": elf(notes=b"", phdrs=[text()] +
                [data(va=DATA_VA + 0x10000 * i, fsz=0x80, msz=0x100)
                 for i in range(15)]),
    "too_many": elf(notes=b"", phdrs=[text()] +
                    [data(va=DATA_VA + 0x10000 * i, fsz=0x80, msz=0x100)
                     for i in range(16)]),
    "overlap": elf(phdrs=[text(), data(va=TEXT_VA + 0x100), notes_ph(N)]),
    "wrap": elf(phdrs=[text(), data(va=0xFFFFFFFFFFFFF000)]),
    "past_file": elf(phdrs=[text(), data(fsz=0x700, msz=0x2000)]),
    "filesz_big": elf(phdrs=[text(), data(fsz=0x180, msz=0x100)]),
    "entry_in_data": elf(entry=DATA_VA, notes=note(b"Xen", 3, num(KBASE)),
                         vbase=KBASE),
    "entry_note_bad": elf(notes=N + note(b"Xen", 1, num(DATA_VA)),
                          vbase=KBASE),
    "linux_physical": elf(entry=TEXT_VA - KBASE, phdrs=[
        text(), data(), notes_ph(N),
        (PT_LOAD, PF_R | PF_W, DATA_OFF, DATA_VA + 0x2000, 0x40, 0x1000,
         0)]),
    "paddr_offset_alone": elf(notes=note(b"Xen", 4, num(0))),
    "note_cut": elf(phdrs=[text(), data(), notes_ph(N + b"\0" * 4)]),
    "note_bad_size": elf(notes=note(b"Xen", 3, num(0x8000, 2))),
    "long_strings": elf(notes=note(b"Xen", 6, b"x" * 40 + b"\0") +
                        note(b"Xen", 10, b"dom0|!direct_mapped||!zz|")),
    "dyn": elf(etype=3),
    "i386": elf(machine=3),
    "class32": elf(ident=b"\x7fELF\x01\x01\x01"),
    "phentsize": elf(phentsize=64),
    "short": elf()[:63],
    "headers_only": elf()[:NOTE_OFF],
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "elf")
    os.makedirs(out, exist_ok=True)
    for name, blob in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(blob)


if __name__ == "__main__":
    main()
