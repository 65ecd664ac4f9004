#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios that start the PV dom0 (build/dom0/dom0.gz, `make
dom0`) on each entry path and judge what dom0 printed on the hypervisor
console ("(d0) " lines) and how the machine stopped: dom0 ends the boot
with sched_op shutdown, which the hypervisor carries out as a poweroff.

A module given as a path string (not a size) is that file itself, for
GRUB's module2 lines and for xen.efi's xen.cfg files alike.
"""
import os
import re

from fixtures import BUILD

DOM0 = os.path.join(BUILD, "dom0", "dom0.gz")
DOM0_HCPAGE = os.path.join(BUILD, "dom0", "dom0-hcpage.gz")
DOM0_CMDLINE = ("console=hvc0 xen-version xen-info xen-esrt xen-e820 "
                "xen-efimap xen-hostile xen-wallclock")

DOM0_CFG = """# xen.cfg: the PV dom0 as the kernel
[global]
default=hv

[hv]
options=console=com1 loglvl=all dom0_mem=32M
kernel=dom0.gz %s
ramdisk=initrd.img
""" % DOM0_CMDLINE


def check_stop(res, sc, reason):
    """The hypervisor carried out dom0's shutdown as a real poweroff."""
    errs = []
    log = res.log
    if f"(XEN) dom0 shut down: reason {reason}" not in log:
        errs.append(f"no 'dom0 shut down: reason {reason}' line")
    if "Boot complete: powering off" not in log:
        errs.append("no 'Boot complete' line")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}"
                    f"{' (timeout)' if res.timed_out else ''}, "
                    "not a guest poweroff")
    for bad in ("ERR:", "PANIC", "CPU exception"):
        if bad in log:
            errs.append(f"log contains {bad!r}")
    return errs


def check_reboot(res, sc):
    """dom0 asked for SHUTDOWN_reboot: the hypervisor reset the machine
    (with -no-reboot QEMU stops with "guest-reset"), it did not power it
    off."""
    errs = []
    log = res.log
    for line in ("(d0) dom0: done, rebooting",
                 "(XEN) dom0 shut down: reason 1 (reboot)",
                 "(XEN) Boot complete: rebooting"):
        if line not in log:
            errs.append(f"no {line!r} line")
    if sc.get("efi_reset") and \
            "(XEN) Calling EFI ResetSystem(cold reset)" not in log:
        errs.append("no EFI ResetSystem(cold reset) call")
    if "powering off" in log.replace("(d0) dom0: done, powering off", ""):
        errs.append("the hypervisor powered off")
    if res.shutdown_reason != "guest-reset":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}"
                    f"{' (timeout)' if res.timed_out else ''}, "
                    "not a guest reset")
    for bad in ("ERR:", "PANIC", "CPU exception"):
        if bad in log:
            errs.append(f"log contains {bad!r}")
    return errs


def check_hostile(res, sc):
    """Every hostile case got its documented answer, the hypervisor
    still answered afterwards."""
    m = re.search(r"\(d0\) hostile: (\d+) passed, (\d+) failed", res.log)
    if not m or int(m.group(1)) < 25 or m.group(2) != "0":
        return [f"hostile self-test: {m.group(0) if m else 'no summary'}"]
    if "(d0) hostile: hypervisor still answering" not in res.log:
        return ["hypervisor did not answer after the hostile cases"]
    return []


def check_e820_agrees(res, sc):
    """dom0's XENMEM_machine_memory_map is the hypervisor's e820 map."""
    hv = re.findall(r"\(XEN\)  \[([0-9a-f]{16}), ([0-9a-f]{16})\) (\w+) +"
                    r"\d+ KiB", res.log)
    d0 = re.findall(r"\(d0\) xen-e820: e820 \d+: \[0x([0-9a-f]{16}), "
                    r"0x([0-9a-f]{16})\) type=\d+ (\w+)", res.log)
    hv = [(a, b, t.lower()) for a, b, t in hv]
    d0 = [(a, b, t.lower()) for a, b, t in d0]
    if not d0 or hv != d0:
        return [f"dom0's e820 ({len(d0)} entries) differs from the "
                f"hypervisor's ({len(hv)})"]
    return []


def check_efimap_agrees(res, sc):
    """dom0's XEN_FW_EFI_MEMORY_MAP holds the descriptors the hypervisor
    printed, some split where the hypervisor owns pages: same descriptor
    size, at least as many descriptors, same pages in all."""
    hv = re.search(r"EFI memory map \((\d+) descriptors of (\d+) bytes",
                   res.log)
    tot = re.search(r"EFI memory totals: (\d+) pages described", res.log)
    d0 = re.search(r"\(d0\) xen-efimap: (\d+) descriptors of (\d+) bytes, "
                   r"version 1", res.log)
    if not hv or not d0 or hv.group(2) != d0.group(2) or \
            int(d0.group(1)) < int(hv.group(1)):
        return ["dom0's EFI map header does not fit the hypervisor's"]
    pages = sum((int(b, 16) - int(a, 16)) >> 12 for a, b in re.findall(
        r"\(d0\) xen-efimap: efimap \d+: \[0x([0-9a-f]+), 0x([0-9a-f]+)\)",
        res.log))
    if not tot or pages != int(tot.group(1)):
        return [f"dom0's EFI map covers {pages} pages, the hypervisor's "
                f"{tot.group(1) if tot else '?'}"]
    return []


def check_image_reserved(res, sc):
    """The hypervisor's image shows as reserved (type 0) in dom0's EFI map,
    in ranges xen-efimap names as owned by the hypervisor (RAM to the
    firmware)."""
    base = re.search(r"Image loaded at physical (0x[0-9a-f]+)", res.log)
    virt = re.search(r"image (0x[0-9a-f]+)-(0x[0-9a-f]+)", res.log)
    if not base or not virt:
        return ["no image range in the hypervisor's log"]
    start = int(base.group(1), 16)
    end = start + int(virt.group(2), 16) - int(virt.group(1), 16)
    owned = sorted((int(a, 16), int(b, 16)) for a, b in re.findall(
        r"\(d0\) xen-efimap: hypervisor-owned \d+: \[0x([0-9a-f]+), "
        r"0x([0-9a-f]+)\) firmware type=\d+", res.log))
    reserved = sorted((int(a, 16), int(b, 16)) for a, b in re.findall(
        r"\(d0\) xen-efimap: efimap \d+: \[0x([0-9a-f]+), "
        r"0x([0-9a-f]+)\) type=0 ", res.log))
    errs = []
    for name, ranges in (("hypervisor-owned", owned),
                         ("type=0", reserved)):
        cur = start & ~0xfff
        for a, b in ranges:
            if a <= cur < b:
                cur = b
        if cur < end:
            errs.append(f"image [{start:#x}, {end:#x}) not covered by "
                        f"dom0's {name} ranges (stops at {cur:#x})")
    return errs


def check_no_efi(res, sc):
    """Booted without EFI: every EFI sub-op is -ENOSYS, as in Xen."""
    errs = []
    for line in ("(d0) xen-esrt: config_table: error rc=-38 (ENOSYS)",
                 "(d0) xen-esrt: result=none",
                 "(d0) xen-efimap: not available from this hypervisor: "
                 "rc=-38 (ENOSYS)",
                 "(d0) xen-info: version: error rc=-38 (ENOSYS)"):
        if line not in res.log:
            errs.append(f"no {line!r}")
    return errs


def check_efi_info(res, sc):
    """Booted through EFI: the firmware's revision and vendor, via
    XEN_FW_EFI_INFO."""
    errs = []
    for pat in (r"\(d0\) xen-info: efi version=0x2[0-9a-f]{4} ",
                r'\(d0\) xen-info: vendor="EDK II"',
                r"\(d0\) xen-info: rt_version=0x2[0-9a-f]{4}",
                r"\(d0\) xen-info: config_table addr=0x[0-9a-f]+ nent=\d+"):
        if not re.search(pat, res.log):
            errs.append(f"no line matching {pat!r}")
    return errs


# How far dom0's time of day may be from the host's (QEMU -rtc base=utc).
WALLCLOCK_SLACK_S = 5


def check_wallclock(res, sc):
    """dom0's time of day (shared_info's wallclock plus its system time)
    is the host's within WALLCLOCK_SLACK_S, and XENPF_settime64 moves it
    (and refuses a non-zero mbz) as Xen does."""
    errs = []
    # Xen 4.17 prints dom0's lines without the "(d0) " prefix.
    pat = re.compile(r"(?:\(d0\) )?xen-wallclock: now (\d+)\.(\d{9}) UTC")
    seen = [(t, pat.match(ln)) for t, ln in res.line_times if pat.match(ln)]
    if not seen:
        return ["no xen-wallclock line"]
    host, m = seen[0]
    dom0 = int(m.group(1)) + int(m.group(2)) / 1e9
    print(f"    wallclock: dom0 {dom0:.3f}, host {host:.3f} when the line "
          f"was seen ({dom0 - host:+.3f} s)")
    if abs(dom0 - host) > WALLCLOCK_SLACK_S:
        errs.append(f"dom0's time {dom0:.0f} is {dom0 - host:+.1f} s from "
                    f"the host's")
    for line in (r"xen-wallclock: settime64 \+3600 s: rc=0, moved 3600 s",
                 r"xen-wallclock: settime64 back: rc=0",
                 r"xen-wallclock: settime64 mbz=1: rc=-22 \(expected -22\)"):
        if not re.search(line, res.log):
            errs.append(f"no line matching {line!r}")
    return errs


def check_dom0_fault(res, sc):
    """An exception in dom0 is reported with dom0's registers, then the
    machine powers off cleanly; the hypervisor does not crash."""
    errs = []
    for pat in (r"\(XEN\) dom0 exception 14, error code 0, at "
                r"e033:ffffffff8[0-9a-f]+",
                r"\(XEN\) dom0 RFLAGS: [0-9a-f]{16} CR2: 0000000000001000",
                r"\(XEN\) dom0 RAX: [0-9a-f]{16} RBX",
                r"\(XEN\) dom0 R13: [0-9a-f]{16} R14"):
        if not re.search(pat, res.log):
            errs.append(f"no line matching {pat!r}")
    return errs + check_stop(res, sc, "3 (crash)")


def check_dom0(res, sc):
    """dom0 ran at ring 3, spoke through console_io, shut down cleanly."""
    errs = []
    log = res.log
    if not re.search(r"Entering dom0 at ring 3: RIP 0xffffffff8", log):
        errs.append("dom0 not entered")
    if "(d0) hello from dom0" not in log:
        errs.append("no '(d0) hello from dom0' line")
    if not re.search(r'\(d0\) dom0: start_info magic="xen-3\.0-x86_64" '
                     r"nr_pages=\d+ flags=0x3 ", log):
        errs.append("start_info not as expected")
    if not re.search(r'\(d0\) dom0: cmdline ".*' + re.escape(DOM0_CMDLINE),
                     log):
        errs.append("dom0 did not get its command line")
    for pat in sc.get("dom0_expect", []):
        if not re.search(pat, log):
            errs.append(f"no line matching {pat!r}")
    if sc.get("fault"):
        return errs
    if "dom0 exception" in log:
        errs.append("dom0 took an exception")
    return errs + check_stop(res, sc, "0 (poweroff)")


def check_bootscrub(res, sc):
    """bootscrub=1 scrubs dom0's RAM as it is built (an info line says how
    much); by default, as in Xen, it is not scrubbed (no line); a value Xen
    would not take gets a warning and changes nothing."""
    errs = []
    kib = 48 * 1024
    line = f"(XEN) dom0: bootscrub: {kib} KiB of dom0's RAM scrubbed"
    warn = "(XEN) WARNING: bootscrub=maybe not understood"
    for text, want in ((line, sc.get("scrub") == "scrubbed"),
                       (warn, sc.get("scrub") == "refused")):
        if (text in res.log) != want:
            errs.append(f"{text!r} {'missing' if want else 'printed'}")
    return errs


def scenarios(common_checks, started_checks=()):
    """The dom0 scenarios, with run.py's checks that apply to every boot
    and those for a dom0 that ran and shut down (started_checks)."""
    checks = common_checks + [check_dom0, check_hostile, check_e820_agrees,
                              check_wallclock, *started_checks]
    efi = checks + [check_efi_info, check_efimap_agrees,
                    check_image_reserved]
    return [
        dict(name="dom0-grub-bios", loader="grub-bios", mem="512M",
             cmdline="console=com1 loglvl=all dom0_mem=48M",
             modules=[(DOM0, DOM0_CMDLINE)], entry="multiboot2 (BIOS)",
             dom0_expect=[r"\(d0\) xen-version: 4\.17",
                          r"dom0: ELF64 kernel, entry 0xffffffff8[0-9a-f]+, "
                          r"virtual \[0xffffffff80000000, 0x[0-9a-f]+\), "
                          r"49152 KiB RAM"],
             checks=checks + [check_no_efi, check_bootscrub], timeout=150),
        dict(name="dom0-bootscrub-bios", loader="grub-bios", mem="512M",
             cmdline="console=com1 loglvl=all dom0_mem=48M bootscrub=1",
             modules=[(DOM0, DOM0_CMDLINE)], entry="multiboot2 (BIOS)",
             scrub="scrubbed",
             checks=checks + [check_no_efi, check_bootscrub], timeout=150),
        dict(name="dom0-bootscrub-refused-bios", loader="grub-bios",
             mem="512M",
             cmdline="console=com1 loglvl=all dom0_mem=48M bootscrub=maybe",
             modules=[(DOM0, DOM0_CMDLINE)], entry="multiboot2 (BIOS)",
             scrub="refused",
             checks=checks + [check_no_efi, check_bootscrub], timeout=150),
        dict(name="dom0-grub-efi", loader="grub-efi", mem="1G",
             cmdline="console=com1 loglvl=all",
             modules=[(DOM0, DOM0_CMDLINE), (70001, "initrd")],
             entry="multiboot2 (EFI, boot services)",
             dom0_expect=[r"\(d0\) xen-version: 4\.17",
                          r"65536 KiB RAM",
                          r"initrd 0xffffffff8[0-9a-f]+ \(70001 bytes\)"],
             checks=efi, timeout=240),
        dict(name="dom0-xen-efi", loader="xen.efi", mem="512M",
             cfg=DOM0_CFG, files=[("dom0.gz", DOM0), ("initrd.img", 3001)],
             entry="xen.efi (EFI)",
             dom0_expect=[r"\(d0\) xen-version: 4\.17",
                          r"32768 KiB RAM",
                          r"initrd 0xffffffff8[0-9a-f]+ \(3001 bytes\)"],
             checks=efi, timeout=240),
        dict(name="dom0-grub-bios-hcpage", loader="grub-bios", mem="256M",
             cmdline="console=com1 loglvl=all",
             modules=[(DOM0_HCPAGE, DOM0_CMDLINE)],
             entry="multiboot2 (BIOS)",
             dom0_expect=[r"\(d0\) dom0: hypercalls through the hypercall "
                          r"page at 0xffffffff8"],
             checks=checks + [check_no_efi], timeout=150),
        dict(name="dom0-grub-bios-reboot", loader="grub-bios", mem="256M",
             cmdline="console=com1 loglvl=all",
             modules=[(DOM0, "console=hvc0 xen-version dom0-reboot")],
             entry="multiboot2 (BIOS)",
             checks=common_checks + [check_reboot], timeout=150),
        dict(name="dom0-xen-efi-reboot", loader="xen.efi", mem="512M",
             cfg=DOM0_CFG.replace(DOM0_CMDLINE,
                                  "console=hvc0 xen-version dom0-reboot"),
             files=[("dom0.gz", DOM0), ("initrd.img", 3001)],
             entry="xen.efi (EFI)", efi_reset=True,
             checks=common_checks + [check_reboot], timeout=240),
        dict(name="dom0-grub-bios-fault", loader="grub-bios", mem="256M",
             cmdline="console=com1 loglvl=all", fault=True,
             modules=[(DOM0, "console=hvc0 dom0-fault-pf")],
             entry="multiboot2 (BIOS)",
             checks=common_checks + [check_dom0_fault], timeout=150),
    ]
