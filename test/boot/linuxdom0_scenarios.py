#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Debian's Linux (the bzImage as it ships) as the PV dom0 of OUR
hypervisor, to user space, on the three boot paths, with the busybox
initramfs of tools/linuxdom0.py (one kernel download shared by every
scenario, cached under build/).

/init mounts proc, sysfs and devtmpfs and prints "dom0-init: user space
up"; the kernel command line's dom0test=NAME then runs one of the
scripts below, which print "dom0-test: " lines and end the run from dom0
with `poweroff -f` or `reboot -f`.

  linuxdom0-xen-efi         OVMF starts xen.efi; uname, free, a fork/exec
                            loop, then poweroff -f: ACPI S5 through
                            XENPF_enter_acpi_sleep, QEMU powered off
  linuxdom0-grub-efi        the same through GRUB2 EFI (multiboot2, boot
                            services kept)
  linuxdom0-grub-bios       the same through GRUB2 on SeaBIOS
  linuxdom0-reboot          reboot -f: SHUTDOWN_reboot, QEMU sees the reset
  linuxdom0-4g              dom0_mem=1G on a 4 GiB machine: free shows it

    test/boot/run.py linuxdom0-xen-efi
"""
import os
import re
import subprocess
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))), "tools"))
import linuxdom0  # noqa: E402
from fixtures import WORK  # noqa: E402

MARKER = linuxdom0.MARKER
XEN_OPTIONS = "console=com1 dom0_mem=512M"
LINUX_CMDLINE = "console=hvc0"

# The scripts /init runs (tools/linuxdom0.py), by name.
SCRIPTS = {
    "basic": """
echo "dom0-test: uname $(uname -r) $(uname -m)"
free -k | sed 's/^/dom0-test: free: /'
n=0
for i in 1 2 3 4 5 6 7 8 9 10; do
    n=$(( n + $(echo $i | wc -c) ))
done
echo "dom0-test: fork/exec loop done: $n"
echo "dom0-test: powering off"
poweroff -f
""",
    "reboot": """
echo "dom0-test: rebooting"
reboot -f
""",
}

_initrd_lock = threading.Lock()
_initrd = {}


def prepare(sc):
    """The kernel (fetched once) and the initramfs (built once per run).
    Returns None when ready, or the reason to skip."""
    with _initrd_lock:
        try:
            bz = linuxdom0.fetch()
            if "path" not in _initrd:
                _initrd["path"] = linuxdom0.initramfs(
                    os.path.join(WORK, "linuxdom0-initrd.gz"), SCRIPTS)
        except (OSError, subprocess.SubprocessError) as e:
            return str(e)
    initrd = _initrd["path"]
    cmdline = f"{LINUX_CMDLINE} dom0test={sc['script']}"
    xen = sc.get("xen_options", XEN_OPTIONS)
    if sc["loader"] == "xen.efi":
        sc["cfg"] = ("[global]\ndefault=linux\n\n[linux]\n"
                     f"options={xen}\nkernel=vmlinuz {cmdline}\n"
                     "ramdisk=initrd.gz\n")
        sc["files"] = [("vmlinuz", bz), ("initrd.gz", initrd)]
    else:
        sc["cmdline"] = xen
        sc["modules"] = [(bz, cmdline), (initrd, "initrd")]
    return None


def test_lines(log):
    return [m.group(1).rstrip("\r") for m in re.finditer(
        r"^(?:\(d0\) )?(dom0-(?:test|init): .*)$", log, re.M)]


def check_user_space(res, sc):
    """/init ran and printed its marker, the script its lines."""
    lines = test_lines(res.log)
    errs = []
    if not any(ln.startswith(MARKER) for ln in lines):
        errs.append(f"no {MARKER!r} line")
    for pat in sc.get("want", []):
        if not any(re.match(pat, ln) for ln in lines):
            errs.append(f"no line matching {pat!r}")
    for bad in ("Kernel panic", "BUG:", "Oops", "dom0 exception",
                "(XEN) PANIC", "segfault"):
        if bad in res.log:
            errs.append(f"log contains {bad!r}")
    return errs


def check_poweroff(res, sc):
    """poweroff -f: ACPI S5 asked of the hypervisor (XENPF_enter_acpi_sleep)
    and carried out; QEMU saw the guest power off."""
    errs = []
    for line in ("(XEN) dom0 asked for ACPI S5",
                 "(XEN) Boot complete: powering off"):
        if line not in res.log:
            errs.append(f"no {line!r} line")
    if res.shutdown_reason != "guest-shutdown":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}"
                    f"{' (timeout)' if res.timed_out else ''}, "
                    "not a guest poweroff")
    return errs


def check_reboot(res, sc):
    """reboot -f: SHUTDOWN_reboot, the machine reset (QEMU runs with
    -no-reboot, so it stops with guest-reset)."""
    errs = []
    for line in ("(XEN) dom0 shut down: reason 1 (reboot)",
                 "(XEN) Boot complete: rebooting"):
        if line not in res.log:
            errs.append(f"no {line!r} line")
    if res.shutdown_reason != "guest-reset":
        errs.append(f"QEMU stopped by {res.shutdown_reason or 'nothing'}"
                    f"{' (timeout)' if res.timed_out else ''}, not a reset")
    return errs


BASIC_WANT = [r"dom0-test: uname 6\.\d+\S* x86_64$",
              r"dom0-test: free: Mem: +\d+",
              r"dom0-test: fork/exec loop done: 21$"]


def _sc(name, loader, script, checks, **kw):
    d = dict(name=name, loader=loader, mem="1G", script=script,
             prepare=prepare, checks=[check_user_space] + checks,
             timeout=300)
    d.update(kw)
    return d


LINUXDOM0_SCENARIOS = [
    _sc("linuxdom0-xen-efi", "xen.efi", "basic", [check_poweroff],
        want=BASIC_WANT),
    _sc("linuxdom0-grub-efi", "grub-efi", "basic", [check_poweroff],
        want=BASIC_WANT),
    _sc("linuxdom0-grub-bios", "grub-bios", "basic", [check_poweroff],
        want=BASIC_WANT),
    _sc("linuxdom0-reboot", "xen.efi", "reboot", [check_reboot],
        want=[r"dom0-test: rebooting$"]),
]


if __name__ == "__main__":
    sys.exit(subprocess.call(
        [sys.executable, os.path.join(os.path.dirname(__file__), "run.py"),
         "-j", "1"] + [sc["name"] for sc in LINUXDOM0_SCENARIOS]))
