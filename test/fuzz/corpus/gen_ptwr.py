#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_ptwr.c into corpus/ptwr/.
# Input: 16 instruction bytes, an offset byte, then the old entry, RAX,
# the operand register and RFLAGS (8 bytes each, little-endian). Seeds:
# the instructions Linux 6.1 uses on its PTEs (set_pte's mov, xchg in
# ptep_get_and_clear, "ds; and" in ptep_set_wrprotect, lock btr in
# ptep_test_and_clear_young, lock cmpxchg), partial stores and bad forms.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "ptwr")

SEEDS = {
    "mov_rbp": (bytes([0x48, 0x89, 0x2b]), 0),
    "xchg_rdx": (bytes([0x48, 0x87, 0x10]), 0),
    "ds_andb_r12": (bytes([0x3e, 0x41, 0x80, 0x24, 0x24, 0xfd]), 0),
    "lock_btr": (bytes([0xf0, 0x48, 0x0f, 0xba, 0x37, 0x05]), 0),
    "lock_cmpxchg": (bytes([0xf0, 0x48, 0x0f, 0xb1, 0x13]), 0),
    "mov32_high_half": (bytes([0x89, 0x07]), 4),
    "movw_imm": (bytes([0x66, 0xc7, 0x07, 0x34, 0x12]), 2),
    "bts_reg": (bytes([0xf0, 0x48, 0x0f, 0xab, 0x0f]), 0),
    "ah_store": (bytes([0x88, 0x27]), 1),
    "sib_disp32": (bytes([0x48, 0x89, 0x04, 0x25, 0, 0, 0, 0]), 0),
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, (insn, off) in SEEDS.items():
        data = insn.ljust(16, b"\x90") + bytes([off])
        data += struct.pack("<QQQQ", 0x8000000012345067, 0x8000000012345067,
                            0x2067, 0x246)
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
