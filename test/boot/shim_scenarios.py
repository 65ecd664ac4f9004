#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios with the firmware test shim (test/efi-shim/): OVMF finds
no boot file on the ESP and starts its UEFI shell, whose startup.nsh runs
efishim.efi with the scenario's shim_args, then xen.efi (or GRUB, which
boots xen.gz with multiboot2 on UEFI). The shim turns ranges of
conventional memory into unaccepted memory (type 15) and offers the
memory-accept protocol; the checks compare what the shim printed with
the EFI memory map and e820 map the hypervisor printed. It also plants
an ESRT, fails ExitBootServices() and poisons free memory on request.

Scenarios use loader "efishim"; build_esp() makes their disk image. Keys
beyond run.py's (name, loader, mem, checks, timeout):

  shim_args    the shim's load options; if absent, shim_args_of(sc)
               builds them from unaccepted, esrt, ebs_fail and poison
  unaccepted   [(start, end)] ranges the shim should report
  shim_lines   lines expected in this order (ERR lines listed are allowed)
  chain        "xen.efi" (default) or "grub": what the shell starts next
  cfg, files   xen.cfg text and [(name, size)] files (xen.efi chain);
               the files are the modules on the GRUB chain too
  cmdline      the hypervisor's command line on the GRUB chain
  module_args  {file name: command line} for GRUB's module2 lines
  esrt         dict(count, seed=0, max=None, type="bsdata",
               place="page", type2=None, corrupt="none", dup=None): the
               ESRT to plant, as the esrt... and seed= load options
  ebs_fail     K: the first K ExitBootServices() calls fail
  poison       True: poison free memory first

test/boot/run.py runs them with the others (`test/boot/run.py NAME` for
one; it needs build/xen.efi, build/xen.gz and build/efishim.efi: `make all
test-images`).
"""
import os
import re
import subprocess
import zlib

from fixtures import BUILD, TOP, WORK, XEN_CFG, XEN_FILES, make_module

SHIM_FAILED = "efishim.efi failed: powering off"


GRUB_CMDLINE = "console=com1 loglvl=all"
MODULE_ARGS = {"vmlinuz": "console=hvc0 root=/dev/xvda1"}


def shim_args_of(sc):
    """The shim's load options for scenario sc."""
    if "shim_args" in sc:
        return sc["shim_args"]
    words = [f"unaccepted={a:#x}-{b:#x}" for a, b in sc.get("unaccepted", [])]
    e = sc.get("esrt")
    if e:
        words.append(f"esrt={e['count']}")
        words.append(f"seed={e.get('seed', 0):#x}")
        for key in ("max", "type", "place", "type2", "corrupt", "dup"):
            if e.get(key) is not None:
                words.append(f"esrt-{key}={e[key]}")
    if sc.get("ebs_fail"):
        words.append(f"ebs-fail={sc['ebs_fail']}")
    if sc.get("poison"):
        words.append("poison=1")
    return " ".join(words)


def grub_cfg(sc):
    """The grub.cfg of the GRUB chain: multiboot2 and one module2 a file."""
    lines = ["set timeout=0",
             "search --no-floppy --set=root --file /EFI/xen/xen.gz",
             "multiboot2 /EFI/xen/xen.gz " + sc.get("cmdline", GRUB_CMDLINE)]
    margs = sc.get("module_args", MODULE_ARGS)
    for name, _ in sc.get("files", XEN_FILES):
        lines.append(f"module2 /EFI/xen/{name} {margs.get(name, '')}".rstrip())
    lines.append("boot")
    return "\n".join(lines) + "\n"


def build_esp(sc, img, work=WORK):
    """The ESP of test/efi-shim/mkesp-shim.sh for scenario sc at img."""
    chain = sc.get("chain", "xen.efi")
    cfg = os.path.join(work, sc["name"] + ".cfg")
    with open(cfg, "w") as f:
        f.write(grub_cfg(sc) if chain == "grub" else sc.get("cfg", XEN_CFG))
    image = "xen.gz" if chain == "grub" else "xen.efi"
    args = ["test/efi-shim/mkesp-shim.sh", img,
            os.path.join(BUILD, "efishim.efi"),
            os.path.join(BUILD, image), cfg, shim_args_of(sc)]
    for i, (name, size) in enumerate(sc.get("files", XEN_FILES)):
        # A path instead of a size is that file itself (the dom0 kernel).
        path = size if isinstance(size, str) else make_module(
            os.path.join(work, f"{sc['name']}-{name}"), size, i)
        args += [path, name]
    subprocess.run(args, cwd=TOP, check=True,
                   env=dict(os.environ, CHAIN=chain))


# ---- the planted ESRT, computed as test/efi-shim/shimesrt.h says ----------

MASK64 = (1 << 64) - 1
ESRT_TYPES = {"bsdata": 4, "rtdata": 6, "acpireclaim": 9, "loaderdata": 2,
              "conventional": 7, "reused": 7}
ESRT_ABSURD_COUNT = 0x10000000
ESRT_OUTSIDE_PA = 0x00007ffffffff000
ESRT_STRADDLE_OFFSET = 0xfe8


def splitmix64(state):
    """(new state, output) of one SplitMix64 step."""
    state = (state + 0x9e3779b97f4a7c15) & MASK64
    z = state
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & MASK64
    return state, z ^ (z >> 31)


def esrt_table(count, seed=0, max=None, corrupt="none", **_):
    """The bytes the shim plants for esrt=count seed=seed ..."""
    state, h = splitmix64(seed)
    h &= 0xFFFFFFFF
    hdr_count, hdr_max, version = count, count if max is None else max, 1
    if corrupt == "count-over-max":
        hdr_max = count - 1
    elif corrupt == "absurd-count":
        hdr_count = hdr_max = ESRT_ABSURD_COUNT
    elif corrupt == "version":
        version = 2
    out = bytearray(hdr_count.to_bytes(4, "little") +
                    hdr_max.to_bytes(4, "little") +
                    version.to_bytes(8, "little"))
    for i in range(count):
        r = []
        for _ in range(5):
            state, x = splitmix64(state)
            r.append(x)
        cls = bytearray(r[0].to_bytes(8, "little") + r[1].to_bytes(8, "little"))
        cls[0:4] = (i ^ h).to_bytes(4, "little")
        cls[7] = (cls[7] & 0x0F) | 0x40
        cls[8] = (cls[8] & 0x3F) | 0x80
        fw_version = r[2] >> 32
        fields = [r[2] % 4, fw_version,
                  fw_version - r[3] % (fw_version + 1),
                  (r[3] >> 32) & 0xFFFF, r[4] & 0xFFFFFFFF, (r[4] >> 32) % 9]
        out += cls + b"".join(v.to_bytes(4, "little") for v in fields)
    if corrupt == "dup-class":
        last = 16 + 40 * (count - 1)
        out[last:last + 16] = out[16:32]
    elif corrupt == "nil-class":
        out[16:32] = bytes(16)
    return bytes(out)


def esrt_guid(b):
    """A 16-byte EFI GUID as 8-4-4-4-12."""
    return (f"{int.from_bytes(b[0:4], 'little'):08x}-"
            f"{int.from_bytes(b[4:6], 'little'):04x}-"
            f"{int.from_bytes(b[6:8], 'little'):04x}-{b[8:10].hex()}-"
            f"{b[10:16].hex()}")


def esrt_lines(table, entries=None):
    """The lines of include/xen/esrt.h for table (no prefix): the header,
    then the entries laid out (entries, default what the header counts)."""
    u32 = [int.from_bytes(table[k:k + 4], "little")
           for k in range(0, len(table) - 3, 4)]
    lines = [f"esrt header: count={u32[0]} max={u32[1]} "
             f"version={int.from_bytes(table[8:16], 'little')}"]
    n = u32[0] if entries is None else entries
    for i in range(n):
        e = table[16 + 40 * i:56 + 40 * i]
        f = [int.from_bytes(e[k:k + 4], "little") for k in range(16, 40, 4)]
        lines.append(f"esrt entry {i}: class={esrt_guid(e[:16])} "
                     f"fw_type={f[0]} fw_version={f[1]:#x} "
                     f"lowest_supported_fw_version={f[2]:#x} "
                     f"capsule_flags={f[3]:#x} last_attempt_version="
                     f"{f[4]:#x} last_attempt_status={f[5]}")
    return lines


def shim_esrt_planted(log):
    """(address, type, bytes, crc32) of the shim's 'esrt planted' line, or
    None."""
    m = re.search(rf"SHIM: esrt planted at {HEX} type (\d+) bytes (\d+) "
                  r"crc32 ([0-9a-f]{8})", log)
    if not m:
        return None
    return (int(m.group(1), 16), int(m.group(2)), int(m.group(3)),
            int(m.group(4), 16))


# ---- reading the log -------------------------------------------------------

def merged(rs):
    """Sorted ranges with touching and overlapping ones joined."""
    out = []
    for a, b in sorted(rs):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def minus(rs, cut):
    """Ranges rs without the bytes of cut."""
    for c, d in cut:
        nxt = []
        for a, b in rs:
            if d <= a or b <= c:
                nxt.append((a, b))
                continue
            if a < c:
                nxt.append((a, c))
            if d < b:
                nxt.append((d, b))
        rs = nxt
    return merged(rs)


HEX = r"0x([0-9a-f]{16})"


def shim_unaccepted(log):
    """(start, end, pages) of each 'SHIM: unaccepted [..)' line."""
    return [(int(a, 16), int(b, 16), int(n)) for a, b, n in re.findall(
        rf"SHIM: unaccepted \[{HEX}, {HEX}\) (\d+) pages", log)]


def shim_accepted(log):
    """Spans the protocol accepted, in call order."""
    return [(int(a, 16), int(b, 16)) for a, b in re.findall(
        rf"SHIM: accept \[{HEX}, {HEX}\) ok", log)]


def hv_ranges(log, kind_re):
    """[start, end) of the hypervisor's map lines of a type."""
    return [(int(a, 16), int(b, 16)) for a, b in re.findall(
        r"\(XEN\) +\[([0-9a-f]{16}), ([0-9a-f]{16})\) +" + kind_re + r"\b",
        log)]


def still_unaccepted(log):
    """What the shim hides when the hypervisor reads the final map."""
    before = log.split("EFI memory map (", 1)[0]
    rs = [(a, b) for a, b, _ in shim_unaccepted(log)]
    return minus(merged(rs), shim_accepted(before))


def text(res):
    """The serial log with ConOut's CR LF line ends made plain."""
    return res.log.replace("\r", "")


def spans(rs):
    return ", ".join(f"[{a:#x}, {b:#x})" for a, b in rs) or "none"


# ---- checks: each returns a list of failure strings ------------------------

def check_shim_installed(res, sc):
    log = text(res)
    errs = []
    got = shim_unaccepted(log)
    want = merged(sc.get("unaccepted", []))
    if [(a, b) for a, b, _ in got] != want:
        errs.append(f"shim reported {spans([(a, b) for a, b, _ in got])}, "
                    f"want {spans(want)}")
    for a, b, n in got:
        if n != (b - a) >> 12:
            errs.append(f"range {a:#x}-{b:#x}: {n} pages")
    total = sum((b - a) >> 12 for a, b in want)
    if f"SHIM: unaccepted total {total} pages in {len(want)} ranges" \
            not in log:
        errs.append("no or wrong 'unaccepted total' line")
    for line in ("SHIM: memory-accept protocol installed",
                 "SHIM: GetMemoryMap wrapped"):
        if line not in log:
            errs.append(f"no {line!r}")
    return errs


def check_shim_lines(res, sc):
    """The scenario's expected shim lines appear, in this order."""
    log, pos = text(res), 0
    for line in sc.get("shim_lines", []):
        at = log.find(line + "\n", pos)
        if at < 0:
            return [f"expected line {line!r} (in order)"]
        pos = at + len(line)
    return []


def check_map_shows_unaccepted(res, sc):
    """The firmware map holds type 15 exactly where the shim says."""
    log = text(res)
    if "EFI memory map (" not in log:
        return ["no EFI memory map printed"]
    want = still_unaccepted(log)
    got = merged(hv_ranges(log, "Unaccepted"))
    if got != want:
        return [f"hypervisor map has Unaccepted {spans(got)}, "
                f"want {spans(want)}"]
    return []


def check_no_unaccepted_ram(res, sc):
    """No byte still unaccepted at ExitBootServices is e820 RAM."""
    log = text(res)
    ram = hv_ranges(log, "RAM")
    if not ram:
        return ["no e820 RAM ranges printed"]
    for a, b in still_unaccepted(log):
        for c, d in ram:
            if a < d and c < b:
                return [f"unaccepted {a:#x}-{b:#x} overlaps RAM {c:#x}-{d:#x}"]
    return []


def check_boot_complete(res, sc):
    log = text(res)
    errs = []
    if "Boot complete: powering off" not in log:
        errs.append("no 'Boot complete' line")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}"
                    f"{' (timeout)' if res.timed_out else ''}")
    allowed = set(sc.get("shim_lines", []))
    for line in log.splitlines():
        if ("ERR:" in line and line not in allowed) or "PANIC" in line \
                or "CPU exception" in line:
            errs.append(f"log line {line!r}")
    return errs


def check_shim_refused(res, sc):
    """The shim printed its error, the script powered off, no xen.efi."""
    log = text(res)
    errs = check_shim_lines(res, sc)
    if SHIM_FAILED not in log:
        errs.append(f"no {SHIM_FAILED!r}")
    if "(XEN)" in log:
        errs.append("xen.efi ran after the shim failed")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}")
    return errs


def check_hv_accounting(res, sc):
    """The hypervisor's own report agrees with the shim: what it accepted
    up front through the protocol is what the shim saw accepted (the edges
    and short ranges), and what is still unaccepted is listed as left out
    of RAM, with the right total."""
    log = text(res)
    # The protocol calls the hypervisor made: after its first line, before
    # ExitBootServices (the shim may call the protocol itself before).
    start = log.find("(XEN)")
    before = log[start:].split("EFI memory map (", 1)[0] if start >= 0 else ""
    hv_up = [(int(a, 16), int(b, 16)) for a, b in re.findall(
        r"accept up front \[([0-9a-f]{16}), ([0-9a-f]{16})\): EFI_SUCCESS",
        log)]
    shim_up = shim_accepted(before)
    errs = []
    if sorted(hv_up) != sorted(shim_up):
        errs.append(f"hypervisor accepted {spans(hv_up)} up front, the shim "
                    f"saw {spans(shim_up)}")
    left = merged([(int(a, 16), int(b, 16)) for a, b in re.findall(
        r"left out of RAM \[([0-9a-f]{16}), ([0-9a-f]{16})\) unaccepted",
        log)])
    want = still_unaccepted(log)
    if left != want:
        errs.append(f"left out of RAM {spans(left)}, want {spans(want)}")
    m = re.search(r"Unaccepted memory: (\d+) KiB left out of RAM", log)
    total = sum(b - a for a, b in want) >> 10
    if want and (not m or int(m.group(1)) != total):
        errs.append(f"no 'left out of RAM' total of {total} KiB")
    return errs


def check_shim_esrt(res, sc):
    """The shim planted the table sc["esrt"] asks for: placement, type,
    size and CRC-32 of exactly the bytes of esrt_table(), then the header
    and every entry laid out in the shared line format, in order."""
    log, e = text(res), sc["esrt"]
    if e.get("corrupt") == "outside-map":
        line = (f"SHIM: esrt pointer 0x{ESRT_OUTSIDE_PA:016x} outside the "
                "memory map installed")
        return [] if line + "\n" in log else [f"no {line!r}"]
    got = shim_esrt_planted(log)
    if not got:
        return ["no 'SHIM: esrt planted' line"]
    table = esrt_table(**e)
    pa, typ, size, crc = got
    errs = []
    want_type = ESRT_TYPES[e.get("type") or "bsdata"]
    if typ != want_type:
        errs.append(f"esrt planted in type {typ}, want {want_type}")
    if size != len(table):
        errs.append(f"esrt of {size} bytes, want {len(table)}")
    if crc != zlib.crc32(table):
        errs.append(f"esrt crc32 {crc:08x}, want {zlib.crc32(table):08x} "
                    "(the generator and shimesrt.h disagree)")
    place = e.get("place") or "page"
    want_off = 0 if place == "page" else ESRT_STRADDLE_OFFSET
    if pa & 0xFFF != want_off:
        errs.append(f"esrt at {pa:#x}, want page offset {want_off:#x}")
    want = ["SHIM: " + ln for ln in esrt_lines(table, e["count"])]
    if place == "straddle-desc":
        t2 = e.get("type2") or ("rtdata" if want_type == 4 else "bsdata")
        want.insert(0, f"SHIM: esrt straddles into type {ESRT_TYPES[t2]} at "
                       f"0x{(pa & ~0xFFF) + 0x1000:016x}")
    pos = log.find("SHIM: esrt planted")
    for line in want:
        at = log.find(line + "\n", pos)
        if at < 0:
            errs.append(f"expected line {line!r} (in order)")
            break
        pos = at + len(line)
    types = (e.get("type"), e.get("type2"))
    if ("conventional" in types or "reused" in types) and \
            "SHIM: esrt pages freed: conventional memory\n" not in log:
        errs.append("no 'esrt pages freed' line")
    if "reused" in types and not re.search(
            r"SHIM: esrt pages reused: 0x[0-9a-f]{16}, \d+ pages written "
            r"over with 0xaf\n", log):
        errs.append("no 'esrt pages reused' line")
    return errs


def check_ebs_fail(res, sc):
    """ExitBootServices() failed exactly sc["ebs_fail"] times, each with
    its line, the map key really changed, and then went through."""
    log, k = text(res), sc.get("ebs_fail", 0)
    want = [f"SHIM: ExitBootServices wrapped: first {k} calls fail"] + \
        [f"SHIM: ebs-fail {i} of {k}: map key changed" for i in
         range(1, k + 1)] if k else []
    errs, pos = [], 0
    if not k and "SHIM: ExitBootServices wrapped" in log:
        errs.append("ExitBootServices wrapped without ebs-fail")
    for line in want:
        at = log.find(line + "\n", pos)
        if at < 0:
            errs.append(f"expected line {line!r} (in order)")
            break
        pos = at + len(line)
    n = len(re.findall(r"SHIM: (?:ERR: )?ebs-fail \d+ of", log))
    if n != k:
        errs.append(f"{n} ebs-fail lines, want {k}")
    return errs


def check_poison(res, sc):
    """Free memory was poisoned (most of it: at least half the RAM)."""
    m = re.search(r"SHIM: poisoned (\d+) pages in (\d+) ranges, (\d+) "
                  r"ranges skipped", text(res))
    if not m:
        return ["no 'SHIM: poisoned' line"]
    mem = int(sc["mem"][:-1]) << {"M": 8, "G": 18}[sc["mem"][-1]]
    if int(m.group(1)) < mem // 2:
        return [f"only {m.group(1)} pages poisoned of {mem}"]
    return []


SHIM_OK = [check_shim_installed, check_shim_lines,
           check_map_shows_unaccepted, check_no_unaccepted_ram,
           check_hv_accounting, check_boot_complete]


def accept_line(a, b):
    return f"SHIM: accept [0x{a:016x}, 0x{b:016x}) ok"


def refusal(a, size, why):
    return f"SHIM: ERR: accept start 0x{a:016x} size 0x{size:x}: {why}"


# OVMF at -m 1G leaves [0x1500000, 0x3bb75000) conventional when the shell
# starts; every range below lies inside it.
SHIM_ESRT_OK = [check_shim_installed, check_shim_lines, check_shim_esrt,
                check_ebs_fail, check_boot_complete]

SHIM_SCENARIOS = [
    # Unaccepted memory above a boundary: 384 MiB from 512 MiB, 2 MiB
    # aligned, which the hypervisor tracks instead of accepting up front.
    dict(name="shim-unaccepted-high", loader="efishim", mem="1G",
         shim_args="unaccepted=0x20000000-0x38000000",
         unaccepted=[(0x20000000, 0x38000000)],
         checks=SHIM_OK, timeout=240),
    # Small ranges and ranges off 2 MiB boundaries, one of a single page.
    dict(name="shim-unaccepted-small", loader="efishim", mem="1G",
         shim_args="unaccepted=0x101ff000-0x10601000 "
                   "unaccepted=0x18001000-0x18003000 "
                   "unaccepted=0x18100000-0x18101000",
         unaccepted=[(0x101ff000, 0x10601000), (0x18001000, 0x18003000),
                     (0x18100000, 0x18101000)],
         checks=SHIM_OK, timeout=240),
    # The protocol itself, called by the shim as a loader would: an edge,
    # a middle split, and refusals (unaligned, already accepted, outside).
    dict(name="shim-accept-protocol", loader="efishim", mem="1G",
         shim_args="unaccepted=0x10000000-0x10400000 "
                   "unaccepted=0x18001000-0x18003000 "
                   "accept=0x18001000-0x18002000 "
                   "accept=0x10100000-0x10200000 "
                   "accept=0x18002800-0x18003000 "
                   "accept=0x10100000-0x10101000 "
                   "accept=0x1ff000-0x200000",
         unaccepted=[(0x10000000, 0x10400000), (0x18001000, 0x18003000)],
         shim_lines=[
             accept_line(0x18001000, 0x18002000),
             accept_line(0x10100000, 0x10200000),
             refusal(0x18002800, 0x800, "range is not 4 KiB aligned"),
             refusal(0x10100000, 0x1000, "not inside one unaccepted range"),
             refusal(0x1ff000, 0x1000, "not inside one unaccepted range")],
         checks=SHIM_OK, timeout=240),
    dict(name="shim-bad-options", loader="efishim", mem="512M",
         shim_args="unaccepted=0x10000800-0x10002000",
         shim_lines=['SHIM: ERR: load options: range is not 4 KiB aligned: '
                     '"unaccepted=0x10000800-0x10002000"'],
         checks=[check_shim_refused], timeout=180),
    dict(name="shim-not-conventional", loader="efishim", mem="512M",
         shim_args="unaccepted=0x10000000-0x10001000 "
                   "unaccepted=0xb0000000-0xb0001000",
         shim_lines=["SHIM: ERR: [0x00000000b0000000, 0x00000000b0001000) "
                     "is not all conventional memory: 0x00000000b0000000 "
                     "is not"],
         checks=[check_shim_refused], timeout=180),
    # An ESRT of three entries in boot-services data and one failed
    # ExitBootServices() (the hypervisor retries once today), on the
    # xen.efi chain and on the GRUB multiboot2 chain, the latter also with
    # poisoned free memory.
    dict(name="shim-esrt-xenefi", loader="efishim", mem="1G",
         esrt=dict(count=3, seed=0x5eed, type="bsdata"), ebs_fail=2,
         checks=SHIM_ESRT_OK, timeout=240),
    dict(name="shim-esrt-grub", loader="efishim", mem="1G", chain="grub",
         esrt=dict(count=3, seed=0x5eed, type="bsdata"), ebs_fail=2,
         poison=True, checks=SHIM_ESRT_OK + [check_poison], timeout=300),
    # Placements: crossing from ACPI-reclaim into runtime data (two
    # descriptors), and 200 entries across pages in memory given back as
    # conventional (a firmware bug the hypervisor must survive).
    dict(name="shim-esrt-straddle-desc", loader="efishim", mem="1G",
         esrt=dict(count=5, seed=11, type="acpireclaim",
                   place="straddle-desc", type2="rtdata"),
         checks=SHIM_ESRT_OK, timeout=240),
    dict(name="shim-esrt-conventional", loader="efishim", mem="1G",
         chain="grub", esrt=dict(count=200, seed=12, type="conventional",
                                 place="straddle-page"),
         checks=SHIM_ESRT_OK, timeout=300),
    # A word that needs another: refused before anything is planted.
    dict(name="shim-esrt-bad-options", loader="efishim", mem="512M",
         shim_args="esrt=3 esrt-type2=rtdata",
         shim_lines=['SHIM: ERR: load options: esrt-type2 needs '
                     'esrt-place=straddle-desc and another type: '
                     '"esrt-type2=rtdata"'],
         checks=[check_shim_refused], timeout=180),
] + [
    # Each corruption, planted in boot-services data.
    dict(name=f"shim-esrt-{c}", loader="efishim", mem="1G",
         esrt=dict(count=4, seed=13, corrupt=c),
         checks=SHIM_ESRT_OK, timeout=240)
    for c in ("count-over-max", "absurd-count", "version", "outside-map")
]
