#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Runs the pv64 tests of the Xen Test Framework (XTF) as dom0 of this
hypervisor, each through GRUB2 on SeaBIOS under QEMU TCG (-cpu max, 1 GiB,
dom0_mem=64M: the setup of the Xen 4.17 reference results), and prints a
table: test, Xen 4.17's result, ours.

Our result is XTF's own verdict ("Test result: SUCCESS|SKIP|FAILURE|ERROR")
when the test printed one and the hypervisor then powered off cleanly;
otherwise CRASH (dom0 died, the hypervisor reported it and powered off),
HANG (nothing stopped the machine before the timeout) or HV-DOWN (the
hypervisor itself panicked, faulted or reset the machine).

The run fails when any test takes the hypervisor down or hangs it, or
when a test that succeeds on Xen 4.17 does not succeed here and is not
listed in KNOWN_DIFFERENCES (each with its reason, also in
docs/pv-dom0.md).

    test/xtf/run.py [-j JOBS] [--quick] [NAME ...]

--quick runs the selection for `make test`: the selftest and the XSA tests
that apply to a PV dom0. Tests are built by test/xtf/build.sh (`make
xtf-build`) into build/xtf/.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(TOP, "build")
XTF = os.path.join(BUILD, "xtf")
WORK = os.path.join(XTF, "runs")
sys.path.insert(0, os.path.join(TOP, "test", "boot"))
import qemu  # noqa: E402

XEN_CMDLINE = "console=com1 loglvl=all dom0_mem=64M"
TIMEOUT = 120

# Xen 4.17.7 (Debian's xen-hypervisor-4.17-amd64), each test as dom0
# through GRUB2 BIOS under QEMU TCG, from ../shared/xtf/README.md.
XEN417 = {
    "argo": "SKIP", "cpuid": "SUCCESS", "cpuid-faulting": "CRASH",
    "debug-regs": "CRASH", "example": "SUCCESS",
    "livepatch-priv-check": "FAILURE", "memop-seg": "CRASH",
    "msr": "SUCCESS", "pv-fsgsbase": "FAILURE", "pv-iopl": "ERROR",
    "rtm-check": "SUCCESS", "selftest": "CRASH", "xsa-122": "SUCCESS",
    "xsa-167": "SKIP", "xsa-182": "SUCCESS", "xsa-188": "SUCCESS",
    "xsa-193": "SUCCESS", "xsa-212": "SUCCESS", "xsa-213": "CRASH",
    "xsa-221": "SUCCESS", "xsa-224": "SUCCESS", "xsa-227": "SUCCESS",
    "xsa-231": "SUCCESS", "xsa-232": "SUCCESS", "xsa-234": "SUCCESS",
    "xsa-255": "SUCCESS", "xsa-259": "SUCCESS", "xsa-260": "CRASH",
    "xsa-265": "CRASH", "xsa-279": "SUCCESS", "xsa-286": "SUCCESS",
    "xsa-296": "CRASH", "xsa-298": "CRASH", "xsa-316": "ERROR",
    "xsa-317": "SUCCESS", "xsa-333": "SUCCESS", "xsa-339": "CRASH",
    "xsa-444": "SKIP", "xsa-7": "SUCCESS",
}

# Tests that succeed on Xen 4.17 but not here, with the reason: a feature
# this hypervisor does not offer (the same list is in docs/pv-dom0.md).
KNOWN_DIFFERENCES = {
}

VERDICTS = ("SUCCESS", "SKIP", "FAILURE", "ERROR")


def quick_selection(names):
    """selftest and the XSA tests that apply to a PV dom0: those Xen 4.17
    itself runs to a verdict as dom0 (SUCCESS or SKIP there)."""
    return [n for n in names if n == "selftest" or
            (n.startswith("xsa-") and XEN417.get(n) in ("SUCCESS", "SKIP"))]


def binary(name):
    return os.path.join(XTF, "src", "tests", name, "test-pv64-" + name)


def judge(res):
    """Our result from the serial log and how QEMU stopped: (result,
    detail)."""
    log = res.log
    down = re.search(r"^\(XEN\) (PANIC.*|CPU exception.*)$", log, re.M)
    if down:
        return "HV-DOWN", down.group(1)
    if res.shutdown_reason == "guest-reset" and \
            "Boot complete: rebooting" not in log:
        return "HV-DOWN", "machine reset (triple fault?)"
    off = res.shutdown_reason == "guest-shutdown" and \
        "Boot complete: powering off" in log
    if not off:
        return "HANG", f"no poweroff after {res.seconds:.0f} s"
    m = re.findall(r"^\(d0\) Test result: (\w+)", log, re.M)
    if m and m[-1] in VERDICTS:
        return m[-1], ""
    why = re.search(r"^\(XEN\) dom0 (crashed: .*|exception .*)$", log, re.M)
    if "dom0 shut down: reason 3" in log or why:
        return "CRASH", why.group(1) if why else "reason 3"
    return "HANG", "powered off without a verdict"


def run_one(name):
    os.makedirs(WORK, exist_ok=True)
    iso = os.path.join(WORK, name + ".iso")
    log = os.path.join(WORK, name + ".log")
    subprocess.run(["tools/mkgrub-iso.sh", iso,
                    os.path.join(BUILD, "xen.gz"), XEN_CMDLINE,
                    binary(name), ""], cwd=TOP, check=True)
    res = qemu.run(["-m", "1G", "-cpu", "max", "-cdrom", iso], log, TIMEOUT,
                   stop_on=r"\(XEN\) PANIC")
    os.unlink(iso)
    return name, judge(res)


def acceptable(name, ours):
    """None when ours is fine, else why not."""
    if ours in ("HANG", "HV-DOWN"):
        return "the hypervisor must survive every test"
    if XEN417.get(name) == "SUCCESS" and ours != "SUCCESS" and \
            name not in KNOWN_DIFFERENCES:
        return "succeeds on Xen 4.17"
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("names", nargs="*")
    opts = ap.parse_args()
    listing = os.path.join(XTF, "pv64-tests.txt")
    if not os.path.exists(listing):
        print("xtf: no pv64 tests built (make xtf-build)", file=sys.stderr)
        return 2
    with open(listing) as f:
        names = [ln.strip() for ln in f if ln.strip()]
    if opts.names:
        bad = [n for n in opts.names if n not in names]
        if bad:
            print(f"xtf: no pv64 test {', '.join(bad)}", file=sys.stderr)
            return 2
        names = opts.names
    elif opts.quick:
        names = quick_selection(names)
    passed = failed = 0
    print(f"{'test':<22} {'Xen 4.17':<9} {'ours':<9} note")
    with concurrent.futures.ThreadPoolExecutor(opts.jobs) as ex:
        for name, (ours, detail) in ex.map(run_one, names):
            bad = acceptable(name, ours)
            note = bad or KNOWN_DIFFERENCES.get(name, "") \
                if ours != "SUCCESS" else ""
            if detail and ours not in VERDICTS:
                note = f"{note}; {detail}" if note else detail
            print(f"{name:<22} {XEN417.get(name, '-'):<9} {ours:<9} "
                  f"{'FAIL: ' if bad else ''}{note}".rstrip())
            if bad:
                failed += 1
            else:
                passed += 1
    print(f"xtf: {passed} passed, {failed} failed "
          f"(serial logs in build/xtf/runs/)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
