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
DOM0_CMDLINE = "console=hvc0 xen-version"

DOM0_CFG = """# xen.cfg: the PV dom0 as the kernel
[global]
default=hv

[hv]
options=console=com1 dom0_mem=32M
kernel=dom0.gz %s
""" % DOM0_CMDLINE


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
    if "(XEN) dom0 shut down: reason 0 (poweroff)" not in log:
        errs.append("no 'dom0 shut down: reason 0 (poweroff)' line")
    if "dom0 exception" in log:
        errs.append("dom0 took an exception")
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


def scenarios(common_checks):
    """The dom0 scenarios, with run.py's checks that apply to every boot."""
    checks = common_checks + [check_dom0]
    return [
        dict(name="dom0-grub-bios", loader="grub-bios", mem="512M",
             cmdline="console=com1 dom0_mem=48M",
             modules=[(DOM0, DOM0_CMDLINE)], entry="multiboot2 (BIOS)",
             dom0_expect=[r"\(d0\) xen-version: 0\.1",
                          r"dom0: ELF64 kernel, entry 0xffffffff8[0-9a-f]+, "
                          r"virtual \[0xffffffff80000000, 0x[0-9a-f]+\), "
                          r"49152 KiB RAM"],
             checks=checks, timeout=150),
        dict(name="dom0-grub-efi", loader="grub-efi", mem="1G",
             cmdline="console=com1", modules=[(DOM0, DOM0_CMDLINE)],
             entry="multiboot2 (EFI, boot services)",
             dom0_expect=[r"\(d0\) xen-version: 0\.1",
                          r"65536 KiB RAM"],
             checks=checks, timeout=240),
        dict(name="dom0-xen-efi", loader="xen.efi", mem="512M",
             cfg=DOM0_CFG, files=[("dom0.gz", DOM0)],
             entry="xen.efi (EFI)",
             dom0_expect=[r"\(d0\) xen-version: 0\.1",
                          r"32768 KiB RAM"],
             checks=checks, timeout=240),
    ]
