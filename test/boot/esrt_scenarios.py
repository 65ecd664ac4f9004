#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios for what dom0's xen-esrt shows of the ESRT the
hypervisor kept (docs/tools.md), with tables the firmware test shim
(test/efi-shim/) plants:

  esrt-dom0-129-xenefi    129 entries (one above Linux's limit) in
                          boot-services data, xen.efi: the hypervisor keeps
                          the table intact, dom0 prints every entry equal to
                          the shim's, then one line saying Linux refuses it
  esrt-dom0-600-grub      the same with 600 entries, through GRUB
  esrt-dom0-reused-xenefi the table is left in conventional memory and the
                          pages written over (esrt-type=reused, as a loader
                          reusing them does): the hypervisor refuses it
                          naming the memory type and that the contents are
                          gone, and dom0 finds no ESRT
  xen417-esrt-reused      the same table on Debian's Xen 4.17, which passes
                          the pointer on: dom0's xen-esrt finds the page in
                          use (boot-services data by Xen's map, not
                          mappable) and says the table is gone, with the
                          memory type, instead of "unreadable"

    test/boot/run.py esrt-dom0-129-xenefi
"""
import os
import re
import subprocess
import sys

import retain_scenarios as retain
import shim_scenarios as shim
import xen417
from fixtures import TOP

D0 = r"^(?:\(d0\) )?"


def check_linux_refusal(res, sc):
    """One line says Linux refuses the table, after the last entry."""
    n = sc["esrt"]["count"]
    line = (f"(d0) xen-esrt: linux: refuses this table: count {n} exceeds "
            "its limit of 128\n")
    errs = []
    at = res.log.find(line)
    last = res.log.find(f"(d0) xen-esrt: esrt entry {n - 1}: ")
    if at < 0:
        errs.append(f"no {line.strip()!r}")
    elif last < 0 or at < last:
        errs.append("the Linux line does not follow the last entry")
    if res.log.count("(d0) xen-esrt: linux: ") != 1:
        errs.append("not exactly one 'xen-esrt: linux:' line")
    return errs


def check_refused_gone(res, sc):
    """The hypervisor refused the overwritten table with the reason that
    names its memory type and says its contents are gone, and kept
    nothing of it."""
    m = re.search(r"\(XEN\) Retain ESRT: refused at 0x[0-9a-f]+: (.*)\n",
                  res.log)
    if not m:
        return ["no 'Retain ESRT: refused' line"]
    errs = []
    if not re.fullmatch(retain.GONE, m.group(1)):
        errs.append(f"refused for {m.group(1)!r}, want {retain.GONE!r}")
    if "unknown table version" in res.log:
        errs.append("'unknown table version' is still printed")
    if re.search(r"\(XEN\) (Retained ESRT|esrt entry|esrt header)",
                 res.log):
        errs.append("a refused ESRT was kept or dumped")
    return errs


# Memory free after ExitBootServices that a loader or the firmware may
# have taken again: loader code or data, boot-services code or data.
REUSED_TYPES = r"(LoaderCode \(type 1\)|LoaderData \(type 2\)|" \
    r"BootServicesCode \(type 3\)|BootServicesData \(type 4\))"
GONE_DOM0 = (r"xen-esrt: gone: the table lies in " + REUSED_TYPES +
             r", memory free after ExitBootServices and reused since the "
             r"firmware put the table there: its contents are gone \(map: "
             r"rc=-\d+ \(E[A-Z]+\)\)$")


def check_dom0_says_gone(res, sc):
    """On Xen 4.17 the pointer still leads to the table's old page, which
    the machine's memory map calls boot-services or loader data by then
    (the firmware or a loader took the freed page again before Xen took
    its map: which one depends on what ran in between), and which dom0
    may not map: xen-esrt says the table is gone and why, prints no entry,
    and ends invalid."""
    lines = xen417.dom0_lines(res.log)
    errs = []
    for pat in [r"xen-esrt: mem_info addr=0x[0-9a-f]+: type=[1-4] "
                r"(LoaderCode|LoaderData|BootServicesCode|BootServicesData) ",
                r"xen-esrt: linux table rule \(type 0/5/6/9/10\): refuse$",
                r"xen-esrt: map header: error rc=-\d+ ", GONE_DOM0,
                r"xen-esrt: result=invalid$"]:
        if not any(re.match(pat, ln) for ln in lines):
            errs.append(f"no dom0 line matching {pat!r}")
    for bad in ("xen-esrt: esrt entry ", "xen-esrt: result=unreadable"):
        if any(ln.startswith(bad) for ln in lines):
            errs.append(f"dom0 printed {bad!r} for a table that is gone")
    return errs


def ours(name, esrt, chain, checks):
    return retain.sc(name, esrt, chain=chain, files=retain.DOM0_FILES,
                     cfg=retain.DOM0_XEN_CFG, module_args=retain.DOM0_ARGS,
                     checks=checks)


WHOLE = [shim.check_shim_esrt, retain.check_esrt_retained,
         retain.check_dom0_reads_esrt, check_linux_refusal,
         retain.check_dom0_stop]

ESRT_SCENARIOS = [
    ours("esrt-dom0-129-xenefi", dict(count=129, seed=41), "xen.efi", WHOLE),
    ours("esrt-dom0-600-grub", dict(count=600, seed=42), "grub", WHOLE),
    ours("esrt-dom0-reused-xenefi", dict(count=3, seed=43, type="reused"),
         "xen.efi", [shim.check_shim_esrt, check_refused_gone,
                     retain.check_dom0_sees_no_esrt, retain.check_dom0_stop]),
    dict(name="xen417-esrt-reused", loader="esp",
         build_esp=xen417.build_shim_esp, mem="1G",
         shim_args="esrt=3 seed=0x2c esrt-type=reused",
         esrt=dict(count=3, seed=0x2c, type="reused"),
         prepare=xen417.prepare_shim, efi=True, stop_on=xen417.HALTED,
         checks=[shim.check_shim_esrt, xen417.check_dom0_ran,
                 check_dom0_says_gone],
         timeout=300),
]


if __name__ == "__main__":
    sys.exit(subprocess.call(
        [sys.executable, os.path.join(TOP, "test", "boot", "run.py"),
         "-j", "1"] + (sys.argv[1:] or
                       [sc["name"] for sc in ESRT_SCENARIOS])))
