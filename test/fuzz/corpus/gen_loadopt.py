#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_loadopt into corpus/loadopt/.

Seeds are LoadOptions bytes in both forms lib/efi/loadopt.c accepts: UCS-2
strings as the EFI shell passes them (image name first) and whole
EFI_LOAD_OPTIONs laid out per UEFI spec 3.1.3 (u32 Attributes, u16
FilePathListLength, UCS-2 Description, a file-path device path node
(type 4, subtype 4) and an end node, OptionalData), plus odd, truncated
and non-ASCII variants.
"""
import os
import struct


def ucs2(text, nul=True):
    data = text.encode("utf-16-le")
    return data + (b"\0\0" if nul else b"")


def load_option(args, desc="Xen", path="\\EFI\\xen\\xen.efi", attrs=1):
    file_node = ucs2(path)
    dp = struct.pack("<BBH", 4, 4, 4 + len(file_node)) + file_node
    dp += struct.pack("<BBH", 0x7F, 0xFF, 4)
    return struct.pack("<IH", attrs, len(dp)) + ucs2(desc) + dp + \
        ucs2(args, nul=False)


SEEDS = {
    "shell_full": ucs2("xen.efi -cfg=foo.cfg /mapbs sec -- console=com1"),
    "shell_cfg_space": ucs2("\\EFI\\xen.efi /cfg alt.cfg /basevideo x"),
    "shell_help": ucs2("xen.efi /? -help /unknown -x"),
    "shell_no_nul": ucs2("xen.efi two words", nul=False),
    "shell_tail": ucs2("xen.efi a") + ucs2("garbage") + b"\x01",
    "shell_odd": ucs2("xen.efi a", nul=False) + b"b",
    "shell_non_ascii": ucs2("xen.efi caf\u00e9"),
    "shell_cfg_missing": ucs2("xen.efi -cfg"),
    "shell_cfg_empty": ucs2("xen.efi -cfg="),
    "shell_only_args": ucs2("xen.efi --   dom0_mem=1G  loglvl=all "),
    "shell_blanks": ucs2("xen.efi\tone\r\ntwo  three"),
    "lo_full": load_option("-cfg=foo.cfg /mapbs sec -- console=com1"),
    "lo_empty": load_option(""),
    "lo_hidden_app": load_option("s", attrs=0x109),
    "lo_truncated": load_option("sec")[:30],
    "lo_bad_attr": load_option("sec", attrs=0x80000001),
    "lo_odd": load_option("a") + b"z",
    "empty": b"",
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "loadopt")
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
