#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_cmdline.c into corpus/cmdline/.
# Each seed is a raw command line; the lines mimic what GRUB and xen.cfg
# pass to Xen, plus the edge cases the parser must survive.

import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "cmdline")

SEEDS = {
    "typical": b"console=com1,vga com1=115200,8n1 dom0_mem=1024M,max:2G "
               b"loglvl=all guest_loglvl=all noreboot",
    "efi_cfg": b"options=console=vga,com1 com1=115200 iommu=no-intremap",
    "quoted": b'dom0_opts="a b\tc" x=1',
    "quote_junk": b'a="x"junk b',
    "unclosed_quote": b'a="never closed',
    "tabs_newlines": b"\t a\t\tb=2 \r\n c \n",
    "negations": b"no-smt no-x=1 no- no-=2 nosmt=0",
    "empty_values": b"a= = b== c=\"\"",
    "bools": b"x=yes y=no z=on w=off v=true u=false t=enable s=disable "
             b"r=1 q=0 p=maybe",
    "numbers": b"a=0 b=0x3f8 c=0XFFFFFFFFFFFFFFFF d=18446744073709551615 "
               b"e=18446744073709551616 f=4K g=512m h=16777215T i=16777216T",
    "numbers_rest": b"com1=115200,8n1,0x3f8,4 mem=64M,foo x=0x y=0xg",
    "embedded_nul": b"a b\x00c d",
    "only_blanks": b"    \t\t  ",
    "empty": b"",
    "high_bytes": b"\xff\xfe=\x80 \xc3\xa9t\xc3\xa9=1",
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
