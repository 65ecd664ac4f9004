#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios that run this project's dom0 kernel (build/dom0/dom0.gz)
as dom0 of the real Xen 4.17: Debian's xen-hypervisor-4.17-amd64, fetched
with `apt-get download` into build/ and unpacked with `dpkg -x` into
build/xen417/ (never installed). This proves the dom0 kernel's ABI (ELF
notes, start_info, hypercalls, error values) against the reference
implementation before our own hypervisor runs it.

  xen417-bios             GRUB multiboot2 on SeaBIOS: every tool, no EFI
  xen417-bios-hcpage      the same with dom0-hcpage.gz (hypercall page)
  xen417-bios-dom0-fault  dom0 faults on purpose: how Xen reports it
  xen417-efi              GRUB multiboot2 on OVMF: every tool with EFI
  xen417-shim-esrt        the firmware shim plants an ESRT, Xen's xen.efi
                          keeps it (16 bytes short), dom0 reads it
  xen417-rtcall           xen-time, xen-efivar and xen-capsule through
                          Xen 4.17 (what linux417-shim-esrt's Linux build
                          must print too)

Xen 4.17 writes the hardware domain's console_io output to the serial
line as it is; our hypervisor prefixes "(d0) ". The checks accept both.
Xen does not power the machine off when dom0 shuts down: it prints
"Hardware Dom0 halted: halting machine", on which the run stops.

When the package cannot be fetched (no network, no Debian archive) the
scenarios are skipped with the reason, and counted as skipped.

    test/boot/xen417.py                 all of them (through run.py -j 1)
    test/boot/run.py xen417-efi         one of them
"""
import os
import re
import subprocess
import sys
import threading

import dom0_scenarios
import rtcall_scenarios
from fixtures import BUILD, TOP, WORK

sys.path.insert(0, os.path.join(TOP, "tools"))
import debroot  # noqa: E402

PACKAGE = "xen-hypervisor-4.17-amd64"
XEN_DIR = os.path.join(BUILD, "xen417")
XEN_GZ = os.path.join(XEN_DIR, "boot", "xen-4.17-amd64.gz")
XEN_EFI = os.path.join(XEN_DIR, "boot", "xen-4.17-amd64.efi")
EFISHIM = os.path.join(BUILD, "efishim.efi")
DOM0_GZ = os.path.join(BUILD, "dom0", "dom0.gz")
DOM0_HC_GZ = os.path.join(BUILD, "dom0", "dom0-hcpage.gz")
XEN_CMDLINE = ("console=com1 com1=115200,8n1 dom0_mem=64M loglvl=all "
               "guest_loglvl=all")
DOM0_CMDLINE = ("console=hvc0 xen-version xen-info xen-esrt xen-e820 "
                "xen-efimap xen-hostile xen-wallclock")
HALTED = r"Hardware Dom0 halted: halting machine"
D0 = r"^(?:\(d0\) )?"


_fetch_lock = threading.Lock()


def prepare(sc):
    """Fetches and unpacks Xen 4.17 once (run.py runs scenarios in
    threads). Returns None when ready, or the reason to skip."""
    with _fetch_lock:
        return _fetch()


def _fetch():
    if os.path.exists(XEN_GZ):
        return None
    if not os.path.exists(DOM0_GZ):
        return None  # the run fails on the missing file: a build problem
    debs = [f for f in os.listdir(BUILD) if f.startswith(PACKAGE + "_")]
    try:
        if not debs:
            r = subprocess.run(debroot.apt("apt-get", "download", PACKAGE),
                               cwd=BUILD, capture_output=True, text=True,
                               timeout=300)
            debs = [f for f in os.listdir(BUILD)
                    if f.startswith(PACKAGE + "_")]
            if r.returncode != 0 or not debs:
                why = (r.stderr.strip().splitlines() or ["no .deb"])[-1]
                return f"{PACKAGE} cannot be fetched: {why}"
        r = subprocess.run(["dpkg", "-x",
                            os.path.join(BUILD, sorted(debs)[-1]), XEN_DIR],
                           capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"{PACKAGE} cannot be fetched: {e}"
    if r.returncode != 0 or not os.path.exists(XEN_GZ):
        return f"{PACKAGE} cannot be unpacked: {r.stderr.strip()}"
    return None


def prepare_shim(sc):
    """prepare(), and the firmware test shim must be able to plant an ESRT
    (test/efi-shim/, esrt= load option)."""
    why = prepare(sc)
    if why:
        return why
    opts = os.path.join(TOP, "test", "efi-shim", "shimopt.h")
    with open(opts) as f:
        if "esrt=N" not in f.read():
            return "the firmware test shim on this tree cannot plant an ESRT"
    return None


def build_shim_esp(sc, img):
    """An ESP on which OVMF's shell runs the shim (planting the ESRT),
    then Debian's Xen 4.17 xen.efi, whose xen.cfg names our dom0 (with
    sc's dom0_cmdline, and sc's ramdisk as dom0's module if any)."""
    cfg = os.path.join(WORK, sc["name"] + ".cfg")
    files = [DOM0_GZ, "dom0.gz"]
    with open(cfg, "w") as f:
        f.write("[global]\ndefault=xen\n\n[xen]\n"
                f"options={XEN_CMDLINE}\n"
                f"kernel=dom0.gz {sc.get('dom0_cmdline', DOM0_CMDLINE)}\n")
        if sc.get("ramdisk"):
            f.write("ramdisk=ramdisk.bin\n")
            files += [sc["ramdisk"](), "ramdisk.bin"]
    subprocess.run(["test/efi-shim/mkesp-shim.sh", img, EFISHIM, XEN_EFI,
                    cfg, sc["shim_args"]] + files, cwd=TOP,
                   check=True, env=dict(os.environ, CHAIN="xen.efi"))


# ---- checks on dom0's output (usable for any hypervisor's log) -------------

def dom0_lines(log):
    """dom0's console lines, without a "(d0) " prefix."""
    return [m.group(1) for m in re.finditer(D0 + r"((?:hello from dom0|"
            r"dom0:|xen-[a-z0-9-]+:|hostile[ :]).*)$", log, re.M)]


def check_dom0_ran(res, sc):
    lines = dom0_lines(res.log)
    errs = []
    if "hello from dom0" not in lines:
        errs.append("no 'hello from dom0'")
    if not any(re.match(r'dom0: start_info magic="xen-3\.0-x86_64',
                        ln) for ln in lines):
        errs.append("no start_info line with the xen-3.0-x86_64 magic")
    for tool in DOM0_CMDLINE.split()[1:]:
        if f"dom0: running {tool}" not in lines:
            errs.append(f"{tool} did not run")
    if "dom0: done, powering off" not in lines:
        errs.append("dom0 did not reach its shutdown")
    for bad in ("Domain 0 crashed", "Panic on CPU", "FATAL PAGE FAULT"):
        if bad in res.log:
            errs.append(f"log contains {bad!r}")
    return errs


def check_hypercall_way(res, sc):
    """How dom0 issued its hypercalls: by syscall, or through the page
    the hypervisor filled for an image with a HYPERCALL_PAGE note."""
    want = ("dom0: hypercalls through the hypercall page at 0x"
            if sc.get("hcpage") else "dom0: hypercalls by syscall")
    if not any(ln.startswith(want) for ln in dom0_lines(res.log)):
        return [f"no dom0 line {want!r}"]
    return []


def check_version(res, sc):
    if "xen-version: 4.17" not in dom0_lines(res.log):
        return ["xen-version did not print 4.17"]
    return []


def check_e820(res, sc):
    """The e820 lines: as many as announced, sorted, not overlapping."""
    lines = dom0_lines(res.log)
    n = [int(m.group(1)) for ln in lines
         for m in [re.match(r"xen-e820: (\d+) entries$", ln)] if m]
    ents = [(int(a, 16), int(b, 16)) for ln in lines for a, b in
            re.findall(r"^xen-e820: e820 \d+: \[0x([0-9a-f]{16}), "
                       r"0x([0-9a-f]{16})\) type=\d+ \w+$", ln)]
    if not n or n[0] != len(ents) or len(ents) < 3:
        return [f"e820: announced {n}, printed {len(ents)}"]
    for (a, b), (c, d) in zip(ents, ents[1:]):
        if not a < b <= c < d:
            return [f"e820 entries out of order or overlapping at {c:#x}"]
    return []


E820_NAMES = {"usable": 1, "reserved": 2, "ACPI data": 3, "ACPI NVS": 4,
              "unusable": 5}


def check_e820_matches_xen(res, sc):
    """Every entry of the map Xen printed at boot ("Xen-e820 RAM map" or
    "EFI RAM map", inclusive ends) is in dom0's machine map; what dom0
    sees beyond it is reserved (Xen adds its MMIO ranges)."""
    m = re.search(r"\(XEN\) (?:Xen-e820|EFI) RAM map:\n((?:\(XEN\)  \[.*\n)+)",
                  res.log)
    if not m:
        return ["Xen printed no RAM map"]
    xen = {(int(a, 16), int(b, 16) + 1, E820_NAMES.get(t, 0)) for a, b, t in
           re.findall(r"\[([0-9a-f]{16}), ([0-9a-f]{16})\] \(([^)]*)\)",
                      m.group(1))}
    dom0 = {(int(a, 16), int(b, 16), int(t)) for ln in dom0_lines(res.log)
            for a, b, t in re.findall(r"^xen-e820: e820 \d+: \[0x([0-9a-f]+), "
                                      r"0x([0-9a-f]+)\) type=(\d+) ", ln)}
    errs = [f"Xen's e820 entry {a:#x}-{b:#x} type {t} not in dom0's map"
            for a, b, t in sorted(xen - dom0)]
    errs += [f"dom0's extra e820 entry {a:#x}-{b:#x} is type {t}"
             for a, b, t in sorted(dom0 - xen) if t != 2]
    return errs


def check_efi_tools(res, sc):
    lines = dom0_lines(res.log)
    errs = []
    if sc["efi"]:
        want = [r"xen-info: efi version=0x[0-9a-f]+ \(\d+\.\d+\)$",
                r'xen-info: vendor="EDK II" revision=0x[0-9a-f]+$',
                r"xen-info: rt_version=0x[0-9a-f]+$",
                r"xen-info: config_table addr=0x[0-9a-f]+ nent=\d+$",
                r"xen-info: config_table \d+: guid=8868e871-e4f1-11d3-"
                r"bc22-0080c73c8881 addr=0x[0-9a-f]+ name=ACPI20$",
                # OVMF installs no ESRT.
                r"xen-esrt: no ESRT in the configuration table$",
                r"xen-esrt: result=none$",
                # Xen has no EFI memory map sub-op.
                r"xen-efimap: not available from this hypervisor: "
                r"rc=-22 \(EINVAL\)$"]
    else:
        want = [r"xen-info: version: error rc=-38 \(ENOSYS\)$",
                r"xen-info: config_table: error rc=-38 \(ENOSYS\)$",
                r"xen-esrt: config_table: error rc=-38 \(ENOSYS\)$",
                r"xen-esrt: result=none$",
                r"xen-efimap: not available from this hypervisor: "
                r"rc=-38 \(ENOSYS\)$"]
    for pat in want:
        if not any(re.match(pat, ln) for ln in lines):
            errs.append(f"no dom0 line matching {pat!r}")
    return errs


def check_hostile(res, sc):
    lines = dom0_lines(res.log)
    cases = [ln for ln in lines if re.match(r"hostile [a-z0-9-]+: rc=", ln)]
    errs = [f"failed: {ln}" for ln in cases if not ln.endswith(" pass")]
    m = [re.match(r"hostile: (\d+) passed, (\d+) failed$", ln)
         for ln in lines]
    m = [x for x in m if x]
    if not m:
        errs.append("no hostile summary")
    elif int(m[0].group(1)) != len(cases) or len(cases) < 20:
        errs.append(f"hostile summary {m[0].group(0)!r} for {len(cases)} "
                    "case lines")
    if not any(ln.startswith("hostile: hypervisor still answering: "
                             "xen_version=4.17") for ln in lines):
        errs.append("hypervisor did not answer after the hostile test")
    return errs


def check_planted_esrt(res, sc):
    """dom0 reads, through Xen 4.17, the ESRT the shim planted: header and
    entries equal the shim's lines, except the end of the last entry,
    which Xen 4.17 leaves out of its copy (40 * count bytes of a
    16 + 40 * count byte table); its first 24 bytes must still agree."""
    lines = dom0_lines(res.log)
    shim = re.findall(r"SHIM: (esrt (?:header|entry \d+): .*?)\s*$",
                      res.log, re.M)
    got = [ln[len("xen-esrt: "):] for ln in lines
           if re.match(r"xen-esrt: esrt (header|entry \d+): ", ln)]
    n = sc["esrt_count"]
    errs = []
    if len(shim) != n + 1:
        return [f"the shim printed {len(shim)} ESRT lines, want {n + 1}"]
    if len(got) != n + 1:
        return [f"dom0 printed {len(got)} ESRT lines, want {n + 1}"]
    for want, have in zip(shim[:n], got[:n]):
        if want != have:
            errs.append(f"dom0 {have!r} != shim {want!r}")
    head = r"^(esrt entry \d+: class=\S+ fw_type=\d+ fw_version=0x[0-9a-f]+)"
    a, b = re.match(head, shim[n]), re.match(head, got[n])
    if not a or not b or a.group(1) != b.group(1):
        errs.append(f"last entry differs in its first 24 bytes: {got[n]!r}")
    for pat in [r"xen-info: config_table \d+: guid=b122a263-3661-4f68-"
                r"9929-78f8b0d62180 addr=0x[0-9a-f]+ name=ESRT$",
                r"xen-esrt: mem_info addr=0x[0-9a-f]+: type=9 ACPIReclaim ",
                r"xen-esrt: linux table rule \(type 0/5/6/9/10\): accept$",
                r"xen-esrt: linux esrt rule \(RUNTIME or type 4/6/9/10\): "
                r"accept$",
                rf"xen-esrt: result=ok count={n}$",
                # The inside view of the short copy (OVMF's pool tail).
                rf"xen-esrt: truncated: firmware pool tail \"ptal\" at table "
                rf"offset 0x{40 * n:x}, inside entry {n - 1}: "]:
        if not any(re.match(pat, ln) for ln in lines):
            errs.append(f"no dom0 line matching {pat!r}")
    return errs


def check_fault_report(res, sc):
    """Xen 4.17's answer to a page fault in a dom0 with no trap table:
    the fault named, dom0's registers with CR2, the machine rebooted."""
    pats = [r"dom0: running dom0-fault-pf",
            r"\(XEN\) d0v0 Unhandled: vec 14, #PF\[0000\]",
            r"\(XEN\) Domain 0 \(vcpu#0\) crashed",
            r"\(XEN\) RIP:\s+e033:\[<ffffffff8[0-9a-f]{7}>\]",
            r"\(XEN\) cr3: [0-9a-f]{16}\s+cr2: 0000000000001000",
            r"\(XEN\) Hardware Dom0 crashed: rebooting machine"]
    return [f"no line matching {p!r}" for p in pats
            if not re.search(p, res.log)]


# The runtime-call tools of the Linux build (linux_scenarios.RT_CMDS), as
# the small dom0 runs them: its capsule is its module.
RT_CMDLINE = ("console=hvc0 xen-time xen-efivar info xen-efivar read "
              "PlatformLang xen-efivar list xen-capsule query")


# What the runtime-call tools print on Xen 4.17, the Linux build and the
# small dom0 alike (docs/tools.md); Xen 4.17 has no capsule calls. The
# capsule lines are the same text from both.
RT_WANT = [r"xen-time: time=\S+ epoch=\d+ tz=-?\d+ daylight=\d+ .*"
           r"status=0x0 \(EFI_SUCCESS\)$",
           r"xen-efivar: info attr=0x7: status=0x0 \(EFI_SUCCESS\) "
           r"max_store=\d+ remain=\d+ max_size=\d+$",
           r"xen-efivar: read PlatformLang 8be4df61-93ca-11d2-aa0d-"
           r"00e098032b8c: status=0x0 \(EFI_SUCCESS\) attr=0x\w+ size=\d+ "
           r"data=[0-9a-f]+$",
           r"xen-efivar: var 8be4df61-93ca-11d2-aa0d-00e098032b8c "
           r"PlatformLang$",
           r"xen-efivar: list: [1-9]\d* variables, rc=0 status=0x8000000000"
           r"00000e \(EFI_NOT_FOUND\)$"]
RT_SAME = ["xen-capsule: capsule guid=6d1e4c2a-58b3-4f0e-9a61-2b7c0d93e416 "
           "header_size=28 flags=0x0 image_size=4096 module=4096",
           "xen-capsule: query flags=0x0: error rc=-38 (ENOSYS)"]


def check_rt_lines(lines):
    """The runtime-call tools' lines against RT_WANT and RT_SAME."""
    errs = [f"no line matching {pat!r}" for pat in RT_WANT
            if not any(re.match(pat, ln) for ln in lines)]
    return errs + [f"no line {want!r}" for want in RT_SAME
                   if want not in lines]


def check_rt_tools(res, sc):
    """The small dom0's xen-time, xen-efivar and xen-capsule on Xen 4.17
    print what the Linux build prints there (linux417-shim-esrt)."""
    lines = dom0_lines(res.log)
    errs = check_rt_lines(lines)
    if "dom0: done, powering off" not in lines:
        errs.append("dom0 did not reach its shutdown")
    return errs


CHECKS = [check_dom0_ran, check_hypercall_way, check_version, check_e820,
          check_e820_matches_xen, check_efi_tools, check_hostile,
          dom0_scenarios.check_wallclock]

XEN417_SCENARIOS = [
    dict(name="xen417-bios", loader="grub-bios", mem="512M",
         image=XEN_GZ, cmdline=XEN_CMDLINE,
         module_files=[(DOM0_GZ, DOM0_CMDLINE)], prepare=prepare,
         efi=False, stop_on=HALTED, checks=CHECKS, timeout=240),
    dict(name="xen417-bios-hcpage", loader="grub-bios", mem="512M",
         image=XEN_GZ, cmdline=XEN_CMDLINE, hcpage=True,
         module_files=[(DOM0_HC_GZ, DOM0_CMDLINE)], prepare=prepare,
         efi=False, stop_on=HALTED, checks=CHECKS, timeout=240),
    # How the reference reports an exception in dom0.
    dict(name="xen417-bios-dom0-fault", loader="grub-bios", mem="512M",
         image=XEN_GZ, cmdline=XEN_CMDLINE,
         module_files=[(DOM0_GZ, "console=hvc0 dom0-fault-pf")],
         prepare=prepare, stop_on=r"Hardware Dom0 crashed: rebooting",
         checks=[check_fault_report], timeout=240),
    dict(name="xen417-efi", loader="grub-efi", mem="512M",
         image=XEN_GZ, cmdline=XEN_CMDLINE,
         module_files=[(DOM0_GZ, DOM0_CMDLINE)], prepare=prepare,
         efi=True, stop_on=HALTED, checks=CHECKS, timeout=300),
    # The ESRT path end to end on the reference hypervisor: the shim plants
    # three entries in boot-services data, Xen 4.17's xen.efi copies the
    # table into ACPI reclaim memory (16 bytes short), dom0 reads it.
    dict(name="xen417-shim-esrt", loader="esp", build_esp=build_shim_esp,
         mem="1G", shim_args="esrt=3 seed=0x5eed", esrt_count=3,
         prepare=prepare_shim, efi=True, stop_on=HALTED,
         checks=[check_dom0_ran, check_hypercall_way, check_planted_esrt,
                 check_hostile],
         timeout=300),
    # The runtime-call tools through Xen 4.17, for linux417-shim-esrt's
    # Linux build to be compared with.
    dict(name="xen417-rtcall", loader="esp", build_esp=build_shim_esp,
         mem="1G", shim_args="esrt=3 seed=0x5eed", dom0_cmdline=RT_CMDLINE,
         ramdisk=rtcall_scenarios.capsule_file,
         prepare=prepare_shim, efi=True, stop_on=HALTED,
         checks=[check_rt_tools], timeout=300),
]


if __name__ == "__main__":
    sys.exit(subprocess.call(
        [sys.executable, os.path.join(TOP, "test", "boot", "run.py"),
         "-j", "1"] + sys.argv[1:] +
        [sc["name"] for sc in XEN417_SCENARIOS if len(sys.argv) == 1]))
