#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes the seed corpus for fuzz_shimopt into corpus/shimopt/.

Seeds are the firmware test shim's load options as the UEFI shell passes
them (UCS-2, little endian, the image name first, NUL-terminated): every
option word of test/efi-shim/README.md, valid and refused values, the
order-dependent checks, and truncated and odd-length variants.
"""
import os


def ucs2(text, nul=True):
    data = text.encode("utf-16-le")
    return data + (b"\0\0" if nul else b"")


SEEDS = {
    "unaccepted": "\\efishim.efi unaccepted=0x10000000-0x18000000 "
                  "unaccepted=0x18001000-0x18003000",
    "accept": "s unaccepted=0x10000000-0x10400000 accept=0x10100000-0x10200000"
              " accept=0x10000800-0x10001000 accept=0x1ff000-0x200000",
    "merge": "s unaccepted=0x5000-0x6000 unaccepted=0x1000-0x2000 "
             "unaccepted=0x2000-0x5000",
    "esrt_min": "s esrt=3 seed=0x5eed",
    "esrt_all": "s esrt=16 esrt-max=32 seed=18446744073709551615 "
                "esrt-type=acpireclaim esrt-place=straddle-desc "
                "esrt-type2=conventional esrt-corrupt=count-over-max "
                "ebs-fail=5 poison=1",
    "esrt_absurd": "s esrt=4096 esrt-corrupt=absurd-count",
    "esrt_version": "s esrt=1 esrt-corrupt=version esrt-type=rtdata",
    "esrt_outside": "s esrt=2 esrt-corrupt=outside-map",
    "esrt_straddle": "s esrt=100 esrt-place=straddle-page esrt-type=loaderdata",
    "esrt_none": "s esrt=2 esrt-corrupt=none",
    "esrt_dup_class": "s esrt=3 seed=9 esrt-corrupt=dup-class",
    "esrt_nil_class": "s esrt=1 esrt-corrupt=nil-class",
    "esrt_dup_one": "s esrt=1 esrt-corrupt=dup-class",
    "rt_stubs": "s rt-gettime=bsread rt-var-extra=8 rt-capsule=persist "
                "rt-stub-type=data rt-table-high=1",
    "rt_no_stub": "s rt-stub-type=code",
    "fragment": "s fragment=3000 poison=1",
    "start_child": "s moksbstate=1 start=\\EFI\\xen\\xen.efi -- xen.efi "
                   "-cfg=evil.cfg -- evil=1",
    "child_alone": "s -- x",
    "no_esrt": "s seed=1 esrt-type=bsdata",
    "max_low": "s esrt-max=2 esrt=3",
    "type2_alone": "s esrt=3 esrt-type2=rtdata",
    "type2_same": "s esrt=3 esrt-place=straddle-desc esrt-type2=bsdata",
    "repeated": "s esrt=1 esrt=2",
    "big_numbers": "s esrt=4097 ebs-fail=65 seed=18446744073709551616",
    "bad_names": "s esrt=1 esrt-type=BSDATA",
    "ebs_poison": "s ebs-fail=2 poison=1",
    "secboot": "s memattr=1 shimlock=refuse moksbstate=1",
    "full_set": "s " + " ".join(f"unaccepted={(2 * i + 1) << 12:#x}-"
                                f"{(2 * i + 2) << 12:#x}" for i in range(17)),
    "split_full": "s " + " ".join(f"unaccepted={(4 * i + 1) << 12:#x}-"
                                  f"{(4 * i + 4) << 12:#x}" for i in range(16))
                  + " " + " ".join(f"accept={(4 * i + 2) << 12:#x}-"
                                   f"{(4 * i + 3) << 12:#x}"
                                   for i in range(16)),
}


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shimopt")
    os.makedirs(out, exist_ok=True)
    for name, text in SEEDS.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(ucs2(text))
    extra = {
        "no_nul": ucs2("s esrt=3 poison=1", nul=False),
        "odd": ucs2("s esrt=3", nul=False) + b"9",
        "truncated": ucs2("s esrt-type=acpirecl", nul=False),
        "after_nul": ucs2("s esrt=1") + ucs2("esrt=2"),
        "empty": b"",
    }
    for name, data in extra.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
