#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Firmware-side scenarios of issue 23, each played by the firmware test
shim (test/efi-shim/README.md) under OVMF:

  fw-mat-noprot        a runtime GetTime stub in a page of runtime code
                       that OVMF's memory attributes table describes with
                       neither RO nor XP: mapped RWX as the UEFI spec
                       says (the stub writes its own page), reported as
                       the one W+X range of the summary line
  fw-nomat-rtdata      the stub in runtime data, no attributes table
                       (efi-retain=esrt): runtime data without XP is
                       executable, as Xen maps it
  fw-mapbs-off         the stub reads boot-services data after
                       ExitBootServices: a page fault in the firmware,
                       reported, then a clean ACPI poweroff
  fw-mapbs-on          the same with efi=mapbs: boot-services code and
                       data are mapped for runtime calls, the call works
  fw-mapbs-on-grub     the same on GRUB's multiboot2 EFI path

The checks read the shim's lines (where it put the stub and the page it
reads) and the hypervisor's summary, W+X and fault lines (docs/boot.md).
"""
import re

import rt_pt_scenarios as rtpt
import shim_scenarios as shim
from fixtures import XEN_CFG

HEX = r"0x([0-9a-f]+)"
STUB = rf"SHIM: runtime stubs at {HEX} \(type (\d+), (\d+) pages\)"
BS_PAGE = rf"SHIM: boot-services data page at {HEX} for the GetTime stub"
# %#lx prints 0 without its 0x.
NUM = r"(0x[0-9a-f]+|0)"
FAULT = (r"\(XEN\) ERR: exception (\d+) \(([^)]+)\) in EFI runtime service "
         rf"(\w+): RIP {NUM}, error code {NUM}, address {NUM}\n")


def text(res):
    return res.log.replace("\r", "")


def need(log, pats):
    return [f"no line matching {p!r}" for p in pats
            if not re.search(p, log)]


def stub(log):
    """(start, end, EFI type) of the shim's stub pages, or None."""
    m = re.search(STUB, log)
    if not m:
        return None
    a = int(m.group(1), 16)
    return a, a + int(m.group(3)) * 4096, int(m.group(2))


def check_stub(res, sc):
    """The stub is where the scenario wants it, and was called: the
    boot's GetTime check came back through it."""
    s = stub(text(res))
    if not s:
        return ["no 'SHIM: runtime stubs' line"]
    want = 6 if sc.get("stub_data") else 5
    errs = [] if s[2] == want else [f"stub in type {s[2]}, want {want}"]
    return errs + rtpt.check_rs_selfcheck(res, sc)


def check_wx_is_the_stub(res, sc):
    """The only W+X range is the stub's page, for the reason the
    scenario names."""
    log = text(res)
    s = stub(log)
    lines = re.findall(r"\(XEN\)  W\+X \[0x([0-9a-f]+), 0x([0-9a-f]+)\) "
                       r"(\w+): (.*)\n", log)
    if not s:
        return ["no 'SHIM: runtime stubs' line"]
    want = [(s[0], s[1], sc["wx_reason"])]
    got = [(int(a, 16), int(b, 16), why) for a, b, _, why in lines]
    if got != want:
        return [f"W+X lines {got}, want {want}"]
    return []


def check_wx_covers_stub(res, sc):
    """Without a table the stub's page is among the W+X ranges."""
    log = text(res)
    s = stub(log)
    ranges = [(int(a, 16), int(b, 16)) for a, b in re.findall(
        r"\(XEN\)  W\+X \[0x([0-9a-f]+), 0x([0-9a-f]+)\)", log)]
    if not s or not any(a <= s[0] and s[1] <= b for a, b in ranges):
        return [f"stub {s} not inside a W+X range {ranges}"]
    return []


def check_mapbs_wx(res, sc):
    """With efi=mapbs the boot-services page the stub reads is mapped
    (W+X, as Xen maps boot-services memory), listed as such."""
    log = text(res)
    m = re.search(BS_PAGE, log)
    if not m:
        return ["no 'SHIM: boot-services data page' line"]
    pa = int(m.group(1), 16)
    for a, b in re.findall(r"\(XEN\)  W\+X \[0x([0-9a-f]+), 0x([0-9a-f]+)\) "
                           r"BootServicesData: efi=mapbs\n", log):
        if int(a, 16) <= pa < int(b, 16):
            return []
    return [f"boot-services page {pa:#x} not listed as mapped for mapbs"]


def check_bs_fault(res, sc):
    """Without mapbs the stub's read of boot-services data faults: one
    report naming GetTime, a RIP in the stub, a read of a page not
    present at the page's address; the runtime services are disabled and
    the machine powers off through ACPI (the fault came during the boot's
    own GetTime check, before anything else used the services)."""
    log = text(res)
    s, b = stub(log), re.search(BS_PAGE, log)
    m = re.search(FAULT, log)
    if not m or not s or not b:
        return ["no fault line, stub line or boot-services page line"]
    vec, _, svc, rip, code, addr = m.groups()
    errs = []
    if (vec, svc) != ("14", "GetTime"):
        errs.append(f"exception {vec} in {svc}, want 14 in GetTime")
    if not s[0] <= int(rip, 16) < s[1]:
        errs.append(f"RIP {rip} not in the stub")
    if int(code, 16) & 0x13:
        errs.append(f"error code {code}: want a read of a page not present")
    if int(addr, 16) != int(b.group(1), 16):
        errs.append(f"address {addr}, want the boot-services page")
    errs += need(log, [r"\(XEN\) EFI runtime services disabled: powering "
                       r"off without them\n",
                       r"\(XEN\) Powering off through ACPI S5\n"])
    if log.count("ERR:") != 1 or "PANIC" in log:
        errs.append("more than the one ERR line, or a PANIC")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}, "
                    "not a guest poweroff")
    return errs


def sc(name, shim_args, checks, cfg_opts="", **kw):
    d = dict(name=name, loader="efishim", mem="1G", shim_args=shim_args,
             cfg=XEN_CFG.replace("loglvl=all", "loglvl=all " + cfg_opts),
             checks=checks, timeout=240)
    d.update(kw)
    return d


def scenarios():
    ok = [check_stub, rtpt.check_rt_pt, shim.check_boot_complete]
    return [
        sc("fw-mat-noprot", "rt-gettime=count", ok + [check_wx_is_the_stub],
           rt_wx=1,
           wx_reason="attributes-table entry with neither RO nor XP"),
        sc("fw-nomat-rtdata", "rt-gettime=count rt-stub-type=data",
           ok + [check_wx_covers_stub], cfg_opts="efi-retain=esrt",
           stub_data=True, rt_mat="none"),
        sc("fw-mapbs-off", "rt-gettime=bsread", [check_bs_fault]),
        sc("fw-mapbs-on", "rt-gettime=bsread", ok + [check_mapbs_wx],
           cfg_opts="efi=mapbs", rt_wx=None),
        sc("fw-mapbs-on-grub", "rt-gettime=bsread", ok + [check_mapbs_wx],
           chain="grub", cmdline="console=com1 loglvl=all efi=mapbs",
           rt_wx=None),
    ]
