#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Debian's Linux as dom0 (test/boot/linuxdom0_scenarios.py) judged on
what the hypervisor's interrupts, time and console input give it:

  linuxdom0-time         `date` is the firmware's time (the wallclock in
                         shared_info, from EFI GetTime, within 5 s of the
                         host's); a busy loop in user space (awk, no
                         system calls) still sees the Xen timer's
                         interrupt count (/proc/interrupts, timer0) grow
  linuxdom0-interactive  the shell on hvc0 reads what the test types into
                         the serial port: `echo hello-$((N + 1))` answers
                         hello-(N+1); then Ctrl-A x3 reaches the
                         hypervisor's keys and back, and poweroff -f

    test/boot/run.py linuxdom0-time linuxdom0-interactive
"""
import random
import re

import linuxdom0_scenarios as ld

# date goes to the kernel log too, where it gets a printk timestamp: the
# system time it was taken at. The busy loop: pure computation in awk,
# one to ten seconds of TCG (70000 iterations a second on a loaded host).
ld.SCRIPTS["time"] = """
d=$(date +%s)
echo "dom0-test: date $d" > /dev/kmsg
t0=$(awk '/timer0/ { print $2 }' /proc/interrupts)
u0=$(cut -d' ' -f1 /proc/uptime)
awk 'BEGIN { for (i = 0; i < 600000; i++) s += i * 2; exit s < 0 }'
u1=$(cut -d' ' -f1 /proc/uptime)
t1=$(awk '/timer0/ { print $2 }' /proc/interrupts)
echo "dom0-test: busy loop $u0 -> $u1 s, timer0 interrupts $t0 -> $t1"
poweroff -f
"""

WALLCLOCK_SLACK_S = 5
N = random.randint(1000, 9999)


def check_time(res, sc):
    """The hypervisor's wallclock is the host's time (its line is written
    synchronously, so the moment it appears is the moment it was taken),
    and Linux's date is that wallclock plus the system time it was taken
    at (its printk timestamp), each within 5 s: Linux's time of day is the
    firmware's. (Comparing Linux's line with the moment it appears would
    measure Linux's console backlog: 10 s and more on a loaded host.)
    The timer interrupt count grew by at least 10 per second of a busy
    loop without system calls."""
    errs = []
    wpat = re.compile(r"\(XEN\) Wallclock: (\d+) s since 1970 \(UTC\) from")
    seen = [(t, wpat.match(ln)) for t, ln in res.line_times if wpat.match(ln)]
    m = re.search(r"\(d0\) \[\s*([\d.]+)\] dom0-test: date (\d+)", res.log)
    if not seen or not m:
        return ["no Wallclock line or no date line in the kernel log"]
    host, w = seen[0]
    wc = int(w.group(1))
    d_hv = wc - host
    d_linux = int(m.group(2)) - (wc + float(m.group(1)))
    print(f"    linuxdom0-time: wallclock {wc} at host {host:.1f} "
          f"({d_hv:+.1f} s); Linux's date {m.group(2)} at system time "
          f"{m.group(1)} s ({d_linux:+.1f} s from the wallclock)")
    if abs(d_hv) > WALLCLOCK_SLACK_S:
        errs.append(f"the hypervisor's wallclock is {d_hv:+.1f} s from the "
                    f"host's")
    if abs(d_linux) > WALLCLOCK_SLACK_S:
        errs.append(f"Linux's date is {d_linux:+.1f} s from the wallclock")
    m = re.search(r"dom0-test: busy loop ([\d.]+) -> ([\d.]+) s, timer0 "
                  r"interrupts (\d+) -> (\d+)", res.log)
    if not m:
        return errs + ["no busy-loop line"]
    secs = float(m.group(2)) - float(m.group(1))
    ticks = int(m.group(4)) - int(m.group(3))
    print(f"    linuxdom0-time: busy loop {secs:.2f} s, {ticks} timer "
          f"interrupts")
    if secs < 0.2 or ticks < 10 * secs:
        errs.append(f"{ticks} timer interrupts in a busy loop of "
                    f"{secs:.2f} s")
    return errs


STEPS = [
    (r"dom0-init: a shell on the console", f"echo hello-$(({N} + 1))\r"
     .encode()),
    (rf"\(d0\) hello-{N + 1}\r?\n", b"\x01\x01\x01"),
    (r"\(XEN\) \*\*\* Serial input to Xen", b"h"),
    (r"\(XEN\)  key 'h' \(ascii '68'\) => show this message",
     b"\x01\x01\x01"),
    # Searched from after the previous match: the second such line.
    (r"\(XEN\) \*\*\* Serial input to DOM0", b"poweroff -f\r"),
]


def check_interactive(res, sc):
    """What was typed reached the shell, and its answer the console."""
    errs = []
    if res.inputs_sent != len(STEPS):
        errs.append(f"typed {res.inputs_sent} of {len(STEPS)} steps; "
                    f"stuck waiting for {STEPS[res.inputs_sent][0]!r}")
    if not re.search(rf"\(d0\) hello-{N + 1}\r?$", res.log, re.M):
        errs.append(f"no (d0) hello-{N + 1} line")
    return errs


LINUXIRQ_SCENARIOS = [
    ld._sc("linuxdom0-time", "xen.efi", "time",
           [ld.check_poweroff, check_time],
           xen_options=ld.XEN_OPTIONS + " loglvl=all"),
    ld._sc("linuxdom0-interactive", "xen.efi", "shell",
           [ld.check_poweroff, check_interactive], serial_input=STEPS),
]
