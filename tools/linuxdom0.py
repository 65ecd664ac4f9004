#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Debian's Linux as dom0: the kernel and busybox-static fetched with
`apt-get download` into build/ (kept there: one download serves
`make run DOM0=linux` and every boot test), unpacked with `dpkg -x` into
build/linux-dom0/ (never installed), and a busybox initramfs.

The initramfs holds busybox, the project's Linux tools (build/tools-linux/,
`make tools-linux`), the xen-privcmd module and what it needs, and /init:
it mounts proc, sysfs and devtmpfs, loads the modules, prints the marker
line "dom0-init: user space up", runs /etc/dom0test/NAME when the kernel
command line says dom0test=NAME (the boot tests' scripts), and otherwise
starts a shell on the console.

    tools/linuxdom0.py fetch              prints the kernel's path
    tools/linuxdom0.py initramfs OUT      writes the initramfs (gzip cpio)
"""
import gzip
import os
import re
import stat
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(TOP, "build")
LINUX_DIR = os.path.join(BUILD, "linux-dom0")
KERNEL_DIR = os.path.join(LINUX_DIR, "kernel")
BUSYBOX_DIR = os.path.join(LINUX_DIR, "busybox")
TOOLS_DIR = os.path.join(BUILD, "tools-linux")
TOOLS = ["xen-info", "xen-esrt", "xen-e820", "xen-efimap"]
MARKER = "dom0-init: user space up"

INIT = """#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for m in %(modules)s; do
    insmod /lib/modules/$m.ko 2>/dev/null
done
echo "%(marker)s: Linux $(uname -r), $(grep -c . /proc/interrupts) lines in /proc/interrupts"
if [ -n "$dom0test" ] && [ -f "/etc/dom0test/$dom0test" ]; then
    . "/etc/dom0test/$dom0test"
fi
echo "dom0-init: a shell on the console; poweroff -f or reboot -f end the run"
exec setsid cttyhack sh
"""


def _run(args, cwd=None):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True,
                          timeout=600)


def glob_one(*parts):
    """The last (by name) file of directory parts[:-1] matching the
    pattern parts[-1] (with * as the only wildcard), or None."""
    d = os.path.join(*parts[:-1])
    if not os.path.isdir(d):
        return None
    hits = sorted(f for f in os.listdir(d)
                  if re.fullmatch(parts[-1].replace("*", ".*"), f))
    return os.path.join(d, hits[-1]) if hits else None


def kernel_package():
    """The generic amd64 kernel linux-image-amd64 stands for (the cloud
    flavour has no CONFIG_XEN_DOM0). apt's lists are read once more after
    an `apt-get update` when they do not know the package."""
    for attempt in (0, 1):
        r = _run(["apt-cache", "depends", "linux-image-amd64"])
        m = re.search(r"Depends: (linux-image-\S+-amd64)\b", r.stdout)
        if r.returncode == 0 and m:
            return m.group(1)
        if attempt == 0:
            _run(["apt-get", "update", "-qq"])
    raise OSError("apt-cache knows no linux-image-amd64: "
                  + (r.stderr.strip() or "no Depends line"))


def fetch_unpack(package, dest):
    """Downloads package's .deb into build/ unless one is there, and
    unpacks it into dest."""
    os.makedirs(BUILD, exist_ok=True)
    debs = [f for f in os.listdir(BUILD) if f.startswith(package + "_")]
    if not debs:
        r = _run(["apt-get", "download", package], cwd=BUILD)
        debs = [f for f in os.listdir(BUILD) if f.startswith(package + "_")]
        if r.returncode != 0 or not debs:
            why = (r.stderr.strip().splitlines() or ["no .deb"])[-1]
            raise OSError(f"{package} cannot be fetched: {why}")
    r = _run(["dpkg", "-x", os.path.join(BUILD, sorted(debs)[-1]), dest])
    if r.returncode != 0:
        raise OSError(f"{package} cannot be unpacked: {r.stderr.strip()}")


def fetch():
    """The kernel and busybox, fetched and unpacked once. Returns the
    path of the kernel (/boot/vmlinuz-*, the bzImage as Debian ships
    it); raises OSError when they cannot be had."""
    os.makedirs(LINUX_DIR, exist_ok=True)
    if not glob_one(KERNEL_DIR, "boot", "vmlinuz-*"):
        fetch_unpack(kernel_package(), KERNEL_DIR)
    if not os.path.exists(os.path.join(BUSYBOX_DIR, "bin", "busybox")):
        fetch_unpack("busybox-static", BUSYBOX_DIR)
    bz = glob_one(KERNEL_DIR, "boot", "vmlinuz-*")
    if not bz:
        raise OSError("the kernel package holds no /boot/vmlinuz-*")
    return bz


def find_module(name):
    """The path of module name (dashes or underscores) in the kernel
    package, or None."""
    want = name.replace("_", "-") + ".ko"
    for root, _, files in os.walk(os.path.join(KERNEL_DIR, "lib",
                                               "modules")):
        for f in files:
            if f.replace("_", "-") == want:
                return os.path.join(root, f)
    return None


def module_depends(path):
    """The modules path's .modinfo says it depends on."""
    with open(path, "rb") as f:
        m = re.search(rb"(?:^|\0)depends=([^\0]*)\0", f.read())
    return [d for d in (m.group(1).decode().split(",") if m else []) if d]


def module_order(name, seen=None):
    """name and what it needs, dependencies first (insmod order)."""
    seen = [] if seen is None else seen
    path = find_module(name)
    if not path:
        raise FileNotFoundError(f"module {name} not in the kernel package")
    for dep in module_depends(path):
        if dep not in seen:
            module_order(dep, seen)
    if name not in seen:
        seen.append(name)
    return seen


def cpio_newc(entries):
    """A newc cpio archive of (name, mode, data) entries."""
    out = bytearray()
    for ino, (name, mode, data) in enumerate(
            entries + [("TRAILER!!!", 0, b"")], 1):
        nb = name.encode() + b"\0"
        hdr = "070701" + "".join(f"{v:08x}" for v in (
            ino, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(nb), 0))
        out += hdr.encode() + nb
        out += b"\0" * (-len(out) % 4)
        out += data
        out += b"\0" * (-len(out) % 4)
    return bytes(out)


def initramfs(path, scripts=None, tools=True):
    """Writes the gzip'd initramfs to path: busybox, the Linux tools (when
    tools and they are built), xen-privcmd, /init and the test scripts
    (dict name -> shell text, run as /etc/dom0test/NAME)."""
    d, x = stat.S_IFDIR | 0o755, stat.S_IFREG | 0o755
    entries = [(n, d, b"") for n in ("bin", "dev", "proc", "sys", "etc",
                                     "etc/dom0test", "lib", "lib/modules",
                                     "tmp", "root")]
    with open(os.path.join(BUSYBOX_DIR, "bin", "busybox"), "rb") as b:
        entries.append(("bin/busybox", x, b.read()))
    for t in TOOLS if tools else []:
        p = os.path.join(TOOLS_DIR, t)
        if os.path.exists(p):
            with open(p, "rb") as b:
                entries.append((f"bin/{t}", x, b.read()))
    modules = module_order("xen-privcmd")
    for m in modules:
        with open(find_module(m), "rb") as b:
            entries.append((f"lib/modules/{m}.ko", stat.S_IFREG | 0o644,
                            b.read()))
    for name, text in sorted((scripts or {}).items()):
        entries.append((f"etc/dom0test/{name}", stat.S_IFREG | 0o644,
                        text.encode()))
    init = INIT % dict(modules=" ".join(modules), marker=MARKER)
    entries.append(("init", x, init.encode()))
    tmp = path + ".tmp"
    with open(tmp, "wb") as out:
        out.write(gzip.compress(cpio_newc(entries), 6, mtime=0))
    os.replace(tmp, path)
    return path


def main(argv):
    try:
        if argv[1:] == ["fetch"]:
            print(fetch())
            return 0
        if len(argv) == 3 and argv[1] == "initramfs":
            fetch()
            initramfs(argv[2])
            return 0
    except (OSError, subprocess.SubprocessError) as e:
        print(f"linuxdom0: {e}", file=sys.stderr)
        return 1
    print(__doc__.split("\n\n")[-1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
