#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios of the 64-bit PV CPU interface: the dom0 kernel runs its
dom0-pvcpu self-test (tools/dom0/pvcpu.c) and must report every case
passed: exceptions bounced through its trap table with Xen's frame and
returned from by the iret hypercall, a user-mode syscall delivered to the
syscall callback, VIRQ_TIMER and an IPI delivered to the event callback,
and Xen's errors for bad arguments.
"""
import re

import dom0_scenarios


def check_pvcpu(res, sc):
    """dom0-pvcpu passed every case and dom0 then shut down cleanly."""
    errs = []
    m = re.search(r"\(d0\) pvcpu: (\d+) passed, (\d+) failed", res.log)
    if not m or int(m.group(1)) < 50 or m.group(2) != "0":
        errs.append(f"pvcpu self-test: {m.group(0) if m else 'no summary'}")
    # #BP: CS 0xe030 (kernel mode, RPL cleared) with the saved upcall
    # mask (1: events masked at start) in bits 32-39.
    for pat in (
                r"\(d0\) pvcpu: #BP frame rip=0xffffffff8[0-9a-f]+ "
                r"cs=10000e030 ",
                r"\(d0\) pvcpu: #PF error code 0x4 cr2 0x0*1000\b",
                r"\(d0\) pvcpu: user mode: ping 0x1234 answer 0x5a5a "
                r"syscall cs e033",
                r"\(d0\) pvcpu: timer port \d+, events 1, after \d+ us",
                # The exit checks ran in the hypervisor (under TCG an
                # unchecked iretq does not fault at ring 0; on hardware it
                # did, and the hypervisor panicked).
                r"\(XEN\) dom0's return to e033:0000800000000000 would fault "
                r"at ring 0 \(RIP not canonical\): dom0's exception 13, "
                r"error code 0\n",
                r"\(XEN\) dom0's return to e023:0000000100000000 would fault "
                r"at ring 0 \(RIP beyond the CS limit\): dom0's exception "
                r"13, error code 0\n",
                *sc.get("pvcpu_expect", [])):
        if not re.search(pat, res.log):
            errs.append(f"no line matching {pat!r}")
    for line in res.log.splitlines():
        if "(d0) pvcpu:" in line and line.endswith("FAIL"):
            errs.append(line.strip())
    if "dom0 exception" in res.log:
        errs.append("dom0 took a fatal exception")
    return errs + dom0_scenarios.check_stop(res, sc, "0 (poweroff)")


def check_smep_smap(res, sc):
    """QEMU's "max" CPU offers SMEP and SMAP: both turned on."""
    if "(XEN) SMEP on, SMAP on" not in res.log:
        return ["no '(XEN) SMEP on, SMAP on' line"]
    return []


def check_iret32_crash(res, sc):
    """A return the CPU would fault on, with no handler in dom0: dom0's
    crash report and a clean poweroff, never the hypervisor's panic."""
    errs = []
    for pat in (r"\(XEN\) dom0 crashed: its return to e023:0000000100000000 "
                r"would fault \(RIP beyond the CS limit\)",
                r"\(XEN\) dom0 exception 13, error code 0, at "
                r"e023:0000000100000000",
                r"\(XEN\) dom0 RAX: "):
        if not re.search(pat, res.log):
            errs.append(f"no line matching {pat!r}")
    return errs + dom0_scenarios.check_stop(res, sc, "3 (crash)")


def scenarios(common_checks):
    """The PV CPU scenarios, with run.py's checks for every boot."""
    return [
        dict(name="dom0-pvcpu-bios", loader="grub-bios", mem="256M",
             cmdline="console=com1 loglvl=all",
             modules=[(dom0_scenarios.DOM0,
                       "console=hvc0 xen-version dom0-pvcpu")],
             entry="multiboot2 (BIOS)",
             checks=common_checks + [check_pvcpu], timeout=150),
        # QEMU's "max" CPU: SMEP, SMAP and the TSC-deadline timer.
        dict(name="dom0-pvcpu-bios-cpumax", loader="grub-bios", mem="256M",
             cmdline="console=com1 loglvl=all",
             modules=[(dom0_scenarios.DOM0,
                       "console=hvc0 xen-version dom0-pvcpu")],
             entry="multiboot2 (BIOS)", qemu_args=["-cpu", "max"],
             checks=common_checks + [check_pvcpu, check_smep_smap],
             timeout=150),
        dict(name="dom0-fault-iret32-bios", loader="grub-bios", mem="256M",
             cmdline="console=com1 loglvl=all",
             modules=[(dom0_scenarios.DOM0,
                       "console=hvc0 dom0-fault-iret32")],
             entry="multiboot2 (BIOS)",
             checks=common_checks + [check_iret32_crash], timeout=150),
        # Through xen.efi, with hypercalls through the hypercall page.
        dict(name="dom0-pvcpu-xen-efi-hcpage", loader="xen.efi",
             mem="512M",
             cfg=dom0_scenarios.DOM0_CFG.replace(
                 dom0_scenarios.DOM0_CMDLINE,
                 "console=hvc0 xen-version dom0-pvcpu"),
             files=[("dom0.gz", dom0_scenarios.DOM0_HCPAGE),
                    ("initrd.img", 3001)],
             entry="xen.efi (EFI)",
             pvcpu_expect=[r"\(d0\) dom0: hypercalls through the hypercall "
                           r"page at 0xffffffff8"],
             checks=common_checks + [check_pvcpu], timeout=240),
    ]
