#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_guestcopy.c into
# corpus/guestcopy/. Input: a 14-byte header (u64 va, u16 len, u8 flags
# with bit 0 = copy to the guest, u8 table-page mask, u8 owned-page mask,
# u8 root page), then 11-byte writes (u8 page, u16 entry index, u64 value)
# into a zeroed 8-page machine whose frames sit at 0x40000000. The seeds
# map user pages through a full 4-level walk and then break one thing each:
# a missing level, no user bit, a read-only page for a write, a page not
# owned, a range into the hypervisor's slots, a non-canonical address.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "guestcopy")
BASE = 0x40000000
P, RW, U, PSE = 1, 2, 4, 0x80


def idx(va, level):
    return (va >> (12 + 9 * (level - 1))) & 511


def hdr(va, length, to_guest, tables, owned, root):
    return struct.pack("<QHBBBB", va, length, 1 if to_guest else 0,
                       tables, owned, root)


def wr(page, index, value):
    return struct.pack("<BHQ", page, index, value)


def chain(va, data_page, leaf_flags=P | RW | U, mid_flags=P | RW | U,
          drop_level=0):
    """Tables in pages 0 (L4), 1 (L3), 2 (L2), 3 (L1) mapping va."""
    out = b""
    for level, page, nxt in ((4, 0, 1), (3, 1, 2), (2, 2, 3)):
        if level != drop_level:
            out += wr(page, idx(va, level), BASE + nxt * 4096 | mid_flags)
    if drop_level != 1:
        out += wr(3, idx(va, 1), BASE + data_page * 4096 | leaf_flags)
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    k = 0xffffffff80000000
    u = 0x0000000000400000
    seeds = {
        "ok_read": hdr(k + 0x10, 64, False, 0x0f, 0xf0, 0) + chain(k, 4),
        "ok_write": hdr(k + 0x10, 64, True, 0x0f, 0xf0, 0) + chain(k, 4),
        "ok_low_half": hdr(u, 4096, False, 0x0f, 0xf0, 0) + chain(u, 5),
        "straddle_unmapped": hdr(k + 4000, 200, True, 0x0f, 0xf0, 0)
        + chain(k, 4),
        "straddle_mapped": hdr(k + 4000, 200, True, 0x0f, 0xf0, 0)
        + chain(k, 4) + wr(3, idx(k, 1) + 1, BASE + 5 * 4096 | P | RW | U),
        "no_l3": hdr(k, 8, False, 0x0f, 0xf0, 0) + chain(k, 4, drop_level=3),
        "no_user": hdr(k, 8, False, 0x0f, 0xf0, 0)
        + chain(k, 4, leaf_flags=P | RW),
        "read_only_write": hdr(k, 8, True, 0x0f, 0xf0, 0)
        + chain(k, 4, leaf_flags=P | U),
        "not_owned": hdr(k, 8, False, 0x0f, 0x00, 0) + chain(k, 4),
        "table_not_table": hdr(k, 8, False, 0x07, 0xf0, 0) + chain(k, 4),
        "page_table_as_data": hdr(k, 8, False, 0x0f, 0xff, 0) + chain(k, 3),
        "large_2m": hdr(k + 0x12345, 8, False, 0x07, 0xf0, 0)
        + wr(0, idx(k, 4), BASE + 4096 | P | RW | U)
        + wr(1, idx(k, 3), BASE + 2 * 4096 | P | RW | U)
        + wr(2, idx(k, 2), BASE + 4 * 4096 | P | RW | U | PSE),
        "hypervisor": hdr(0xffff82d040200000, 8, False, 0x0f, 0xf0, 0)
        + chain(0xffff82d040200000, 4),
        "into_hypervisor": hdr(0xffff87fffffffff8, 16, False, 0x0f, 0xf0, 0),
        "noncanonical": hdr(0x0000800000000000, 8, False, 0x0f, 0xf0, 0),
        "low_half_end": hdr(0x00007ffffffffff8, 16, False, 0x0f, 0xf0, 0),
        "wrap": hdr(0xfffffffffffffff8, 16, False, 0x0f, 0xf0, 0),
        "zero_length": hdr(k, 0, True, 0, 0, 0),
    }
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
