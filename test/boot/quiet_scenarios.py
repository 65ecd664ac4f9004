#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios for the quiet default console and the boot timeline
dom0 reads (docs/performance.md, docs/boot.md):

  console-budget-demo     the setup `make run` boots (tools/run.sh: the
                          firmware test shim plants an ESRT, then xen.efi
                          with the demo dom0) at the default log level: the
                          "(XEN) " lines before dom0's first "(d0) " line
                          must fit BUDGET_BYTES. Prints the count, the
                          lines printed before ExitBootServices (through
                          the firmware's console) and a UART-paced
                          estimate (bytes / 11520 s at 115200 baud).
  timeline-dom0-xenefi    dom0's xen-timeline (XENPF_get_boot_timeline)
  timeline-dom0-grub-bios prints the stamps in order, and they are the
                          hypervisor's own "Boot timeline" values.
  loglvl-info-grub-bios   loglvl=info prints the info dumps (e820 map,
                          module lines) and no debug line.
  loglvl-refused-grub-bios  a loglvl= value not understood gets one
                          WARNING and keeps the default level;
                          guest_loglvl=error hides dom0's lines (level
                          warning) while dom0 still runs and shuts down.

Bytes are counted as the text of each line plus CR LF, as a UART sends
them; the escape sequences the firmware's console adds before
ExitBootServices are not counted.
"""
import re

import dom0_scenarios
import shim_scenarios
from dom0_scenarios import DOM0

BUDGET_BYTES = 2048
UART_BYTES_PER_S = 11520        # 115200 baud, 10 bits a byte

# tools/run.sh's defaults (BOOT=xen-efi).
DEMO_SHIM_ARGS = "esrt=4 seed=0x5eed esrt-type=bsdata"
DEMO_OPTIONS = "console=com1 dom0_mem=32M"
DEMO_DOM0 = "console=hvc0 xen-info xen-esrt xen-efimap xen-e820"


def demo_cfg(options, dom0_cmdline):
    return ("[global]\ndefault=demo\n\n[demo]\n"
            f"options={options}\nkernel=dom0.gz {dom0_cmdline}\n")


def before_dom0(log):
    """The hypervisor's lines before dom0's first line."""
    lines = []
    for ln in log.split("\n"):
        if ln.startswith("(d0) "):
            return lines
        if ln.startswith("(XEN) "):
            lines.append(ln)
    return None


def check_budget(res, sc):
    lines = before_dom0(res.log)
    if lines is None:
        return ["dom0 printed nothing"]
    nbytes = sum(len(ln) + 2 for ln in lines)
    # Before the banner the lines go through the firmware's console.
    banner = next((i for i, ln in enumerate(lines)
                   if ln.startswith("(XEN) Xen-style hypervisor ")), None)
    fw = banner if banner is not None else len(lines)
    print(f"    console budget: {nbytes} bytes in {len(lines)} lines before "
          f"dom0 ({fw} through the firmware console before "
          f"ExitBootServices), budget {BUDGET_BYTES}; at 115200 baud "
          f"{nbytes / UART_BYTES_PER_S:.3f} s")
    if nbytes > BUDGET_BYTES:
        return [f"{nbytes} console bytes before dom0, budget "
                f"{BUDGET_BYTES}"]
    return []


def check_summary(res, sc):
    """The default level prints the one-line summary and no dump."""
    errs = []
    log = res.log
    for pat in (r"\(XEN\) Entry path: xen\.efi \(EFI\)",
                r"\(XEN\) Memory totals: RAM \d+ KiB",
                r"\(XEN\) Retained ESRT at 0x[0-9a-f]+ after "
                r"ExitBootServices: \d+ bytes, crc32 [0-9a-f]{8}, intact",
                r"\(XEN\) Modules: 1\n",
                r"\(XEN\) Entering dom0 at ring 3",
                r"\(XEN\) Boot timeline \(TSC \d+ kHz"):
        if not re.search(pat, log):
            errs.append(f"no summary line matching {pat!r}")
    for dump in ("EFI memory map (", "Memory map (e820", " module 0: [",
                 "Page tables: ", "esrt entry 0:", "EFI system table at"):
        if "(XEN) " + dump in log:
            errs.append(f"dump {dump!r} printed at the default level")
    return errs


def timeline_check(parse_timeline):
    """A check: dom0's xen-timeline lines are in order, end at dom0's
    entry and equal the hypervisor's own timeline, name for name."""
    def check_timeline_agrees(res, sc):
        log = res.log
        tl = parse_timeline(log)
        if not tl:
            return ["no hypervisor boot timeline"]
        khz, src, hv = tl
        m = re.search(r"\(d0\) xen-timeline: TSC (\d+) kHz from ([^,]+), "
                      r"(\d+) stamps, us since the first\n", log)
        if not m:
            return ["no xen-timeline header from dom0"]
        errs = []
        if int(m.group(1)) != khz or m.group(2) != src:
            errs.append(f"dom0 got TSC {m.group(1)} kHz from {m.group(2)}, "
                        f"the hypervisor printed {khz} kHz from {src}")
        d0 = [(n, int(v)) for n, v in re.findall(
            r"\(d0\) xen-timeline: stamp \d+: (\S(?:.*\S)?) (\d+)\n", log)]
        if len(d0) != int(m.group(3)):
            errs.append(f"{len(d0)} stamp lines, header says {m.group(3)}")
        if d0 != list(hv.items()):
            errs.append(f"dom0's timeline {d0} differs from the "
                        f"hypervisor's {list(hv.items())}")
        if [v for _, v in d0] != sorted(v for _, v in d0):
            errs.append("dom0's stamps are not in order")
        if not d0 or d0[-1][0] != "dom0 entry" or d0[0] != ("entry", 0):
            errs.append("dom0's stamps do not run from entry to dom0 entry")
        if f"(d0) xen-timeline: result=ok stamps={len(d0)}\n" not in log:
            errs.append("xen-timeline did not end with result=ok")
        return errs
    return check_timeline_agrees


def check_info_level(res, sc):
    """loglvl=info: the e820 dump and module lines, nothing of debug."""
    errs = []
    for pat in (r"\(XEN\) Memory map \(e820, \d+ entries",
                r"\(XEN\)  \[0000000000000000, [0-9a-f]{16}\) RAM ",
                r"\(XEN\)  module 0: \[0x[0-9a-f]+, 0x[0-9a-f]+\) \d+ bytes, "
                r"crc32 [0-9a-f]{8}",
                r"\(XEN\) Page tables: \d+ leaf mappings",
                r"\(d0\) hello from dom0"):
        if not re.search(pat, res.log):
            errs.append(f"no line matching {pat!r}")
    return errs


def check_refused_level(res, sc):
    """A refused loglvl= keeps the default; guest_loglvl=error hides
    dom0's lines."""
    errs = []
    want = ("(XEN) WARNING: console option not understood: "
            "loglvl=info/bogus\n")
    if res.log.count(want) != 1:
        errs.append(f"no single {want.strip()!r}")
    for bad in ("(XEN) Memory map (e820", "(XEN)  module 0:", "(d0) "):
        if bad in res.log:
            errs.append(f"{bad!r} printed")
    if "(XEN) Modules: 1\n" not in res.log:
        errs.append("no 'Modules: 1' summary line")
    return errs


def check_stop(res, sc):
    return dom0_scenarios.check_stop(res, sc, "0 (poweroff)")


def scenarios(parse_timeline):
    """The scenarios; parse_timeline is run.py's reader of the
    hypervisor's timeline lines."""
    agrees = timeline_check(parse_timeline)
    tl_dom0 = DEMO_DOM0 + " xen-timeline"
    return [
        dict(name="console-budget-demo", loader="efishim", mem="1G",
             chain="xen.efi", shim_args=DEMO_SHIM_ARGS,
             cfg=demo_cfg(DEMO_OPTIONS, DEMO_DOM0),
             files=[("dom0.gz", DOM0)],
             checks=[shim_scenarios.check_boot_complete, check_stop,
                     check_budget, check_summary], timeout=300),
        dict(name="timeline-dom0-xenefi", loader="efishim", mem="1G",
             chain="xen.efi", shim_args=DEMO_SHIM_ARGS,
             cfg=demo_cfg(DEMO_OPTIONS, tl_dom0),
             files=[("dom0.gz", DOM0)],
             checks=[shim_scenarios.check_boot_complete, check_stop,
                     agrees], timeout=300),
        dict(name="timeline-dom0-grub-bios", loader="grub-bios", mem="512M",
             cmdline="console=com1",
             modules=[(DOM0, "console=hvc0 xen-timeline")],
             checks=[check_stop, agrees], timeout=150),
        dict(name="loglvl-info-grub-bios", loader="grub-bios", mem="256M",
             cmdline="console=com1 loglvl=info",
             modules=[(DOM0, "console=hvc0 xen-version")],
             checks=[check_stop, check_info_level], timeout=150),
        dict(name="loglvl-refused-grub-bios", loader="grub-bios",
             mem="256M",
             cmdline="console=com1 loglvl=info/bogus guest_loglvl=error",
             modules=[(DOM0, "console=hvc0 xen-version")],
             checks=[check_stop, check_refused_level], timeout=150),
    ]
