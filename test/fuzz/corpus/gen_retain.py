#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_retain.c into corpus/retain/.
# Input format: byte 0 options (bits 0-1 kind: 0 ESRT, 1 memory attributes,
# 2 RT properties; 0x04 map ending at 2^64, 0x08 shaped, 0x10 excluded
# ranges), byte 1 entries less one, two bytes per entry (type index into
# the harness's types[] | 0x80 for a one-page hole before it; pages less
# one, 0-15), the place (entry index, u16 offset; index == entries means
# the map's end), two excluded ranges (s16 distance from the table, u16
# length), then the table bytes. Tables follow reference 7.5 and the UEFI
# spec's EFI_MEMORY_ATTRIBUTES_TABLE and EFI_RT_PROPERTIES_TABLE; their
# values are made up.
import os
import random
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "retain")

TYPES = [2, 4, 6, 7, 9, 10, 0, 1, 3, 5, 8, 11, 15]
ESRT, MEMATTR, RTPROP = 0, 1, 2
NEAR_TOP, SHAPED, EXCL = 0x04, 0x08, 0x10
BS, RS, CONV, LOADER, RECLAIM, NVS = 4, 6, 7, 2, 9, 10


def inp(kind, entries, place, table, opt=0, excl=((0, 0), (0, 0))):
    b = bytes([kind | opt, len(entries) - 1])
    for e in entries:
        typ, pages = e[0], e[1]
        hole = len(e) > 2 and e[2]
        b += bytes([TYPES.index(typ) | (0x80 if hole else 0), pages - 1])
    b += struct.pack("<BH", place[0], place[1])
    for d, n in excl:
        b += struct.pack("<hH", d, n)
    return b + table


def esrt(count, cmax=None, version=1, nr=None, seed=1):
    cmax = count if cmax is None else cmax
    nr = count if nr is None else nr
    t = struct.pack("<IIQ", count, cmax, version)
    for i in range(nr):
        guid = struct.pack("<IHH8s", 0x5EED0000 + seed * 0x10000 + i,
                           0x1234, 0x4567, bytes([0x89, 0xAB, 0, 0, 1, 2,
                                                  i >> 8 & 255, i & 255]))
        t += guid + struct.pack("<6I", i % 4, 0x10000 + i, 1, 0x8000,
                                0x10000 + i, 0)
    return t


def memattr(entries, version=1, desc=48, n=None):
    n = len(entries) if n is None else n
    t = struct.pack("<4I", version, n, desc, 0)
    for typ, start, pages, attr in entries:
        d = struct.pack("<IIQQQQ", typ, 0, start, 0, pages, attr)
        t += d + b"\xee" * (desc - len(d))
    return t


RT = 1 << 63
MA = [(5, 0x7C000000, 2, RT | 1 << 17), (6, 0x7C002000, 1, RT | 1 << 14),
      (5, 0x7C004000, 3, RT | 1 << 17), (6, 0x7C007000, 2, RT | 1 << 14)]


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = {}
    e3 = esrt(3, 8)
    for name, typ in (("bs", BS), ("rs", RS), ("reclaim", RECLAIM),
                      ("nvs", NVS), ("loader", LOADER), ("conv", CONV),
                      ("rscode", 5), ("reserved", 0), ("unaccepted", 15)):
        cases["esrt-in-" + name] = inp(ESRT, [(CONV, 1), (typ, 2)],
                                       (1, 0x18), e3)
    cases["esrt-straddle-bs-conv"] = inp(ESRT, [(BS, 1), (CONV, 1)],
                                         (0, 4096 - 56), e3)
    cases["esrt-straddle-rs-reclaim"] = inp(ESRT, [(RS, 1), (RECLAIM, 1)],
                                            (0, 4096 - 56), e3)
    cases["esrt-straddle-rs-bs"] = inp(ESRT, [(RS, 1), (BS, 1)],
                                       (0, 4096 - 56), e3)
    cases["esrt-straddle-into-rscode"] = inp(ESRT, [(BS, 1), (5, 1)],
                                             (0, 4096 - 56), e3)
    cases["esrt-straddle-hole"] = inp(ESRT, [(RS, 1), (RS, 1, True)],
                                      (0, 4096 - 56), e3)
    cases["esrt-exact-fit"] = inp(ESRT, [(BS, 1)], (0, 4096 - 136), e3)
    cases["esrt-header-cut"] = inp(ESRT, [(BS, 1)], (0, 4096 - 8), e3)
    cases["esrt-table-cut"] = inp(ESRT, [(BS, 1)], (0, 4096 - 100), e3)
    cases["esrt-version-2"] = inp(ESRT, [(RS, 1)], (0, 0), esrt(3, 3, 2))
    cases["esrt-count-zero"] = inp(ESRT, [(RS, 1)], (0, 0), esrt(0, 4))
    cases["esrt-count-over-max"] = inp(ESRT, [(RS, 1)], (0, 0), esrt(3, 2))
    cases["esrt-count-overflow"] = inp(ESRT, [(BS, 16)], (0, 0),
                                       esrt(0x06666667, 0xFFFFFFFF, nr=2))
    big = [(BS, 16), (BS, 16), (CONV, 16)]
    cases["esrt-4096"] = inp(ESRT, big, (0, 0), esrt(4096))
    cases["esrt-4097"] = inp(ESRT, big, (0, 0), esrt(4097))
    cases["esrt-500"] = inp(ESRT, [(BS, 4), (CONV, 4)], (0, 0x123),
                            esrt(500, 512))
    dup = bytearray(esrt(3))
    dup[16 + 80:16 + 96] = dup[16:32]
    cases["esrt-duplicate-class"] = inp(ESRT, [(RS, 1)], (0, 0), bytes(dup))
    nil = bytearray(esrt(3))
    nil[16 + 40:16 + 56] = bytes(16)
    cases["esrt-nil-class"] = inp(ESRT, [(RS, 1)], (0, 0), bytes(nil))
    cases["esrt-overlap"] = inp(ESRT, [(BS, 4)], (0, 0x800), e3, EXCL,
                                ((100, 10), (-4096, 4096)))
    cases["esrt-touching-excl"] = inp(ESRT, [(BS, 4)], (0, 0x800), e3, EXCL,
                                      ((136, 100), (-4096, 4096)))
    cases["esrt-near-top"] = inp(ESRT, [(BS, 1), (RECLAIM, 1)],
                                 (1, 4096 - 136), e3, NEAR_TOP)
    cases["esrt-near-top-cut"] = inp(ESRT, [(BS, 1), (RECLAIM, 1)],
                                     (1, 4096 - 100), e3, NEAR_TOP)
    cases["esrt-null"] = inp(ESRT, [(BS, 1)], (1, 0), e3, NEAR_TOP)
    cases["esrt-past-map"] = inp(ESRT, [(BS, 1)], (1, 0), e3)
    cases["memattr-v1"] = inp(MEMATTR, [(BS, 1)], (0, 0x40),
                              memattr(MA, 1, 40))
    cases["memattr-v2-rs"] = inp(MEMATTR, [(RS, 1)], (0, 0), memattr(MA, 2))
    bad = MA[:]
    bad[2] = (7, 0x7C004000, 3, 0)
    cases["memattr-bad-type"] = inp(MEMATTR, [(RS, 1)], (0, 0), memattr(bad))
    bad = MA[:]
    bad[3] = (6, 0x7C000000, 1, 0)
    cases["memattr-unsorted"] = inp(MEMATTR, [(RS, 1)], (0, 0), memattr(bad))
    bad = MA[:]
    bad[3] = (6, (1 << 64) - 4096, 2, 0)
    cases["memattr-wrap"] = inp(MEMATTR, [(RS, 1)], (0, 0), memattr(bad))
    cases["memattr-desc-44"] = inp(MEMATTR, [(RS, 1)], (0, 0),
                                   memattr(MA, 1, 48)[:8] +
                                   struct.pack("<I", 44) +
                                   memattr(MA, 1, 48)[12:])
    cases["memattr-count-absurd"] = inp(MEMATTR, [(RS, 1)], (0, 0),
                                        memattr(MA, 1, 48, n=0xFFFFFFFF))
    rt = struct.pack("<HHI", 1, 8, 0x3FFF)
    cases["rtprop-rs"] = inp(RTPROP, [(RS, 1)], (0, 0x10), rt)
    cases["rtprop-straddle"] = inp(RTPROP, [(RS, 1), (BS, 1)], (0, 4092), rt)
    cases["rtprop-version-2"] = inp(RTPROP, [(RS, 1)], (0, 0),
                                    struct.pack("<HHI", 2, 16, 0))
    cases["rtprop-length-16"] = inp(RTPROP, [(RS, 1)], (0, 0),
                                    struct.pack("<HHI", 1, 16, 0))
    cases["rtprop-header-cut"] = inp(RTPROP, [(RS, 1)], (0, 4093), rt)
    # Shaped mode rewrites the headers; random bytes make good tables there.
    rnd = random.Random(9)
    for kind in (ESRT, MEMATTR, RTPROP):
        for i in range(4):
            nr = rnd.randrange(1, 9)
            ents = [(rnd.choice(TYPES[:7]), rnd.randrange(1, 5),
                     rnd.random() < 0.2) for _ in range(nr)]
            body = bytes(rnd.getrandbits(8) for _ in range(600))
            opt = SHAPED | (NEAR_TOP if i % 2 else 0) | (EXCL if i == 3
                                                          else 0)
            cases["shaped-%d-%d" % (kind, i)] = inp(
                kind, ents, (rnd.randrange(nr), rnd.randrange(4096)), body,
                opt, ((rnd.randrange(-2000, 2000), rnd.randrange(64)),
                      (rnd.randrange(-2000, 2000), rnd.randrange(64))))
    for name, data in cases.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
