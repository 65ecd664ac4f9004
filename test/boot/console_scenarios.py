#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot scenarios that type into the serial console (QEMU serves it on a
Unix socket, test/boot/qemu.py) while the small dom0 runs
dom0-console-echo (tools/dom0/console_echo.c), which prints every line
CONSOLEIO_read gave it:

  - a line typed reaches dom0 whole (hello-<random number>);
  - one or two Ctrl-As followed by other keys are ordinary input;
  - Ctrl-A three times switches input to the hypervisor ("*** Serial input
    to Xen"), whose 'h' lists its keys, '0' dumps dom0's registers and 't'
    shows the clocks, none of which reaches dom0; three more switch back;
  - "quit" ends the tool and dom0 powers off.

The same runs with the UART polled from the timer every 20 ms instead
of its interrupt (Xen's com1=...,0).

    test/boot/run.py dom0-console-bios dom0-console-xen-efi \
        dom0-console-poll-bios
"""
import random
import re

import dom0_scenarios

ECHO_CMDLINE = "console=hvc0 dom0-console-echo xen-version"
HELLO = f"hello-{random.randint(10000, 99999)}"

STEPS = [
    (r"\(d0\) console-echo: ready", HELLO.encode() + b"\r"),
    (r"\(d0\) console-echo: line '" + HELLO + "'", b"a\x01\x01b\r"),
    (r"\(d0\) console-echo: line 'a\.\.b' \(61 01 01 62\)",
     b"\x01\x01\x01"),
    (r"\(XEN\) \*\*\* Serial input to Xen \(type 'CTRL-a' three times to "
     r"switch input\)", b"h"),
    (r"\(XEN\)  key 't' \(ascii '74'\) => display the clocks", b"0"),
    (r"\(XEN\) dom0 R13: ", b"t"),
    (r"\(XEN\) dom0 system time \d+\.\d{9} s, wallclock \d+ s \(UTC\) at "
     r"system time 0, \d+ timer interrupts", b"\x01\x01\x01"),
    (r"\(XEN\) \*\*\* Serial input to DOM0 \(type 'CTRL-a' three times to "
     r"switch input\)", b"quit\r"),
]


IOAPIC_LINE = (r"\(XEN\) Console input: com1 \(0x3f8\) IRQ 4, GSI 4 through "
               r"the I/O APIC at 0xfec00000, vector 0x40")
POLL_LINE = (r"\(XEN\) Console input: com1 \(0x3f8\) polled every 20 ms "
             r"\(IRQ 0 asks for polling\)")


def check_console(res, sc):
    """Every step was typed and answered; what went to the hypervisor did
    not reach dom0; dom0 went on and powered off."""
    errs = []
    if res.inputs_sent != len(STEPS):
        errs.append(f"typed {res.inputs_sent} of {len(STEPS)} steps; "
                    f"stuck waiting for {STEPS[res.inputs_sent][0]!r}")
    for pat in (sc.get("input_line", IOAPIC_LINE),
                r"\(XEN\) 'h' pressed -> showing installed handlers",
                r"\(XEN\)  key 'h' \(ascii '68'\) => show this message",
                r"\(XEN\) '0' pressed -> dumping Dom0's registers",
                r"\(d0\) console-echo: line 'quit' \(71 75 69 74\)",
                r"\(d0\) console-echo: done \(close rc=0\)",
                r"\(d0\) xen-version: 4\.17"):
        if not re.search(pat, res.log):
            errs.append(f"no line matching {pat!r}")
    for line in res.log.splitlines():
        if line.startswith("(d0) console-echo: line") and \
                not re.search(rf"'({HELLO}|a\.\.b|quit)'", line):
            errs.append(f"dom0 read what it should not have: {line!r}")
    # Two "Serial input to DOM0" lines: at dom0's start and after the keys.
    if len(re.findall(r"\*\*\* Serial input to DOM0", res.log)) != 2:
        errs.append("not exactly two 'Serial input to DOM0' lines")
    return errs + dom0_scenarios.check_stop(res, sc, "0 (poweroff)")


def scenarios(common_checks):
    """The console-input scenarios, with run.py's checks for every boot."""
    return [
        dict(name="dom0-console-bios", loader="grub-bios", mem="256M",
             cmdline="console=com1 loglvl=all",
             modules=[(dom0_scenarios.DOM0, ECHO_CMDLINE)],
             entry="multiboot2 (BIOS)", serial_input=STEPS,
             checks=common_checks + [check_console], timeout=150),
        # Xen's com1=...,0: no interrupt, the UART polled from the timer.
        dict(name="dom0-console-poll-bios", loader="grub-bios", mem="256M",
             cmdline="console=com1 com1=115200,8n1,0x3f8,0 loglvl=all",
             modules=[(dom0_scenarios.DOM0, ECHO_CMDLINE)],
             entry="multiboot2 (BIOS)", serial_input=STEPS,
             input_line=POLL_LINE,
             checks=common_checks + [check_console], timeout=150),
        dict(name="dom0-console-xen-efi", loader="xen.efi", mem="512M",
             cfg=dom0_scenarios.DOM0_CFG.replace(
                 dom0_scenarios.DOM0_CMDLINE, ECHO_CMDLINE),
             files=[("dom0.gz", dom0_scenarios.DOM0), ("initrd.img", 3001)],
             entry="xen.efi (EFI)", serial_input=STEPS,
             checks=common_checks + [check_console], timeout=240),
    ]
