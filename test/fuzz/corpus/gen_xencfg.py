#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_xencfg into corpus/xencfg/.

Each seed is a small xen.cfg written for this corpus in the shape of the
examples in Xen's docs/misc/efi.pandoc, plus one seed per malformed-line
status of lib/boot/xencfg.c and a few image names for the config-name
iterator (the harness feeds short inputs to it too).
"""
import os

SEEDS = {
    "sample.cfg": (
        "# Sample\n[global]\ndefault=normal\n\n[normal]\n"
        "options=console=com1 loglvl=all  # comment\n"
        "kernel=vmlinuz-6.1 root=/dev/sda1 ro\nramdisk=initrd-6.1.img\n"
        "\n[safe]\n  options = console=vga\nkernel=vmlinuz-safe\n"),
    "crlf.cfg": "[global]\r\ndefault=a\r\n[a]\r\nkernel=k x=1 \r\n",
    "comments.cfg": "; c\n  ;c2\n# c3\noptions=a;b # c4\nkernel=#x\n",
    "no_section.cfg": "options=a\nkernel=k\n[x]\noptions=b\n",
    "chain.cfg": "[global]\nchain=other.cfg\nucode=ucode.bin\n[s]\nxsm=p\n",
    "missing_default.cfg": "[global]\ndefault=gone\n[here]\nkernel=k\n",
    "dup.cfg": "[s]\nkernel=1\nkernel=2\n[s]\nramdisk=r\n",
    "unknown_keys.cfg": "[a]\ndtb=x.dtb\nfoo=bar\ndefault=a\n",
    "no_newline.cfg": "[s]\nkernel=k",
    "video.cfg": "[global]\nvideo=gfx-1024x768x32\n[d]\nvideo=gfx-800\n",
    "bad_no_equals.cfg": "[a]\nkernel\n",
    "bad_empty_key.cfg": "\n=v\n",
    "bad_unterminated.cfg": "[global\n",
    "bad_junk.cfg": "[a] b\n",
    "bad_key_blank.cfg": "my key=1\n",
    "bad_section_name.cfg": "[my sec]\n[]\n",
    "bad_non_ascii.cfg": b"[a]\noptions=caf\xc3\xa9\n",
    "bad_control.cfg": b"a=b\rc\n\x00\n",
    "name_xen.efi": "xen-4.2-unstable.efi",
    "name_path.efi": "\\EFI\\xen\\xen_dbg.v1.EFI",
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "xencfg")
    os.makedirs(out, exist_ok=True)
    for name, text in SEEDS.items():
        data = text if isinstance(text, bytes) else text.encode("ascii")
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
