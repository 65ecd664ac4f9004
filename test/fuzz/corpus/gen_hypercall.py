#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# Writes the seed corpus for test/fuzz/fuzz_hypercall.c into
# corpus/hypercall/. Input: u8 config (bit 0 EFI booted, bit 1 runtime
# services), u8 hypercall (index 0-5 into console_io, sched_op,
# xen_version, memory_op, platform_op, mmu_update; 12 and up: the raw
# number), five u64 arguments, then the guest window (guest virtual
# 0x1000 up, 16 KiB; its first 480 bytes double as the EFI memory map of
# 48-byte descriptors). Seeds: a console line, each xen_version sub-op,
# both memory maps (good, too small, null buffer), every EFI_INFO sub-op
# with and without EFI, bad interface versions, a shutdown, an unknown
# hypercall, the reservations, multicalls (a version and a console line,
# a nested multicall, one whose entries run off the window, one too
# long),
# and every XENPF_efi_runtime_call function (config bit 2: the
# fake firmware answers EFI_BUFFER_TOO_SMALL instead of success; bits 3-7:
# a successful GetVariable or GetNextVariableName answers 13 times that
# many bytes more than it had), with
# good and bad names, sizes, capsules and scatter-gather lists (machine
# addresses from 0x100000 are the window again, as dom0's frames).
# sysctl (35) XEN_SYSCTL_perfc_op: counts only, query and reset into
# buffers in the window, a buffer off the window, a bad version, an
# unknown command and an unknown perfc command.
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hypercall")
CON, SCHED, VER, MEM, PLAT, MMU = range(6)
W = 0x1000


def seed(cfg, call, args, window=b""):
    args = list(args) + [0] * (5 - len(args))
    return bytes([cfg, call]) + struct.pack("<5Q", *args) + window


def mc(op, args):
    """One multicall_entry: op, result, six arguments."""
    args = list(args) + [0] * (6 - len(args))
    return struct.pack("<8Q", op, 0xdead, *args)


def efi_desc(typ, start, pages, attr):
    return struct.pack("<IIQQQQ", typ, 0, start, 0, pages, attr) + bytes(8)


def efimap():
    m = (efi_desc(7, 0, 0x9f, 0xf) + efi_desc(6, 0x100000, 16, 1 << 63 | 0xf)
         + efi_desc(9, 0x110000, 4, 0xf) + efi_desc(4, 0x114000, 0x100, 0xf))
    return m + bytes(480 - len(m))


def platform(cmd, version, fw_type, index, union=b""):
    op = struct.pack("<IIII", cmd, version, fw_type, index) + union
    return op + bytes(136 - len(op))


def timeline(handle, room, pad=0):
    """XENPF_get_boot_timeline (ours, 0x80000000) with its argument."""
    op = struct.pack("<IIQII16sI", 0x80000000, 0x03000001, handle, room, 0,
                     b"", pad)
    return op + bytes(136 - len(op))


def sysctl(cmd, version, perfc_cmd, desc, val):
    """struct xen_sysctl with XEN_SYSCTL_perfc_op's argument."""
    op = struct.pack("<IIIIIIQQ", cmd, version, perfc_cmd, 0, 0, 0, desc,
                     val)
    return op + bytes(136 - len(op))


def runtime(function, misc, union=b""):
    op = struct.pack("<IIIIQ", 49, 0x03000001, function, misc, 0) + union
    return op + bytes(136 - len(op))


def rt_seeds(seeds, em, pv, at):
    """XENPF_efi_runtime_call: the op at `at`, a name at W + 3072, data
    and capsules after it."""
    name = W + 3072
    data = W + 3200
    guid = bytes(range(16))
    var = "XenTest\0".encode("utf-16-le")
    pre = em + bytes(1024 - 480)
    post = bytes(3072 - 1024 - 136)

    def put(function, misc, union=b"", tail=b"", cfg=3):
        return seed(cfg, PLAT, [at], pre + runtime(function, misc, union)
                    + post + tail)
    for fn in (1, 2, 3, 4, 5):
        seeds[f"rt_time_{fn}"] = put(fn, 0, bytes(24))
        seeds[f"rt_time_{fn}_misc"] = put(fn, 4, bytes(24))
    seeds["rt_time_noefi"] = put(1, 0, b"", cfg=0)
    seeds["rt_time_nort"] = put(1, 0, b"", cfg=1)
    seeds["rt_unknown"] = put(12, 0)
    getvar = struct.pack("<QQQ", name, 64, data) + guid
    seeds["rt_getvar"] = put(6, 0, getvar, var)
    seeds["rt_getvar_small"] = put(6, 0, getvar, var, cfg=7)
    # Firmware that answers success with a size 65 bytes too large.
    seeds["rt_getvar_lying"] = put(6, 0, struct.pack("<QQQ", name, 10, data)
                                   + guid, var, cfg=3 | 5 << 3)
    seeds["rt_nextname_lying"] = put(8, 0, struct.pack("<QQ", 64, name)
                                     + guid, bytes(64), cfg=3 | 5 << 3)
    seeds["rt_getvar_noname"] = put(6, 0, getvar, b"X\0" * 200)
    seeds["rt_getvar_long"] = put(6, 0, getvar, b"X\0" * 1100)
    seeds["rt_getvar_badname"] = put(6, 0, struct.pack(
        "<QQQ", 0xffff830000001000, 64, data) + guid, var)
    seeds["rt_setvar"] = put(7, 7, struct.pack("<QQQ", name, 16, data)
                             + guid, var + bytes(128 - len(var)) + b"d" * 16)
    seeds["rt_setvar_big"] = put(7, 7, struct.pack(
        "<QQQ", name, 65537, data) + guid, var)
    seeds["rt_setvar_baddata"] = put(7, 7, struct.pack(
        "<QQQ", name, 16, 0x7ff0000) + guid, var)
    seeds["rt_nextname"] = put(8, 0, struct.pack("<QQ", 64, name) + guid,
                               bytes(64))
    seeds["rt_nextname_unterminated"] = put(8, 0, struct.pack(
        "<QQ", 8, name) + guid, b"ABCDEFGH")
    seeds["rt_varinfo"] = put(9, 0, struct.pack("<IIQQQ", 7, 0, 0, 0, 0))
    seeds["rt_varinfo_snapshot"] = put(9, 1, struct.pack("<IIQQQ", 7, 0, 0,
                                                         0, 0))
    # Capsules: the pointer array at W + 3072, one capsule at W + 3200.
    cap = bytes(16) + struct.pack("<III", 28, 0x10000, 64) + bytes(36)
    arr = struct.pack("<Q", data) + bytes(120)
    sg_pa = 0x100000 + 3072 + 256      # the window's W + 3328, as dom0 RAM
    sg = struct.pack("<QQQQ", 64, 0x100000 + 2176, 0, 0)
    tail = arr + cap + bytes(128 - len(cap)) + sg
    seeds["rt_capsule_query"] = put(10, 0, struct.pack("<QQQI", name, 1, 0,
                                                       0), tail)
    seeds["rt_capsule_update"] = put(11, 0, struct.pack("<QQQ", name, 1,
                                                        sg_pa), tail)
    seeds["rt_capsule_update_hv"] = put(11, 0, struct.pack(
        "<QQQ", name, 1, sg_pa), arr + cap + bytes(128 - len(cap))
        + struct.pack("<QQQQ", 64, 0x7f000000, 0, 0))
    seeds["rt_capsule_update_loop"] = put(11, 0, struct.pack(
        "<QQQ", name, 1, sg_pa), arr + cap + bytes(128 - len(cap))
        + struct.pack("<QQ", 0, sg_pa))
    seeds["rt_capsule_badhdr"] = put(10, 0, struct.pack("<QQQI", name, 1, 0,
                                                        0),
                                     arr + bytes(16)
                                     + struct.pack("<III", 64, 0, 28))
    seeds["rt_capsule_count"] = put(10, 0, struct.pack("<QQQI", name, 65, 0,
                                                       0), tail)
    # CAPSULE_FLAGS_INITIATE_RESET is refused; a persisting capsule whose
    # QueryCapsuleCapabilities fails is not submitted.
    reset_cap = bytes(16) + struct.pack("<III", 28, 0x50000, 64) + bytes(36)
    seeds["rt_capsule_initiate_reset"] = put(11, 0, struct.pack(
        "<QQQ", name, 1, sg_pa), arr + reset_cap
        + bytes(128 - len(reset_cap)) + sg)
    seeds["rt_capsule_update_query_fails"] = put(11, 0, struct.pack(
        "<QQQ", name, 1, sg_pa), tail, cfg=7)


def main():
    os.makedirs(OUT, exist_ok=True)
    em = efimap()
    pv = 0x03000001
    at = W + 1024           # argument structures after the map
    seeds = {
        "console_line": seed(0, CON, [0, 12, W], b"hello\nworld\n"),
        "console_long": seed(0, CON, [0, 600, W], b"x" * 600),
        "console_bad": seed(0, CON, [0, 12, 0xffff800000000000]),
        "shutdown": seed(0, SCHED, [2, W], struct.pack("<I", 0)),
        "sched_unknown": seed(0, SCHED, [77, W]),
        "version": seed(0, VER, [0]),
        "extraversion": seed(0, VER, [1, W]),
        "capabilities": seed(0, VER, [3, W]),
        "features": seed(0, VER, [6, W], struct.pack("<II", 0, 0)),
        "pagesize": seed(0, VER, [7]),
        "memory_map": seed(0, MEM, [9, W], struct.pack("<IIQ", 4, 0, W + 64)),
        "machine_map": seed(0, MEM, [10, W],
                            struct.pack("<IIQ", 16, 0, W + 64)),
        "machine_map_small": seed(0, MEM, [10, W],
                                  struct.pack("<IIQ", 3, 0, W + 64)),
        "machine_map_count": seed(0, MEM, [10, W], struct.pack("<IIQ", 0, 0,
                                                              0)),
        "bad_version": seed(1, PLAT, [at], em + bytes(1024 - 480)
                            + platform(50, 0x01000000, 4, 0)),
        "unknown_cmd": seed(1, PLAT, [at], em + bytes(1024 - 480)
                            + platform(0x7fff, pv, 4, 0)),
        "hypercall_99": seed(0, 99, [1, 2, 3, 4, 5]),
        "mmu": seed(0, MMU, [W, 1, 0, 0x7ff0]),
        "reservation_cur": seed(0, MEM, [3, W], struct.pack("<H", 0x7ff0)),
        "reservation_max": seed(0, MEM, [4, W], struct.pack("<H", 0)),
        "reservation_other": seed(0, MEM, [4, W], struct.pack("<H", 5)),
        "multicall": seed(0, 13, [W, 3], mc(17, [0]) + mc(18, [0, 3, W + 512])
                          + mc(13, [W, 1]) + bytes(512 - 192) + b"hi\n"),
        "multicall_edge": seed(0, 13, [W + 16384 - 64, 2], b""),
        "multicall_long": seed(0, 13, [W, 1025]),
    }
    for cfg in (0, 1, 3):
        for sub in (0, 1, 2, 3, 4, 5, 6, 7, 0x80000000):
            if sub == 2:
                union = struct.pack("<IIQ", 0, 200, W + 2048)
            elif sub == 3:
                union = struct.pack("<QQ", 0x110800, 0xffffffffffffffff)
            elif sub == 0x80000000:
                union = struct.pack("<QQ", W + 2048, 4096)
            else:
                union = b""
            seeds[f"efi_{cfg}_{sub:x}"] = seed(
                cfg, PLAT, [at], em + bytes(1024 - 480)
                + platform(50, pv, 4, sub, union))
    # The boot timeline: count only, enough room, too little, a bad
    # handle, a non-zero pad; cfg bit 2 leaves out the ExitBootServices
    # stamp (a BIOS boot).
    for cfg, name, op in ((0, "count", timeline(0, 0)),
                          (0, "all", timeline(W + 2048, 8)),
                          (4, "bios", timeline(W + 2048, 8)),
                          (0, "small", timeline(W + 2048, 2)),
                          (0, "bad_handle", timeline(0xffff800000000000, 8)),
                          (0, "pad", timeline(W + 2048, 8, pad=1))):
        seeds[f"timeline_{name}"] = seed(cfg, PLAT, [at],
                                         em + bytes(1024 - 480) + op)
    # Descriptions at W + 256 (room for 40), values after them (room for
    # 1024); the window is 16 KiB.
    d, v = W + 256, W + 256 + 40 * 84
    for name, op in (("counts", sysctl(5, 0x15, 2, 0, 0)),
                     ("query", sysctl(5, 0x15, 2, d, v)),
                     ("reset", sysctl(5, 0x15, 1, d, v)),
                     ("off_window", sysctl(5, 0x15, 2, d, W + 16384 - 8)),
                     ("version", sysctl(5, 0x14, 2, d, v)),
                     ("cmd", sysctl(7, 0x15, 2, d, v)),
                     ("perfc_cmd", sysctl(5, 0x15, 9, d, v))):
        seeds[f"sysctl_{name}"] = seed(0, 35, [W], op)
    rt_seeds(seeds, em, pv, at)
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
