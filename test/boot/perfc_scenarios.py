#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenario of the performance counters (docs/performance.md,
"Performance counters"): the hypervisor runs with `perfc`, the dom0
kernel runs xen-perfc (tools/dom0/perfc.c), which reads the counters by
sysctl XEN_SYSCTL_perfc_op, resets them, and counts its own hypercalls
from the reset on. The counters must be plausible to the unit: right
after the reset the hypervisor counted exactly the reset's own sysctl,
and at dom0's shutdown its report counts exactly the hypercalls dom0
made since the reset, plus the line that said how many.

The same boot runs xen-clock (tools/dom0/clock.c): dom0's system time
must advance as fast as the CMOS clock's seconds, to within 5 % (a TSC
frequency calibrated 3.5 times too high once made Linux's sleeps that
much longer). And first xen-tlb (tools/dom0/tlb.c): remaps with each
of Xen's flushes show the new page at once, and a writable mapping
dropped without a flush does not survive in the TLB into the time its
frame is a page table (the store through it faults and is emulated: the
"writable pt emulations" counter, read by sysctl, goes up by one).

    test/boot/run.py dom0-perfc-xen-efi
"""
import re

import dom0_scenarios

CMDLINE = "console=hvc0 xen-version xen-info xen-tlb xen-clock xen-perfc"
TLB_CASES = 24


def report_total(log, name):
    """TOTAL of counter name in the hypervisor's report, or None."""
    m = re.search(r"^\(XEN\)  %s +TOTAL\[ *(\d+)\]" % re.escape(name), log,
                  re.M)
    return int(m.group(1)) if m else None


def report_entries(log, name):
    """{entry: value} of an array counter in the hypervisor's report."""
    m = re.search(r"^\(XEN\)  %s +TOTAL\[ *\d+\]\r?\n((?:\(XEN\)     .*\r?\n)*)"
                  % re.escape(name), log, re.M)
    if not m:
        return {}
    return {k: int(v) for k, v in re.findall(r" ([\w#]+)=(\d+)", m.group(1))}


def check_perfc(res, sc):
    """xen-perfc read, reset and re-read the counters; the hypervisor's
    report at shutdown agrees with dom0's own count."""
    log = res.log
    errs = []
    m = re.search(r"\(d0\) xen-perfc: (\d+) counters, (\d+) values", log)
    if not m or int(m.group(1)) < 10 or int(m.group(2)) <= int(m.group(1)):
        errs.append(f"xen-perfc counts: {m.group(0) if m else 'none'}")
    # Before the reset dom0 had made console_io and xen_version calls.
    m = re.search(r"\(d0\) xen-perfc: hypercalls: (\d+)", log)
    if not m or int(m.group(1)) < 5:
        errs.append(f"hypercalls before the reset: "
                    f"{m.group(0) if m else 'none'}")
    for line in ("(d0) xen-perfc: after the reset: hypercalls 1, sysctl 1",
                 "(d0) xen-perfc: interface version 0x14: rc=-13",
                 "(d0) xen-perfc: sysctl 7: rc=-38",
                 "(d0) xen-perfc: unmapped desc buffer: rc=-14"):
        if line not in log:
            errs.append(f"no {line!r}")
    m = re.search(r"\(d0\) xen-perfc: perfc cmd 9: rc=-22 nr_counters=(\d+)",
                  log)
    if not m or int(m.group(1)) == 0:
        errs.append("perfc cmd 9: not -EINVAL with the counts")
    m = re.search(r"\(d0\) xen-perfc: dom0 made (\d+) hypercalls since the "
                  r"reset", log)
    made = int(m.group(1)) if m else None
    if "(XEN) Performance counters (since boot or the last reset" not in log:
        errs.append("no counter report at shutdown")
    total = report_total(log, "hypercalls")
    # The report comes after one more console_io: the line with the count.
    if made is None or total != made + 1:
        errs.append(f"report: {total} hypercalls, dom0 made {made} + 1")
    calls = report_entries(log, "hypercalls")
    if calls.get("sysctl", 0) < 6 or calls.get("console_io", 0) < 5:
        errs.append(f"report's hypercalls by number: {calls}")
    if sum(calls.values()) != total:
        errs.append("report's hypercall entries do not add up to its total")
    if report_total(log, "exceptions") != 0:
        errs.append("exceptions counted, but this dom0 takes none")
    return errs + dom0_scenarios.check_stop(res, sc, "0 (poweroff)")


def check_tlb(res, sc):
    """Every xen-tlb case passed."""
    m = re.search(r"\(d0\) tlb: (\d+) passed, (\d+) failed", res.log)
    if m and int(m.group(1)) >= TLB_CASES and m.group(2) == "0":
        return []
    return [f"xen-tlb: {m.group(0) if m else 'no summary'}"] + [
        ln for ln in res.log.splitlines()
        if ln.startswith("(d0) tlb ") and ln.endswith("FAIL")]


def check_clock(res, sc):
    """dom0's system time keeps the RTC's pace."""
    m = re.search(r"\(d0\) xen-clock: 3 RTC seconds took \d+ us of system "
                  r"time \(ratio (\d+)/1000\)", res.log)
    if m and 950 <= int(m.group(1)) <= 1050:
        return []
    return [f"xen-clock: {m.group(0) if m else 'no result'}"]


def scenarios(common_checks):
    """The counter scenario, with run.py's checks for every boot."""
    return [
        dict(name="dom0-perfc-xen-efi", loader="xen.efi", mem="512M",
             cfg=dom0_scenarios.DOM0_CFG.replace(
                 dom0_scenarios.DOM0_CMDLINE, CMDLINE).replace(
                 "dom0_mem=32M", "dom0_mem=32M perfc"),
             files=[("dom0.gz", dom0_scenarios.DOM0), ("initrd.img", 3001)],
             entry="xen.efi (EFI)",
             checks=common_checks + [check_perfc, check_tlb, check_clock],
             timeout=150),
    ]
