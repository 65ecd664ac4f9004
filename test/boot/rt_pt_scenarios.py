#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios for the EFI runtime page tables (docs/boot.md, "EFI
runtime services"): on OVMF, which hands over a memory attributes table,
the runtime L4 the hypervisor builds after ExitBootServices has no W+X
page and carries the hypervisor's slots, on xen.efi and on GRUB's EFI
multiboot2 path; without the table (efi-retain=esrt keeps it from the
hypervisor) runtime code falls back to RWX; and a runtime call made to
fault on purpose (efi-rs-fault-test) is reported in one ERR line and the
machine is powered off through ACPI, without a triple fault (QEMU runs
with -no-reboot, so a triple fault would stop it as a guest reset).

The checks read the summary line and the fault line whose formats
docs/boot.md gives.
"""
import calendar
import re
import time

from fixtures import XEN_CFG, XEN_FILES

SUMMARY = (r"\(XEN\) EFI runtime page tables: (\d+) ranges, (\d+) pages, "
           r"W\+X (\d+) in (\d+) ranges, hypervisor slots ([\d,]+) present, "
           r"attributes table ([^,\n]+?)(, some tables not reachable)?\r?\n")
FAULT = (r"\(XEN\) ERR: exception 14 \(#PF page fault\) in EFI runtime "
         r"service GetTime: RIP (0x[0-9a-f]+), error code (0x[0-9a-f]+), "
         r"address (0x[0-9a-f]+)\r?\n")
# efi-rs-fault-test's pointer (common/efi/rs_call.c): a page of slot 256.
FAULT_PAGE = 0xffff800000002000
IMAGE_SLOT, DMAP_SLOT = 261, 262
SELFCHECK = (r"\(XEN\) EFI runtime call check: GetTime (\d{4})-(\d\d)-(\d\d) "
             r"(\d\d):(\d\d):(\d\d), caller's FPU control word and MXCSR "
             r"(\w+), CR3 (\w+), interrupts (\w+)\r?\n")
# How far the firmware's clock (QEMU's RTC: the host's UTC) may be from
# the host's when the check runs, a boot later.
CLOCK_SLACK_S = 600


def summary(log):
    m = re.search(SUMMARY, log)
    if not m:
        return None
    return dict(ranges=int(m.group(1)), pages=int(m.group(2)),
                wx=int(m.group(3)), wx_ranges=int(m.group(4)),
                slots={int(s) for s in m.group(5).split(",")},
                mat=m.group(6), unreachable=bool(m.group(7)))


def runtime_code(log):
    """[start, end) of the RuntimeServicesCode lines of the EFI map."""
    return [(a, b) for a, b, _ in map_ranges(log, "RuntimeServicesCode")]


def map_ranges(log, kind):
    """(start, end, attributes) of the EFI map lines of one type."""
    return [(int(a, 16), int(b, 16), attr) for a, b, attr in re.findall(
        r"\[([0-9a-f]{16}), ([0-9a-f]{16})\) +" + kind +
        r" +\d+ pages (\S+)", log)]


def unprotected_pages(log):
    """Pages the UEFI spec lets the firmware run without a memory
    attributes table: all runtime code, and runtime data whose map entry
    lacks EFI_MEMORY_XP (mapped as Xen maps them)."""
    code = sum(b - a for a, b in runtime_code(log))
    data = sum(b - a for a, b, attr in map_ranges(log, "RuntimeServicesData")
               if "XP" not in attr.split("|"))
    return (code + data) >> 12


def check_rt_pt(res, sc):
    """One summary line; the walk saw every table, the hypervisor's slots
    are there, and W+X is what the scenario expects (0 with the table)."""
    s = summary(res.log)
    if not s:
        return ["no 'EFI runtime page tables' line"]
    errs = []
    if len(re.findall(SUMMARY, res.log)) != 1:
        errs.append("more than one summary line")
    if s["unreachable"]:
        errs.append("some runtime page tables were not walked")
    if not {IMAGE_SLOT, DMAP_SLOT} <= s["slots"]:
        errs.append(f"hypervisor slots {sorted(s['slots'])}, want "
                    f"{IMAGE_SLOT} and {DMAP_SLOT}")
    if s["ranges"] < 1 or s["pages"] < 1:
        errs.append(f"nothing mapped: {s}")
    want_mat = sc.get("rt_mat", "used")
    if s["mat"] != want_mat:
        errs.append(f"attributes table {s['mat']!r}, want {want_mat!r}")
    want_wx = sc.get("rt_wx", 0)     # None: not judged (efi=mapbs)
    if want_mat == "used" and want_wx is not None and s["wx"] != want_wx:
        errs.append(f"W+X {s['wx']} with the attributes table in use, want "
                    f"{want_wx}")
    if want_mat == "none":
        want = unprotected_pages(res.log)
        if not want or s["wx"] != want:
            errs.append(f"W+X {s['wx']} pages, want all {want} pages of "
                        "runtime code and of runtime data without XP (RWX "
                        "without the table)")
    if (s["wx"] == 0) != (s["wx_ranges"] == 0):
        errs.append(f"W+X {s['wx']} pages in {s['wx_ranges']} ranges")
    return errs


def check_rs_selfcheck(res, sc, now=None):
    """The GetTime call made at boot returned: the time is the host's
    (within CLOCK_SLACK_S), and the caller's x87 control word, MXCSR, CR3
    and masked interrupts came back as they were."""
    m = re.search(SELFCHECK, res.log)
    if not m:
        return ["no 'EFI runtime call check' line"]
    errs = []
    y, mo, d, h, mi, s = (int(g) for g in m.groups()[:6])
    try:
        fw = calendar.timegm((y, mo, d, h, mi, s, 0, 0, 0))
    except (ValueError, OverflowError):
        fw = 0
    now = time.time() if now is None else now
    if abs(fw - now) > CLOCK_SLACK_S:
        errs.append(f"firmware time {m.group(1)}-{m.group(2)}-{m.group(3)} "
                    f"{m.group(4)}:{m.group(5)}:{m.group(6)} is not the "
                    "host's")
    for what, got, want in (("FPU control word and MXCSR", m.group(7),
                             "kept"), ("CR3", m.group(8), "kept"),
                            ("interrupts", m.group(9), "masked")):
        if got != want:
            errs.append(f"{what} {got} after the call, want {want}")
    return errs


def check_rs_reenter(res, sc):
    """The runtime call made from the fault handler, inside the faulting
    call, was refused at once with EFI_UNSUPPORTED and reported."""
    errs = []
    for line in ("ERR: EFI runtime call GetNextHighMonotonicCount made "
                 "inside GetTime: refused",
                 "efi-rs-fault-test: nested call returned "
                 "0x8000000000000003"):
        if "(XEN) " + line not in res.log:
            errs.append(f"no {line!r} line")
    return errs


def check_rs_fault(res, sc):
    """The faulting GetTime is reported once, from inside runtime code,
    with the unmapped pointer; the runtime services are not called again
    and the machine powers off through ACPI (not a reset: no triple
    fault, no ResetSystem)."""
    log = res.log
    errs = []
    m = re.search(FAULT, log)
    if not m:
        return [f"no fault line matching {FAULT!r}"]
    want_err = 2 if sc.get("reenter") else 1
    if log.count("ERR:") != want_err:
        errs.append(f"{log.count('ERR:')} ERR lines, want {want_err}")
    rip, code, addr = (int(g, 16) for g in m.groups())
    if not any(a <= rip < b for a, b in runtime_code(log)):
        errs.append(f"RIP {rip:#x} not in RuntimeServicesCode")
    if code & 1 or not code & 2:
        errs.append(f"error code {code:#x}: want a write to a page not "
                    "present")
    if not FAULT_PAGE <= addr < FAULT_PAGE + 4096:
        errs.append(f"fault address {addr:#x} not in the test's page")
    for line in ("EFI runtime services disabled: powering off without "
                 "them", "EFI runtime services disabled after a fault",
                 "Powering off through ACPI S5"):
        if "(XEN) " + line not in log:
            errs.append(f"no {line!r} line")
    for bad in ("Calling EFI ResetSystem", "PANIC", "CPU exception",
                "returned", "Boot complete"):
        if bad in log[m.end():]:
            errs.append(f"{bad!r} after the fault")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}"
                    f"{' (timeout)' if res.timed_out else ''}, not a guest "
                    "poweroff")
    return errs


def scenarios(ok_checks):
    """ok_checks: run.py's checks of a clean EFI boot that powers off
    through ResetSystem. Every scenario asks for loglvl=all: the checks
    read the EFI map, module lines and the page-table report."""
    fault_cfg = XEN_CFG.replace("loglvl=all", "loglvl=all efi-rs-fault-test")
    mods = [(40961, "console=hvc0 root=/dev/xvda1"), (3001, "")]
    return [
        dict(name="rtpt-xen-efi", loader="xen.efi", mem="512M",
             cfg=XEN_CFG, files=XEN_FILES, modules=mods,
             entry="xen.efi (EFI)",
             checks=ok_checks + [check_rt_pt, check_rs_selfcheck],
             timeout=180),
        dict(name="rtpt-grub-efi", loader="grub-efi", mem="1G",
             cmdline="console=com1 loglvl=all", modules=mods,
             entry="multiboot2 (EFI, boot services)",
             checks=ok_checks + [check_rt_pt, check_rs_selfcheck],
             timeout=180),
        dict(name="rtpt-xen-efi-no-mat", loader="xen.efi", mem="512M",
             cfg=XEN_CFG.replace("loglvl=all", "loglvl=all efi-retain=esrt"),
             files=XEN_FILES, modules=mods, entry="xen.efi (EFI)",
             rt_mat="none", checks=ok_checks + [check_rt_pt], timeout=180),
        dict(name="rtpt-xen-efi-fault", loader="xen.efi", mem="512M",
             cfg=fault_cfg, files=XEN_FILES, entry="xen.efi (EFI)",
             checks=[check_rt_pt, check_rs_fault], timeout=180),
        dict(name="rtpt-xen-efi-reenter", loader="xen.efi", mem="512M",
             cfg=XEN_CFG.replace("loglvl=all",
                                 "loglvl=all efi-rs-fault-test=reenter"),
             files=XEN_FILES, entry="xen.efi (EFI)", reenter=True,
             checks=[check_rs_fault, check_rs_reenter], timeout=180),
        dict(name="rtpt-grub-efi-fault", loader="grub-efi", mem="1G",
             cmdline="console=com1 loglvl=all efi-rs-fault-test",
             modules=mods,
             entry="multiboot2 (EFI, boot services)",
             checks=[check_rt_pt, check_rs_fault], timeout=180),
    ]


# ---- cases for test/boot/test_checks.py ------------------------------------

RT_MAP_LINE = ("(XEN)  [000000001f5ec000, 000000001f6ec000) "
               "RuntimeServicesCode      256 pages UC|WC|WT|WB|RUNTIME\n"
               "(XEN)  [000000001f4ec000, 000000001f5ec000) "
               "RuntimeServicesData      256 pages UC|WC|WT|WB|RUNTIME\n"
               "(XEN)  [000000001fef4000, 000000001ff78000) "
               "RuntimeServicesData      132 pages UC|WC|WT|WB|XP|RUNTIME\n")
GOOD_SUMMARY = ("(XEN) EFI runtime page tables: 22 ranges, 1926 pages, W+X 0 "
                "in 0 ranges, hypervisor slots 261,262 present, attributes "
                "table used\n")
GOOD_FAULT = (
    "(XEN) efi-rs-fault-test: GetTime(0xffff800000002000), a page no page "
    "table maps\n"
    "(XEN) ERR: exception 14 (#PF page fault) in EFI runtime service "
    "GetTime: RIP 0x1f65f89e, error code 0x2, address 0xffff800000002006\n"
    "(XEN) EFI runtime services disabled: powering off without them\n"
    "(XEN) EFI runtime services disabled after a fault\n"
    "(XEN) Powering off through ACPI S5\n")


REENTER = ("(XEN) ERR: EFI runtime call GetNextHighMonotonicCount made "
           "inside GetTime: refused\n"
           "(XEN) efi-rs-fault-test: nested call returned "
           "0x8000000000000003\n")
SELFCHECK_LINE = ("(XEN) EFI runtime call check: GetTime 2026-11-27 07:26:02, "
                  "caller's FPU control word and MXCSR kept, CR3 kept, "
                  "interrupts masked\n")
SELFCHECK_NOW = calendar.timegm((2026, 11, 27, 7, 26, 20, 0, 0, 0))


def selfcheck_now(res, sc):
    return check_rs_selfcheck(res, sc, SELFCHECK_NOW)


def check_cases(result):
    """(name, check, result, scenario, should pass) for test_checks.py;
    result(log, reason) makes a QEMU outcome."""
    def rt(log, reason="guest-shutdown"):
        return result(RT_MAP_LINE + log, reason)
    return [
        ("rtpt_summary_with_table", check_rt_pt, rt(GOOD_SUMMARY), {}, True),
        ("rtpt_summary_wx_with_table_fails", check_rt_pt,
         rt(GOOD_SUMMARY.replace("W+X 0 in 0", "W+X 3 in 1")), {}, False),
        ("rtpt_summary_wx_the_table_asks_for", check_rt_pt,
         rt(GOOD_SUMMARY.replace("W+X 0 in 0", "W+X 1 in 1")),
         dict(rt_wx=1), True),
        ("rtpt_summary_wx_without_ranges_fails", check_rt_pt,
         rt(GOOD_SUMMARY.replace("W+X 0 in 0", "W+X 1 in 0")),
         dict(rt_wx=1), False),
        ("rtpt_summary_slot_missing_fails", check_rt_pt,
         rt(GOOD_SUMMARY.replace("261,262", "262")), {}, False),
        ("rtpt_summary_unwalked_fails", check_rt_pt,
         rt(GOOD_SUMMARY.replace("used\n",
                                 "used, some tables not reachable\n")),
         {}, False),
        ("rtpt_summary_no_table_code_and_data_rwx", check_rt_pt,
         rt(GOOD_SUMMARY.replace("W+X 0 in 0", "W+X 512 in 1")
            .replace("used", "none")), dict(rt_mat="none"), True),
        ("rtpt_summary_no_table_code_only_rwx_fails", check_rt_pt,
         rt(GOOD_SUMMARY.replace("W+X 0 in 0", "W+X 256 in 1")
            .replace("used", "none")), dict(rt_mat="none"), False),
        ("rtpt_no_summary_fails", check_rt_pt, rt(""), {}, False),
        ("rtpt_fault_reported_acpi_poweroff", check_rs_fault,
         rt(GOOD_FAULT), {}, True),
        ("rtpt_fault_triple_fault_reset_fails", check_rs_fault,
         rt(GOOD_FAULT, "guest-reset"), {}, False),
        ("rtpt_fault_rip_outside_runtime_code_fails", check_rs_fault,
         rt(GOOD_FAULT.replace("RIP 0x1f65f89e", "RIP 0xffff82d040201000")),
         {}, False),
        ("rtpt_fault_then_resetsystem_fails", check_rs_fault,
         rt(GOOD_FAULT + "(XEN) Calling EFI ResetSystem(shutdown)\n"),
         {}, False),
        ("rtpt_fault_unreported_fails", check_rs_fault,
         rt("(XEN) Powering off through ACPI S5\n"), {}, False),
        ("rtpt_fault_reentry_refused", check_rs_reenter,
         rt(REENTER + GOOD_FAULT), {}, True),
        ("rtpt_fault_reentry_not_refused_fails", check_rs_reenter,
         rt(GOOD_FAULT), {}, False),
        ("rtpt_selfcheck_kept", selfcheck_now,
         rt(SELFCHECK_LINE), {}, True),
        ("rtpt_selfcheck_mxcsr_changed_fails", selfcheck_now,
         rt(SELFCHECK_LINE.replace("MXCSR kept", "MXCSR CHANGED")),
         {}, False),
        ("rtpt_selfcheck_interrupts_on_fails", selfcheck_now,
         rt(SELFCHECK_LINE.replace("masked", "ON")), {}, False),
        ("rtpt_selfcheck_wrong_day_fails", selfcheck_now,
         rt(SELFCHECK_LINE.replace("2026-11-27", "2026-11-26")), {}, False),
    ]
