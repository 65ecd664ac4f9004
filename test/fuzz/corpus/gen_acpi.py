#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_acpi.c into corpus/acpi/. Every
# seed is one table as firmware would place it in memory, built here with
# correct checksums: RSDPs (v1, v2), an RSDT and an XSDT, FADTs of the
# ACPI 1.0, 5.0 and 6.x sizes, and DSDTs carrying \_S5 in the encodings
# QEMU and PC firmware use, HPET tables (QEMU's, page-protected, a base
# in I/O space) and MCFG tables (q35's, and six windows, one with no bus).
# A few are deliberately broken.

import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "acpi")


def fix_sum(b, off, n):
    b[off] = 0
    b[off] = (-sum(b[:n])) & 0xff


def rsdp(rev, rsdt, xsdt=0, length=36):
    b = bytearray(b"RSD PTR " + b"\0" + b"XENTST" + bytes([rev]) +
                  struct.pack("<I", rsdt))
    if rev >= 2:
        b += struct.pack("<IQ", length, xsdt) + bytes(length - 32)
    fix_sum(b, 8, 20)
    if rev >= 2:
        fix_sum(b, 32, length)
    return bytes(b)


def sdt(sig, body, rev=1):
    b = bytearray(sig + struct.pack("<IBB", 36 + len(body), rev, 0) +
                  b"XENTST" + b"XENTABLE" + struct.pack("<III", 1, 0, 0) +
                  body)
    fix_sum(b, 9, len(b))
    return bytes(b)


def gas(space, width, addr):
    return struct.pack("<BBBBQ", space, width, 0, 0, addr)


def fadt(length, flags=0, x_pm1a=None, sleep=None):
    b = bytearray(276 - 36)
    def put(off, data):
        b[off - 36:off - 36 + len(data)] = data
    put(40, struct.pack("<I", 0x7fe0040))        # DSDT
    put(48, struct.pack("<I", 0xb2))             # SMI_CMD
    put(52, b"\xf1")                             # ACPI_ENABLE
    put(64, struct.pack("<II", 0x604, 0))        # PM1a/b_CNT_BLK
    put(112, struct.pack("<I", flags))
    put(116, gas(1, 8, 0xcf9) + b"\x06")         # RESET_REG, RESET_VALUE
    put(140, struct.pack("<Q", 0x17fe00040))     # X_DSDT
    if x_pm1a:
        put(172, gas(*x_pm1a))
    if sleep:
        put(244, gas(*sleep))
    return sdt(b"FACP", bytes(b[:length - 36]), rev=6 if length > 116 else 1)


NAME_S5 = b"\x08_S5_"

def hpet(protect, space=0, base=0xfed00000):
    return sdt(b"HPET", struct.pack("<IBBBBQBHB", 0x8086a201, space, 64, 0,
                                    0, base, 0, 0x80, protect))


def mcfg(windows):
    return sdt(b"MCFG", bytes(8) + b"".join(
        struct.pack("<QHBBI", base, seg, first, last, 0)
        for base, seg, first, last in windows))


SEEDS = {
    "hpet_qemu": hpet(0),
    "hpet_protect64k": hpet(2),
    "hpet_io_space": hpet(0, space=1),
    "mcfg_q35": mcfg([(0xb0000000, 0, 0, 0xff)]),
    "mcfg_many": mcfg([(0xe0000000, 0, 0, 0x3f), (0xf0000000, 1, 0x10, 0x1f),
                       (0x4000000000, 2, 0x20, 0x10),
                       (0xd0000000, 3, 0, 0), (0xc0000000, 4, 1, 2),
                       (0xa0000000, 5, 3, 4)]),
    "rsdp_v1": rsdp(0, 0x7fe1234),
    "rsdp_v2": rsdp(2, 0x7fe0000, 0x17fe00000),
    "rsdp_v2_long": rsdp(2, 0, 0x2000, length=40),
    "rsdp_bad_sum": rsdp(0, 0x1000)[:8] + b"\x00" + rsdp(0, 0x1000)[9:],
    "rsdt": sdt(b"RSDT", struct.pack("<III", 0x7fe1000, 0x7fe2000,
                                     0xfffff000) + b"\x01\x02"),
    "xsdt": sdt(b"XSDT", struct.pack("<QQ", 0x17fe10000, 0xfed00000)),
    "fadt_v1": fadt(116, flags=1 << 10),
    "fadt_reset": fadt(129, flags=1 << 10),
    "fadt_v5_hw_reduced": fadt(256, flags=1 << 20, x_pm1a=(1, 16, 0xb004),
                               sleep=(0, 8, 0xfe000000)),
    "fadt_v6": fadt(276, flags=1 << 10, x_pm1a=(1, 16, 0xb004),
                    sleep=(1, 8, 0x5000)),
    "fadt_x_memory": fadt(276, x_pm1a=(0, 16, 0xfed40000)),
    "dsdt_qemu": sdt(b"DSDT", NAME_S5 + bytes([0x12, 0x06, 0x04, 0, 0, 0, 0])),
    "dsdt_byte_prefix": sdt(b"DSDT", b"\x08_S3_\x12\x04\x01\x0a\x05" +
                            NAME_S5 + bytes([0x12, 0x07, 0x04, 0x0a, 0x07,
                                             0, 0, 0])),
    "aml_root_prefix": b"\x08\\_S5_" + bytes([0x12, 0x08, 0x04, 0x0a, 0x05,
                                              0x0a, 0x05, 0, 0]),
    "aml_pkglength_2": NAME_S5 + bytes([0x12, 0x47, 0x00, 0x04, 0x0a, 0x05,
                                        0x0a, 0x06]),
    "aml_pkglength_4": NAME_S5 + bytes([0x12, 0xc7, 0, 0, 0, 0x02, 1, 1]),
    "aml_word_dword": NAME_S5 + bytes([0x12, 0x0a, 0x02, 0x0b, 0x03, 0x00,
                                       0x0c, 0x04, 0, 0, 0]),
    "aml_value_8": NAME_S5 + bytes([0x12, 0x04, 0x01, 0x0a, 0x08]),
    "aml_cut": NAME_S5 + bytes([0x12, 0x06, 0x04, 0x00]),
    # Two \_S5 definitions: the first (malformed: a string element) is the
    # one that counts, the well-formed second must not be used instead.
    "aml_two_s5_first_bad": NAME_S5 + bytes([0x12, 0x05, 0x02, 0x0d, 0x41,
                                             0x00])
    + NAME_S5 + bytes([0x12, 0x06, 0x02, 0x0a, 0x05, 0x0a, 0x05]),
    "aml_two_s5": NAME_S5 + bytes([0x12, 0x06, 0x02, 0x0a, 0x03, 0x0a, 0x04])
    + b"\x08\\_S5_" + bytes([0x12, 0x06, 0x02, 0x0a, 0x05, 0x0a, 0x05]),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
