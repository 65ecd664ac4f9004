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

  linuxdom0-xen-efi         OVMF starts xen.efi; every boot milestone of
                            linuxpv_scenarios.py; uname, free, a fork/exec
                            loop; the hypervisor's wallclock (from EFI
                            GetTime) and Linux's date each within 5 s of
                            the host's; timer0 ticks while user space
                            spins without system calls (awk); then
                            poweroff -f: ACPI S5 through
                            XENPF_enter_acpi_sleep, QEMU off
  linuxdom0-grub-efi        uname, free, fork/exec, poweroff -f through
                            GRUB2 EFI (multiboot2, boot services kept)
  linuxdom0-grub-bios       the same through GRUB2 on SeaBIOS
  linuxdom0-console         at the shell's prompt, `echo hello-$((N + 1))`
                            typed into the serial console runs in dom0
                            (hello-N+1 comes back); Ctrl-A x3 reaches the
                            hypervisor's `h` key and comes back; then
                            `reboot -f` typed: SHUTDOWN_reboot, QEMU sees
                            the reset
  linuxdom0-4g              dom0_mem=1G on a 4 GiB machine: frames above
                            4 GiB, free and MemTotal show the memory

Every scenario also fails on a line Linux prints only where this
hypervisor answers differently from Xen 4.17 (NOT_ON_XEN).

    test/boot/run.py linuxdom0-xen-efi
"""
import os
import random
import re
import subprocess
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.dirname(os.path.abspath(__file__)))), "tools"))
import linuxdom0  # noqa: E402
import linuxpv_scenarios  # noqa: E402
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
if [ "$dom0time" = 1 ]; then
    echo "dom0-test: date $(date +%s)" > /dev/kmsg
    t0=$(awk '/timer0/ { print $2 }' /proc/interrupts)
    u0=$(cut -d' ' -f1 /proc/uptime)
    awk 'BEGIN { for (i = 0; i < 600000; i++) s += i * 2; exit s < 0 }'
    u1=$(cut -d' ' -f1 /proc/uptime)
    t1=$(awk '/timer0/ { print $2 }' /proc/interrupts)
    echo "dom0-test: busy loop $u0 -> $u1 s, timer0 interrupts $t0 -> $t1"
fi
echo "dom0-test: powering off"
poweroff -f
""",
    "mem": """
free -k | sed 's/^/dom0-test: free: /'
echo "dom0-test: MemTotal $(sed -n 's/^MemTotal: *\\([0-9]*\\) kB/\\1/p' /proc/meminfo) kB"
echo "dom0-test: powering off"
poweroff -f
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
    cmdline = f"{LINUX_CMDLINE} dom0test={sc['script']} " + \
        sc.get("linux_args", "")
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
    """dom0's lines (its scripts' and its kernel's), without the prefix
    and the kernel's time stamp."""
    return [m.group(1).rstrip("\r") for m in re.finditer(
        r"^\(d0\) (?:\[[ \d.]+\] )?(.*)$", log, re.M)]


# Lines Debian's 6.1 prints on this hypervisor only where it answers
# differently from Xen 4.17 (none of them appears on Xen 4.17 itself).
NOT_ON_XEN = [
    r"software IO TLB: .*Failed to remap",      # XENMEM_exchange
    r"software IO TLB: No low mem",
    r"xen map irq failed",                      # PHYSDEVOP_map_pirq
    r"Failed to setup GSI",                     # PHYSDEVOP_setup_gsi
    r"SCI \(ACPI GSI \d+\) not registered",
    r"Failed to add - passthrough",             # PHYSDEVOP_pci_device_add
    r"xen_cpu: Failed to sync pcpu info",       # XENPF_get_cpuinfo
    r"probe of \S+ failed with error -38",
    r"Cannot update Xen time",                  # XENPF_settime
    r"physdev_op failed",
]


def check_user_space(res, sc):
    """/init ran and printed its marker, the script its lines; Linux
    printed none of the complaints it makes only where we differ from
    Xen 4.17."""
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
    for pat in NOT_ON_XEN:
        m = re.search(r"\(d0\) .*" + pat, res.log)
        if m:
            errs.append(f"Linux complains where Xen would not: {m.group(0)}")
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
              r"software IO TLB: mapped \[mem 0x[0-9a-f]+-0x[0-9a-f]+\] "
              r"\(64MB\)$",
              r"Grant table initialized$",
              r"dom0-test: free: Mem: +\d+",
              r"dom0-test: fork/exec loop done: 21$"]


def check_mem_total(res, sc):
    """/proc/meminfo's MemTotal is dom0_mem less what the kernel keeps,
    and the builder gave dom0 frames above 4 GiB."""
    errs = []
    m = re.search(r"dom0-test: MemTotal (\d+) kB", res.log)
    lo, hi = sc["mem_total_kib"]
    if not m or not lo <= int(m.group(1)) <= hi:
        errs.append(f"MemTotal {m.group(1) if m else 'not printed'} kB, "
                    f"want {lo}-{hi} kB")
    m = re.search(r"\(XEN\) dom0: ELF64 kernel, .* (\d+) KiB RAM in \d+ "
                  r"chunks up to (0x[0-9a-f]+)", res.log)
    if not m or int(m.group(1)) != 1 << 20 or int(m.group(2), 16) <= 1 << 32:
        errs.append("the builder did not give dom0 1 GiB reaching above "
                    f"4 GiB: {m.group(0) if m else 'no builder line'}")
    return errs


WALLCLOCK_SLACK_S = 5


def check_time(res, sc):
    """The hypervisor's wallclock (from the firmware, at dom0's start) and
    Linux's `date` in user space are each the host's time within 5 s when
    their line appears. Linux starts its clock from the wallclock and sets
    it again from the CMOS clock (rtc_cmos, hctosys) once that driver is
    up; before that it counts jiffies, which stand still until its timer
    is installed (seconds under TCG), so without the RTC its date lags.
    The date goes through the kernel log, which reaches the console at
    once (an echo waits behind Linux's console backlog). The timer
    interrupt count (/proc/interrupts, timer0: the hypervisor's timer)
    grew by at least 10 per second of an awk busy loop without system
    calls (one to ten seconds of TCG)."""
    errs = []
    for name, pat in (("the hypervisor's wallclock",
                       r"\(XEN\) Wallclock: (\d+) s since 1970 \(UTC\) from"),
                      ("Linux's date",
                       r"\(d0\) \[\s*[\d.]+\] dom0-test: date (\d+)")):
        rx = re.compile(pat)
        seen = [(t, rx.match(ln)) for t, ln in res.line_times
                if rx.match(ln)]
        if not seen:
            errs.append(f"no line for {name}")
            continue
        host, m = seen[0]
        d = int(m.group(1)) - host
        print(f"    {sc['name']}: {name} {m.group(1)}, host {host:.1f} "
              f"({d:+.1f} s)")
        if abs(d) > WALLCLOCK_SLACK_S:
            errs.append(f"{name} is {d:+.1f} s from the host's time")
    m = re.search(r"dom0-test: busy loop ([\d.]+) -> ([\d.]+) s, timer0 "
                  r"interrupts (\d+) -> (\d+)", res.log)
    if not m:
        return errs + ["no busy-loop line"]
    secs = float(m.group(2)) - float(m.group(1))
    ticks = int(m.group(4)) - int(m.group(3))
    print(f"    {sc['name']}: busy loop {secs:.2f} s, {ticks} timer "
          f"interrupts")
    if secs < 0.2 or ticks < 10 * secs:
        errs.append(f"{ticks} timer interrupts in a busy loop of "
                    f"{secs:.2f} s")
    return errs


N = random.randint(1000, 9999)
# Typed into the serial console once the shell's prompt is there (a
# prompt ends with no newline: the console must show it at once); the
# shell computes the answer, so an echo of the typed line would not do.
# Then Ctrl-A x3 to the hypervisor, its 'h' key, Ctrl-A x3 back to dom0,
# and the reboot.
CONSOLE_STEPS = [
    (r"(?m)^\(d0\) / # ", f"echo hello-$(({N} + 1))\r".encode()),
    (rf"\(d0\) hello-{N + 1}\r?\n", b"\x01\x01\x01"),
    (r"\(XEN\) \*\*\* Serial input to Xen", b"h"),
    (r"\(XEN\)  key 'h' \(ascii '68'\) => show this message",
     b"\x01\x01\x01"),
    # Searched from after the previous match: the second such line.
    (r"\(XEN\) \*\*\* Serial input to DOM0", b"reboot -f\r"),
]


def check_console(res, sc):
    """Every step was typed (each waited for the answer to the one
    before), and the shell's answer reached the console."""
    errs = []
    if res.inputs_sent != len(CONSOLE_STEPS):
        errs.append(f"typed {res.inputs_sent} of {len(CONSOLE_STEPS)} "
                    f"steps; stuck waiting for "
                    f"{CONSOLE_STEPS[res.inputs_sent][0]!r}")
    if not re.search(rf"\(d0\) hello-{N + 1}\r?$", res.log, re.M):
        errs.append(f"no (d0) hello-{N + 1} line")
    return errs


def _sc(name, loader, script, checks, **kw):
    d = dict(name=name, loader=loader, mem="1G", script=script,
             prepare=prepare, checks=[check_user_space] + checks,
             timeout=300)
    d.update(kw)
    return d


LINUXDOM0_SCENARIOS = [
    _sc("linuxdom0-xen-efi", "xen.efi", "basic",
        [check_poweroff, check_time, linuxpv_scenarios.check_milestones],
        want=BASIC_WANT, linux_args="dom0time=1",
        xen_options="console=com1 dom0_mem=512M loglvl=info",
        idle=linuxpv_scenarios.IDLE),
    _sc("linuxdom0-grub-efi", "grub-efi", "basic", [check_poweroff],
        want=BASIC_WANT),
    _sc("linuxdom0-grub-bios", "grub-bios", "basic", [check_poweroff],
        want=BASIC_WANT),
    _sc("linuxdom0-console", "xen.efi", "shell",
        [check_reboot, check_console], serial_input=CONSOLE_STEPS),
    # RAM above 4 GiB: the machine's 4 GiB leave 2 GiB above the PCI hole.
    _sc("linuxdom0-4g", "xen.efi", "mem", [check_poweroff, check_mem_total],
        mem="4G", xen_options="console=com1 dom0_mem=1G loglvl=info",
        mem_total_kib=(780 * 1024, 1024 * 1024),
        want=[r"dom0-test: free: Mem: +\d+"]),
]


if __name__ == "__main__":
    sys.exit(subprocess.call(
        [sys.executable, os.path.join(os.path.dirname(__file__), "run.py"),
         "-j", "1"] + [sc["name"] for sc in LINUXDOM0_SCENARIOS]))
