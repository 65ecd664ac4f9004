# SPDX-License-Identifier: GPL-2.0-only
"""The Linux side of make bench-boot (bench/bench-boot.py): Debian's
kernel as the PV dom0 of this hypervisor and of Debian's Xen 4.17, side
by side.

Both boot the same ESP layout (tools/mkesp.sh): the hypervisor's xen.efi
as \\EFI\\BOOT\\BOOTX64.EFI, the same BOOTX64.cfg (options
"console=com1 com1=115200,8n1 dom0_mem=512M", default log levels), the
same kernel (linux-image-*-amd64, the generic flavour that
tools/linuxdom0.py fetches into build/linux-dom0/, its bzImage
as shipped) with "console=hvc0 earlyprintk=xen", and the same busybox
initramfs, whose /init prints a marker and powers off; QEMU q35, TCG,
1 GiB, OVMF with a fresh variable store.

Milestones are serial lines, timestamped on the host as they arrive and
counted from OVMF's "BdsDxe: starting Boot" (the firmware's hand-off to
the image). "Hand-off to dom0" is the hypervisor's last line before
dom0's first instruction: ours prints "Entering dom0 at ring 3" (and
stamps "dom0 entry" in its TSC timeline a moment later), Xen 4.17
"Freed NNNkB init memory" (init_done(), right before its idle loop runs
dom0). Xen writes dom0's console as it is, we prefix "(d0) "; the
patterns accept both.
"""
import gzip
import os
import re
import stat
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tools"))
import linuxdom0  # noqa: E402

MEM = "1G"
OPTIONS = "console=com1 com1=115200,8n1 dom0_mem=512M"
CMDLINE = "console=hvc0 earlyprintk=xen"
INIT_MARKER = "bench-init: /init running"
INIT = """#!/bin/busybox sh
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t sysfs sysfs /sys
/bin/busybox mount -t devtmpfs devtmpfs /dev
echo "%s"
/bin/busybox poweroff -f
""" % INIT_MARKER

D0 = rb"^(?:\(d0\) )?(?:\[[ \d.]+\] )?"

# (label, pattern for ours, pattern for Xen 4.17), in boot order.
MILESTONES = [
    ("hand-off to dom0", rb"\(XEN\) Entering dom0 at ring 3",
     rb"\(XEN\) Freed \d+kB init memory"),
    ("dom0's first line", D0 + rb"mapping kernel into physical memory",
     None),
    ("Linux banner", D0 + rb"Linux version \d", None),
    ("console [hvc0] enabled", D0 + rb"printk: console \[hvc0\] enabled",
     None),
    ("ACPI: Interpreter enabled", D0 + rb"ACPI: Interpreter enabled", None),
    ("PCI: Using host bridge windows", D0 +
     rb"PCI: Using host bridge windows from ACPI", None),
    ("ACPI: PCI Root Bridge", D0 + rb"ACPI: PCI Root Bridge \[", None),
    ("Run /init", D0 + rb"Run /init as init process", None),
    ("/init marker", D0 + INIT_MARKER.encode(), None),
]

# Where a run ends: ours powers off (QEMU exits); Xen 4.17 halts.
STOP = {"ours": rb"Boot complete: |\(XEN\) PANIC",
        "xen": rb"Hardware Dom0 halted|Hardware Dom0 crashed"}


def pattern(kind, i):
    label, ours, xen = MILESTONES[i]
    return re.compile(ours if kind == "ours" or xen is None else xen)


def prepare(work):
    """Fetches the kernel and busybox (tools/linuxdom0.py), builds the
    initramfs. Returns (vmlinuz, initrd) or raises OSError."""
    vmlinuz = linuxdom0.fetch("6.1")
    initrd = os.path.join(work, "linux-initrd.gz")
    d, f = stat.S_IFDIR | 0o755, stat.S_IFREG | 0o755
    entries = [(n, d, b"") for n in ("bin", "dev", "proc", "sys")]
    with open(os.path.join(linuxdom0.BUSYBOX_DIR, "bin", "busybox"),
              "rb") as b:
        entries.append(("bin/busybox", f, b.read()))
    entries.append(("init", f, INIT.encode()))
    with open(initrd, "wb") as out:
        out.write(gzip.compress(linuxdom0.cpio_newc(entries), 6, mtime=0))
    return vmlinuz, initrd


def make_esp(work, name, efi, vmlinuz, initrd, extra_options=""):
    """The ESP both hypervisors boot Linux from."""
    cfg = os.path.join(work, name + ".cfg")
    with open(cfg, "w") as f:
        f.write("[global]\ndefault=hv\n\n[hv]\n"
                f"options={OPTIONS}{extra_options}\n"
                f"kernel=vmlinuz {CMDLINE}\n"
                "ramdisk=initrd.gz\n")
    img = os.path.join(work, name + ".esp")
    subprocess.run([os.path.join(TOP, "tools", "mkesp.sh"), img, efi, cfg,
                    vmlinuz, "vmlinuz", initrd, "initrd.gz"], check=True)
    return img


def measure(kind, b, image_start):
    """{label: (wall seconds, QEMU CPU seconds) since image start} for the
    milestones one boot reached, plus "reached" (how many, in order)."""
    t0, c0 = b.first_times(image_start)
    if t0 is None:
        return None
    m = {"reached": 0}
    for i, (label, _, _) in enumerate(MILESTONES):
        t, c = b.first_times(pattern(kind, i))
        if t is None:
            break
        m[label] = (t - t0, c - c0)
        m["reached"] = i + 1
    return m
