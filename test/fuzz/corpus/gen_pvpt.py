#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_pvpt.c into corpus/pvpt/.
# Input: 4-byte operations: kind (mod 8: 0 pin, 1 unpin, 2 write through
# the hypervisor (bit 7 keeps Accessed/Dirty), 3 direct write into a
# frame that is no table, 4 take a base reference, 5 drop one, 6 take a
# hypervisor writable reference (a registered vcpu_info), 7 drop one), frame
# (mod 8), a byte with the level (low 2 bits + 1), the entry index (bits
# 2-4) and bit 7 for the hypervisor's L4 slots, and a value byte (bits
# 0-2 target frame, 3 present, 4 writable, 5 superpage, 6 foreign frame,
# 7 foreign RAM instead of low memory). Seeds: Linux's switch of L4s, a
# shared L1, a table mapped writable, loops, superpages, foreign links,
# writes that validate new tables and drop old ones, a frame the
# hypervisor holds writable that a table tries to link.
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "pvpt")
PIN, UNPIN, WRITE, RAW, GET, PUT, HV_GET_W, HV_PUT_W = range(8)
PRESENT, RW, PSE, FOREIGN, FOREIGN_RAM = 8, 16, 32, 64, 128


def op(kind, frame, level=1, idx=0, value=0, hv=False):
    b = (level - 1) | idx << 2 | (0x80 if hv else 0)
    return bytes([kind, frame, b, value])


def tree(top=0):
    """L4 top -> L3 1 -> L2 2 -> L1 3 -> data 4 (rw), 5 (ro)."""
    return (op(RAW, top, idx=1, value=1 | PRESENT | RW)
            + op(RAW, 1, idx=2, value=2 | PRESENT | RW)
            + op(RAW, 2, idx=3, value=3 | PRESENT | RW)
            + op(RAW, 3, idx=0, value=4 | PRESENT | RW)
            + op(RAW, 3, idx=1, value=5 | PRESENT))


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {
        "linux_l4_switch": tree(0)
        + op(PIN, 0, 4) + op(GET, 0, 4)
        + op(RAW, 6, idx=1, value=1 | PRESENT | RW)
        + op(PIN, 6, 4) + op(GET, 6, 4) + op(PUT, 0) + op(UNPIN, 0)
        + op(RAW, 0, idx=5, value=7 | PRESENT | RW),
        "shared_l1": tree(0) + op(RAW, 2, idx=4, value=3 | PRESENT | RW)
        + op(PIN, 0, 4) + op(WRITE, 2, 2, idx=4, value=0) + op(UNPIN, 0),
        "writable_table": tree(0) + op(RAW, 3, idx=2, value=1 | PRESENT | RW)
        + op(PIN, 0, 4) + op(PIN, 3, 1) + op(PIN, 1, 3),
        "loops": op(RAW, 0, idx=0, value=0 | PRESENT) + op(PIN, 0, 4)
        + op(PIN, 0, 2) + op(PIN, 0, 1) + op(UNPIN, 0),
        "superpage_foreign": op(RAW, 2, idx=0, value=3 | PRESENT | PSE)
        + op(PIN, 2, 2) + op(RAW, 3, idx=0, value=PRESENT | FOREIGN)
        + op(PIN, 3, 1)
        + op(RAW, 4, idx=0, value=PRESENT | FOREIGN | FOREIGN_RAM)
        + op(PIN, 4, 1) + op(PIN, 4, 3),
        "writes": tree(0) + op(PIN, 0, 4)
        + op(RAW, 7, idx=0, value=6 | PRESENT | RW)
        + op(WRITE, 2, 2, idx=5, value=7 | PRESENT | RW)
        + op(WRITE, 2, 2, idx=5, value=0)
        + op(WRITE | 0x80, 3, 1, idx=0, value=4 | PRESENT)
        + op(WRITE, 0, 4, idx=0, value=0, hv=True)
        + op(WRITE, 3, 1, idx=6, value=2 | PRESENT | RW),
        "hypervisor_writable": tree(0) + op(HV_GET_W, 6)
        + op(RAW, 2, idx=4, value=6 | PRESENT | RW) + op(PIN, 0, 4)
        + op(PIN, 6, 1) + op(HV_PUT_W, 6) + op(PIN, 0, 4)
        + op(HV_GET_W, 6) + op(HV_GET_W, 4) + op(UNPIN, 0)
        + op(HV_GET_W, 6),
    }
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
