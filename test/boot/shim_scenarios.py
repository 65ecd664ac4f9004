#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios with the firmware test shim (test/efi-shim/): OVMF finds
no boot file on the ESP and starts its UEFI shell, whose startup.nsh runs
efishim.efi with the scenario's shim_args, then xen.efi. The shim turns
ranges of conventional memory into unaccepted memory (type 15) and offers
the memory-accept protocol; the checks compare what the shim printed with
the EFI memory map and e820 map the hypervisor printed.

Scenarios use loader "efishim"; build_esp() makes their disk image.
test/boot/run.py runs them with the others (`test/boot/run.py NAME` for
one; it needs build/xen.efi and build/efishim.efi: `make all test-images`).
"""
import os
import re
import subprocess

from fixtures import BUILD, TOP, WORK, XEN_CFG, XEN_FILES, make_module

SHIM_FAILED = "efishim.efi failed: powering off"


def build_esp(sc, img, work=WORK):
    """The ESP of test/efi-shim/mkesp-shim.sh for scenario sc at img."""
    cfg = os.path.join(work, sc["name"] + ".cfg")
    with open(cfg, "w") as f:
        f.write(sc.get("cfg", XEN_CFG))
    args = ["test/efi-shim/mkesp-shim.sh", img,
            os.path.join(BUILD, "efishim.efi"),
            os.path.join(BUILD, "xen.efi"), cfg, sc["shim_args"]]
    for i, (name, size) in enumerate(sc.get("files", XEN_FILES)):
        path = make_module(os.path.join(work, f"{sc['name']}-{name}"),
                           size, i)
        args += [path, name]
    subprocess.run(args, cwd=TOP, check=True)


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
    want = merged(sc["unaccepted"])
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


SHIM_OK = [check_shim_installed, check_shim_lines,
           check_map_shows_unaccepted, check_no_unaccepted_ram,
           check_hv_accounting, check_boot_complete]


def accept_line(a, b):
    return f"SHIM: accept [0x{a:016x}, 0x{b:016x}) ok"


def refusal(a, size, why):
    return f"SHIM: ERR: accept start 0x{a:016x} size 0x{size:x}: {why}"


# OVMF at -m 1G leaves [0x1500000, 0x3bb75000) conventional when the shell
# starts; every range below lies inside it.
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
]
